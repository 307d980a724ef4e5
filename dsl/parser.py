"""Text -> AST. Builds the LALR parser once and turns Lark's errors into located, plain ones."""

from __future__ import annotations

import functools

from lark import Lark, Token, Tree, UnexpectedInput
from lark.exceptions import VisitError
from vardval.dsl import literals, nodes
from vardval.dsl.errors import Diagnostic, RuleSyntaxError, VardvalError
from vardval.dsl.spans import Origin, Span
from vardval.dsl.syntax_errors import diagnose
from vardval.dsl.transformer import ToAst

# Bounds that keep a hostile rule file from exhausting memory or the stack. MAX_DEPTH bounds the
# tree (a chain of 500 `and`s is as deep as 500 brackets); the evaluators recurse over it.
MAX_LENGTH = 10_000
MAX_NESTING = 40
MAX_DEPTH = 100
# The compiled backend runs a quantifier as a loop, and Python allows 20 nested blocks (a deeper
# expression would be a SyntaxError in generated code); the work also grows as the product of
# the lists. Rulebooks count the definitions an expression uses too (checker/corpus/nesting.py).
MAX_QUANTIFIERS = 10
_QUANTIFIERS = frozenset({"all_expr", "any_expr"})
# A rule's numbers are targets, limits and day counts: 30 digits is far beyond any of them, and
# the bound keeps every later step (date(), exact shares, formatting, Python's 4 300-digit
# int/str limit) away from numbers no rule means.
MAX_DIGITS = literals.MAX_DIGITS


@functools.cache
def _parser() -> Lark:
    """The LALR parser, built once on first use: building it (strict mode checks every terminal
    pair for collisions) takes most of a second, which commands that only evaluate rules from
    the load cache never need to pay."""
    return Lark.open(
        "grammar.lark",
        rel_to=__file__,
        parser="lalr",
        propagate_positions=True,
        maybe_placeholders=True,
        strict=True,
    )


def parse(text: str, origin: Origin | None = None) -> nodes.Expr:
    """Parse one expression; spans point into the rule file described by ``origin``.

    Example:
        >>> from vardval.dsl.parser import parse
        >>> parse("contacts.same_day / contacts.total >= 90%").op
        '>='
    """
    origin = origin or Origin()
    _check_bounds(text, origin)
    try:
        tree = _parser().parse(text)
    except UnexpectedInput as exc:
        raise RuleSyntaxError([diagnose(exc, text, origin, _parser().parse)]) from None
    _check_depth(tree, origin)
    _check_numbers(tree, origin)
    try:
        return ToAst(origin).transform(tree)
    except VisitError as exc:
        if isinstance(exc.orig_exc, VardvalError):
            raise exc.orig_exc from None
        raise


def _check_bounds(text: str, origin: Origin) -> None:
    if len(text) > MAX_LENGTH:
        start = len(text) - len(text.lstrip())
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        span = origin.span(line, column, line, column + 1)
        message = f"expression is {len(text)} characters long; the limit is {MAX_LENGTH}"
        hint = "split it into named definitions"
        raise RuleSyntaxError([Diagnostic("expression-too-long", message, span, hint)])
    depth, line, col = 0, 1, 0
    for char in text:
        col += 1
        if char == "\n":
            line, col = line + 1, 0
        depth += (char in "([") - (char in ")]")
        if depth > MAX_NESTING:
            span = origin.span(line, col, line, col + 1)
            message = f"brackets nest more than {MAX_NESTING} deep"
            hint = "split the expression into named definitions"
            raise RuleSyntaxError([Diagnostic("nesting-too-deep", message, span, hint)])


def _check_numbers(tree: Tree[Token], origin: Origin) -> None:
    """Refuse a number literal of more than MAX_DIGITS digits before anything converts it."""
    for tok in tree.scan_values(lambda v: isinstance(v, Token) and v.type in _NUMBERS):
        digits = sum(char.isdigit() for char in tok)
        if digits > MAX_DIGITS:
            message = f"this number has {digits} digits; a number has at most {MAX_DIGITS}"
            hint = "write the value the rule means, e.g. 90% or 10000"
            raise RuleSyntaxError([Diagnostic("number-out-of-range", message,
                                              token_span(tok, origin), hint)])


_NUMBERS = frozenset({"INT", "DECIMAL", "PERCENT"})


def _check_depth(tree: Tree[Token], origin: Origin) -> None:
    """Refuse a tree deeper than MAX_DEPTH, or with more than MAX_QUANTIFIERS quantifiers one
    inside another, found without recursion."""
    stack: list[tuple[Tree[Token] | Token, int, int]] = [(tree, 1, 0)]
    while stack:
        node, depth, quantifiers = stack.pop()
        if not isinstance(node, Tree):
            continue
        quantifiers += node.data in _QUANTIFIERS
        if depth > MAX_DEPTH or quantifiers > MAX_QUANTIFIERS:
            meta = node.meta
            span = origin.span(meta.line, meta.column, meta.line, meta.column + 1)
            message = (f"the expression nests more than {MAX_DEPTH} levels deep"
                       if depth > MAX_DEPTH else f"the expression nests {quantifiers} "
                       "quantifiers (all/any) one inside another; the limit is "
                       f"{MAX_QUANTIFIERS}")
            hint = ("split it into named definitions; a long chain of 'and' nests too"
                    if depth > MAX_DEPTH else "split the condition into separate rules")
            raise RuleSyntaxError([Diagnostic("nesting-too-deep", message, span, hint)])
        stack.extend((child, depth + 1, quantifiers) for child in node.children
                     if child is not None)


def token_span(tok: Token, origin: Origin) -> Span:
    """Span of a single lark token, for callers that hold tokens."""
    return origin.span(tok.line or 1, tok.column or 1, tok.end_line or 1, tok.end_column or 1)
