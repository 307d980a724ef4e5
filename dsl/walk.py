"""Generic traversal of expressions: children, and the data a rule reads (for evidence)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields

from vardval.dsl import nodes


def children(node: nodes.Expr) -> Iterator[nodes.Expr]:
    """The direct sub-expressions of a node, left to right."""
    for item in fields(node):
        value = getattr(node, item.name)
        if isinstance(value, tuple):
            yield from (v for v in value if _is_expr(v))
        elif _is_expr(value):
            yield value


def _is_expr(value: object) -> bool:
    return hasattr(value, "span") and not isinstance(value, (str, tuple))


def descendants(node: nodes.Expr) -> Iterator[nodes.Expr]:
    """The node and everything below it, in pre-order."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(list(children(current))))


def references(node: nodes.Expr) -> list[nodes.Field | nodes.DefRef | nodes.ParamRef]:
    """Fields, definitions and parameters a resolved expression reads, first use first.

    ``exists(x)`` reads ``x`` too: its evidence is whether x is there. Fields reached through a
    quantifier's variable are covered by the list field itself.
    """
    seen: dict[tuple[str, str], nodes.Field | nodes.DefRef | nodes.ParamRef] = {}
    for current in descendants(node):
        target = current.field if isinstance(current, nodes.Exists) else current
        if isinstance(target, nodes.Field):
            seen.setdefault(("field", target.dotted), target)
        elif isinstance(target, nodes.DefRef | nodes.ParamRef):
            seen.setdefault((type(target).__name__, target.name), target)
    return list(seen.values())


def surface_names(node: nodes.Expr) -> set[str]:
    """Bare names used in a parsed (unresolved) expression: for definition dependencies."""
    out = set()
    for current in descendants(node):
        if isinstance(current, nodes.Name):
            out.add(current.name)
    return out
