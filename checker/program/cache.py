"""The load cache: a corpus parsed, checked and compiled once, reused while its files are unchanged.

Key: the SHA-256 of exactly the files the loader reads (``corpus.layout``: sources, parameter
files, rulebooks; each read bounded like the loader reads it, as regular files only), with their
names, plus the vardval version and code, the Python version, and the folder and working
directory (rule file names in messages are relative to the latter). An entry is stored under the
key of the very bytes the loader parsed (``reading.recording``), so a file saved while loading
is never cached under its new content, a link's target is read like any file, and a corpus
with a stray file (``.yml``, a nested folder) or a file that cannot be read is never cached at
all (the loader reports it). The few newest entries are kept; leftovers of interrupted stores
are pruned. A process whose own code changed on disk after import stays away from the cache.

Location: ``$VARDVAL_CACHE_DIR``, else ``$XDG_CACHE_HOME/vardval``, else ``~/.cache/vardval``;
``VARDVAL_NO_CACHE=1`` turns it off; with no home folder at all (``HOME`` unset and no passwd
entry, as in containers run under an arbitrary user id) it is off and ``unavailable`` says why.

Trust: an entry is a pickle of the ``RuleSet`` and its ``Program`` (the compiled rules as their
generated source and bytecode), and unpickling runs code chosen by whoever wrote the file. So
every entry carries an HMAC-SHA-256 made with a secret key that only this user holds, kept
*beside* the cache folder, not in it (``~/.cache/vardval.key``, mode 0600, made on first use):
an entry written by anyone else (a CI cache restored from another branch, another user) fails
the check and is rebuilt without being unpickled. Entries are also only read from a folder and
files owned by the current user that no one else may write (POSIX). Restore or share the cache
folder if you like; never the key.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import stat
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import vardval.dsl
from vardval import __version__
from vardval.checker.collector import paused
from vardval.checker.corpus import layout
from vardval.checker.reading import files as reading

if TYPE_CHECKING:
    from collections.abc import Mapping

    from vardval.checker.corpus import RuleSet
    from vardval.checker.program.units import Program

CHECKER_TREE = Path(__file__).resolve().parents[1]  # the vardval.checker package folder

MAGIC = b"vardval-ruleset-cache-3\n"
_IMPORTED_AT = time.time()
KEEP = 8
STALE_SECONDS = 600  # a temporary file this old is a leftover of an interrupted store
_CODE_SUFFIXES = (".py", ".lark", ".json")
_MAC_BYTES = 32
_CODE_DIGEST: list[bytes] = []  # made once (``_code_digest``)
_NO_HOME = {
    "sv": "obs: ingen hemmapp (HOME är inte satt och användaren saknas i passwd), så "
          "regelcachen används inte; sätt HOME eller VARDVAL_CACHE_DIR för att snabba upp",
    "en": "note: no home folder (HOME is unset and the user has no passwd entry), so the rule "
          "cache is off; set HOME or VARDVAL_CACHE_DIR to speed things up",
}


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is turned off or there is no home folder.

    Example:
        >>> import os
        >>> from vardval.checker.program.cache import cache_dir
        >>> os.environ["VARDVAL_CACHE_DIR"] = "/tmp/vv-cache"
        >>> str(cache_dir())
        '/tmp/vv-cache'
        >>> del os.environ["VARDVAL_CACHE_DIR"]
    """
    if os.environ.get("VARDVAL_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get("VARDVAL_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = _home()
        if home is None:
            return None
        base = str(home / ".cache")
    return Path(base) / "vardval"


def _home() -> Path | None:
    try:
        return Path.home()
    except (RuntimeError, KeyError, OSError):  # no HOME and no passwd entry for this uid
        return None


def unavailable(lang: str = "sv") -> str | None:
    """Why there is no cache although nobody turned it off (no home folder), or None."""
    off = os.environ.get("VARDVAL_NO_CACHE", "") not in ("", "0")
    if off or os.environ.get("VARDVAL_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME"):
        return None
    return _NO_HOME.get(lang, _NO_HOME["en"]) if _home() is None else None


def entry_path(directory: Path) -> Path | None:
    """The entry of the corpus in ``directory`` as its files are now; None when not caching.

    The files are read as the loader reads them (bounded, regular files only); one that cannot
    be read, or a stray, means no caching: the loader then reports it with its place.
    """
    folder = active_folder()
    return None if folder is None else entry_in(folder, directory)


def entry_in(folder: Path, directory: Path) -> Path | None:
    """``entry_path`` in the cache ``folder`` the caller has looked up (``active_folder``)."""
    files = layout(directory)
    if files.strays:
        return None
    digests = {}
    for path in files.files():
        try:
            raw = reading.read_bounded(path, reading.MAX_RULE_FILE_BYTES)
        except reading.ReadRefused:
            return None
        digests[str(path)] = reading.digest(raw)
    return _entry(folder, directory, digests)


def entry_for(folder: Path, directory: Path, reads: Mapping[str, bytes],
              kind: str = "ruleset") -> Path:
    """The entry in ``folder`` for what the loader read (``reads``: path -> digest of the
    parsed bytes). Another ``kind`` of entry keyed the same way (``cases``: the loaded case
    files, ``authoring.case_store``) has its own name and is pruned on its own."""
    return _entry(folder, directory, reads, kind)


def active_folder() -> Path | None:
    """The cache folder to use now: None when caching is off or this process's code changed."""
    folder = cache_dir()
    return None if folder is None or _code_changed_since_import() else folder


def _entry(folder: Path, directory: Path, digests: Mapping[str, bytes],
           kind: str = "ruleset") -> Path:
    key = hashlib.sha256()
    for part in (__version__, sys.version, sys.implementation.cache_tag or "",
                 os.path.realpath(directory), os.getcwd()):
        key.update(os.fsencode(part) + b"\0")
    for path, found in sorted(digests.items()):
        name = os.path.relpath(path, directory)
        key.update(os.fsencode(name) + b"\0" + found)
    key.update(_code_digest())
    return folder / f"{kind}-{key.hexdigest()[:40]}.pickle"


def _code_trees() -> tuple[Path, ...]:
    """vardval's own code: the dsl and checker package folders."""
    return (Path(vardval.dsl.__file__).resolve().parent, CHECKER_TREE)


def code_digest() -> bytes:
    """The digest of vardval's own code files (name, size, modification time), as the entries'
    keys hold it: for the other kinds of entry made from that code (``file_schemas``)."""
    return _code_digest()


def _code_digest() -> bytes:
    """The digest of vardval's own files as the first look at them found them (``_code_stats``);
    it is only asked for after ``active_folder`` found none of them changed since the import."""
    if not _CODE_DIGEST:
        _code_changed_since_import()
    return _CODE_DIGEST[0]


def _digest(stats: list[tuple[str, int, int]]) -> bytes:
    """Each code file's name, size and modification time, as Python's own byte-code cache
    tells a changed source file: a warm check reads none of the ~240 files (reading and
    hashing them took some 8 ms)."""
    digest = hashlib.sha256()
    for name, size, mtime_ns in stats:
        digest.update(os.fsencode(name) + f"\0{size}\0{mtime_ns}\0".encode())
    return digest.digest()


def _code_stats() -> list[tuple[str, int, int]]:
    """(name within its tree, size, modification time in ns) of every code file
    (``_CODE_SUFFIXES``) of ``_code_trees``, ``__pycache__`` left out, in name order: one walk
    and one ``stat`` a file. ``os.scandir``: ``Path.rglob`` took some 5 ms."""
    found: list[tuple[str, int, int]] = []
    for tree in _code_trees():
        folders = [(str(tree), "")]
        while folders:
            folder, prefix = folders.pop()
            with os.scandir(folder) as entries:
                for entry in entries:
                    name = prefix + entry.name
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name != "__pycache__":
                            folders.append((entry.path, name + "/"))
                    elif os.path.splitext(entry.name)[1] in _CODE_SUFFIXES:
                        info = entry.stat()
                        found.append((name, info.st_size, info.st_mtime_ns))
    return sorted(found)


def _code_changed_since_import() -> bool:
    """Whether vardval's own files changed after this process imported them.

    Then the code running is not the code the key describes (an editor saved a file while a
    long test session ran), and an entry it stored would carry stale compiled rules under the
    new files' key: such a process neither reads nor writes the cache. The first look also
    makes the code's digest (``_code_digest``).
    """
    stats = _code_stats()
    if not _CODE_DIGEST:
        _CODE_DIGEST.append(_digest(stats))
    return any(mtime_ns / 1e9 > _IMPORTED_AT for _, _, mtime_ns in stats)


def load(path: Path) -> tuple[RuleSet, Program] | None:
    """The cached corpus and program at ``path``, or None when missing, untrusted or unreadable.

    Nothing is unpickled unless the entry's HMAC, made with this user's key, checks out.
    """
    body = read_sealed(path, MAGIC)
    if body is None:
        return None
    try:
        ruleset, program = _unpickled(body)
    except Exception:  # noqa: BLE001 - a bad entry is rebuilt, never an error
        _remove(path)
        return None
    from vardval.checker.corpus import RuleSet  # noqa: PLC0415 - unpickling imported it already
    from vardval.checker.program.units import Program  # noqa: PLC0415

    if not isinstance(ruleset, RuleSet) or not isinstance(program, Program):
        _remove(path)
        return None
    return ruleset, program


def _unpickled(body: bytes) -> Any:
    """``body`` unpickled with the cyclic collector paused: the corpus is tens of thousands of
    objects made and none freed, so the collector's passes meanwhile are wasted (a few ms)."""
    with paused():
        return pickle.loads(body)  # noqa: S301 - authenticated with this user's key


def store(path: Path, ruleset: RuleSet, program: Program) -> None:
    """Write an entry atomically, keeping the newest few; never fail, never leave a temp file."""
    from vardval.checker.program import pickling  # noqa: PLC0415 - only when an entry is written

    try:
        body = pickling.dumps((ruleset, program))
    except (pickle.PicklingError, TypeError, AttributeError):
        return
    write_sealed(path, MAGIC, body)


def read_sealed(path: Path, magic: bytes) -> bytes | None:
    """The body of the entry at ``path`` when this user's vardval wrote it, else None.

    A file that is there but not ours (wrong magic, failing HMAC) is removed, to be rebuilt.
    """
    if not _trusted(path.parent) or not path.is_file() or not _trusted(path):
        return None
    key = _secret(path.parent, create=False)
    if key is None:
        return None
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    mac, body = blob[len(magic):len(magic) + _MAC_BYTES], blob[len(magic) + _MAC_BYTES:]
    if not blob.startswith(magic) or not hmac.compare_digest(mac, hmac.digest(key, body,
                                                                             "sha256")):
        _remove(path)
        return None
    return body


def write_sealed(path: Path, magic: bytes, body: bytes) -> None:
    """Write ``body`` with this user's HMAC atomically, then prune ``path``'s kind of entry."""
    temp: str | None = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        key = _secret(path.parent, create=True)
        if key is None:
            return
        fd, temp = _temporary(path.parent)
        with os.fdopen(fd, "wb") as out:
            out.write(magic + hmac.digest(key, body, "sha256") + body)
        os.chmod(temp, 0o600)
        os.replace(temp, path)
        temp = None
        _prune(path.parent, path.name.split("-", 1)[0] + "-*" + path.suffix)
    except OSError:
        return
    finally:
        if temp is not None:
            _remove(Path(temp))


def _temporary(folder: Path) -> tuple[int, str]:
    """A new file only this user can read, open for writing, named ``.tmp-…`` (``_prune``
    removes one an interrupted store left). Why not ``tempfile.mkstemp``: importing tempfile
    (and with it random and shutil) cost every cold load some 3.5 ms (issue 21); a name made of
    the process id and the clock, created exclusively and never through a link, is as safe."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | \
        getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for attempt in range(_TEMPORARY_TRIES):
        name = str(folder / f".tmp-{os.getpid()}-{time.monotonic_ns()}-{attempt}")
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(str(folder / ".tmp-*"))  # an OSError: the entry is not stored


_TEMPORARY_TRIES = 100


def key_file(folder: Path) -> Path:
    """The secret key's file: beside the cache folder, so restoring the folder never brings it."""
    return folder.with_name(folder.name + ".key")


def _secret(folder: Path, *, create: bool) -> bytes | None:
    """This user's cache key (made on first store), or None when it cannot be trusted."""
    path = key_file(folder)
    if create and not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                         0o600)
        except FileExistsError:
            pass
        else:
            import secrets  # noqa: PLC0415 - only when the key is made

            with os.fdopen(fd, "wb") as out:
                out.write(secrets.token_bytes(32))
    if not _trusted(path, private=True):
        return None
    try:
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) == 32 else None


def _trusted(path: Path, *, private: bool = False) -> bool:
    """Owned by us and writable (``private``: readable) by nobody else (POSIX)."""
    try:
        info = path.lstat() if private else path.stat()
    except OSError:
        return False
    if not hasattr(os, "getuid"):
        return True
    others = stat.S_IRWXG | stat.S_IRWXO if private else stat.S_IWGRP | stat.S_IWOTH
    if private and not stat.S_ISREG(info.st_mode):
        return False
    return info.st_uid == os.getuid() and not info.st_mode & others


def _prune(folder: Path, pattern: str) -> None:
    """Keep the newest ``KEEP`` entries of a kind; remove temporary files left by interrupted
    stores."""
    entries = sorted(folder.glob(pattern), key=_mtime, reverse=True)
    for old in entries[KEEP:]:
        _remove(old)
    for temp in folder.glob(".tmp-*"):
        if time.time() - _mtime(temp) > STALE_SECONDS:
            _remove(temp)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        return
