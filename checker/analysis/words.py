"""The words what-if and diff reports print, Swedish first with English beside, and shared bits.

Headings carry both languages ("Per regel / Per rule"); the findings' own messages come in the
report's language. ``value_pairs`` lines up the values that decided a finding on both sides.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from vardval.checker.engine import evidence_value

if TYPE_CHECKING:
    from vardval.checker.analysis.whatif import Change
    from vardval.checker.corpus import RuleSet

WORDS = {
    "whatif": "Vad händer om / What if",
    "baseline": "baslinje / baseline",
    "variant": "variant / variant",
    "rulebook_changes": "Ändringar i regelverket / Changes in the rules",
    "no_changes": "inga ändringar / no changes",
    "per_rule": "Per regel / Per rule",
    "per_clinic": "Per mottagning / Per clinic",
    "submissions": "inlämningar / submissions",
    "invalid": "ogiltiga / invalid",
    "changed_findings": "fynd byter status / findings change status",
    "clinics_changed": "mottagningar berörs / clinics affected",
    "no_status_change": "Ingen status ändras / No status changes",
    "before": "före / before",
    "after": "efter / after",
    "values": "värden / values",
    "rule": "Regel / Rule",
    "title": "Titel / Title",
    "status": "Status",
    "clinic": "Mottagning / Clinic",
    "period": "Period",
    "diff": "Regelverksändringar / Rule-book changes",
    "rules": "Regler / Rules",
    "parameters": "Parametrar / Parameters",
    "sources": "Källor / Sources",
    "added": "tillagd / added",
    "removed": "borttagen / removed",
    "changed": "ändrad / changed",
    "tightened": "skärpt / tightened",
    "loosened": "lättad / loosened",
    "from": "från / from",
    "national": "nationell / national",
    "impact": "Påverkan på inlämningarna / Impact on the submissions",
    "none": "–",
}
STATUS_WORDS = {"pass": "PASS", "fail": "FAIL", "indeterminate": "????",
                "not_applicable": "N/A", "absent": "—"}
KIND_MARKS = {"added": "+", "removed": "-", "changed": "~"}


def clinic_name(clinic: Mapping[str, object]) -> str:
    name = str(clinic.get("name", "?"))
    hsa = clinic.get("hsa_id")
    return f"{name} ({hsa})" if hsa else name


def units_of(*rulesets: RuleSet) -> dict[str, str]:
    """Each parameter's unit, so a value prints as 90 % or 6 månader."""
    return {p.name: p.unit for ruleset in rulesets for p in ruleset.parameters.definitions()}


def value_pairs(change: Change, lang: str, units: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(name, value before, value after) of every value either finding read, first use first."""
    pairs: dict[tuple[str, str], list[str]] = {}
    for side, finding in enumerate((change.base, change.variant)):
        for item in finding.evidence if finding else ():
            shown = evidence_value(item, lang, units.get(item.name))
            pairs.setdefault((item.kind, item.name), [WORDS["none"], WORDS["none"]])[side] = shown
    return [(f"param {name}" if kind == "parameter" else name, old, new)
            for (kind, name), (old, new) in pairs.items()]


def pair_text(old: str, new: str) -> str:
    return old if old == new else f"{old} → {new}"


def message(change: Change, side: int, lang: str) -> str:
    finding = change.base if side == 0 else change.variant
    if finding is None:
        return WORDS["none"]
    return finding.message.get(lang) or next(iter(finding.message.values()), WORDS["none"])
