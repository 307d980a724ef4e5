"""What a dotted name in a rule file means: a field, a definition, a parameter, a built-in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vardval.checker.submission import submission_schema
from vardval.dsl import typesys as ts
from vardval.dsl.typecheck import PERIOD_PARTS

# How each built-in is called, for hover and completion. A test holds it to the language's
# own table (``typecheck.FUNCTIONS``), so a new built-in cannot go without one.
SIGNATURES: Mapping[str, tuple[str, str]] = {
    "exists": ("exists(path) -> bool", "whether the submission gives the field (never unknown)"),
    "param": ("param(name) -> value", "the parameter's value in force on the period's first day"),
    "count": ("count(list) -> number", "how many items the list has"),
    "sum": ("sum(list of number) -> number", "the sum of the items"),
    "min": ("min(list) -> item", "the smallest item (numbers, dates, quarters, texts)"),
    "max": ("max(list) -> item", "the largest item (numbers, dates, quarters, texts)"),
    "date": ("date(year, month, day) -> date", "the date of three numbers"),
    "lower": ("lower(text) -> text", "the text in lower case"),
    "blank": ("blank(text) -> bool", "whether the text is empty or only spaces"),
    "same_text": ("same_text(text, text) -> bool",
                  "whether two texts are equal ignoring case and surrounding spaces"),
}
KEYWORDS = ("if", "then", "else", "and", "or", "not", "in", "all", "any", "true", "false",
            "period")


def field_type(root: ts.Type, dotted: str) -> ts.Type | None:
    """The type of a field path of the submission (``period`` and its parts too).

    Example:
        >>> field_type(ts.record({"a": ts.record({"b": ts.NUMBER})}), "a.b")
        Type(name='number', elem=None, fields=())
    """
    parts = dotted.split(".")
    if parts[0] == "period":
        return ts.QUARTER if len(parts) == 1 else PERIOD_PARTS.get(parts[1])
    current: ts.Type | None = root
    for part in parts:
        if current is not None and current.name == "list":
            current = current.elem
        current = current.field(part) if current is not None else None
    return current


def children(root: ts.Type, dotted: str) -> list[tuple[str, ts.Type]]:
    """The fields one step below a path (the top-level fields for ``""``)."""
    if dotted == "period":
        return list(PERIOD_PARTS.items())
    current = field_type(root, dotted) if dotted else root
    if current is not None and current.name == "list":
        current = current.elem
    return list(current.fields) if current is not None else []


def field_description(dotted: str) -> str | None:
    """The submission schema's description of a field path."""
    node: Any = submission_schema()
    for part in dotted.split("."):
        while isinstance(node, dict) and "items" in node and "properties" not in node:
            node = node["items"]
        props = node.get("properties") if isinstance(node, dict) else None
        if not isinstance(props, dict) or part not in props:
            return None
        node = props[part]
    description = node.get("description") if isinstance(node, dict) else None
    return str(description) if description else None
