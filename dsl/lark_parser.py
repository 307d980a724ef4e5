"""The LALR parser of ``grammar.lark``, from Lark's stand-alone module of it.

Why stand-alone: importing Lark (its grammar compiler, and interegular, which checks terminals
for collisions) cost every load that reads rule text about 29 ms, and building the tables or
loading them from the load cache a few more. ``standalone_parser.py`` is what Lark's
stand-alone generator writes: its parsing runtime and the tables built from this grammar, no
grammar compiler. ``scripts/make_parser.py`` (``make parser``) writes it in strict
mode, so a grammar conflict fails there; ``tests/dsl/test_standalone_parser.py`` holds
it equal to what the grammar gives now. ``load(transformer=…)`` makes a parser of it. The
stand-alone module's classes (``Token``,
``Transformer``, the ``Unexpected*`` errors) are the ones this parser uses, so the rest of the
language imports them from here, never from ``lark``.
"""

from __future__ import annotations

from typing import Any

from vardval.dsl.standalone_parser import (
    Lark,
    Lark_StandAlone,
    Token,
    Transformer,
    Tree,
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
    v_args,
)

__all__ = ["Lark", "Token", "Transformer", "Tree", "UnexpectedCharacters",
           "UnexpectedEOF", "UnexpectedInput", "UnexpectedToken", "load", "v_args"]


def load(transformer: Transformer[Token, Any]) -> Lark:
    """A parser of the grammar whose ``transformer`` makes each reduction's result as it parses
    (``Lark(transformer=…)``, LALR only)."""
    parser: Lark = Lark_StandAlone(transformer=transformer)  # type: ignore[no-untyped-call]
    return parser  # (the generated function has no annotations)
