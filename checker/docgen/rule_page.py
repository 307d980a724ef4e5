"""One rule's page: Requirement · Legal basis · Logic · Parameters · Examples · History.

``rule_page`` is a pure function of the loaded corpus, the rule and its example cases.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING

from vardval.checker.authoring import to_json
from vardval.checker.docgen import markdown as md
from vardval.checker.docgen import parts
from vardval.checker.docgen.logic import layout, uses
from vardval.checker.report import evidence_value, share_names

if TYPE_CHECKING:
    from collections.abc import Iterable

    from vardval.checker.corpus import Rule, Rulebook, RuleSet, RuleVersion
    from vardval.checker.docgen.examples import Example
    from vardval.checker.engine import Evidence
    from vardval.checker.sources import ResolvedCitation

DSL_REFERENCE = "dsl-reference.md"
#: The page's sections, Swedish first with English beside (the site is read in both).
HEADINGS = {"requirement": "Krav · Requirement", "legal": "Rättslig grund · Legal basis",
            "logic": "Logik · Logic", "parameters": "Parametrar · Parameters",
            "examples": "Exempel · Examples", "history": "Historik · History"}
_STATUS_ORDER = {"pass": 0, "fail": 1, "indeterminate": 2, "not_applicable": 3}


def rule_page(ruleset: RuleSet, rule: Rule, examples: Iterable[Example] = (),
              *, dsl_reference: bool = False) -> str:
    """The Markdown page of ``rule``; ``dsl_reference`` links the hand-written DSL page."""
    book = book_of(ruleset, rule)
    page = md.rule_page(rule.id)
    used = uses(rule, book)
    dsl_link = md.relative(page, "../" + DSL_REFERENCE) if dsl_reference else None
    sections = [_head(ruleset, rule, book, page), _requirement(ruleset, rule, page),
                _legal_basis(ruleset, rule, page), _logic(rule, book, used.definitions, dsl_link),
                _parameters(ruleset, rule, used.parameters), _examples(ruleset, list(examples)),
                _history(rule)]
    return "\n".join(sections)


def book_of(ruleset: RuleSet, rule: Rule) -> Rulebook:
    return next(book for book in ruleset.rulebooks if book.id == rule.rulebook)


def _head(ruleset: RuleSet, rule: Rule, book: Rulebook, page: str) -> str:
    index = md.relative(page, "rules.md") + "#" + md.slug(book.id)
    rows = [["Allvarlighetsgrad · Severity", md.code(rule.severity)],
            ["Gäller · In force", parts.validity(rule)],
            ["Omfattning · Scope", parts.scope(rule)],
            ["Regelbok · Rulebook",
             f"[{md.escape(book.id)}]({index}) — {md.bilingual(book.title)}"],
            ["Definierad i · Defined in",
             md.code(f"{parts.source_file(ruleset, rule.file)}:{rule.line}")]]
    return (f"# {md.escape(rule.id)}\n\n**{md.escape(rule.title['sv'])}**  \n"
            f"*{md.escape(rule.title['en'])}*\n\n" + md.table(["", ""], rows))


def _requirement(ruleset: RuleSet, rule: Rule, page: str) -> str:
    out = f"## {HEADINGS['requirement']}\n\n"
    if rule.description:
        sv, en = (parts.prose(ruleset, rule.description[lang], page) for lang in ("sv", "en"))
        out += f"{sv}\n\n*{en}*\n\n"
    message = rule.versions[-1].message
    out += ("A finding of this rule says (placeholders in braces are filled from the "
            "submission):\n\n")
    return out + "".join(f"- **{lang}:** {md.code(message[lang].source)}\n"
                         for lang in ("sv", "en"))


def _legal_basis(ruleset: RuleSet, rule: Rule, page: str) -> str:
    out = f"## {HEADINGS['legal']}\n\n"
    for citation, versions in _citations_by_version(rule):
        out += parts.citation_block(citation, page)
        if len(versions) < len(rule.versions):
            out += f"    *Cited {', '.join(versions)}.*\n\n"
        through = ruleset.registry.get(citation.source_id).verified_through
        if through is not None:
            out += (f"    *Source verified through {through.isoformat()} "
                    f"(verifierad till och med {through.isoformat()}).*\n\n")
    return out


def _citations_by_version(rule: Rule) -> list[tuple[ResolvedCitation, list[str]]]:
    """Each distinct citation once, with the versions that cite it (first citing version first)."""
    found: dict[str, tuple[ResolvedCitation, list[str]]] = {}
    for version in rule.versions:
        for citation in version.citations:
            entry = found.setdefault(citation.text, (citation, []))
            entry[1].append(_period(version))
    return list(found.values())


def _period(version: RuleVersion) -> str:
    return parts.span_text(version.valid_from, version.valid_to)


def _logic(rule: Rule, book: Rulebook, used: tuple[str, ...], dsl_link: str | None) -> str:
    out = f"## {HEADINGS['logic']}\n\n"
    if dsl_link is not None:
        out += f"Written in the rule language; see the [DSL reference]({dsl_link}).\n\n"
    if used:
        defs = "\n".join(_definition(name, book) for name in used)
        out += f"Definitions of {md.code(book.id)} it uses:\n\n{md.fenced(defs)}\n"
    groups = _logic_groups(rule)
    for label, version in groups:
        if len(groups) > 1:
            out += f"### {label}\n\n"
        out += md.fenced(_when_require(version)) + "\n"
    return out


def _definition(name: str, book: Rulebook) -> str:
    body = layout(book.definitions[name].expr, width=80)
    if "\n" not in body:
        return f"{name} = {body}"
    return f"{name} =\n" + "\n".join("    " + line for line in body.splitlines())


def _when_require(version: RuleVersion) -> str:
    blocks = [("when", version.when), ("require", version.require)]
    return "\n".join(f"{key}:\n" + "\n".join("    " + line
                                               for line in layout(c.expr, 80).splitlines())
                     for key, c in blocks if c is not None)


def _logic_groups(rule: Rule) -> list[tuple[str, RuleVersion]]:
    """Consecutive versions with the same when/require shown once, labelled with their period."""
    groups: list[tuple[list[RuleVersion], str]] = []
    for version in rule.versions:
        text = _when_require(version)
        if groups and groups[-1][1] == text:
            groups[-1][0].append(version)
        else:
            groups.append(([version], text))
    return [(parts.span_text(vs[0].valid_from, vs[-1].valid_to), vs[0]) for vs, _ in groups]


def _parameters(ruleset: RuleSet, rule: Rule, names: tuple[str, ...]) -> str:
    if not names:
        return f"## {HEADINGS['parameters']}\n\nThis rule uses no parameters.\n"
    out = (f"## {HEADINGS['parameters']}\n\n"
           "Values are taken as in force on the period's first day.\n\n")
    for name in names:
        out += _parameter(ruleset, rule, name)
    return out


def _parameter(ruleset: RuleSet, rule: Rule, name: str) -> str:
    first = ruleset.parameters.get(name, rule.region)
    out = (f"### {md.code(name)}\n\n{md.bilingual(asdict(first.description))} "
           f"(unit: {first.unit})\n\n")
    for definition in parts.definitions_for(ruleset, name, rule.region):
        scope = f"Region {md.code(definition.region)}" if definition.region else "National"
        out += f"{scope}:\n\n{parts.param_table(ruleset, definition, md.rule_page(rule.id))}\n"
    return out


def _examples(ruleset: RuleSet, examples: list[Example]) -> str:
    out = f"## {HEADINGS['examples']}\n\n"
    if not examples:
        return out + "No example cases for this rule yet (they live in `fixtures/cases/`).\n"
    out += ("Cases from `fixtures/cases/`, run through the engine when these pages were built; "
            "the deciding values are what the rule read.\n\n")
    ordered = sorted(examples, key=lambda e: (_STATUS_ORDER.get(e.case.expect, 9), e.case.file,
                                              e.case.line))
    return out + "\n".join(_example(ruleset, example) for example in ordered)


def _example(ruleset: RuleSet, example: Example) -> str:
    case = example.case
    boundary = " (at the limit)" if case.boundary else ""
    out = (f"### {case.expect.replace('_', ' ')}: {md.escape(case.name)}{boundary}\n\n"
           f"Case {md.code(f'{parts.source_file(ruleset, case.file)}:{case.line}')}, expects "
           f"{md.code(case.expect)}.\n\n")
    changes = [f"set {path} = {to_json(value)}" for path, value in case.set]
    changes += [f"remove {path}" for path in case.remove]
    out += "- Changes to the base submission: " + (
        "; ".join(md.code(c) for c in changes) or "none") + "\n"
    if example.finding is None:
        return out + (f'\n!!! warning "This case could not run"\n    '
                      f"{md.escape('; '.join(example.problems))}\n")
    finding = example.finding
    out += f"- The engine says {md.code(finding.status)}: {md.bilingual(finding.message)}\n"
    shares = share_names(finding.rule)
    evidence = ", ".join(_evidence(ruleset, e, shares) for e in finding.evidence) or "none"
    out += f"- Deciding values: {evidence}\n"
    if not example.ok:
        out += ('\n!!! warning "The engine disagrees with this case"\n    '
                "`vardval test` reports it; this page shows what the engine says.\n")
    return out


def _evidence(ruleset: RuleSet, item: Evidence, shares: frozenset[str]) -> str:
    """Exact, as in every report (``report.evidence_value``)."""
    if not item.present:
        return f"{md.code(item.name)} missing"
    unit = ruleset.parameters.get(item.name).unit if item.kind == "parameter" else None
    value = evidence_value(item, "en", unit, share=item.name in shares)
    name = f"param({item.name})" if item.kind == "parameter" else item.name
    return f"{md.code(name)} = {md.escape(value)}"


def _history(rule: Rule) -> str:
    rows = []
    previous: RuleVersion | None = None
    for version in rule.versions:
        rows.append([_period(version), _changes(previous, version)])
        previous = version
    return f"## {HEADINGS['history']}\n\n" + md.table(["in force", "what changed"], rows)


def _changes(previous: RuleVersion | None, version: RuleVersion) -> str:
    if previous is None:
        return "first version"
    changed = []
    old = {c.text for c in previous.citations}
    new = {c.text for c in version.citations}
    changed += [f"cites {md.escape(t)}" for t in sorted(new - old)]
    changed += [f"no longer cites {md.escape(t)}" for t in sorted(old - new)]
    if _when_require(previous) != _when_require(version):
        changed.append("logic changed")
    if {k: t.source for k, t in previous.message.items()} != {
            k: t.source for k, t in version.message.items()}:
        changed.append("message changed")
    return "; ".join(changed) or "no change in citations, logic or message"
