"""Things built once and kept in the load cache folder: Lark parsers (so a cold load does not
rebuild the parser), the submission's validator schema (so a check need not import pydantic)
and the rule files' schemas (``file_schemas``: so a cold load need not either).

A loaded parser is unpickled and a schema decides what is valid, so their entries are sealed
like the corpus entries (``cache``: this user's HMAC, a folder only they can write). The
layers below know no cache folder: ``use_parser_cache`` hands a store to the language
(``dsl.grammar_cache``), ``use_schema_cache`` to the submission intake
(``submission.quick_validator``). The loader and lint call them before reading anything.
"""

from __future__ import annotations

from pathlib import Path

from vardval.checker.program import cache
from vardval.checker.reading import quick_files
from vardval.checker.submission import quick_validator
from vardval.dsl import grammar_cache

MAGIC = b"vardval-parser-cache-1\n"
SCHEMA_MAGIC = b"vardval-submission-schema-1\n"


class SealedStore:
    """``grammar_cache.ParserStore`` and ``quick_validator.SchemaStore`` over the cache folder:
    ``<kind>-<key><suffix>`` entries, each sealed with ``magic``."""

    def __init__(self, folder: Path, kind: str = "parser", magic: bytes = MAGIC,
                 suffix: str = ".lark") -> None:
        self.folder, self.kind, self.magic, self.suffix = folder, kind, magic, suffix

    def load(self, key: str) -> bytes | None:
        return cache.read_sealed(self._path(key), self.magic)

    def save(self, key: str, blob: bytes) -> None:
        cache.write_sealed(self._path(key), self.magic, blob)

    def _path(self, key: str) -> Path:
        return self.folder / f"{self.kind}-{key}{self.suffix}"


def use_parser_cache(folder: Path | None) -> None:
    """Keep the built parser in the cache ``folder`` (``cache.active_folder``), unless None:
    caching is off."""
    if folder is not None:
        grammar_cache.use_store(SealedStore(folder))


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
