"""Schemas built once and kept in the load cache folder: the submission's validator schema (so
a check need not import pydantic), the rule files' (``file_schemas``: so a cold load need not
either) and the case files' (``authoring.case_schemas``).

A schema decides what is valid, so its entry is sealed like the corpus entries (``cache``: this
user's HMAC, a folder only they can write). The layers below know no cache folder:
``use_schema_cache`` hands a store to the submission intake (``submission.quick_validator``)
and to the rule-file reader (``reading.quick_files``). The loader calls it before reading
anything.
"""

from __future__ import annotations

from pathlib import Path

from vardval.checker.program import cache
from vardval.checker.reading import quick_files
from vardval.checker.submission import quick_validator

SCHEMA_MAGIC = b"vardval-submission-schema-1\n"


class SealedStore:
    """``quick_validator.SchemaStore`` over the cache folder: ``<kind>-<key><suffix>`` entries,
    each sealed with ``magic``."""

    def __init__(self, folder: Path, kind: str, magic: bytes, suffix: str) -> None:
        self.folder, self.kind, self.magic, self.suffix = folder, kind, magic, suffix

    def load(self, key: str) -> bytes | None:
        return cache.read_sealed(self._path(key), self.magic)

    def save(self, key: str, blob: bytes) -> None:
        cache.write_sealed(self._path(key), self.magic, blob)

    def _path(self, key: str) -> Path:
        return self.folder / f"{self.kind}-{key}{self.suffix}"


def use_schema_cache(folder: Path | None) -> None:
    """Keep the submission's validator schema, and the rule files' schemas
    (``file_schemas``), in the cache ``folder``, unless None."""
    if folder is not None:
        quick_validator.use_store(SealedStore(folder, "submission", SCHEMA_MAGIC, ".json"))
        quick_files.use_source(lambda: _rule_file_schemas(folder))


def _rule_file_schemas(folder: Path) -> quick_files.KeptSchemas | None:
    """Asked for when a rule file is first read: a warm load reads none."""
    from vardval.checker.program import file_schemas  # noqa: PLC0415 - a cold load only

    return file_schemas.kept(SealedStore(folder, "rulefiles", file_schemas.MAGIC, ".json"))
