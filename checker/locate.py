"""From a path inside a loaded YAML file to a Span, and from a scalar to DSL text + Origin.

Expressions and message placeholders live inside YAML scalars; authors must see errors at the
file's own line and column, also for block scalars (``|`` and ``>``), so the DSL gets the raw
text of the scalar with its true starting position.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from vardval.dsl.errors import Diagnostic
from vardval.dsl.spans import Origin, Span

PathKey = tuple[str | int, ...]


class Mark(Protocol):
    line: int
    column: int
    end_line: int
    end_column: int
    style: str | None


class Loaded(Protocol):
    data: Any
    marks: dict[PathKey, Any]
    key_marks: dict[PathKey, Any]


def span_at(loaded: Loaded, path: PathKey, filename: str, *, key: bool = False) -> Span:
    """The span of the node at ``path`` (or of its key), falling back to the nearest parent."""
    table = loaded.key_marks if key else loaded.marks
    probe = tuple(path)
    while probe not in table and probe:
        probe = probe[:-1]
        table = loaded.marks
    mark = table.get(probe)
    if mark is None:
        return Span(filename, 1, 1, 1, 2)
    return Span(filename, mark.line, mark.column, mark.end_line, mark.end_column)


def expression_source(lines: Sequence[str], mark: Mark, value: str,
                      filename: str) -> tuple[str, Origin]:
    """The DSL text of a scalar and where it starts, so DSL spans are file positions."""
    if mark.style in ("|", ">"):
        last = mark.end_line if mark.end_column > 1 else mark.end_line - 1
        body = "\n".join(lines[mark.line: last])
        return body, Origin(filename, mark.line + 1, 1)
    if mark.style is None and mark.end_line > mark.line:
        first = lines[mark.line - 1][mark.column - 1:]
        rest = lines[mark.line: mark.end_line - 1]
        tail = lines[mark.end_line - 1][: mark.end_column - 1]
        return "\n".join([first, *rest, tail]), Origin(filename, mark.line, mark.column)
    offset = 0 if mark.style is None else 1
    return value, Origin(filename, mark.line, mark.column + offset)


def placeholder_origin(lines: Sequence[str], mark: Mark, offset: int, needle: str,
                       filename: str) -> Origin:
    """Where a ``{…}`` placeholder's expression starts inside a message scalar."""
    if mark.end_line == mark.line and mark.style not in ("|", ">"):
        shift = 0 if mark.style is None else 1
        return Origin(filename, mark.line, mark.column + shift + offset)
    for number in range(mark.line, min(mark.end_line, len(lines)) + 1):
        found = lines[number - 1].find(needle)
        if found >= 0:
            return Origin(filename, number, found + 1)
    return Origin(filename, mark.line, mark.column)


def pydantic_diagnostics(errors: list[dict[str, Any]], loaded: Loaded,
                         filename: str) -> list[Diagnostic]:
    """Translate pydantic's errors into located diagnostics in house style."""
    out = []
    for error in errors:
        path = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p))
        where = ".".join(str(p) for p in path) or "the file"
        kind = error["type"]
        if kind == "extra_forbidden":
            span = span_at(loaded, path, filename, key=True)
            message = f"unknown key '{path[-1]}' in {'.'.join(map(str, path[:-1])) or 'the file'}"
            out.append(Diagnostic("unknown-key", message, span, _allowed_hint(error)))
            continue
        if kind == "missing":
            span = span_at(loaded, path[:-1], filename)
            out.append(Diagnostic("missing-key", f"missing required key '{path[-1]}'", span,
                                  None))
            continue
        span = span_at(loaded, path, filename)
        message = error["msg"].removeprefix("Value error, ")
        out.append(Diagnostic("invalid-value", f"{where}: {message}", span, None))
    return out


def _allowed_hint(error: dict[str, Any]) -> str | None:
    del error
    return "check the spelling against docs/writing-rules.md"
