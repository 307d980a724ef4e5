"""``vardval history --format html``: one self-contained page, a clinic × quarter timeline
per rule, each cell coloured by status, marked when waived, resubmitted or changed."""

from __future__ import annotations

import datetime as dt
from html import escape

from vardval.checker.formatting import printable
from vardval.checker.store.actions import LABELS, FollowUp
from vardval.checker.store.history import Cell, History
from vardval.checker.store.history_text import WORDS

_SYMBOL = {"fail": "✗", "indeterminate": "?", "pass": "✓", "not_applicable": "–", None: "·"}
_TITLE = {"sv": "Historik per regel: vårdcentral × kvartal",
          "en": "History per rule: clinic × quarter"}
_CSS = """body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border:1px solid #ccc;padding:.2rem .45rem;text-align:center;font-size:.9rem}
th.clinic,td.clinic{text-align:left}
.s-fail{background:#f8d7da}.s-indeterminate{background:#fff3cd}.s-pass{background:#d1e7dd}
.s-not_applicable{background:#eee;color:#777}.s-gap{background:#fff;color:#999}
.w{outline:2px dashed #0a58ca}.overdue{color:#b02a37;font-weight:bold}small{color:#555}"""


def render(value: History, lang: str, today: dt.date) -> str:
    words = WORDS[lang]
    title = _TITLE[lang]
    body = [f"<h1>{escape(title)}</h1>"]
    if not value.clinics:
        body.append(f"<p>{escape(words['none'])}</p>")
    rule_ids = list(dict.fromkeys(line.rule_id for c in value.clinics for line in c.rules))
    for rule_id in rule_ids:
        head = "".join(f"<th>{escape(q)}</th>" for q in value.quarters)
        rows = []
        for clinic in value.clinics:
            line = next((r for r in clinic.rules if r.rule_id == rule_id), None)
            if line is None:
                continue
            cells = "".join(_cell(c, lang) for c in line.cells)
            follow = _follow(line.follow_up, lang, today) if line.follow_up else ""
            rows.append(f'<tr><td class="clinic">{escape(printable(clinic.name))}<br><small>'
                        f"{escape(printable(clinic.hsa_id))}</small></td>{cells}{follow}</tr>")
        body.append(f'<h2>{escape(rule_id)}</h2><table><tr><th class="clinic">'
                    f"{escape(words['rule'])}</th>{head}</tr>{''.join(rows)}</table>")
    body.append(f"<p><small>{escape(words['gaps'])}</small></p>")
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
            + "".join(body) + "</body></html>\n")


def _follow(follow: FollowUp, lang: str, today: dt.date) -> str:
    """The follow-up beside a clinic's row: the latest step, its due date, overdue or not."""
    words, late = WORDS[lang], follow.overdue(today)
    text = LABELS[lang][follow.steps[-1].kind]
    if follow.due:
        text += f" {words['due']} {follow.due}"
    if late:
        text += f" — {words['overdue']}"
    return f'<td class="{"overdue" if late else "follow"}">{escape(text)}</td>'


def _cell(cell: Cell, lang: str) -> str:
    words = WORDS[lang]
    status = cell.status or "gap"
    label = [words.get(status, words["gap"])]
    if cell.change and cell.change != "gap":
        label.append(words.get(cell.change, cell.change).format(n=cell.streak)
                     if cell.change != "rules" else words["by_rules"])
    if cell.waiver is not None:
        label.append(f"{words['waived']} {cell.waiver.decision}")
    if cell.revision and cell.revision > 1:
        label.append(f"rev {cell.revision}")
    marks = "w" if cell.waiver is not None else ""
    text = _SYMBOL.get(cell.status, "?") + (f"<sup>{cell.revision}</sup>"
                                             if cell.revision and cell.revision > 1 else "")
    return (f'<td class="s-{status} {marks}" title="{escape("; ".join(label))}">{text}</td>')
