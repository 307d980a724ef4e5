"""A published rule-book change as a Swedish page: what is new, changed and gone, and why it
matters to a clinic (a threshold tightened or loosened), from a ``CorpusDiff``.

The page says what ``vardval diff FROM TO`` says, in the words a clinic reads: Swedish labels,
rule titles in Swedish, values as rule authors write them, links to today's rule pages.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from vardval.checker.docgen import markdown as md

if TYPE_CHECKING:
    from collections.abc import Iterator

    from vardval.checker.analysis import CorpusDiff, FieldChange, ParameterChange, RuleChange

SEVERITY = {"error": "fel", "warning": "varning", "info": "information"}
DIRECTION = {"tightened": "skärpt", "loosened": "lättad"}
KIND = {"added": "tillagd", "removed": "borttagen", "changed": "ändrad"}
#: How a field of ``analysis.diff`` is named to a reader; code-like fields are shown as code.
FIELDS = {"title": "rubrik", "description": "beskrivning", "severity": "allvarlighetsgrad",
          "rulebook": "regelbok", "scope.region": "gäller region",
          "scope.vardval_system": "vårdvalssystem", "valid": "gäller", "when": "prövas när",
          "require": "krav", "cite": "hänvisningar", "message.sv": "meddelande",
          "message.en": "meddelande på engelska", "version": "version", "unit": "enhet",
          "url": "adress", "verified_through": "kontrollerad till och med",
          "text": "lydelse", "note": "anmärkning", "quoted_from": "citerad ur",
          "wording": "lydelse enligt", "unverified": "inte kontrollerat", "verbatim": "ordagrann",
          "in_force_from": "gäller från", "read_from": "läst ur",
          "consolidation": "konsoliderad text"}
CODE_FIELDS = ("when", "require", "message.sv", "message.en", "version")
_VERSION = re.compile(r"^version (\S+): (.*)$")
_HASH = re.compile(r"\b[0-9a-f]{40}\b")
_PART = re.compile(r"^(?:provisions|sections)\[(.+)\](?:\.(\w+))?$")


def field_name(field: str) -> str:
    """A diff field in Swedish; a version's field says which version.

    Example:
        >>> field_name("version 2022-07-01: require"), field_name("severity")
        ('krav (version från 2022-07-01)', 'allvarlighetsgrad')
        >>> field_name("provisions[6 kap. 1 § 2 p.].text")
        '6 kap. 1 § 2 p.: lydelse'
    """
    found = _VERSION.match(field)
    if found and found.group(2) == "version":  # a version added or dropped whole
        return f"version från {found.group(1)}"
    if found:
        return f"{field_name(found.group(2))} (version från {found.group(1)})"
    part = _PART.match(field)
    if part:  # a provision of a source: its own field, or the whole provision
        return f"{part.group(1)}: {FIELDS.get(part.group(2) or 'text', part.group(2))}"
    return FIELDS.get(field, field)


def _bare(field: str) -> str:
    found = _VERSION.match(field)
    return found.group(2) if found else field


def _value(field: str, value: str | None) -> str:
    if value is None:
        return "–"
    return md.code(value) if _bare(field) in CODE_FIELDS else md.escape(value)


def summary(found: CorpusDiff) -> str:
    """One sentence of counts, e.g. "4 regler tillagda, 26 ändrade; 3 parametrar ändrade"."""
    def count(changes: tuple[RuleChange, ...] | tuple[ParameterChange, ...], kind: str) -> int:
        return sum(1 for change in changes if change.kind == kind)

    rules = [f"{count(found.rules, k)} {word}" for k, word in
             (("added", "tillagda"), ("changed", "ändrade"), ("removed", "borttagna"))
             if count(found.rules, k)]
    parts = [f"regler: {', '.join(rules)}"] if rules else []
    if found.parameters:
        parts.append(f"parametrar: {len(found.parameters)} ändrade")
    if found.sources:
        parts.append(f"källor: {len(found.sources)} ändrade")
    return "; ".join(parts) if parts else "inga ändringar"


class ChangePage:
    """The page of one change; ``links`` maps a rule id to its page (rules of today only)."""

    def __init__(self, found: CorpusDiff, page: str, links: dict[str, str]) -> None:
        self.found, self.page, self.links = found, page, links

    def rule_name(self, change: RuleChange) -> str:
        target = self.links.get(change.rule_id)
        name = md.link(change.rule_id, md.relative(self.page, target)) if target else (
            f"**{md.escape(change.rule_id)}**")
        title = change.title.get("sv") or next(iter(change.title.values()), "")
        return f"{name} — {md.escape(title)} ({SEVERITY.get(change.severity, change.severity)})"

    def render(self, title: str, note: str | None) -> str:
        found = self.found
        before, after = short(found.before), short(found.after)
        out = [f"# {md.escape(title)}", "",
               (f"Vad som ändrades i regelverket från {md.code(before)} till "
                f"{md.code(after)}: {summary(found)}. Sidan är skapad av "
                f"{md.code(f'vardval diff {before} {after}')} när webbplatsen byggdes."), ""]
        if note:
            out += [md.escape(note), ""]
        out += self.rules_part("added", "Nya regler")
        out += self.changed_part()
        out += self.rules_part("removed", "Borttagna regler")
        out += self.parameters_part()
        out += self.sources_part()
        return "\n".join(out)

    def rules_part(self, kind: str, heading: str) -> list[str]:
        rules = [change for change in self.found.rules if change.kind == kind]
        if not rules:
            return []
        return [f"## {heading}", "", *(f"- {self.rule_name(change)}" for change in rules), ""]

    def changed_part(self) -> list[str]:
        rules = [change for change in self.found.rules if change.kind == "changed"]
        if not rules:
            return []
        out = ["## Ändrade regler", ""]
        for change in rules:
            out += [f"### {self.rule_name(change)}", "",
                    md.table(["vad", "före", "efter"], _field_rows(change.fields))]
        return out

    def parameters_part(self) -> list[str]:
        if not self.found.parameters:
            return []
        rows = [row for change in self.found.parameters for row in _parameter_rows(change)]
        return ["## Parametrar", "",
                ("Ett värde gäller för de perioder vars första dag faller från och med dagen "
                 "i kolumnen *från*. *Skärpt* betyder att regler som läser parametern blir "
                 "svårare att uppfylla, *lättad* lättare."), "",
                md.table(["parameter", "gäller", "från", "före", "efter", "ändring"], rows)]

    def sources_part(self) -> list[str]:
        if not self.found.sources:
            return []
        out = ["## Källor", ""]
        for change in self.found.sources:
            out += [f"### {md.escape(change.source_id)} ({KIND[change.kind]})", ""]
            if change.fields:
                out.append(md.table(["vad", "före", "efter"], _field_rows(change.fields)))
        return out


def short(label: str) -> str:
    """A corpus label with each full commit hash cut to seven characters (git reads both).

    Example:
        >>> short("afa6c1bc33bae0dd9c31cebf2eb5cd23d7c21a6b:rules")
        'afa6c1b:rules'
    """
    return _HASH.sub(lambda found: found.group(0)[:7], label)


def _field_rows(fields: tuple[FieldChange, ...]) -> Iterator[list[str]]:
    """A row per changed field; the English messages stay out (this page is for clinics)."""
    for item in fields:
        if _bare(item.field) == "message.en":
            continue
        yield [md.escape(field_name(item.field)), _value(item.field, item.before),
               _value(item.field, item.after)]


def _parameter_rows(change: ParameterChange) -> Iterator[list[str]]:
    name, scope = md.code(change.name), md.escape(change.region or "hela landet")
    for value in change.values:
        verdict = DIRECTION.get(value.direction or "", KIND[change.kind])
        yield [name, scope, str(value.day), md.escape(value.before or "–"),
               md.escape(value.after or "–"), verdict]
    for item in change.fields:
        yield [name, scope, md.escape(field_name(item.field)), _value(item.field, item.before),
               _value(item.field, item.after), KIND[change.kind]]
