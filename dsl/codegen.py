"""Resolved expressions -> Python source text with a line map (the compiled backend's front half).

The generated code means exactly what ``dsl.interpreter`` means: Kleene ``and``/``or`` with
short-circuit, unknowns flowing through every operation, only the taken ``if`` branch evaluated,
exact maths and quantifiers that stop at the first deciding element. It calls only the helpers
of ``dsl.runtime`` and the value classes; the fast paths it inlines instead are listed, with why
each is exact, in ``dsl.emit`` (which translates node by node; this module owns the writer, the
line map and the units: a rulebook's definitions, a rule's version functions).

Every generated function takes ``(D, Q, P, M)``: the submission data, the period, the parameter
lookup and the per-submission memo of definitions (the interpreter's ``Context.memo``, keyed by
definition name, so both backends can share it). Rule text never reaches the source: names,
paths and texts are emitted with ``repr()`` and comments hold only line numbers.

Traced units (``traced=True``, for evidence) compute the same values and also record what the
interpreter's trace would keep: ``(kind, name)`` keys (``"field"``, ``"parameter"``,
``"definition"``) in a dict ``T``, first use first. Their memo ``M`` holds, per definition,
``(value, reads)``, the reads being those of a run from an empty memo, so a definition is
traced once per submission however many rules use it. A traced definition function returns
that pair; a ``Traced`` function ``(D, Q, P, M, T)`` reads ``when``, then, unless it is false,
``require``, as the evidence of a finding needs.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from typing import TypeVar

from vardval.dsl import emit, nodes, reads, walk
from vardval.dsl.emit import ARGS
from vardval.dsl.flow import Facts
from vardval.dsl.spans import Span

T = TypeVar("T")
# What a part computed once per plan may hold: nothing read from the submission, no
# quantifier variable, no definition (those have their own memo); and what makes it worth it.
_DATA_FREE = (nodes.Literal, nodes.PeriodRef, nodes.Attr, nodes.ParamRef, nodes.Unary,
              nodes.Binary, nodes.Compare, nodes.Call, nodes.If, nodes.ListExpr, nodes.Member)
_WORK = (nodes.Unary, nodes.Binary, nodes.Compare, nodes.Call, nodes.If, nodes.Member)



@dataclass(frozen=True, slots=True)
class Verdicts:
    """The labels a decision function returns, each paired with an unknown or None."""

    unknown: str
    skipped: str
    true: str
    false: str


@dataclass(frozen=True, slots=True)
class Function:
    """A function to generate: plain, it returns the value of ``body``.

    With ``verdicts`` it decides, as a rule's ``when``/``require`` do: ``(unknown, gap)`` when
    the guard is unknown, ``(skipped, None)`` when it is false (the body is then not evaluated),
    else ``(unknown, gap)``, ``(true, None)`` or ``(false, None)`` by the body's value.

    With ``prepare`` a second function of that name is generated, ``(D, Q, P, M)`` storing in
    ``M`` the value of each costly part that reads no submission data (``date(period.year, 3,
    1)``, ``param(a) - param(b)``). Called once per plan, on the memo every submission of the
    plan starts from, it spares the deciding function that work; without it, or where it could
    not compute a part, the deciding function computes the part itself (``plan_value``).
    """

    name: str
    body: nodes.Expr
    guard: nodes.Expr | None = None
    verdicts: Verdicts | None = None
    prepare: str | None = None


@dataclass(frozen=True, slots=True)
class Traced:
    """A function recording into ``T`` what ``guard`` and then ``body`` read (the body is not
    evaluated when the guard is false); it returns None."""

    name: str
    body: nodes.Expr
    guard: nodes.Expr | None = None


# A function whose text is that of an earlier one in its unit (``Generated.aliases``):
# its name, its first and last line, and the name of that earlier twin.
Alias = tuple[str, int, int, str]


@dataclass(frozen=True, slots=True)
class Generated:
    """Python source for one compile unit and the rule-file span behind its lines.

    ``aliases`` are the functions written exactly as an earlier one (a message placeholder
    in each language, a version whose ``require`` did not change): ``compiled.load``
    compiles the twin once and gives the alias the twin's code moved to the alias's own
    lines, so an error inside it is still placed by the alias's lines in ``line_map``.
    """

    filename: str
    source: str
    line_map: tuple[tuple[int, Span], ...]
    aliases: tuple[Alias, ...] = ()

    def compiled_source(self) -> str:
        """The source to compile: the aliases' lines blank, so every other line keeps its
        number.

        Example:
            >>> one = "def f(): return 1" + chr(10)
            >>> g = Generated("<u>", one + one.replace("f", "g"), (), (("g", 2, 2, "f"),))
            >>> g.compiled_source().split(chr(10))
            ['def f(): return 1', '', '']
        """
        if not self.aliases:
            return self.source
        lines = self.source.split("\n")
        for _, first, last, _ in self.aliases:
            lines[first - 1:last] = [""] * (last - first + 1)
        return "\n".join(lines)

    def span_at(self, line: int) -> Span | None:
        """The span of the expression generated at (or last before) a Python line.

        Example:
            >>> from vardval.dsl.codegen import Generated
            >>> from vardval.dsl.spans import Span
            >>> g = Generated("<rule R>", "", ((3, Span("r.yaml", 7, 5, 7, 9)),))
            >>> str(g.span_at(4)), g.span_at(2)
            ('r.yaml:7:5', None)
        """
        found = None
        for py_line, span in self.line_map:
            if py_line > line:
                break
            found = span
        return found


def definition_function(index: int, *, traced: bool = False) -> str:
    """The generated name of a rulebook's ``index``-th definition (in dependency order)."""
    return f"td_{index}" if traced else f"d_{index}"


