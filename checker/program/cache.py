"""The load cache: a corpus parsed, checked and compiled once, reused until a file changes.

``load_ruleset`` asks here first. An entry is keyed by the SHA-256 of every file under the
rules folder (path and bytes), the vardval version and source files (so an edited checker never
meets an old entry), the Python version, and the folder and working directory (rule file names
in messages are shown relative to the latter). A changed rule file therefore misses, and the
fresh result is stored under its new key; the few newest entries are kept. A process whose own
code files changed on disk after it imported them stays away from the cache altogether.

Location: ``$VARDVAL_CACHE_DIR``, else ``$XDG_CACHE_HOME/vardval``, else ``~/.cache/vardval``;
``VARDVAL_NO_CACHE=1`` turns it off. Anything wrong with an entry (truncated, corrupt, from
another version) is ignored, removed and rebuilt; a cache that cannot be written is skipped.

Trust: an entry is a pickle of the ``RuleSet`` and its ``Program`` (the compiled rules pickle as
their generated source and bytecode). Unpickling runs code chosen by whoever wrote the file, so it
is only as safe as the folder: anyone who can write to your cache folder can run code as you, as
they could through your shell start-up files. Entries are therefore read only from a folder and
files owned by the current user that no group or other user may write (checked on POSIX); the
folder is created with mode 0700 and entries with 0600. Never point ``VARDVAL_CACHE_DIR`` at a
shared folder.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
import time
from pathlib import Path

import vardval.dsl
from vardval.checker.corpus import RuleSet
from vardval.checker.program.units import Program
from vardval.checker.reading import files as reading

CHECKER_TREE = Path(__file__).resolve().parents[1]  # the vardval.checker package folder

MAGIC = b"vardval-ruleset-cache-2\n"
_IMPORTED_AT = time.time()
KEEP = 8
_CODE_SUFFIXES = (".py", ".lark", ".json")


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is turned off.

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
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vardval"


def corpus_key(directory: Path) -> str:
    """The hex digest naming the entry of the corpus in ``directory`` as it is now."""
    digest = hashlib.sha256()
    for part in (_version(), sys.version, sys.implementation.cache_tag or "",
                 str(directory.resolve()), os.getcwd()):
        digest.update(part.encode() + b"\0")
    _hash_tree(digest, directory, None)
    for folder in _code_trees():
        _hash_tree(digest, folder, _CODE_SUFFIXES)
    return digest.hexdigest()


def _code_trees() -> tuple[Path, ...]:
    """vardval's own code: the dsl and checker package folders."""
    return (Path(vardval.dsl.__file__).resolve().parent, CHECKER_TREE)


def _version() -> str:
    from importlib import metadata  # noqa: PLC0415 - only needed here

    try:
        return metadata.version("vardval")
    except metadata.PackageNotFoundError:
        return "unknown"


def _hash_tree(digest: hashlib._Hash, root: Path, suffixes: tuple[str, ...] | None) -> None:
    for path in sorted(root.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        if suffixes is not None and path.suffix not in suffixes:
            continue
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(_file_digest(path))


def _file_digest(path: Path) -> bytes:
    """A file's content hash; a file larger than any rule file by its size and time instead.

    The loader refuses such a file anyway, and hashing it whole on every start would cost more
    than the cache saves.
    """
    info = path.stat()
    if info.st_size > reading.MAX_RULE_FILE_BYTES:
        return f"{info.st_size}:{info.st_mtime_ns}".encode()
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").digest()


def entry_path(directory: Path) -> Path | None:
    """The file the corpus's entry is (or would be) stored in; None when not caching."""
    folder = cache_dir()
    if folder is None or _code_changed_since_import():
        return None
    try:
        key = corpus_key(directory)
    except OSError:  # an unreadable file: no caching; the loader reports it with its place
        return None
    return folder / f"ruleset-{key[:40]}.pickle"


def _code_changed_since_import() -> bool:
    """Whether vardval's own files changed after this process imported them.

    Then the code running is not the code the key describes (an editor saved a file while a
    long test session ran), and an entry it stored would carry stale compiled rules under the
    new files' key: such a process neither reads nor writes the cache.
    """
    for folder in _code_trees():
        for path in folder.rglob("*"):
            if path.suffix in _CODE_SUFFIXES and path.stat().st_mtime > _IMPORTED_AT:
                return True
    return False


def load(path: Path) -> tuple[RuleSet, Program] | None:
    """The cached corpus and program at ``path``, or None when missing, untrusted or unreadable."""
    if not _trusted(path.parent) or not path.is_file() or not _trusted(path):
        return None
    try:
        return _read_entry(path)
    except Exception:  # noqa: BLE001 - a bad entry is rebuilt, never an error
        _remove(path)
        return None


def _read_entry(path: Path) -> tuple[RuleSet, Program]:
    with path.open("rb") as handle:
        if handle.read(len(MAGIC)) != MAGIC:
            raise ValueError("not a vardval cache entry")
        ruleset, program = pickle.load(handle)  # noqa: S301 - our own entry in a folder we trust
    if not isinstance(ruleset, RuleSet) or not isinstance(program, Program):
        raise TypeError("the entry holds no RuleSet and Program")
    return ruleset, program


def store(path: Path, ruleset: RuleSet, program: Program) -> None:
    """Write an entry atomically, keeping the newest few; never fail."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        blob = MAGIC + pickle.dumps((ruleset, program), protocol=pickle.HIGHEST_PROTOCOL)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as tmp:
            try:
                tmp.write(blob)
            except OSError:
                _remove(Path(tmp.name))
                raise
        os.chmod(tmp.name, 0o600)
        os.replace(tmp.name, path)
        _prune(path.parent)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return


def _trusted(path: Path) -> bool:
    """Owned by us and writable by nobody else (POSIX); elsewhere the user's folder is trusted."""
    try:
        info = path.stat()
    except OSError:
        return False
    if not hasattr(os, "getuid"):
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("ruleset-*.pickle"), key=lambda p: p.stat().st_mtime,
                     reverse=True)
    for old in entries[KEEP:]:
        _remove(old)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        return
