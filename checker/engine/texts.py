"""The words of a finding: its message in each language and the notes about parameters.

A pass or fail message is the rule's template with its placeholders evaluated by the reference
interpreter in the submission's context (definitions already computed there are reused).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from vardval.checker import formatting
from vardval.checker.vocab import LANGS
from vardval.dsl import nodes, walk
from vardval.dsl.interpreter import Context, evaluate

if TYPE_CHECKING:
    from vardval.checker.corpus import Rule, RuleSet, RuleVersion, Template
    from vardval.dsl.values import Quarter, Unknown

Texts = dict[str, str]
#: Every language a finding can be worded in, Swedish first.


def message(status: str, version: RuleVersion, ctx: Context, gap: Unknown | None,
            compiled: Mapping[str, Sequence[Callable[..., Any]]] | None = None,
            langs: Sequence[str] = LANGS) -> Texts:
    """The finding's message in each of ``langs`` (a report in one language renders one).

    ``compiled`` gives, per language, generated functions computing the placeholders (the
    compiled backend's); without it the reference interpreter evaluates them.
    """
    if status == "not_applicable":
        condition = (version.when_text or "").strip()
        words = {"sv": f"Inte tillämplig: villkoret är inte uppfyllt ({condition}).",
                 "en": f"Not applicable: the condition does not hold ({condition})."}
        return {lang: words[lang] for lang in langs}
    if status == "indeterminate" and gap is not None:
        return {lang: text for lang, text in indeterminate(gap).items() if lang in langs}
    return {lang: render_template(version.message[lang], ctx, lang,
                                  compiled[lang] if compiled else None)
            for lang in langs}


def indeterminate(gap: Unknown) -> Texts:
    """Why a rule cannot be decided, in each language: the data missing, then other reasons."""
    missing = ", ".join(sorted(gap.missing))
    lead = {"sv": ("Kan inte avgöras", "uppgift saknas"), "en": ("Cannot be decided",
                                                                  "missing data")}
    out = {}
    for lang, (head, absent) in lead.items():
        causes = [f"{absent}: {missing}"] if missing else []
        causes += sorted(r.words(lang, formatting.format_value) for r in gap.reasons)
        out[lang] = f"{head} – {'; '.join(causes)}."
    return out


def render_template(template: Template, ctx: Context, lang: str,
                    compiled: Sequence[Callable[..., Any]] | None = None) -> str:
    """The template's text with each placeholder's value formatted, placeholders in order."""
    fmt = formatting.format_value
    if compiled is None:
        return "".join(part if isinstance(part, str) else fmt(evaluate(part.expr, ctx), lang,
                                                               part.spec)
                       for part in template.parts)
    functions = iter(compiled)
    args = (ctx.data, ctx.period, ctx.param, ctx.memo)
    return "".join(part if isinstance(part, str) else fmt(next(functions)(*args), lang,
                                                          part.spec)
                   for part in template.parts)


def out_of_scope(rule: Rule) -> Texts:
    if rule.region is not None:
        return {"sv": f"Gäller bara vårdval i region {rule.region}.",
                "en": f"Applies only to vårdval in region {rule.region}."}
    return {"sv": f"Gäller bara vårdvalssystemet {rule.vardval_system}.",
            "en": f"Applies only to the vårdval system {rule.vardval_system}."}


def out_of_force(rule: Rule, period: Quarter) -> Texts:
    start = rule.valid_from.isoformat() if rule.valid_from else "…"
    end = rule.valid_to.isoformat() if rule.valid_to else "…"
    return {"sv": f"Inte i kraft för {period} (gäller perioder som börjar {start} – {end}).",
            "en": f"Not in force for {period} (applies to periods starting {start} – {end})."}


def params_used(version: RuleVersion) -> tuple[str, ...]:
    """The parameters a version's ``when`` and ``require`` read, sorted."""
    exprs = [version.require.expr] + ([version.when.expr] if version.when else [])
    return tuple(sorted({r.name for e in exprs for r in walk.references(e)
                         if isinstance(r, nodes.ParamRef)}))


def param_notes(ruleset: RuleSet, names: Sequence[str], period: Quarter,
                region: str) -> tuple[Texts, ...]:
    """A note for each parameter of ``names`` (``params_used``) whose value changes within the
    period."""
    notes = []
    for name in names:
        for change in ruleset.parameters.changes_within(name, period.start, period.end, region):
            value_sv = formatting.format_value(change.value, "sv")
            value_en = formatting.format_value(change.value, "en")
            notes.append({
                "sv": f"Parametern {name} ändras {change.valid_from} till {value_sv} inom "
                      "perioden; värdet som gällde periodens första dag används.",
                "en": f"Parameter {name} changes on {change.valid_from} to {value_en} within "
                      "the period; the value in force on the period's first day is used."})
    return tuple(notes)