def generate_definitions(filename: str, definitions: Sequence[tuple[str, nodes.Expr]],
                         duration_params: Container[str] | None = None, *,
                         traced: bool = False) -> Generated:
    """Source for a rulebook's definitions: one memoising function each (traced: see above).

    Example:
        >>> from vardval.dsl.parser import parse
        >>> from vardval.dsl.codegen import generate_definitions
        >>> src = generate_definitions("<definitions b>", [("two", parse("2"))]).source
        >>> print(src.split(chr(10), 1)[1])
        def d_0(D, Q, P, M):
            M['two'] = 2
            return 2
        <BLANKLINE>
    """
    gen = CodeGenerator(filename, definitions, duration_params, traced=traced)
    for index, (name, expr) in enumerate(definitions):
        gen.definition(definition_function(index, traced=traced), name, expr)
    return gen.finish()


def generate(filename: str, functions: Sequence[Function],
             definitions: Sequence[tuple[str, nodes.Expr]] = (),
             duration_params: Container[str] | None = None) -> Generated:
    """Source for plain or deciding functions that may use the rulebook's ``definitions``.

    The definitions' own functions come from ``generate_definitions`` (same order).
    ``duration_params`` names the parameters whose values are durations (``flow.Facts``).

    Example:
        >>> from vardval.dsl import typesys as ts
        >>> from vardval.dsl.parser import parse
        >>> from vardval.dsl.typecheck import Environment, check
        >>> from vardval.dsl.codegen import Function, generate
        >>> n = check(parse("n + 2"), Environment(ts.record({"n": ts.NUMBER}))).expr
        >>> print(generate("<rule R>", [Function("v_0", n)]).source)
        # Generated by vardval.dsl.codegen for <rule R>; do not edit.
        K0 = missing('n')
        def v_0(D, Q, P, M):
            t0 = D['n'] if 'n' in D else K0
            t1 = t0 + 2 if type(t0) is int else add(t0, 2)
            return t1
        <BLANKLINE>
    """
    gen = CodeGenerator(filename, definitions, duration_params)
    for function in functions:
        gen.function(function)
    return gen.finish()


def generate_traced(filename: str, functions: Sequence[Traced],
                    definitions: Sequence[tuple[str, nodes.Expr]] = (),
                    duration_params: Container[str] | None = None) -> Generated:
    """Source for traced functions using the rulebook's traced definitions (same order).

    Example:
        >>> from vardval.dsl import typesys as ts
        >>> from vardval.dsl.parser import parse
        >>> from vardval.dsl.typecheck import Environment, check
        >>> from vardval.dsl.codegen import Traced, generate_traced
        >>> n = check(parse("n > param(p)"), Environment(ts.record({"n": ts.NUMBER}),
        ...                                            {"p": ts.NUMBER})).expr
        >>> print(generate_traced("<traced-rule R>", [Traced("e_0", n)]).source)
        # Generated by vardval.dsl.codegen for <traced-rule R>; do not edit.
        K0 = missing('n')
        K1 = ('field', 'n')
        K2 = ('parameter', 'p')
        def e_0(D, Q, P, M, T):
            t0 = D['n'] if 'n' in D else K0
            T[K1] = t0
            t1 = P('p')
            T[K2] = t1
            return None
        <BLANKLINE>
    """
    gen = CodeGenerator(filename, definitions, duration_params, traced=True)
    for function in functions:
        gen.traced_function(function)
    return gen.finish()


