"""Between vardval's spans (1-based, in characters) and LSP positions (0-based)."""

from __future__ import annotations

from lsprotocol import types
from vardval.dsl.spans import Span


def to_range(span: Span | None) -> types.Range:
    """The LSP range of a span; a diagnostic without a place sits at the file's start.

    Columns count characters; the LSP default counts UTF-16 units, which is the same for
    every character of Swedish and of the DSL (all in the Basic Multilingual Plane).
    """
    if span is None:
        return types.Range(types.Position(0, 0), types.Position(0, 1))
    start = types.Position(span.line - 1, max(span.column - 1, 0))
    end = types.Position(span.end_line - 1, max(span.end_column - 1, 0))
    if (end.line, end.character) <= (start.line, start.character):
        end = types.Position(start.line, start.character + 1)
    return types.Range(start, end)


def word_at(line: str, character: int, extra: str = "") -> tuple[str, int, int]:
    """The dotted name (``accessibility.contacts.total``) around a cursor, and its columns.

    Example:
        >>> word_at("require: a.b > 1", 11)
        ('a.b', 9, 12)
    """
    allowed = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_." + extra)
    start = character
    while start > 0 and line[start - 1] in allowed:
        start -= 1
    end = character
    while end < len(line) and line[end] in allowed:
        end += 1
    return line[start:end].strip("."), start, end
