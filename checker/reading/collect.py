"""Which files a ``vardval check PATH…`` call means: files as given, folders walked safely.

Nothing named or found is dropped without a word. Each path yields ``(path, None)`` when it is
a file to check, or ``(path, why)`` when it cannot be used: missing, a broken or looping
symbolic link, unreadable, or not a regular file (a FIFO or device is reported, never opened,
since reading it could wait for ever). Folders are walked in name order, a folder's files
before its subfolders, without recursion (any depth is fine); symbolic links inside the folder
given are followed, but a folder is entered once only, so a link loop ends with a message, and a
link leading out of the folder given is reported, not followed (a file named explicitly is
read wherever it is). Inside folders only names
ending in .yaml, .yml or .json count (hidden files and other files are left alone); a file
named explicitly is always tried.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from vardval.checker.reading.files import not_regular, os_problem

SUFFIXES = (".yaml", ".yml", ".json")

Found = tuple[str, str | None]


class Skipped(str):
    """A ``why`` that is no fault of the input: a folder named or reached twice, walked once.

    Every other ``why`` means the input could not be read, which ``vardval check`` reports
    and answers with exit status 2.
    """

    __slots__ = ()


def submission_files(paths: Iterable[str]) -> Iterator[Found]:
    """Yield ``(path, None)`` for each submission file, or ``(path, why)`` when unusable.

    Example:
        >>> from vardval.checker.reading.collect import submission_files
        >>> list(submission_files(["no/such/file.yaml"]))
        [('no/such/file.yaml', 'no such file or folder')]
    """
    walker = _Walker()
    for raw in paths:
        try:
            info = os.stat(raw)
        except OSError as exc:
            yield raw, os_problem(exc, raw)
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from walker.walk(raw, info)
        else:
            yield raw, not_regular(info.st_mode)


@dataclass
class _Walker:
    """Walks folders with an explicit stack, remembering every folder entered (by inode)."""

    seen: dict[tuple[int, int], str] = field(default_factory=dict)

    def walk(self, top: str, info: os.stat_result) -> Iterator[Found]:
        root = os.path.realpath(top)
        stack = [(top, info)]
        while stack:
            folder, folder_info = stack.pop()
            key = _identity(folder_info)
            if key in self.seen:
                yield folder, _revisit(folder, self.seen[key])
                continue
            self.seen[key] = folder
            files, folders = _scan(folder, root)
            yield from files
            stack.extend(reversed(folders))


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _revisit(folder: str, first: str) -> Skipped:
    if first == folder:
        return Skipped("already walked (this folder is named more than once); its files are "
                       "checked once")
    if os.path.islink(folder):
        return Skipped(f"symbolic link to a folder already walked as '{first}' (a link loop "
                       "or a second way in); skipped so no file is checked twice")
    return Skipped(f"folder already walked as '{first}'; skipped so no file is checked twice")


def _scan(folder: str, root: str) -> tuple[list[Found], list[tuple[str, os.stat_result]]]:
    """One folder's submission files (and unusable entries) and subfolders, in name order.

    A symbolic link leading out of ``root`` (the folder given) is reported, not followed: a
    folder of submissions must not make vardval read (and quote) files elsewhere.
    """
    files: list[Found] = []
    folders: list[tuple[str, os.stat_result]] = []
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        return [(folder, "cannot read the folder: " + os_problem(exc, folder))], []
    for name in names:
        path = os.path.join(folder, name)
        try:
            info = os.stat(path)
        except OSError as exc:
            if _wanted(name) or exc.errno == errno.ELOOP:
                files.append((path, os_problem(exc, path)))
            continue
        outside = _leads_outside(path, root)
        if outside is not None:
            if _wanted(name) or stat.S_ISDIR(info.st_mode):
                files.append((path, outside))
        elif stat.S_ISDIR(info.st_mode):
            folders.append((path, info))
        elif _wanted(name):
            files.append((path, not_regular(info.st_mode)))
    return files, folders


def _leads_outside(path: str, root: str) -> str | None:
    """Why a symbolic link is not followed (it leads out of the folder given), or None."""
    if not os.path.islink(path):
        return None
    target = os.path.realpath(path)
    if target == root or target.startswith(root.rstrip(os.sep) + os.sep):
        return None
    return (f"symbolic link to '{os.readlink(path)}', outside the folder given; not followed "
            "(name the file itself to check it)")


def _wanted(name: str) -> bool:
    return name.endswith(SUFFIXES) and not name.startswith(".")