class CodeGenerator:
    """Emits Python statements for resolved nodes, one fresh local per intermediate value."""

    def __init__(self, filename: str, definitions: Sequence[tuple[str, nodes.Expr]],
                 duration_params: Container[str] | None = None, *, traced: bool = False,
                 ) -> None:
        self.filename = filename
        self.traced = traced
        self.definitions = {name: definition_function(i, traced=traced) for i, (name, _) in
                            enumerate(definitions)}
        self.facts = Facts(dict(definitions), duration_params)
        self._lines: list[str] = []
        self._map: list[tuple[int, Span]] = []
        self._level = 0
        self._names = itertools.count()
        self._constants: dict[str, str] = {}
        self._scopes: list[dict[str, str]] = []
        self._known: list[dict[tuple[str, str], str]] = [{}]
        self._prepared: list[tuple[str, nodes.Expr]] | None = None
        self._data_free: dict[int, bool] = {}
        self._defs: list[tuple[str, int]] = []  # each function's name and its def line's index

    # --- the writer ------------------------------------------------------------------------

    def writeline(self, code: str, node: nodes.Expr | None = None) -> None:
        """Append one line at the current indentation, mapping it to ``node``'s span."""
        self._lines.append("    " * self._level + code)
        if node is not None:
            self._map.append((len(self._lines), node.span))

    def written(self) -> int:
        """How many lines were written so far."""
        return len(self._lines)

    def indent(self) -> None:
        self._level += 1
        self._known.append({})

    def outdent(self) -> None:
        self._level -= 1
        self._known.pop()

    def reuse(self, key: tuple[str, str]) -> str | None:
        """The local already holding a pure read (a field, a parameter…) on this code path.

        Reads are remembered per indentation level: what was read before a branch or loop is
        known inside it, what was read inside is forgotten when it ends. A read never fails
        and has no effects, so reusing its value is exactly reading it again.
        """
        for known in reversed(self._known):
            if key in known:
                return known[key]
        return None

    def remember(self, key: tuple[str, str], name: str) -> str:
        self._known[-1][key] = name
        return name

    def fresh_name(self, prefix: str = "t") -> str:
        """A local name not used before in this function (deterministic: a counter)."""
        return f"{prefix}{next(self._names)}"

    def define(self, name: str, args: str, node: nodes.Expr) -> None:
        """Start a top-level function. Its locals are numbered from 0, so two functions that
        compute the same thing read the same and the second becomes an alias."""
        self._defs.append((name, len(self._lines)))
        self._names = itertools.count()
        self.writeline(f"def {name}({args}):", node)

    def block(self, node: nodes.Expr, head: str, target: str, code: str) -> None:
        """``head:`` then ``target = code`` indented below it."""
        self.writeline(head, node)
        self.indent()
        self.writeline(f"{target} = {code}", node)
        self.outdent()

    def assign(self, node: nodes.Expr, code: str) -> str:
        """``t = code`` for a fresh ``t``; returns ``t``."""
        target = self.fresh_name()
        self.writeline(f"{target} = {code}", node)
        return target

    def constant(self, source: str) -> str:
        """A module-level constant built once (dates, decimals…), shared by equal sources."""
        if source not in self._constants:
            self._constants[source] = f"K{len(self._constants)}"
        return self._constants[source]

    def expr(self, node: nodes.Expr) -> str:
        """Emit the statements computing ``node``; return a name or literal holding its value."""
        return emit.expr(self, node)

    def bound(self, name: str) -> str | None:
        """The local holding a quantifier's variable, innermost binding first."""
        for scope in reversed(self._scopes):
            if name in scope:
                return scope[name]
        return None

    def within(self, scope: dict[str, str], build: Callable[[], T]) -> T:
        """Run ``build`` with quantifier variables bound to locals."""
        self._scopes.append(scope)
        try:
            return build()
        finally:
            self._scopes.pop()

    def finish(self) -> Generated:
        """The unit's source: a header, hoisted constants, then the functions."""
        header = [f"# Generated by vardval.dsl.codegen for {self.filename}; do not edit."]
        header += [f"{name} = {source}" for source, name in self._constants.items()]
        offset = len(header)
        source = "\n".join([*header, *self._lines]) + "\n"
        line_map = tuple((line + offset, span) for line, span in self._map)
        return Generated(self.filename, source, line_map, self._aliases(offset))

    def _aliases(self, offset: int) -> tuple[Alias, ...]:
        """The functions whose parameters and body are, line for line, an earlier one's."""
        ends = [start for _, start in self._defs[1:]] + [len(self._lines)] * bool(self._defs)
        first: dict[str, str] = {}
        found: list[Alias] = []
        for (name, start), end in zip(self._defs, ends, strict=True):
            head = self._lines[start]
            text = "\n".join([head[head.index("("):], *self._lines[start + 1:end]])
            twin = first.setdefault(text, name)
            if twin != name:
                found.append((name, start + 1 + offset, end + offset, twin))
        return tuple(found)

    # --- units -----------------------------------------------------------------------------

    def function(self, function: Function) -> None:
        """``def name(D, Q, P, M)`` returning a value, or a verdict when it has ``verdicts``."""
        self.define(function.name, ARGS, function.body)
        self.indent()
        verdicts = function.verdicts
        if verdicts is None:
            self.writeline(f"return {self.expr(function.body)}", function.body)
        else:
            self._prepared = [] if function.prepare else None
            if function.guard is not None:
                self._decide(function.guard, verdicts, verdicts.skipped)
            self._decide(function.body, verdicts, None)
        self.outdent()
        prepared, self._prepared = self._prepared, None
        if function.prepare and prepared:
            self._prepare(function.prepare, prepared)

    def plan_value(self, node: nodes.Expr) -> str | None:
        """Inside a deciding function with ``prepare``: a costly part that reads no submission
        data is taken from ``M`` when the plan stored it there, else computed as usual."""
        if self._prepared is None or not self._worth_preparing(node):
            return None
        key = self.constant(repr(f"<{self.filename} {len(self._prepared)}>"))  # no identifier
        target = self.fresh_name()
        self.block(node, f"if {key} in M:", target, f"M[{key}]")
        self.writeline("else:", node)
        self.indent()
        prepared, self._prepared = self._prepared, None  # its parts are computed inline
        self.writeline(f"{target} = {self.expr(node)}", node)
        self._prepared = prepared
        self.outdent()
        prepared.append((key, node))
        return target

    def _worth_preparing(self, node: nodes.Expr) -> bool:
        if not isinstance(node, _WORK):
            return False
        found = self._data_free.get(id(node))
        if found is None:
            found = self._data_free[id(node)] = all(
                isinstance(part, _DATA_FREE) for part in walk.descendants(node))
        return found

    def _prepare(self, name: str, parts: Sequence[tuple[str, nodes.Expr]]) -> None:
        """``def name(D, Q, P, M)`` storing each part's value in ``M``; a part that fails is
        left out (the deciding function then computes it, and fails located, if it needs it)."""
        self.define(name, ARGS, parts[0][1])
        self.indent()
        for key, node in parts:
            self.writeline("try:", node)
            self.indent()
            self.writeline(f"M[{key}] = {self.expr(node)}", node)
            self.outdent()
            self.writeline("except Exception:", node)
            self.indent()
            self.writeline("pass", node)
            self.outdent()
        self.outdent()

    def _decide(self, node: nodes.Expr, verdicts: Verdicts, skipped: str | None) -> None:
        value = self.expr(node)
        if self.facts.may_be_unknown(node):
            self.writeline(f"if type({value}) is Unknown:", node)
            self.indent()
            self.writeline(f"return {verdicts.unknown!r}, {value}", node)
            self.outdent()
        if skipped is not None:
            self.writeline(f"if {value} is False:", node)
            self.indent()
            self.writeline(f"return {self.constant(repr((skipped, None)))}", node)
            self.outdent()
        else:
            true, false = (self.constant(repr((v, None))) for v in (verdicts.true, verdicts.false))
            self.writeline(f"return {true} if {value} else {false}", node)

    def definition(self, function: str, name: str, expr: nodes.Expr) -> None:
        """A definition's function: computes the value and stores it in the memo ``M``.

        Traced, it records its reads in a ``T`` of its own and stores ``(value, T)``.
        """
        self.define(function, ARGS, expr)
        self.indent()
        if self.traced:
            self.writeline("T = {}", expr)
        value = self.expr(expr)
        if self.traced:
            value = self.assign(expr, f"({value}, T)")
        self.writeline(f"M[{name!r}] = {value}", expr)
        self.writeline(f"return {value}", expr)
        self.outdent()

    def traced_function(self, function: Traced) -> None:
        """``def name(D, Q, P, M, T)`` reading the guard, then the body unless it is false."""
        self.define(function.name, f"{ARGS}, T", function.body)
        self.indent()
        if function.guard is not None:
            value = self.expr(function.guard)
            self.writeline(f"if {value} is False:", function.guard)
            self.indent()
            self.writeline("return None", function.guard)
            self.outdent()
        reads.reads(self, function.body)
        self.writeline("return None", function.body)
        self.outdent()
