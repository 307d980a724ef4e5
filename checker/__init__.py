"""vardval's Python API: load the rules, check a submission (a file, text or data), read the result.

Example:
    >>> from vardval.checker import check_file, load_ruleset
    >>> result = check_file("fixtures/submissions/halland-2018-Q2.yaml", load_ruleset())
    >>> sorted({f.status for f in result.findings})
    ['fail', 'not_applicable', 'pass']

``docs/python-api.md`` shows the whole of it. The CLI, the docs hooks and the benchmark use
these same names.
"""

from typing import TYPE_CHECKING

from vardval.checker.faces import lazy_face

if TYPE_CHECKING:
    from vardval.checker.corpus import RuleSet
    from vardval.checker.engine import (
        BatchTally,
        Evidence,
        Finding,
        SubmissionResult,
        check_data,
        check_file,
        check_intake,
        check_text,
        rule_statuses,
    )
    from vardval.checker.errors import RuleLoadError
    from vardval.checker.program import load_ruleset
    from vardval.checker.submission import Intake, Problem, load_submission, load_submission_text
    from vardval.checker.vocab import LANGS, SEVERITIES, STATUSES
    from vardval.dsl.errors import Diagnostic, VardvalError

__getattr__, __dir__ = lazy_face(__name__, __file__)

__all__ = [
    "LANGS",
    "SEVERITIES",
    "STATUSES",
    "BatchTally",
    "Diagnostic",
    "Evidence",
    "Finding",
    "Intake",
    "Problem",
    "RuleLoadError",
    "RuleSet",
    "SubmissionResult",
    "VardvalError",
    "check_data",
    "check_file",
    "check_intake",
    "check_text",
    "load_ruleset",
    "load_submission",
    "load_submission_text",
    "rule_statuses",
]
