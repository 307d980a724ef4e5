"""What if: every submission evaluated by the same engine against a baseline and a variant.

Statuses come from the engine's fast path (``rule_statuses``) for both sides, so a national
year stays quick; only a submission where a status differs is checked in full on both sides,
for the two findings' messages and the values that decided them. A rule present on one side
only counts as ``absent`` on the other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vardval.checker.corpus import RuleSet
from vardval.checker.engine import STATUSES, Finding, check_intake, rule_statuses
from vardval.checker.reading import collect
from vardval.checker.submission import DEFAULT_MAX_BYTES, Intake, load_submission

ABSENT = "absent"
COUNTED = (*STATUSES, ABSENT)


@dataclass(frozen=True, slots=True)
class Change:
    """One rule of one submission whose status differs between the sides."""

    rule_id: str
    before: str
    after: str
    base: Finding | None
    variant: Finding | None


@dataclass(frozen=True, slots=True)
class SubmissionChanges:
    file: str
    clinic: dict[str, Any]
    period: str
    changes: tuple[Change, ...]


@dataclass
class WhatIf:
    """Counts per rule for both sides and the submissions whose findings change."""

    base_label: str
    variant_label: str
    rule_ids: list[str]
    titles: dict[str, dict[str, str]]
    severities: dict[str, str]
    counts: dict[str, tuple[dict[str, int], dict[str, int]]]
    submissions: int = 0
    invalid: list[str] = field(default_factory=list)
    changed: list[SubmissionChanges] = field(default_factory=list)

    def changes(self) -> int:
        return sum(len(s.changes) for s in self.changed)

    def changed_rules(self) -> list[str]:
        """The rules whose counts differ between the sides, in corpus order."""
        return [r for r in self.rule_ids if self.counts[r][0] != self.counts[r][1]]


class Comparison:
    """Feeds submissions through both corpora and keeps what ``WhatIf`` reports."""

    def __init__(self, base: RuleSet, variant: RuleSet, labels: tuple[str, str]) -> None:
        self.base, self.variant = base, variant
        ids = [r.id for r in base.rules()]
        ids += [r.id for r in variant.rules() if base.rule(r.id) is None]
        rules = {r.id: r for r in (*variant.rules(), *base.rules())}
        self.result = WhatIf(labels[0], labels[1], ids,
                             {i: rules[i].title for i in ids}, {i: rules[i].severity for i in ids},
                             {i: (dict.fromkeys(COUNTED, 0), dict.fromkeys(COUNTED, 0))
                              for i in ids})
        self.max_bytes = DEFAULT_MAX_BYTES

    def add_files(self, paths: Iterable[str]) -> WhatIf:
        for path, why in collect.submission_files(list(paths)):
            if why is not None:
                self.result.invalid.append(f"{path}: {why}")
                continue
            self.add(load_submission(Path(path), max_bytes=self.max_bytes))
        return self.result

    def add(self, intake: Intake) -> None:
        """Count one submission on both sides; keep its changes with their findings."""
        if intake.data is None or intake.problems:
            first = intake.problems[0].message if intake.problems else "unreadable"
            self.result.invalid.append(f"{intake.file}: {first}")
            return
        data = intake.data
        self.result.submissions += 1
        before = rule_statuses(self.base, data)
        after = rule_statuses(self.variant, data)
        differing = []
        for rule_id, (base_counts, variant_counts) in self.result.counts.items():
            old = before[rule_id][0] if rule_id in before else ABSENT
            new = after[rule_id][0] if rule_id in after else ABSENT
            base_counts[old] += 1
            variant_counts[new] += 1
            if old != new and {old, new} != {ABSENT, "not_applicable"}:
                differing.append((rule_id, old, new))
        if differing:
            self._keep(intake, differing)

    def _keep(self, intake: Intake, differing: list[tuple[str, str, str]]) -> None:
        base = {f.rule.id: f for f in check_intake(self.base, intake).findings}
        variant = {f.rule.id: f for f in check_intake(self.variant, intake).findings}
        assert intake.data is not None
        clinic = intake.data["clinic"]
        summary = {k: clinic[k] for k in ("hsa_id", "name", "region") if k in clinic}
        changes = tuple(Change(rule_id, old, new, base.get(rule_id), variant.get(rule_id))
                        for rule_id, old, new in differing)
        self.result.changed.append(
            SubmissionChanges(intake.file, summary, str(intake.data["period"]), changes))


def what_if(base: RuleSet, variant: RuleSet, paths: Iterable[str],
            labels: tuple[str, str] = ("baseline", "variant")) -> WhatIf:
    """Evaluate the submission files and folders in ``paths`` against both corpora."""
    return Comparison(base, variant, labels).add_files(paths)
