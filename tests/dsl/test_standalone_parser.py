"""The stand-alone parser (``dsl/standalone_parser.py``) is the grammar's: the module is what
``scripts/make_parser.py`` writes from ``dsl/grammar.lark`` today, and it reads text exactly as a
parser Lark builds from the grammar does, trees and errors alike."""

from __future__ import annotations

import functools
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import lark
import pytest
from vardval.dsl import standalone_parser

from tests.grammar_shapes import Shapes
from tests.scripts import load_script

ROOT = Path(__file__).resolve().parents[2]
GRAMMAR = ROOT / "dsl" / "grammar.lark"
SCRIPT = ROOT / "scripts" / "make_parser.py"

# Text that goes wrong in each way a parse can: a character no terminal takes, a token where
# another was due, the end too early, and the mistakes ``syntax_errors`` recognises.
BROKEN = [
    "a && b", "x ! y", "if a > 1 then b", "all v in visits v.ok", "a < b < c", "x and",
    "f(1,, 2)", "[1, 2", "(a + b", "a >= ", "name.å > 1", "'open", "a => b", "a <> b",
    "2025-13-01 >", "a in", "if then", "", "   # only a comment",
]


@functools.cache
def _script() -> Any:
    return load_script("make_parser")


@functools.cache
def _built() -> lark.Lark:
    """A parser Lark builds from the grammar now, with the options the module was written with."""
    return lark.Lark(GRAMMAR.read_text(encoding="utf-8"), **_script().OPTIONS)


@functools.cache
def _standalone() -> Any:
    return standalone_parser.Lark_StandAlone()


def _read(parser: Any, text: str) -> object:
    """What a parser makes of ``text``: its tree as plain tuples, or the error's kind, place and
    what it expected."""
    try:
        return _plain(parser.parse(text))
    except Exception as exc:  # noqa: BLE001 - each parser's own error classes
        return (type(exc).__name__, getattr(exc, "line", None), getattr(exc, "column", None),
                sorted(getattr(exc, "expected", None) or getattr(exc, "allowed", None) or ()),
                str(getattr(exc, "token", "")))


def _plain(tree: Any) -> object:
    if hasattr(tree, "children"):
        return (str(tree.data), tuple(_plain(child) for child in tree.children))
    if tree is None:  # maybe_placeholders: an optional part left out
        return None
    return (tree.type, str(tree), tree.line, tree.column, tree.end_line, tree.end_column)


def test_the_module_is_what_the_grammar_gives_now() -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True,
                          text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr


def test_writing_the_module_twice_gives_the_same_text() -> None:
    """Lark numbers its states in an order that differs from run to run; the script does not."""
    first = _script().standalone_source()
    assert _script().standalone_source() == first
    assert "/work/" not in first and str(ROOT) not in first  # no path of this machine


@pytest.mark.parametrize("seed", range(40))
def test_every_shape_of_expression_reads_as_with_the_built_parser(seed: int) -> None:
    shapes = Shapes(random.Random(seed))
    for _ in range(25):
        text = shapes.expression()
        assert _read(_standalone(), text) == _read(_built(), text), text


@pytest.mark.parametrize("text", BROKEN)
def test_broken_text_fails_as_with_the_built_parser(text: str) -> None:
    got = _read(_standalone(), text)
    assert got == _read(_built(), text)
    assert isinstance(got, tuple) and isinstance(got[0], str) and got[0].startswith("Unexpected")


def test_the_rule_language_imports_no_lark() -> None:
    probe = ("import sys; from vardval.dsl.parser import parse; "
             "parse('a.b / a.c >= 90% and f(x, [1, 2])'); "
             "print(sorted(m for m in sys.modules if m == 'lark' or m.startswith('lark.')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=False, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr
