"""Lark's reductions -> our AST, while it parses. The only module that knows the grammar's rule
names.

Lark applies this transformer as it reduces (``Lark(transformer=…)``, LALR only), so no parse
tree is built and walked a second time. The parser keeps every token (``keep_all_tokens``), so
each method sees the same children Lark's ``propagate_positions`` looked at, and a node's span
runs from its first child to its last exactly as ``meta`` did: a child in brackets counts with
its brackets (``boxes``), a token with its own extent. Nothing here raises: a literal that
cannot be read (an impossible date, a number of too many digits) is remembered, and the parser
reports the first one once the whole expression parsed, so a syntax error later in the text
still comes first, as it did when the tree was transformed after parsing.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, NamedTuple

from vardval.dsl import literals, nodes
from vardval.dsl.diagnostic_words import Said, said_diagnostic
from vardval.dsl.errors import Diagnostic
from vardval.dsl.lark_parser import Token, Transformer, v_args
from vardval.dsl.spans import Origin, Span
from vardval.dsl.values import Quarter

_ESCAPE = re.compile(r"\\(.)")
_UNITS = ("day", "days", "month", "months", "year", "years")
_COMPARE = {"=": "==", "==": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
MAX_DIGITS = literals.MAX_DIGITS
Part = Token | nodes.Expr


class Arguments(NamedTuple):
    """What ``arguments`` reduces to: the expressions, and where the first one's text starts
    (with its brackets), which is where the parse tree placed the arguments."""

    items: tuple[nodes.Expr, ...]
    line: int
    column: int


@v_args(inline=True)
class ToAst(Transformer[Token, nodes.Expr]):
    """Builds nodes with file spans, one parse at a time (``begin``); see the module."""

    origin: Origin
    boxes: dict[int, Span]  # id(node) -> its extent with the brackets around it
    argument_starts: dict[int, tuple[int, int]]  # id(call or list) -> its Arguments' start
    too_long: Diagnostic | None  # the first number of too many digits
    unreadable: Diagnostic | None  # the first literal that means nothing

    def __init__(self) -> None:
        super().__init__()
        begin(self, Origin())

    def __reduce__(self) -> tuple[type[ToAst], tuple[()]]:
        # A parser kept in a store holds its transformer: the class, never a parse's state.
        return type(self), ()

    # --- spans -----------------------------------------------------------------------------

    def _span(self, first: Part, last: Part) -> Span:
        line, column = self._start(first)
        if isinstance(last, Token):
            end = self.origin.position(last.end_line or 1, last.end_column or 1)
        else:
            box = self.boxes.get(id(last)) or last.span
            end = box.end_line, box.end_column
        return Span(self.origin.file, line, column, *end)

    def _start(self, part: Part) -> tuple[int, int]:
        if isinstance(part, Token):
            return self.origin.position(part.line or 1, part.column or 1)
        box = self.boxes.get(id(part)) or part.span
        return box.line, box.column

    def atom(self, lpar: Token, inner: nodes.Expr, rpar: Token) -> nodes.Expr:
        """``( expr )``: the expression itself, whose extent now takes in the brackets."""
        self.boxes[id(inner)] = self._span(lpar, rpar)
        return inner

    # --- literals --------------------------------------------------------------------------

    def _literal(self, first: Token, last: Token, value: object, kind: str,
                 text: str) -> nodes.Literal:
        return nodes.Literal(value, kind, text, self._span(first, last))

    def _digits_ok(self, tok: Token) -> bool:
        """False (and remembered) for a number of more than MAX_DIGITS digits, which nothing
        should convert."""
        if len(tok) <= MAX_DIGITS:
            return True
        digits = sum(char.isdigit() for char in tok)
        if digits <= MAX_DIGITS:
            return True
        if self.too_long is None:
            self.too_long = said_diagnostic(
                "number-out-of-range", Said("too-many-digits", (digits, MAX_DIGITS)),
                self._span(tok, tok), Said("hint-number-meant"))
        return False

    def int_lit(self, tok: Token) -> nodes.Literal:
        value = int(tok) if self._digits_ok(tok) else None
        return self._literal(tok, tok, value, "int", str(tok))

    def decimal_lit(self, tok: Token) -> nodes.Literal:
        value = Decimal(tok) if self._digits_ok(tok) else None
        return self._literal(tok, tok, value, "decimal", str(tok))

    def percent_lit(self, tok: Token) -> nodes.Literal:
        value = literals.percent(tok[:-1]) if self._digits_ok(tok) else None
        return self._literal(tok, tok, value, "percent", str(tok))

    def date_lit(self, tok: Token) -> nodes.Literal:
        try:
            value = dt.date.fromisoformat(tok)
        except ValueError:
            return self._fail(tok, "impossible-date", Said("not-a-date", (str(tok),)),
                              Said("hint-date"))
        return self._literal(tok, tok, value, "date", str(tok))

    def quarter_lit(self, tok: Token) -> nodes.Literal:
        try:
            value = Quarter.parse(tok)
        except ValueError:
            return self._fail(tok, "impossible-date", Said("not-a-quarter", (str(tok),)),
                              Said("hint-quarter"))
        return self._literal(tok, tok, value, "quarter", str(tok))

    def duration_lit(self, count: Token, unit: Token) -> nodes.Literal:
        text = f"{count} {unit}"
        if not self._digits_ok(count):
            return self._literal(count, unit, None, "duration", text)
        if unit not in _UNITS:
            return self._fail(unit, "unknown-unit", Said("unknown-unit", (str(unit),)),
                              Said("hint-unit"))
        right = unit.rstrip("s") if int(count) == 1 else unit.rstrip("s") + "s"
        if unit != right:
            return self._fail(unit, "unknown-unit",
                              Said("unit-disagrees", (str(count), str(unit))),
                              Said("hint-write", (f"{count} {right}",)))
        value = literals.duration(int(count), str(unit))
        return self._literal(count, unit, value, "duration", text)

    def string_lit(self, tok: Token) -> nodes.Literal:
        text = _ESCAPE.sub(r"\1", tok[1:-1])
        return self._literal(tok, tok, text, "text", str(tok))

    def true_lit(self, tok: Token) -> nodes.Literal:
        return self._literal(tok, tok, value=True, kind="bool", text="true")

    def false_lit(self, tok: Token) -> nodes.Literal:
        return self._literal(tok, tok, value=False, kind="bool", text="false")

    def _fail(self, tok: Token, code: str, message: Said, hint: Said) -> nodes.Literal:
        if self.unreadable is None:
            self.unreadable = said_diagnostic(code, message, self._span(tok, tok), hint)
        return nodes.Literal(None, code, str(tok), self._span(tok, tok))

    # --- names, calls, lists ---------------------------------------------------------------

    def name(self, tok: Token) -> nodes.Name:
        return nodes.Name(str(tok), self._span(tok, tok))

    def attr(self, base: nodes.Expr, _dot: Token, tok: Token) -> nodes.Attr:
        return nodes.Attr(base, str(tok), self._span(base, tok))

    def call(self, func: Token, _lpar: Token, args: Arguments | None,
             rpar: Token) -> nodes.Call:
        node = nodes.Call(str(func), args.items if args else (), self._span(func, rpar))
        if args:
            self.argument_starts[id(node)] = args.line, args.column
        return node

    def arguments(self, *parts: Part) -> Arguments:
        items = tuple(part for part in parts if not isinstance(part, Token))
        return Arguments(items, *self._start(parts[0]))

    def list_lit(self, lsqb: Token, items: Arguments | None, rsqb: Token) -> nodes.ListExpr:
        node = nodes.ListExpr(items.items if items else (), self._span(lsqb, rsqb))
        if items:
            self.argument_starts[id(node)] = items.line, items.column
        return node

    # --- operators -------------------------------------------------------------------------

    def neg(self, minus: Token, operand: nodes.Expr) -> nodes.Unary:
        return nodes.Unary("-", operand, self._span(minus, operand))

    def not_expr(self, word: Token, operand: nodes.Expr) -> nodes.Unary:
        return nodes.Unary("not", operand, self._span(word, operand))

    def _binary(self, op: str, left: nodes.Expr, right: nodes.Expr) -> nodes.Binary:
        return nodes.Binary(op, left, right, self._span(left, right))

    def add(self, left: nodes.Expr, _op: Token, right: nodes.Expr) -> nodes.Binary:
        return self._binary("+", left, right)

    def sub(self, left: nodes.Expr, _op: Token, right: nodes.Expr) -> nodes.Binary:
        return self._binary("-", left, right)

    def mul(self, left: nodes.Expr, _op: Token, right: nodes.Expr) -> nodes.Binary:
        return self._binary("*", left, right)

    def div(self, left: nodes.Expr, _op: Token, right: nodes.Expr) -> nodes.Binary:
        return self._binary("/", left, right)

    def and_expr(self, left: nodes.Expr, _op: Token, right: nodes.Expr) -> nodes.Binary:
        return self._binary("and", left, right)

    def or_expr(self, left: nodes.Expr, _op: Token, right: nodes.Expr) -> nodes.Binary:
        return self._binary("or", left, right)

    def compare(self, left: nodes.Expr, op: Token, right: nodes.Expr) -> nodes.Compare:
        return nodes.Compare(_COMPARE[str(op)], left, right, self._span(left, right))

    def member(self, item: nodes.Expr, _in: Token, container: nodes.Expr) -> nodes.Member:
        return nodes.Member(item, container, negated=False, span=self._span(item, container))

    def not_member(self, item: nodes.Expr, _not: Token, _in: Token,
                   container: nodes.Expr) -> nodes.Member:
        return nodes.Member(item, container, negated=True, span=self._span(item, container))

    def if_expr(self, word: Token, cond: nodes.Expr, _then: Token, then: nodes.Expr,
                _else: Token, orelse: nodes.Expr) -> nodes.If:
        return nodes.If(cond, then, orelse, self._span(word, orelse))

    def all_expr(self, *parts: Any) -> nodes.Quantifier:
        return self._quantifier("all", *parts)

    def any_expr(self, *parts: Any) -> nodes.Quantifier:
        return self._quantifier("any", *parts)

    def _quantifier(self, kind: str, word: Token, var: Token, _in: Token, xs: nodes.Expr,
                    _colon: Token, body: nodes.Expr) -> nodes.Quantifier:
        return nodes.Quantifier(kind, str(var), xs, body, self._span(word, body))


def begin(builder: ToAst, origin: Origin) -> None:
    """Make ``builder`` forget its last parse; spans of the next one point into ``origin``.

    A function, not a method: ``v_args`` would wrap a method anew on every call.
    """
    builder.origin = origin
    builder.boxes = {}
    builder.argument_starts = {}
    builder.too_long = builder.unreadable = None
