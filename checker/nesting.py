"""How deep an expression nests once the definitions it names are counted in.

The parser bounds one expression's depth, but definitions may use definitions: a chain of a
thousand one-line definitions nests a thousand levels when evaluated, and both evaluators (and
the loader's ordering of definitions) recurse over that. A rulebook is therefore refused when
any definition or rule, counting the definitions it uses, nests deeper than ``MAX_DEPTH``.
Everything here is computed without recursion, in time linear in the size of the expressions.
"""

from __future__ import annotations

from collections.abc import Mapping

from vardval.dsl import nodes, walk
from vardval.dsl.parser import MAX_DEPTH


def depth(expr: nodes.Expr, names: Mapping[str, int] | None = None) -> int:
    """Levels of ``expr`` (a leaf is 1); a ``Name`` in ``names`` stands for that many levels.

    Example:
        >>> from vardval.checker.nesting import depth
        >>> from vardval.dsl.parser import parse
        >>> depth(parse("a + b * c")), depth(parse("a + d"), {"d": 7})
        (3, 8)
    """
    names = names or {}
    deepest = 0
    stack = [(expr, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, nodes.Name) and node.name in names:
            level += names[node.name] - 1  # the definition's own root stands in its place
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in walk.children(node))
    return deepest


def definition_depths(parsed: Mapping[str, nodes.Expr | None]) -> dict[str, int]:
    """Each definition's depth counting the definitions it uses (those on a cycle are left out).

    Definitions are taken in dependency order (Kahn's algorithm), so each is measured once.

    Example:
        >>> from vardval.checker.nesting import definition_depths
        >>> from vardval.dsl.parser import parse
        >>> definition_depths({"a": parse("x + 1"), "b": parse("a * 2"), "c": parse("c")})
        {'a': 2, 'b': 3}
    """
    deps = {n: walk.surface_names(e) & parsed.keys() if e is not None else set()
            for n, e in parsed.items()}
    users: dict[str, list[str]] = {name: [] for name in parsed}
    for name, used in deps.items():
        for dep in used:
            users[dep].append(name)
    waiting = {name: len(used) for name, used in deps.items()}
    ready = [name for name, count in waiting.items() if count == 0]
    depths: dict[str, int] = {}
    while ready:
        name = ready.pop()
        expr = parsed[name]
        depths[name] = depth(expr, depths) if expr is not None else 1
        for user in users[name]:
            waiting[user] -= 1
            if waiting[user] == 0:
                ready.append(user)
    return {name: depths[name] for name in parsed if name in depths}


def too_deep(found: int) -> str | None:
    """The complaint for an expression ``found`` levels deep, or None within the limit."""
    if found <= MAX_DEPTH:
        return None
    return (f"nests {found} levels deep counting the definitions it uses; the limit is "
            f"{MAX_DEPTH}")


HINT = "use fewer definitions inside definitions, or split the condition into separate rules"
