"""A corpus diff as text, Markdown and JSON (``vardval/diff@1``); GitHub annotations elsewhere."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from vardval.checker.analysis.words import KIND_MARKS, WORDS

if TYPE_CHECKING:
    from vardval.checker.analysis.diff import (
        CorpusDiff,
        FieldChange,
        ParameterChange,
        RuleChange,
        SourceChange,
        ValueChange,
    )


def counts_line(found: CorpusDiff) -> str:
    counts = found.counts()
    return ", ".join(f"{counts[k]} {WORDS[k]}" for k in ("added", "removed", "changed"))


def value_line(change: ValueChange) -> str:
    verdict = f" — {WORDS[change.direction]}" if change.direction else ""
    return (f"{WORDS['from']} {change.day}: {change.before or WORDS['none']} → "
            f"{change.after or WORDS['none']}{verdict}")


def scope(change: ParameterChange) -> str:
    return change.region or WORDS["national"]


def rule_head(change: RuleChange, lang: str) -> str:
    return (f"{KIND_MARKS[change.kind]} {change.rule_id} [{change.severity}] "
            f"{change.title.get(lang, change.rule_id)} ({WORDS[change.kind]})")


def field_lines(fields: tuple[FieldChange, ...], indent: str) -> Iterator[str]:
    for item in fields:
        yield f"{indent}{item.field}: {item.before or WORDS['none']}"
        yield f"{indent}{' ' * len(item.field)}→ {item.after or WORDS['none']}"


def text(found: CorpusDiff, lang: str = "sv") -> str:
    lines = [f"{WORDS['diff']}: {found.before} → {found.after}"]
    if found.empty:
        return "\n".join([*lines, f"  {WORDS['no_changes']}", ""])
    lines.append(f"  {counts_line(found)}")
    if found.rules:
        lines += ["", f"{WORDS['rules']}:"]
        for change in found.rules:
            lines.append(f"  {rule_head(change, lang)} — {change.where}")
            lines += field_lines(change.fields, "      ")
    if found.parameters:
        lines += ["", f"{WORDS['parameters']}:"]
        for parameter in found.parameters:
            lines.append(f"  {KIND_MARKS[parameter.kind]} {parameter.name} ({scope(parameter)}, "
                         f"{parameter.unit}; {WORDS[parameter.kind]}) — {parameter.where}")
            lines += [f"      {value_line(v)}" for v in parameter.values]
            lines += field_lines(parameter.fields, "      ")
    if found.sources:
        lines += ["", f"{WORDS['sources']}:"]
        for source in found.sources:
            lines.append(f"  {KIND_MARKS[source.kind]} {source.source_id} ({WORDS[source.kind]})")
            lines += field_lines(source.fields, "      ")
    return "\n".join([*lines, ""])


def _cell(value: str | None) -> str:
    shown = value if value is not None else WORDS["none"]
    return shown.replace("|", "\\|").replace("\n", " ")


def markdown(found: CorpusDiff, lang: str = "sv", level: int = 1) -> str:
    head = "#" * level
    summary = counts_line(found) if not found.empty else WORDS["no_changes"]
    out = [f"{head} {WORDS['diff']}", "", f"`{found.before}` → `{found.after}`: {summary}.", ""]
    if found.rules:
        out += [f"{head}# {WORDS['rules']}", ""]
        for change in found.rules:
            title = _cell(change.title.get(lang))
            out += [f"- **{change.rule_id}** [{change.severity}] {title} — {WORDS[change.kind]}"]
            out += [f"    - `{item.field}`: {_cell(item.before)} → {_cell(item.after)}"
                    for item in change.fields]
        out.append("")
    if found.parameters:
        out += [f"{head}# {WORDS['parameters']}", "",
                "| parameter | | " + WORDS["from"] + " | " + WORDS["before"] + " | "
                + WORDS["after"] + " | |", "|---|---|---|---|---|---|"]
        for parameter in found.parameters:
            rows = parameter.values or ()
            first = f"`{parameter.name}` | {scope(parameter)}"
            if not rows:
                out.append(f"| {first} | | | | {WORDS[parameter.kind]} |")
            for value in rows:
                out.append(f"| {first} | {value.day} | {_cell(value.before)} | "
                           f"{_cell(value.after)} | {WORDS[value.direction or parameter.kind]} |")
            out += [f"| {first} | {_cell(item.field)} | | {_cell(item.before)} | "
                    f"{_cell(item.after)} | |" for item in parameter.fields]
        out.append("")
    if found.sources:
        out += [f"{head}# {WORDS['sources']}", ""]
        for source in found.sources:
            out.append(f"- **{source.source_id}** — {WORDS[source.kind]}")
            out += [f"    - `{item.field}`: {_cell(item.before)} → {_cell(item.after)}"
                    for item in source.fields]
        out.append("")
    return "\n".join(out)


def as_json(found: CorpusDiff) -> dict[str, Any]:
    def fields(items: tuple[FieldChange, ...]) -> list[dict[str, Any]]:
        return [{"field": i.field, "before": i.before, "after": i.after} for i in items]

    def rule(change: RuleChange) -> dict[str, Any]:
        return {"id": change.rule_id, "change": change.kind, "title": change.title,
                "severity": change.severity, "where": change.where,
                "fields": fields(change.fields)}

    def parameter(change: ParameterChange) -> dict[str, Any]:
        return {"name": change.name, "region": change.region, "change": change.kind,
                "unit": change.unit, "where": change.where, "fields": fields(change.fields),
                "values": [{"from": str(v.day), "before": v.before, "after": v.after,
                            "direction": v.direction} for v in change.values]}

    def source(change: SourceChange) -> dict[str, Any]:
        return {"id": change.source_id, "change": change.kind, "fields": fields(change.fields)}

    return {"format": "vardval/diff@1", "before": found.before, "after": found.after,
            "counts": found.counts(), "rules": [rule(c) for c in found.rules],
            "parameters": [parameter(c) for c in found.parameters],
            "sources": [source(c) for c in found.sources]}


def json_text(found: CorpusDiff, extra: dict[str, Any] | None = None) -> str:
    return json.dumps({**as_json(found), **(extra or {})}, ensure_ascii=False, indent=2) + "\n"
