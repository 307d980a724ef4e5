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

Files are yielded as they are found, so the first is checked before a big folder is read to the
end, and memory does not grow with the files: a folder's names are sorted in bounded memory
(``sorted_names``); what is kept is a name per subfolder still to walk and per folder entered.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from vardval.checker.reading.files import irregular, os_refusal
from vardval.checker.reading.refusals import REFUSALS, Refusal
from vardval.checker.reading.sorted_names import sorted_names

SUFFIXES = (".yaml", ".yml", ".json")

Found = tuple[str, Refusal | None]


@dataclass(frozen=True, slots=True)
class Skipped(Refusal):
    """A ``why`` that is no fault of the input: a folder named or reached twice, walked once.

    Every other ``why`` means the input could not be read, which ``vardval check`` reports
    and answers with exit status 2.
    """

    TABLE: ClassVar[dict[str, tuple[str, str]]] = REFUSALS


def submission_files(paths: Iterable[str]) -> Iterator[Found]:
    """Yield ``(path, None)`` for each submission file, or ``(path, why)`` when unusable.

    Example:
        >>> from vardval.checker.reading.collect import submission_files
        >>> [(path, why.words("sv")) for path, why in submission_files(["no/such/file.yaml"])]
        [('no/such/file.yaml', 'filen eller mappen finns inte')]
    """
    walker = _Walker()
    for raw in paths:
        try:
            info = os.stat(raw)
        except OSError as exc:
            yield raw, os_refusal(exc, raw)
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from walker.walk(raw, info)
        else:
            yield raw, irregular(info.st_mode)


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
            folders: list[tuple[str, os.stat_result]] = []
            yield from _scan(folder, root, folders)
            stack.extend(reversed(folders))


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _revisit(folder: str, first: str) -> Skipped:
    if first == folder:
        return Skipped("walked-twice")
    if os.path.islink(folder):
        return Skipped("link-walked", (first,))
    return Skipped("folder-walked", (first,))


def _scan(folder: str, root: str, folders: list[tuple[str, os.stat_result]]) -> Iterator[Found]:
    """One folder's submission files (and unusable entries) as they come, in name order; its
    subfolders are added to ``folders``, in name order, to be walked after the files.

    The names are read lazily and sorted in bounded memory (``sorted_names``), so a folder of
    100,000 files costs no more memory than one of 1,000. A symbolic link leading out of
    ``root`` (the folder given) is reported, not followed: a folder of submissions must not
    make vardval read (and quote) files elsewhere.
    """
    try:
        for name in sorted_names(_names(folder)):
            found = _entry(os.path.join(folder, name), name, root, folders)
            if found is not None:
                yield found
    except _Unreadable as exc:
        yield folder, Refusal("folder-unreadable", (os_refusal(exc.error, folder),))


class _Unreadable(Exception):
    """The folder could not be listed (raised from inside the lazy listing)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


def _names(folder: str) -> Iterator[str]:
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                yield entry.name
    except OSError as exc:
        raise _Unreadable(exc) from exc


def _entry(path: str, name: str, root: str,
           folders: list[tuple[str, os.stat_result]]) -> Found | None:
    """What one name of a folder is: a file to check, an unusable one, a subfolder or nothing."""
    try:
        info = os.stat(path)
    except OSError as exc:
        if _wanted(name) or exc.errno == errno.ELOOP:
            return path, os_refusal(exc, path)
        return None
    outside = _leads_outside(path, root)
    if outside is not None:
        return (path, outside) if _wanted(name) or stat.S_ISDIR(info.st_mode) else None
    if stat.S_ISDIR(info.st_mode):
        folders.append((path, info))
        return None
    return (path, irregular(info.st_mode)) if _wanted(name) else None


def _leads_outside(path: str, root: str) -> Refusal | None:
    """Why a symbolic link is not followed (it leads out of the folder given), or None."""
    if not os.path.islink(path):
        return None
    target = os.path.realpath(path)
    if target == root or target.startswith(root.rstrip(os.sep) + os.sep):
        return None
    return Refusal("link-outside", (os.readlink(path),))


def _wanted(name: str) -> bool:
    return name.endswith(SUFFIXES) and not name.startswith(".")
