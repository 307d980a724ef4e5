"""Text -> AST. Builds the LALR parser once and turns Lark's errors into located, plain ones."""

from __future__ import annotations

from lark import Lark, Token, Tree, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken
from lark.exceptions import VisitError

from vardval.dsl import nodes
from vardval.dsl.errors import Diagnostic, RuleSyntaxError, VardvalError
from vardval.dsl.spans import Origin, Span
from vardval.dsl.transformer import ToAst

# Bounds that keep a hostile rule file from exhausting memory or the stack. MAX_DEPTH bounds the
# tree (a chain of 500 `and`s is as deep as 500 brackets); the evaluators recurse over it.
MAX_LENGTH = 10_000
MAX_NESTING = 40
MAX_DEPTH = 100

_PARSER = Lark.open(
    "grammar.lark",
    rel_to=__file__,
    parser="lalr",
    propagate_positions=True,
    maybe_placeholders=True,
    strict=True,
)

_TOKEN_WORDS = {
    "COMP_OP": "a comparison such as >=", "NAME": "a name", "INT": "a number",
    "DECIMAL": "a number", "PERCENT": "a percentage", "DATE": "a date", "QUARTER": "a quarter",
    "STRING": "a text in quotes", "LPAR": "'('", "RPAR": "')'", "LSQB": "'['", "RSQB": "']'",
    "COMMA": "','", "COLON": "':'", "DOT": "'.'", "PLUS": "'+'", "MINUS": "'-'", "STAR": "'*'",
    "SLASH": "'/'", "IF": "'if'", "THEN": "'then'", "ELSE": "'else'", "AND": "'and'",
    "OR": "'or'", "NOT": "'not'", "IN": "'in'", "TRUE": "'true'", "FALSE": "'false'",
    "ALL": "'all'", "ANY": "'any'", "$END": "the end of the expression",
}


def parse(text: str, origin: Origin | None = None) -> nodes.Expr:
    """Parse one expression; spans point into the rule file described by ``origin``.

    Example:
        >>> parse("contacts.same_day / contacts.total >= 90%").op
        '>='
    """
    origin = origin or Origin()
    _check_bounds(text, origin)
    try:
        tree = _PARSER.parse(text)
    except UnexpectedInput as exc:
        raise RuleSyntaxError([_diagnose(exc, text, origin)]) from None
    _check_depth(tree, origin)
    try:
        return ToAst(origin).transform(tree)
    except VisitError as exc:
        if isinstance(exc.orig_exc, VardvalError):
            raise exc.orig_exc from None
        raise


def _check_bounds(text: str, origin: Origin) -> None:
    if len(text) > MAX_LENGTH:
        span = origin.span(1, 1, 1, 2)
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


def _check_depth(tree: Tree[Token], origin: Origin) -> None:
    """Refuse a tree deeper than MAX_DEPTH, found without recursion."""
    stack: list[tuple[Tree[Token] | Token, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, Tree):
            continue
        if depth > MAX_DEPTH:
            meta = node.meta
            span = origin.span(meta.line, meta.column, meta.line, meta.column + 1)
            message = f"the expression nests more than {MAX_DEPTH} levels deep"
            hint = "split it into named definitions; a long chain of 'and' nests too"
            raise RuleSyntaxError([Diagnostic("nesting-too-deep", message, span, hint)])
        stack.extend((child, depth + 1) for child in node.children if child is not None)


def _diagnose(exc: UnexpectedInput, text: str, origin: Origin) -> Diagnostic:
    line, column = _position(exc, text)
    width = len(exc.token) if isinstance(exc, UnexpectedToken) and exc.token else 1
    span = origin.span(line, column, line, column + max(width, 1))
    known = _known_mistake(exc, text)
    if known is not None:
        return Diagnostic("syntax-error", known[0], span, known[1])
    return Diagnostic("syntax-error", _describe(exc), span, _expected(exc))


def _position(exc: UnexpectedInput, text: str) -> tuple[int, int]:
    if isinstance(exc, UnexpectedEOF) or getattr(exc, "line", -1) in (-1, None):
        lines = text.splitlines() or [""]
        return len(lines), len(lines[-1]) + 1
    return exc.line, exc.column


def _describe(exc: UnexpectedInput) -> str:
    if isinstance(exc, UnexpectedCharacters):
        return f"unexpected character '{exc.char}'"
    if isinstance(exc, UnexpectedToken) and exc.token.type != "$END":
        return f"unexpected '{exc.token}'"
    return "the expression ends too early"


def _expected(exc: UnexpectedInput) -> str | None:
    expected = getattr(exc, "expected", None) or getattr(exc, "allowed", None) or set()
    words = sorted({_TOKEN_WORDS.get(name, name.lower()) for name in expected})
    if not words:
        return None
    if len(words) > 6:  # noqa: PLR2004 - a long list helps nobody
        words = [*words[:6], "…"]
    return "expected " + ", ".join(words)


# Common mistakes, recognised by example (lark's match_examples), with a friendlier label.
_MISTAKES: dict[tuple[str, str], list[str]] = {
    ("'if' needs 'then' before its first branch", "write: if condition then a else b"): [
        "if x > 1 y", "if x y else z", "if x > 2025-01-01 1", "if x == y z", "if x 1",
        "if x > 1% y", "if x > 1.5 y", "if x.y > z.w 1", "if x and y z",
    ],
    ("'if … then' needs an 'else' branch", "every if has both branches: if c then a else b"): [
        "if x then y", "if x > 1 then y", "if x then y.z", "if x then 1", "if x then y + 1",
    ],
    ("'and' / 'or' needs an expression on both sides", "e.g. a > 1 and b < 2"): [
        "x and", "x or", "x and and y",
    ],
    ("comparisons cannot be chained", "write a <= b and b <= c"): ["a < b < c", "a <= b <= c"],
    ("a quantifier needs ':' before its condition", "e.g. all g in grounds: g != \"x\""): [
        "all x in xs x > 1", "any x in xs x",
    ],
    ("'&&', '||' and '!' are written 'and', 'or' and 'not'", "e.g. a and not b"): [
        "a && b", "a || b", "!a",
    ],
}


def _known_mistake(exc: UnexpectedInput, text: str) -> tuple[str, str] | None:
    del text
    try:
        label = exc.match_examples(_PARSER.parse, _MISTAKES, use_accepts=True)
    except Exception:  # noqa: BLE001 - a failed guess must not hide the real error
        return None
    return label if isinstance(label, tuple) else None


def token_span(tok: Token, origin: Origin) -> Span:
    """Span of a single lark token, for callers that hold tokens."""
    return origin.span(tok.line, tok.column, tok.end_line, tok.end_column)
