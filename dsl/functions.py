"""The built-in functions, declared once (``BUILTINS``): how each type-checks and runs.

Their run-time behaviour lives in ``dsl.runtime`` (``fn_<name>``), so both evaluators share one
implementation; every other list of the built-ins is derived from this table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypeAlias

from vardval.dsl import nodes, runtime
from vardval.dsl import type_words as tw
from vardval.dsl import typesys as ts
from vardval.dsl.check_words import CheckSaid, did_you_mean
from vardval.dsl.reasons import Reason
from vardval.dsl.spans import Span


class Checking(Protocol):
    """What a signature rule may use of the type checker (``typecheck`` implements it)."""

    @property
    def params(self) -> Mapping[str, ts.Type]: ...

    def visit(self, node: nodes.Expr) -> tuple[nodes.Expr, ts.Type]: ...

    def error(self, code: str, said: Reason, span: Span, hint: Reason | None = None
              ) -> ts.Type: ...


Result: TypeAlias = tuple[nodes.Expr, ts.Type]


def _arity(checker: Checking, node: nodes.Call, count: int, example: str) -> bool:
    if len(node.args) == count:
        return True
    said = (CheckSaid("takes-one", (node.func, str(len(node.args)))) if count == 1
            else CheckSaid("takes-many", (node.func, str(count), str(len(node.args)))))
    checker.error("wrong-arguments", said, node.span, _example(example))
    return False


def _example(example: str) -> CheckSaid:
    return CheckSaid("hint-example", (example,))


def _typed_args(checker: Checking, node: nodes.Call, want: tuple[ts.Type, ...],
                example: str) -> tuple[list[nodes.Expr], bool]:
    resolved, ok = [], _arity(checker, node, len(want), example)
    for index, arg in enumerate(node.args):
        expr, found = checker.visit(arg)
        resolved.append(expr)
        wanted = want[min(index, len(want) - 1)]
        if found not in (wanted, ts.ERROR):
            checker.error("wrong-type", CheckSaid("argument-must-be", (
                str(index + 1), node.func, tw.named(wanted), tw.named(found))), arg.span,
                _example(example))
            ok = False
    return resolved, ok


def _exists(checker: Checking, node: nodes.Call) -> Result:
    if not _arity(checker, node, 1, "exists(listing.cap)"):
        return node, ts.BOOL
    expr, found = checker.visit(node.args[0])
    if isinstance(expr, nodes.Field):
        return nodes.Exists(expr, node.span), ts.BOOL
    if found != ts.ERROR:
        checker.error("wrong-arguments", CheckSaid("exists-field"), node.args[0].span,
                      _example("exists(listing.cap)"))
    return node, ts.BOOL


def dotted_name(expr: nodes.Expr) -> str | None:
    """``a.b.c`` written as names, or a quoted text, as one dotted string."""
    if isinstance(expr, nodes.Name):
        return expr.name
    if isinstance(expr, nodes.Attr):
        base = dotted_name(expr.base)
        return f"{base}.{expr.name}" if base else None
    if isinstance(expr, nodes.Literal) and expr.kind == "text":
        return str(expr.value)
    return None


def _param(checker: Checking, node: nodes.Call) -> Result:
    name = dotted_name(node.args[0]) if len(node.args) == 1 else None
    if name is None:
        checker.error("wrong-arguments", CheckSaid("param-name"), node.span,
                      _example("param(vardgaranti.kontakt.malniva)"))
        return node, ts.ERROR
    found = checker.params.get(name)
    if found is None:
        hint = did_you_mean(name, list(checker.params)) or CheckSaid("hint-parameters")
        return node, checker.error("unknown-parameter", CheckSaid("unknown-parameter", (name,)),
                                   node.args[0].span, hint)
    return nodes.ParamRef(name, node.span), found


def _list_arg(checker: Checking, node: nodes.Call, example: str) -> tuple[nodes.Expr, ts.Type]:
    if not _arity(checker, node, 1, example):
        return node, ts.ERROR
    expr, found = checker.visit(node.args[0])
    if found != ts.ERROR and found.name != "list":
        checker.error("wrong-type", CheckSaid("takes-list", (node.func, tw.named(found))),
                      node.args[0].span, _example(example))
        return expr, ts.ERROR
    return expr, found


def _count(checker: Checking, node: nodes.Call) -> Result:
    expr, _ = _list_arg(checker, node, "count(quality.quality_registers)")
    return nodes.Call(node.func, (expr,), node.span), ts.NUMBER


def _sum(checker: Checking, node: nodes.Call) -> Result:
    expr, found = _list_arg(checker, node, "sum([a, b, c])")
    if found.name == "list" and found.elem is not None and found.elem not in (ts.NUMBER, ts.ANY):
        checker.error("wrong-type", CheckSaid("sum-numbers", (tw.plural(found.elem),)),
                      node.span)
    return nodes.Call(node.func, (expr,), node.span), ts.NUMBER


def _extreme(checker: Checking, node: nodes.Call) -> Result:
    if len(node.args) == 1:
        expr, found = _list_arg(checker, node, f"{node.func}([a, b])")
        elem = found.elem if found.name == "list" and found.elem else ts.ERROR
        return nodes.Call(node.func, (expr,), node.span), _ordered(checker, node, elem)
    if len(node.args) < 2:
        checker.error("wrong-arguments", CheckSaid("list-or-values", (node.func,)),
                      node.span, _example(f"{node.func}(a, b)"))
        return node, ts.ERROR
    args, common = [], ts.ANY
    for arg in node.args:
        expr, found = checker.visit(arg)
        args.append(expr)
        common = ts.unify(common, found) or checker.error(
            "wrong-type", CheckSaid("one-type", (node.func,)), arg.span)
    return nodes.Call(node.func, tuple(args), node.span), _ordered(checker, node, common)


def _ordered(checker: Checking, node: nodes.Call, elem: ts.Type) -> ts.Type:
    if elem in ts.ORDERED or elem in (ts.ERROR, ts.ANY):
        return elem
    return checker.error("wrong-type", CheckSaid("needs-ordered", (node.func, tw.plural(elem))),
                         node.span)


def _date(checker: Checking, node: nodes.Call) -> Result:
    """``date(y, m, d)``; with three whole-number literals an impossible date is an error now."""
    args, ok = _typed_args(checker, node, (ts.NUMBER,) * 3, "date(period.year, 3, 1)")
    parts = [a.value for a in args
             if isinstance(a, nodes.Literal) and a.kind == "int" and isinstance(a.value, int)]
    if ok and len(parts) == 3:
        try:
            dt.date(*(int(p) for p in parts))
        except (ValueError, OverflowError):
            checker.error("impossible-date", CheckSaid("impossible-date", (
                ", ".join(map(str, parts)),)), node.span, CheckSaid("hint-existing-day"))
    return nodes.Call(node.func, tuple(args), node.span), ts.DATE


def _simple(want: tuple[ts.Type, ...], result: ts.Type, example: str) -> Callable[..., Result]:
    def check(checker: Checking, node: nodes.Call) -> Result:
        args, _ = _typed_args(checker, node, want, example)
        return nodes.Call(node.func, tuple(args), node.span), result
    return check


@dataclass(frozen=True)
class Builtin:
    """One built-in function, declared once: how it type-checks, how it runs, and whether it is
    total (never unknown once its arguments are known; ``flow`` relies on it).

    ``run`` is None for the two the type checker rewrites into nodes of their own
    (``exists`` becomes ``Exists``, ``param`` becomes ``ParamRef``).
    """

    check: Callable[[Checking, nodes.Call], Result]
    run: Callable[..., Any] | None
    total: bool = False


# Adding a built-in is one record here and one ``fn_`` helper in ``runtime`` (plus its section
# in docs/dsl-reference.md and a conformance case, which the tests ask for).
BUILTINS: dict[str, Builtin] = {
    "exists": Builtin(_exists, None),
    "param": Builtin(_param, None),
    "count": Builtin(_count, runtime.fn_count, total=True),
    "sum": Builtin(_sum, runtime.fn_sum),
    "min": Builtin(_extreme, runtime.fn_min),
    "max": Builtin(_extreme, runtime.fn_max),
    "date": Builtin(_date, runtime.fn_date),
    "lower": Builtin(_simple((ts.TEXT,), ts.TEXT, "lower(quality.deviation_system)"),
                     runtime.fn_lower, total=True),
    "blank": Builtin(_simple((ts.TEXT,), ts.BOOL, "blank(clinic.head_of_unit)"),
                     runtime.fn_blank, total=True),
    "same_text": Builtin(_simple((ts.TEXT, ts.TEXT), ts.BOOL,
                                 'same_text(quality.deviation_system, "Synergi")'),
                         runtime.fn_same_text, total=True),
}
NAMES = tuple(BUILTINS)
# The helpers generated code and the interpreter call, by function name.
RUNTIME: dict[str, Callable[..., Any]] = {
    name: b.run for name, b in BUILTINS.items() if b.run is not None}
TOTAL = frozenset(name for name, b in BUILTINS.items() if b.total)
