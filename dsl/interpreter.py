"""The reference evaluator: walks a resolved expression with the shared runtime helpers.

It is the semantics' definition (the compiled backend must agree with it case by case), and it
can record a trace of every sub-expression's value for ``vardval explain``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from vardval.dsl import functions, nodes, runtime
from vardval.dsl.values import Quarter, Unknown


@dataclass
class Context:
    """Everything one submission's evaluation may read; definitions are memoised per context."""

    data: Mapping[str, Any]
    period: Quarter | Unknown
    param: Callable[[str], Any]
    definitions: Mapping[str, nodes.Expr]
    memo: dict[str, Any] = field(default_factory=dict)
    trace: list[tuple[nodes.Expr, Any]] | None = None


def evaluate(expr: nodes.Expr, ctx: Context) -> Any:
    """Evaluate a resolved expression; the result may be an ``Unknown``.

    Example:
        >>> from vardval.dsl.values import Quarter
        >>> from vardval.dsl import typesys as ts
        >>> from vardval.dsl.parser import parse
        >>> from vardval.dsl.typecheck import Environment, check
        >>> from vardval.dsl.interpreter import Context, evaluate
        >>> env = Environment(ts.record({"a": ts.NUMBER, "b": ts.NUMBER}))
        >>> e = check(parse("a / b >= 90%"), env).expr
        >>> evaluate(e, Context({"a": 9, "b": 10}, Quarter(2025, 1), {}.get, {}))
        True
        >>> evaluate(e, Context({"a": 9}, Quarter(2025, 1), {}.get, {}))
        Unknown(missing=frozenset({'b'}), reasons=frozenset())
    """
    return _Walker(ctx).eval(expr, {})


class _Walker:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def eval(self, node: nodes.Expr, env: dict[str, Any]) -> Any:
        value = self._eval(node, env)
        if self.ctx.trace is not None:
            self.ctx.trace.append((node, value))
        return value

    def _eval(self, node: nodes.Expr, env: dict[str, Any]) -> Any:  # noqa: C901, PLR0911, PLR0912
        ctx = self.ctx
        match node:
            case nodes.Literal(value=value):
                return value
            case nodes.Field(path=path):
                return runtime.get_path(ctx.data, path, node.dotted)
            case nodes.Var(name=name):
                return env[name]
            case nodes.PeriodRef():
                return ctx.period
            case nodes.Attr(base=nodes.PeriodRef(), name=name):
                return runtime.period_part(ctx.period, name)
            case nodes.Attr(base=base, name=name):
                return runtime.get_attr(self.eval(base, env), name)
            case nodes.DefRef(name=name):
                return self._definition(name)
            case nodes.ParamRef(name=name):
                return ctx.param(name)
            case nodes.Exists(field=target):
                return runtime.has_path(ctx.data, target.path)
            case nodes.Unary(op="not", operand=operand):
                return runtime.k_not(self.eval(operand, env))
            case nodes.Unary(operand=operand):
                return runtime.neg(self.eval(operand, env))
            case nodes.Binary(op="and", left=left, right=right):
                first = self.eval(left, env)
                return False if first is False else runtime.k_and(first, self.eval(right, env))
            case nodes.Binary(op="or", left=left, right=right):
                first = self.eval(left, env)
                return True if first is True else runtime.k_or(first, self.eval(right, env))
            case nodes.Binary(op=op, left=left, right=right):
                return self._arith(node, op, self.eval(left, env), self.eval(right, env))
            case nodes.Compare(op=op, left=left, right=right):
                return runtime.compare(op, self.eval(left, env), self.eval(right, env))
            case nodes.Member(item=item, container=container, negated=negated):
                found = runtime.member(self.eval(item, env), self.eval(container, env))
                return runtime.k_not(found) if negated else found
            case nodes.If(cond=cond, then=then, orelse=orelse):
                test = self.eval(cond, env)
                if type(test) is Unknown:
                    return test
                return self.eval(then if test else orelse, env)
            case nodes.Quantifier():
                return self._quantifier(node, env)
            case nodes.ListExpr(items=items):
                return [self.eval(item, env) for item in items]
            case nodes.Call(func=func, args=args):
                return functions.RUNTIME[func](*(self.eval(a, env) for a in args))
        raise TypeError(f"not a resolved expression: {node!r}")  # pragma: no cover

    def _arith(self, node: nodes.Binary, op: str, left: Any, right: Any) -> Any:
        if op == "+":
            return runtime.add(left, right)
        if op == "-":
            return runtime.sub(left, right)
        if op == "*":
            return runtime.mul(left, right)
        return runtime.div(left, right, f"'{nodes.show(node)}'")

    def _definition(self, name: str) -> Any:
        memo = self.ctx.memo
        if name not in memo:
            memo[name] = self.eval(self.ctx.definitions[name], {})
        return memo[name]

    def _quantifier(self, node: nodes.Quantifier, env: dict[str, Any]) -> Any:
        items = self.eval(node.iterable, env)
        if type(items) is Unknown:
            return items
        results = (self.eval(node.body, {**env, node.var: item}) for item in items)
        return runtime.k_all(results) if node.kind == "all" else runtime.k_any(results)
