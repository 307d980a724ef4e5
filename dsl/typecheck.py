"""Name resolution and type inference: surface AST -> resolved AST and its type, or all errors.

Nothing is evaluated here. Every problem found is collected as a Diagnostic so an author sees all
the mistakes in a rule at once; ``ERROR`` stands in for a bad sub-expression to stop cascades.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from vardval.dsl import functions, nodes
from vardval.dsl import type_words as tw
from vardval.dsl import typesys as ts
from vardval.dsl.check_words import CheckSaid, did_you_mean, role_said
from vardval.dsl.errors import Diagnostic, RuleTypeError
from vardval.dsl.reasons import Reason
from vardval.dsl.spans import Span

PERIOD_PARTS = {"start": ts.DATE, "end": ts.DATE, "year": ts.NUMBER, "quarter": ts.NUMBER}
DATE_PARTS = {"year": ts.NUMBER, "month": ts.NUMBER, "day": ts.NUMBER}
PARTS = {"quarter": PERIOD_PARTS, "date": DATE_PARTS}
FUNCTIONS = functions.NAMES  # the built-ins, declared in dsl/functions.py
_ARITH = {
    ("+", "number", "number"): ts.NUMBER, ("-", "number", "number"): ts.NUMBER,
    ("*", "number", "number"): ts.NUMBER, ("/", "number", "number"): ts.NUMBER,
    ("+", "date", "duration"): ts.DATE, ("+", "duration", "date"): ts.DATE,
    ("-", "date", "duration"): ts.DATE, ("-", "date", "date"): ts.NUMBER,
    ("+", "duration", "duration"): ts.DURATION, ("-", "duration", "duration"): ts.DURATION,
    ("*", "number", "duration"): ts.DURATION, ("*", "duration", "number"): ts.DURATION,
}


@dataclass(frozen=True)
class Environment:
    """What names mean: the submission's fields, the parameters and the definitions' types."""

    root: ts.Type
    params: Mapping[str, ts.Type] = field(default_factory=dict)
    definitions: Mapping[str, ts.Type] = field(default_factory=dict)
    # The allowed texts of enumerated fields by dotted path (``schema_types.choices``).
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Checked:
    """A resolved expression and its type."""

    expr: nodes.Expr
    type: ts.Type


def check(expr: nodes.Expr, env: Environment, expect: ts.Type | None = None,
          role: str = "expression") -> Checked:
    """Resolve names and infer the type; raise RuleTypeError with every problem found.

    Example:
        >>> from vardval.dsl.parser import parse
        >>> env = Environment(ts.record({"n": ts.NUMBER}))
        >>> str(check(parse("n * 2 > 1"), env, ts.BOOL).type)
        'bool'
    """
    checker = _Checker(env)
    resolved, found = checker.visit(expr)
    if expect is not None and found not in (expect, ts.ERROR):
        checker.error("wrong-type", CheckSaid("must-be", (
            role_said(role), tw.named(expect), tw.named(found))), expr.span, _hint_for(expect))
    if checker.diagnostics:
        raise RuleTypeError(checker.diagnostics)
    return Checked(resolved, found)


def _hint_for(expect: ts.Type) -> CheckSaid | None:
    return CheckSaid("hint-compare") if expect == ts.BOOL else None


def all_paths(record: ts.Type, prefix: str = "") -> list[str]:
    """Every dotted field path of a record type (for suggestions and docs)."""
    out = []
    for name, sub in record.fields:
        path = f"{prefix}{name}"
        out.append(path)
        if sub.name == "record":
            out.extend(all_paths(sub, path + "."))
    return out


class _Checker:
    def __init__(self, env: Environment) -> None:
        self.env = env
        self.scope: dict[str, ts.Type] = {}
        self.var_choices: dict[str, str | None] = {}  # variable -> its list field
        self.diagnostics: list[Diagnostic] = []

    @property
    def params(self) -> Mapping[str, ts.Type]:
        return self.env.params

    def error(self, code: str, said: Reason, span: Span, hint: Reason | None = None) -> ts.Type:
        self.diagnostics.append(Diagnostic.worded(code, said, span, hint))
        return ts.ERROR

    def visit(self, node: nodes.Expr) -> tuple[nodes.Expr, ts.Type]:
        method: Callable[[nodes.Expr], tuple[nodes.Expr, ts.Type]] = getattr(
            self, "_" + type(node).__name__.lower())
        return method(node)

    # --- leaves and names ----------------------------------------------------------------

    def _literal(self, node: nodes.Literal) -> tuple[nodes.Expr, ts.Type]:
        kinds = {"int": ts.NUMBER, "decimal": ts.NUMBER, "percent": ts.NUMBER, "bool": ts.BOOL,
                 "date": ts.DATE, "quarter": ts.QUARTER, "duration": ts.DURATION,
                 "text": ts.TEXT}
        return node, kinds[node.kind]

    def _name(self, node: nodes.Name) -> tuple[nodes.Expr, ts.Type]:
        name = node.name
        if name in self.scope:
            return nodes.Var(name, node.span), self.scope[name]
        if name in self.env.definitions:
            return nodes.DefRef(name, node.span), self.env.definitions[name]
        if name == "period":
            return nodes.PeriodRef(node.span), ts.QUARTER
        found = self.env.root.field(name)
        if found is not None:
            return nodes.Field((name,), node.span), found
        if name in FUNCTIONS:
            return node, self.error("function-without-call", CheckSaid("is-a-function", (name,)),
                                    node.span, CheckSaid("hint-call", (name,)))
        return node, self.error("unknown-name", CheckSaid("unknown-name", (name,)), node.span,
                                did_you_mean(name, self._known_names()) or
                                CheckSaid("hint-name"))

    def _known_names(self) -> list[str]:
        fields = [n for n, _ in self.env.root.fields]
        return [*self.scope, *self.env.definitions, "period", *fields]

    def _attr(self, node: nodes.Attr) -> tuple[nodes.Expr, ts.Type]:
        parts: list[str] = []
        base: nodes.Expr = node
        while isinstance(base, nodes.Attr):
            parts.insert(0, base.name)
            base = base.base
        if isinstance(base, nodes.Name) and base.name not in self.scope \
                and base.name not in self.env.definitions and base.name != "period":
            return self._field_path((base.name, *parts), node.span)
        resolved, base_type = self.visit(base)
        return self._steps(resolved, base_type, parts, node.span)

    def _steps(self, base: nodes.Expr, base_type: ts.Type, parts: list[str],
               span: Span) -> tuple[nodes.Expr, ts.Type]:
        current, current_type = base, base_type
        for part in parts:
            current_type = self._step_type(current, current_type, part, span)
            current = nodes.Attr(current, part, span)
        return current, current_type

    def _step_type(self, base: nodes.Expr, base_type: ts.Type, part: str, span: Span) -> ts.Type:
        if base_type == ts.ERROR:
            return ts.ERROR
        parts = PARTS.get(base_type.name)
        if parts is not None:
            what = (CheckSaid("part-period") if isinstance(base, nodes.PeriodRef)
                    else tw.named(base_type))
            return parts.get(part) or self.error(
                "unknown-field", CheckSaid("no-part", (what, part)), span,
                did_you_mean(part, list(parts)) or
                CheckSaid("hint-parts", (what, ", ".join(parts))))
        if base_type.name == "record":
            found = base_type.field(part)
            names = [n for n, _ in base_type.fields]
            return found or self.error("unknown-field", CheckSaid("unknown-field", (part,)),
                                       span, did_you_mean(part, names))
        return self.error("not-a-record", CheckSaid("not-a-record", (
            nodes.show(base), tw.named(base_type), part)), span, CheckSaid("hint-record"))

    def _field_path(self, path: tuple[str, ...], span: Span) -> tuple[nodes.Expr, ts.Type]:
        current = self.env.root
        for depth, part in enumerate(path):
            if current.name != "record":
                field = nodes.Field(path[:depth], span)
                return self._steps(field, current, list(path[depth:]), span)
            found = current.field(part)
            if found is None:
                return nodes.Field(path, span), self._unknown_field(path, depth)(span)
            current = found
        return nodes.Field(path, span), current

    def _unknown_field(self, path: tuple[str, ...], depth: int) -> Callable[[Span], ts.Type]:
        dotted = ".".join(path)
        candidates = all_paths(self.env.root)
        hint = (did_you_mean(dotted, candidates) or
                did_you_mean(".".join(path[: depth + 1]), candidates))
        said = (CheckSaid("unknown-field-path", (dotted,)) if depth
                else CheckSaid("unknown-name-path", (path[0],)))
        return lambda span: self.error("unknown-field", said, span, hint)

    # --- operators -------------------------------------------------------------------------

    def _unary(self, node: nodes.Unary) -> tuple[nodes.Expr, ts.Type]:
        operand, found = self.visit(node.operand)
        want = (ts.BOOL,) if node.op == "not" else (ts.NUMBER, ts.DURATION)
        out = nodes.Unary(node.op, operand, node.span)
        if found in (*want, ts.ERROR):
            return out, found
        return out, self.error("wrong-type", CheckSaid("needs", (
            node.op, tw.named(want[0]), tw.named(found))), node.span)

    def _binary(self, node: nodes.Binary) -> tuple[nodes.Expr, ts.Type]:
        left, lt = self.visit(node.left)
        right, rt = self.visit(node.right)
        out = nodes.Binary(node.op, left, right, node.span)
        if ts.ERROR in (lt, rt):
            return out, ts.ERROR
        if node.op in ("and", "or"):
            return out, self._both_bool(node, lt, rt)
        found = _ARITH.get((node.op, lt.name, rt.name))
        if found is not None:
            return out, found
        return out, self.error("wrong-type", CheckSaid("cannot-apply", (
            node.op, tw.named(lt), tw.named(rt))), node.span, _arith_hint(node.op))

    def _both_bool(self, node: nodes.Binary, lt: ts.Type, rt: ts.Type) -> ts.Type:
        for side, found in (("left", lt), ("right", rt)):
            if found != ts.BOOL:
                return self.error("wrong-type", CheckSaid(f"{side}-side", (
                    node.op, tw.named(ts.BOOL), tw.named(found))), node.span,
                    CheckSaid("hint-compare-zero"))
        return ts.BOOL

    def _compare(self, node: nodes.Compare) -> tuple[nodes.Expr, ts.Type]:
        left, lt = self.visit(node.left)
        right, rt = self.visit(node.right)
        out = nodes.Compare(node.op, left, right, node.span)
        if ts.ERROR in (lt, rt):
            return out, ts.BOOL
        if ts.unify(lt, rt) is None:
            return out, self.error("wrong-type", CheckSaid("cannot-compare", (
                tw.named(lt), tw.named(rt))), node.span, CheckSaid("hint-compare-like", (
                    tw.named(lt), tw.example(lt))))
        if node.op not in ("==", "!=") and lt not in ts.ORDERED:
            return out, self.error("wrong-type", _unordered(node.op, left, lt), node.span,
                                   _order_hint(lt))
        if node.op in ("==", "!="):
            self._values(left, [right])
            self._values(right, [left])
        return out, ts.BOOL

    def _member(self, node: nodes.Member) -> tuple[nodes.Expr, ts.Type]:
        item, it = self.visit(node.item)
        container, ct = self.visit(node.container)
        out = nodes.Member(item, container, node.negated, node.span)
        if ts.ERROR in (it, ct):
            return out, ts.BOOL
        if ct.name != "list" or ct.elem is None:
            return out, self.error("wrong-type", CheckSaid("in-needs-list", (tw.named(ct),)),
                                   node.container.span, CheckSaid("hint-in-list"))
        if ts.unify(it, ct.elem) is None:
            return out, self.error("wrong-type", CheckSaid("cannot-look-for", (
                tw.named(it), tw.named(ct))), node.span)
        self._values(item, list(container.items) if isinstance(container, nodes.ListExpr)
                     else [])
        self._values(container, [item])
        return out, ts.BOOL

    def _options(self, expr: nodes.Expr) -> tuple[str | CheckSaid, tuple[str, ...]] | None:
        """What an enumerated field (or its items, or a quantifier's item) may hold."""
        choices = self.env.choices
        if isinstance(expr, nodes.Field) and expr.dotted in choices:
            return expr.dotted, choices[expr.dotted]
        if isinstance(expr, nodes.Field) and f"{expr.dotted}[]" in choices:
            return CheckSaid("part-item-of", (expr.dotted,)), choices[f"{expr.dotted}[]"]
        listed = self.var_choices.get(expr.name) if isinstance(expr, nodes.Var) else None
        if listed is not None and isinstance(expr, nodes.Var):
            said = CheckSaid("part-variable-item-of", (expr.name, listed))
            return said, choices[f"{listed}[]"]
        return None

    def _values(self, target: nodes.Expr, candidates: list[nodes.Expr]) -> None:
        """Texts compared with an enumerated field must be among its values."""
        found = self._options(target)
        if found is None:
            return
        name, options = found
        for literal in candidates:
            if isinstance(literal, nodes.Literal) and literal.kind == "text" \
                    and literal.value not in options:
                shown = ", ".join(options[:8]) + (", …" if len(options) > 8 else "")
                self.error("unknown-value", CheckSaid("never-value", (
                    name, str(literal.value), shown)), literal.span,
                    did_you_mean(str(literal.value), list(options)) or
                    CheckSaid("hint-one-of", (options[0],)))

    def _if(self, node: nodes.If) -> tuple[nodes.Expr, ts.Type]:
        cond, cond_type = self.visit(node.cond)
        then, tt = self.visit(node.then)
        orelse, et = self.visit(node.orelse)
        out = nodes.If(cond, then, orelse, node.span)
        if cond_type not in (ts.BOOL, ts.ERROR):
            self.error("wrong-type", CheckSaid("if-condition", (tw.named(cond_type),)),
                       node.cond.span)
        found = ts.unify(tt, et)
        if found is None:
            return out, self.error("wrong-type", CheckSaid("branches-differ", (
                tw.named(tt), tw.named(et))), node.span, CheckSaid("hint-branches"))
        return out, found

    def _quantifier(self, node: nodes.Quantifier) -> tuple[nodes.Expr, ts.Type]:
        iterable, found = self.visit(node.iterable)
        elem = found.elem if found.name == "list" and found.elem else ts.ERROR
        if found != ts.ERROR and found.name != "list":
            self.error("wrong-type", CheckSaid("needs-list", (node.kind, tw.named(found))),
                       node.iterable.span)
        saved, saved_choices = self.scope.get(node.var), self.var_choices.get(node.var)
        self.scope[node.var] = elem
        dotted = iterable.dotted if isinstance(iterable, nodes.Field) else ""
        self.var_choices[node.var] = dotted if f"{dotted}[]" in self.env.choices else None
        body, bt = self.visit(node.body)
        self._restore(node.var, saved)
        self.var_choices[node.var] = saved_choices
        if bt not in (ts.BOOL, ts.ERROR):
            self.error("wrong-type", CheckSaid("body-condition", (tw.named(bt),)),
                       node.body.span)
        return nodes.Quantifier(node.kind, node.var, iterable, body, node.span), ts.BOOL

    def _restore(self, name: str, saved: ts.Type | None) -> None:
        if saved is None:
            del self.scope[name]
        else:
            self.scope[name] = saved

    def _listexpr(self, node: nodes.ListExpr) -> tuple[nodes.Expr, ts.Type]:
        items, elem = [], ts.ANY
        for item in node.items:
            resolved, found = self.visit(item)
            items.append(resolved)
            merged = ts.unify(elem, found)
            if merged is None:
                self.error("wrong-type", CheckSaid("list-one-type", (
                    tw.named(elem), tw.named(found))), item.span)
            else:
                elem = merged
        return nodes.ListExpr(tuple(items), node.span), ts.list_of(elem)

    def _call(self, node: nodes.Call) -> tuple[nodes.Expr, ts.Type]:
        builtin = functions.BUILTINS.get(node.func)
        if builtin is None:
            return node, self.error("unknown-function", CheckSaid("unknown-function", (
                node.func,)), node.span, did_you_mean(node.func, list(functions.NAMES)) or
                CheckSaid("hint-functions", (", ".join(sorted(functions.NAMES)),)))
        return builtin.check(self, node)


def _unordered(op: str, left: nodes.Expr, found: ts.Type) -> CheckSaid:
    """``op`` cannot order values of ``found``; a value from an empty list says so plainly."""
    if found != ts.ANY:
        return CheckSaid("cannot-order", (op, tw.named(found)))
    extreme = left.func if isinstance(left, nodes.Call) and left.func in ("max", "min") else ""
    return CheckSaid(f"order-empty-{extreme}" if extreme else "order-empty", (op,))


def _order_hint(found: ts.Type) -> CheckSaid:
    return CheckSaid("hint-empty-list" if found == ts.ANY else "hint-equality")


def _arith_hint(op: str) -> CheckSaid:
    return CheckSaid("hint-add" if op in ("+", "-") else "hint-multiply")
