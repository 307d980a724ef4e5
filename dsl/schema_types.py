"""JSON Schema of the submission -> the record type the type checker resolves field paths in."""

from __future__ import annotations

from typing import Any

from vardval.dsl import typesys as ts

_SCALARS = {"integer": ts.NUMBER, "number": ts.NUMBER, "boolean": ts.BOOL, "string": ts.TEXT}


def record_type(schema: dict[str, Any]) -> ts.Type:
    """The root record type; ``$ref``s into ``$defs`` are followed.

    Example:
        >>> s = {"type": "object", "properties": {"n": {"type": "integer"},
        ...      "d": {"type": "string", "format": "date"}}}
        >>> record_type(s).field("d")
        Type(name='date', elem=None, fields=())
    """
    return _convert(schema, schema, depth=0)


def _convert(node: dict[str, Any], root: dict[str, Any], depth: int) -> ts.Type:
    if depth > 32:  # noqa: PLR2004 - a recursive schema would loop; ours is a tree
        return ts.ANY
    node = _resolve(node, root)
    if "anyOf" in node:
        options = [o for o in node["anyOf"] if o.get("type") != "null"]
        return _convert(options[0], root, depth + 1) if options else ts.ANY
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        props = node.get("properties", {})
        return ts.record({k: _convert(v, root, depth + 1) for k, v in props.items()})
    if kind == "array":
        return ts.list_of(_convert(node.get("items", {}), root, depth + 1))
    if kind == "string" and node.get("format") == "date":
        return ts.DATE
    if "const" in node or "enum" in node:
        return ts.TEXT
    return _SCALARS.get(str(kind), ts.ANY)


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        ref = node["$ref"]
        target: Any = root
        for part in ref.removeprefix("#/").split("/"):
            target = target[part]
        merged = {k: v for k, v in node.items() if k != "$ref"}
        node = {**target, **merged}
    return node
