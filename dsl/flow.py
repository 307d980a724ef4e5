"""What is known of a resolved expression's value before it runs: can it be unknown, a duration?

The code generator uses these facts to leave out run-time checks that can never fire: a
comparison of two values that are never unknown and never durations is a plain Python
comparison. Every answer errs on the safe side ("may be"): a value read from the submission may
be missing, a parameter may have no value in force, a division may divide by zero. Submission
data holds no durations (JSON has none), so only literals, parameters and arithmetic on them can
be durations. A list literal "may be" whatever one of its items may be.
"""

from __future__ import annotations

from collections.abc import Container, Mapping

from vardval.dsl import functions, nodes

# Calls whose result is never unknown when their arguments are never unknown.
_TOTAL_CALLS = functions.TOTAL  # built-ins never unknown once their arguments are known


class Facts:
    """Answers ``may_be_unknown`` and ``may_be_duration`` for the nodes of one unit.

    ``duration_params`` names the parameters whose values are durations, when known (their
    type is fixed per parameter); without it any parameter may be one.

    Example:
        >>> from vardval.dsl.parser import parse
        >>> from vardval.dsl.flow import Facts
        >>> facts = Facts({})
        >>> facts.may_be_unknown(parse("1 < 2 and true")), facts.may_be_duration(parse("3 days"))
        (False, True)
    """

    def __init__(self, definitions: Mapping[str, nodes.Expr],
                 duration_params: Container[str] | None = None) -> None:
        self.definitions = definitions
        self.duration_params = duration_params
        self._unknown: dict[str, bool] = {}
        self._duration: dict[str, bool] = {}

    def may_be_unknown(self, node: nodes.Expr) -> bool:  # noqa: PLR0911 - one case per kind
        match node:
            case nodes.Literal() | nodes.Exists():
                return False
            case nodes.ListExpr(items=items):
                return any(self.may_be_unknown(item) for item in items)
            case nodes.If(cond=cond, then=then, orelse=orelse):
                return any(self.may_be_unknown(part) for part in (cond, then, orelse))
            case nodes.DefRef(name=name):
                return self._definition(name, self._unknown, self.may_be_unknown)
            case nodes.Unary(op="not", operand=operand):
                return self.may_be_unknown(operand)
            case nodes.Binary(op="and" | "or", left=left, right=right):
                return self.may_be_unknown(left) or self.may_be_unknown(right)
            case nodes.Compare(left=left, right=right) | nodes.Member(item=left, container=right):
                return (self.may_be_unknown(left) or self.may_be_unknown(right)
                        or self.may_be_duration(left) or self.may_be_duration(right))
            case nodes.Call(func=func, args=args) if func in _TOTAL_CALLS:
                return any(self.may_be_unknown(arg) for arg in args)
        return True

    def may_be_duration(self, node: nodes.Expr) -> bool:  # noqa: PLR0911 - one case per kind
        match node:
            case nodes.Literal(kind=kind):
                return kind == "duration"
            case nodes.ListExpr(items=items):
                return any(self.may_be_duration(item) for item in items)
            case nodes.ParamRef(name=name):
                return self.duration_params is None or name in self.duration_params
            case nodes.Var():
                return True
            case nodes.DefRef(name=name):
                return self._definition(name, self._duration, self.may_be_duration)
            case nodes.Unary(op="-", operand=operand):
                return self.may_be_duration(operand)
            case nodes.Binary(op="+", left=left, right=right):  # date + duration is a date
                return self.may_be_duration(left) and self.may_be_duration(right)
            case nodes.Binary(op="-", left=left):  # date - duration too
                return self.may_be_duration(left)
            case nodes.Binary(op="*", left=left, right=right):
                return self.may_be_duration(left) or self.may_be_duration(right)
            case nodes.If(then=then, orelse=orelse):
                return self.may_be_duration(then) or self.may_be_duration(orelse)
            case nodes.Call(func="min" | "max", args=args):
                return any(self.may_be_duration(arg) for arg in args)
        return False

    def _definition(self, name: str, cache: dict[str, bool], ask: object) -> bool:
        if name not in cache:
            cache[name] = True  # a cycle (refused by the loader) would stay on the safe side
            expr = self.definitions.get(name)
            cache[name] = expr is None or bool(ask(expr))  # type: ignore[operator]
        return cache[name]
