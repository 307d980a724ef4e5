"""Where a piece of rule text sits in its file, and how to show that place to a person."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A 1-based, end-inclusive-start/end-exclusive region of a file (line and column).

    Example:
        >>> str(Span("rules/a.yaml", 14, 9, 14, 18))
        'rules/a.yaml:14:9'
    """

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


def render_excerpt(source: str, span: Span) -> str:
    """The span's first source line with a caret underline, as compilers print it.

    Example:
        >>> print(render_excerpt("a: 1\\nb: x +\\n", Span("f", 2, 4, 2, 7)))
            2 | b: x +
              |    ^^^
    """
    lines = source.splitlines()
    if not 1 <= span.line <= len(lines):
        return ""
    text = lines[span.line - 1].expandtabs(1)
    start = max(span.column, 1)
    end = span.end_column if span.end_line == span.line else len(text) + 1
    width = max(1, min(end, len(text) + 1) - start)
    gutter = f"{span.line:>5} | "
    return f"{gutter}{text}\n{' ' * (len(gutter) - 2)}| {' ' * (start - 1)}{'^' * width}"
