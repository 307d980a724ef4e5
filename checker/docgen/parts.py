"""Fragments several generated pages share: validity, scope, citations, parameter values.

Each takes loaded records (``models``, ``citations``, ``parameters``) and returns Markdown.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from vardval.checker import formatting
from vardval.checker.docgen import markdown as md

if TYPE_CHECKING:
    from vardval.checker.corpus import Rule, RuleSet
    from vardval.checker.parameters import Parameter, ParamValue
    from vardval.checker.sources import ResolvedCitation, SourceRegistry

PARAPHRASE = "Paraphrase, not the legal text"
RULE_ID_TEXT = re.compile(r"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b")


def span_text(start: dt.date | None, end: dt.date | None) -> str:
    """A period of force for people: ``2017-04-01 → 2022-06-30``, ``always``.

    Example:
        >>> import datetime as dt
        >>> from vardval.checker.docgen.parts import span_text
        >>> span_text(dt.date(2017, 4, 1), None), span_text(None, None)
        ('from 2017-04-01', 'always')
    """
    if start and end:
        return f"{start} → {end}"
    if start:
        return f"from {start}"
    return f"until {end}" if end else "always"


def validity(rule: Rule) -> str:
    """When the rule applies, stated as the engine tests it (the period's first day)."""
    when = span_text(rule.valid_from, rule.valid_to)
    if when == "always":
        return "every period (no start or end date)"
    return f"{when} (periods whose first day falls in this range)"


def scope(rule: Rule) -> str:
    """Which clinics the rule is for."""
    where = f"clinics in region {md.code(rule.region)}" if rule.region else "every region"
    if rule.vardval_system:
        return f"{where}, vårdval system {md.code(rule.vardval_system)}"
    return where


def prose(ruleset: RuleSet, text: str, page: str) -> str:
    """Descriptive text, escaped, with the ids of the corpus's rules linked to their pages."""
    known = {rule.id for rule in ruleset.rules()}

    def linked(match: re.Match[str]) -> str:
        rule_id = match.group(0)
        if rule_id not in known:
            return rule_id
        return md.link(rule_id, md.relative(page, md.rule_page(rule_id)))

    return RULE_ID_TEXT.sub(linked, md.escape(text))


def href(url: str, page: str) -> str:
    """A source's address as a link target from a generated ``page``: web addresses as they are,
    project paths under ``docs/`` (a page of this site) relative to the page.

    Example:
        >>> from vardval.checker.docgen.parts import href
        >>> href("docs/submission-format.md", "rules/dq-kontakt.md")
        '../../submission-format.md'
        >>> href("https://lagen.nu/2017:30#K4P2", "rules.md")
        'https://lagen.nu/2017:30#K4P2'
    """
    if url.startswith(("https://", "http://")) or not url.startswith("docs/"):
        return url
    return md.relative(page, "../" + url.removeprefix("docs/"))


def citation_line(citation: ResolvedCitation, page: str) -> str:
    """A linked citation with its source: ``[HSL 4 kap. 2 §](…) — Hälso- och … (SFS 2017:30)``."""
    source = md.escape(citation.title)
    if citation.source != citation.title:
        source += f" ({md.escape(citation.source)})"
    official = ""
    if citation.act_url != citation.url:
        official = ", " + md.link("official text", href(citation.act_url, page))
    return f"{md.link(citation.text, href(citation.url, page))} — {source}{official}"


def citation_quote(citation: ResolvedCitation) -> str:
    """The provision's text as a quote, marked when it is a paraphrase; empty when unknown."""
    if citation.quote is None:
        return ""
    if citation.quote_is_verbatim:
        return md.quote(citation.quote)
    return f"> *{PARAPHRASE}:* {md.escape(citation.quote)}\n"


def citation_block(citation: ResolvedCitation, page: str) -> str:
    """A citation line followed by its quote, for a rule's Legal basis."""
    quote = citation_quote(citation)
    return f"- {citation_line(citation, page)}\n\n" + (_indent(quote) + "\n" if quote else "")


def _indent(text: str) -> str:
    return "".join(f"    {line}\n" if line else "\n" for line in text.splitlines())


def param_value(parameter: Parameter, value: ParamValue) -> str:
    """One dated value of a parameter, as ``format_param`` writes it."""
    return format_param(parameter.unit, value.value)


def format_param(unit: str, value: object) -> str:
    """A parameter value as its author wrote it: a share in percent, others as they are.

    Example:
        >>> from vardval.checker.docgen.parts import format_param
        >>> from decimal import Decimal
        >>> format_param("percent", Decimal("0.9")), format_param("days", 3)
        ('90%', '3')
    """
    return formatting.format_value(value, "en", "%" if unit == "percent" else "")


def value_citations(registry: SourceRegistry, value: ParamValue, page: str) -> str:
    """The citations of a parameter value, linked (they resolved when the file was loaded)."""
    links = []
    for text in value.cite:
        resolved = registry.resolve_text(text)
        links.append(md.link(resolved.text, href(resolved.url, page)))
    return ", ".join(links)


def param_table(ruleset: RuleSet, parameter: Parameter, page: str) -> str:
    """The dated values of one parameter definition: from, value, citations, file."""
    rows = [[str(value.valid_from), md.code(param_value(parameter, value)),
             value_citations(ruleset.registry, value, page),
             md.code(f"{source_file(ruleset, value.file)}:{value.line}")]
            for value in parameter.values]
    return md.table(["from", "value", "cited", "defined at"], rows)


def source_file(ruleset: RuleSet, file: str) -> str:
    """A corpus file named from the corpus folder's parent (``rules/national/a.yaml``), so pages
    read the same whatever the working directory was.
    """
    path = Path(file).resolve()
    base = ruleset.directory.resolve().parent
    return path.relative_to(base).as_posix() if path.is_relative_to(base) else file


def definitions_for(ruleset: RuleSet, name: str, region: str | None) -> list[Parameter]:
    """The definitions a rule of ``region`` can meet: national first, then the overrides."""
    params = ruleset.parameters
    regions = [region] if region else list(params.regions())
    found = [p for r in regions for p in params.regional(r) if p.name == name]
    first = params.get(name)
    return ([first] if first.region is None else []) + found
