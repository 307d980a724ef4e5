"""The submission format's own readings of counts, money and dates, before pydantic's checks.

They are plain functions in a module without pydantic so that the validator cached from the
model (``quick_validator``) can name them and a warm check can call them without importing
pydantic (issue 21); ``model`` attaches them as ``BeforeValidator``s.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from vardval.checker.submission.facts import DATE_PATTERN


def whole_number(value: object) -> object:
    """Counts are whole numbers; ``3.0`` is one, ``true`` and ``"3"`` are not (JSON Schema)."""
    if type(value) is int:  # nearly every count; runs for each one in every submission
        return value
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float):
        msg = "expected a whole number"
        raise ValueError(msg)  # noqa: TRY004 - pydantic wants ValueError, not TypeError
    if isinstance(value, int):
        return value
    if not Decimal(value).is_finite() or value != int(value):
        msg = f"{value} is not a whole number"
        raise ValueError(msg)
    return int(value)


def exact_number(value: object) -> object:
    """Money and percentages stay exact ``Decimal``s; text and ``true`` are refused."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float):
        msg = "expected a number"
        raise ValueError(msg)  # noqa: TRY004 - pydantic wants ValueError, not TypeError
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        msg = "expected a finite number"
        raise ValueError(msg)
    return number


_DATE = re.compile(DATE_PATTERN, flags=re.ASCII)


def iso_date(value: object) -> object:
    """Dates are ISO ``YYYY-MM-DD`` text; pydantic alone would also take timestamps."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        msg = "expected a date written YYYY-MM-DD"
        raise ValueError(msg)
    return dt.date.fromisoformat(value)


# The functions a cached validator schema may name (``plain_schema``, ``quick_validator``).
BY_NAME = {f.__name__: f for f in (whole_number, exact_number, iso_date)}
