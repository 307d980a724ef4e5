"""What the editor features know around one document: its YAML, its corpus, its definitions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vardval.checker.corpus import LoadContext, Rulebook
from vardval.checker.lsp.context import context_for
from vardval.checker.lsp.files import Kind, corpus_of, kind_of
from vardval.checker.lsp.positions import word_at
from vardval.checker.parameters import ParameterSet
from vardval.checker.reading import LoadedYaml, load_yaml
from vardval.dsl.errors import VardvalError

PathKey = tuple[str | int, ...]
# The keys whose text is an expression, and those whose text holds {placeholders}.
EXPRESSION_KEYS = frozenset({"when", "require"})
MESSAGE_KEYS = frozenset({"sv", "en"})


@dataclass(frozen=True)
class World:
    """One document with what it is checked against; ``book`` is its last rulebook that
    loaded (kept while the author's text is broken, so hover and completion go on)."""

    path: Path
    text: str
    kind: Kind
    corpus: Path
    context: LoadContext | None
    parameters: ParameterSet | None
    loaded: LoadedYaml | None
    book: Rulebook | None

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def word_under(self, line: int, character: int) -> tuple[str, str]:
        """The word under a 0-based position, and its line's text before the word."""
        text = self.lines[line] if line < len(self.lines) else ""
        word, start, _ = word_at(text, character)
        return word, text[:start]

    def definitions(self) -> dict[str, str]:
        """The definitions' texts, from the buffer when it reads, else from the last book."""
        data = self.loaded.data if self.loaded is not None else None
        raw = data.get("definitions") if isinstance(data, dict) else None
        if isinstance(raw, dict):
            return {str(k): str(v) for k, v in raw.items()}
        return dict(self.book.definition_texts) if self.book is not None else {}

    def region(self) -> str | None:
        data = self.loaded.data if self.loaded is not None else None
        scope = data.get("scope") if isinstance(data, dict) else None
        region = scope.get("region") if isinstance(scope, dict) else None
        return region if isinstance(region, str) and region != "all" else None

    def node_at(self, line: int, character: int) -> tuple[PathKey, Any] | None:
        """The innermost scalar under a 0-based position: its YAML path and its value."""
        if self.loaded is None:
            return None
        where = (line + 1, character + 1)
        best: tuple[PathKey, Any] | None = None
        for path, mark in self.loaded.marks.items():
            if (mark.line, mark.column) <= where <= (mark.end_line, mark.end_column) and (
                    best is None or len(path) > len(best[0])):
                best = (path, mark)
        if best is None:
            return None
        return best[0], _value(self.loaded.data, best[0])


def _value(data: Any, path: PathKey) -> Any:
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def is_expression(path: PathKey) -> bool:
    """Whether the scalar at ``path`` is DSL text (``when``, ``require``, a definition)."""
    if len(path) == 2 and path[0] == "definitions":
        return True
    return bool(path) and path[-1] in EXPRESSION_KEYS


def is_message(path: PathKey) -> bool:
    return len(path) >= 2 and path[-2] == "message" and path[-1] in MESSAGE_KEYS


def is_citation(path: PathKey) -> bool:
    return len(path) >= 2 and path[-2] == "cite"


def world_of(path: Path, text: str, buffers: Mapping[Path, str],
             book: Rulebook | None) -> World:
    kind = kind_of(path, text)
    corpus = corpus_of(path)
    context = context_for(corpus, buffers)
    ctx, parameters = context.loaded if context.loaded is not None else (None, None)
    try:
        loaded: LoadedYaml | None = load_yaml(text, str(path))
    except VardvalError:
        loaded = None
    return World(path, text, kind, corpus, ctx, parameters, loaded, book)
