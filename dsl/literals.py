"""Literal values as rule authors write them: numbers, percentages, durations, dates, truth values.

One reading of ``90%`` or ``6 months`` for the whole project: the parameter files use
``parse_literal`` and the DSL's transformer uses the building blocks ``percent`` and ``duration``.
Numbers are exact (``int`` or ``Decimal``, never ``float``) so that a share exactly equal to a
target passes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import TypeAlias

from vardval.dsl.literal_words import WORDING, LiteralError, LiteralSaid
from vardval.dsl.values import Duration

Literal: TypeAlias = int | Decimal | Duration | dt.date | bool | str

_INTEGER = re.compile(r"-?\d+")
_DECIMAL = re.compile(r"-?\d+\.\d+")
_PERCENT = re.compile(r"(-?\d+(?:\.\d+)?)%")
_DURATION = re.compile(r"(\d+)\s+([a-z]+)")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_STRING = re.compile(r'"([^"]*)"')
MAX_DIGITS = 30  # as in rule expressions (dsl/parser.py): far past any target, limit or count
# The compiled backend runs a quantifier as a loop, and Python allows 20 nested blocks (a deeper
# expression would be a SyntaxError in generated code); the work also grows as the product of
# the lists. Rulebooks count the definitions an expression uses too (checker/corpus/nesting.py).
# Kept here, not in dsl/parser.py, so that using the bound does not import Lark.
MAX_QUANTIFIERS = 10
_BOOLEANS = {"true": True, "false": False}
_UNITS = {"day": "day", "days": "day", "month": "month", "months": "month"}
_UNITS |= {"year": "year", "years": "year"}


def parse_literal(text: str) -> Literal:
    """Read one literal; anything else is a ``LiteralError`` (a ``ValueError``) saying what
    valid looks like, in each language.

    Example:
        >>> parse_literal("90%"), parse_literal("2.5"), parse_literal("3")
        (Decimal('0.90'), Decimal('2.5'), 3)
        >>> parse_literal("2 years"), parse_literal("2025-07-01")
        (Duration(months=24, days=0), datetime.date(2025, 7, 1))
        >>> parse_literal("9O%")  # doctest: +IGNORE_EXCEPTION_DETAIL
        Traceback (most recent call last):
        ...
        LiteralError: invalid value '9O%'; expected a number, a percentage such as 90%, \
a duration such as 6 months, or a date such as 2025-07-01
        >>> try:
        ...     parse_literal("9O%")
        ... except LiteralError as error:
        ...     print(error.said.words("sv")[:39])
        ogiltigt värde '9O%'; skriv ett tal, en
    """
    stripped = text.strip()
    digits = sum(char.isdigit() for char in stripped)
    if digits > MAX_DIGITS and not _STRING.fullmatch(stripped):
        raise LiteralError(LiteralSaid("too-many-digits", (
            shorten(stripped), str(digits), str(MAX_DIGITS))))
    for pattern, build in _READERS:
        match = pattern.fullmatch(stripped)
        if match is not None:
            return build(match)
    if stripped in _BOOLEANS:
        return _BOOLEANS[stripped]
    raise LiteralError(LiteralSaid("invalid-value", (shorten(text),)))


def shorten(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for quoting in a message."""
    return text if len(text) <= limit else f"{text[:limit]}…"


def percent(digits: str) -> Decimal:
    """The exact fraction a percentage stands for: ``90`` → 0.90, ``1.5`` → 0.015.

    Example:
        >>> percent("90"), percent("1.5")
        (Decimal('0.90'), Decimal('0.015'))
    """
    return Decimal(digits).scaleb(-2)


def duration(n: int, unit: str) -> Duration:
    """A calendar duration from a count and a unit; years are twelve months, so they clamp.

    The unit must agree with the count (``1 day``, ``3 days``) so the text reads as it means.

    Example:
        >>> duration(1, "year"), duration(3, "days")
        (Duration(months=12, days=0), Duration(months=0, days=3))
    """
    base = _UNITS.get(unit)
    if base is None:
        raise LiteralError(LiteralSaid("unknown-unit", (unit,)))
    expected = base if n == 1 else f"{base}s"
    if unit != expected:
        raise LiteralError(LiteralSaid("unit-disagrees", (str(n), unit, expected)))
    if base == "day":
        return Duration(days=n)
    return Duration(months=n * (12 if base == "year" else 1))


def iso_date(year: int, month: int, day: int) -> dt.date:
    """A calendar date, refusing impossible ones (2025-02-30) with a readable message.

    Example:
        >>> iso_date(2024, 2, 29)
        datetime.date(2024, 2, 29)
    """
    try:
        return dt.date(year, month, day)
    except ValueError:
        text = f"{year:04d}-{month:02d}-{day:02d}"
        problem = calendar_said(year, month, day)
        raise LiteralError(LiteralSaid("invalid-date", (text, problem))) from None


_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_SWEDISH_MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december",
)  # fmt: skip
WORDING |= {f"month-{number}": names
            for number, names in enumerate(zip(_SWEDISH_MONTHS, _MONTHS, strict=True), 1)}


def calendar_problem(year: int, month: int, day: int) -> str:
    """Why year, month and day make no calendar date, in words a person can act on.

    Example:
        >>> calendar_problem(2025, 2, 30), calendar_problem(2025, 13, 1)
        ('February 2025 has 28 days', 'there is no month 13')
    """
    return calendar_said(year, month, day).words("en")


def calendar_said(year: int, month: int, day: int) -> LiteralSaid:
    """``calendar_problem`` in every language.

    Example:
        >>> calendar_said(2025, 2, 30).words("sv")
        'februari 2025 har 28 dagar'
    """
    if not 1 <= month <= len(_MONTHS):
        return LiteralSaid("no-month", (f"{month:02d}",))
    if 1 <= year <= dt.MAXYEAR and day >= 1:
        days = str(calendar.monthrange(year, month)[1])
        return LiteralSaid("month-days", (LiteralSaid(f"month-{month}"), str(year), days))
    return LiteralSaid("year-and-day")



def _date(match: re.Match[str]) -> dt.date:
    return iso_date(*(int(part) for part in match.groups()))


def _duration(match: re.Match[str]) -> Duration:
    return duration(int(match.group(1)), match.group(2))


_READERS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Literal]], ...] = (
    (_INTEGER, lambda m: int(m.group(0))),
    (_DECIMAL, lambda m: Decimal(m.group(0))),
    (_PERCENT, lambda m: percent(m.group(1))),
    (_DURATION, _duration),
    (_DATE, _date),
    (_STRING, lambda m: m.group(1)),
)
