"""The expression AST: frozen dataclasses, each with the span of its text in the rule file.

Two layers share this module. The parser builds the *surface* nodes (``Name``, ``Attr``, ``Call``
…); the type checker replaces names by *resolved* nodes (``Field``, ``DefRef``, ``ParamRef``,
``Var``, ``PeriodRef``, ``Exists``) so the evaluators never have to guess what a name means.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from vardval.dsl.spans import Span


@dataclass(frozen=True, slots=True)
class Literal:
    """A constant: ``kind`` is int, decimal, percent, date, quarter, duration, text or bool."""

    value: object
    kind: str
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Name:
    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class Attr:
    """``base.name``: a step into a record (a field path or a list element's field)."""

    base: Expr
    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class Call:
    func: str
    args: tuple[Expr, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class ListExpr:
    items: tuple[Expr, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Unary:
    """``-x`` (op ``-``) or ``not x`` (op ``not``)."""

    op: str
    operand: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Binary:
    """Arithmetic (``+ - * /``) and logic (``and or``)."""

    op: str
    left: Expr
    right: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Compare:
    """``== != < <= > >=`` (``=`` is normalised to ``==``)."""

    op: str
    left: Expr
    right: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Member:
    item: Expr
    container: Expr
    negated: bool
    span: Span


@dataclass(frozen=True, slots=True)
class If:
    cond: Expr
    then: Expr
    orelse: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Quantifier:
    """``all x in xs: body`` / ``any x in xs: body``."""

    kind: str
    var: str
    iterable: Expr
    body: Expr
    span: Span


# --- resolved nodes (made by the type checker) --------------------------------------------


@dataclass(frozen=True, slots=True)
class Field:
    """A value of the submission, by its dotted path from the root."""

    path: tuple[str, ...]
    span: Span

    @property
    def dotted(self) -> str:
        return ".".join(self.path)


@dataclass(frozen=True, slots=True)
class Var:
    """The element bound by an enclosing quantifier."""

    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class PeriodRef:
    """The submission's reporting period (a quarter)."""

    span: Span


@dataclass(frozen=True, slots=True)
class DefRef:
    """A named definition of the rulebook."""

    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class ParamRef:
    """A dated parameter, taken as in force on the period's first day."""

    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class Exists:
    """``exists(path)``: whether the submission has the field; never unknown."""

    field: Field
    span: Span


Expr: TypeAlias = (
    Literal | Name | Attr | Call | ListExpr | Unary | Binary | Compare | Member | If | Quantifier
    | Field | Var | PeriodRef | DefRef | ParamRef | Exists
)

_PRECEDENCE = {"or": 1, "and": 2, "not": 3, "cmp": 4, "+": 5, "-": 5, "*": 6, "/": 6, "neg": 7}


def show(node: Expr) -> str:
    """Canonical source text of an expression (used in traces, docs and messages).

    Example:
        >>> from vardval.dsl.parser import parse
        >>> from vardval.dsl.nodes import show
        >>> show(parse("(a+b)*2 >= 90%"))
        '(a + b) * 2 >= 90%'
    """
    return _show(node, 0)


def _show(node: Expr, outer: int) -> str:  # noqa: C901, PLR0911, PLR0912 - one case per node kind
    match node:
        case Literal(text=text):
            return text
        case Name(name=name) | Var(name=name) | DefRef(name=name):
            return name
        case Field():
            return node.dotted
        case PeriodRef():
            return "period"
        case ParamRef(name=name):
            return f"param({name})"
        case Exists(field=field):
            return f"exists({field.dotted})"
        case Attr(base=base, name=name):
            return f"{_show(base, 9)}.{name}"
        case Call(func=func, args=args):
            return f"{func}({', '.join(_show(a, 0) for a in args)})"
        case ListExpr(items=items):
            return f"[{', '.join(_show(a, 0) for a in items)}]"
        case Unary(op="not", operand=operand):
            return _wrap(f"not {_show(operand, 3)}", 3, outer)
        case Unary(operand=operand):
            return _wrap(f"-{_show(operand, 7)}", 7, outer)
        case Binary(op=op, left=left, right=right):
            level = _PRECEDENCE[op]
            text = f"{_show(left, level)} {op} {_show(right, level + 1)}"
            return _wrap(text, level, outer)
        case Compare(op=op, left=left, right=right):
            return _wrap(f"{_show(left, 5)} {op} {_show(right, 5)}", 4, outer)
        case Member(item=item, container=container, negated=negated):
            word = "not in" if negated else "in"
            return _wrap(f"{_show(item, 5)} {word} {_show(container, 5)}", 4, outer)
        case If(cond=cond, then=then, orelse=orelse):
            text = f"if {_show(cond, 0)} then {_show(then, 0)} else {_show(orelse, 0)}"
            return _wrap(text, 0, outer)
        case Quantifier(kind=kind, var=var, iterable=iterable, body=body):
            return _wrap(f"{kind} {var} in {_show(iterable, 1)}: {_show(body, 0)}", 0, outer)
    raise TypeError(node)  # pragma: no cover - exhaustive over Expr


def _wrap(text: str, level: int, outer: int) -> str:
    return f"({text})" if level < outer or (level == 0 and outer > 0) else text
