"""Text -> AST. Builds the LALR parser once and turns Lark's errors into located, plain ones."""

from __future__ import annotations

from lark import Lark, Token, Tree, UnexpectedInput
from lark.exceptions import VisitError
from vardval.dsl import grammar_cache, literals, nodes
from vardval.dsl.diagnostic_words import Said, said_diagnostic
from vardval.dsl.errors import RuleSyntaxError, VardvalError
from vardval.dsl.spans import Origin, Span
from vardval.dsl.syntax_errors import diagnose
from vardval.dsl.transformer import ToAst

# Bounds that keep a hostile rule file from exhausting memory or the stack. MAX_DEPTH bounds the
# tree (a chain of 500 `and`s is as deep as 500 brackets); the evaluators recurse over it.
MAX_LENGTH = 10_000
MAX_NESTING = 40
MAX_DEPTH = 100
MAX_QUANTIFIERS = literals.MAX_QUANTIFIERS
_QUANTIFIERS = frozenset({"all_expr", "any_expr"})
# A rule's numbers are targets, limits and day counts: 30 digits is far beyond any of them, and
# the bound keeps every later step (date(), exact shares, formatting, Python's 4 300-digit
# int/str limit) away from numbers no rule means.
MAX_DIGITS = literals.MAX_DIGITS


def _parser() -> Lark:
    """The LALR parser, built (or loaded) on first use: commands that only evaluate rules from
    the load cache never pay for it (``grammar_cache``)."""
    return grammar_cache.parser()


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
        raise RuleSyntaxError([said_diagnostic(
            "expression-too-long", Said("expression-too-long", (len(text), MAX_LENGTH)),
            span, Said("hint-split-it"))])
    depth, line, col = 0, 1, 0
    for char in text:
        col += 1
        if char == "\n":
            line, col = line + 1, 0
        depth += (char in "([") - (char in ")]")
        if depth > MAX_NESTING:
            span = origin.span(line, col, line, col + 1)
            raise RuleSyntaxError([said_diagnostic(
                "nesting-too-deep", Said("brackets-too-deep", (MAX_NESTING,)), span,
                Said("hint-split-expression"))])


def _check_numbers(tree: Tree[Token], origin: Origin) -> None:
    """Refuse a number literal of more than MAX_DIGITS digits before anything converts it."""
    for tok in tree.scan_values(lambda v: isinstance(v, Token) and v.type in _NUMBERS):
        digits = sum(char.isdigit() for char in tok)
        if digits > MAX_DIGITS:
            raise RuleSyntaxError([said_diagnostic(
                "number-out-of-range", Said("too-many-digits", (digits, MAX_DIGITS)),
                token_span(tok, origin), Said("hint-number-meant"))])


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
            message = (Said("tree-too-deep", (MAX_DEPTH,)) if depth > MAX_DEPTH
                       else Said("too-many-quantifiers", (quantifiers, MAX_QUANTIFIERS)))
            hint = Said("hint-split-chain" if depth > MAX_DEPTH else "hint-split-rules")
            raise RuleSyntaxError([said_diagnostic("nesting-too-deep", message, span, hint)])
        stack.extend((child, depth + 1, quantifiers) for child in node.children
                     if child is not None)


def token_span(tok: Token, origin: Origin) -> Span:
    """Span of a single lark token, for callers that hold tokens."""
    return origin.span(tok.line or 1, tok.column or 1, tok.end_line or 1, tok.end_column or 1)
