"""Text -> AST. Builds the LALR parser once and turns Lark's errors into located, plain ones."""

from __future__ import annotations

import functools
import threading
from typing import cast

from vardval.dsl import lark_parser, literals, nodes, transformer, walk
from vardval.dsl.diagnostic_words import Said, said_diagnostic
from vardval.dsl.errors import RuleSyntaxError
from vardval.dsl.lark_parser import Lark, Token, UnexpectedInput
from vardval.dsl.spans import Origin, Span
from vardval.dsl.syntax_errors import diagnose
from vardval.dsl.transformer import Arguments, ToAst

# Bounds that keep a hostile rule file from exhausting memory or the stack. MAX_DEPTH bounds the
# tree (a chain of 500 `and`s is as deep as 500 brackets); the evaluators recurse over it.
MAX_LENGTH = 10_000
MAX_NESTING = 40
MAX_DEPTH = 100
MAX_QUANTIFIERS = literals.MAX_QUANTIFIERS
# A rule's numbers are targets, limits and day counts: 30 digits is far beyond any of them, and
# the bound keeps every later step (date(), exact shares, formatting, Python's 4 300-digit
# int/str limit) away from numbers no rule means.
MAX_DIGITS = literals.MAX_DIGITS


@functools.cache
def _parser() -> Lark:
    """The LALR parser, made on first use with a transformer of its own that builds the AST as
    it reduces (commands that only evaluate rules from the load cache never import this
    module, nor the parser: ``lark_parser``)."""
    parser: Lark = lark_parser.load(transformer=ToAst())
    return parser


# The parser's transformer holds the state of one parse (``transformer.begin``).
_ONE_AT_A_TIME = threading.Lock()


def parse(text: str, origin: Origin | None = None) -> nodes.Expr:
    """Parse one expression; spans point into the rule file described by ``origin``.

    Errors come in the order the stages found them when the tree was built first: a syntax
    error, then a tree too deep, then the first number of too many digits, then the first
    literal that cannot be read.

    Example:
        >>> from vardval.dsl.parser import parse
        >>> parse("contacts.same_day / contacts.total >= 90%").op
        '>='
    """
    origin = origin or Origin()
    _check_bounds(text, origin)
    lark = _parser()
    builder = lark.options.transformer
    assert isinstance(builder, ToAst)  # _parser makes the parser with one
    with _ONE_AT_A_TIME:
        transformer.begin(builder, origin)
        try:
            return _parsed(lark, builder, text, origin)
        finally:
            transformer.begin(builder, Origin())  # keep no node of this parse alive


def _parsed(lark: Lark, builder: ToAst, text: str, origin: Origin) -> nodes.Expr:
    try:
        expr = cast("nodes.Expr", lark.parse(text))
    except UnexpectedInput as exc:
        raise RuleSyntaxError([diagnose(exc, text, origin, lark.parse)]) from None
    _check_depth(expr, text, origin, builder.argument_starts)
    found = builder.too_long or builder.unreadable
    if found is not None:
        raise RuleSyntaxError([found])
    return expr


def _check_bounds(text: str, origin: Origin) -> None:
    if len(text) > MAX_LENGTH:
        start = len(text) - len(text.lstrip())
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        span = origin.span(line, column, line, column + 1)
        raise RuleSyntaxError([said_diagnostic(
            "expression-too-long", Said("expression-too-long", (len(text), MAX_LENGTH)),
            span, Said("hint-split-it"))])
    if text.count("(") + text.count("[") <= MAX_NESTING:
        return  # brackets cannot nest deeper than there are brackets
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


# A level of the parse tree: a node, or the arguments of a call or list.
Level = nodes.Expr | Arguments


def _check_depth(expr: nodes.Expr, text: str, origin: Origin,
                 argument_starts: dict[int, tuple[int, int]]) -> None:
    """Refuse a tree deeper than MAX_DEPTH, or with more than MAX_QUANTIFIERS quantifiers one
    inside another, found without recursion.

    Depth is counted as in the parse tree (an argument list is a level of its own) and the
    first node too deep is the one the tree's walk met first. Every level holds a token of
    its own (an argument list has its call's two brackets), so a text of at most MAX_DEPTH
    characters, with at most MAX_QUANTIFIERS words all/any, is never too deep: no walk.
    """
    words = text.count("all") + text.count("any")
    if len(text) <= MAX_DEPTH and words <= MAX_QUANTIFIERS:
        return
    stack: list[tuple[Level, int, int]] = [(expr, 1, 0)]
    while stack:
        node, depth, quantifiers = stack.pop()
        quantifiers += isinstance(node, nodes.Quantifier)
        if depth > MAX_DEPTH or quantifiers > MAX_QUANTIFIERS:
            line, column = ((node.line, node.column) if isinstance(node, Arguments)
                            else (node.span.line, node.span.column))
            span = Span(origin.file, line, column, line, column + 1)
            message = (Said("tree-too-deep", (MAX_DEPTH,)) if depth > MAX_DEPTH
                       else Said("too-many-quantifiers", (quantifiers, MAX_QUANTIFIERS)))
            hint = Said("hint-split-chain" if depth > MAX_DEPTH else "hint-split-rules")
            raise RuleSyntaxError([said_diagnostic("nesting-too-deep", message, span, hint)])
        stack.extend((child, depth + 1, quantifiers)
                     for child in _below(node, argument_starts))


def _below(node: Level, argument_starts: dict[int, tuple[int, int]]) -> tuple[Level, ...]:
    """The levels right below ``node`` in the parse tree, left to right."""
    if isinstance(node, Arguments):
        return node.items
    if isinstance(node, nodes.Call | nodes.ListExpr):
        items = node.args if isinstance(node, nodes.Call) else node.items
        return (Arguments(items, *argument_starts[id(node)]),) if items else ()
    return tuple(walk.children(node))


def token_span(tok: Token, origin: Origin) -> Span:
    """Span of a single lark token, for callers that hold tokens."""
    return origin.span(tok.line or 1, tok.column or 1, tok.end_line or 1, tok.end_column or 1)
