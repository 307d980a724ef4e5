"""Per-node translation for the code generator: statements computing each resolved node.

Each emitter writes the statements that compute one node through ``gen.writeline`` and returns
the name (or literal) that then holds its value. Semantics are ``dsl.interpreter``'s exactly;
each fast path computes the same value as the helper it bypasses, for every input:

* ``a + b`` etc. on two ``int``s is the helper's own ``int`` branch;
* a field is read by subscripts, and anything absent on the way is ``get_path``'s own answer,
  ``missing(path)``, built once. This holds for what ``D`` is - the submission's evaluation
  view, plain dicts, lists, texts, numbers and dates (as the intake and the conformance corpus
  make it) - where only a dict takes a text subscript;
* a value ``flow.Facts`` proves never unknown skips the ``type(x) is Unknown`` test, and a
  comparison of values that are never durations is Python's comparison (what ``compare`` does);
* a pure read (a field, ``exists``, a parameter, a definition, a part of the period) already
  made on the same code path is reused (``CodeGenerator.reuse``).

In a traced unit (``CodeGenerator.traced``) every first read of a field, parameter or
definition on a code path is also recorded, ``T[(kind, name)] = value``, as the interpreter's
trace keeps it for evidence: at the moment the interpreter reads it (operands are read in the
interpreter's order, a definition's reads come before the definition itself), ``exists(x)`` as
a read of ``x``. A read reused from earlier on the path was recorded then; ``T`` is a dict, so
only the first use of a key fixes its place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from vardval.dsl import functions, nodes
from vardval.dsl.check_words import CheckSaid
from vardval.dsl.errors import Diagnostic, RuleCompileError
from vardval.dsl.values import Duration, Quarter

if TYPE_CHECKING:
    from vardval.dsl.codegen import CodeGenerator

ARGS = "D, Q, P, M"
PERIOD_PARTS = ("start", "end", "year", "quarter")
_ARITH_HELPERS = {"+": "add", "-": "sub"}
_FAST_MEMBER_TYPES = {"text": "str", "int": "int"}
_LOGIC = {"and": ("False", "True", "k_and"), "or": ("True", "False", "k_or")}


def expr(gen: CodeGenerator, node: nodes.Expr) -> str:
    """Emit the statements computing ``node``; return a name or literal holding its value."""
    prepared = gen.plan_value(node)
    if prepared is not None:
        return prepared
    emit = _EMITTERS.get(type(node))
    if emit is None:
        raise compile_error(node, CheckSaid("cannot-compile", (type(node).__name__,)))
    return emit(gen, node)


def sure(gen: CodeGenerator, node: nodes.Expr) -> bool:
    """The node's value is never unknown."""
    return not gen.facts.may_be_unknown(node)


def literal(gen: CodeGenerator, node: nodes.Literal) -> str:
    value = node.value
    if isinstance(value, bool | str) or type(value) is int:
        return repr(value)
    return gen.constant(_constructor(node, value))


def field(gen: CodeGenerator, node: nodes.Field) -> str:
    """``D['a']['b']['c']``: the parent by subscripts, then the last step tested with ``in``.

    ``runtime.get_path`` gives the value or, whatever step fails, ``missing(path)``: here that
    is a constant built once, and a parent that is absent or not a dict reads as ``{}``.
    """
    found = gen.reuse(("field", node.dotted))
    if found is not None:
        return found
    parent, last = _parent(gen, node, node.path)
    absent = gen.constant(f"missing({node.dotted!r})")
    value = gen.assign(node, f"{parent}[{last!r}] if {last!r} in {parent} else {absent}")
    trace(gen, node, "field", node.dotted, value)
    return gen.remember(("field", node.dotted), value)


def exists(gen: CodeGenerator, node: nodes.Exists) -> str:
    key = ("exists", node.field.dotted)
    found = gen.reuse(key)
    if found is not None:
        return found
    if gen.traced:  # exists(x) read x: its evidence is x's value
        field(gen, node.field)
    parent, last = _parent(gen, node, node.field.path)
    return gen.remember(key, gen.assign(node, f"{last!r} in {parent}"))


