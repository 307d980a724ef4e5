"""When a rule and each of its versions are in force, and the problems with those date ranges.

A rule applies to a submission when the first day of its period (a quarter: 1 January,
1 April, 1 July or 1 October) lies in the rule's ``valid`` range; within it, the version in
force is the last one whose ``from`` is on or before that day. A range that holds no such day
is empty: the rule, or that version of it, would never be used, which is always a mistake.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from vardval.checker.corpus import rule_records
from vardval.checker.corpus.words import BookSaid

ONE_DAY = dt.timedelta(days=1)
PathKey = tuple[str | int, ...]


class Problem(NamedTuple):
    """A located date-range problem, before it becomes a Diagnostic (a named tuple: see
    ``rule_records``)."""

    code: str
    said: BookSaid
    path: PathKey
    hint: BookSaid


def first_period_start(start: dt.date | None) -> dt.date:
    """The first quarter's first day on or after ``start`` (or the first ever).

    Example:
        >>> from vardval.checker.corpus.validity import first_period_start
        >>> first_period_start(dt.date(2025, 1, 2))
        datetime.date(2025, 4, 1)
    """
    if start is None:
        return dt.date.min
    first = dt.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
    if first >= start:
        return first
    if first.month == 10:
        return dt.date(first.year + 1, 1, 1) if first.year < dt.MAXYEAR else dt.date.max
    return dt.date(first.year, first.month + 3, 1)


def holds_a_period(start: dt.date | None, end: dt.date | None) -> bool:
    """Whether some period's first day lies in the inclusive range ``start``..``end``.

    Example:
        >>> from vardval.checker.corpus.validity import holds_a_period
        >>> holds_a_period(dt.date(2025, 1, 2), dt.date(2025, 3, 31))
        False
        >>> holds_a_period(None, dt.date(2025, 1, 1))
        True
    """
    return end is None or first_period_start(start) <= end


def ranges(entry: rule_records.RuleEntry) -> list[tuple[dt.date | None, dt.date | None]]:
    """The in-force range of the rule's own wording, then of each version, in order."""
    starts: list[dt.date | None] = [entry.valid.from_, *(v.from_ for v in entry.versions)]
    ends = [s - ONE_DAY if s else None for s in starts[1:]] + [entry.valid.to]
    return list(zip(starts, ends, strict=True))


def problems(entry: rule_records.RuleEntry, base: PathKey) -> list[Problem]:
    """Every date-range problem of one rule."""
    valid = entry.valid
    if valid.from_ and valid.to and valid.to < valid.from_:
        return [Problem("empty-validity", BookSaid("validity-reversed", (
            entry.id, str(valid.from_), str(valid.to))), (*base, "valid"),
            BookSaid("hint-validity-reversed"))]
    if not holds_a_period(valid.from_, valid.to):
        return [Problem("empty-validity", BookSaid("validity-empty", (
            entry.id, str(valid.from_), str(valid.to))), (*base, "valid"),
            BookSaid("hint-period"))]
    return [*_order(entry, base), *_outside(entry, base), *_unused(entry, base)]


def _order(entry: rule_records.RuleEntry, base: PathKey) -> list[Problem]:
    starts = [v.from_ for v in entry.versions]
    for index in range(1, len(starts)):
        if starts[index] <= starts[index - 1]:
            same = "version-repeats" if starts[index] == starts[index - 1] else "version-before"
            return [Problem("version-order", BookSaid(same, (str(starts[index]),
                                                             str(starts[index - 1]))),
                            (*base, "versions", index, "from"), BookSaid("hint-version-order"))]
    return []


def _outside(entry: rule_records.RuleEntry, base: PathKey) -> list[Problem]:
    out = []
    valid = entry.valid
    for index, version in enumerate(entry.versions):
        start = version.from_
        if (valid.from_ and start < valid.from_) or (valid.to and start > valid.to):
            out.append(Problem("version-outside-validity", BookSaid("version-outside", (
                str(start), str(valid.from_) if valid.from_ else BookSaid("always"),
                str(valid.to) if valid.to else BookSaid("no-end"))),
                (*base, "versions", index, "from"), BookSaid("hint-version-outside")))
    return out


def _unused(entry: rule_records.RuleEntry, base: PathKey) -> list[Problem]:
    """Wordings that a later version replaces before any period starts."""
    if _order(entry, base) or _outside(entry, base):
        return []
    out = []
    for index, (start, end) in enumerate(ranges(entry)):
        if holds_a_period(start, end):
            continue
        where: PathKey = (*base, "versions", index - 1, "from") if index else (*base, "valid")
        which = BookSaid("the-version-from", (str(start),)) if index else BookSaid("own-wording")
        out.append(Problem("empty-validity", BookSaid("wording-unused", (which, str(start),
                                                                          str(end))), where,
                           BookSaid("hint-period-next")))
    return out
