"""Hypothesis strategies for submissions, generated from the published JSON Schema.

``instances(schema)`` walks the subset of JSON Schema that ``submission_schema()`` uses
(object, array, string with enum/const/pattern/date format/minLength, integer and number with
minimum/maximum, boolean) and draws documents valid against it. ``to_json`` writes one as JSON
text with exact decimals, so it can go through the real loader.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

# Counts and amounts of every size a clinic could report, and then some; the extreme sizes
# the loader allows (up to 1000 digits) have their own test.
LARGEST = 10**15


def instances(schema: dict[str, Any], largest: int = LARGEST) -> st.SearchStrategy[Any]:
    """Documents valid against ``schema`` (the keywords ``submission_schema()`` uses)."""
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "object":
        return _objects(schema, largest)
    if kind == "array":
        return st.lists(instances(schema["items"], largest), max_size=4)
    if kind == "string":
        return _strings(schema)
    if kind in ("integer", "number"):
        return _numbers(schema, largest, whole=kind == "integer")
    if kind == "boolean":
        return st.booleans()
    raise NotImplementedError(f"schema keyword set not covered: {sorted(schema)}")


def _objects(schema: dict[str, Any], largest: int) -> st.SearchStrategy[dict[str, Any]]:
    properties = schema.get("properties", {})
    required = set(schema.get("required", ()))
    return st.fixed_dictionaries(
        {name: instances(sub, largest) for name, sub in properties.items() if name in required},
        optional={name: instances(sub, largest) for name, sub in properties.items()
                  if name not in required})


def _strings(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    if schema.get("format") == "date":
        return st.dates().map(lambda day: day.isoformat())
    if "pattern" in schema:
        return st.from_regex(schema["pattern"], fullmatch=True)
    return st.text(min_size=schema.get("minLength", 0), max_size=40)


def _numbers(schema: dict[str, Any], largest: int, *, whole: bool) -> st.SearchStrategy[Any]:
    low = schema.get("minimum", -largest)
    high = schema.get("maximum", largest)
    integers = st.integers(low, high)
    if whole:
        return st.one_of(st.integers(low, min(high, low + 20)), integers)
    decimals = st.decimals(low, high, places=2, allow_nan=False, allow_infinity=False)
    return st.one_of(integers, decimals)


def to_json(value: Any) -> str:
    """JSON text for a generated document, decimals written exactly (not as floats).

    Example:
        >>> from decimal import Decimal
        >>> to_json({"a": [Decimal("1.50"), True, None, "å"]})
        '{"a": [1.50, true, null, "\\\\u00e5"]}'
    """
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {to_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(to_json(v) for v in value) + "]"
    if isinstance(value, Decimal):
        return str(value)
    return json.dumps(value)
