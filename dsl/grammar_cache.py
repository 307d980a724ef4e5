"""The Lark parser of ``grammar.lark``: built once per process, or loaded as built before.

Building the LALR tables in strict mode takes a good part of a second; loading Lark's own
serialised form of them (``Lark.save``/``Lark.load``, what its ``cache=`` option writes) takes a
few milliseconds. Where built parsers are kept is the caller's business: the language knows no
cache folder, so a ``ParserStore`` is handed in (``use_store``; vardval's load cache does this,
authenticating what it keeps, since loading a parser unpickles it). Without one the parser is
built as before.
"""

from __future__ import annotations

import functools
import hashlib
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from lark import Lark

GRAMMAR = Path(__file__).with_name("grammar.lark")
# strict=True makes a grammar conflict an error when building (STYLE.md 2); a parser loaded
# from a store was built with the same options, hence passed those checks. The transformer
# (``dsl.transformer.ToAst``) is applied while parsing and sees every token, which is all it
# needs for spans (so no ``propagate_positions``).
OPTIONS: dict[str, Any] = {"parser": "lalr", "keep_all_tokens": True,
                           "maybe_placeholders": True, "strict": True}


class ParserStore(Protocol):
    """Keeps built parsers as bytes under a key that names grammar, options and versions."""

    def load(self, key: str) -> bytes | None: ...

    def save(self, key: str, blob: bytes) -> None: ...


_STORES: list[ParserStore] = []


def use_store(store: ParserStore) -> None:
    """Keep and reuse built parsers in ``store`` from now on (the last store given wins)."""
    _STORES[:] = [store]


@functools.cache
def parser() -> Lark:
    """The parser, from the store when it holds one built from this very grammar."""
    grammar = GRAMMAR.read_text(encoding="utf-8")
    store = _STORES[-1] if _STORES else None
    if store is None:
        return _built(grammar)
    key = _key(grammar)
    blob = store.load(key)
    loaded = _loaded(blob) if blob is not None else None
    if loaded is not None:
        return loaded
    built = _built(grammar)
    out = io.BytesIO()
    built.save(out)
    store.save(key, out.getvalue())
    return built


def _built(grammar: str) -> Lark:
    """A parser built from the grammar; saved, it keeps its transformer by class name."""
    from lark import Lark  # noqa: PLC0415 - only commands that read rule text import Lark
    from vardval.dsl.transformer import ToAst  # noqa: PLC0415 - imports Lark

    return Lark(grammar, source_path=str(GRAMMAR), transformer=ToAst(), **OPTIONS)


def _loaded(blob: bytes) -> Lark | None:
    from lark import Lark  # noqa: PLC0415 - imported by the caller already

    try:
        return Lark.load(io.BytesIO(blob))
    except Exception:  # noqa: BLE001 - a bad entry is rebuilt and replaced
        return None


def _key(grammar: str) -> str:
    """What the built parser depends on: the grammar, the options, the transformer it names,
    Lark's and Python's version."""
    import lark  # noqa: PLC0415 - imported by the caller already
    from vardval.dsl.transformer import ToAst  # noqa: PLC0415 - imported by the caller already

    named = "\0".join((grammar, repr(sorted(OPTIONS.items())), lark.__version__,
                       sys.version.split()[0], f"{ToAst.__module__}.{ToAst.__qualname__}"))
    return hashlib.sha256(named.encode("utf-8")).hexdigest()[:40]
