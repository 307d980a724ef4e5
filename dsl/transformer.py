"""Lark parse tree -> our AST. The only module that knows the grammar's rule names."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from lark import Token, Transformer, v_args
from lark.tree import Meta
from vardval.dsl import literals, nodes
from vardval.dsl.diagnostic_words import Said, said_diagnostic
from vardval.dsl.errors import RuleSyntaxError
from vardval.dsl.spans import Origin, Span
from vardval.dsl.values import Quarter

_ESCAPE = re.compile(r"\\(.)")
_UNITS = ("day", "days", "month", "months", "year", "years")
_COMPARE = {"=": "==", "==": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


@v_args(inline=True, meta=True)
class ToAst(Transformer[Token, nodes.Expr]):
    """Builds nodes with file spans; literal errors (bad date, bad unit) raise located errors."""

    def __init__(self, origin: Origin) -> None:
        super().__init__()
        self.origin = origin

    def _span(self, meta: Meta | Token) -> Span:
        # lark leaves positions unset only for empty rules, which this grammar does not have
        return self.origin.span(meta.line or 1, meta.column or 1, meta.end_line or 1,
                                meta.end_column or 1)

    def _literal(self, meta: Meta, value: object, kind: str, text: str) -> nodes.Literal:
        return nodes.Literal(value, kind, text, self._span(meta))

    def int_lit(self, meta: Meta, tok: Token) -> nodes.Literal:
        return self._literal(meta, int(tok), "int", str(tok))

    def decimal_lit(self, meta: Meta, tok: Token) -> nodes.Literal:
        return self._literal(meta, Decimal(tok), "decimal", str(tok))

    def percent_lit(self, meta: Meta, tok: Token) -> nodes.Literal:
        return self._literal(meta, literals.percent(tok[:-1]), "percent", str(tok))

    def date_lit(self, meta: Meta, tok: Token) -> nodes.Literal:
        try:
            value = dt.date.fromisoformat(tok)
        except ValueError:
            self._fail(tok, "impossible-date", Said("not-a-date", (str(tok),)),
                       Said("hint-date"))
        return self._literal(meta, value, "date", str(tok))

    def quarter_lit(self, meta: Meta, tok: Token) -> nodes.Literal:
        try:
            value = Quarter.parse(tok)
        except ValueError:
            self._fail(tok, "impossible-date", Said("not-a-quarter", (str(tok),)),
                       Said("hint-quarter"))
        return self._literal(meta, value, "quarter", str(tok))

    def duration_lit(self, meta: Meta, count: Token, unit: Token) -> nodes.Literal:
        if unit not in _UNITS:
            self._fail(unit, "unknown-unit", Said("unknown-unit", (str(unit),)),
                       Said("hint-unit"))
        right = unit.rstrip("s") if int(count) == 1 else unit.rstrip("s") + "s"
        if unit != right:
            self._fail(unit, "unknown-unit",
                       Said("unit-disagrees", (str(count), str(unit))),
                       Said("hint-write", (f"{count} {right}",)))
        value = literals.duration(int(count), str(unit))
        return self._literal(meta, value, "duration", f"{count} {unit}")

    def string_lit(self, meta: Meta, tok: Token) -> nodes.Literal:
        text = _ESCAPE.sub(r"\1", tok[1:-1])
        return self._literal(meta, text, "text", str(tok))

    def true_lit(self, meta: Meta) -> nodes.Literal:
        return self._literal(meta, value=True, kind="bool", text="true")

    def false_lit(self, meta: Meta) -> nodes.Literal:
        return self._literal(meta, value=False, kind="bool", text="false")

    def name(self, meta: Meta, tok: Token) -> nodes.Name:
        return nodes.Name(str(tok), self._span(meta))

    def attr(self, meta: Meta, base: nodes.Expr, tok: Token) -> nodes.Attr:
        return nodes.Attr(base, str(tok), self._span(meta))

    def call(self, meta: Meta, func: Token, args: list[nodes.Expr] | None) -> nodes.Call:
        return nodes.Call(str(func), tuple(args or ()), self._span(meta))

    def arguments(self, _meta: Meta, *args: nodes.Expr) -> list[nodes.Expr]:
        return list(args)

    def list_lit(self, meta: Meta, items: list[nodes.Expr] | None) -> nodes.ListExpr:
        return nodes.ListExpr(tuple(items or ()), self._span(meta))

    def neg(self, meta: Meta, operand: nodes.Expr) -> nodes.Unary:
        return nodes.Unary("-", operand, self._span(meta))

    def not_expr(self, meta: Meta, operand: nodes.Expr) -> nodes.Unary:
        return nodes.Unary("not", operand, self._span(meta))

    def _binary(self, op: str, meta: Meta, left: nodes.Expr, right: nodes.Expr) -> nodes.Binary:
        return nodes.Binary(op, left, right, self._span(meta))

    def add(self, meta: Meta, left: nodes.Expr, right: nodes.Expr) -> nodes.Binary:
        return self._binary("+", meta, left, right)

    def sub(self, meta: Meta, left: nodes.Expr, right: nodes.Expr) -> nodes.Binary:
        return self._binary("-", meta, left, right)

    def mul(self, meta: Meta, left: nodes.Expr, right: nodes.Expr) -> nodes.Binary:
        return self._binary("*", meta, left, right)

    def div(self, meta: Meta, left: nodes.Expr, right: nodes.Expr) -> nodes.Binary:
        return self._binary("/", meta, left, right)

    def and_expr(self, meta: Meta, left: nodes.Expr, right: nodes.Expr) -> nodes.Binary:
        return self._binary("and", meta, left, right)

    def or_expr(self, meta: Meta, left: nodes.Expr, right: nodes.Expr) -> nodes.Binary:
        return self._binary("or", meta, left, right)

    def compare(self, meta: Meta, left: nodes.Expr, op: Token, right: nodes.Expr) -> nodes.Compare:
        return nodes.Compare(_COMPARE[str(op)], left, right, self._span(meta))

    def member(self, meta: Meta, item: nodes.Expr, container: nodes.Expr) -> nodes.Member:
        return nodes.Member(item, container, negated=False, span=self._span(meta))

    def not_member(self, meta: Meta, item: nodes.Expr, container: nodes.Expr) -> nodes.Member:
        return nodes.Member(item, container, negated=True, span=self._span(meta))

    def if_expr(self, meta: Meta, cond: nodes.Expr, then: nodes.Expr,
                orelse: nodes.Expr) -> nodes.If:
        return nodes.If(cond, then, orelse, self._span(meta))

    def all_expr(self, meta: Meta, var: Token, xs: nodes.Expr,
                 body: nodes.Expr) -> nodes.Quantifier:
        return nodes.Quantifier("all", str(var), xs, body, self._span(meta))

    def any_expr(self, meta: Meta, var: Token, xs: nodes.Expr,
                 body: nodes.Expr) -> nodes.Quantifier:
        return nodes.Quantifier("any", str(var), xs, body, self._span(meta))

    def _fail(self, tok: Token, code: str, message: Said, hint: Said) -> Any:
        raise RuleSyntaxError([said_diagnostic(code, message, self._span(tok), hint)])
