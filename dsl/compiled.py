"""Generated source -> callable functions in an isolated namespace, and errors back to rule spans.

``load`` compiles a ``codegen.Generated`` unit under its own filename (``<rule R-ID>``) and
executes it in a fresh namespace that holds only the ``dsl.runtime`` helpers, the value classes
and a handful of builtins the generated code needs, never this module's globals. An exception
raised inside generated code is turned into an ``EvaluationError`` located at the rule-file span
of the expression that failed, found through the unit's line map.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import CodeType
from typing import TYPE_CHECKING, Any

from vardval.dsl import codegen, functions, nodes, runtime
from vardval.dsl.check_words import CheckSaid
from vardval.dsl.codegen import Function, Generated
from vardval.dsl.errors import Diagnostic, EvaluationError
from vardval.dsl.values import Duration, Quarter, Unknown

if TYPE_CHECKING:
    from vardval.dsl.interpreter import Context

BUILTINS: Mapping[str, object] = {
    "type": type, "isinstance": isinstance, "len": len, "int": int, "str": str, "dict": dict,
    "list": list, "KeyError": KeyError, "TypeError": TypeError, "ValueError": ValueError,
    "OverflowError": OverflowError,
}
HELPERS = (
    "missing", "get_path", "has_path", "get_attr", "period_part", "unknown_of", "k_and", "k_or",
    "add",
    "sub", "mul", "div", "neg", "compare", "share_compare", "member",
)
VALUE_CLASSES: Mapping[str, type] = {
    "Unknown": Unknown, "Duration": Duration, "Quarter": Quarter, "Decimal": Decimal,
    "date": dt.date,
}


def namespace() -> dict[str, Any]:
    """A fresh global namespace for generated code: runtime helpers and value classes only.

    Example:
        >>> from vardval.dsl.compiled import namespace
        >>> ns = namespace()
        >>> " ".join(sorted(ns["__builtins__"]))
        'KeyError OverflowError TypeError ValueError dict int isinstance len list str type'
        >>> "os" in ns, "__import__" in ns["__builtins__"], ns["k_and"](True, False)
        (False, False, False)
    """
    ns: dict[str, Any] = {"__builtins__": dict(BUILTINS)}
    ns.update((name, getattr(runtime, name)) for name in HELPERS)
    ns.update((f"fn_{name}", helper) for name, helper in functions.RUNTIME.items())
    ns["divide"] = runtime.quotient
    ns.update(VALUE_CLASSES)
    return ns


@dataclass(frozen=True)
class CompiledUnit:
    """A generated unit, executed: its functions by name, and the source behind them.

    ``moved`` holds the aliases' code (``Generated.aliases``, same order), kept so that a
    unit loaded again from its code need not move it again.
    """

    generated: Generated
    functions: Mapping[str, Callable[..., Any]]
    code: CodeType
    moved: tuple[CodeType, ...] = ()

    def __getitem__(self, name: str) -> Callable[..., Any]:
        return self.functions[name]


def load(generated: Generated, extra: Mapping[str, Callable[..., Any]] | None = None,
         code: CodeType | None = None, moved: tuple[CodeType, ...] | None = None,
         ) -> CompiledUnit:
    """Compile and execute one unit; ``extra`` adds functions of other units (definitions).

    ``code`` and ``moved`` are a ``CompiledUnit``'s when the caller kept them (the load cache
    does), so the source need not be compiled again; they must come from ``generated``.

    Example:
        >>> from vardval.dsl.parser import parse
        >>> from vardval.dsl.codegen import Function, generate
        >>> from vardval.dsl.compiled import load
        >>> unit = load(generate("<rule R>", [Function("v_0", parse("7 / 2"))]))
        >>> unit["v_0"]({}, None, None, {})
        Decimal('3.5')
    """
    if code is None:
        code = compile(generated.compiled_source(), generated.filename, "exec")
    ns = namespace()
    ns.update(extra or {})
    given = len(ns)  # what the unit defines comes after, in the order it defines it
    exec(code, ns)  # noqa: S102 - source generated from a checked AST only, isolated namespace
    if moved is None or len(moved) != len(generated.aliases):
        moved = tuple(_moved(ns[twin].__code__, name, first_line)
                      for name, first_line, _, twin in generated.aliases)
    # each moved code is named as its alias; map and zip keep the loop out of Python
    ns.update(zip(map(_NAME, moved), map(types.FunctionType, moved, itertools.repeat(ns)),
                  strict=True))
    functions = {name: value for name, value in itertools.islice(ns.items(), given, None)
                 if callable(value) and getattr(value, "__code__", None) is not None
                 and value.__code__.co_filename == generated.filename}
    return CompiledUnit(generated, functions, code, moved)


_NAME = operator.attrgetter("co_name")


def _moved(code: CodeType, name: str, first_line: int) -> CodeType:
    """A twin's code under an alias's name, placed at the alias's ``first_line``: the same
    bytecode, whose tracebacks give the alias's lines (``Generated.aliases``)."""
    return _shifted(code, first_line - code.co_firstlineno).replace(co_name=name,
                                                                    co_qualname=name)


