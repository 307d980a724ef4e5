"""A what-if as text, Markdown (for a nämnd's tjänsteskrivelse) and JSON (``vardval/whatif@1``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from vardval.checker import formatting
from vardval.checker.analysis import render_diff
from vardval.checker.analysis.words import (
    STATUS_WORDS,
    WORDS,
    clinic_name,
    message,
    pair_text,
    value_pairs,
)

if TYPE_CHECKING:
    from vardval.checker.analysis.diff import CorpusDiff
    from vardval.checker.analysis.whatif import Change, SubmissionChanges, WhatIf

ORDER = ("fail", "indeterminate", "pass", "not_applicable", "absent")


def count_changes(counts: tuple[dict[str, int], dict[str, int]]) -> list[tuple[str, int, int]]:
    """(status, baseline count, variant count) for each status either side has."""
    before, after = counts
    return [(s, before[s], after[s]) for s in ORDER if before[s] or after[s]]


def summary_line(result: WhatIf) -> str:
    clinics = len({str(s.clinic.get("hsa_id", s.file)) for s in result.changed})
    return (f"{result.submissions} {WORDS['submissions']}, {len(result.invalid)} "
            f"{WORDS['invalid']}; {result.changes()} {WORDS['changed_findings']}; {clinics} "
            f"{WORDS['clinics_changed']}")


def _counts_text(result: WhatIf, rule_id: str) -> str:
    return ", ".join(f"{STATUS_WORDS[s]} {pair_text(str(a), str(b))}"
                     for s, a, b in count_changes(result.counts[rule_id]))


def rules_text(result: WhatIf, lang: str) -> list[str]:
    """Per rule whose counts move: the counts by status, baseline → variant."""
    lines = [f"{WORDS['per_rule']} ({WORDS['baseline']} → {WORDS['variant']}):"]
    changed = result.changed_rules()
    if not changed:
        lines.append(f"  {WORDS['no_status_change']}")
    for rule_id in changed:
        lines.append(f"  {rule_id} [{result.severities[rule_id]}] "
                     f"{result.titles[rule_id].get(lang, '')}")
        lines.append(f"      {_counts_text(result, rule_id)}")
    return lines


def rules_markdown(result: WhatIf, lang: str) -> list[str]:
    """The per-rule counts as a Markdown table."""
    changed = result.changed_rules()
    if not changed:
        return [f"{WORDS['no_status_change']}.", ""]
    head = " | ".join(WORDS[k] for k in ("rule", "title", "status", "baseline", "variant"))
    out = [f"| {head} |", "|---|---|---|---:|---:|"]
    for rule_id in changed:
        for status, before, after in count_changes(result.counts[rule_id]):
            out.append(f"| {rule_id} | {_cell(result.titles[rule_id].get(lang, ''))} | "
                       f"{STATUS_WORDS[status]} | {before} | {after} |")
    return [*out, ""]


def text(result: WhatIf, variant: CorpusDiff, lang: str = "sv",
         units: Mapping[str, str] | None = None, *, details: bool = True) -> str:
    units = units or {}
    lines = [f"{WORDS['whatif']}: {result.base_label} → {result.variant_label}", ""]
    lines += [f"  {line}" if line else "" for line in render_diff.text(variant, lang).splitlines()]
    lines += ["", summary_line(result), "", *rules_text(result, lang)]
    if details and result.changed:
        lines += ["", f"{WORDS['per_clinic']}:"]
        for submission in result.changed:
            lines += _submission_text(submission, lang, units)
    if result.invalid:
        lines += ["", f"{WORDS['invalid']}:", *(f"  {item}" for item in result.invalid)]
    return "\n".join([*lines, ""])


def _submission_text(submission: SubmissionChanges, lang: str,
                     units: Mapping[str, str]) -> list[str]:
    clinic = submission.clinic
    who = f"{clinic_name(clinic)}, {clinic.get('region', '')}, {submission.period}"
    lines = [f"  {who} — {submission.file}"]
    for change in submission.changes:
        lines.append(f"    {change.rule_id}: {STATUS_WORDS[change.before]} → "
                     f"{STATUS_WORDS[change.after]}")
        lines.append(f"      {WORDS['before']}: {message(change, 0, lang)}")
        lines.append(f"      {WORDS['after']}: {message(change, 1, lang)}")
        values = "; ".join(f"{name} = {pair_text(old, new)}"
                           for name, old, new in value_pairs(change, lang, units))
        if values:
            lines.append(f"      {WORDS['values']}: {values}")
    return [formatting.printable(line) for line in lines]  # names, messages, values: the file's


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def markdown(result: WhatIf, variant: CorpusDiff, lang: str = "sv",
             units: Mapping[str, str] | None = None) -> str:
    units = units or {}
    out = [f"# {WORDS['whatif']}", "",
           (f"{WORDS['baseline'].capitalize()}: `{result.base_label}`; "
            f"{WORDS['variant']}: `{result.variant_label}`."), "", summary_line(result) + ".", "",
           render_diff.markdown(variant, lang, level=2),
           f"## {WORDS['per_rule']}", "", *rules_markdown(result, lang)]
    if result.changed:
        out += [f"## {WORDS['per_clinic']}", ""]
        for submission in result.changed:
            out += _submission_markdown(submission, lang, units)
    return "\n".join(out)


def _submission_markdown(submission: SubmissionChanges, lang: str,
                         units: Mapping[str, str]) -> list[str]:
    clinic = submission.clinic
    out = [f"### {_cell(clinic_name(clinic))}, {clinic.get('region', '')}, {submission.period}",
           "", f"`{submission.file}`", ""]
    for change in submission.changes:
        moved = f"{STATUS_WORDS[change.before]} → {STATUS_WORDS[change.after]}"
        out += [f"- **{change.rule_id}**: {moved}",
                f"    - {WORDS['before']}: {_cell(message(change, 0, lang))}",
                f"    - {WORDS['after']}: {_cell(message(change, 1, lang))}"]
        values = "; ".join(f"`{name}` = {pair_text(old, new)}"
                           for name, old, new in value_pairs(change, lang, units))
        if values:
            out.append(f"    - {WORDS['values']}: {_cell(values)}")
    return [*(formatting.printable(line) for line in out), ""]  # texts from the file


def as_json(result: WhatIf, variant: CorpusDiff, units: Mapping[str, str] | None = None,
            ) -> dict[str, Any]:
    units = units or {}
    rules = [{"id": rule_id, "title": result.titles[rule_id],
              "severity": result.severities[rule_id],
              "baseline": result.counts[rule_id][0], "variant": result.counts[rule_id][1]}
             for rule_id in result.changed_rules()]
    return {"format": "vardval/whatif@1", "baseline": result.base_label,
            "variant": result.variant_label, "changes_in_rules": render_diff.as_json(variant),
            "submissions": result.submissions, "invalid": result.invalid,
            "changed_findings": result.changes(), "rules": rules,
            "clinics": [_submission_json(s, units) for s in result.changed]}


def _submission_json(submission: SubmissionChanges, units: Mapping[str, str]) -> dict[str, Any]:
    return {"file": submission.file, "clinic": submission.clinic, "period": submission.period,
            "changes": [_change_json(c, units) for c in submission.changes]}


def _change_json(change: Change, units: Mapping[str, str]) -> dict[str, Any]:
    def evidence(side: int) -> dict[str, Any]:
        finding = change.base if side == 0 else change.variant
        return {item.name: formatting.plain(item.value) if item.present else None
                for item in (finding.evidence if finding else ())}

    return {"rule": change.rule_id, "baseline": change.before, "variant": change.after,
            "message": {"baseline": change.base.message if change.base else None,
                        "variant": change.variant.message if change.variant else None},
            "values": {"baseline": evidence(0), "variant": evidence(1)},
            "shown": [{"name": n, "baseline": a, "variant": b}
                      for n, a, b in value_pairs(change, "sv", units)]}


def json_text(result: WhatIf, variant: CorpusDiff, units: Mapping[str, str] | None = None,
              ) -> str:
    return json.dumps(as_json(result, variant, units), ensure_ascii=False, indent=2) + "\n"
