"""Message templates: text with ``{expression}`` or ``{expression:%}`` placeholders.

A placeholder is a DSL expression, checked like the rule itself, so a placeholder that names
nothing is a lint error rather than a blank in a finding. ``{{`` and ``}}`` are literal braces.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from vardval.checker.models import Placeholder, Template
from vardval.dsl import nodes
from vardval.dsl.errors import Diagnostic, DslError
from vardval.dsl.parser import parse
from vardval.dsl.spans import Origin
from vardval.dsl.typecheck import Environment, check

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
SPECS = ("", "%", "date")


def split(text: str) -> list[tuple[int, str] | str]:
    """Literal text pieces and ``(offset, inner)`` placeholders, in order.

    Example:
        >>> split("{a} av {b:%} {{x}}")
        [(1, 'a'), ' av ', (8, 'b:%'), ' {x}']
    """
    out: list[tuple[int, str] | str] = []
    literal, last = "", 0
    for match in _PLACEHOLDER.finditer(text):
        literal += text[last:match.start()]
        last = match.end()
        if match.group(0) in ("{{", "}}"):
            literal += match.group(0)[0]
            continue
        if literal:
            out.append(literal)
            literal = ""
        out.append((match.start() + 1, match.group(1)))
    literal += text[last:]
    if literal:
        out.append(literal)
    return out


def compile_template(text: str, env: Environment, where: Callable[[int, str], Origin],
                     diagnostics: list[Diagnostic]) -> Template:
    """Parse and check every placeholder; problems go to ``diagnostics``."""
    parts: list[str | Placeholder] = []
    for piece in split(text):
        if isinstance(piece, str):
            parts.append(piece)
            continue
        offset, inner = piece
        placeholder = _placeholder(inner, where(offset, inner), env, diagnostics)
        if placeholder is not None:
            parts.append(placeholder)
    return Template(tuple(parts), text)


def _placeholder(inner: str, origin: Origin, env: Environment,
                 diagnostics: list[Diagnostic]) -> Placeholder | None:
    source, spec = inner, ""
    head, sep, tail = inner.rpartition(":")
    if sep and tail.strip() in SPECS[1:]:
        source, spec = head, tail.strip()
    if not source.strip():
        span = origin.span(1, 1, 1, 2)
        diagnostics.append(Diagnostic("empty-placeholder", "empty placeholder '{}' in message",
                                      span, "name a field, definition or param(...) inside"))
        return None
    try:
        checked = check(parse(source, origin), env, role="placeholder")
    except DslError as exc:
        diagnostics.extend(exc.diagnostics)
        return None
    return Placeholder(checked.expr, spec, source.strip())


def placeholders(template: Template) -> list[nodes.Expr]:
    return [p.expr for p in template.parts if isinstance(p, Placeholder)]
