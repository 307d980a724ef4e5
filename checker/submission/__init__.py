"""The submission format ``vardval/submission@1`` and one file's intake (read, validate, locate)."""

from vardval.checker.submission import model
from vardval.checker.submission.intake import (
    DEFAULT_MAX_BYTES,
    Intake,
    Problem,
    json_path,
    load_submission,
    load_submission_text,
)
from vardval.checker.submission.model import FORMAT_ID, REGIONS, Submission, submission_schema

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMAT_ID",
    "REGIONS",
    "Intake",
    "Problem",
    "Submission",
    "json_path",
    "load_submission",
    "load_submission_text",
    "model",
    "submission_schema",
]
