"""Hover: what the name under the cursor is, with its type, meaning, values and law."""

from __future__ import annotations

import re

from vardval.checker.formatting import format_value
from vardval.checker.lsp.names import SIGNATURES, field_description, field_type
from vardval.checker.lsp.world import World, is_citation, is_expression, is_message
from vardval.checker.parameters import Parameter, ParameterSet

_PARAM_BEFORE = re.compile(r"param\(\s*$")


def hover_text(world: World, line: int, character: int) -> str | None:
    """Markdown for the position, or None when nothing there has a meaning of its own."""
    node = world.node_at(line, character)
    if node is not None and is_citation(node[0]) and isinstance(node[1], str):
        return _citation(world, node[1])
    if node is not None and node[0][-1:] == ("rule",) and isinstance(node[1], str):
        return None
    if node is not None and not (is_expression(node[0]) or is_message(node[0])):
        return None
    word, before = world.word_under(line, character)
    if not word:
        return None
    if _PARAM_BEFORE.search(before):
        return _parameter(world, word)
    return _name(world, word)


def _name(world: World, word: str) -> str | None:
    definitions = world.definitions()
    head = word.split(".", maxsplit=1)[0]
    if head in definitions:
        return _definition(world, head, definitions[head])
    if word in SIGNATURES:
        signature, meaning = SIGNATURES[word]
        return f"```\n{signature}\n```\n{meaning}"
    if world.context is None:
        return None
    found = field_type(world.context.root, word)
    if found is None:
        return None
    description = field_description(word) if head != "period" else "the submission's quarter"
    return f"**{word}**: `{found}` (field of the submission)\n\n{description or ''}".rstrip()


def _definition(world: World, name: str, text: str) -> str:
    typed = world.book.definitions.get(name) if world.book is not None else None
    kind = f": `{typed.type}`" if typed is not None else ""
    return f"**{name}**{kind} (definition)\n```\n{' '.join(text.split())}\n```"


def _parameter(world: World, name: str) -> str | None:
    if world.parameters is None:
        return None
    found = _lookup(world.parameters, name, world.region())
    if found is None:
        return None
    rows = ["| från / from | värde / value | lagrum / citation |", "|---|---|---|"]
    rows += [f"| {v.valid_from} | {format_value(v.value, 'sv')} | {', '.join(v.cite)} |"
             for v in found.values]
    where = f"region {found.region}" if found.region else "national"
    return (f"**param({name})** [{found.unit}, {where}]\n\n{found.description.sv}\n\n"
            f"*{found.description.en}*\n\n" + "\n".join(rows))


def _lookup(parameters: ParameterSet, name: str, region: str | None) -> Parameter | None:
    try:
        return parameters.get(name, region)
    except KeyError:
        return None


def _citation(world: World, text: str) -> str | None:
    if world.context is None:
        return None
    try:
        resolved = world.context.registry.resolve_text(text)
    except ValueError as exc:
        return f"{exc}"
    quote = f"\n\n> {resolved.quote}" if resolved.quote else ""
    return f"**{resolved.text}** — {resolved.title}{quote}\n\n{resolved.url}"
