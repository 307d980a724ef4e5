"""``vardval explain``: one rule's evaluation for one submission as a readable trace.

Pure functions from a loaded rule corpus, a validated submission and the engine's finding to
lines of text: the version in force and why, the scope, the ``when`` and ``require``
conditions with every evaluated part and its value (indented by nesting, definitions expanded
where first computed), the status and message, then the citations with their quoted text.
The values come from a traced run of the reference interpreter (``dsl.interpreter``); the
status is the engine's, so ``explain`` and ``check`` never disagree.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vardval.checker import formatting
from vardval.checker.engine import waiver_text
from vardval.dsl import nodes, runtime, walk
from vardval.dsl.interpreter import Context, evaluate
from vardval.dsl.values import Quarter, Unknown

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from vardval.checker.corpus import Rule, Rulebook, RuleSet, RuleVersion
    from vardval.checker.engine import Finding
    from vardval.checker.sources import ResolvedCitation

_WIDTH = 100
STATUS = {"sv": {"fail": "UNDERKÄND", "indeterminate": "OBESTÄMD", "pass": "GODKÄND",
                 "not_applicable": "EJ TILLÄMPLIG"},
          "en": {"fail": "FAIL", "indeterminate": "INDETERMINATE", "pass": "PASS",
                 "not_applicable": "NOT APPLICABLE"}}
WORDS = {
    "sv": {"rulebook": "Regelbok", "submission": "Inlämning", "starts": "perioden börjar",
           "version": "Version i kraft",
           "version_why": "regler tillämpas som de gäller periodens ({period}) första dag, {day}",
           "no_version": "Ingen version av regeln är i kraft {day} (periodens första dag); "
                         "regeln är inte tillämplig.",
           "always": "(från början)", "open": "(tills vidare)", "scope": "Omfattning",
           "all_regions": "alla regioner", "region": "region", "system": "vårdvalssystem",
           "applies": "gäller {region} ({system})",
           "not_applies": "gäller inte {region} ({system}); regeln är inte tillämplig",
           "when": "När (when)", "no_when": "inget villkor; regeln gäller alltid",
           "require": "Krav (require)",
           "require_skipped_false": "utvärderas inte: villkoret i when är inte uppfyllt",
           "require_skipped_unknown": "utvärderas inte: villkoret i when kan inte avgöras",
           "field": "fält", "definition": "definition", "parameter": "parameter",
           "computed_above": "beräknad ovan", "in_force_from": "i kraft från",
           "missing": "saknas", "unknown": "okänt", "true": "sant", "false": "falskt",
           "present": "finns", "message": "Meddelande", "note": "Obs",
           "missing_data": "Uppgifter som saknas", "citations": "Lagrum",
           "verbatim": "ordagrant citat",
           "paraphrase": "sammanfattning, inte ordagrant citat"},
    "en": {"rulebook": "Rulebook", "submission": "Submission", "starts": "period starts",
           "version": "Version in force",
           "version_why": "rules apply as in force on the first day of the period ({period}), "
                          "{day}",
           "no_version": "No version of the rule is in force on {day} (the period's first "
                         "day); the rule does not apply.",
           "always": "(from the start)", "open": "(open-ended)", "scope": "Scope",
           "all_regions": "all regions", "region": "region", "system": "vårdval system",
           "applies": "applies to {region} ({system})",
           "not_applies": "does not apply to {region} ({system}); the rule is not applicable",
           "when": "When", "no_when": "no condition; the rule always applies",
           "require": "Require",
           "require_skipped_false": "not evaluated: the when condition does not hold",
           "require_skipped_unknown": "not evaluated: the when condition cannot be decided",
           "field": "field", "definition": "definition", "parameter": "parameter",
           "computed_above": "computed above", "in_force_from": "in force from",
           "missing": "missing", "unknown": "unknown", "true": "true", "false": "false",
           "present": "present", "message": "Message", "note": "Note",
           "missing_data": "Missing data", "citations": "Legal basis",
           "verbatim": "verbatim quote (Swedish)",
           "paraphrase": "paraphrase, not a verbatim quote"},
}


@dataclass
class Step:
    """One evaluated sub-expression, its value and the evaluated parts below it."""

    expr: nodes.Expr
    value: Any
    children: list[Step] = field(default_factory=list)


def trace_tree(trace: list[tuple[nodes.Expr, Any]],
               definitions: Mapping[str, nodes.Expr]) -> list[Step]:
    """Rebuild the evaluation tree from the interpreter's post-order trace.

    A node is recorded after its parts, so the parts are the steps on top of the stack whose
    expression is one of the node's children (for a definition reference: the definition's
    expression, present only where the definition was first computed).

    Example:
        >>> from vardval.dsl.parser import parse
        >>> expr = parse("1 + 2 * 3")
        >>> steps = trace_tree([(expr.left, 1), (expr.right.left, 2), (expr.right.right, 3),
        ...                     (expr.right, 6), (expr, 7)], {})
        >>> [(nodes.show(s.expr), s.value, len(s.children)) for s in steps]
        [('1 + 2 * 3', 7, 2)]
    """
    stack: list[Step] = []
    for expr, value in trace:
        parts = _parts(expr, definitions)
        children: list[Step] = []
        while stack and any(stack[-1].expr is part for part in parts):
            children.insert(0, stack.pop())
        stack.append(Step(expr, value, children))
    return stack


def _parts(expr: nodes.Expr, definitions: Mapping[str, nodes.Expr]) -> list[nodes.Expr]:
    if isinstance(expr, nodes.DefRef):
        return [definitions[expr.name]] if expr.name in definitions else []
    return list(walk.children(expr))


@dataclass(frozen=True)
class Subject:
    """What is explained: the corpus, the rule, its rulebook, the submission and the finding."""

    ruleset: RuleSet
    rule: Rule
    book: Rulebook
    file: str
    data: Mapping[str, Any]
    finding: Finding


def explain(subject: Subject, lang: str = "sv") -> str:
    """The whole explanation as text."""
    words = WORDS[lang]
    period = Quarter.parse(subject.data["period"])
    lines = _header(subject, period, lang)
    version = subject.rule.version_on(period.start)
    lines += _version_lines(subject.rule, version, period, words)
    scope, in_scope = _scope(subject, words)
    lines.append(scope)
    if version is not None and in_scope:
        lines += _condition_lines(subject, version, period, lang)
    lines += _outcome_lines(subject.finding, words, lang)
    lines += _citation_lines(subject.finding.citations, words)
    return "\n".join(lines) + "\n"


def _header(subject: Subject, period: Quarter, lang: str) -> list[str]:
    rule, clinic, words = subject.rule, subject.data["clinic"], WORDS[lang]
    return [f"{rule.id} — {rule.title[lang]} [{rule.severity}]",
            f"{words['rulebook']}: {subject.book.id} ({rule.file}:{rule.line})",
            (f"{words['submission']}: {subject.file} — {clinic['name']} ({clinic['region']}, "
             f"{period}; {words['starts']} {period.start})"), ""]


def _version_lines(rule: Rule, version: RuleVersion | None, period: Quarter,
                   words: dict[str, str]) -> list[str]:
    if version is None:
        lines = [words["no_version"].format(day=period.start)]
    else:
        lines = [f"{words['version']}: {_span_text(version, words)} — "
                 + words["version_why"].format(period=period, day=period.start)]
    for candidate in rule.versions:
        mark = "→" if candidate is version else " "
        lines.append(f"  {mark} {_span_text(candidate, words)}")
    return lines


def _span_text(version: RuleVersion, words: dict[str, str]) -> str:
    start = version.valid_from.isoformat() if version.valid_from else words["always"]
    end = version.valid_to.isoformat() if version.valid_to else words["open"]
    return f"{start} – {end}"


def _scope(subject: Subject, words: dict[str, str]) -> tuple[str, bool]:
    """The scope line, and whether the rule applies to the clinic's region and system."""
    rule, clinic = subject.rule, subject.data["clinic"]
    region, system = clinic["region"], clinic.get("vardval_system", "vardcentral")
    wanted = words["all_regions"] if rule.region is None else f"{words['region']} {rule.region}"
    if rule.vardval_system is not None:
        wanted += f", {words['system']} {rule.vardval_system}"
    applies = rule.applies_to(region, system)
    verdict = words["applies" if applies else "not_applies"].format(region=region,
                                                                      system=system)
    return f"{words['scope']}: {wanted} → {verdict}", applies


