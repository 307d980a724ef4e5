"""Located, explained errors for the mistakes rule authors make."""

from __future__ import annotations

import pytest
from vardval.dsl import typesys as ts
from vardval.dsl.errors import RuleSyntaxError, RuleTypeError
from vardval.dsl.parser import parse
from vardval.dsl.spans import Origin
from vardval.dsl.typecheck import Environment, check

ENV = Environment(ts.record({"contacts": ts.record({"total": ts.NUMBER}), "d": ts.DATE}),
                  {"vardgaranti.kontakt.malniva": ts.NUMBER})


def first(exc: pytest.ExceptionInfo[Exception]) -> str:
    return str(exc.value).splitlines()[0]


def test_syntax_error_points_into_the_rule_file() -> None:
    with pytest.raises(RuleSyntaxError) as exc:
        parse("contacts.total >= ", Origin("rules/x.yaml", 14, 14))
    assert first(exc).startswith("rules/x.yaml:14:")


def test_missing_then_is_named() -> None:
    with pytest.raises(RuleSyntaxError) as exc:
        parse("if d > 2025-01-01 1 else 2")
    assert "'if' needs 'then'" in str(exc.value)


def test_impossible_date_literal() -> None:
    with pytest.raises(RuleSyntaxError) as exc:
        parse("d > 2025-02-30")
    assert "'2025-02-30' is not a date in the calendar" in str(exc.value)


def test_unknown_field_suggests_the_right_one() -> None:
    with pytest.raises(RuleTypeError) as exc:
        check(parse("contacts.totl > 1"), ENV)
    assert "unknown field 'contacts.totl'" in str(exc.value)
    assert "did you mean 'contacts.total'?" in str(exc.value)


def test_unknown_parameter_suggests_the_right_one() -> None:
    with pytest.raises(RuleTypeError) as exc:
        check(parse("1 >= param(vardgaranti.kontakt.malnva)"), ENV)
    assert "did you mean 'vardgaranti.kontakt.malniva'?" in str(exc.value)


def test_date_compared_with_number() -> None:
    with pytest.raises(RuleTypeError) as exc:
        check(parse("d > 3"), ENV)
    assert "cannot compare a date with a number" in str(exc.value)


def test_non_boolean_require_is_refused() -> None:
    with pytest.raises(RuleTypeError) as exc:
        check(parse("contacts.total + 1"), ENV, ts.BOOL, "'require'")
    assert "'require' must be a truth value, not a number" in str(exc.value)


def test_all_problems_are_reported_at_once() -> None:
    with pytest.raises(RuleTypeError) as exc:
        check(parse("contacts.totl > 1 and d > 3 and nope"), ENV, ts.BOOL)
    assert len(exc.value.diagnostics) == 3


def test_nesting_is_bounded() -> None:
    with pytest.raises(RuleSyntaxError) as exc:
        parse("(" * 100 + "1" + ")" * 100)
    assert "nest more than" in str(exc.value)
