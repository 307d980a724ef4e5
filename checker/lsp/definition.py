"""Go to definition: a definition's key in the rulebook, a parameter's entry in its file, a
source's entry in ``sources.yaml``."""

from __future__ import annotations

import re
from pathlib import Path

from vardval.checker.lsp.world import World, is_citation
from vardval.checker.reading import load_yaml
from vardval.dsl.errors import VardvalError
from vardval.dsl.spans import Span

_PARAM_BEFORE = re.compile(r"param\(\s*$")
_SOURCE_ID = re.compile(r"^\s*([A-Z][A-Z0-9-]*)")


def definition_of(world: World, line: int, character: int) -> Span | None:
    """Where the name under a 0-based position is defined, or None."""
    node = world.node_at(line, character)
    if node is not None and is_citation(node[0]) and isinstance(node[1], str):
        found = _SOURCE_ID.match(node[1])
        return _source(world, found.group(1)) if found else None
    word, before = world.word_under(line, character)
    if not word:
        return None
    if _PARAM_BEFORE.search(before):
        return _parameter(world, word)
    head = word.split(".")[0]
    if world.loaded is not None and ("definitions", head) in world.loaded.key_marks:
        mark = world.loaded.key_marks[("definitions", head)]
        return Span(str(world.path), mark.line, mark.column, mark.end_line, mark.end_column)
    return None


def _parameter(world: World, name: str) -> Span | None:
    if world.parameters is None:
        return None
    try:
        return world.parameters.get(name, world.region()).span
    except KeyError:
        return None


def _source(world: World, source_id: str) -> Span | None:
    path = world.corpus / "sources.yaml"
    try:
        loaded = load_yaml(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError, VardvalError):
        return None
    mark = loaded.key_marks.get(("sources", source_id))
    if mark is None:
        return None
    return Span(str(Path(path).resolve()), mark.line, mark.column, mark.end_line,
                mark.end_column)
