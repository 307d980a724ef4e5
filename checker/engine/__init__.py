"""Evaluation of one submission: plans, both backends, findings and their evidence."""

from typing import TYPE_CHECKING

from vardval.checker.faces import lazy_face

if TYPE_CHECKING:
    from vardval.checker.engine.checking import check_data, check_file, check_text
    from vardval.checker.engine.evaluate import BACKENDS, check_intake, decide, rule_statuses
    from vardval.checker.engine.evidence_text import evidence_texts, evidence_value, share_names
    from vardval.checker.engine.findings import (
        STATUSES,
        BatchTally,
        ClinicSummary,
        Evidence,
        Finding,
        SubmissionResult,
        Tallied,
        worst_status,
    )
    from vardval.checker.engine.plan import Params, Plans, plans_of
    from vardval.checker.engine.waivers import Waiver, quarter_end, waiver_for, waiver_text

__getattr__, __dir__ = lazy_face(__name__, __file__)

__all__ = [
    "BACKENDS",
    "STATUSES",
    "BatchTally",
    "ClinicSummary",
    "Evidence",
    "Finding",
    "Params",
    "Plans",
    "SubmissionResult",
    "Tallied",
    "Waiver",
    "check_data",
    "check_file",
    "check_intake",
    "check_text",
    "decide",
    "evidence_texts",
    "evidence_value",
    "plans_of",
    "quarter_end",
    "rule_statuses",
    "share_names",
    "waiver_for",
    "waiver_text",
    "worst_status",
]
