"""The sources and parameters rulebooks are checked against, with the editor's unsaved edits.

A rulebook is checked against its corpus's ``sources.yaml`` and ``parameters/``; when one of
those is open with changes, the context is read from a private copy holding the buffer, so the
rulebooks that depend on it are checked against what the author sees.
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from vardval.checker.authoring import corpus_context
from vardval.checker.corpus import LoadContext, load_context
from vardval.checker.parameters import ParameterSet
from vardval.dsl.errors import Diagnostic, VardvalError
from vardval.dsl.spans import Span


@dataclass(frozen=True)
class Context:
    """A corpus's context, or the diagnostics that kept it from loading."""

    corpus: Path
    loaded: tuple[LoadContext, ParameterSet] | None
    problems: tuple[Diagnostic, ...]


def context_files(corpus: Path) -> list[Path]:
    """The files a corpus's context is read from."""
    return [corpus / "sources.yaml", *sorted((corpus / "parameters").glob("*.yaml"))]


def context_for(corpus: Path, buffers: Mapping[Path, str]) -> Context:
    """The context of ``corpus`` with the open buffers among its files in place of the disk."""
    corpus = corpus.resolve()
    edited = tuple(sorted((str(p), t) for p, t in buffers.items()
                          if p in context_files(corpus) and differs(p, t)))
    if not edited:
        try:
            return Context(corpus, corpus_context(corpus), ())
        except VardvalError as exc:
            return Context(corpus, None, tuple(exc.diagnostics))
    return _overlaid(corpus, edited)


def differs(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") != text
    except (OSError, UnicodeDecodeError):
        return True


@functools.lru_cache(maxsize=4)
def _overlaid(corpus: Path, edited: tuple[tuple[str, str], ...]) -> Context:
    buffers = dict(edited)
    with tempfile.TemporaryDirectory(prefix="vardval-lsp-") as scratch:
        copy = Path(scratch)
        (copy / "parameters").mkdir()
        for path in context_files(corpus):
            text = buffers.get(str(path))
            if text is None:
                text = path.read_text(encoding="utf-8")
            (copy / path.relative_to(corpus)).write_text(text, encoding="utf-8")
        try:
            return Context(corpus, load_context(copy), ())
        except VardvalError as exc:
            return Context(corpus, None, tuple(_moved(d, copy, corpus) for d in exc.diagnostics))


def _moved(d: Diagnostic, copy: Path, corpus: Path) -> Diagnostic:
    """A diagnostic of the private copy, placed in the author's own file."""
    if d.span is None or not d.span.file.startswith(str(copy)):
        return d
    file = str(corpus) + d.span.file[len(str(copy)):]
    span = Span(file, d.span.line, d.span.column, d.span.end_line, d.span.end_column)
    return replace(d, span=span)  # its words in every language kept
