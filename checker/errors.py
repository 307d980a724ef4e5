"""Errors of the checker's own stages: loading rule files, reading submissions, writing output."""

from __future__ import annotations

from vardval.dsl.errors import VardvalError


class RuleLoadError(VardvalError):
    """A rule, parameter or source file is unreadable or malformed (not an expression error)."""


class SubmissionError(VardvalError):
    """A submission file cannot be read at all (before format validation)."""


class OutputError(VardvalError):
    """A report could not be written."""


class MappingError(VardvalError):
    """A mapping file (how an office's export is read) is unreadable or wrong."""
