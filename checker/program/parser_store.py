"""Built Lark parsers kept in the load cache folder, so a cold load does not rebuild the parser.

A loaded parser is unpickled, so its entry is sealed like the corpus entries (``cache``: this
user's HMAC, a folder only they can write). ``use_parser_cache`` hands the store to the
language (``dsl.grammar_cache``); it is called before rule text is parsed, by the loader and
by lint.
"""

from __future__ import annotations

from pathlib import Path

from vardval.checker.program import cache
from vardval.dsl import grammar_cache

MAGIC = b"vardval-parser-cache-1\n"


class ParserStore:
    """``grammar_cache.ParserStore`` over the cache folder: ``parser-<key>.lark`` entries."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load(self, key: str) -> bytes | None:
        return cache.read_sealed(self._path(key), MAGIC)

    def save(self, key: str, blob: bytes) -> None:
        cache.write_sealed(self._path(key), MAGIC, blob)

    def _path(self, key: str) -> Path:
        return self.folder / f"parser-{key}.lark"


def use_parser_cache() -> None:
    """Keep the built parser in the cache folder, unless caching is off."""
    folder = cache.active_folder()
    if folder is not None:
        grammar_cache.use_store(ParserStore(folder))
