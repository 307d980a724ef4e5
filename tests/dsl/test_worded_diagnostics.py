"""Every diagnostic the rule language makes is worded in each language, never bare English.

Two guards (issue 15, item 16): a scan of ``dsl/``'s source, so a new diagnostic written as an
English string fails here before any user reads it; and a sweep over many bad expressions
(well-typed ones from ``tests/grammar_shapes.py``, then broken: mixed types, misspelt names,
cut short, a stray character), whose Swedish words must carry no English phrasing.
"""

from __future__ import annotations

import ast
import random
import re
from pathlib import Path

import grammar_shapes as shapes
import pytest
from grammar_shapes import ENV
from vardval.dsl import type_words
from vardval.dsl import typesys as ts
from vardval.dsl.errors import Diagnostic, VardvalError
from vardval.dsl.parser import parse
from vardval.dsl.typecheck import check

DSL = Path(__file__).parents[2] / "dsl"
# Calls whose message argument (the second) must be a said, not text.
_REPORTING = {"error", "compile_error", "said_diagnostic"}
# English a Swedish message must not hold, outside what it quotes from the rule.
ENGLISH = (" is not ", "expected", "did you mean", "cannot", " must ", " needs ", "e.g.",
           "unknown ", " has no ", "truth value", "a list of", " takes ", " arguments",
           " of no known type", "anys", " found ")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


def _calls(path: Path) -> list[ast.Call]:
    return [node for node in ast.walk(ast.parse(path.read_text("utf-8")))
            if isinstance(node, ast.Call)]


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _bare(call: ast.Call) -> bool:
    """A ``Diagnostic(...)`` without words, or a report whose message is a string."""
    if _name(call) == "Diagnostic":
        # ``said`` by name, or as the sixth positional argument (a copy of a diagnostic)
        return not any(k.arg == "said" for k in call.keywords) and len(call.args) < 6
    if _name(call) in _REPORTING and len(call.args) >= 2:
        return isinstance(call.args[1], ast.JoinedStr | ast.Constant)
    return _name(call) == "suggest"  # the English-only "did you mean"


@pytest.mark.parametrize("path", sorted(DSL.glob("*.py")), ids=lambda p: p.name)
def test_every_diagnostic_made_in_dsl_is_worded(path: Path) -> None:
    bare = [f"{path.name}:{call.lineno}" for call in _calls(path) if _bare(call)]
    assert not bare, f"diagnostics in plain English only: {bare}"


def test_the_scan_finds_a_bare_english_diagnostic(tmp_path: Path) -> None:
    source = tmp_path / "bad.py"
    source.write_text('Diagnostic("x", "unknown name")\nself.error("x", f"bad {a}", span)\n'
                      'suggest(name, names)\nDiagnostic("x", "y", said=said)\n', "utf-8")
    assert [_bare(call) for call in _calls(source)] == [True, True, True, False]


def english_in(words: str) -> list[str]:
    """The English phrasings in ``words``, once what it quotes from the rule is taken out."""
    plain = _QUOTED.sub("''", words)
    return [phrase for phrase in ENGLISH if phrase in plain]


def test_the_phrase_check_sees_english_but_not_quotes() -> None:
    assert english_in("cannot compare a date with a number") == ["cannot"]
    assert english_in("oväntat 'expected'") == []


def _broken(rng: random.Random) -> str:
    maker = shapes.Shapes(rng, depth=3)
    left, right = maker.expression(), maker.expression()
    call = rng.choice(["count", "sum", "max", "min", "lower", "date", "param", "exists"])
    return rng.choice([
        f"({left}) {rng.choice(['+', '-', '*', '/', 'and', 'or', '>', '==', 'in'])} ({right})",
        _misspelt(rng, left), left[: rng.randint(0, len(left))],
        left + rng.choice([" @", " )", " ,", " then", " =>", " <>", " &&", " 1"]),
        f"{call}({left}, {right})", f"all x in {left}: x", f"{left}.part", f"not ({left})",
        f"if {left} then {right} else 1", f"[{left}, {right}]",
    ])


def _misspelt(rng: random.Random, text: str) -> str:
    words = [m for m in re.finditer(r"[a-z_]{3,}", text) if m.group() not in ("and", "not")]
    if not words:
        return text + " > nme"
    found = rng.choice(words)
    cut = rng.randrange(len(found.group()))
    wrong = found.group()[:cut] + found.group()[cut + 1:]
    return text[: found.start()] + wrong + text[found.end():]


def diagnostics_of(text: str) -> list[Diagnostic]:
    try:
        check(parse(text), ENV, ts.BOOL)
    except VardvalError as exc:
        return exc.diagnostics
    return []


def test_many_bad_expressions_are_worded_in_swedish_without_english() -> None:
    rng, codes = random.Random(16), set()
    for _ in range(3000):
        text = _broken(rng)
        for diagnostic in diagnostics_of(text):
            codes.add(diagnostic.code)
            assert diagnostic.said is not None, (text, diagnostic.message)
            swedish = [diagnostic.words("sv"), diagnostic.hint_words("sv") or ""]
            assert not english_in(" ".join(swedish)), (text, swedish)
            assert diagnostic.words("en") == diagnostic.message
            assert (diagnostic.hint is None) == (diagnostic.hint_said is None), text
    # the sweep reaches the parser, the type checker and the built-ins alike
    assert {"syntax-error", "wrong-type", "unknown-field", "wrong-arguments"} <= codes


def _types(depth: int) -> list[ts.Type]:
    simple = [ts.BOOL, ts.NUMBER, ts.TEXT, ts.DATE, ts.DURATION, ts.QUARTER, ts.ANY,
              ts.record({"a": ts.NUMBER})]
    if depth == 0:
        return simple
    return simple + [ts.list_of(t) for t in _types(depth - 1)]


@pytest.mark.parametrize("t", _types(2), ids=str)
def test_a_type_s_english_words_are_those_messages_always_used(t: ts.Type) -> None:
    assert type_words.named(t).words("en") == ts.article(t)
    assert type_words.items(t).words("en") == str(t)
    if t != ts.ANY:
        assert type_words.plural(t).words("en") == f"{t}s"
    assert type_words.example(t).words("en") == ts.example(t)
    assert not english_in(type_words.named(t).words("sv"))
