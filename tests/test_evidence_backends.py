"""Evidence gathered by the compiled backend's traced twins equals the traced interpreter's.

The twins (``checker.program``, traced units of ``dsl.codegen``) must record what the reference
interpreter's trace keeps, in the same first-use order: the same tuple of ``Evidence``. Checked for
every rule and every version of it (in force for the submission or not) over every example
submission, every rule test case and a few hundred synthetic submissions (``bench/generate.py``),
each submission's rules in engine order against one shared memo per rulebook, as the engine runs
them; the engine's whole findings must agree between backends too. A list of expressions covers
each construct with random data, and a program restored from the load cache's pickle must still
have its twins.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vardval.checker.authoring import cases as casetest
from vardval.checker.corpus.models import RuleVersion
from vardval.checker.corpus.ruleset import RuleSet
from vardval.checker.engine import evidence
from vardval.checker.engine.evaluate import check_intake, decide
from vardval.checker.engine.plan import BookPlan, plans_of
from vardval.checker.program import cache, load_ruleset, loader, program_of
from vardval.checker.submission.intake import Intake, load_submission, load_submission_text
from vardval.dsl import codegen, compiled, nodes, runtime
from vardval.dsl import typesys as ts
from vardval.dsl.interpreter import Context, evaluate
from vardval.dsl.parser import parse
from vardval.dsl.typecheck import Environment, check
from vardval.dsl.values import Duration, Quarter, Unknown

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SUBMISSIONS = sorted((FIXTURES / "submissions").glob("*.*")) + sorted(
    (FIXTURES / "cases" / "bases").glob("*.*"))
SYNTHETIC = 300


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return load_ruleset()


def book_contexts(ruleset: RuleSet, data: dict[str, Any]) -> Iterator[tuple[BookPlan, Context]]:
    """Each rulebook's plan and a context like the compiled engine's (memo from the seed)."""
    clinic = data["clinic"]
    plan = plans_of(ruleset).plan(
        clinic["region"], clinic.get("vardval_system", "vardcentral"), data["period"])
    for book, seed in zip(plan.books, plan.seeds, strict=True):
        yield book, Context(data, plan.period, plan.params, book.definitions, seed.copy())


def interpreted_status(version: RuleVersion, ctx: Context) -> str:
    """The version's status by the reference interpreter (as ``engine`` decides it)."""
    fresh = Context(ctx.data, ctx.period, ctx.param, ctx.definitions)
    applies = True if version.when is None else evaluate(version.when.expr, fresh)
    if type(applies) is Unknown or applies is False:
        return decide(applies, None)[0]
    return decide(applies, evaluate(version.require.expr, fresh))[0]


def assert_same_evidence(ruleset: RuleSet, data: dict[str, Any]) -> int:
    """Every version of every rule: compiled evidence == interpreted; returns how many."""
    region, compared = data["clinic"]["region"], 0
    for book, ctx in book_contexts(ruleset, data):
        for rule in book.book.rules:
            for version in rule.versions:
                status = interpreted_status(version, ctx)
                expected = evidence.gather(ruleset, version, ctx, region, status)
                actual = evidence.gather(ruleset, version, ctx, region, status, compiled=True)
                assert actual == expected, (rule.id, version.valid_from, status)
                compared += 1
    return compared


def assert_engine_agrees(ruleset: RuleSet, intake: Intake) -> None:
    interpreted = check_intake(ruleset, intake, backend="interpret")
    assert check_intake(ruleset, intake, backend="compile") == interpreted
    if intake.data is not None and intake.valid:
        assert assert_same_evidence(ruleset, intake.data) >= len(list(ruleset.rules()))


@pytest.mark.parametrize("path", SUBMISSIONS, ids=lambda p: p.name)
def test_every_example_submission(ruleset: RuleSet, path: Path) -> None:
    assert_engine_agrees(ruleset, load_submission(path))


def _cases() -> list[tuple[casetest.CaseFile, casetest.Case]]:
    folder = FIXTURES / "cases"
    rule_ids = {rule.id for rule in load_ruleset().rules()}
    return [(f, c) for f in casetest.load_case_files(folder, rule_ids) for c in f.cases]


CASES = _cases()


@pytest.mark.parametrize(("case_file", "case"), CASES, ids=[c.where for _, c in CASES])
def test_every_rule_test_case(ruleset: RuleSet, case_file: casetest.CaseFile,
                              case: casetest.Case) -> None:
    data = casetest.apply_changes(case_file.base_data, case.set, case.remove)
    assert_engine_agrees(ruleset, load_submission_text(casetest.to_json(data), "case.json"))


def test_synthetic_submissions(ruleset: RuleSet) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import Generator
    finally:
        sys.path.remove(str(ROOT / "bench"))
    compared = sum(assert_same_evidence(ruleset, data)
                   for data in Generator(ruleset).submissions(SYNTHETIC))
    assert compared >= SYNTHETIC * len(list(ruleset.rules()))


def test_every_version_has_a_twin_also_from_the_load_cache(ruleset: RuleSet,
                                                            tmp_path: Path) -> None:
    entry = tmp_path / "ruleset-test.pickle"
    cache.store(entry, ruleset, program_of(ruleset))
    found = cache.load(entry)
    assert found is not None
    restored, program = found
    loader._PROGRAMS[restored] = program  # as load_ruleset does on a cache hit
    assert {u.filename for u in program.units} == {u.filename for u in program_of(ruleset).units}
    for rules in (ruleset, restored):
        for rule in rules.rules():
            for version in rule.versions:
                assert program_of(rules).traced_function(rules, version) is not None, rule.id
    assert_same_evidence(restored, load_submission(SUBMISSIONS[0]).data or {})


