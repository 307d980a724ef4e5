"""A what-if as one self-contained HTML page: the changes in the rules, per rule, per clinic."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import TYPE_CHECKING

from vardval.checker.analysis import render_diff
from vardval.checker.analysis.render_whatif import count_changes, summary_line
from vardval.checker.analysis.words import (
    STATUS_WORDS,
    WORDS,
    clinic_name,
    message,
    pair_text,
    value_pairs,
)
from vardval.checker.formatting import printable

if TYPE_CHECKING:
    from vardval.checker.analysis.diff import CorpusDiff
    from vardval.checker.analysis.whatif import WhatIf

_CSS = """body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;
padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}
.fail{color:#b00020;font-weight:600}.pass{color:#1b5e20;font-weight:600}
.num{text-align:right}pre{white-space:pre-wrap;background:#f7f7f7;padding:.5rem}"""


def _status(status: str) -> str:
    return f'<span class="{escape(status)}">{escape(STATUS_WORDS[status])}</span>'


def _head(*keys: str) -> str:
    return "<tr>" + "".join(f"<th>{escape(WORDS[key])}</th>" for key in keys) + "</tr>"


def page(result: WhatIf, variant: CorpusDiff, lang: str = "sv",
         units: Mapping[str, str] | None = None) -> str:
    units = units or {}
    parts = [(f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
              f"<title>{escape(WORDS['whatif'])}</title><style>{_CSS}</style></head><body>"),
             f"<h1>{escape(WORDS['whatif'])}</h1>",
             f"<p>{escape(result.base_label)} → {escape(result.variant_label)}</p>",
             f"<p>{escape(summary_line(result))}</p>",
             f"<h2>{escape(WORDS['rulebook_changes'])}</h2>",
             f"<pre>{escape(render_diff.text(variant, lang))}</pre>",
             f"<h2>{escape(WORDS['per_rule'])}</h2>"]
    parts.append(_rules_table(result, lang))
    if result.changed:
        parts.append(f"<h2>{escape(WORDS['per_clinic'])}</h2>")
        parts.append(_clinics_table(result, lang, units))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _rules_table(result: WhatIf, lang: str) -> str:
    changed = result.changed_rules()
    if not changed:
        return f"<p>{escape(WORDS['no_status_change'])}</p>"
    rows = [_head("rule", "title", "status", "baseline", "variant")]
    for rule_id in changed:
        title = escape(result.titles[rule_id].get(lang, ""))
        for status, before, after in count_changes(result.counts[rule_id]):
            rows.append(f"<tr><td>{escape(rule_id)}</td><td>{title}</td><td>{_status(status)}"
                        f'</td><td class="num">{before}</td><td class="num">{after}</td></tr>')
    return "<table>" + "".join(rows) + "</table>"


def _clinics_table(result: WhatIf, lang: str, units: Mapping[str, str]) -> str:
    rows = [_head("clinic", "period", "rule", "status", "before", "after", "values")]
    for submission in result.changed:
        who = _shown(f"{clinic_name(submission.clinic)}, {submission.clinic.get('region', '')}")
        for change in submission.changes:
            values = "<br>".join(_shown(f"{name} = {pair_text(old, new)}")
                                 for name, old, new in value_pairs(change, lang, units))
            rows.append(
                f"<tr><td>{who}<br><small>{_shown(submission.file)}</small></td>"
                f"<td>{_shown(submission.period)}</td><td>{_shown(change.rule_id)}</td>"
                f"<td>{_status(change.before)} → {_status(change.after)}</td>"
                f"<td>{_shown(message(change, 0, lang))}</td>"
                f"<td>{_shown(message(change, 1, lang))}</td><td>{values}</td></tr>")
    return "<table>" + "".join(rows) + "</table>"


def _shown(text: str) -> str:
    """A text from a submission (a clinic's name, a message quoting its values) for a cell:
    escaped, and its control characters written as ``\\xNN`` as the check report does."""
    return escape(printable(text))