def _parent(gen: CodeGenerator, node: nodes.Expr, path: tuple[str, ...]) -> tuple[str, str]:
    """A local holding the dict above the path's last step: ``{}`` when it is not there.

    Each step is a ``get`` (an absent optional section is the common case, and raising and
    catching a KeyError costs more than the whole rule) and anything but a dict becomes ``{}``.
    """
    if len(path) == 1:
        return "D", path[0]
    key = ("parent", ".".join(path[:-1]))
    parent = gen.reuse(key)
    if parent is not None:
        return parent, path[-1]
    above, _ = _parent(gen, node, path[:-1])
    empty = gen.constant("{}")
    parent = gen.remember(key, gen.assign(node, f"{above}.get({path[-2]!r}, {empty})"))
    gen.block(node, f"if type({parent}) is not dict:", parent, empty)
    return parent, path[-1]


def trace(gen: CodeGenerator, node: nodes.Expr, kind: str, name: str, value: str) -> None:
    """In a traced unit, record a read under its evidence key ``(kind, name)``."""
    if gen.traced:
        gen.writeline(f"T[{gen.constant(repr((kind, name)))}] = {value}", node)


def var(gen: CodeGenerator, node: nodes.Var) -> str:
    found = gen.bound(node.name)
    if found is None:
        raise compile_error(node, CheckSaid("unbound-variable", (node.name,)))
    return found


def attr(gen: CodeGenerator, node: nodes.Attr) -> str:
    if isinstance(node.base, nodes.PeriodRef):
        return _period_part(gen, node)
    base = expr(gen, node.base)
    target = gen.fresh_name()
    gen.block(node, f"if type({base}) is dict and {node.name!r} in {base}:", target,
              f"{base}[{node.name!r}]")
    gen.block(node, "else:", target, f"get_attr({base}, {node.name!r})")
    return target


def _period_part(gen: CodeGenerator, node: nodes.Attr) -> str:
    found = gen.reuse(("period", node.name))
    if found is not None:
        return found
    if node.name not in PERIOD_PARTS:
        return gen.remember(("period", node.name),
                            gen.assign(node, f"period_part(Q, {node.name!r})"))
    return gen.remember(("period", node.name),
                        gen.assign(node, f"Q if type(Q) is Unknown else Q.{node.name}"))


def defref(gen: CodeGenerator, node: nodes.DefRef) -> str:
    function = gen.definitions.get(node.name)
    if function is None:
        raise compile_error(node, CheckSaid("definition-not-compiled", (node.name,)))
    found = gen.reuse(("definition", node.name))
    if found is not None:
        return found
    key = repr(node.name)
    value = gen.assign(node, f"M[{key}] if {key} in M else {function}({ARGS})")
    if gen.traced:  # a traced memo holds (value, reads): the reads come first, as the
        gen.writeline(f"T.update({value}[1])", node)  # interpreter's trace has them
        value = gen.assign(node, f"{value}[0]")
        trace(gen, node, "definition", node.name, value)
    return gen.remember(("definition", node.name), value)


def param(gen: CodeGenerator, node: nodes.ParamRef) -> str:
    found = gen.reuse(("param", node.name))
    if found is not None:
        return found
    value = gen.assign(node, f"P({node.name!r})")
    trace(gen, node, "parameter", node.name, value)
    return gen.remember(("param", node.name), value)


def unary(gen: CodeGenerator, node: nodes.Unary) -> str:
    value = expr(gen, node.operand)
    if node.op == "not":
        if sure(gen, node.operand):
            return gen.assign(node, f"not {value}")
        return gen.assign(node, f"{value} if type({value}) is Unknown else not {value}")
    return gen.assign(node, f"-{value} if type({value}) is int else neg({value})")


def binary(gen: CodeGenerator, node: nodes.Binary) -> str:
    if node.op in _LOGIC:
        return _logic(gen, node)
    left, right = expr(gen, node.left), expr(gen, node.right)
    if node.op == "/":
        return _divide(gen, node, left, right)
    if node.op == "*":  # rare in rules; ``mul`` bounds the product (``values.MAX_DIGITS``)
        return gen.assign(node, f"mul({left}, {right})")
    ints = _int_tests(node, left, right)
    direct = f"{left} {node.op} {right}"
    if not ints:
        return gen.assign(node, direct)
    helper = _ARITH_HELPERS[node.op]
    return gen.assign(node, f"{direct} if {ints} else {helper}({left}, {right})")


