"""The corpus-wide pages: the rule catalogue, traceability (provision → rules) and the timeline.

Pure functions of the loaded ``RuleSet``; page paths are relative to the generated folder.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from vardval.checker.docgen import markdown as md
from vardval.checker.docgen import parts

if TYPE_CHECKING:
    from vardval.checker.corpus import Rule, Rulebook, RuleSet
    from vardval.checker.sources import ResolvedCitation

CATALOGUE, TRACEABILITY, TIMELINE = "rules.md", "traceability.md", "timeline.md"


def catalogue_page(ruleset: RuleSet) -> str:
    """Every rulebook with its rules: the index of the rule pages."""
    rules = list(ruleset.rules())
    out = ("# Rule catalogue\n\n"
           f"{len(rules)} rules in {len(ruleset.rulebooks)} rulebooks, generated from the rule "
           f"files. See also [traceability]({TRACEABILITY}) (which rule cites which provision) "
           f"and the [timeline]({TIMELINE}) (rules and parameter values by date).\n\n")
    return out + "\n".join(_rulebook(ruleset, book) for book in ruleset.rulebooks)


def _rulebook(ruleset: RuleSet, book: Rulebook) -> str:
    where = f"region {md.code(book.region)}" if book.region else "every region"
    if book.vardval_system:
        where += f", vårdval system {md.code(book.vardval_system)}"
    out = (f"## {md.escape(book.id)} {{#{md.slug(book.id)}}}\n\n"
           f"**{md.escape(book.title['sv'])}**  \n*{md.escape(book.title['en'])}*\n\n"
           f"Scope: {where} · file {md.code(parts.source_file(ruleset, book.file))}\n\n")
    if book.description:
        sv, en = (parts.prose(ruleset, book.description[lang], CATALOGUE) for lang in ("sv", "en"))
        out += f"{sv}\n\n*{en}*\n\n"
    rows = [[rule_link(CATALOGUE, rule.id), md.bilingual(rule.title), md.code(rule.severity),
             parts.span_text(rule.valid_from, rule.valid_to)] for rule in book.rules]
    return out + md.table(["rule", "title", "severity", "in force"], rows)


def rule_link(from_page: str, rule_id: str) -> str:
    return md.link(rule_id, md.relative(from_page, md.rule_page(rule_id)))


def cited(ruleset: RuleSet) -> dict[str, tuple[ResolvedCitation, dict[str, list[str]]]]:
    """Every provision any rule version cites, by citation text, with the citing rules and
    the periods of the versions that cite it.
    """
    found: dict[str, tuple[ResolvedCitation, dict[str, list[str]]]] = {}
    for rule in ruleset.rules():
        for version in rule.versions:
            for citation in version.citations:
                _, by_rule = found.setdefault(citation.text, (citation, {}))
                by_rule.setdefault(rule.id, []).append(
                    parts.span_text(version.valid_from, version.valid_to))
    return found


def traceability_page(ruleset: RuleSet) -> str:
    """Each cited provision, grouped by source, with its text and the rules that cite it."""
    provisions = cited(ruleset)
    by_source: dict[str, list[str]] = {}
    for text, (citation, _) in provisions.items():
        by_source.setdefault(citation.source_id, []).append(text)
    out = ("# Traceability\n\n"
           f"Every provision cited by a rule ({len(provisions)} from {len(by_source)} sources), "
           "with its text where the source registry (`rules/sources.yaml`) holds it, and the "
           f"rules that cite it. Texts marked *{parts.PARAPHRASE}* are summaries.\n\n")
    for source_id in sorted(by_source):
        out += _source_section(ruleset, source_id, sorted(by_source[source_id]), provisions)
    return out


def _source_section(ruleset: RuleSet, source_id: str, texts: list[str],
                    provisions: dict[str, tuple[ResolvedCitation, dict[str, list[str]]]]) -> str:
    first = provisions[texts[0]][0]
    source = ruleset.registry.get(source_id)
    label = f" · {md.escape(first.source)}" if first.source != source.title.sv else ""
    official = md.link("official text", parts.href(first.act_url, TRACEABILITY))
    out = (f"## {md.escape(source_id)} {{#{md.slug('source ' + source_id)}}}\n\n"
           f"{md.escape(source.title.sv)} / *{md.escape(source.title.en)}*{label} · "
           f"{official}\n\n")
    rows = [_provision_row(*provisions[text]) for text in texts]
    return out + md.table(["provision", "text", "cited by"], rows) + "\n"


def _provision_row(citation: ResolvedCitation, by_rule: dict[str, list[str]]) -> list[str]:
    quote = "—"
    if citation.quote is not None:
        quote = md.escape(citation.quote)
        if not citation.quote_is_verbatim:
            quote = f"*{parts.PARAPHRASE}:* {quote}"
    rules = ", ".join(rule_link(TRACEABILITY, rule_id) for rule_id in sorted(by_rule))
    return [md.link(citation.text, parts.href(citation.url, TRACEABILITY)), quote, rules]


def timeline_page(ruleset: RuleSet) -> str:
    """Rules, rule versions and parameter values in date order."""
    events = sorted(_rule_events(ruleset) + _parameter_events(ruleset),
                    key=lambda e: (e[0] or dt.date.min, e[1]))
    rows = [[str(day) if day else "always", what, event] for day, what, event in events]
    intro = ("When rules come into force, change and end, and when parameter values change. A "
             "rule applies to a period when the period's first day lies in its range; a parameter "
             "value is used from its date. Rules without a start date come first, as *always*.")
    return f"# Timeline\n\n{intro}\n\n" + md.table(["date", "rule or parameter", "event"], rows)


def _rule_events(ruleset: RuleSet) -> list[tuple[dt.date | None, str, str]]:
    events: list[tuple[dt.date | None, str, str]] = []
    for rule in ruleset.rules():
        link = rule_link(TIMELINE, rule.id)
        events.append((rule.valid_from, link, _start(rule)))
        events += [(v.valid_from, link, "new version") for v in rule.versions[1:]]
        if rule.valid_to:
            last = f"no longer in force (last for periods starting {rule.valid_to})"
            events.append((rule.valid_to + dt.timedelta(days=1), link, last))
    return events


def _start(rule: Rule) -> str:
    region = f"region {rule.region}" if rule.region else "national"
    return f"in force ({region}, {rule.severity}): {md.bilingual(rule.title)}"


def _parameter_events(ruleset: RuleSet) -> list[tuple[dt.date | None, str, str]]:
    events: list[tuple[dt.date | None, str, str]] = []
    for name in ruleset.parameters.names():
        for parameter in parts.definitions_for(ruleset, name, None):
            scope = f"region {parameter.region}" if parameter.region else "national"
            for value in parameter.values:
                cites = parts.value_citations(ruleset.registry, value, TIMELINE)
                text = f"{md.code(parts.param_value(parameter, value))} ({scope}), cited {cites}"
                events.append((value.valid_from, md.code(name), text))
    return events
