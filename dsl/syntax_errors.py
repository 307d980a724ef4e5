"""Lark's parse errors -> plain, located diagnostics; common mistakes get a name and a fix.

Two ways of recognising a mistake: the text before the error (an ``if`` still waiting for its
``then``, a quantifier without ``:``, ``&&``, a letter such as å in a name), which is robust,
and lark's ``match_examples`` against known-bad snippets for the rest (chained comparisons,
a dangling ``and``). Everything else gets "unexpected …" and what could have come instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

from vardval.dsl.diagnostic_words import Said, said_diagnostic
from vardval.dsl.errors import Diagnostic
from vardval.dsl.lark_parser import (
    Tree,
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
)
from vardval.dsl.spans import Origin

Mistake = tuple[Said, Said]
_STRING = re.compile(r"\"[^\"\\\n]*(\\.[^\"\\\n]*)*\"|'[^'\\\n]*(\\.[^'\\\n]*)*'")
_WORD = re.compile(r"[A-Za-z_]\w*")

MISSING_THEN = (Said("missing-then"), Said("hint-missing-then"))
MISSING_ELSE = (Said("missing-else"), Said("hint-missing-else"))
MISSING_COLON = (Said("missing-colon"), Said("hint-missing-colon"))
C_OPERATOR = (Said("c-operator"), Said("hint-c-operator"))
NAME_LETTER = (Said("name-letter"), Said("hint-name-letter"))
OPEN_TEXT = (Said("open-text"), Said("hint-open-text"))
ARROW = (Said("arrow"), Said("hint-arrow"))
NOT_EQUAL = (Said("not-equal"), Said("hint-not-equal"))

# Recognised by example (lark's match_examples).
_EXAMPLES: dict[Mistake, list[str]] = {
    (Said("dangling-and"), Said("hint-dangling-and")): [
        "x and", "x or", "x and and y", "x or or y", "x and or y",
    ],
    (Said("chained-comparison"), Said("hint-chained-comparison")): [
        "a < b < c", "a <= b <= c", "0 < a.b <= c.d", "a == b == c",
    ],
}

_VALUES = {"INT", "DECIMAL", "PERCENT", "DATE", "QUARTER", "STRING", "NAME", "TRUE", "FALSE",
           "LSQB", "LPAR", "IF", "ALL", "ANY"}
_OPERATORS = {"PLUS", "STAR", "SLASH", "COMP_OP", "IN", "AND", "OR", "DOT"}
_OTHERS: dict[str, str | Said] = {
    "RPAR": "')'", "RSQB": "']'", "COMMA": "','", "THEN": "'then'", "ELSE": "'else'",
    "COLON": "':'", "IN": "'in'", "$END": Said("part-end")}


def diagnose(exc: UnexpectedInput, text: str, origin: Origin,
             parse: Callable[[str], object]) -> Diagnostic:
    """The diagnostic for a parse error of ``text``."""
    line, column = _position(exc, text)
    token = exc.token if isinstance(exc, UnexpectedToken) else None
    width = len(token) if token is not None and token.type != "$END" else 1
    span = origin.span(line, column, line, column + max(width, 1))
    known = _by_text(exc, text) or _by_example(exc, parse)
    if known is not None:
        return said_diagnostic("syntax-error", known[0], span, known[1])
    return said_diagnostic("syntax-error", _describe(exc), span, expected_said(exc))


def _position(exc: UnexpectedInput, text: str) -> tuple[int, int]:
    if _token(exc) == "$END" or getattr(exc, "line", -1) in (-1, None):
        lines = text.splitlines() or [""]
        return len(lines), len(lines[-1]) + 1
    return exc.line, exc.column


def _offset(exc: UnexpectedInput, text: str) -> int:
    if isinstance(exc, UnexpectedCharacters):
        return exc.pos_in_stream or 0
    if isinstance(exc, UnexpectedToken) and exc.token.type != "$END":
        return exc.token.start_pos or 0
    return len(text)


def _by_text(exc: UnexpectedInput, text: str) -> Mistake | None:
    at = _offset(exc, text)
    if isinstance(exc, UnexpectedCharacters):
        return _lexical(text, at)
    head = _STRING.sub(lambda m: '""' + " " * (len(m.group(0)) - 2), text[:at])
    words = _WORD.findall(head)
    if text[at - 1: at + 1] in ("=>", "=<") or text[at - 1: at + 1] == "<>":
        return NOT_EQUAL if text[at - 1: at + 1] == "<>" else ARROW
    if words.count("if") > words.count("then") and _token(exc) != "THEN":
        return MISSING_THEN
    if words.count("then") > words.count("else") and _token(exc) in ("$END", "RPAR", "COMMA"):
        return MISSING_ELSE
    if re.search(r"\b(all|any)\s+\w+\s+in\b[^:]*$", head) and _token(exc) != "COLON":
        return MISSING_COLON
    return _unclosed(head) if _token(exc) == "$END" else None


def _unclosed(head: str) -> Mistake | None:
    """The innermost bracket still open at the end of the text."""
    stack = []
    for char in head:
        if char in "([":
            stack.append(char)
        elif char in ")]" and stack:
            stack.pop()
    if not stack:
        return None
    close = ")" if stack[-1] == "(" else "]"
    return Said("never-closed", (stack[-1],)), Said("hint-close", (close,))


def _lexical(text: str, at: int) -> Mistake | None:
    char, pair = text[at], text[at: at + 2]
    if pair in ("&&", "||") or char == "&" or (char == "!" and pair != "!="):
        return C_OPERATOR
    if char.isalpha() and not char.isascii():
        return NAME_LETTER
    if char in "\"'":
        return OPEN_TEXT
    return None


def _token(exc: UnexpectedInput) -> str:
    if isinstance(exc, UnexpectedToken):
        return str(exc.token.type)
    return "$END" if isinstance(exc, UnexpectedEOF) else ""


def _by_example(exc: UnexpectedInput, parse: Callable[[str], object]) -> Mistake | None:
    try:
        label = exc.match_examples(cast("Callable[[str], Tree[Any]]", parse),
                                   cast("dict[Any, list[str]]", _EXAMPLES), use_accepts=True)
    except Exception:  # noqa: BLE001 - a failed guess must not hide the real error
        return None
    return label if isinstance(label, tuple) else None


def _describe(exc: UnexpectedInput) -> Said:
    if isinstance(exc, UnexpectedCharacters):
        return Said("unexpected-character", (str(exc.char),))
    if isinstance(exc, UnexpectedToken) and exc.token.type != "$END":
        return Said("unexpected-token", (str(exc.token),))
    return Said("ends-early")


def expected(exc: UnexpectedInput) -> str | None:
    """What could have come instead, in English words (``expected_said``'s).

    Example:
        >>> from vardval.dsl.lark_parser import Token, UnexpectedToken
        >>> from vardval.dsl.syntax_errors import expected
        >>> expected(UnexpectedToken(Token("$END", ""), {"INT", "NAME", "LPAR", "DATE"}))
        "expected a value such as a number, a date, a field or '('"
    """
    said = expected_said(exc)
    return None if said is None else said.words("en")


def expected_said(exc: UnexpectedInput) -> Said | None:
    """What could have come instead, in each language: values, operators, or the closers.

    Example:
        >>> from vardval.dsl.lark_parser import Token, UnexpectedToken
        >>> expected_said(UnexpectedToken(Token("$END", ""), {"RPAR", "COMMA"})).words("sv")
        "här väntades ')' eller ','"
    """
    names = set(getattr(exc, "expected", None) or getattr(exc, "allowed", None) or ())
    values, operators = len(names & _VALUES) >= 3, len(names & _OPERATORS) >= 3
    words: list[str | Said] = [Said("part-value")] if values else []
    if "NAME" in names and not values:
        words.append(Said("part-name"))
    if operators:
        # LALR look-aheads also hold closers that only fit an enclosing expression; after a
        # complete value, "an operator or the end" is what helps.
        words.append(Said("part-operator"))
        names &= {"$END"}
    words += [word for name, word in _OTHERS.items() if name in names]
    return Said("hint-expected", (_either(words),)) if words else None


def _either(words: list[str | Said]) -> str | Said:
    """``a, b, c or d`` in each language."""
    if len(words) == 1:
        return words[0]
    listed = words[0]
    for word in words[1:-1]:
        listed = Said("part-also", (listed, word))
    return Said("part-either", (listed, words[-1]))
