"""Reading input files safely: regular files only, never more than a size limit.

Submissions and rule files come from outside. A path may name a FIFO or a device (reading it
could wait for ever or never end), a symbolic link loop, a file that is not ours to read, or
something far too large. Every such case becomes a ``ReadRefused`` whose text says, in plain
words, what the path is and why it was not read; nothing else escapes from here.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import hashlib
import os
import stat
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

from vardval.checker.errors import RuleLoadError
from vardval.checker.reading.refusals import Refusal
from vardval.dsl.errors import Diagnostic
from vardval.dsl.spans import Span

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

DEFAULT_MAX_BYTES = 5_000_000
MAX_RULE_FILE_BYTES = 1_000_000
SUBMISSION_ADVICE = Refusal("submission-advice")
RULE_FILE_ADVICE = Refusal("rule-file-advice")
_CHUNK = 1 << 16
# Non-blocking: opening a FIFO (swapped in after the check) returns at once instead of waiting.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)

_WAITS = Refusal("waits")
_KINDS = (
    (stat.S_ISFIFO, Refusal("fifo"), _WAITS),
    (stat.S_ISCHR, Refusal("character-device"), _WAITS),
    (stat.S_ISBLK, Refusal("block-device"), _WAITS),
    (stat.S_ISSOCK, Refusal("socket"), _WAITS),
    (stat.S_ISDIR, Refusal("folder"), Refusal("name-files")),
)


class ReadRefused(Exception):
    """The file was not read; ``said`` says why in each language, ``str(exc)`` in English."""

    def __init__(self, said: Refusal) -> None:
        self.said = said
        super().__init__(said.words("en"))


class TooLarge(ReadRefused):
    """The file is over the size limit: readable, but refused as a submission."""


def not_regular(mode: int) -> str | None:
    """Why a path with this ``st_mode`` must not be read as a file, or None when it may.

    Example:
        >>> import stat
        >>> from vardval.checker.reading.files import not_regular
        >>> not_regular(stat.S_IFIFO | 0o644)
        'it is a named pipe (FIFO), not a regular file; skipped (reading it could wait for ever)'
        >>> not_regular(stat.S_IFREG | 0o644) is None
        True
    """
    refusal = irregular(mode)
    return None if refusal is None else refusal.words("en")


def irregular(mode: int) -> Refusal | None:
    """``not_regular``'s refusal, in every language."""
    if stat.S_ISREG(mode):
        return None
    kind, why = next(((k, w) for test, k, w in _KINDS if test(mode)),
                     (Refusal("special"), _WAITS))
    return Refusal("not-regular", (kind, why))


def os_problem(exc: OSError, path: str | os.PathLike[str]) -> str:
    """An ``OSError`` met on ``path`` in plain words.

    Example:
        >>> import errno
        >>> from vardval.checker.reading.files import os_problem
        >>> os_problem(OSError(errno.ELOOP, "Too many levels of symbolic links"), "a.yaml")
        'symbolic link loop: the link leads (through other links) back to itself'
    """
    return os_refusal(exc, path).words("en")


def os_refusal(exc: OSError, path: str | os.PathLike[str]) -> Refusal:
    """``os_problem``'s refusal, in every language."""
    code = exc.errno
    if code == errno.ENOENT:
        return _missing(path)
    if code == errno.ELOOP:
        return Refusal("link-loop")
    if code in (errno.EACCES, errno.EPERM):
        return Refusal("denied")
    return Refusal("unreadable", (str(exc.strerror or exc),))


def _missing(path: str | os.PathLike[str]) -> Refusal:
    if os.path.islink(path):
        return Refusal("broken-link", (os.readlink(path),))
    return Refusal("missing")


def read_bounded(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, *,
                 advice: str | Refusal = SUBMISSION_ADVICE) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; ``ReadRefused`` otherwise.

    The file is opened without blocking and checked again once open, so a file swapped for a
    FIFO between the check and the read cannot hang the run.

    Example:
        >>> import pathlib, tempfile
        >>> from vardval.checker.reading.files import ReadRefused, read_bounded
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> (folder / "a.yaml").write_bytes(b"a: 1\\n")
        5
        >>> read_bounded(folder / "a.yaml")
        b'a: 1\\n'
        >>> read_bounded(folder / "a.yaml", max_bytes=4)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        vardval.checker.reading.files.TooLarge: the file is 5 bytes; the limit is 4 ...
    """
    try:
        info = os.stat(path)
        _check_kind(info.st_mode, max_bytes, info.st_size, advice)
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise ReadRefused(os_refusal(exc, path)) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        _check_kind(info.st_mode, max_bytes, info.st_size, advice)
        return _read_at_most(handle, max_bytes, advice)


def _check_kind(mode: int, max_bytes: int, size: int, advice: str | Refusal) -> None:
    why = irregular(mode)
    if why is not None:
        raise ReadRefused(why)
    if size > max_bytes:
        raise TooLarge(too_large(str(size), max_bytes, advice))


def _read_at_most(handle: BinaryIO, max_bytes: int, advice: str | Refusal) -> bytes:
    chunks, total = [], 0
    while total <= max_bytes:
        chunk = handle.read(min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > max_bytes:  # it grew after the check
        raise TooLarge(too_large(Refusal("more-than", (str(max_bytes),)), max_bytes, advice))
    return b"".join(chunks)


def too_large(size: str | Refusal, limit: int, advice: str | Refusal) -> Refusal:
    """The size-limit refusal."""
    return Refusal("too-large", (size, str(limit), advice))


@dataclass
class Reads:
    """What ``rule_text`` read while recording: each file's SHA-256 and decoded text.

    The load cache keys an entry on the digests of the very bytes that were parsed, and lint
    quotes lines from the very text, so neither reads a file a second time.
    """

    digests: dict[str, bytes] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)


_RECORDING: contextvars.ContextVar[Reads | None] = contextvars.ContextVar("reads", default=None)


@contextlib.contextmanager
def recording() -> Iterator[Reads]:
    """Record every rule file read in the block (by path and by the name messages use)."""
    reads = Reads()
    token = _RECORDING.set(reads)
    try:
        yield reads
    finally:
        _RECORDING.reset(token)


def digest(raw: bytes) -> bytes:
    """The content digest the load cache keys on."""
    return hashlib.sha256(raw).digest()


def rule_text(path: Path, filename: str, max_bytes: int = MAX_RULE_FILE_BYTES) -> str:
    """The text of a rule, parameter or source file; a located ``VardvalError`` if unusable.

    Example:
        >>> import pathlib
        >>> from vardval.checker.reading.files import rule_text
        >>> rule_text(pathlib.Path("no/such/rules.yaml"), "rules.yaml")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        vardval.checker.errors.RuleLoadError: rules.yaml:1:1: cannot read the rule file: no such ...
    """
    try:
        raw = read_bounded(path, max_bytes, advice=RULE_FILE_ADVICE)
    except ReadRefused as exc:
        from vardval.checker.reading.file_words import FileSaid  # noqa: PLC0415 - errors only

        span = Span(filename, 1, 1, 1, 2)
        said = FileSaid("unreadable-rule-file", (exc.said,))
        raise RuleLoadError([Diagnostic.worded("unreadable-file", said, span)]) from None
    reads = _RECORDING.get()
    if reads is not None:
        reads.digests[str(path)] = digest(raw)
        with contextlib.suppress(UnicodeDecodeError):  # NUL bytes and all: quoted as they are
            reads.texts[filename] = raw.decode("utf-8")
    from vardval.checker.reading import strict_yaml  # noqa: PLC0415 - rule files only

    text: str = strict_yaml.decode_text(raw, filename)
    return text
