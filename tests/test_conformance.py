"""The conformance corpus (``tests/conformance/*.yaml``) through the reference interpreter."""

from __future__ import annotations

from pathlib import Path

import pytest
from conformance_corpus import CONFORMANCE, Case, load_cases, run_case
from vardval.dsl.interpreter import evaluate
from vardval.dsl.typecheck import FUNCTIONS

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case_holds_in_the_reference_interpreter(case: Case) -> None:
    run_case(case, evaluate)


def test_the_corpus_covers_every_function_and_construct() -> None:
    text = "\n".join(c.expr for c in CASES)
    words = (*(f"{name}(" for name in FUNCTIONS), "all ", "any ", " in [", " not in ", "if ",
             " then ", " else ", " and ", " or ", "not ", "period.start", "period.end",
             "period.year", "period.quarter", "-Q", " months", " days", " year", "%", "/", "*")
    assert [w for w in words if w not in text] == []
    assert {c.outcome for c in CASES} == {"expect", "error", "unknown"}
    assert any(c.definitions for c in CASES)


def test_a_wrong_expectation_is_caught(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("cases:\n  - name: wrong on purpose\n"
                                     "    expr: 1 + 1\n    expect: 3\n", encoding="utf-8")
    (case,) = load_cases(tmp_path)
    with pytest.raises(AssertionError, match="expected 3"):
        run_case(case, evaluate)


def test_a_malformed_case_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("cases:\n  - name: no outcome\n    expr: 1\n",
                                     encoding="utf-8")
    with pytest.raises(ValueError, match="exactly one of expect, error, unknown"):
        load_cases(tmp_path)


def test_the_corpus_is_where_the_loader_looks() -> None:
    assert sorted(CONFORMANCE.glob("*.yaml"))