def _int_tests(node: nodes.Binary, left: str, right: str) -> str:
    """``type(a) is int and type(b) is int``, leaving out sides that are int literals."""
    return " and ".join(f"type({value}) is int" for side, value in
                        ((node.left, left), (node.right, right)) if not _int_literal(side))


def _divide(gen: CodeGenerator, node: nodes.Binary, left: str, right: str) -> str:
    where = repr(f"'{nodes.show(node)}'")
    fast = " and ".join(filter(None, (_int_tests(node, left, right), right)))
    return gen.assign(node, f"divide(Decimal({left}), Decimal({right})) if {fast} else "
                      f"div({left}, {right}, {where})")


def _logic(gen: CodeGenerator, node: nodes.Binary) -> str:
    """Short-circuit Kleene logic: the right side is evaluated only when it can matter.

    When the left side is never unknown, a left side that does not decide is the neutral one
    (``true and x`` is ``x``, ``false or x`` is ``x``, unknown ``x`` included): the result is
    the right side.
    """
    stop, go, helper = _LOGIC[node.op]
    left = expr(gen, node.left)
    target = gen.fresh_name()
    gen.block(node, f"if {left} is {stop}:", target, stop)
    gen.writeline("else:", node)
    gen.indent()
    right = expr(gen, node.right)
    if sure(gen, node.left):
        gen.writeline(f"{target} = {right}", node)
    else:
        gen.writeline(f"{target} = {stop} if {right} is {stop} else {go} if {left} is {go} and "
                      f"{right} is {go} else {helper}({left}, {right})", node)
    gen.outdent()
    return target


def compare(gen: CodeGenerator, node: nodes.Compare) -> str:
    if _is_share(gen, node.left, node.right) or _is_share(gen, node.right, node.left):
        return _share_compare(gen, node)
    return _compare(gen, node, node.op, expr(gen, node.left), expr(gen, node.right))


def _compare(gen: CodeGenerator, node: nodes.Compare, op: str, left: str, right: str) -> str:
    direct = f"{left} {op} {right}"
    if gen.facts.may_be_duration(node.left) or gen.facts.may_be_duration(node.right):
        return gen.assign(node, f"compare({op!r}, {left}, {right})")
    gaps = [value for side, value in ((node.left, left), (node.right, right))
            if not sure(gen, side)]
    if not gaps:
        return gen.assign(node, direct)
    if len(gaps) == 1:
        return gen.assign(node, f"{gaps[0]} if type({gaps[0]}) is Unknown else {direct}")
    target = gen.fresh_name()
    gen.block(node, f"if type({left}) is Unknown or type({right}) is Unknown:", target,
              f"unknown_of({left}, {right})")
    gen.block(node, "else:", target, direct)
    return target


def _is_share(gen: CodeGenerator, side: nodes.Expr, other: nodes.Expr) -> bool:
    return (isinstance(side, nodes.Binary) and side.op == "/"
            and not gen.facts.may_be_duration(other))


def _share_compare(gen: CodeGenerator, node: nodes.Compare) -> str:
    """A comparison with a share ``x / y`` on a side, exactly as ``runtime.share_compare``.

    One share of whole numbers (y > 0) against a finite t = n/d is inlined as
    ``x * d op n * y``; everything else goes to ``share_compare`` with the rounded quotients,
    which decides the same way. Operands are bracketed: a literal ``0`` must not become
    ``0.is_finite()``. The sides are read in the interpreter's order, left first.
    """
    left, right = _side(gen, node.left), _side(gen, node.right)
    target = gen.fresh_name()
    single = _single_share(left, right, node.op)
    if single is not None:
        test, exact = single
        gen.writeline(f"if {test}:", node)
        gen.indent()
        gen.writeline(f"{target} = {exact}", node)
        gen.outdent()
        gen.writeline("else:", node)
        gen.indent()
    pairs, values = [], []
    for side, (first, second) in ((node.left, left), (node.right, right)):
        if second is None:
            pairs.append("None")
            values.append(first)
        else:
            assert isinstance(side, nodes.Binary)  # _side made a pair of it
            pairs.append(f"({first}, {second})")
            values.append(_divide(gen, side, first, second))
    gen.writeline(f"{target} = share_compare({node.op!r}, {pairs[0]}, {pairs[1]}, "
                  f"{values[0]}, {values[1]})", node)
    if single is not None:
        gen.outdent()
    return target


