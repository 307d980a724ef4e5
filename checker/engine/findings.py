"""Findings: the outcome of one rule for one submission, kept as data for the reporters.

Also the batch tally: the only thing a run keeps about submissions already reported.
"""

from __future__ import annotations

from collections import Counter
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


class Tallied(NamedTuple):
    """What ``BatchTally`` counts of one result: validity, each finding's rule and status, the
    clinic and the worst status."""

    valid: bool
    statuses: tuple[tuple[str, str], ...]
    clinic: dict[str, Any] | None
    worst: str

    @classmethod
    def of(cls, result: SubmissionResult) -> Tallied:
        clinic = ({k: result.clinic.get(k, "") for k in ("hsa_id", "name", "region")}
                  if result.clinic else None)
        return cls(result.valid, tuple((f.rule.id, f.status) for f in result.findings),
                   clinic, worst_status(result))


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
        self._rules = dict.fromkeys(rule_ids)  # the rules reported even when never met, in order
        # (rule id, status) -> findings; counted by C code, since a batch's parent process
        # counts every finding of every file while its workers check the next ones
        self._pairs: Counter[tuple[str, str]] = Counter()
        self._clinics: dict[str, ClinicSummary] = {}

    @property
    def by_status(self) -> dict[str, int]:
        """Findings per status, every status present (the results contract's order)."""
        counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
        for (_, status), n in self._pairs.items():
            counts[status] += n
        return counts

    @property
    def by_rule(self) -> dict[str, dict[str, int]]:
        """Findings per rule and status: the tally's rules first, then others as first met."""
        def zeros() -> dict[str, int]:
            return dict.fromkeys(STATUSES, 0)

        counts = {rule_id: zeros() for rule_id in self._rules}
        for (rule_id, status), n in self._pairs.items():
            if rule_id not in counts:
                counts[rule_id] = zeros()
            counts[rule_id][status] += n
        return counts

    def add(self, result: SubmissionResult) -> None:
        self.count(Tallied.of(result))

    def count(self, entry: Tallied) -> None:
        """Count one result, given as what the tally needs of it (``vardval check --jobs``
        sends this, not the whole result, from the worker that checked the file)."""
        self.submissions += 1
        self.invalid += not entry.valid
        self._pairs.update(entry.statuses)
        if entry.clinic:
            self._add_clinic(entry.clinic, entry.worst)

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
