"""The code generator: deterministic source, an isolated namespace, errors at the rule's span."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vardval.checker.program import load_ruleset
from vardval.checker.program import units as program
from vardval.dsl import codegen, compiled, nodes, runtime
from vardval.dsl import typesys as ts
from vardval.dsl.codegen import Function
from vardval.dsl.errors import EvaluationError, RuleCompileError
from vardval.dsl.interpreter import Context
from vardval.dsl.interpreter import evaluate as interpret
from vardval.dsl.parser import parse
from vardval.dsl.spans import Origin
from vardval.dsl.typecheck import Environment, check
from vardval.dsl.values import Quarter

ROOT = ts.record({"n": ts.NUMBER, "name": ts.TEXT, "day": ts.DATE,
                  "cap": ts.record({"max": ts.NUMBER})})


def resolved(text: str, origin: Origin | None = None) -> nodes.Expr:
    return check(parse(text, origin or Origin()), Environment(ROOT)).expr


def both(text: str, data: dict[str, Any]) -> tuple[Any, Any]:
    expr = resolved(text)
    period = Quarter(2025, 1)
    return (interpret(expr, Context(data, period, {}.get, {})),
            compiled.evaluate(expr, Context(data, period, {}.get, {})))


def test_the_corpus_compiles_to_byte_identical_source_twice() -> None:
    first = program.generate(load_ruleset())
    second = program.generate(load_ruleset())
    assert [u.source for u in first] == [u.source for u in second]
    assert [u.line_map for u in first] == [u.line_map for u in second]
    assert len({u.filename for u in first}) == len(first)


def test_every_rule_has_a_unit_named_after_it() -> None:
    ruleset = load_ruleset()
    names = {u.filename for u in program.generate(ruleset)}
    assert {f"<rule {rule.id}>" for rule in ruleset.rules()} <= names


def test_generated_code_runs_in_a_namespace_of_runtime_helpers_only() -> None:
    unit = compiled.load(codegen.generate("<rule T>", [Function("v", resolved("n > 1"))]))
    scope = unit["v"].__globals__
    assert set(scope["__builtins__"]) == set(compiled.BUILTINS)
    assert "__name__" not in scope
    assert "compiled" not in scope
    assert "codegen" not in scope
    assert not {"os", "sys", "open", "eval", "exec", "__import__"} & (
        set(scope) | set(scope["__builtins__"]))


def test_each_unit_gets_a_fresh_namespace() -> None:
    generated = codegen.generate("<rule T>", [Function("v", resolved("n > 1"))])
    first, second = compiled.load(generated), compiled.load(generated)
    assert first["v"].__globals__ is not second["v"].__globals__


@pytest.mark.parametrize("text", ['"); import os; ("', "a'b\"c", "line\\nbreak", "{x}", "#"])
def test_text_literals_reach_the_source_only_through_repr(text: str) -> None:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    source = f'name == "{escaped}"'
    expected, actual = both(source, {"name": parse(f'"{escaped}"').value})  # type: ignore[union-attr]
    assert expected is True
    assert actual is True


def test_a_failure_in_generated_code_is_located_at_the_rule_span() -> None:
    # A text added to a number cannot be written (the checker refuses it), so feed data of the
    # wrong type instead: the addition raises TypeError inside generated code.
    origin = Origin("rules/national/x.yaml", 12, 14)
    expr = resolved("cap.max + 1 > n", origin)
    ctx = Context({"cap": {"max": "ten"}, "n": 1}, Quarter(2025, 1), {}.get, {})
    with pytest.raises(EvaluationError) as caught:
        compiled.evaluate(expr, ctx)
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.code == "evaluation-failed"
    assert diagnostic.span is not None
    assert (diagnostic.span.file, diagnostic.span.line) == ("rules/national/x.yaml", 12)
    assert "TypeError" in diagnostic.message


def test_an_unresolved_expression_is_refused_as_our_bug() -> None:
    with pytest.raises(RuleCompileError) as caught:
        codegen.generate("<rule T>", [Function("v", parse("n > 1"))])
    assert caught.value.diagnostics[0].code == "compile-error"


def test_literal_values_are_rebuilt_exactly() -> None:
    expr = resolved("if n > 0 then day + 1 month + 3 days else 2024-02-29")
    source = codegen.generate("<rule T>", [Function("v", expr)]).source
    assert "Duration(1, 0)" in source
    assert "date(2024, 2, 29)" in source
    data = {"n": 1, "day": dt.date(2024, 1, 31)}
    assert both("day + 1 month + 3 days == 2024-03-03", data) == (True, True)
    assert both("n * 1.50 == 3", {"n": 2}) == (True, True)
    expected, actual = both("n / 3", {"n": 2})
    assert repr(expected) == repr(actual) == repr(runtime.CTX.divide(Decimal(2), Decimal(3)))


def test_line_map_points_every_function_at_its_expression() -> None:
    origin = Origin("r.yaml", 40, 5)
    generated = codegen.generate("<rule T>", [Function("v", resolved("n > 1", origin))])
    assert generated.line_map
    assert all(span.file == "r.yaml" and span.line == 40 for _, span in generated.line_map)
    first_def = generated.source.splitlines().index("def v(D, Q, P, M):") + 1
    assert generated.span_at(first_def) is not None


SHARE_ROOT = ts.record({"a": ts.NUMBER, "b": ts.NUMBER, "t": ts.NUMBER})
SHARES = {op: check(parse(f"a / b {op} t"), Environment(SHARE_ROOT)).expr
          for op in ("<", "<=", ">", ">=", "==", "!=")}
SHARES_RIGHT = {op: check(parse(f"t {op} a / b"), Environment(SHARE_ROOT)).expr
                for op in ("<", ">=", "==")}
WHOLE = st.one_of(st.integers(-50, 50), st.integers(-10**22, 10**22),
                  st.sampled_from([10**20 - 1, 10**20, -(10**20) + 1, 3, 7, 9, 10, 11, 2 * 10**19]))
THRESHOLD = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-5, max_value=5),
    st.sampled_from([Decimal("0.9"), Decimal("0.90"), Decimal(2) / Decimal(3),
                     Decimal("0.6666666666666666666666666666666666666666666666666666666667"),
                     Decimal("1E-30"), Decimal("1E+25"), Decimal("0.1234567890123456789")]),
    st.integers(-3, 3))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(a=WHOLE, b=WHOLE, t=THRESHOLD)
def test_shares_compare_exactly_as_the_interpreter_divides(a: int, b: int, t: Any) -> None:
    data = {"a": a, "b": b, "t": t}
    for expr in [*SHARES.values(), *SHARES_RIGHT.values()]:
        ctx = Context(data, Quarter(2025, 1), {}.get, {})
        expected = interpret(expr, Context(data, Quarter(2025, 1), {}.get, {}))
        actual = compiled.evaluate(expr, ctx)
        assert type(actual) is type(expected)
        assert actual == expected


def test_a_share_compared_with_a_number_skips_the_division_when_exact() -> None:
    source = codegen.generate("<rule T>", [Function("v", SHARES[">="])]).source
    assert "as_integer_ratio" in source
    assert "divide(Decimal(" in source  # and keeps it for everything else


PREPARED = codegen.Verdicts("indeterminate", "not_applicable", "pass", "fail")


@pytest.mark.parametrize(("text", "parts"), [
    ("day >= date(period.year, 3, 1) and n > 0", 1),  # the date is the same all plan long
    ("n > 0", 0),  # nothing but data: nothing to prepare
    ("all x in [1, 2] : x < n", 0),  # a quantifier variable is per submission
    ("day <= period.end - 12 months or date(period.year + 9000, 1, 1) > day", 2),
])
def test_a_prepared_part_gives_the_value_the_deciding_function_would_compute(
        text: str, parts: int) -> None:
    """With the plan's memo (``h_0`` run on it) or without it (computing inline), a deciding
    function decides as the interpreter does, also where a prepared part is unknown (year
    11025 has no dates)."""
    expr = resolved(text)
    unit = compiled.load(codegen.generate("<rule T>", [
        Function("v_0", expr, verdicts=PREPARED, prepare="h_0")]))
    assert ("h_0" in unit.functions) == (parts > 0)
    for data in ({"n": 1, "day": dt.date(2025, 3, 1)}, {"n": 0}, {"day": dt.date(2024, 12, 31)}):
        period = Quarter(2025, 1)
        expected = interpret(expr, Context(data, period, {}.get, {}))
        want = ("indeterminate" if isinstance(expected, runtime.Unknown)
                else "pass" if expected else "fail")
        memo: dict[str, Any] = {}
        if parts:
            unit["h_0"]({}, period, {}.get, memo)
            assert 0 < len(memo) <= parts
        assert unit["v_0"](data, period, {}.get, memo)[0] == want
        assert unit["v_0"](data, period, {}.get, {})[0] == want
