"""The submission's leaf fields as a flat list, read from its JSON Schema: what a cell can fill."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from vardval.checker.submission.model import submission_schema


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One leaf field: its path, kind and bounds, and whether it and its objects are required.

    ``kind`` is ``count`` (whole number), ``number``, ``date``, ``bool``, ``text``, ``choice``
    (one of ``choices``) or ``list`` (of ``choices`` if any, else of texts).
    """

    path: tuple[str, ...]
    kind: str
    required: bool
    always: bool
    choices: tuple[str, ...]
    minimum: int | None
    maximum: int | None
    description: str

    @property
    def dotted(self) -> str:
        return ".".join(self.path)


@functools.cache
def submission_fields() -> dict[str, FieldSpec]:
    """Every leaf field by dotted name, in the schema's order.

    Example:
        >>> spec = submission_fields()["accessibility.contacts.total"]
        >>> spec.kind, spec.required, spec.always, spec.minimum
        ('count', True, True, 0)
        >>> submission_fields()["listing.cap.grounds"].always
        False
    """
    out: dict[str, FieldSpec] = {}
    _walk(submission_schema(), (), always=True, out=out)
    return out


def _walk(node: dict[str, Any], path: tuple[str, ...], *, always: bool,
          out: dict[str, FieldSpec]) -> None:
    required = set(node.get("required", ()))
    for name, child in node.get("properties", {}).items():
        here = (*path, name)
        if child.get("type") == "object" and "properties" in child:
            _walk(child, here, always=always and name in required, out=out)
        else:
            out[".".join(here)] = _spec(here, child, name in required,
                                        always=always and name in required)


def _spec(path: tuple[str, ...], node: dict[str, Any], required: bool, *,
          always: bool) -> FieldSpec:
    kind, choices = _kind(node)
    return FieldSpec(path, kind, required, always, choices, node.get("minimum"),
                     node.get("maximum"), str(node.get("description", "")))


def _kind(node: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    kind = node.get("type")
    if kind == "array":
        return "list", tuple(node.get("items", {}).get("enum", ()))
    if "enum" in node:
        return "choice", tuple(node["enum"])
    if kind == "string":
        return ("date" if node.get("format") == "date" else "text"), ()
    return {"integer": "count", "number": "number", "boolean": "bool"}.get(str(kind), "text"), ()
