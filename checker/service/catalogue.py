"""The rule corpus as API data: rules with their law and logic, parameters with timelines,
sources. Read from the loaded ``RuleSet`` only; nothing here touches a file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vardval.checker.docgen import uses
from vardval.checker.formatting import plain

if TYPE_CHECKING:
    import datetime as dt

    from vardval.checker.corpus import Rule, Rulebook, RuleSet, RuleVersion
    from vardval.checker.parameters import Parameter
    from vardval.checker.sources import ResolvedCitation


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def rule_summary(rule: Rule) -> dict[str, Any]:
    return {"id": rule.id, "title": dict(rule.title), "severity": rule.severity,
            "rulebook": rule.rulebook, "region": rule.region,
            "valid_from": _day(rule.valid_from), "valid_to": _day(rule.valid_to)}


def rules_json(ruleset: RuleSet) -> dict[str, Any]:
    return {"rules": [rule_summary(rule) for rule in ruleset.rules()]}


def citation_json(citation: ResolvedCitation) -> dict[str, Any]:
    return {"text": citation.text, "source": citation.source, "title": citation.title,
            "url": citation.url, "quote": citation.quote,
            "quote_is_verbatim": citation.quote_is_verbatim}


def version_json(version: RuleVersion) -> dict[str, Any]:
    return {"valid_from": _day(version.valid_from), "valid_to": _day(version.valid_to),
            "when": version.when_text, "require": version.require_text,
            "citations": [citation_json(c) for c in version.citations],
            "line": version.line}


def parameter_json(parameter: Parameter) -> dict[str, Any]:
    """A parameter's definition and every dated value, each with what it cites."""
    return {"name": parameter.name, "unit": parameter.unit, "region": parameter.region,
            "description": {"sv": parameter.description.sv, "en": parameter.description.en},
            "timeline": [{"valid_from": v.valid_from.isoformat(), "value": plain(v.value),
                          "citations": list(v.cite)} for v in parameter.values]}


def rule_json(ruleset: RuleSet, rule: Rule) -> dict[str, Any]:
    """One rule in full: description, versions with their logic and law, what it reads."""
    book = _book(ruleset, rule)
    used = uses(rule, book)
    return {
        **rule_summary(rule),
        "description": dict(rule.description) if rule.description else None,
        "source": {"file": rule.file, "line": rule.line},
        "versions": [version_json(v) for v in rule.versions],
        "definitions": {name: book.definition_texts.get(name) for name in used.definitions},
        "parameters": [parameter_json(p) for name in used.parameters
                       for p in _definitions(ruleset, name, rule.region)],
    }


def _book(ruleset: RuleSet, rule: Rule) -> Rulebook:
    return next(b for b in ruleset.rulebooks if b.id == rule.rulebook)


def _definitions(ruleset: RuleSet, name: str, region: str | None) -> list[Parameter]:
    """The national definition of a parameter, and the region's override where it has one."""
    params = ruleset.parameters
    national = params.get(name)
    regional = params.get(name, region) if region else national
    return [national] if regional is national else [national, regional]


def sources_json(ruleset: RuleSet) -> dict[str, Any]:
    registry = ruleset.registry
    return {"sources": [_source_json(registry.get(sid), sid, ruleset) for sid in registry.ids()]}


def _source_json(source: Any, source_id: str, ruleset: RuleSet) -> dict[str, Any]:
    provisions = ruleset.registry.provisions_for(source_id)
    return {"id": source_id, "kind": source.kind,
            "title": {"sv": source.title.sv, "en": source.title.en}, "url": str(source.url),
            "provisions": [{"citation": p.citation, "text": p.text, "verbatim": p.verbatim,
                            "url": p.url} for p in provisions]}
