"""Where a report goes: ``-o FILE`` replaced atomically, special files written in place.

The rules, also in ``vardval check --help``:

* A regular file (or a new name) is written to a hidden temporary file beside it and renamed
  over it only when complete; an interrupted run (Ctrl-C, SIGTERM, SIGHUP, a full disk) leaves
  the old report whole and no temporary file behind.
* A symbolic link is followed: the file it points to is replaced and the link stays a link.
* A character device (``/dev/null``, a terminal) or a named pipe is written in place, as a shell
  redirection would; it is never replaced by a file. A block device, a socket or a folder is
  refused.
* ``-o`` naming one of the inputs (a submission, a mapping or overlay file, a SQLite results
  store, or a file under a rules folder) is refused before anything is read, by every command.
* A failed write (disk full, name too long, read-only) is a plain error, exit 2.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NoReturn, TextIO

from vardval.checker.errors import OutputError
from vardval.checker.formatting import printable
from vardval.dsl import reasons
from vardval.dsl.errors import Diagnostic

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from types import FrameType

_WORDS = {
    "sv": {"cannot": "kan inte skriva rapporten till", "stdout": "standard output",
           "hint": "ange -o med ett filnamn i en befintlig mapp där du får skriva",
           "input": "det är en av indatafilerna ({}); rapporten skulle skriva över den",
           "input_hint": "ange -o med ett annat filnamn än filerna som kontrolleras",
           "folder": "det är en mapp", "block": "det är en blockenhet",
           "socket": "det är en socket",
           errno.ENOSPC: "disken är full", errno.ENAMETOOLONG: "filnamnet är för långt",
           errno.EROFS: "filsystemet är skrivskyddat", errno.EACCES: "åtkomst nekad",
           errno.EPERM: "åtkomst nekad", errno.ENOENT: "mappen finns inte",
           errno.ENOTDIR: "en del av sökvägen är inte en mapp", errno.EDQUOT: "kvoten är slut",
           errno.ELOOP: "en symbolisk länk leder tillbaka till sig själv"},
    "en": {"cannot": "cannot write the report to", "stdout": "standard output",
           "hint": "give -o a file name in an existing, writable folder",
           "input": "it is one of the inputs ({}); the report would overwrite it",
           "input_hint": "give -o a file name other than the files being checked",
           "folder": "it is a folder", "block": "it is a block device",
           "socket": "it is a socket",
           errno.ENOSPC: "the disk is full", errno.ENAMETOOLONG: "the file name is too long",
           errno.EROFS: "the file system is read-only", errno.EACCES: "permission denied",
           errno.EPERM: "permission denied", errno.ENOENT: "the folder does not exist",
           errno.ENOTDIR: "part of the path is not a folder", errno.EDQUOT: "the quota is used up",
           errno.ELOOP: "a symbolic link leads back to itself"},
}


class OsReason(reasons.Reason):
    """Why the system refused a write (``errno``), in each language; its own words else."""

    TABLE: ClassVar[dict[str, tuple[str, str]]] = {
        "verbatim": ("{0}", "{0}"),
        **{str(code): (str(_WORDS["sv"][code]), str(_WORDS["en"][code]))
           for code in _WORDS["en"] if isinstance(code, int)}}


def os_reason(exc: OSError) -> OsReason:
    """``exc`` as words: ``disken är full`` / ``the disk is full``, else the system's text.

    Example:
        >>> os_reason(OSError(errno.ENOSPC, "No space left on device")).words("sv")
        'disken är full'
    """
    if exc.errno is not None and str(exc.errno) in OsReason.TABLE:
        return OsReason(str(exc.errno))
    return OsReason("verbatim", (exc.strerror or type(exc).__name__,))


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived: unwind like Ctrl-C (cleaning up), exit 128 + the signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.exit_code = 128 + signum


def _refuse(target: str, why: str, lang: str, hint: str | None = None) -> NoReturn:
    """A report that cannot be written is the user's to fix: exit 2, not a crash."""
    words = _WORDS.get(lang, _WORDS["en"])
    message = f"vardval: {words['cannot']} '{_shown(target)}': {why}"
    raise OutputError([Diagnostic("unwritable-output", message, None, hint or words["hint"])])


def _shown(path: str) -> str:
    return printable(path)


def _why(exc: OSError, lang: str) -> str:
    words = _WORDS.get(lang, _WORDS["en"])
    found = words.get(exc.errno) if exc.errno is not None else None
    return str(found) if found else (exc.strerror or type(exc).__name__)


def refuse_inputs(output: str | None, inputs: Iterable[str], lang: str = "en") -> None:
    """Refuse ``-o`` naming one of ``inputs`` (files or folders whose files are inputs)."""
    if output is None:
        return
    target = os.path.realpath(output)
    target_id = _identity(target)
    for given in inputs:
        real = os.path.realpath(given)
        if target == real or (target_id is not None and target_id == _identity(real)) or (
                os.path.isdir(real) and target.startswith(real.rstrip(os.sep) + os.sep)
                and _is_input_name(target)):
            words = _WORDS.get(lang, _WORDS["en"])
            _refuse(output, words["input"].format(_shown(given)), lang, words["input_hint"])


def store_files(url: str | None) -> list[str]:
    """The files of a SQLite results store (``--store PATH``), which ``-o`` may not name: the
    database and the journal files SQLite keeps beside it. A server's URL has none."""
    if url is None or "://" in url:
        return []
    return [url, *(url + suffix for suffix in ("-wal", "-shm", "-journal"))]


