"""Which way a rule's outcome moves when a parameter grows: the comparison tells the direction.

``holds_more(rule_expr, name)`` is +1 when a larger value of parameter ``name`` can only make the
condition hold more often (``x <= param(p)``), -1 when less often (``x / y >= param(p)``), 0 when
the condition does not read it, and None when the direction cannot be told (``==``, a product
of two parameter-dependent parts, a parameter inside ``when``). Definitions are followed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from vardval.dsl import nodes
from vardval.dsl.values import Duration

Sign = int | None
TIGHTENED, LOOSENED = "tightened", "loosened"


def _combine(*signs: Sign) -> Sign:
    found = set(signs)
    if None in found:
        return None
    found.discard(0)
    if len(found) > 1:
        return None
    return found.pop() if found else 0


def _neg(sign: Sign) -> Sign:
    return None if sign is None else -sign


class _Signs:
    """The sign of an expression in one parameter, definitions of one rulebook followed."""

    def __init__(self, name: str, definitions: Mapping[str, nodes.Expr]) -> None:
        self.name, self.definitions = name, definitions
        self.seen: set[str] = set()

    def of(self, expr: nodes.Expr) -> Sign:
        if isinstance(expr, nodes.ParamRef):
            return 1 if expr.name == self.name else 0
        if isinstance(expr, nodes.DefRef):
            return self._definition(expr.name)
        if isinstance(expr, nodes.Binary):
            return self._binary(expr)
        if isinstance(expr, nodes.Compare):
            return self._compare(expr)
        if isinstance(expr, nodes.Unary):
            return _neg(self.of(expr.operand))
        if isinstance(expr, nodes.If):
            return self._if(expr)
        if isinstance(expr, nodes.Quantifier):
            return self.of(expr.body) if self.of(expr.iterable) == 0 else None
        parts = _children(expr)
        return 0 if all(self.of(part) == 0 for part in parts) else None

    def _definition(self, name: str) -> Sign:
        if name in self.seen or name not in self.definitions:
            return 0 if name not in self.definitions else None
        self.seen.add(name)
        try:
            return self.of(self.definitions[name])
        finally:
            self.seen.discard(name)

    def _binary(self, expr: nodes.Binary) -> Sign:
        left, right = self.of(expr.left), self.of(expr.right)
        if expr.op in ("+", "and", "or"):
            return _combine(left, right)
        if expr.op == "-":
            return _combine(left, _neg(right))
        if left == 0 and right == 0:
            return 0
        if expr.op == "*" and 0 in (left, right):  # counts and shares are not negative
            return _combine(left, right)
        if expr.op == "/" and right == 0:
            return left
        if expr.op == "/" and left == 0:
            return _neg(right)
        return None

    def _compare(self, expr: nodes.Compare) -> Sign:
        left, right = self.of(expr.left), self.of(expr.right)
        if expr.op in (">", ">="):
            return _combine(left, _neg(right))
        if expr.op in ("<", "<="):
            return _combine(_neg(left), right)
        return 0 if left == right == 0 else None

    def _if(self, expr: nodes.If) -> Sign:
        if self.of(expr.cond) != 0:
            return None
        return _combine(self.of(expr.then), self.of(expr.orelse))


def _children(expr: nodes.Expr) -> tuple[nodes.Expr, ...]:
    if isinstance(expr, nodes.Call):
        return expr.args
    if isinstance(expr, nodes.ListExpr):
        return expr.items
    if isinstance(expr, nodes.Member):
        return (expr.item, expr.container)
    if isinstance(expr, nodes.Attr):
        return (expr.base,)
    return ()


def holds_more(when: nodes.Expr | None, require: nodes.Expr, name: str,
               definitions: Mapping[str, nodes.Expr]) -> Sign:
    """+1, -1, 0 or None: how a larger value of ``name`` moves a rule toward passing.

    Example:
        >>> from vardval.dsl.spans import Span
        >>> at = Span("r.yaml", 1, 1, 1, 2)
        >>> share = nodes.Field(("share",), at)
        >>> target = nodes.ParamRef("p", at)
        >>> holds_more(None, nodes.Compare(">=", share, target, at), "p", {})
        -1
        >>> holds_more(None, nodes.Compare("<=", share, target, at), "p", {})
        1
    """
    signs = _Signs(name, definitions)
    if when is not None and signs.of(when) != 0:
        return None
    return signs.of(require)


def grew(before: object, after: object) -> Sign:
    """+1 when ``after`` is larger, -1 smaller, 0 equal, None when the values do not order."""
    if isinstance(before, bool) or isinstance(after, bool):
        return None if before != after else 0
    pair = (_ordinal(before), _ordinal(after))
    if pair[0] is None or pair[1] is None:
        return None
    return (pair[1] > pair[0]) - (pair[1] < pair[0])


def _ordinal(value: object) -> Decimal | int | None:
    if isinstance(value, int | Decimal):
        return value
    if isinstance(value, Duration):  # a parameter's durations are all days or all months
        return value.months * 31 + value.days
    if isinstance(value, dt.date):
        return value.toordinal()
    return None


def verdict(growth: Sign, signs: list[Sign]) -> str | None:
    """``tightened`` or ``loosened`` when every rule reading the parameter agrees, else None."""
    if growth in (None, 0) or not signs:
        return None
    moved = _combine(*(None if s is None else s * growth for s in signs))
    if moved in (None, 0):
        return None
    return LOOSENED if moved > 0 else TIGHTENED
