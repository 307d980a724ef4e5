"""Message templates: text with ``{expression}`` or ``{expression:%}`` placeholders.

A placeholder is a DSL expression, checked like the rule itself, so a placeholder that names
nothing is a lint error rather than a blank in a finding. ``{{`` and ``}}`` are literal braces;
a lone ``{`` or ``}`` is an error. Formats: ``:%`` shows a number as a percentage, ``:date``
insists on a date. A percentage literal such as ``{90%}`` is shown as a percentage by default.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vardval.checker.corpus.models import Placeholder, Template
from vardval.checker.corpus.words import BookSaid, type_said
from vardval.dsl import nodes
from vardval.dsl import typesys as ts
from vardval.dsl.errors import Diagnostic, DslError
from vardval.dsl.spans import Origin
from vardval.dsl.typecheck import Environment, check

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
SPECS = {"%": ts.NUMBER, "date": ts.DATE}
_SPEC_WORD = re.compile(r"\s*[A-Za-z%]+\s*")


def split(text: str) -> list[tuple[int, str] | str]:
    """Literal text pieces and ``(offset, inner)`` placeholders, in order.

    A lone brace stays in the text; ``lone_braces`` finds it.

    Example:
        >>> from vardval.checker.corpus.messages import split
        >>> split("{a} av {b:%} {{x}}")
        [(1, 'a'), ' av ', (8, 'b:%'), ' {x}']
    """
    out: list[tuple[int, str] | str] = []
    literal, last = "", 0
    for match in _PLACEHOLDER.finditer(text):
        literal += text[last:match.start()]
        last = match.end()
        if match.group(1) is None:
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


def lone_braces(text: str) -> list[int]:
    """Offsets of ``{`` or ``}`` that neither open/close a placeholder nor are doubled.

    Example:
        >>> from vardval.checker.corpus.messages import lone_braces
        >>> lone_braces("{a} {{ok}} {b")
        [11]
    """
    return [m.start() for m in _PLACEHOLDER.finditer(text) if m.group(0) in ("{", "}")]


def compile_template(text: str, env: Environment, diagnostics: list[Diagnostic],
                     written: tuple[str, Origin]) -> Template:
    """Parse and check every placeholder; problems go to ``diagnostics``.

    ``written`` is the message as it stands in the file and where it starts (see
    ``locate.expression_source``); placeholders are located in it so that an error inside
    a folded, multi-line message still points at its own line and column.
    """
    source, origin = written
    diagnostics.extend(_lone_brace(source, offset, origin) for offset in lone_braces(source))
    pieces = split(text)
    spots = _spots(pieces, source)
    parts: list[str | Placeholder] = []
    for piece in pieces:
        if isinstance(piece, str):
            parts.append(piece)
            continue
        offset, inner = next(spots)
        where = origin if offset is None else origin.inner(source, offset)
        found = _placeholder(inner, where, env, diagnostics)
        if found is not None:
            parts.append(found)
    return Template(tuple(parts), text)


def _spots(pieces: list[tuple[int, str] | str],
           source: str) -> Iterator[tuple[int | None, str]]:
    """Each placeholder's offset and text in the written source (None: position unknown)."""
    wanted = [p for p in pieces if isinstance(p, tuple)]
    written = [p for p in split(source) if isinstance(p, tuple)]
    if len(written) == len(wanted):
        return iter(written)
    return iter([(None, inner) for _, inner in wanted])


def _lone_brace(source: str, offset: int, origin: Origin) -> Diagnostic:
    brace = source[offset]
    span = origin.inner(source, offset).span(1, 1, 1, 2)
    said = BookSaid("brace-open" if brace == "{" else "brace-close")
    return Diagnostic.worded("unbalanced-brace", said, span, BookSaid("hint-brace"))


def _strip_spec(inner: str) -> str:
    head, sep, tail = inner.rpartition(":")
    return head if sep and _is_spec(head, tail) else inner


def _is_spec(head: str, tail: str) -> bool:
    """Whether ``:tail`` is a format: one word, after something that is not a quantifier."""
    quantifier = head.split(maxsplit=1)[:1] in (["all"], ["any"])
    return bool(_SPEC_WORD.fullmatch(tail)) and not quantifier


def _placeholder(inner: str, origin: Origin, env: Environment,
                 diagnostics: list[Diagnostic]) -> Placeholder | None:
    source = _strip_spec(inner)
    spec = inner[len(source) + 1:].strip() if source != inner else ""
    if not source.strip():
        span = origin.span(1, 1, 1, 2)
        diagnostics.append(Diagnostic.worded("empty-placeholder", BookSaid("empty-placeholder"),
                                             span, BookSaid("hint-placeholder")))
        return None
    from vardval.dsl.parser import parse  # noqa: PLC0415 - Lark only when rules are read

    try:
        checked = check(parse(source, origin), env, role="placeholder")
    except DslError as exc:
        diagnostics.extend(exc.diagnostics)
        return None
    if not _spec_fits(spec, checked.type, origin, inner, diagnostics):
        return None
    spec = spec or _default_spec(checked.expr)
    return Placeholder(checked.expr, spec, " ".join(source.split()))


def _spec_fits(spec: str, found: ts.Type, origin: Origin, inner: str,
               diagnostics: list[Diagnostic]) -> bool:
    if not spec:
        return True
    colon = inner.rindex(":")
    span = origin.inner(inner, colon).span(1, 1, 1, 2 + len(spec))
    wanted = SPECS.get(spec)
    if wanted is None:
        diagnostics.append(Diagnostic.worded("unknown-format", BookSaid("unknown-format", (spec,)),
                                             span, BookSaid("hint-formats")))
        return False
    if found not in (wanted, ts.ERROR, ts.ANY):
        said = BookSaid("format-type", (spec, type_said(wanted), type_said(found)))
        diagnostics.append(Diagnostic.worded("wrong-type", said, span,
                                             BookSaid("hint-format-type")))
        return False
    return True


def _default_spec(expr: nodes.Expr) -> str:
    """A percentage literal reads as one: ``{90%}`` shows ``90 %``, not ``0,9``."""
    if isinstance(expr, nodes.Literal) and expr.kind == "percent":
        return "%"
    return ""


def placeholders(template: Template) -> list[nodes.Expr]:
    return [p.expr for p in template.parts if isinstance(p, Placeholder)]
