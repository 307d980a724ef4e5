"""Which vardval and which rules made a report: the ``producer`` every format records."""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vardval.checker.corpus import RuleSet

NAME = "vardval"


@cache
def version() -> str:
    """The installed distribution's version (``unknown`` when run from a bare source tree)."""
    try:
        return metadata.version(NAME)
    except metadata.PackageNotFoundError:
        return "unknown"


def rules_digest(directory: Path) -> str:
    """``sha256:…`` over every file of the corpus (rules, parameters, sources, decisions).

    Paths and contents both count, so a renamed or edited file changes the digest; the order
    is the sorted relative paths, so the same tree gives the same digest on every machine.

    Example:
        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "sources.yaml").write_text("sources: []\\n")
        >>> rules_digest(folder)[:15]
        'sha256:0bc4bfeb'
    """
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        if "__pycache__" in path.parts or path.suffix not in (".yaml", ".yml", ".json"):
            continue
        digest.update(path.relative_to(directory).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return "sha256:" + digest.hexdigest()


def producer(ruleset: RuleSet, now: dt.datetime | None = None) -> dict[str, Any]:
    """The ``producer`` object of ``vardval/results@1``."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    return {"name": NAME, "version": version(), "rules_digest": rules_digest(ruleset.directory),
            "generated_at": moment.isoformat().replace("+00:00", "Z")}