def _shifted(code: CodeType, lines: int) -> CodeType:
    consts = code.co_consts
    if any(isinstance(const, CodeType) for const in consts):  # a nested function moves too
        consts = tuple(_shifted(c, lines) if isinstance(c, CodeType) else c for c in consts)
    return code.replace(co_firstlineno=code.co_firstlineno + lines, co_consts=consts)


def located_error(exc: BaseException, units: Iterable[Generated]) -> EvaluationError:
    """An ``EvaluationError`` at the span of the generated line where ``exc`` was raised.

    The deepest frame that belongs to one of ``units`` decides (a failure inside a definition
    is reported at the definition, not at the rule that used it).
    """
    by_file = {unit.filename: unit for unit in units}
    span, frame = None, exc.__traceback__
    while frame is not None:
        unit = by_file.get(frame.tb_frame.f_code.co_filename)
        if unit is not None:
            span = unit.span_at(frame.tb_lineno) or span
        frame = frame.tb_next
    # The Python error's name and text are a technical detail, left as Python words them.
    said = CheckSaid("not-evaluated", (type(exc).__name__, str(exc)))
    return EvaluationError([Diagnostic.worded("evaluation-failed", said, span,
                                              CheckSaid("hint-value-kinds"))])


Definitions = tuple[tuple[str, nodes.Expr], ...]
_EXPRESSIONS: dict[tuple[nodes.Expr, Definitions], tuple[CompiledUnit, Generated]] = {}
_MAX_EXPRESSIONS = 4096


def evaluate(expr: nodes.Expr, ctx: Context) -> Any:
    """``interpreter.evaluate``'s twin through generated code (compiled once, then reused).

    For differential tests and the conformance corpus; rules are compiled by the checker in
    bulk. A failure inside the generated code is an ``EvaluationError`` at the failing span.

    Example:
        >>> from vardval.dsl.values import Quarter
        >>> from vardval.dsl import typesys as ts
        >>> from vardval.dsl.parser import parse
        >>> from vardval.dsl.typecheck import Environment, check
        >>> from vardval.dsl.interpreter import Context
        >>> from vardval.dsl.compiled import evaluate
        >>> e = check(parse("a / b >= 90%"), Environment(ts.record({"a": ts.NUMBER,
        ...     "b": ts.NUMBER}))).expr
        >>> evaluate(e, Context({"a": 9, "b": 10}, Quarter(2025, 1), {}.get, {}))
        True
    """
    definitions = tuple(ctx.definitions.items())
    key = (expr, definitions)
    found = _EXPRESSIONS.get(key)
    if found is None:
        if len(_EXPRESSIONS) >= _MAX_EXPRESSIONS:
            _EXPRESSIONS.clear()
        found = _EXPRESSIONS[key] = _compile_expression(expr, definitions)
    unit, shared = found
    try:
        return unit["value"](ctx.data, ctx.period, ctx.param, ctx.memo)
    except Exception as exc:
        raise located_error(exc, (unit.generated, shared)) from exc


def _compile_expression(expr: nodes.Expr, definitions: Definitions,
                        ) -> tuple[CompiledUnit, Generated]:
    shared = codegen.generate_definitions("<definitions expression>", definitions)
    functions = load(shared).functions
    generated = codegen.generate("<rule expression>", [Function("value", expr)], definitions)
    return load(generated, functions), shared
