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
    """The DSL text of a scalar and where it starts, so DSL spans are file positions.

    The text is the scalar as written in the file (block scalars without their header line,
    quoted ones without their quotes): YAML folding changes only whitespace, which the DSL
    ignores, so it means the same as ``value``. Where the written text means something else
    (escapes such as ``\\"`` or ``''``, an alias), ``value`` is used, placed at the scalar's start.

    Example:
        >>> from vardval.checker.strict_yaml import load_yaml
        >>> text = "require: >-\\n  a > 1\\n  and b\\n"
        >>> loaded = load_yaml(text, "r.yaml")
        >>> mark, value = loaded.marks[("require",)], loaded.data["require"]
        >>> expression_source(text.splitlines(), mark, value, "r.yaml")
        ('  a > 1\\n  and b', Origin(file='r.yaml', line=2, column=1))
    """
    written = _written(lines, mark, filename)
    if written is not None and written[0].split() == value.split():
        return written
    shift = 1 if mark.style in _QUOTES else 0
    return value, Origin(filename, mark.line, mark.column + shift)


_QUOTES = ("'", '"')


def _written(lines: Sequence[str], mark: Mark, filename: str) -> tuple[str, Origin] | None:
    """The scalar's text as it stands in the file, or None when the marks do not fit it."""
    if mark.line > len(lines) or mark.end_line > len(lines) + 1:
        return None
    if mark.style in ("|", ">"):
        last = mark.end_line if mark.end_column > 1 else mark.end_line - 1
        return "\n".join(lines[mark.line: last]), Origin(filename, mark.line + 1, 1)
    if mark.end_line == mark.line:
        text = lines[mark.line - 1][mark.column - 1: mark.end_column - 1]
    else:
        first = lines[mark.line - 1][mark.column - 1:]
        tail = lines[mark.end_line - 1][: mark.end_column - 1]
        text = "\n".join([first, *lines[mark.line: mark.end_line - 1], tail])
    if mark.style in _QUOTES:
        if len(text) < 2 or text[0] != mark.style or text[-1] != mark.style:  # noqa: PLR2004
            return None
        return text[1:-1], Origin(filename, mark.line, mark.column + 1)
    return text, Origin(filename, mark.line, mark.column)


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
