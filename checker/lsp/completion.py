"""Completion: field paths segment by segment, definitions, parameters, built-ins, citations,
source ids and rule ids, depending on where the cursor is."""

from __future__ import annotations

import re

from lsprotocol import types
from vardval.checker.lsp.names import KEYWORDS, SIGNATURES, children
from vardval.checker.lsp.world import World, is_citation, is_expression, is_message
from vardval.checker.program import load_ruleset
from vardval.dsl.errors import VardvalError

Item = types.CompletionItem
_KIND = types.CompletionItemKind
_PARAM = re.compile(r"param\(\s*([\w.]*)$")
_PATH = re.compile(r"([A-Za-z_]\w*(?:\.\w+)*)\.(\w*)$")
# ``rules: [A, B`` in a decision file: the cursor is where a rule id goes.
_DECISION_RULES = re.compile(r"^\s*(-\s*)?rules:\s*\[(?:[^,\]]*,\s*)*[\w-]*$")
_CITE_LINE = re.compile(r"^\s*(-\s*|cite:\s*\[?(?:[^,\]]*,\s*)*)")


def complete(world: World, line: int, character: int) -> list[Item]:
    """The completion items at a 0-based position."""
    text = world.lines[line] if line < len(world.lines) else ""
    before = text[:character]
    path = _path_at(world, line, character)
    if world.kind == "cases" and re.match(r"^\s*(-\s*)?rule:\s*\S*$", before):
        return _rule_ids(world)
    if world.kind == "decisions" and _DECISION_RULES.match(before):
        return _rule_ids(world)
    if (path is not None and is_citation(path)) or re.search(r"cite:\s*\[[^\]]*$", before):
        return _citations(world)
    if path is not None and not (is_expression(path) or is_message(path)):
        return []
    if path is None and not re.match(r"^\s*(when|require|[a-z_]+):\s*", before):
        return []
    return _expression(world, before)


def _path_at(world: World, line: int, character: int) -> tuple[str | int, ...] | None:
    node = world.node_at(line, character)
    if node is None and character > 0:  # just after the last character of a scalar
        node = world.node_at(line, character - 1)
    return node[0] if node is not None else None


def _expression(world: World, before: str) -> list[Item]:
    param = _PARAM.search(before)
    if param is not None:
        names = world.parameters.names() if world.parameters is not None else ()
        return [Item(label=n, kind=_KIND.Constant, detail="parameter") for n in names]
    if world.context is None:
        return []
    dotted = _PATH.search(before)
    if dotted is not None:
        return [Item(label=name, kind=_KIND.Field, detail=str(kind))
                for name, kind in children(world.context.root, dotted.group(1))]
    items = [Item(label=name, kind=_KIND.Field, detail=str(kind))
             for name, kind in children(world.context.root, "")]
    typed = world.book.definitions if world.book is not None else {}
    items += [Item(label=name, kind=_KIND.Variable,
                   detail=f"definition: {typed[name].type}" if name in typed else "definition",
                   documentation=" ".join(text.split()))
              for name, text in world.definitions().items()]
    items += [Item(label=name, kind=_KIND.Function, detail=signature, documentation=meaning,
                   insert_text=f"{name}(")
              for name, (signature, meaning) in SIGNATURES.items()]
    items += [Item(label=word, kind=_KIND.Keyword) for word in KEYWORDS]
    return items


def _citations(world: World) -> list[Item]:
    if world.context is None:
        return []
    registry = world.context.registry
    items = []
    for source_id in registry.ids():
        items.append(Item(label=source_id, kind=_KIND.Module, detail="source"))
        items += [Item(label=p.citation, kind=_KIND.Reference, detail=source_id,
                       documentation=p.text) for p in registry.provisions_for(source_id)]
    return items


def _rule_ids(world: World) -> list[Item]:
    try:
        ruleset = load_ruleset(world.corpus)
    except VardvalError:
        return []
    return [Item(label=rule.id, kind=_KIND.EnumMember, detail=rule.title["sv"])
            for rule in ruleset.rules()]
