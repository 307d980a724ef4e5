"""Runtime values of the rule language that Python has no type for: durations, quarters, unknowns.

Numbers are ``int`` or ``decimal.Decimal`` (never ``float``), dates are ``datetime.date``, text is
``str``, truth values ``bool`` and lists ``tuple``/``list``. These three classes fill the gaps.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vardval.dsl.literal_words import LiteralError, LiteralSaid
from vardval.dsl.numbers import code_text

if TYPE_CHECKING:
    from vardval.dsl.reasons import Reason

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True, slots=True)
class Duration:
    """A calendar duration: whole months (clamped to the month's end) plus days.

    Example:
        >>> Duration(months=6)
        Duration(months=6, days=0)
    """

    months: int = 0
    days: int = 0

    def __str__(self) -> str:
        parts = []
        if self.months:
            parts.append(_plural(self.months, "month"))
        if self.days or not parts:
            parts.append(_plural(self.days, "day"))
        return " ".join(parts)


def _plural(n: int, unit: str) -> str:
    return f"{code_text(n)} {unit}" if abs(n) == 1 else f"{code_text(n)} {unit}s"


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    """A calendar quarter such as 2025-Q1, the reporting period of a submission.

    Example:
        >>> q = Quarter.parse("2024-Q3")
        >>> (q.start, q.end)
        (datetime.date(2024, 7, 1), datetime.date(2024, 9, 30))
    """

    year: int
    quarter: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        match = _QUARTER.match(text)
        if match is None:
            raise LiteralError(LiteralSaid("invalid-quarter", (text,)))
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.quarter - 2, 1)

    @property
    def end(self) -> dt.date:
        month = 3 * self.quarter
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        return f"{self.year}-Q{self.quarter}"


@dataclass(frozen=True, slots=True)
class Unknown:
    """A value that cannot be known: data the submission lacks, or an undefined operation.

    ``missing`` names the absent fields (JSON-path style, e.g. ``accessibility.assessments.total``);
    ``reasons`` holds other causes such as a division by zero. Unknowns combine by union.
    """

    missing: frozenset[str] = frozenset()
    reasons: frozenset[Reason] = frozenset()

    def __or__(self, other: Unknown) -> Unknown:
        return Unknown(self.missing | other.missing, self.reasons | other.reasons)

    def __bool__(self) -> bool:
        msg = "an Unknown has no truth value; use Kleene logic from dsl.runtime"
        raise TypeError(msg)


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar month arithmetic, clamped to the end of the target month.

    Example:
        >>> add_months(dt.date(2024, 8, 31), -6)
        datetime.date(2024, 2, 29)
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if day.day <= 28:  # every month has it: no clamping to look up
        return dt.date(year, month + 1, day.day)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def shift(day: dt.date, duration: Duration, sign: int = 1) -> dt.date:
    """Move a date by a duration: months first (clamped), then days."""
    moved = add_months(day, sign * duration.months) if duration.months else day
    return moved + dt.timedelta(days=sign * duration.days) if duration.days else moved
