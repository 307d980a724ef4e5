"""The one place a region's decisions change findings: dispensations become waivers.

``check``, ``explain``, ``history``, ``replay`` and the store all go through ``waiver_for``
(``check_intake`` calls ``apply``), so an exemption is applied the same way everywhere.
A dispensation applies to a quarter when it is in force on the quarter's last day. It exempts
a failing finding only: the finding keeps its status and carries the waiver. It never turns an
indeterminate finding into a pass, and one no longer in force says so in a note.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vardval.checker.corpus import Decision, RuleSet

if TYPE_CHECKING:
    from collections.abc import Iterable

    from vardval.checker.engine.findings import Finding

Note = dict[str, str]
_Index = dict[str, dict[str, list[Decision]]]
_INDEXES: weakref.WeakKeyDictionary[RuleSet, _Index] = weakref.WeakKeyDictionary()


@dataclass(frozen=True, slots=True)
class Waiver:
    """A dispensation as a finding carries it (``waiver`` in the results contract)."""

    id: str
    decision: str
    reason: str
    valid_from: str
    valid_to: str
    decided_by: str

    def as_json(self) -> dict[str, str]:
        return {"id": self.id, "decision": self.decision, "reason": self.reason,
                "valid_from": self.valid_from, "valid_to": self.valid_to}

    @classmethod
    def of(cls, decision: Decision) -> Waiver:
        return cls(decision.id, decision.reference, decision.reason,
                   decision.valid_from.isoformat(), decision.valid_to.isoformat(),
                   decision.decided_by)


def waiver_text(waiver: Waiver, lang: str) -> str:
    """How every report words a waived failure.

    Example:
        >>> w = Waiver("D1", "Dnr 2025/12", "skäl", "2025-01-01", "2025-06-30", "nämnden")
        >>> waiver_text(w, "sv")
        'underkänd — undantag (Dnr 2025/12, D1, t.o.m. 2025-06-30)'
    """
    if lang == "sv":
        return f"underkänd — undantag ({waiver.decision}, {waiver.id}, t.o.m. {waiver.valid_to})"
    return f"failed — dispensation ({waiver.decision}, {waiver.id}, until {waiver.valid_to})"


def quarter_end(period: str) -> dt.date:
    """The last day of a quarter written ``2025-Q1``.

    Example:
        >>> quarter_end("2025-Q1"), quarter_end("2024-Q4")
        (datetime.date(2025, 3, 31), datetime.date(2024, 12, 31))
    """
    year, quarter = int(period[:4]), int(period[-1])
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)


def waiver_for(decisions: Iterable[Decision], clinic: str, period: str, rule: str,
               status: str) -> tuple[Waiver | None, tuple[Note, ...]]:
    """The waiver a finding carries and the notes it gets, from the decisions on record.

    Example:
        >>> d = Decision("D1", "dispensation", "kronoberg", "SE1-E1", ("R",),
        ...              dt.date(2025, 1, 1), dt.date(2025, 6, 30), "Dnr 1", "skäl", "nämnd",
        ...              "f.yaml", 3)
        >>> waiver_for([d], "SE1-E1", "2025-Q1", "R", "fail")[0].decision
        'Dnr 1'
        >>> waiver_for([d], "SE1-E1", "2025-Q3", "R", "fail")[1][0]["en"][:40]
        'Dispensation D1 (Dnr 1) expired on 2025-'
    """
    matching = [d for d in decisions if d.clinic == clinic and rule in d.rules]
    if not matching or status not in ("fail", "indeterminate"):
        return None, ()
    last_day = quarter_end(period)
    in_force = [d for d in matching if d.in_force(last_day)]
    if in_force and status == "fail":
        return Waiver.of(max(in_force, key=lambda d: d.valid_to)), ()
    if in_force:
        return None, tuple(_not_for_indeterminate(d) for d in in_force)
    return None, tuple(_not_in_force(d, last_day) for d in matching)


def apply(ruleset: RuleSet, clinic: str, period: str,
          findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """``findings`` with waivers and notes from the corpus's decisions about ``clinic``."""
    by_rule = _index(ruleset).get(clinic)
    if not by_rule:
        return findings
    out = []
    for finding in findings:
        decisions = by_rule.get(finding.rule.id)
        if not decisions:
            out.append(finding)
            continue
        waiver, notes = waiver_for(decisions, clinic, period, finding.rule.id, finding.status)
        out.append(finding._replace(waiver=waiver, notes=finding.notes + notes))
    return tuple(out)


def _index(ruleset: RuleSet) -> _Index:
    index = _INDEXES.get(ruleset)
    if index is None:
        index = {}
        for decision in ruleset.decisions:
            for rule in decision.rules:
                index.setdefault(decision.clinic, {}).setdefault(rule, []).append(decision)
        _INDEXES[ruleset] = index
    return index


def _not_for_indeterminate(d: Decision) -> Note:
    return {"sv": f"Undantaget {d.id} ({d.reference}) gäller bara underkända resultat; ett "
                  "obestämt resultat blir inte godkänt av ett undantag.",
            "en": f"Dispensation {d.id} ({d.reference}) exempts failures only; an "
                  "indeterminate result is never made a pass by a dispensation."}


def _not_in_force(d: Decision, last_day: dt.date) -> Note:
    if d.valid_to < last_day:
        return {"sv": f"Undantaget {d.id} ({d.reference}) upphörde att gälla {d.valid_to}; "
                      "underkännandet räknas.",
                "en": f"Dispensation {d.id} ({d.reference}) expired on {d.valid_to}; the "
                      "failure counts."}
    return {"sv": f"Undantaget {d.id} ({d.reference}) gäller först från {d.valid_from}; "
                  "underkännandet räknas.",
            "en": f"Dispensation {d.id} ({d.reference}) applies only from {d.valid_from}; "
                  "the failure counts."}
