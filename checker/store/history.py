"""Each clinic's history: every rule's status per quarter and what changed since the last one.

The latest revision of a quarter counts. A quarter without a submission is a gap, never a
pass: it neither breaks nor extends a streak of failures, and the next quarter is compared
with the last one submitted. A change of status where the rule version or the parameter values
it read also changed (``record.basis``) is the rules' doing, not the clinic's, and is kept
apart as ``rules``. Today's decisions apply to every quarter through ``engine.waiver_for``,
the one path ``check`` uses too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from vardval.checker.engine import Waiver, waiver_for
from vardval.checker.store.actions import FollowUp, follow_ups
from vardval.checker.store.quarters import quarter_range
from vardval.checker.store.schema import findings, submissions

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from sqlalchemy import Connection
    from vardval.checker.corpus import RuleSet

CHANGES = ("new_failure", "still_failing", "fixed", "worse", "better", "rules", "gap")
_RANK = {"pass": 0, "indeterminate": 1, "fail": 2}
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Cell:
    """One rule in one quarter: its status (None: no submission) and the change to it."""

    period: str
    status: str | None = None
    revision: int | None = None
    change: str | None = None
    streak: int = 0
    waiver: Waiver | None = None
    notes: tuple[dict[str, str], ...] = ()
    #: the status in the revision this one replaced, when it differs
    was: str | None = None


@dataclass(frozen=True, slots=True)
class RuleHistory:
    rule_id: str
    cells: tuple[Cell, ...]
    follow_up: FollowUp | None = None


@dataclass(frozen=True, slots=True)
class ClinicHistory:
    hsa_id: str
    name: str
    region: str
    revisions: dict[str, int]
    rules: tuple[RuleHistory, ...]


@dataclass(frozen=True)
class History:
    quarters: tuple[str, ...]
    clinics: tuple[ClinicHistory, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class _Found:
    status: str
    basis: str
    revision: int
    was: str | None = None


def history(connection: Connection, ruleset: RuleSet, *, clinic: str | None = None,
            region: str | None = None, first: str | None = None,
            last: str | None = None) -> History:
    """The history of one clinic, a region's clinics or every clinic, over a quarter range
    (by default the quarters the store holds for them)."""
    latest = _latest(connection, clinic, region, first, last)
    if not latest:
        return History(tuple(quarter_range(first, last)) if first and last else ())
    periods = [row["period"] for row in latest.values()]
    quarters = tuple(quarter_range(first or min(periods), last or max(periods)))
    ids = [row["id"] for row in latest.values()]
    ids += [row["previous_id"] for row in latest.values() if row["previous_id"] is not None]
    found = _findings(connection, ids)
    by_clinic: dict[str, list[dict[str, Any]]] = {}
    for row in latest.values():
        by_clinic.setdefault(row["hsa_id"], []).append(row)
    steps = {(f.hsa_id, f.rule_id): f for f in follow_ups(connection, by_clinic)}
    clinics = [_clinic(rows, found, quarters, ruleset, steps)
               for _, rows in sorted(by_clinic.items())]
    clinics.sort(key=lambda c: (c.region, c.name, c.hsa_id))
    return History(quarters, tuple(clinics))


def _latest(connection: Connection, clinic: str | None, region: str | None,
            first: str | None, last: str | None) -> dict[tuple[str, str], dict[str, Any]]:
    """The latest revision of each clinic's quarter, as rows."""
    s = submissions.c
    query = select(s.id, s.hsa_id, s.clinic_name, s.region, s.period, s.revision)
    if clinic is not None:
        query = query.where(s.hsa_id == clinic)
    if region is not None:
        query = query.where(s.region == region)
    if first is not None:
        query = query.where(s.period >= first)
    if last is not None:
        query = query.where(s.period <= last)
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for row in connection.execute(query.order_by(s.revision)).mappings():
        key = (row["hsa_id"], row["period"])
        before = latest.get(key)
        latest[key] = {**row, "previous_id": before["id"] if before else None}
    return latest


def _findings(connection: Connection, ids: Sequence[int]) -> dict[int, dict[str, _Found]]:
    out: dict[int, dict[str, _Found]] = {}
    f = findings.c
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        query = select(f.submission_id, f.rule_id, f.status, f.basis).where(
            f.submission_id.in_(chunk))
        for row in connection.execute(query):
            out.setdefault(row.submission_id, {})[row.rule_id] = _Found(row.status, row.basis,
                                                                        0)
    return out


