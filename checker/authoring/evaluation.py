"""One DSL expression evaluated on its own (``vardval eval``), as ``opa eval`` does for Rego.

For an author trying an idea before it goes into a rule: the expression is parsed and typed
against the submission format and the corpus's parameters exactly as a rule's ``require`` is,
then run by the reference interpreter with a trace, so the value comes back with its type and
every field, parameter and period part it read, in the order they were read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from vardval.checker import formatting
from vardval.checker.authoring.lint import corpus_context
from vardval.checker.corpus import RuleSet
from vardval.checker.engine import Params
from vardval.dsl import nodes, runtime, walk
from vardval.dsl import typesys as ts
from vardval.dsl.errors import Diagnostic, DslError, VardvalError
from vardval.dsl.interpreter import Context, evaluate
from vardval.dsl.parser import parse
from vardval.dsl.spans import Origin
from vardval.dsl.typecheck import Environment, check
from vardval.dsl.values import Duration, Quarter, Unknown

# How the expression is named in its located errors, per report language.
EXPRESSION_NAME = {"sv": "<uttryck>", "en": "<expression>"}


@dataclass(frozen=True)
class Where:
    """What the expression is evaluated on: a submission's data (or none), the quarter and
    the region whose parameter values apply (national values when None)."""

    data: dict[str, Any] | None
    period: Quarter | None
    region: str | None


@dataclass(frozen=True)
class Evaluation:
    """The value, its type, and what was read: (``accessibility.contacts.total``, 14800)."""

    value: Any
    type: ts.Type
    reads: tuple[tuple[str, Any], ...]


class EvalError(VardvalError):
    """The expression does not parse or type, or needs what was not given."""


def evaluate_text(text: str, ruleset: RuleSet, where: Where, lang: str = "sv") -> Evaluation:
    """Evaluate ``text``; raise ``EvalError`` with located diagnostics when it cannot be.

    Example:
        >>> from vardval.checker.program import load_ruleset
        >>> from vardval.dsl.values import Quarter
        >>> found = evaluate_text("param(vardgaranti.kontakt.malniva) * 2", load_ruleset(),
        ...                       Where(None, Quarter(2025, 1), None))
        >>> show_value(found.value), str(found.type), found.reads[0][0]
        ('2.00', 'number', 'param(vardgaranti.kontakt.malniva)')
    """
    name = EXPRESSION_NAME.get(lang, EXPRESSION_NAME["en"])
    try:
        checked = check(parse(text, Origin(name)), _environment(ruleset))
    except DslError as exc:
        raise EvalError([d.with_source(text) for d in exc.diagnostics]) from None
    missing = _missing_inputs(checked.expr, where, lang)
    if missing:
        raise EvalError(missing)
    trace: list[tuple[nodes.Expr, Any]] = []
    value = evaluate(checked.expr, _context(ruleset, where, trace))
    return Evaluation(value, checked.type, _reads(trace))


def _environment(ruleset: RuleSet) -> Environment:
    ctx, _ = corpus_context(ruleset.directory)
    return Environment(ctx.root, ctx.param_types, {}, ctx.choices)


def _context(ruleset: RuleSet, where: Where, trace: list[tuple[nodes.Expr, Any]]) -> Context:
    period: Quarter | Unknown = where.period or runtime.undefined("no-period")
    return Context(where.data or {}, period, _parameters(ruleset, where), {}, trace=trace)


def _parameters(ruleset: RuleSet, where: Where) -> Callable[[str], Any]:
    """Parameter values in force on the quarter's first day, as the engine reads them
    (``engine.Params``), the region's where it has its own and national values elsewhere.
    (Without a period nothing is read: ``_missing_inputs`` refused the expression.)"""
    day = where.period.start if where.period is not None else dt.date.min
    if where.region is not None:
        params = Params(ruleset, day, where.region)
        return lambda name: params[name]

    def national(name: str) -> Any:
        found = ruleset.parameters.value_on(name, day, None)
        return found.value if found is not None else runtime.undefined(
            "no-parameter-value", name, day, "national")
    return national


def _missing_inputs(expr: nodes.Expr, where: Where, lang: str) -> list[Diagnostic]:
    """What the expression reads that was not given: a submission, or a period."""
    out = []
    fields = [r.dotted for r in walk.references(expr) if isinstance(r, nodes.Field)]
    if fields and where.data is None:
        out.append(Diagnostic("eval-needs-submission", _NEEDS_SUBMISSION[lang].format(
            ", ".join(dict.fromkeys(fields))), None, _NEEDS_SUBMISSION_HINT[lang]))
    if where.period is None and any(isinstance(r, nodes.ParamRef | nodes.PeriodRef)
                                    for r in walk.descendants(expr)):
        out.append(Diagnostic("eval-needs-period", _NEEDS_PERIOD[lang], None,
                              _NEEDS_PERIOD_HINT[lang]))
    return out


_NEEDS_SUBMISSION = {"sv": "uttrycket läser fält ur en inlämning ({}), men ingen inlämning "
                           "angavs",
                     "en": "the expression reads fields of a submission ({}), but no "
                           "submission was given"}
_NEEDS_SUBMISSION_HINT = {"sv": "ange en inlämningsfil efter uttrycket, t.ex. vardval eval "
                                "'…' fixtures/submissions/halland-2018-Q2.yaml",
                          "en": "give a submission file after the expression, e.g. vardval "
                                "eval '…' fixtures/submissions/halland-2018-Q2.yaml"}
_NEEDS_PERIOD = {"sv": "uttrycket läser en parameter eller perioden, men ingen period angavs",
                 "en": "the expression reads a parameter or the period, but no period was "
                       "given"}
_NEEDS_PERIOD_HINT = {"sv": "ange --period, t.ex. --period 2025-Q1 (eller en inlämning)",
                      "en": "give --period, e.g. --period 2025-Q1 (or a submission)"}


def _reads(trace: list[tuple[nodes.Expr, Any]]) -> tuple[tuple[str, Any], ...]:
    """Fields, parameters and the period as evaluated, each once, in the order read."""
    found: dict[str, Any] = {}
    for node, value in trace:
        name = _read_name(node)
        if name is not None:
            found.setdefault(name, value)
    return tuple(found.items())


def _read_name(node: nodes.Expr) -> str | None:
    match node:
        case nodes.Field() | nodes.ParamRef() | nodes.PeriodRef():
            return nodes.show(node)
        case nodes.Attr(base=nodes.PeriodRef()):
            return nodes.show(node)
    return None


# --- values as an author writes them ---------------------------------------------------------


def show_value(value: Any, lang: str = "sv") -> str:
    """A value in the DSL's own spelling, so it can be pasted back into an expression.

    Example:
        >>> show_value(True), show_value("privat"), show_value([1, Decimal("0.5")])
        ('true', '"privat"', '[1, 0.5]')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal | Duration | Quarter):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(show_value(v, lang) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {show_value(v, lang)}" for k, v in value.items()) + "}"
    if isinstance(value, Unknown):
        return _unknown(value, lang)
    return str(value)