def _condition_lines(subject: Subject, version: RuleVersion, period: Quarter,
                     lang: str) -> list[str]:
    """Evaluate ``when`` then ``require`` in one traced context, as the engine does."""
    words = WORDS[lang]
    definitions = {n: c.expr for n, c in subject.book.definitions.items()}
    ctx = Context(subject.data, period, _param_lookup(subject, period), definitions, trace=[])
    show = _Shower(subject, period, lang)
    lines = [""]
    if version.when is None:
        lines.append(f"{words['when']}: {words['no_when']}")
    else:
        applies = _traced(version.when.expr, ctx, definitions)
        lines += show.condition(words["when"], applies)
        if applies.value is False or type(applies.value) is Unknown:
            key = "require_skipped_false" if applies.value is False else "require_skipped_unknown"
            return [*lines, f"{words['require']}: {nodes.show(version.require.expr)}",
                    f"  ({words[key]})"]
    outcome = _traced(version.require.expr, ctx, definitions)
    return lines + show.condition(words["require"], outcome)


def _traced(expr: nodes.Expr, ctx: Context, definitions: Mapping[str, nodes.Expr]) -> Step:
    assert ctx.trace is not None  # made with a trace above
    ctx.trace.clear()
    evaluate(expr, ctx)
    steps = trace_tree(ctx.trace, definitions)
    return steps[-1]


def _param_lookup(subject: Subject, period: Quarter) -> Callable[[str], Any]:
    region = subject.data["clinic"]["region"]

    def lookup(name: str) -> Any:
        found = subject.ruleset.parameters.value_on(name, period.start, region)
        if found is None:
            return runtime.undefined("no-parameter-value", name, period.start, region)
        return found.value
    return lookup


