"""Bounds on rule expressions once the definitions they name are counted in.

Why evaluation cannot run away: the rule language has no loops, no recursion and no functions
of the author's own. The only iteration is ``all``/``any x in xs``, over a list that is already
a value (a list in the submission or a literal); nothing inside the body can lengthen it. A
definition may not use itself, directly or through others (the loader refuses cycles), and each
is evaluated at most once per submission. The built-in functions are each linear in their
input. So evaluating an expression visits each of its nodes at most once per combination of
the items of the quantifiers around it: one quantifier is linear in its list, and ``k`` nested
quantifiers cost at most the product of ``k`` list lengths.

What is bounded here, and why:

* ``MAX_DEPTH`` levels, counting the definitions used. The parser bounds one expression, but a
  chain of a thousand one-line definitions nests a thousand levels when evaluated, and both
  evaluators (and the loader's ordering of definitions) recurse over that.
* ``MAX_QUANTIFIERS`` quantifiers one inside another. Each multiplies the work by a list's
  length, and the compiled backend turns each into a Python ``for`` loop, of which Python nests
  at most 20 in one function (and at most 100 indentation levels, which ``MAX_DEPTH`` keeps
  clear of).

Everything is measured without recursion, in time linear in the size of the expressions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from vardval.checker.corpus.words import BookSaid
from vardval.dsl import nodes, walk
from vardval.dsl.literals import MAX_QUANTIFIERS

MAX_DEPTH = 80


@dataclass(frozen=True, slots=True, order=True)
class Nesting:
    """How deep an expression nests, and how many quantifiers it nests one inside another."""

    depth: int
    quantifiers: int = 0


def depth(expr: nodes.Expr, names: Mapping[str, Nesting] | None = None) -> Nesting:
    """The nesting of ``expr`` (a leaf is 1 deep); a ``Name`` in ``names`` stands for its own.

    Example:
        >>> from vardval.checker.corpus.nesting import Nesting, depth
        >>> from vardval.dsl.parser import parse
        >>> depth(parse("a + b * c")), depth(parse("a + d"), {"d": Nesting(7, 1)})
        (Nesting(depth=3, quantifiers=0), Nesting(depth=8, quantifiers=1))
        >>> depth(parse("all x in xs: any y in ys: x > y"))
        Nesting(depth=4, quantifiers=2)
    """
    names = names or {}
    deepest, most = 0, 0
    stack = [(expr, 1, 0)]
    while stack:
        node, level, quantifiers = stack.pop()
        if isinstance(node, nodes.Name) and node.name in names:
            used = names[node.name]  # the definition's own root stands in the name's place
            level, quantifiers = level + used.depth - 1, quantifiers + used.quantifiers
        deepest, most = max(deepest, level), max(most, quantifiers)
        inner = quantifiers + isinstance(node, nodes.Quantifier)
        stack.extend((child, level + 1, inner) for child in walk.children(node))
    return Nesting(deepest, most)


def definition_depths(parsed: Mapping[str, nodes.Expr | None]) -> dict[str, Nesting]:
    """Each definition's nesting counting the definitions it uses (those on a cycle left out).

    Definitions are taken in dependency order (Kahn's algorithm), so each is measured once.

    Example:
        >>> from vardval.checker.corpus.nesting import definition_depths
        >>> from vardval.dsl.parser import parse
        >>> found = definition_depths({"a": parse("x + 1"), "b": parse("a * 2"), "c": parse("c")})
        >>> {name: n.depth for name, n in found.items()}
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
    found: dict[str, Nesting] = {}
    while ready:
        name = ready.pop()
        expr = parsed[name]
        found[name] = depth(expr, found) if expr is not None else Nesting(1)
        for user in users[name]:
            waiting[user] -= 1
            if waiting[user] == 0:
                ready.append(user)
    return {name: found[name] for name in parsed if name in found}


def too_deep(found: Nesting) -> BookSaid | None:
    """What is wrong with an expression nesting so, or None within the limits.

    Example:
        >>> from vardval.checker.corpus.nesting import Nesting, too_deep
        >>> print(too_deep(Nesting(12, 11)))  # doctest: +ELLIPSIS
        nests 11 quantifiers (all/any) one inside another ...; the limit is 10
        >>> too_deep(Nesting(12, 2)) is None
        True
    """
    if found.depth > MAX_DEPTH:
        return BookSaid("too-deep-levels", (str(found.depth), str(MAX_DEPTH)))
    if found.quantifiers > MAX_QUANTIFIERS:
        return BookSaid("too-deep-quantifiers", (str(found.quantifiers), str(MAX_QUANTIFIERS)))
    return None
