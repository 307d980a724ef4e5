"""Literals as rule authors write them: exact numbers, percentages, durations, dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from vardval.dsl.literals import duration, parse_literal, percent
from vardval.dsl.values import Duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", 3),
        ("0", 0),
        ("-2", -2),
        ("2.5", Decimal("2.5")),
        ("0.10", Decimal("0.10")),
        ("90%", Decimal("0.90")),
        ("100%", Decimal("1.00")),
        ("1.5%", Decimal("0.015")),
        ("0.5%", Decimal("0.005")),
        ("3 days", Duration(days=3)),
        ("1 day", Duration(days=1)),
        ("6 months", Duration(months=6)),
        ("1 month", Duration(months=1)),
        ("1 year", Duration(months=12)),
        ("2 years", Duration(months=24)),
        ("2025-07-01", dt.date(2025, 7, 1)),
        ("2024-02-29", dt.date(2024, 2, 29)),
        ("true", True),
        ("false", False),
        ('"Synergi"', "Synergi"),
        ("  6 months ", Duration(months=6)),
    ],
)
def test_parse_literal_reads_each_form(text: str, expected: object) -> None:
    value = parse_literal(text)
    assert value == expected
    assert type(value) is type(expected)


def test_numbers_are_exact_never_float() -> None:
    assert not isinstance(parse_literal("2.5"), float)
    assert Decimal(9) / Decimal(10) >= parse_literal("90%")  # a share equal to the target passes
    assert parse_literal("0.1") + parse_literal("0.2") == Decimal("0.3")


def test_percent_keeps_the_written_precision() -> None:
    assert str(percent("90")) == "0.90"
    assert percent("1.5") == Decimal("1.5") / 100


def test_duration_building_block() -> None:
    assert duration(2, "years") == Duration(months=24)
    assert duration(1, "day") == Duration(days=1)


@pytest.mark.parametrize(("n", "unit", "fix"), [(3, "day", "3 days"), (1, "months", "1 month")])
def test_duration_unit_must_agree_with_the_count(n: int, unit: str, fix: str) -> None:
    with pytest.raises(ValueError, match=f"write '{fix}'"):
        duration(n, unit)


def test_unknown_duration_unit() -> None:
    with pytest.raises(ValueError, match="expected days, months or years"):
        parse_literal("6 weeks")


@pytest.mark.parametrize("text", ["9O%", "", "90 %", "2025-7-1", "1e3", "ninety", "TRUE", "3,5"])
def test_invalid_values_say_what_valid_looks_like(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_literal(text)
    assert str(caught.value) == (
        f"invalid value '{text}'; expected a number, a percentage such as 90%, a duration such "
        "as 6 months, or a date such as 2025-07-01"
    )


@pytest.mark.parametrize("text", ["2025-02-30", "2023-02-29", "2025-13-01", "2025-00-10"])
def test_impossible_dates_are_rejected_clearly(text: str) -> None:
    with pytest.raises(ValueError, match=rf"invalid date '{text}': .*expected a real date"):
        parse_literal(text)
