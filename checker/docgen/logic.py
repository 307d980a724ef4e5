"""A rule's logic as the docs show it: expressions laid out over lines, and what a rule reads.

``layout`` prints a checked expression in its canonical form (``dsl.nodes.show``) and breaks
long ``and``/``or`` chains, ``if … then … else`` and comparisons over lines. ``uses`` finds the
definitions (transitively) and parameters a rule version reads, for the Logic and Parameters
sections of its page.
"""

from __future__ import annotations

from dataclasses import dataclass

from vardval.checker.corpus import Rule, Rulebook, RuleVersion, placeholders
from vardval.dsl import nodes, walk

WIDTH = 88
_LOGIC_LEVEL = {"or": 1, "and": 2}


def layout(expr: nodes.Expr, width: int = WIDTH) -> str:
    """The expression's canonical text, broken over lines where it is longer than ``width``.

    Example:
        >>> from vardval.dsl.parser import parse
        >>> from vardval.checker.docgen.logic import layout
        >>> print(layout(parse("a > 1 and (b or c) and d"), width=12))
        a > 1
        and (b or c)
        and d
    """
    return "\n".join(_lines(expr, width))


def _lines(expr: nodes.Expr, width: int) -> list[str]:
    flat = nodes.show(expr)
    if len(flat) <= width:
        return [flat]
    match expr:
        case nodes.Binary(op=op) if op in _LOGIC_LEVEL:
            return _chain_lines(expr, op, width)
        case nodes.If(cond=cond, then=then, orelse=orelse):
            return (_prefixed("if ", cond, width) + _prefixed("then ", then, width)
                    + _prefixed("else ", orelse, width))
        case nodes.Compare(op=op, left=left, right=right):
            return _lines(left, width) + _prefixed(f"{op} ", right, width)
    return [flat]


def _chain_lines(expr: nodes.Binary, op: str, width: int) -> list[str]:
    operands = _chain(expr, op)
    out = _operand(operands[0], op, width)
    for operand in operands[1:]:
        out += _indented(f"{op} ", _operand(operand, op, width - len(op) - 1))
    return out


def _chain(expr: nodes.Expr, op: str) -> list[nodes.Expr]:
    """``(a and b) and c`` as ``[a, b, c]``: the parser nests same-operator chains leftwards."""
    if isinstance(expr, nodes.Binary) and expr.op == op:
        return [*_chain(expr.left, op), expr.right]
    return [expr]


def _operand(expr: nodes.Expr, op: str, width: int) -> list[str]:
    """An operand of an ``and``/``or`` chain, in parentheses where it binds more loosely."""
    loose = isinstance(expr, nodes.If | nodes.Quantifier) or (
        isinstance(expr, nodes.Binary) and _LOGIC_LEVEL.get(expr.op, 9) < _LOGIC_LEVEL[op])
    if not loose:
        return _lines(expr, width)
    inner = _lines(expr, width - 2)
    inner[0] = "(" + inner[0]
    inner[1:] = [" " + line for line in inner[1:]]
    inner[-1] += ")"
    return inner


def _prefixed(prefix: str, expr: nodes.Expr, width: int) -> list[str]:
    return _indented(prefix, _lines(expr, width - len(prefix)))


def _indented(prefix: str, lines: list[str]) -> list[str]:
    return [prefix + lines[0], *(" " * len(prefix) + line for line in lines[1:])]


@dataclass(frozen=True)
class Uses:
    """What a rule reads besides the submission: definitions (in dependency order), parameters."""

    definitions: tuple[str, ...]
    parameters: tuple[str, ...]


def version_exprs(version: RuleVersion) -> list[nodes.Expr]:
    """Every expression of a version: ``when``, ``require`` and the message placeholders."""
    exprs = [version.require.expr] + ([version.when.expr] if version.when else [])
    for template in version.message.values():
        exprs += placeholders(template)
    return exprs


def uses(rule: Rule, book: Rulebook) -> Uses:
    """The definitions and parameters any version of ``rule`` reads, directly or through others."""
    roots = [expr for version in rule.versions for expr in version_exprs(version)]
    definitions: list[str] = []
    parameters: set[str] = set()
    _collect(roots, book, definitions, parameters)
    return Uses(tuple(definitions), tuple(sorted(parameters)))


def _collect(exprs: list[nodes.Expr], book: Rulebook, definitions: list[str],
             parameters: set[str]) -> None:
    for expr in exprs:
        for ref in walk.references(expr):
            if isinstance(ref, nodes.ParamRef):
                parameters.add(ref.name)
            elif isinstance(ref, nodes.DefRef) and ref.name not in definitions:
                _collect([book.definitions[ref.name].expr], book, definitions, parameters)
                definitions.append(ref.name)
