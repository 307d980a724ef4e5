"""Evaluation of one submission: plans, both backends, findings and their evidence."""

from vardval.checker.engine.evaluate import BACKENDS, check_intake, decide, rule_statuses
from vardval.checker.engine.findings import (
    SEVERITY_RANK,
    STATUSES,
    BatchTally,
    ClinicSummary,
    Evidence,
    Finding,
    SubmissionResult,
    worst_status,
)
from vardval.checker.engine.plan import Plans, plans_of

__all__ = [
    "BACKENDS",
    "SEVERITY_RANK",
    "STATUSES",
    "BatchTally",
    "ClinicSummary",
    "Evidence",
    "Finding",
    "Plans",
    "SubmissionResult",
    "check_intake",
    "decide",
    "plans_of",
    "rule_statuses",
    "worst_status",
]
