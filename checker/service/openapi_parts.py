"""The parts of the OpenAPI document FastAPI cannot see in the code: raw YAML/JSON bodies and
the problem documents every route may answer with."""

from __future__ import annotations

from typing import Any

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "RFC 9457 problem document; `problems` lists located submission problems.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "problems": {"type": "array", "items": {
            "type": "object",
            "properties": {"path": {"type": "string"},
                           "line": {"type": ["integer", "null"]},
                           "column": {"type": ["integer", "null"]},
                           "message": {"type": "string"},
                           "file": {"type": "string"}}}},
    },
}


def problem(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}}}


NOT_FOUND: dict[int | str, dict[str, Any]] = {404: problem("Not found (or not yours to see)")}

_SUBMISSION_BODY = {
    "required": True,
    "description": "A `vardval/submission@1` file, YAML or JSON, as `vardval check` reads it.",
    "content": {
        "application/yaml": {"schema": {"$ref": "#/components/schemas/Submission"}},
        "application/json": {"schema": {"$ref": "#/components/schemas/Submission"}},
    },
}

CHECK: dict[str, Any] = {
    "requestBody": _SUBMISSION_BODY,
    "responses": {
        "200": {"description": "The `vardval/results@1` document of `vardval check --format "
                "json` for this file",
                "content": {"application/json": {"schema": {"type": "object"}}}},
        "401": problem("No token, and the public self-check is off"),
        "413": problem("Larger than the size limit; refused before it was read"),
        "415": problem("Neither YAML nor JSON"),
        "422": problem("Invalid submission: `problems` as `vardval check` prints them, and "
                       "`results`, the results document"),
    },
}

SUBMIT: dict[str, Any] = {**CHECK, "responses": {
    **CHECK["responses"],
    "200": {"description": "Checked and recorded: `recorded` (revision, whether new) beside "
            "the results document", "content": {"application/json": {"schema": {
                "type": "object"}}}},
    "404": problem("Not a clinic of this token")}}