Side = tuple[str, str | None]  # a share's numerator and denominator, or a value and None


def _side(gen: CodeGenerator, side: nodes.Expr) -> Side:
    if isinstance(side, nodes.Binary) and side.op == "/":
        return expr(gen, side.left), expr(gen, side.right)
    return expr(gen, side), None


def _single_share(left: Side, right: Side, op: str) -> tuple[str, str] | None:
    """The inline test and exact comparison for one whole-number share against a number."""
    share, number = (left, right) if right[1] is None else (right, left)
    x, y = share
    if y is None or number[1] is not None:
        return None
    t = number[0]
    test = (f"type({x}) is int and type({y}) is int and ({y}) > 0 and (type({t}) is int or "
            f"type({t}) is Decimal and ({t}).is_finite())")
    ratio = f"({t}).as_integer_ratio()"
    share_side, number_side = f"({x}) * {ratio}[1]", f"{ratio}[0] * ({y})"
    if share is left:
        return test, f"{share_side} {op} {number_side}"
    return test, f"{number_side} {op} {share_side}"


def member(gen: CodeGenerator, node: nodes.Member) -> str:
    item = expr(gen, node.item)
    container = node.container
    if isinstance(container, nodes.DefRef):  # a definition that is a list literal
        if gen.traced:  # is inlined below, but the interpreter reads it: evidence
            expr(gen, container)
        container = gen.facts.definitions.get(container.name, container)
    fast = _literal_list_type(container)
    if fast is not None:
        values = gen.constant(_literal_tuple(container))
        found = gen.assign(node, f"{item} in {values} if type({item}) is {fast} else "
                           f"member({item}, {values})")
    else:
        found = gen.assign(node, f"member({item}, {expr(gen, node.container)})")
    if not node.negated:
        return found
    return gen.assign(node, f"{found} if type({found}) is Unknown else not {found}")


def if_(gen: CodeGenerator, node: nodes.If) -> str:
    test = expr(gen, node.cond)
    target = gen.fresh_name()
    branches = [(f"if {test}:", node.then), ("else:", node.orelse)]
    if not sure(gen, node.cond):
        gen.block(node, f"if type({test}) is Unknown:", target, test)
        branches[0] = (f"elif {test}:", node.then)
    for head, branch in branches:
        gen.writeline(head, node)
        gen.indent()
        gen.writeline(f"{target} = {expr(gen, branch)}", branch)
        gen.outdent()
    return target


def quantifier(gen: CodeGenerator, node: nodes.Quantifier) -> str:
    items = expr(gen, node.iterable)
    target, element = gen.fresh_name(), gen.fresh_name("x")
    gen.block(node, f"if type({items}) is Unknown:", target, items)
    gen.writeline("else:", node)
    gen.indent()
    gen.writeline(f"{target} = {node.kind == 'all'}", node)
    gen.writeline(f"for {element} in {items}:", node)
    gen.indent()
    body = gen.within({node.var: element}, lambda: expr(gen, node.body))
    _fold(gen, node, target, body)
    gen.outdent()
    gen.outdent()
    return target


def _fold(gen: CodeGenerator, node: nodes.Quantifier, target: str, body: str) -> None:
    """One step of ``runtime.k_all``/``k_any``: stop at the deciding value.

    A neutral value (true for ``all``) leaves the result as it is, so a body that is never
    unknown needs no helper call.
    """
    stop, go, helper = _LOGIC["and" if node.kind == "all" else "or"]
    gen.writeline(f"if {body} is {stop}:", node)
    gen.indent()
    gen.writeline(f"{target} = {stop}", node)
    gen.writeline("break", node)
    gen.outdent()
    if not sure(gen, node.body):
        gen.block(node, f"if {body} is not {go}:", target, f"{helper}({target}, {body})")


def list_expr(gen: CodeGenerator, node: nodes.ListExpr) -> str:
    items = [expr(gen, item) for item in node.items]
    return gen.assign(node, f"[{', '.join(items)}]")