def _clinic(rows: list[dict[str, Any]], found: dict[int, dict[str, _Found]],
            quarters: tuple[str, ...], ruleset: RuleSet,
            steps: dict[tuple[str, str], FollowUp]) -> ClinicHistory:
    newest = max(rows, key=lambda r: r["period"])
    hsa_id = newest["hsa_id"]
    by_period = {r["period"]: r for r in rows}
    # rules never applicable to this clinic in the range are left out (a region's rules, say)
    rule_ids = sorted({rule for r in rows for rule in found.get(r["id"], {})},
                      key=_rule_order(ruleset))
    lines = []
    for rule_id in rule_ids:
        seen = {p: _Found(f.status, f.basis, r["revision"], _was(found, r, rule_id, f.status))
                for p, r in by_period.items()
                if (f := found.get(r["id"], {}).get(rule_id)) is not None}
        cells = timeline(quarters, seen, lambda p, s, r=rule_id: waiver_for(
            ruleset.decisions, hsa_id, p, r, s))
        follow = steps.get((hsa_id, rule_id))
        if follow is not None or any(c.status not in (None, "not_applicable") for c in cells):
            lines.append(RuleHistory(rule_id, cells, follow))
    return ClinicHistory(hsa_id, newest["clinic_name"], newest["region"],
                         {p: r["revision"] for p, r in by_period.items()}, tuple(lines))


def _was(found: dict[int, dict[str, _Found]], row: dict[str, Any], rule_id: str,
         status: str) -> str | None:
    previous = found.get(row["previous_id"], {}).get(rule_id) if row["previous_id"] else None
    return previous.status if previous is not None and previous.status != status else None


def timeline(quarters: Iterable[str], seen: dict[str, _Found],
             decide: Any = None) -> tuple[Cell, ...]:
    """One rule's cells over ``quarters`` from what each submitted quarter found.

    Example:
        >>> f = lambda s, b="v1": _Found(s, b, 1)
        >>> cells = timeline(["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"],
        ...                  {"2025-Q1": f("pass"), "2025-Q2": f("fail"), "2025-Q4": f("fail")})
        >>> [(c.status, c.change, c.streak) for c in cells]  # doctest: +NORMALIZE_WHITESPACE
        [('pass', None, 0), ('fail', 'new_failure', 1), (None, 'gap', 0),
         ('fail', 'still_failing', 2)]
    """
    cells, before, streak = [], None, 0
    for period in quarters:
        now = seen.get(period)
        if now is None:
            cells.append(Cell(period, change="gap"))
            continue
        streak = streak + 1 if now.status == "fail" else 0
        waiver, notes = decide(period, now.status) if decide else (None, ())
        cells.append(Cell(period, now.status, now.revision, _change(before, now), streak,
                          waiver, notes, now.was))
        before = now
    return tuple(cells)


def _change(before: _Found | None, now: _Found) -> str | None:
    if before is None:
        return None
    if before.status == now.status:
        return "still_failing" if now.status == "fail" else None
    if before.basis != now.basis:
        return "rules"
    if now.status == "fail":
        return "new_failure"
    if before.status == "fail" and now.status == "pass":
        return "fixed"
    if before.status in _RANK and now.status in _RANK:
        return "worse" if _RANK[now.status] > _RANK[before.status] else "better"
    return None


def _rule_order(ruleset: RuleSet) -> Any:
    order = {rule.id: index for index, rule in enumerate(ruleset.rules())}
    return lambda rule_id: (order.get(rule_id, len(order)), rule_id)


def as_json(value: History) -> dict[str, Any]:
    """``vardval/history@1``: the history as plain data."""
    return {"format": "vardval/history@1", "quarters": list(value.quarters),
            "clinics": [_clinic_json(c) for c in value.clinics]}


def _clinic_json(clinic: ClinicHistory) -> dict[str, Any]:
    return {"hsa_id": clinic.hsa_id, "name": clinic.name, "region": clinic.region,
            "revisions": clinic.revisions,
            "rules": [{"rule": line.rule_id, "quarters": [_cell_json(c) for c in line.cells],
                       "follow_up": _follow_json(line.follow_up)} for line in clinic.rules]}


def _cell_json(cell: Cell) -> dict[str, Any]:
    out: dict[str, Any] = {"period": cell.period, "status": cell.status or "gap"}
    if cell.revision is not None:
        out["revision"] = cell.revision
    if cell.change:
        out["change"] = cell.change
    if cell.streak:
        out["streak"] = cell.streak
    if cell.waiver is not None:
        out["waiver"] = cell.waiver.as_json()
    if cell.notes:
        out["notes"] = [dict(n) for n in cell.notes]
    if cell.was is not None:
        out["previous_revision_status"] = cell.was
    return out


def _follow_json(follow: FollowUp | None) -> dict[str, Any] | None:
    if follow is None:
        return None
    return {"open": follow.open, "due": follow.due,
            "steps": [{"step": s.kind, "due": s.due, "period": s.period, "note": s.note,
                       "by": s.actor, "at": s.recorded_at} for s in follow.steps]}


def dumps(value: History) -> str:
    return json.dumps(as_json(value), ensure_ascii=False, indent=2) + "\n"
