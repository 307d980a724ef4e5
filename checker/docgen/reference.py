"""Reference material made from the code's own contracts: the submission format table from its
JSON Schema, the published schema files, and real output of ``vardval check`` for the guides.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vardval.checker.docgen import markdown as md
from vardval.checker.submission import model as submission

# Runs ``vardval ARGV`` (paths relative to the project root) and gives (exit status, stdout).
CliRun = Callable[[list[str]], tuple[int, str]]

if TYPE_CHECKING:
    from pathlib import Path

SUBMISSION_SCHEMA = "schemas/submission.schema.json"
#: ``producer.generated_at`` of the results example (every other field is the real run's).
EXAMPLE_MOMENT = "2025-04-15T08:30:00Z"


@dataclass(frozen=True)
class Field:
    """One row of the format table."""

    path: str
    type: str
    required: str
    description: str


def fields(schema: dict[str, Any]) -> list[Field]:
    """Every field path of a JSON Schema, depth first, as the format reference lists them.

    ``required`` is ``yes``, ``no``, or ``yes, when `a.b` is present`` for a required field of
    an optional object. Items of a list of objects are listed under ``path[]``.

    Example:
        >>> from vardval.checker.docgen.reference import fields
        >>> schema = {"type": "object", "required": ["a"], "properties": {
        ...     "a": {"type": "integer", "minimum": 0, "description": "count"},
        ...     "b": {"type": "object", "required": ["c"],
        ...           "properties": {"c": {"type": "boolean"}}}}}
        >>> for f in fields(schema):
        ...     print(f.path, f.type, f.required, sep=" | ")
        a | integer ≥ 0 | yes
        b | object | no
        b.c | boolean | yes, when `b` is present
    """
    return list(_walk(schema, "", None))


def _walk(node: dict[str, Any], prefix: str, optional_parent: str | None) -> list[Field]:
    out = []
    required = set(node.get("required", ()))
    for name, sub in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        out.append(Field(path, type_text(sub), _required(name in required, optional_parent),
                         sub.get("description", "")))
        child_optional = optional_parent if name in required else (optional_parent or path)
        if "properties" in sub:
            out += _walk(sub, f"{path}.", child_optional)
        elif "properties" in sub.get("items", {}):
            out += _walk(sub["items"], f"{path}[].", child_optional)
    return out


def _required(required: bool, optional_parent: str | None) -> str:
    if not required:
        return "no"
    return f"yes, when {md.code(optional_parent)} is present" if optional_parent else "yes"


def type_text(node: dict[str, Any]) -> str:
    """A JSON Schema type in words: ``integer ≥ 0``, ``date (YYYY-MM-DD)``, ``one of `a`, `b```."""
    if "const" in node:
        return f"always {md.code(json.dumps(node['const']))}"
    if "enum" in node:
        return "one of " + ", ".join(md.code(str(v)) for v in node["enum"])
    kind = str(node.get("type", "any"))
    if kind == "array":
        return "list of " + type_text(node.get("items", {}))
    if node.get("format") == "date":
        return "date (YYYY-MM-DD)"
    if "pattern" in node:
        return f"{kind} matching {md.code(node['pattern'])}"
    return kind + _bounds(node)


def _bounds(node: dict[str, Any]) -> str:
    low, high = node.get("minimum"), node.get("maximum")
    if low is not None and high is not None:
        return f" {low}–{high}"
    if low is not None:
        return f" ≥ {low}"
    return " (non-empty)" if node.get("minLength") else ""


def fields_table(schema: dict[str, Any]) -> str:
    """The format reference table: every field path with its type, whether required, meaning."""
    rows = [[md.code(f.path), f.type, f.required, md.escape(f.description)]
            for f in fields(schema)]
    return md.table(["field", "type", "required", "meaning"], rows)


def schema_files(editor_schemas: Path | None) -> dict[str, str]:
    """The JSON Schemas the site publishes: the submission's and the editor schemas, if any."""
    out = {SUBMISSION_SCHEMA: _json(submission.submission_schema())}
    if editor_schemas is not None and editor_schemas.is_dir():
        for path in sorted(editor_schemas.glob("*.json")):
            out[f"schemas/{path.name}"] = path.read_text(encoding="utf-8")
    return out


def schema_list(editor_schemas: Path | None) -> str:
    """A Markdown list linking every published schema, for a page at the docs root."""
    names = sorted(schema_files(editor_schemas))
    return "".join(f"- [{md.escape(name.removeprefix('schemas/'))}](generated/{name})\n"
                   for name in names)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def check_output(run_cli: CliRun, submission_path: str) -> str:
    """The terminal output of ``vardval check`` for one submission, with its command line."""
    command = ["check", submission_path]
    _, text = run_cli(command)
    return md.fenced(f"$ vardval {' '.join(command)}\n{text}", "console")


def results_example(run_cli: CliRun, submission_path: str) -> str:
    """The JSON results of a real run, shortened to the first finding of each status."""
    _, text = run_cli(["check", "--format", "json", "--lang", "en", submission_path])
    document = json.loads(text)
    kept, seen = [], set()
    for finding in document["results"][0]["findings"]:
        if finding["status"] not in seen:
            seen.add(finding["status"])
            kept.append(finding)
    document["results"][0]["findings"] = kept
    if "producer" in document:  # a fixed moment: the committed page must not change every run
        document["producer"]["generated_at"] = EXAMPLE_MOMENT
    return md.fenced(_json(document), "json")