def test_a_version_of_another_ruleset_falls_back_to_the_interpreter(ruleset: RuleSet) -> None:
    other = load_ruleset()
    version = next(other.rules()).versions[0]
    assert program_of(ruleset).traced_function(ruleset, version) is None


# --- constructs, one by one, with random data ---------------------------------------------

RECORD = ts.record({
    "a": ts.NUMBER, "b": ts.NUMBER, "flag": ts.BOOL, "day": ts.DATE,
    "cap": ts.record({"max": ts.NUMBER, "grounds": ts.list_of(ts.TEXT)}),
    "items": ts.list_of(ts.record({"v": ts.NUMBER, "ok": ts.BOOL})),
})
PARAMS = {"target": ts.NUMBER, "lag": ts.DURATION, "codes": ts.list_of(ts.TEXT)}
DEFINITIONS = {
    "share": "a / b", "kinds": '["x", "y"]', "has_cap": "exists(cap.max)",
    "cap_or_a": "if has_cap then cap.max else a", "twice": "cap_or_a + share",
}
EXPRESSIONS = [
    "a / b >= param(target)", "param(target) <= a / b", "twice > a and b > 0",
    "flag or share > 1", "not flag and exists(cap)", "exists(cap.max) or cap.max > a",
    "if has_cap then cap.max > b else cap_or_a < a", "all i in items: i.v <= a or i.ok",
    "any g in cap.grounds: g in kinds", "count(cap.grounds) > 0 and b not in [1, 2]",
    "max(a, cap_or_a) >= share", "day + param(lag) >= period.start", "a in [b, cap.max]",
    "(if flag then a else b) > twice", "any i in items: i.v > b and has_cap",
]
NUMBERS = st.one_of(st.integers(-2, 9), st.sampled_from([Decimal("0.5"), Decimal("2.25")]))
DATA = st.fixed_dictionaries({}, optional={
    "a": NUMBERS, "b": NUMBERS, "flag": st.booleans(),
    "day": st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31)),
    "cap": st.fixed_dictionaries({}, optional={
        "max": NUMBERS, "grounds": st.lists(st.sampled_from(["x", "y", "z"]), max_size=3)}),
    "items": st.lists(st.fixed_dictionaries({}, optional={
        "v": NUMBERS, "ok": st.booleans()}), max_size=3),
})
PARAM_VALUES = st.fixed_dictionaries({}, optional={
    "target": st.just(Decimal("0.9")), "lag": st.just(Duration(0, 10))})


def _resolved() -> tuple[dict[str, nodes.Expr], list[nodes.Expr]]:
    types: dict[str, ts.Type] = {}
    definitions: dict[str, nodes.Expr] = {}
    for name, text in DEFINITIONS.items():
        found = check(parse(text), Environment(RECORD, PARAMS, types))
        types[name], definitions[name] = found.type, found.expr
    env = Environment(RECORD, PARAMS, types)
    return definitions, [check(parse(text), env).expr for text in EXPRESSIONS]


RESOLVED_DEFINITIONS, RESOLVED = _resolved()


def _twins() -> dict[str, Any]:
    definitions = list(RESOLVED_DEFINITIONS.items())
    durations = ("lag",)
    shared = compiled.load(codegen.generate_definitions(
        "<traced-definitions T>", definitions, durations, traced=True)).functions
    nothing = check(parse("true"), Environment(RECORD)).expr
    twins = [codegen.Traced(f"e_{i}", expr) for i, expr in enumerate(RESOLVED)]
    twins += [codegen.Traced(f"g_{i}", nothing, expr) for i, expr in enumerate(RESOLVED)]
    unit = compiled.load(codegen.generate_traced("<traced-rule T>", twins, definitions,
                                                 durations), shared)
    return dict(unit.functions)


TWINS = _twins()


def interpreted_reads(expr: nodes.Expr, ctx: Context) -> list[tuple[str, str, Any]]:
    traced = Context(ctx.data, ctx.period, ctx.param, ctx.definitions, trace=[])
    evaluate(expr, traced)
    seen: dict[tuple[str, str], Any] = {}
    for node, value in traced.trace or ():
        if isinstance(node, nodes.Exists):  # exists(x) read x
            target = node.field
            node, value = target, runtime.get_path(ctx.data, target.path, target.dotted)
        if isinstance(node, nodes.Field):
            seen.setdefault(("field", node.dotted), value)
        elif isinstance(node, nodes.DefRef):
            seen.setdefault(("definition", node.name), value)
        elif isinstance(node, nodes.ParamRef):
            seen.setdefault(("parameter", node.name), value)
    return [(kind, name, value) for (kind, name), value in seen.items()]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(index=st.integers(0, len(EXPRESSIONS) - 1), data=DATA, params=PARAM_VALUES,
       year=st.integers(2020, 2026), role=st.sampled_from(["e", "g"]))
def test_each_construct_reads_as_the_interpreter_does(index: int, data: dict[str, Any],
                                                      params: dict[str, Any], year: int,
                                                      role: str) -> None:
    """As a ``require`` (``e_``: reads only) and as a ``when`` (``g_``: its value decides)."""

    def param(name: str) -> Any:
        if name in params:
            return params[name]
        return runtime.undefined("no-parameter-value", name, "–", "–")

    ctx = Context(data, Quarter(year, 1), param, RESOLVED_DEFINITIONS)
    reads: dict[tuple[str, str], Any] = {}
    TWINS[f"{role}_{index}"](data, ctx.period, param, {}, reads)
    assert [(kind, name, value) for (kind, name), value in reads.items()] == (
        interpreted_reads(RESOLVED[index], ctx)), EXPRESSIONS[index]

