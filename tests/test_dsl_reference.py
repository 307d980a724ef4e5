"""The examples of ``docs/dsl-reference.md`` hold: every ``dsl-examples`` block is run.

A block's lines read ``expression ⇒ expected``; the expected part is a value (as YAML reads it),
``error: <code>``, or ``unknown`` with optional ``[missing, fields]`` and ``(part of a reason)``.
Comment lines ``# period: …``, ``# input: {…}`` and ``# params: {…}`` set the context for the
lines after them. Each line becomes a conformance case and runs through the reference
interpreter (``tests/conformance_corpus.py``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conformance_corpus import Case, run_case
from vardval.checker.reading import strict_yaml
from vardval.dsl.interpreter import evaluate
from vardval.dsl.typecheck import FUNCTIONS

PAGE = Path(__file__).resolve().parents[1] / "docs" / "dsl-reference.md"
TEXT = PAGE.read_text(encoding="utf-8")
BLOCK = re.compile(r"^```dsl-examples\n(.*?)^```$", re.MULTILINE | re.DOTALL)
UNKNOWN = re.compile(r"unknown\s*(\[(?P<missing>[^\]]*)\])?\s*(\((?P<reason>.*)\))?")


def yaml_value(text: str) -> Any:
    return strict_yaml.load_yaml(f"v: {text}\n", str(PAGE)).data["v"]  # type: ignore[index]


def examples() -> list[Case]:
    cases = []
    for block in BLOCK.finditer(TEXT):
        context: dict[str, Any] = {}
        first_line = TEXT.count("\n", 0, block.start(1)) + 1
        for offset, line in enumerate(block.group(1).splitlines()):
            if line.startswith("#"):
                key, _, value = line[1:].partition(":")
                context[key.strip()] = yaml_value(value.strip())
            elif line.strip():
                cases.append(_case(line, first_line + offset, context))
    return cases


def _case(line: str, number: int, context: dict[str, Any]) -> Case:
    expr, arrow, expected = (part.strip() for part in line.partition("⇒"))
    assert arrow, f"{PAGE}:{number}: an example line needs '⇒'"
    outcome, value = _outcome(expected)
    return Case(str(PAGE), number, f"line {number}: {expr}", expr, outcome, value,
                context.get("input") or {}, str(context.get("period", "2025-Q1")),
                context.get("params") or {})


def _outcome(expected: str) -> tuple[str, Any]:
    if expected.startswith("error:"):
        return "error", expected.removeprefix("error:").strip()
    match = UNKNOWN.fullmatch(expected)
    if match is None:
        return "expect", yaml_value(expected)
    spec: dict[str, Any] = {}
    if match.group("missing") is not None:
        spec["missing"] = [m.strip() for m in match.group("missing").split(",") if m.strip()]
    if match.group("reason"):
        spec["reasons_contain"] = match.group("reason")
    return "unknown", spec


CASES = examples()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_example_holds(case: Case) -> None:
    run_case(case, evaluate)


def test_every_function_has_a_section_with_examples() -> None:
    headings = {name for heading in re.findall(r"^### (.*)$", TEXT, re.MULTILINE)
                for name in re.findall(r"`(\w+)\(", heading)}
    assert headings == set(FUNCTIONS)
    used = " ".join(c.expr for c in CASES)
    assert [f for f in FUNCTIONS if f"{f}(" not in used] == []


def test_the_page_names_every_diagnostic_code_of_the_language() -> None:
    codes = ("syntax-error", "impossible-date", "unknown-unit", "unknown-name", "unknown-field",
             "not-a-record", "unknown-value", "unknown-parameter", "parameter-not-in-force",
             "unknown-function",
             "function-without-call", "wrong-arguments", "wrong-type", "expression-too-long",
             "nesting-too-deep", "definition-cycle", "invalid-name", "bad-citation",
             "unknown-region", "duplicate-rule-id", "version-order",
             "version-outside-validity", "empty-validity", "empty-placeholder",
             "unbalanced-brace", "unknown-format", "unknown-key", "missing-key",
             "invalid-value")
    assert [c for c in codes if f"`{c}`" not in TEXT] == []


def test_there_are_examples_of_each_outcome() -> None:
    assert {c.outcome for c in CASES} == {"expect", "error", "unknown"}
    assert len(CASES) > 80
