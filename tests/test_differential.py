"""Both backends agree: the compiled rules and the reference interpreter, case by case.

Every shipped rule runs over every example submission (``fixtures/submissions``, the case bases)
and every rule test case (``fixtures/cases``), and random well-typed expressions run over random
submissions; statuses, missing fields and whole findings must be identical. Every case of the
language conformance corpus (``tests/conformance/*.yaml``) holds through the compiled evaluator,
which gives the very value (or unknown, or failure) the interpreter gives.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import conformance_corpus
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from vardval.checker.authoring import cases as casetest
from vardval.checker.cli import entry as cli
from vardval.checker.corpus.ruleset import RuleSet
from vardval.checker.engine.evaluate import check_intake, rule_statuses
from vardval.checker.program import load_ruleset
from vardval.checker.submission.intake import Intake, load_submission, load_submission_text
from vardval.dsl import compiled, nodes, runtime
from vardval.dsl import typesys as ts
from vardval.dsl.errors import RuleTypeError
from vardval.dsl.interpreter import Context
from vardval.dsl.interpreter import evaluate as interpret
from vardval.dsl.parser import parse
from vardval.dsl.typecheck import Environment, check
from vardval.dsl.values import Duration, Quarter, Unknown

FIXTURES = Path(__file__).parent.parent / "fixtures"
SUBMISSIONS = sorted((FIXTURES / "submissions").glob("*.*")) + sorted(
    (FIXTURES / "cases" / "bases").glob("*.*"))


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return load_ruleset()


def assert_backends_agree(ruleset: RuleSet, intake: Intake) -> None:
    # Evidence is compared between backends in tests/test_evidence_backends.py.
    interpreted = check_intake(ruleset, intake, backend="interpret", evidence=False)
    compiled_result = check_intake(ruleset, intake, backend="compile", evidence=False)
    assert [(f.rule.id, f.status, f.missing) for f in compiled_result.findings] == [
        (f.rule.id, f.status, f.missing) for f in interpreted.findings]
    assert compiled_result == interpreted
    if intake.data is not None and intake.valid:
        statuses = rule_statuses(ruleset, intake.data)
        assert statuses == rule_statuses(ruleset, intake.data, backend="interpret")
        assert [(k, s) for k, (s, _) in statuses.items()] == [
            (f.rule.id, f.status) for f in interpreted.findings]


@pytest.mark.parametrize("path", SUBMISSIONS, ids=lambda p: p.name)
def test_every_rule_agrees_on_every_example_submission(ruleset: RuleSet, path: Path) -> None:
    assert_backends_agree(ruleset, load_submission(path))


def _cases() -> list[tuple[casetest.CaseFile, casetest.Case]]:
    folder = FIXTURES / "cases"
    if not casetest.case_files(folder):
        return []
    rule_ids = {rule.id for rule in load_ruleset().rules()}
    return [(f, c) for f in casetest.load_case_files(folder, rule_ids) for c in f.cases]


CASES = _cases()


@pytest.mark.parametrize(("case_file", "case"), CASES, ids=[c.where for _, c in CASES])
def test_every_rule_agrees_on_every_rule_test_case(ruleset: RuleSet,
                                                   case_file: casetest.CaseFile,
                                                   case: casetest.Case) -> None:
    data = casetest.apply_changes(case_file.base_data, case.set, case.remove)
    assert_backends_agree(ruleset, load_submission_text(casetest.to_json(data), "case.json"))


# --- the conformance corpus ---------------------------------------------------------------

CONFORMANCE = conformance_corpus.load_cases()


def compiled_and_compared(expr: Any, ctx: Context) -> Any:
    """The compiled value, after checking that the interpreter gives the very same one."""
    expected = _outcome(interpret, expr, Context(ctx.data, ctx.period, ctx.param,
                                                 ctx.definitions))
    actual = _outcome(compiled.evaluate, expr, ctx)
    _assert_same(expected, actual, nodes.show(expr))
    return compiled.evaluate(expr, ctx)


@pytest.mark.parametrize("case", CONFORMANCE, ids=lambda c: c.id)
def test_every_conformance_case_holds_compiled_and_agrees(case: Any) -> None:
    conformance_corpus.run_case(case, compiled_and_compared)


# --- random expressions over random submissions -------------------------------------------

ROOT = ts.record({
    "a": ts.NUMBER, "b": ts.NUMBER, "flag": ts.BOOL, "name": ts.TEXT, "day": ts.DATE,
    "cap": ts.record({"from": ts.DATE, "grounds": ts.list_of(ts.TEXT), "max": ts.NUMBER}),
    "items": ts.list_of(ts.record({"v": ts.NUMBER, "ok": ts.BOOL})),
})
DEFINITIONS = {"share": "a / b", "late": "day - 10 days", "all_ok": "all i in items: i.ok",
               "cap_or_a": "if exists(cap.max) then cap.max else a"}
PARAMS = {"target": ts.NUMBER, "lag": ts.DURATION, "start": ts.DATE, "gone": ts.NUMBER}


def _environment() -> tuple[Environment, dict[str, Any]]:
    types: dict[str, ts.Type] = {}
    exprs = {}
    for name, text in DEFINITIONS.items():
        found = check(parse(text), Environment(ROOT, PARAMS, types))
        types[name], exprs[name] = found.type, found.expr
    return Environment(ROOT, PARAMS, types), exprs


ENV, DEFINITION_EXPRS = _environment()


def _grow(leaves: list[str], forms: list[str], kids: st.SearchStrategy[dict[str, str]],
          ) -> st.SearchStrategy[str]:
    leaf = st.sampled_from(leaves)
    built = st.tuples(st.sampled_from(forms), kids).map(lambda p: p[0].format(**p[1]))
    return st.one_of(leaf, built)


def expressions(depth: int) -> dict[str, st.SearchStrategy[str]]:
    """Well-typed expression text by type, nested ``depth`` deep."""
    num = ["a", "b", "cap.max", "7", "0", "2.50", "90%", "param(target)", "param(gone)",
           "count(cap.grounds)", "share", "period.year", "(day - cap.from)", "sum([a, b])",
           "cap_or_a"]
    boo = ["flag", "true", "false", "exists(cap)", "exists(cap.from)", "exists(a)",
           "blank(name)", 'same_text(name, "X")', "all_ok", "(param(lag) < 1 month)",
           '(all g in cap.grounds: g in ["x", "y"])', "(any i in items: i.v > a)"]
    day = ["day", "cap.from", "2024-02-29", "period.start", "period.end", "param(start)",
           "late", "date(period.year, 2, 29)"]
    txt = ["name", '"x"', "lower(name)", '"X "']
    if depth == 0:
        return {k: st.sampled_from(v) for k, v in
                (("num", num), ("bool", boo), ("date", day), ("text", txt))}
    sub = expressions(depth - 1)
    kids = st.fixed_dictionaries({f"{k}{i}": v for k, v in sub.items() for i in (1, 2)})
    return {
        "num": _grow(num, ["({num1} + {num2})", "({num1} - {num2})", "({num1} * {num2})",
                           "({num1} / {num2})", "(-{num1})", "max({num1}, {num2})",
                           "min({num1}, {num2})", "(if {bool1} then {num1} else {num2})",
                           "({date1} - {date2})"],
                     kids),
        "bool": _grow(boo, ["({num1} < {num2})", "({num1} >= {num2})", "({num1} == {num2})",
                            "({date1} <= {date2})", "({text1} == {text2})",
                            "({text1} < {text2})", "({bool1} and {bool2})",
                            "({bool1} or {bool2})", "(not {bool1})",
                            "(if {bool1} then {bool2} else {bool2})",
                            '({text1} in ["x", "y"])', "({num1} not in [1, 2, 7])",
                            "({num1} in [{num2}, a])", "(any g in cap.grounds: g == {text1})",
                            "(all i in items: i.v <= {num1} or {bool1})"], kids),
        "date": _grow(day, ["({date1} + 6 months)", "({date1} - 10 days)",
                            "({date1} - param(lag))", "(if {bool1} then {date1} else {date2})",
                            "max({date1}, {date2})", "date({num1}, 2, 28)"], kids),
        "text": _grow(txt, ["(if {bool1} then {text1} else {text2})", "lower({text1})"], kids),
    }


NUMBERS = st.one_of(st.integers(-3, 12), st.sampled_from(
    [Decimal("0.5"), Decimal("2.50"), Decimal("-1.25"), Decimal("0.9"), Decimal(10)]))
DATES = st.one_of(st.dates(dt.date(2015, 1, 1), dt.date(2027, 12, 31)),
                  st.sampled_from([dt.date(1, 1, 5), dt.date(9999, 12, 30)]))
TEXTS = st.sampled_from(["x", "X ", "y", "", "  ", "Åsa"])


def _optional(fields: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=fields)


SUBMISSION = _optional({
    "a": NUMBERS, "b": NUMBERS, "flag": st.booleans(), "name": TEXTS, "day": DATES,
    "cap": _optional({"from": DATES, "grounds": st.lists(TEXTS, max_size=3), "max": NUMBERS}),
    "items": st.lists(_optional({"v": NUMBERS, "ok": st.booleans()}), max_size=3),
})
PARAM_VALUES = _optional({"target": st.just(Decimal("0.9")), "lag": st.sampled_from(
    [Duration(0, 10), Duration(1, 0), Duration(-1, 3)]), "start": DATES})
PERIODS = st.builds(Quarter, st.integers(2016, 2027), st.integers(1, 4))


def _outcome(evaluate: Any, expr: Any, ctx: Context) -> tuple[str, Any]:
    try:
        value = evaluate(expr, ctx)
    except Exception as exc:  # noqa: BLE001 - both backends must fail alike
        return "error", type(exc).__name__
    if type(value) is Unknown:
        return "unknown", value
    return "value", (type(value).__name__, repr(value))


def _assert_same(expected: tuple[str, Any], actual: tuple[str, Any], source: str) -> None:
    if expected[0] == "error":
        assert actual == ("error", "EvaluationError"), source
    else:
        assert actual == expected, source


def _context(data: dict[str, Any], period: Quarter, params: dict[str, Any]) -> Context:
    def param(name: str) -> Any:
        if name in params:
            return params[name]
        return runtime.undefined("no-parameter-value", name, "–", "–")

    return Context(data, period, param, DEFINITION_EXPRS)


@settings(max_examples=int(os.environ.get("VARDVAL_DIFFERENTIAL_EXAMPLES", "150")),
          deadline=None, derandomize=not os.environ.get("VARDVAL_DIFFERENTIAL_EXAMPLES"),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(source=st.one_of(expressions(2)["bool"], expressions(2)["num"], expressions(1)["date"]),
       data=SUBMISSION, period=PERIODS, params=PARAM_VALUES)
def test_random_expressions_agree(source: str, data: dict[str, Any], period: Quarter,
                                  params: dict[str, Any]) -> None:
    try:
        expr = check(parse(source), ENV).expr
    except RuleTypeError:  # e.g. date(0, 2, 28): refused before it could run
        assume(False)
    expected = _outcome(interpret, expr, _context(data, period, params))
    actual = _outcome(compiled.evaluate, expr, _context(data, period, params))
    _assert_same(expected, actual, source)


def test_the_cli_reports_the_same_with_either_backend() -> None:
    outputs = []
    for backend in ("compile", "interpret"):
        out, err = io.StringIO(), io.StringIO()
        code = cli.run(["check", str(FIXTURES / "submissions"), "--format", "json",
                        "--backend", backend], out, err)
        document = json.loads(out.getvalue())
        del document["producer"]["generated_at"]  # the one field that says when, not what
        outputs.append((code, document, err.getvalue()))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] in (0, 1)