def refuse_inside(output: str | None, folder: Path, lang: str = "en") -> None:
    """Refuse ``-o`` anywhere under ``folder`` (the rules: every file there may be read)."""
    if output is None:
        return
    target, real = os.path.realpath(output), os.path.realpath(folder)
    if target.startswith(real.rstrip(os.sep) + os.sep):
        words = _WORDS.get(lang, _WORDS["en"])
        _refuse(output, words["input"].format(_shown(str(folder))), lang, words["input_hint"])


def _is_input_name(path: str) -> bool:
    """Whether a folder walk would take this file as a submission (see ``reading.collect``)."""
    name = os.path.basename(path)
    return name.endswith((".yaml", ".yml", ".json")) and not name.startswith(".")


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


@contextlib.contextmanager
def output_to(path: str | None, stdout: TextIO, lang: str = "en") -> Iterator[TextIO]:
    """``stdout`` when no path is given, else the report file at ``path`` (rules above)."""
    if path is None:
        with _plain_errors("-", lang, stdout):
            yield stdout
            stdout.flush()
        return
    target = os.path.realpath(path)  # a link is followed: its target is what gets written
    try:
        mode = os.stat(target).st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        with _in_place(path, target, mode, lang) as out:
            yield out
        return
    with atomic_output(target, lang, shown=path) as out:
        yield out


@contextlib.contextmanager
def _in_place(path: str, target: str, mode: int, lang: str) -> Iterator[TextIO]:
    words = _WORDS.get(lang, _WORDS["en"])
    if stat.S_ISDIR(mode):
        _refuse(path, words["folder"], lang)
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        _refuse(path, words["block" if stat.S_ISBLK(mode) else "socket"], lang)
    try:
        out = open(target, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - closed by the with below
    except OSError as exc:
        _refuse(path, _why(exc, lang), lang)
    with _plain_errors(path, lang), out:  # closing flushes: a failure there is plain too
        yield out


@contextlib.contextmanager
def _plain_errors(path: str, lang: str, stdout: TextIO | None = None) -> Iterator[None]:
    """An ``OSError`` while writing becomes a plain ``OutputError``; a closed pipe passes on."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        if stdout is not None:
            discard(stdout)
        _refuse(_WORDS.get(lang, _WORDS["en"])["stdout"] if path == "-" else path,
                _why(exc, lang), lang)


def discard(stream: TextIO) -> None:
    """Point a failed stream's descriptor at /dev/null so the final flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], lang: str = "en", *,
                  shown: str | None = None) -> Iterator[TextIO]:
    """A text file that replaces ``path`` only when the block completes.

    On any exception (also ``KeyboardInterrupt``, SIGTERM and SIGHUP) the temporary file is
    removed and ``path`` keeps its old content.

    Example:
        >>> import pathlib, tempfile
        >>> from vardval.checker.report.destination import atomic_output
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "report.txt"
        >>> with atomic_output(target) as out:
        ...     _ = out.write("done\\n")
        >>> target.read_text()
        'done\\n'
    """
    import tempfile  # noqa: PLC0415 - only when a report is written to a file

    target = Path(path)
    name = shown or str(target)
    if os.path.isdir(target):
        _refuse(name, _WORDS.get(lang, _WORDS["en"])["folder"], lang)
    temp: str | None = None
    with terminations_unwind():  # before the temporary file exists: a signal never leaves it
        try:
            with _signals_held():  # a signal now is handled once ``temp`` is known
                try:  # a short name: the target's own may be as long as the file system allows
                    fd, temp = tempfile.mkstemp(prefix=".vardval-", suffix=".tmp",
                                                dir=target.parent)
                except OSError as exc:
                    _refuse(name, _why(exc, lang), lang)
            with _plain_errors(name, lang):
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
                    yield out
                    out.flush()
                    os.fsync(out.fileno())
                os.chmod(temp, _default_mode(target))
                os.replace(temp, target)
        except BaseException:
            if temp is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temp)
            raise
    _sync_folder(target.parent)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP wait until the block ends (where the platform can hold them)."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    wanted = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
              if hasattr(signal, name)}
    held = signal.pthread_sigmask(signal.SIG_BLOCK, wanted)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


@contextlib.contextmanager
def terminations_unwind() -> Iterator[None]:
    """Within the block SIGTERM and SIGHUP raise ``Terminated``, so that it unwinds as Ctrl-C
    does (the report's temporary file goes, ``--jobs`` workers are stopped).

    A process forked meanwhile that still has this handler owns no report: it ends quietly
    instead of unwinding into a traceback (``--jobs`` workers replace it before any signal
    can reach them).
    """
    owner = os.getpid()

    def unwind(signum: int, _frame: FrameType | None) -> None:
        if os.getpid() != owner:
            os._exit(128 + signum)
        raise Terminated(signum)

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    try:
        previous = {signum: signal.signal(signum, unwind) for signum in wanted}
    except ValueError:  # not the main thread: signals cannot be caught here
        previous = {}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _default_mode(target: Path) -> int:
    """Keep an existing report's mode; a new one gets what ``open`` would give (umask)."""
    with contextlib.suppress(FileNotFoundError):
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (POSIX)."""
    if sys.platform == "win32":  # pragma: no cover - directories cannot be opened there
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