def call(gen: CodeGenerator, node: nodes.Call) -> str:
    if node.func not in functions.RUNTIME:
        raise compile_error(node, CheckSaid("no-helper", (node.func,)))
    args = [expr(gen, arg) for arg in node.args]
    if node.func == "count":
        return gen.assign(node, f"len({args[0]}) if type({args[0]}) is list else "
                          f"fn_count({args[0]})")
    if node.func == "date":
        return _date(gen, node, args)
    return gen.assign(node, f"fn_{node.func}({', '.join(args)})")


def _date(gen: CodeGenerator, node: nodes.Call, args: list[str]) -> str:
    """``date(y, m, d)`` of three ints is ``datetime.date``; anything else, or a day that is not
    in the calendar, goes to ``fn_date`` (which makes that an unknown)."""
    target = gen.fresh_name()
    ints = " and ".join(f"type({value}) is int" for arg, value in zip(node.args, args, strict=True)
                        if not _int_literal(arg)) or "True"
    helper = f"fn_date({', '.join(args)})"
    gen.block(node, "try:", target, f"date({', '.join(args)}) if {ints} else {helper}")
    gen.block(node, "except (ValueError, OverflowError):", target, helper)
    return target


def _constructor(node: nodes.Literal, value: object) -> str:
    """Source that rebuilds a literal value from numbers and ``repr``'d text only."""
    if isinstance(value, Decimal):
        return f"Decimal({str(value)!r})"
    if type(value) is dt.date:
        return f"date({value.year}, {value.month}, {value.day})"
    if isinstance(value, Duration):
        return f"Duration({value.months}, {value.days})"
    if isinstance(value, Quarter):
        return f"Quarter({value.year}, {value.quarter})"
    raise compile_error(node, CheckSaid("literal-kind", (type(value).__name__,)))


def _int_literal(node: nodes.Expr) -> bool:
    return isinstance(node, nodes.Literal) and type(node.value) is int


def _literal_list_type(node: nodes.Expr) -> str | None:
    """``str``/``int`` when ``node`` is a non-empty list literal of texts/integers only."""
    if not isinstance(node, nodes.ListExpr) or not node.items:
        return None
    literals = [item for item in node.items if isinstance(item, nodes.Literal)]
    kinds = {item.kind for item in literals}
    if len(literals) != len(node.items) or len(kinds) != 1:
        return None
    if not all(isinstance(item.value, str) or type(item.value) is int for item in literals):
        return None
    return _FAST_MEMBER_TYPES.get(kinds.pop())


def _literal_tuple(node: nodes.Expr) -> str:
    assert isinstance(node, nodes.ListExpr)
    values = [repr(item.value) for item in node.items if isinstance(item, nodes.Literal)]
    return f"({', '.join(values)},)"


def compile_error(node: nodes.Expr, said: CheckSaid) -> RuleCompileError:
    """A failure of the compiler itself (the node's class name is a technical detail)."""
    return RuleCompileError([Diagnostic.worded("compile-error", said, node.span,
                                               CheckSaid("hint-our-bug"))])


_EMITTERS: dict[type, Callable[[CodeGenerator, nodes.Expr], str]] = {
    nodes.Literal: literal,  # type: ignore[dict-item]
    nodes.Field: field,  # type: ignore[dict-item]
    nodes.Exists: exists,  # type: ignore[dict-item]
    nodes.Var: var,  # type: ignore[dict-item]
    nodes.PeriodRef: lambda _gen, _node: "Q",
    nodes.Attr: attr,  # type: ignore[dict-item]
    nodes.DefRef: defref,  # type: ignore[dict-item]
    nodes.ParamRef: param,  # type: ignore[dict-item]
    nodes.Unary: unary,  # type: ignore[dict-item]
    nodes.Binary: binary,  # type: ignore[dict-item]
    nodes.Compare: compare,  # type: ignore[dict-item]
    nodes.Member: member,  # type: ignore[dict-item]
    nodes.If: if_,  # type: ignore[dict-item]
    nodes.Quantifier: quantifier,  # type: ignore[dict-item]
    nodes.ListExpr: list_expr,  # type: ignore[dict-item]
    nodes.Call: call,  # type: ignore[dict-item]
}
