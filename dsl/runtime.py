"""The only helpers rule code may call at run time: null-safe access, Kleene logic, exact maths.

Both evaluators (the reference interpreter and the compiled code) use these, so a rule means the
same thing whichever runs it. Unknown values (``values.Unknown``) flow through every operation:
arithmetic and comparisons on an unknown are unknown; ``and``/``or``/``not`` follow Kleene's
three-valued logic, so ``false and unknown`` is false and ``true or unknown`` is true.

Numbers are exact. Integers stay ``int``; anything else is ``Decimal`` computed in a 60-digit
context. A share of two counts below 10**20 that equals a decimal threshold is computed without
rounding, and one that differs from it differs in the first 40 digits, so comparisons at a
threshold are exact (``9 / 10 >= 90%`` is true).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from vardval.dsl.numbers import MAX_DIGITS, code_text, too_long_for_text
from vardval.dsl.reasons import Reason
from vardval.dsl.values import Duration, Quarter, Unknown, shift

# Emax: a Decimal past MAX_DIGITS digits overflows, and an overflow is a "too large" unknown.
CTX = decimal.Context(prec=60, Emax=MAX_DIGITS, Emin=-MAX_DIGITS,
                      traps=[decimal.InvalidOperation, decimal.Overflow])
UNKNOWN_TYPE = Unknown


def unknown_of(*values: object) -> Unknown | None:
    """The union of the unknowns among ``values``, or None when all are known."""
    found: Unknown | None = None
    for value in values:
        if type(value) is Unknown:
            found = value if found is None else found | value
    return found


def missing(path: str) -> Unknown:
    return Unknown(missing=frozenset({path}))


def undefined(code: str, *values: object) -> Unknown:
    """An unknown for the reason ``code`` of ``dsl.reasons.WORDING``, naming ``values``."""
    return Unknown(reasons=frozenset({Reason(code, values)}))


# --- access ------------------------------------------------------------------------------


def get_path(data: Mapping[str, Any], path: tuple[str, ...], dotted: str) -> Any:
    """The value at ``path``, or Unknown naming the field when any step is absent."""
    current: Any = data
    for part in path:
        if not isinstance(current, Mapping) or part not in current:
            return missing(dotted)
        current = current[part]
    return current


def has_path(data: Mapping[str, Any], path: tuple[str, ...]) -> bool:
    current: Any = data
    for part in path:
        if not isinstance(current, Mapping) or part not in current:
            return False
        current = current[part]
    return True


def get_attr(record: Any, name: str) -> Any:
    """A record's field, or a date's or quarter's part (year, month, day; start, end …)."""
    if type(record) is Unknown:
        return record
    if isinstance(record, dt.date | Quarter):
        return getattr(record, name)
    if isinstance(record, Mapping) and name in record:
        return record[name]
    return missing(name)


def period_part(period: Any, part: str) -> Any:
    return getattr(period, part) if type(period) is not Unknown else period


# --- logic -------------------------------------------------------------------------------


def k_and(left: Any, right: Any) -> Any:
    if left is False or right is False:
        return False
    gap = unknown_of(left, right)
    return True if gap is None else gap


def k_or(left: Any, right: Any) -> Any:
    if left is True or right is True:
        return True
    gap = unknown_of(left, right)
    return False if gap is None else gap


def k_not(value: Any) -> Any:
    return value if type(value) is Unknown else not value


def k_all(values: Iterable[Any]) -> Any:
    result: Any = True
    for value in values:
        result = k_and(result, value)
        if result is False:
            return False
    return result


def k_any(values: Iterable[Any]) -> Any:
    result: Any = False
    for value in values:
        result = k_or(result, value)
        if result is True:
            return True
    return result


# --- arithmetic --------------------------------------------------------------------------


def add(left: Any, right: Any) -> Any:
    gap = unknown_of(left, right)
    if gap is not None:
        return gap
    if isinstance(right, Duration) and isinstance(left, dt.date):
        return _moved(left, right, 1)
    if isinstance(left, Duration) and isinstance(right, dt.date):
        return _moved(right, left, 1)
    if isinstance(left, Duration):
        return Duration(left.months + right.months, left.days + right.days)
    return left + right if type(left) is int and type(right) is int else _exact(CTX.add,
                                                                                left, right)


def sub(left: Any, right: Any) -> Any:
    gap = unknown_of(left, right)
    if gap is not None:
        return gap
    if isinstance(left, Duration):
        return Duration(left.months - right.months, left.days - right.days)
    if isinstance(right, Duration):
        return _moved(left, right, -1)
    if isinstance(left, dt.date):
        return (left - right).days
    return left - right if type(left) is int and type(right) is int else _exact(CTX.subtract,
                                                                                left, right)


def _moved(day: dt.date, duration: Duration, sign: int) -> Any:
    try:
        return shift(day, duration, sign)
    except (ValueError, OverflowError):
        return undefined("leaves-calendar", day, duration)


def mul(left: Any, right: Any) -> Any:
    gap = unknown_of(left, right)
    if gap is not None:
        return gap
    if isinstance(left, Duration) or isinstance(right, Duration):
        return _scaled(left, right)
    if type(left) is int and type(right) is int:
        product = left * right
        return undefined("too-large", str(MAX_DIGITS)) if too_long_for_text(product) else product
    return _exact(CTX.multiply, left, right)


def quotient(left: Decimal, right: Decimal) -> Any:
    """``left / right`` of two known, non-zero-divisor numbers (the compiled fast path)."""
    return _exact(CTX.divide, left, right)


