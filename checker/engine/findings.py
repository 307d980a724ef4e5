"""Findings: the outcome of one rule for one submission, kept as data for the reporters.

Also the batch tally: the only thing a run keeps about submissions already reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from vardval.checker.corpus import Rule
from vardval.checker.sources import ResolvedCitation
from vardval.checker.submission import Problem
from vardval.checker.vocab import SEVERITY_RANK, WORST_FIRST, Status

if TYPE_CHECKING:
    from vardval.checker.engine.waivers import Waiver

#: The statuses worst first: the order of counts and of report columns.
STATUSES: tuple[Status, ...] = cast("tuple[Status, ...]", WORST_FIRST[1:])


class Evidence(NamedTuple):
    """A value the rule read: a field, a definition or a parameter (with its citation).

    A named tuple, not a dataclass: a report makes some 40 a submission, and a tuple is made
    in a third of the time a frozen dataclass takes.
    """

    name: str
    kind: str
    value: Any
    present: bool
    citation: str | None = None
    valid_from: str | None = None


class Finding(NamedTuple):
    """What one rule says of one submission (a named tuple: a batch makes tens of thousands)."""

    rule: Rule
    status: Status
    message: dict[str, str]
    citations: tuple[ResolvedCitation, ...]
    evidence: tuple[Evidence, ...] = ()
    missing: tuple[str, ...] = ()
    notes: tuple[dict[str, str], ...] = ()
    version_from: str | None = None
    #: the region's dispensation exempting this failure (``engine.waivers``), else None
    waiver: Waiver | None = None


@dataclass(frozen=True)
class SubmissionResult:
    """Everything known about one submission file after checking."""

    file: str
    problems: tuple[Problem, ...]
    clinic: dict[str, Any] | None = None
    period: str | None = None
    findings: tuple[Finding, ...] = ()
    notes: tuple[dict[str, str], ...] = field(default_factory=tuple)
    sha256: str | None = None  # of the file's bytes, when they could be read

    @property
    def valid(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = dict.fromkeys(STATUSES, 0)
        for finding in self.findings:
            out[finding.status] += 1
        return out

    def fails_at(self, threshold: str) -> list[Finding]:
        """Failures at or above ``threshold`` that count: a waived failure does not."""
        rank = SEVERITY_RANK[threshold]
        return [f for f in self.findings if f.status == "fail" and f.waiver is None
                and SEVERITY_RANK[f.rule.severity] >= rank]


def worst_status(result: SubmissionResult) -> str:
    """``invalid``, else the worst status among the findings (``not_applicable`` if none).

    Example:
        >>> worst_status(SubmissionResult("a.yaml", ()))
        'not_applicable'
    """
    if not result.valid:
        return "invalid"
    present = {f.status for f in result.findings}
    return next((s for s in WORST_FIRST if s in present), "not_applicable")


@dataclass(frozen=True, slots=True)
class ClinicSummary:
    hsa_id: str
    name: str
    region: str
    submissions: int
    worst: str


class BatchTally:
    """Counters over a batch: per status, per rule, per clinic (worst status) and invalid files.

    Memory grows with the number of rules and of distinct clinics (about 1 200 in Sweden),
    never with the number of submissions, so a batch can stream through.

    Example:
        >>> tally = BatchTally(["VG-KONTAKT"])
        >>> tally.add(SubmissionResult("a.yaml", (Problem("$", 1, 1, "not YAML"),)))
        >>> tally.submissions, tally.invalid, tally.by_rule["VG-KONTAKT"]["fail"]
        (1, 1, 0)
    """

    def __init__(self, rule_ids: Iterable[str] = ()) -> None:
        self.submissions = 0
        self.invalid = 0
        self.by_status: dict[str, int] = dict.fromkeys(STATUSES, 0)
        self.by_rule: dict[str, dict[str, int]] = {r: dict.fromkeys(STATUSES, 0)
                                                   for r in rule_ids}
        self._clinics: dict[str, ClinicSummary] = {}

    def add(self, result: SubmissionResult) -> None:
        self.submissions += 1
        self.invalid += not result.valid
        for finding in result.findings:
            self.by_status[finding.status] += 1
            counts = self.by_rule.setdefault(finding.rule.id, dict.fromkeys(STATUSES, 0))
            counts[finding.status] += 1
        if result.clinic:
            self._add_clinic(result.clinic, worst_status(result))

    def _add_clinic(self, clinic: dict[str, Any], status: str) -> None:
        key = str(clinic.get("hsa_id", ""))
        before = self._clinics.get(key)
        if before is not None:
            status = min(status, before.worst, key=WORST_FIRST.index)
        seen = before.submissions if before else 0
        self._clinics[key] = ClinicSummary(key, str(clinic.get("name", "")),
                                           str(clinic.get("region", "")), seen + 1, status)

    def clinics(self) -> list[ClinicSummary]:
        """Clinics worst first, then by region and name."""
        return sorted(self._clinics.values(),
                      key=lambda c: (WORST_FIRST.index(c.worst), c.region, c.name, c.hsa_id))
