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
    if depth > 32:
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


def choices(schema: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """The allowed texts of enumerated fields by dotted path (``path[]`` for a list's items).

    Example:
        >>> from vardval.dsl.schema_types import choices
        >>> choices({"properties": {"op": {"enum": ["public", "private"]},
        ...          "tags": {"type": "array", "items": {"enum": ["a", "b"]}}}})
        {'op': ('public', 'private'), 'tags[]': ('a', 'b')}
    """
    out: dict[str, tuple[str, ...]] = {}
    stack: list[tuple[str, dict[str, Any], int]] = [("", schema, 0)]
    while stack:
        path, node, depth = stack.pop()
        node = _resolve(node, schema)
        node = next((o for o in node.get("anyOf", []) if o.get("type") != "null"), node)
        node = _resolve(node, schema)
        if node.get("type") == "array" and depth < 32:
            stack.append((path + "[]", node.get("items", {}), depth + 1))
        options = node.get("enum") or ([node["const"]] if "const" in node else [])
        if path and options and all(isinstance(o, str) for o in options):
            out[path] = tuple(options)
        for name, sub in node.get("properties", {}).items():
            if depth < 32:
                stack.append((f"{path}.{name}" if path else name, sub, depth + 1))
    return dict(sorted(out.items()))


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        ref = node["$ref"]
        target: Any = root
        for part in ref.removeprefix("#/").split("/"):
            target = target[part]
        merged = {k: v for k, v in node.items() if k != "$ref"}
        node = {**target, **merged}
    return node