def _exact(operation: Any, left: Any, right: Any) -> Any:
    """A Decimal operation in ``CTX``; past ``MAX_DIGITS`` digits the value is unknown."""
    try:
        return operation(left, right)
    except decimal.Overflow:
        return undefined("too-large", str(MAX_DIGITS))


def _scaled(left: Any, right: Any) -> Any:
    """A duration times a whole number: ``2 * 3 months`` is 6 months."""
    duration, factor = (left, right) if isinstance(left, Duration) else (right, left)
    if factor != int(factor):
        return undefined("fractional-duration", duration, factor)
    return Duration(duration.months * int(factor), duration.days * int(factor))


def div(left: Any, right: Any, where: str = "a division") -> Any:
    gap = unknown_of(left, right)
    if gap is not None:
        return gap
    if right == 0:
        return undefined("division-by-zero", where)
    return _exact(CTX.divide, Decimal(left), Decimal(right))


def share_compare(op: str, left: tuple[Any, Any] | None, right: tuple[Any, Any] | None,
                  left_value: Any, right_value: Any) -> Any:
    """``left op right`` where a side that is a share ``x / y`` is given as its ``(x, y)``.

    A quotient is rounded to 60 significant digits, so ``(10**61 - 1) / 10**61 >= 1`` would
    hold; whenever every number involved is finite, the sides compare as exact fractions in
    integers instead. Otherwise the values (a share's rounded quotient, already computed for
    the trace) are compared as ``compare`` does.
    """
    exact_left = _share_ratio(*left) if left is not None else _ratio(left_value)
    exact_right = _share_ratio(*right) if right is not None else _ratio(right_value)
    if exact_left is None or exact_right is None:
        return compare(op, left_value, right_value)
    return _COMPARE[op](exact_left[0] * exact_right[1], exact_right[0] * exact_left[1])


def _ratio(value: Any) -> tuple[int, int] | None:
    if type(value) is int:
        return value, 1
    if type(value) is Decimal and value.is_finite():
        return value.as_integer_ratio()
    return None


def _share_ratio(x: Any, y: Any) -> tuple[int, int] | None:
    """``x / y`` as a fraction with a positive denominator, or None (unknown, zero, infinite)."""
    top, bottom = _ratio(x), _ratio(y)
    if top is None or bottom is None or bottom[0] == 0:
        return None
    numerator, denominator = top[0] * bottom[1], top[1] * bottom[0]
    return (-numerator, -denominator) if denominator < 0 else (numerator, denominator)


def neg(value: Any) -> Any:
    if type(value) is Unknown:
        return value
    if isinstance(value, Duration):
        return Duration(-value.months, -value.days)
    return -value


# --- comparison --------------------------------------------------------------------------


def compare(op: str, left: Any, right: Any) -> Any:
    gap = unknown_of(left, right)
    if gap is not None:
        return gap
    if isinstance(left, Duration):
        return _compare_durations(op, left, right)
    return _COMPARE[op](left, right)


def _compare_durations(op: str, left: Duration, right: Duration) -> Any:
    """Durations compare by their difference, taking a month as anything from 28 to 31 days.

    ``1 month < 40 days`` is true and ``12 months == 1 year``, but ``1 month`` against
    ``30 days`` depends on the month, so that comparison is unknown with the reason.
    """
    months, days = left.months - right.months, left.days - right.days
    low, high = sorted((months * 28 + days, months * 31 + days))
    if low == high == 0:
        return _COMPARE[op](0, 0)
    if low > 0 or high < 0:
        return _COMPARE[op](low, 0)
    return undefined("month-length", left, right)


_COMPARE = {
    "==": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,
}


def member(item: Any, container: Any) -> Any:
    gap = unknown_of(item, container)
    if gap is not None:
        return gap
    return k_any(compare("==", item, element) for element in container)


# --- functions ---------------------------------------------------------------------------


def fn_count(values: Any) -> Any:
    return values if type(values) is Unknown else len(values)


def fn_sum(values: Any) -> Any:
    if type(values) is Unknown:
        return values
    total: Any = 0
    for value in values:
        total = add(total, value)
    return total


def fn_min(*args: Any) -> Any:
    return _extreme(args, "min")


def fn_max(*args: Any) -> Any:
    return _extreme(args, "max")


def _extreme(args: tuple[Any, ...], which: str) -> Any:
    values = args[0] if len(args) == 1 else args
    gap = unknown_of(values, *([] if type(values) is Unknown else values))
    if gap is not None:
        return gap
    if not values:
        return undefined("empty-list", which)
    best = values[0]
    for value in values[1:]:
        better = compare("<" if which == "min" else ">", value, best)
        if type(better) is Unknown:
            return better
        best = value if better else best
    return best


def fn_date(year: Any, month: Any, day: Any) -> Any:
    gap = unknown_of(year, month, day)
    if gap is not None:
        return gap
    if any(part != int(part) for part in (year, month, day)):
        return undefined("date-not-whole", *(code_text(part) for part in (year, month, day)))
    try:
        return dt.date(int(year), int(month), int(day))
    except (ValueError, OverflowError):
        return undefined("date-outside-calendar",
                         *(code_text(part) for part in (year, month, day)))


def fn_lower(text: Any) -> Any:
    return text if type(text) is Unknown else text.lower()


def fn_blank(text: Any) -> Any:
    return text if type(text) is Unknown else not text.strip()


def fn_same_text(left: Any, right: Any) -> Any:
    gap = unknown_of(left, right)
    if gap is not None:
        return gap
    return left.strip().casefold() == right.strip().casefold()


