"""The submission format ``vardval/submission@1`` and its intake: files, templates and exports."""

from typing import TYPE_CHECKING

from vardval.checker.faces import lazy_face

if TYPE_CHECKING:
    from vardval.checker.submission import facts, model, quick_validator, template_form
    from vardval.checker.submission.facts import FORMAT_ID, REGIONS
    from vardval.checker.submission.fields import FieldSpec, submission_fields
    from vardval.checker.submission.intake import (
        DEFAULT_MAX_BYTES,
        Intake,
        Problem,
        json_path,
        load_submission,
        load_submission_plain,
        load_submission_text,
    )
    from vardval.checker.submission.labels import (
        BOOL_WORDS,
        CHOICE_WORDS,
        LABELS,
        MEANINGS,
        SECTIONS,
        shown_choices,
        unit_of,
    )
    from vardval.checker.submission.mapping import (
        MAPPING_FORMAT,
        Mapping,
        load_mapping,
    )
    from vardval.checker.submission.model import Submission, submission_schema
    from vardval.checker.submission.spreadsheets import table_submissions
    from vardval.checker.submission.table_names import TABLE_SUFFIXES, is_table

__getattr__, __dir__ = lazy_face(__name__, __file__)

__all__ = [
    "BOOL_WORDS",
    "CHOICE_WORDS",
    "DEFAULT_MAX_BYTES",
    "FORMAT_ID",
    "LABELS",
    "MAPPING_FORMAT",
    "MEANINGS",
    "REGIONS",
    "SECTIONS",
    "TABLE_SUFFIXES",
    "FieldSpec",
    "Intake",
    "Mapping",
    "Problem",
    "Submission",
    "facts",
    "is_table",
    "json_path",
    "load_mapping",
    "load_submission",
    "load_submission_plain",
    "load_submission_text",
    "model",
    "quick_validator",
    "shown_choices",
    "submission_fields",
    "submission_schema",
    "table_submissions",
    "template_form",
    "unit_of",
]
