"""The nodes of a pydantic-core schema, for tests of the schemas the load cache keeps."""

from __future__ import annotations

from typing import Any


def nodes_of(node: Any) -> list[dict[str, Any]]:
    """Every mapping in ``node`` (a schema, or any part of one), outermost first."""
    if isinstance(node, list):
        return [n for item in node for n in nodes_of(item)]
    if not isinstance(node, dict):
        return []
    return [node, *(n for value in node.values() for n in nodes_of(value))]
