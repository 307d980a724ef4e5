"""Findings: the outcome of one rule for one submission, kept as data for the reporters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vardval.checker.citations import ResolvedCitation
from vardval.checker.intake import Problem
from vardval.checker.models import Rule

STATUSES = ("fail", "indeterminate", "pass", "not_applicable")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Evidence:
    """A value the rule read: a field, a definition or a parameter (with its citation)."""

    name: str
    kind: str
    value: Any
    present: bool
    citation: str | None = None
    valid_from: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    rule: Rule
    status: str
    message: dict[str, str]
    citations: tuple[ResolvedCitation, ...]
    evidence: tuple[Evidence, ...] = ()
    missing: tuple[str, ...] = ()
    notes: tuple[dict[str, str], ...] = ()
    version_from: str | None = None


@dataclass(frozen=True)
class SubmissionResult:
    """Everything known about one submission file after checking."""

    file: str
    problems: tuple[Problem, ...]
    clinic: dict[str, Any] | None = None
    period: str | None = None
    findings: tuple[Finding, ...] = ()
    notes: tuple[dict[str, str], ...] = field(default_factory=tuple)

    @property
    def valid(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATUSES, 0)
        for finding in self.findings:
            out[finding.status] += 1
        return out

    def fails_at(self, threshold: str) -> list[Finding]:
        rank = SEVERITY_RANK[threshold]
        return [f for f in self.findings
                if f.status == "fail" and SEVERITY_RANK[f.rule.severity] >= rank]
