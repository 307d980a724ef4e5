"""What rule authors run, without a CLI: lint, rule test cases and coverage, editor schemas."""

from typing import TYPE_CHECKING

from vardval.checker.faces import lazy_face

if TYPE_CHECKING:
    from vardval.checker.authoring import cases, editor_schemas
    from vardval.checker.authoring.cases import (
        CaseFileError,
        Coverage,
        Outcome,
        coverage,
        load_case_file,
        load_case_files,
        load_named_case_files,
        run_all,
        to_json,
    )
    from vardval.checker.authoring.decision_checks import decision_warnings
    from vardval.checker.authoring.evaluation import (
        EvalError,
        Evaluation,
        Where,
        evaluate_text,
        render_evaluation,
        show_value,
    )
    from vardval.checker.authoring.lint import (
        LintResult,
        corpus_context,
        lint,
        lint_text,
        render_json,
        render_text,
    )

__getattr__, __dir__ = lazy_face(__name__, __file__)

__all__ = [
    "CaseFileError",
    "Coverage",
    "EvalError",
    "Evaluation",
    "LintResult",
    "Outcome",
    "Where",
    "cases",
    "corpus_context",
    "coverage",
    "decision_warnings",
    "editor_schemas",
    "evaluate_text",
    "lint",
    "lint_text",
    "load_case_file",
    "load_case_files",
    "load_named_case_files",
    "render_evaluation",
    "render_json",
    "render_text",
    "run_all",
    "show_value",
    "to_json",
]
