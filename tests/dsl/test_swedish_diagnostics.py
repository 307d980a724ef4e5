"""The rule language's own diagnostics read in Swedish and English (issue 15, item 16).

Each diagnostic the parser, the type checker and the built-ins make carries a said; its English
words are the message as it always read, so the English golden files stay as they are.
``tests/golden/dsl-sv/`` holds the Swedish words of a bad expression per code (``cases.yaml``
for the parser, ``check-cases.yaml`` for the type checker, whose English words are kept beside
them); ``VARDVAL_UPDATE_GOLDEN=1`` rewrites them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from vardval.dsl import check_words, compiled, diagnostic_words, emit, literals, nodes, type_words
from vardval.dsl import typesys as ts
from vardval.dsl.errors import Diagnostic, RuleSyntaxError, RuleTypeError
from vardval.dsl.parser import MAX_LENGTH, MAX_QUANTIFIERS, parse
from vardval.dsl.spans import Span
from vardval.dsl.typecheck import Environment, check
from vardval.dsl.values import Quarter

GOLDEN = Path(__file__).parents[1] / "golden" / "dsl-sv"
CASES: dict[str, str] = yaml.safe_load((GOLDEN / "cases.yaml").read_text(encoding="utf-8"))
CASES["expression-too-long"] = "x + " * (MAX_LENGTH // 4) + "1"
NESTED = "".join(f"all x{i} in xs: " for i in range(MAX_QUANTIFIERS + 1)) + "true"
CASES["too-many-quantifiers"] = NESTED
CASES["tree-too-deep"] = "not " * 120 + "b"
UPDATE = os.environ.get("VARDVAL_UPDATE_GOLDEN") == "1"
_PLACEHOLDER = re.compile(r"\{\d+\}")
CHECK_CASES: dict[str, str | dict[str, str]] = yaml.safe_load(
    (GOLDEN / "check-cases.yaml").read_text(encoding="utf-8"))
ENV = Environment(
    ts.record({"a": ts.NUMBER, "flag": ts.BOOL, "name": ts.TEXT, "day": ts.DATE,
               "kind": ts.TEXT,
               "cap": ts.record({"from": ts.DATE, "grounds": ts.list_of(ts.TEXT)}),
               "items": ts.list_of(ts.record({"v": ts.NUMBER, "ok": ts.BOOL}))}),
    {"target": ts.NUMBER}, choices={"kind": ("gp", "nurse")})
# Failures of vardval itself, which no expression causes: worded, and tested one by one below.
OURS = {"cannot-compile", "unbound-variable", "definition-not-compiled", "no-helper",
        "literal-kind", "not-evaluated"}
TABLES = {"parse": diagnostic_words.WORDING, "check": check_words.WORDING,
          "type": type_words.WORDING, "literal": literals.WORDING}
SAME = diagnostic_words.JOINING | check_words.SAME | type_words.SAME


def refused(text: str) -> Diagnostic:
    with pytest.raises(RuleSyntaxError) as exc:
        parse(text)
    return exc.value.diagnostics[0]


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_swedish_words_are_the_golden_ones(name: str) -> None:
    diagnostic = refused(CASES[name])
    assert diagnostic.said is not None
    assert diagnostic.said.code == name
    text = f"{diagnostic.words('sv')}\n  tips: {diagnostic.hint_words('sv')}\n"
    golden = GOLDEN / f"{name}.sv.txt"
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_english_words_are_the_message_and_hint(name: str) -> None:
    diagnostic = refused(CASES[name])
    assert diagnostic.words("en") == diagnostic.message
    assert diagnostic.hint_words("en") == diagnostic.hint
    assert diagnostic.words("sv") != diagnostic.message


def mistaken(name: str) -> Diagnostic:
    """The first diagnostic the type checker gives the case ``name``."""
    case = CHECK_CASES[name]
    text, role = (case["expr"], case["role"]) if isinstance(case, dict) else (case, None)
    with pytest.raises(RuleTypeError) as exc:
        check(parse(text), ENV, ts.BOOL if role else None, role or "expression")
    return exc.value.diagnostics[0]


def _shown(diagnostic: Diagnostic, lang: str) -> str:
    hint = diagnostic.hint_words(lang)
    frame = "  tips: {0}\n" if lang == "sv" else "  hint: {0}\n"
    return diagnostic.words(lang) + "\n" + (frame.format(hint) if hint else "")


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("name", sorted(CHECK_CASES))
def test_the_type_checker_s_words_are_the_golden_ones(name: str, lang: str) -> None:
    diagnostic = mistaken(name)
    assert diagnostic.said is not None
    assert diagnostic.said.code == name
    golden = GOLDEN / f"{name}.{lang}.txt"
    if UPDATE:
        golden.write_text(_shown(diagnostic, lang), encoding="utf-8")
    assert _shown(diagnostic, lang) == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CHECK_CASES))
def test_the_type_checker_s_english_words_are_the_message_and_hint(name: str) -> None:
    diagnostic = mistaken(name)
    assert diagnostic.words("en") == diagnostic.message
    assert diagnostic.hint_words("en") == diagnostic.hint
    assert diagnostic.words("sv") != diagnostic.message


@pytest.mark.parametrize(("table", "code"), [(t, c) for t, w in sorted(TABLES.items())
                                             for c in sorted(w)])
def test_every_wording_has_both_languages_with_the_same_values(table: str, code: str) -> None:
    swedish, english = TABLES[table][code]
    assert swedish.strip() and english.strip()
    assert (swedish == english) == (code in SAME)
    assert sorted(_PLACEHOLDER.findall(swedish)) == sorted(_PLACEHOLDER.findall(english))


def _messages(wording: dict[str, tuple[str, str]]) -> set[str]:
    return {code for code in wording if not code.startswith(("hint-", "part-"))}


def test_every_message_code_has_a_golden_case() -> None:
    assert _messages(diagnostic_words.WORDING) <= set(CASES)
    assert _messages(check_words.WORDING) - OURS == set(CHECK_CASES)


SPAN = Span("r.yaml", 3, 7, 3, 9)
OUR_FAILURES = [
    (emit.compile_error(nodes.Name("x", SPAN), check_words.CheckSaid("cannot-compile", ("Name",))),
     "noder av sorten Name kan inte kompileras; bara typkontrollerade uttryck kompileras",
     "cannot compile Name nodes; only resolved (type-checked) expressions are compiled"),
    (emit.compile_error(nodes.Name("x", SPAN), check_words.CheckSaid("unbound-variable", ("x",))),
     "variabeln 'x' är inte bunden av en kvantifierare",
     "variable 'x' is not bound by a quantifier"),
    (emit.compile_error(nodes.Name("x", SPAN),
                        check_words.CheckSaid("definition-not-compiled", ("share",))),
     "definitionen 'share' kompilerades inte", "definition 'share' was not compiled"),
    (emit.compile_error(nodes.Name("x", SPAN), check_words.CheckSaid("no-helper", ("avg",))),
     "funktionen 'avg' saknar en hjälpfunktion för körningen",
     "function 'avg' has no run-time helper"),
    (emit.compile_error(nodes.Name("x", SPAN), check_words.CheckSaid("literal-kind", ("set",))),
     "en literal av sorten set kan inte kompileras", "cannot compile a literal of type set"),
    (compiled.located_error(ZeroDivisionError("division by zero"), ()),
     "uttrycket kunde inte beräknas (tekniskt fel: ZeroDivisionError: division by zero)",
     "the expression could not be evaluated: ZeroDivisionError: division by zero"),
]


@pytest.mark.parametrize(("error", "swedish", "english"), OUR_FAILURES,
                         ids=[e.diagnostics[0].said.code for e, _, _ in OUR_FAILURES])
def test_our_own_failures_are_worded_in_both_languages(error: Exception, swedish: str,
                                                        english: str) -> None:
    diagnostic = error.diagnostics[0]  # type: ignore[attr-defined]
    assert (diagnostic.words("sv"), diagnostic.words("en")) == (swedish, english)
    assert diagnostic.message == english
    assert diagnostic.hint_words("sv") in ("det här är ett fel i vardval, inte i regeln",
                                           "kontrollera vilka sorters värden uttrycket läser")


def test_every_failure_of_ours_is_tested() -> None:
    assert {e.diagnostics[0].said.code for e, _, _ in OUR_FAILURES} == OURS  # type: ignore[attr-defined]


SWEDISH_LITERALS = {
    "9O%": ("ogiltigt värde '9O%'; skriv ett tal, en andel som 90%, en tidsrymd som 6 months "
            "eller ett datum som 2025-07-01"),
    "3 weeks": "okänd tidsenhet 'weeks'; skriv days, months eller years, t.ex. 6 months",
    "1 days": "ogiltig tidsrymd '1 days'; skriv '1 day'",
    "2025-02-30": ("ogiltigt datum '2025-02-30': februari 2025 har 28 dagar; skriv ett riktigt "
                   "datum ÅÅÅÅ-MM-DD, t.ex. 2025-07-01"),
    "2025-13-01": ("ogiltigt datum '2025-13-01': det finns ingen månad 13; skriv ett riktigt "
                   "datum ÅÅÅÅ-MM-DD, t.ex. 2025-07-01"),
    "1" * 31: (f"värdet '{'1' * 31}' har 31 siffror; ett tal har högst 30 (skriv det värde som "
               "menas, t.ex. 90% eller 6 months)"),
}


@pytest.mark.parametrize("text", sorted(SWEDISH_LITERALS))
def test_a_literal_that_does_not_read_says_why_in_swedish_too(text: str) -> None:
    with pytest.raises(literals.LiteralError) as exc:
        literals.parse_literal(text)
    assert exc.value.said.words("sv") == SWEDISH_LITERALS[text]
    assert exc.value.said.words("en") == str(exc.value)


def test_a_quarter_that_does_not_read_says_why_in_swedish_too() -> None:
    with pytest.raises(literals.LiteralError) as exc:
        Quarter.parse("2025-Q7")
    assert exc.value.said.words("sv") == "ogiltigt kvartal '2025-Q7'; skriv ÅÅÅÅ-Qn, t.ex. 2025-Q1"
    assert str(exc.value) == "invalid quarter '2025-Q7'; expected YYYY-Qn, e.g. 2025-Q1"


@pytest.mark.parametrize(("role", "swedish"), [
    ("expression", "uttrycket"), ("definition 'share'", "definitionen 'share'"),
    ("placeholder", "platshållaren"), ("'when'", "'when'"),
])
def test_what_an_expression_is_for_reads_in_swedish(role: str, swedish: str) -> None:
    with pytest.raises(RuleTypeError) as exc:
        check(parse("a + 1"), ENV, ts.BOOL, role)
    [diagnostic] = exc.value.diagnostics
    assert diagnostic.words("sv") == f"{swedish} måste vara ett sanningsvärde, inte ett tal"
    assert diagnostic.words("en") == f"{role} must be a truth value, not a number"
