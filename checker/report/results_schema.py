"""The JSON Schema of ``vardval/results@1``: what ``vardval schema --results`` prints.

Written by hand beside the encoder it describes (``results_json``); ``tests/reports/
test_results_schema.py`` validates every JSON document the CLI writes against it, so the two
cannot drift apart. Objects are closed where the contract fixes their keys (a finding, an
evidence item), so a key added without a schema change fails that test.
"""

from __future__ import annotations

from typing import Any

from vardval.checker.engine import STATUSES

_TEXTS = {"type": "object", "required": ["sv", "en"],
          "properties": {"sv": {"type": "string"}, "en": {"type": "string"}},
          "additionalProperties": {"type": "string"}}
_COUNTS = {"type": "object", "required": list(STATUSES),
           "properties": {s: {"type": "integer", "minimum": 0} for s in STATUSES},
           "additionalProperties": False}
_NULLABLE_INT = {"type": ["integer", "null"]}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _closed(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": properties,
            "additionalProperties": False}


_PRODUCER = _closed(["name", "version", "rules_digest", "generated_at"], {
    "name": {"const": "vardval"},
    "version": {"type": "string"},
    "rules_digest": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"},
    "generated_at": {"type": "string", "format": "date-time", "pattern": "Z$"},
})
_PROBLEM = _closed(["path", "line", "column", "message"], {
    "path": {"type": "string"}, "line": _NULLABLE_INT, "column": _NULLABLE_INT,
    "message": {"type": "string"}})
_CITATION = _closed(["text", "source", "url"], {
    "text": {"type": "string"}, "source": {"type": "string"}, "url": {"type": "string"}})
_EVIDENCE = _closed(["name", "kind", "value"], {
    "name": {"type": "string"},
    "kind": {"enum": ["field", "definition", "parameter"]},
    "value": {"description": "the exact value: a number, text, boolean, list, object or null "
                             "(missing); decimals a float cannot hold exactly are strings"},
    "missing": {"const": True},
    "citation": {"type": "string"},
    "valid_from": _DATE,
    "unit": {"type": "string"},
})
_WAIVER = {"type": "object", "required": ["id", "decision"],
           "properties": {"id": {"type": "string"}, "decision": {"type": "string"},
                          "reason": {"type": "string"}, "valid_from": _DATE,
                          "valid_to": {"oneOf": [_DATE, {"type": "null"}]}}}
_FINDING = _closed(
    ["rule", "status", "severity", "title", "message", "citations", "evidence", "rule_source"],
    {"rule": {"type": "string"},
     "status": {"enum": list(STATUSES)},
     "severity": {"enum": ["error", "warning", "info"]},
     "title": _TEXTS,
     "message": {"type": "string"},
     "citations": {"type": "array", "items": _CITATION},
     "evidence": {"type": "array", "items": _EVIDENCE},
     "rule_source": _closed(["file", "line"], {"file": {"type": "string"},
                                               "line": {"type": "integer", "minimum": 1}}),
     "version_from": _DATE,
     "missing": {"type": "array", "items": {"type": "string"}},
     "notes": {"type": "array", "items": {"type": "string"}},
     "waiver": _WAIVER})
_RESULT = _closed(
    ["file", "valid", "problems", "clinic", "period", "findings"],
    {"file": {"type": "string"},
     "valid": {"type": "boolean"},
     "problems": {"type": "array", "items": _PROBLEM},
     "clinic": {"oneOf": [{"type": "null"}, {
         "type": "object", "required": ["hsa_id", "name", "region"],
         "properties": {"hsa_id": {"type": "string"}, "name": {"type": "string"},
                        "region": {"type": "string"}}}]},
     "period": {"oneOf": [{"type": "null"}, {"type": "string", "pattern": r"^\d{4}-Q[1-4]$"}]},
     "notes": {"type": "array", "items": {"type": "string"}},
     "findings": {"type": "array", "items": _FINDING},
     "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}})
_SUMMARY = {
    "type": "object", "required": ["submissions", "invalid", "by_status"],
    "properties": {
        "submissions": {"type": "integer", "minimum": 0},
        "invalid": {"type": "integer", "minimum": 0},
        "by_status": _COUNTS,
        "by_rule": {"type": "object", "additionalProperties": _COUNTS},
        "clinics": {"type": "array", "items": _closed(
            ["hsa_id", "name", "region", "submissions", "worst_status"],
            {"hsa_id": {"type": "string"}, "name": {"type": "string"},
             "region": {"type": "string"}, "submissions": {"type": "integer", "minimum": 1},
             "worst_status": {"enum": ["invalid", *STATUSES]}})},
    },
}


def results_schema() -> dict[str, Any]:
    """The schema (draft 2020-12) of the document ``vardval check --format json`` writes.

    Example:
        >>> results_schema()["properties"]["format"]
        {'const': 'vardval/results@1'}
    """
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "vardval/results@1",
        "description": "Results of checking quarterly submissions (vardval check --format json)",
        "type": "object",
        "required": ["format", "results", "summary"],
        "properties": {"format": {"const": "vardval/results@1"}, "producer": _PRODUCER,
                       "results": {"type": "array", "items": _RESULT}, "summary": _SUMMARY},
        "additionalProperties": False,
    }
