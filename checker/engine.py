"""Evaluate every loaded rule for one submission: scope, version in force, when, require.

The engine decides statuses and gathers evidence; it never formats a report (``render_*`` do).
Every loaded rule gives exactly one finding, so a reader can tell "passed" from "not checked".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vardval.checker import formatting
from vardval.checker.findings import Evidence, Finding, SubmissionResult
from vardval.checker.intake import Intake
from vardval.checker.models import Placeholder, Rule, Rulebook, RuleVersion, Template
from vardval.checker.ruleset import RuleSet
from vardval.dsl import nodes, runtime, walk
from vardval.dsl.interpreter import Context, evaluate
from vardval.dsl.values import Quarter, Unknown

Evaluate = Callable[[nodes.Expr, Context], Any]


def check_intake(ruleset: RuleSet, intake: Intake, evaluator: Evaluate = evaluate) -> SubmissionResult:
    """The result for one loaded submission; invalid ones get their problems and no findings."""
    if intake.data is None or intake.problems:
        return SubmissionResult(intake.file, tuple(intake.problems))
    data = intake.data
    clinic = data["clinic"]
    period = Quarter.parse(data["period"])
    findings = tuple(_book_findings(ruleset, book, data, period, evaluator)
                     for book in ruleset.rulebooks)
    flat = tuple(f for group in findings for f in group)
    summary = {k: clinic[k] for k in ("hsa_id", "name", "region") if k in clinic}
    return SubmissionResult(intake.file, (), summary, str(period), flat,
                            _submission_notes(ruleset, clinic["region"]))


def _submission_notes(ruleset: RuleSet, region: str) -> tuple[dict[str, str], ...]:
    if region in ruleset.regions_with_rulebooks():
        return ()
    return ({"sv": f"Det finns ingen regional regelbok för {region}; bara nationella regler "
                   "har kontrollerats.",
             "en": f"There is no regional rulebook for {region}; only national rules were "
                   "checked."},)


def _book_findings(ruleset: RuleSet, book: Rulebook, data: dict[str, Any], period: Quarter,
                   evaluator: Evaluate) -> list[Finding]:
    clinic = data["clinic"]
    region, system = clinic["region"], clinic.get("vardval_system", "vardcentral")
    ctx = Context(data, period, _param_lookup(ruleset, period, region),
                  {n: c.expr for n, c in book.definitions.items()})
    return [_finding(ruleset, rule, ctx, region, system, evaluator) for rule in book.rules]


def _param_lookup(ruleset: RuleSet, period: Quarter, region: str) -> Callable[[str], Any]:
    def lookup(name: str) -> Any:
        found = ruleset.parameters.value_on(name, period.start, region)
        if found is None:
            return runtime.undefined(f"parameter {name} has no value in force on "
                                     f"{period.start} for {region}")
        return found.value
    return lookup


def _finding(ruleset: RuleSet, rule: Rule, ctx: Context, region: str, system: str,
             evaluator: Evaluate) -> Finding:
    if not rule.applies_to(region, system):
        return _not_applicable(rule, _out_of_scope(rule))
    assert isinstance(ctx.period, Quarter)
    version = rule.version_on(ctx.period.start)
    if version is None:
        return _not_applicable(rule, _out_of_force(rule, ctx.period))
    status, gap = _status(version, ctx, evaluator)
    evidence = _evidence(ruleset, version, ctx, region, status)
    message = _message(status, version, ctx, gap)
    notes = _param_notes(ruleset, version, ctx.period, region)
    return Finding(rule, status, message, version.citations, evidence,
                   tuple(sorted(gap.missing)) if gap is not None else (), notes,
                   str(version.valid_from) if version.valid_from else None)


def _status(version: RuleVersion, ctx: Context, evaluator: Evaluate) -> tuple[str, Unknown | None]:
    if version.when is not None:
        applies = evaluator(version.when.expr, ctx)
        if type(applies) is Unknown:
            return "indeterminate", applies
        if applies is False:
            return "not_applicable", None
    outcome = evaluator(version.require.expr, ctx)
    if type(outcome) is Unknown:
        return "indeterminate", outcome
    return ("pass" if outcome else "fail"), None


def _not_applicable(rule: Rule, message: dict[str, str]) -> Finding:
    return Finding(rule, "not_applicable", message, rule.versions[-1].citations)


def _out_of_scope(rule: Rule) -> dict[str, str]:
    if rule.region is not None:
        return {"sv": f"Gäller bara vårdval i region {rule.region}.",
                "en": f"Applies only to vårdval in region {rule.region}."}
    return {"sv": f"Gäller bara vårdvalssystemet {rule.vardval_system}.",
            "en": f"Applies only to the vårdval system {rule.vardval_system}."}


def _out_of_force(rule: Rule, period: Quarter) -> dict[str, str]:
    start = rule.valid_from.isoformat() if rule.valid_from else "…"
    end = rule.valid_to.isoformat() if rule.valid_to else "…"
    return {"sv": f"Inte i kraft för {period} (gäller perioder som börjar {start} – {end}).",
            "en": f"Not in force for {period} (applies to periods starting {start} – {end})."}


def _evidence(ruleset: RuleSet, version: RuleVersion, ctx: Context, region: str,
              status: str) -> tuple[Evidence, ...]:
    """The values that decided the outcome: what the reference interpreter actually read.

    A fresh traced run sees fields inside definitions too, and skips untaken branches and
    short-circuited operands, so evidence names exactly what mattered.
    """
    traced = Context(ctx.data, ctx.period, ctx.param, ctx.definitions, trace=[])
    if version.when is not None:
        evaluate(version.when.expr, traced)
    if status != "not_applicable":
        evaluate(version.require.expr, traced)
    seen: dict[tuple[str, str], Evidence] = {}
    for node, value in traced.trace or ():
        item = _evidence_item(ruleset, node, value, ctx, region)
        if item is not None:
            seen.setdefault((item.kind, item.name), item)
    return tuple(seen.values())


def _evidence_item(ruleset: RuleSet, node: nodes.Expr, value: Any, ctx: Context,
                   region: str) -> Evidence | None:
    if isinstance(node, nodes.Exists):
        node, value = node.field, runtime.get_path(ctx.data, node.field.path, node.field.dotted)
    if isinstance(node, nodes.Field):
        return Evidence(node.dotted, "field", value, type(value) is not Unknown)
    if isinstance(node, nodes.DefRef):
        return Evidence(node.name, "definition", value, type(value) is not Unknown)
    if not isinstance(node, nodes.ParamRef):
        return None
    assert isinstance(ctx.period, Quarter)  # noqa: S101 - the engine made it
    found = ruleset.parameters.value_on(node.name, ctx.period.start, region)
    if found is None:
        return Evidence(node.name, "parameter", None, present=False)
    return Evidence(node.name, "parameter", found.value, True, "; ".join(found.cite),
                    found.valid_from.isoformat())


def _message(status: str, version: RuleVersion, ctx: Context,
             gap: Unknown | None) -> dict[str, str]:
    if status == "not_applicable":
        condition = version.when_text or ""
        return {"sv": f"Inte tillämplig: villkoret är inte uppfyllt ({condition.strip()}).",
                "en": f"Not applicable: the condition does not hold ({condition.strip()})."}
    if status == "indeterminate" and gap is not None:
        return _indeterminate(gap)
    return {lang: render_template(t, ctx, lang) for lang, t in version.message.items()}


def _indeterminate(gap: Unknown) -> dict[str, str]:
    missing = ", ".join(sorted(gap.missing))
    reasons = "; ".join(sorted(gap.reasons))
    sv, en = [], []
    if missing:
        sv.append(f"uppgift saknas: {missing}")
        en.append(f"missing data: {missing}")
    if reasons:
        sv.append(reasons)
        en.append(reasons)
    return {"sv": "Kan inte avgöras – " + "; ".join(sv) + ".",
            "en": "Cannot be decided – " + "; ".join(en) + "."}


def render_template(template: Template, ctx: Context, lang: str) -> str:
    out = []
    for part in template.parts:
        if isinstance(part, Placeholder):
            out.append(formatting.format_value(evaluate(part.expr, ctx), lang, part.spec))
        else:
            out.append(part)
    return "".join(out)


def _param_notes(ruleset: RuleSet, version: RuleVersion, period: Quarter,
                 region: str) -> tuple[dict[str, str], ...]:
    notes = []
    exprs = [version.require.expr] + ([version.when.expr] if version.when else [])
    names = {r.name for e in exprs for r in walk.references(e) if isinstance(r, nodes.ParamRef)}
    for name in sorted(names):
        for change in ruleset.parameters.changes_within(name, period.start, period.end, region):
            value_sv = formatting.format_value(change.value, "sv")
            value_en = formatting.format_value(change.value, "en")
            notes.append({
                "sv": f"Parametern {name} ändras {change.valid_from} till {value_sv} inom "
                      "perioden; värdet som gällde periodens första dag används.",
                "en": f"Parameter {name} changes on {change.valid_from} to {value_en} within "
                      "the period; the value in force on the period's first day is used."})
    return tuple(notes)
