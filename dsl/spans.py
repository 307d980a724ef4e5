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
    text = _visible(lines[span.line - 1].expandtabs(1))
    start = max(span.column, 1)
    end = span.end_column if span.end_line == span.line else len(text) + 1
    width = max(1, min(end, len(text) + 1) - start)
    gutter = f"{span.line:>5} | "
    return f"{gutter}{text}\n{' ' * (len(gutter) - 2)}| {' ' * (start - 1)}{'^' * width}"


def _visible(line: str) -> str:
    """Control characters (a NUL, an escape) as '�', so an excerpt cannot upset a terminal."""
    return "".join("\ufffd" if ord(c) < 32 or 127 <= ord(c) < 160 else c for c in line)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an expression's text starts in its file, so spans point into the file itself.

    The first line of the expression starts at ``(line, column)`` of the file; each further
    line is taken verbatim from the file (column 1 is the file's column 1). Rule loaders pass the
    raw text of block scalars with the indicator blanked out, so this holds for them too.

    Example:
        >>> Origin("r.yaml", 10, 14).span(1, 3, 1, 5)
        Span(file='r.yaml', line=10, column=16, end_line=10, end_column=18)
    """

    file: str = "<expression>"
    line: int = 1
    column: int = 1

    def position(self, line: int, column: int) -> tuple[int, int]:
        if line == 1:
            return self.line, self.column + column - 1
        return self.line + line - 1, column

    def inner(self, text: str, offset: int) -> Origin:
        """The origin of ``text[offset:]``, where ``text`` is the text this origin places.

        Example:
            >>> from vardval.dsl.spans import Origin
            >>> Origin("r.yaml", 10, 14).inner("ab {x}", 4)
            Origin(file='r.yaml', line=10, column=18)
            >>> Origin("r.yaml", 10, 14).inner("ab\\n  {x}", 6)
            Origin(file='r.yaml', line=11, column=4)
        """
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return Origin(self.file, *self.position(line, column))

    def span(self, line: int, column: int, end_line: int, end_column: int) -> Span:
        start = self.position(line, column)
        end = self.position(end_line, end_column)
        return Span(self.file, start[0], start[1], end[0], end[1])