class _Shower:
    """Turns steps into indented lines: ``expression [kind] → value (detail)``."""

    def __init__(self, subject: Subject, period: Quarter, lang: str) -> None:
        self.subject, self.period, self.lang = subject, period, lang
        self.words = WORDS[lang]
        self.expanded: set[str] = set()

    def condition(self, title: str, root: Step) -> list[str]:
        lines = [f"{title}: {nodes.show(root.expr)} → {self.value(root)}"]
        for child in root.children:
            lines += self.step(child, 1)
        return lines

    def step(self, step: Step, depth: int, prefix: str = "") -> list[str]:
        if isinstance(step.expr, nodes.Literal):
            return []
        text = f"{'  ' * depth}{prefix}{self.label(step)} → {self.value(step)}"
        lines = [text + self.detail(step)]
        for child in step.children:
            child_prefix = "= " if isinstance(step.expr, nodes.DefRef) else ""
            lines += self.step(child, depth + 1, child_prefix)
        return lines

    def label(self, step: Step) -> str:
        expr, words = step.expr, self.words
        if isinstance(expr, nodes.Field):
            return f"{expr.dotted} [{words['field']}]"
        if isinstance(expr, nodes.DefRef):
            return f"{expr.name} [{words['definition']}]"
        if isinstance(expr, nodes.ParamRef):
            return f"param({expr.name}) [{words['parameter']}]"
        return nodes.show(expr)

    def detail(self, step: Step) -> str:
        expr = step.expr
        if isinstance(expr, nodes.DefRef):
            first = expr.name not in self.expanded and bool(step.children)
            self.expanded.add(expr.name)
            return "" if first else f"  ({self.words['computed_above']})"
        if isinstance(expr, nodes.ParamRef):
            return self.param_detail(expr.name)
        return ""

    def param_detail(self, name: str) -> str:
        region = self.subject.data["clinic"]["region"]
        found = self.subject.ruleset.parameters.value_on(name, self.period.start, region)
        if found is None:
            return ""
        cite = "; ".join(found.cite)
        return f"  ({self.words['in_force_from']} {found.valid_from}; {cite})"

    def value(self, step: Step) -> str:
        return describe(step.expr, step.value, self.lang, self._unit(step.expr))

    def _unit(self, expr: nodes.Expr) -> str | None:
        if not isinstance(expr, nodes.ParamRef):
            return None
        return self.subject.ruleset.parameters.get(expr.name).unit


def describe(expr: nodes.Expr, value: Any, lang: str, unit: str | None = None) -> str:
    """A value as the trace shows it; a share gets its percentage too.

    Example:
        >>> from vardval.dsl.parser import parse
        >>> describe(parse("a / b"), Decimal("0.967272"), "sv")
        '0,9673 (96,7\\xa0%)'
        >>> describe(parse("a > b"), Unknown(frozenset({"a"})), "en")
        'unknown (missing: a)'
    """
    words = WORDS[lang]
    if type(value) is Unknown:
        missing = ", ".join(sorted(value.missing))
        causes = [f"{words['missing']}: {missing}"] if value.missing else []
        causes += sorted(r.words(lang, formatting.format_value) for r in value.reasons)
        return f"{words['unknown']} ({'; '.join(causes)})" if causes else words["unknown"]
    if isinstance(value, bool):
        return words["true" if value else "false"]
    if unit is not None:
        return formatting.unit_value(value, unit, lang)
    if isinstance(value, Decimal) and value != value.to_integral_value():
        text = formatting.number(value, lang, places=4)
        is_share = isinstance(expr, nodes.Binary) and expr.op == "/"
        return f"{text} ({formatting.percent(value, lang)})" if is_share else text
    if isinstance(value, dict):
        return words["present"]
    return formatting.format_value(value, lang)


def _outcome_lines(finding: Finding, words: dict[str, str], lang: str) -> list[str]:
    lines = ["", f"Status: {STATUS[lang][finding.status]} ({finding.status})"]
    lines += _wrap(f"{words['message']}: {finding.message[lang]}", "")
    if finding.waiver is not None:  # the region's dispensation, applied as in every command
        lines += _wrap(f"{waiver_text(finding.waiver, lang)}: {finding.waiver.reason}", "")
    for note in finding.notes:
        lines += _wrap(f"{words['note']}: {note[lang]}", "")
    if finding.missing:
        lines.append(f"{words['missing_data']}: {', '.join(finding.missing)}")
    return lines


def _citation_lines(citations: tuple[ResolvedCitation, ...], words: dict[str, str]) -> list[str]:
    lines = ["", f"{words['citations']}:"] if citations else []
    for citation in citations:
        source = citation.source.removeprefix("SFS ")
        title = citation.title if source in citation.title else f"{citation.title} ({source})"
        lines.append(f"  § {citation.text} — {title}")
        if citation.quote:
            kind = words["verbatim" if citation.quote_is_verbatim else "paraphrase"]
            lines.append(f"    [{kind}]")
            lines += _wrap(citation.quote, "    │ ")
        lines.append(f"    {citation.url}")
    return lines


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), _WIDTH, initial_indent=indent,
                         subsequent_indent=indent or "  ", break_on_hyphens=False)