def _unknown(value: Unknown, lang: str) -> str:
    words = _UNKNOWN[lang if lang in _UNKNOWN else "en"]
    parts = []
    if value.missing:
        parts.append(f"{words[1]}: {', '.join(sorted(value.missing))}")
    if value.reasons:
        reasons = sorted(r.words(lang if lang in _UNKNOWN else "en", formatting.format_value)
                         for r in value.reasons)
        parts.append(f"{words[2]}: {'; '.join(reasons)}")
    return f"{words[0]} ({'; '.join(parts)})" if parts else words[0]


_UNKNOWN = {"sv": ("okänt", "saknas", "orsak"), "en": ("unknown", "missing", "reason")}
_LABELS = {"sv": ("typ", "läste", "inget"), "en": ("type", "read", "nothing")}


def render_evaluation(found: Evaluation, lang: str = "sv") -> str:
    """The value on its first line, then its type and what it read, one value a line."""
    type_label, read_label, nothing = _LABELS[lang if lang in _LABELS else "en"]
    lines = [show_value(found.value, lang), f"{type_label}: {found.type}"]
    if not found.reads:
        lines.append(f"{read_label}: {nothing}")
    else:
        lines.append(f"{read_label}:")
        lines += [f"  {name} = {show_value(value, lang)}" for name, value in found.reads]
    return "\n".join(lines) + "\n"
