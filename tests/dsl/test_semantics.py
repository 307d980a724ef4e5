"""Evaluator semantics users rely on: missing data, Kleene logic, exact thresholds, dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from vardval.dsl import typesys as ts
from vardval.dsl.interpreter import Context, evaluate
from vardval.dsl.parser import parse
from vardval.dsl.typecheck import Environment, check
from vardval.dsl.values import Quarter, Unknown

ROOT = ts.record({
    "a": ts.NUMBER, "b": ts.NUMBER, "flag": ts.BOOL, "name": ts.TEXT, "day": ts.DATE,
    "cap": ts.record({"from": ts.DATE, "applied": ts.DATE, "grounds": ts.list_of(ts.TEXT)}),
})
ENV = Environment(ROOT, {"target": ts.NUMBER})


def run(text: str, data: dict[str, Any], period: str = "2025-Q1") -> Any:
    expr = check(parse(text), ENV).expr
    params = {"target": Decimal("0.9")}
    return evaluate(expr, Context(data, Quarter.parse(period), params.get, {}))


@pytest.mark.parametrize(("a", "b", "expected"), [(9, 10, True), (899, 1000, False),
                                                   (900, 1000, True), (1, 1, True)])
def test_share_exactly_at_the_target_passes(a: int, b: int, expected: bool) -> None:
    assert run("a / b >= param(target)", {"a": a, "b": b}) is expected


def test_share_with_a_repeating_decimal_is_compared_exactly() -> None:
    assert run("a / b >= 2 / 3", {"a": 2, "b": 3}) is True
    assert run("a / b < 2 / 3", {"a": 2, "b": 3}) is False


def test_missing_field_makes_the_result_unknown_and_names_it() -> None:
    result = run("a / b >= param(target)", {"a": 9})
    assert isinstance(result, Unknown)
    assert result.missing == {"b"}


def test_false_and_unknown_is_false() -> None:
    assert run("a > 100 and b > 1", {"a": 1}) is False


def test_true_or_unknown_is_true() -> None:
    assert run("a < 100 or b > 1", {"a": 1}) is True


def test_true_and_unknown_is_unknown() -> None:
    assert isinstance(run("a < 100 and b > 1", {"a": 1}), Unknown)


def test_exists_is_never_unknown() -> None:
    assert run("exists(cap.from)", {}) is False
    assert run("exists(cap)", {"cap": {}}) is True


def test_if_evaluates_only_the_branch_taken() -> None:
    assert run("if flag then a > 1 else b > 1", {"flag": True, "a": 5}) is True


def test_division_by_zero_is_unknown_with_a_reason() -> None:
    result = run("a / b > 1", {"a": 1, "b": 0})
    assert isinstance(result, Unknown)
    assert any("division by zero" in str(r) for r in result.reasons)


def test_month_arithmetic_clamps_to_the_end_of_the_month() -> None:
    assert run("day - 6 months == 2024-02-29", {"day": dt.date(2024, 8, 31)}) is True


def test_applied_exactly_six_months_before_passes() -> None:
    data = {"cap": {"from": dt.date(2024, 7, 1), "applied": dt.date(2024, 1, 1)}}
    assert run("cap.applied <= cap.from - 6 months", data) is True
    data["cap"]["applied"] = dt.date(2024, 1, 2)
    assert run("cap.applied <= cap.from - 6 months", data) is False


def test_period_parts() -> None:
    assert run("period.start == 2024-07-01 and period.end == 2024-09-30", {}, "2024-Q3") is True
    assert run("period >= 2022-Q3", {}, "2022-Q2") is False
    assert run("date(period.year, 3, 1) == 2025-03-01", {}) is True


def test_quantifiers_and_membership() -> None:
    data = {"cap": {"grounds": ["x", "y"]}}
    assert run('all g in cap.grounds: g in ["x", "y"]', data) is True
    assert run('any g in cap.grounds: g == "z"', data) is False
    assert run('all g in cap.grounds: g == "z"', {"cap": {"grounds": []}}) is True
    assert run("count(cap.grounds) >= 1", {"cap": {"grounds": []}}) is False


def test_text_helpers() -> None:
    assert run('same_text(name, "SYNERGI")', {"name": " synergi "}) is True
    assert run("blank(name)", {"name": "   "}) is True
    assert run('lower(name) == "abc"', {"name": "ABC"}) is True


def test_min_max_and_sum() -> None:
    assert run("max(a, b) == 7 and min(a, b) == 3 and sum([a, b]) == 10", {"a": 3, "b": 7})
    assert run("max(cap.applied, cap.from) == 2025-01-02",
               {"cap": {"applied": dt.date(2025, 1, 2), "from": dt.date(2024, 1, 1)}})
