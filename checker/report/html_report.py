"""A self-contained HTML report of a batch: a clinic × rule matrix with every finding's details.

One file, no network: the CSS and the small vanilla JS (``checker/templates/report.*``) are
inlined, fonts are the system's, and the only links are citation URLs (http/https only).
Each submission is one ``<tbody class="sub">`` holding its matrix row and a hidden details
row, so the page is written as results arrive; the summary comes last in the file and is
placed on screen by CSS:
counts above the matrix, the per-rule and per-clinic tables below it. Everything from a
submission or a rule is HTML-escaped.
"""

from __future__ import annotations

import datetime as dt
import html
from functools import cache
from importlib import resources
from pathlib import PurePath
from typing import TYPE_CHECKING, TextIO

from vardval.checker.engine import (
    STATUSES,
    BatchTally,
    Finding,
    SubmissionResult,
    waiver_text,
    worst_status,
)

if TYPE_CHECKING:
    from vardval.checker.corpus import Rule
    from vardval.checker.report.outputs import ReportView
    from vardval.checker.sources import ResolvedCitation

SYMBOL = {"fail": "✗", "indeterminate": "?", "pass": "✓", "not_applicable": "–", "invalid": "!"}
_ORDER = (*STATUSES, "invalid")
_WORDS = {
    "sv": {"title": "Granskning av vårdvalsinlämningar", "fail": "Underkänd",
           "indeterminate": "Obestämd", "pass": "Godkänd", "not_applicable": "Ej tillämplig",
           "invalid": "Ogiltig inlämning", "submissions": "Inlämningar", "clinic": "Vårdcentral",
           "region": "Region", "period": "Period", "worst": "Sämst", "status": "Status",
           "all_regions": "Alla regioner", "rule_search": "Sök regel (id eller titel)",
           "shown": "{n} av {total} inlämningar visas", "summary": "Sammanfattning",
           "by_rule": "Per regel", "by_clinic": "Per vårdcentral (sämsta status)",
           "rule": "Regel", "evidence": "Underlag", "citations": "Lagrum",
           "verbatim": "ordagrant citat", "paraphrase": "sammanfattning, inte ordagrant citat",
           "source": "Regelkälla", "group_not_applicable": "Ej tillämpliga regler ({n})",
           "group_pass": "Godkända regler ({n})",
           "problems": "Problem i inlämningen", "generated": "Skapad",
           "rules_n": "regler", "show_quote": "Visa citat", "details": "Visa detaljer",
           "note": "Obs"},
    "en": {"title": "Review of vårdval submissions", "fail": "Fail",
           "indeterminate": "Indeterminate", "pass": "Pass", "not_applicable": "Not applicable",
           "invalid": "Invalid submission", "submissions": "Submissions", "clinic": "Clinic",
           "region": "Region", "period": "Period", "worst": "Worst", "status": "Status",
           "all_regions": "All regions", "rule_search": "Search rule (id or title)",
           "shown": "{n} of {total} submissions shown", "summary": "Summary",
           "by_rule": "By rule", "by_clinic": "By clinic (worst status)",
           "rule": "Rule", "evidence": "Evidence", "citations": "Legal basis",
           "verbatim": "verbatim quote (Swedish)", "paraphrase": "paraphrase, not a verbatim quote",
           "source": "Rule source", "group_not_applicable": "Rules not applicable ({n})",
           "group_pass": "Rules passed ({n})",
           "problems": "Problems in the submission", "generated": "Generated",
           "rules_n": "rules", "show_quote": "Show quote", "details": "Show details",
           "note": "Note"},
}


def e(text: object) -> str:
    """HTML-escape anything, quotes included (safe in text and in attribute values).

    Example:
        >>> e('<img src=x onerror="alert(1)">')
        '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape(str(text), quote=True)


def safe_href(url: str) -> str | None:
    """The URL if it is an absolute http(s) address, else None (no ``javascript:``, no files).

    Example:
        >>> safe_href("https://lagen.nu/2017:30#K9P1"), safe_href("javascript:alert(1)")
        ('https://lagen.nu/2017:30#K9P1', None)
    """
    return url if url.startswith(("https://", "http://")) else None


@cache
def _asset(name: str) -> str:
    return (resources.files(__package__) / "assets" / name).read_text(encoding="utf-8")


class HtmlRenderer:
    """Writes the page head and matrix header, a ``tbody`` per result, then summary and JS."""

    def __init__(self, out: TextIO, view: ReportView) -> None:
        self.out, self.view = out, view
        self.words = _WORDS[view.lang]
        self.index = 0

    def begin(self) -> None:
        self.out.write(_page_head(self.view, self.words))
        self.out.write(_controls(self.words))
        self.out.write(_matrix_head(self.view, self.words))

    def result(self, result: SubmissionResult) -> None:
        self.index += 1
        self.out.write(_submission(result, self.index, self.view, self.words))

    def end(self, tally: BatchTally) -> None:
        self.out.write("</table></div></main>\n")
        self.out.write(_summary(tally, self.view, self.words))
        self.out.write(f"<script>\n{_asset('report.js')}</script>\n</body>\n</html>\n")


def _page_head(view: ReportView, words: dict[str, str]) -> str:
    today = dt.datetime.now().astimezone().date().isoformat()
    return (f'<!DOCTYPE html>\n<html lang="{e(view.lang)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>vardval — {e(words['title'])}</title>\n"
            f"<style>\n{_asset('report.css')}</style>\n</head>\n<body>\n"
            f'<header class="page"><h1>vardval — {e(words["title"])}</h1>'
            f"<p>{e(words['generated'])} {today} · {len(view.rules)} {e(words['rules_n'])}</p>"
            "</header>\n")


def _controls(words: dict[str, str]) -> str:
    boxes = "".join(
        f'<label class="status"><input type="checkbox" name="status" value="{s}" checked>'
        f'<span class="sym s-{s}" aria-hidden="true">{SYMBOL[s]}</span>{e(words[s])}</label>'
        for s in _ORDER)
    return (f'<section id="controls" aria-label="Filter"><fieldset><legend>'
            f"{e(words['status'])}</legend>{boxes}</fieldset>"
            f'<select id="f-region" aria-label="{e(words["region"])}">'
            f'<option value="">{e(words["all_regions"])}</option></select>'
            f'<input type="search" id="f-rule" placeholder="{e(words["rule_search"])}" '
            f'aria-label="{e(words["rule_search"])}">'
            f'<span id="shown" data-template="{e(words["shown"])}"></span></section>\n')


def _matrix_head(view: ReportView, words: dict[str, str]) -> str:
    heads = "".join(_rule_head(rule, view.lang) for rule in view.rules)
    return ('<main><div class="matrix-wrap"><table class="matrix" id="matrix"><thead><tr>'
            f'<th class="clinic" scope="col">{e(words["clinic"])}</th>'
            f'<th scope="col">{e(words["region"])}</th>'
            f'<th scope="col">{e(words["period"])}</th>'
            f'<th scope="col">{e(words["worst"])}</th>{heads}</tr></thead>\n')


def _rule_head(rule: Rule, lang: str) -> str:
    search = " ".join([rule.id, *rule.title.values()]).lower()
    return (f'<th class="rule" scope="col" data-rule="{e(rule.id)}" data-search="{e(search)}" '
            f'title="{e(rule.id)}: {e(rule.title[lang])}"><span>{e(rule.id)}</span></th>')


def _submission(result: SubmissionResult, index: int, view: ReportView,
                words: dict[str, str]) -> str:
    clinic = result.clinic or {}
    worst = worst_status(result)
    region = str(clinic.get("region", ""))
    invalid = "0" if result.valid else "1"
    name = clinic.get("name") or result.file
    row = (f'<tr class="sub"><th class="clinic" scope="row"><button type="button" '
           f'aria-expanded="false" aria-controls="d{index}" title="{e(words["details"])}">'
           f"{e(name)}<small>{e(PurePath(result.file).name)}</small></button></th>"
           f'<td class="meta">{e(region)}</td><td class="meta">{e(result.period or "")}</td>'
           f'<td class="meta">{_badge(worst, words)}</td>{_cells(result, view, words)}</tr>')
    span = 4 + len(view.rules)
    details = (f'<tr class="details" id="d{index}" hidden><td colspan="{span}">'
               f"{_details(result, view, words)}</td></tr>")
    return (f'<tbody class="sub" data-region="{e(region)}" data-invalid="{invalid}">'
            f"{row}{details}</tbody>\n")


def _badge(status: str, words: dict[str, str]) -> str:
    return (f'<span class="sym s-{status}" title="{e(words[status])}">{SYMBOL[status]}</span>'
            f'<span class="sr">{e(words[status])}</span>')


def _cells(result: SubmissionResult, view: ReportView, words: dict[str, str]) -> str:
    if not result.valid:
        return (f'<td class="invalid-row" colspan="{len(view.rules)}">'
                f"{_badge('invalid', words)} {e(words['invalid'])}: "
                f"{len(result.problems)}</td>")
    by_rule = {f.rule.id: f for f in result.findings}
    cells = []
    for rule in view.rules:
        finding = by_rule.get(rule.id)
        status = finding.status if finding else "not_applicable"
        label = f"{rule.id}: {words[status]}"
        cells.append(f'<td class="cell" data-rule="{e(rule.id)}" data-status="{status}">'
                     f'<button type="button" class="s-{status}" title="{e(label)}">'
                     f"{SYMBOL[status]}</button></td>")
    return "".join(cells)


def _details(result: SubmissionResult, view: ReportView, words: dict[str, str]) -> str:
    clinic = result.clinic or {}
    facts = [f"<b>{e(clinic.get('name', result.file))}</b>", e(result.file)]
    facts += [e(clinic[k]) for k in ("hsa_id", "region") if k in clinic]
    head = f'<div class="details-head">{"".join(f"<span>{f}</span>" for f in facts)}</div>'
    if not result.valid:
        items = "".join(f"<li>{e(p)}</li>" for p in result.problems)
        return f'{head}<h3>{e(words["problems"])}</h3><ul class="problems">{items}</ul>'
    notes = "".join(f'<p class="note">{e(words["note"])}: {e(n[view.lang])}</p>'
                    for n in result.notes)
    open_ = "".join(_finding(f, view, words) for f in result.findings
                    if f.status in ("fail", "indeterminate"))
    groups = "".join(_group(result, status, view, words) for status in ("pass", "not_applicable"))
    return head + notes + open_ + groups


def _group(result: SubmissionResult, status: str, view: ReportView,
           words: dict[str, str]) -> str:
    """Passed or not-applicable findings, folded away under one summary line."""
    members = [f for f in result.findings if f.status == status]
    if not members:
        return ""
    label = words["group_" + status].format(n=len(members))
    body = "".join(_finding(f, view, words) for f in members)
    return f'<details class="group"><summary>{e(label)}</summary>{body}</details>'


def _finding(finding: Finding, view: ReportView, words: dict[str, str]) -> str:
    """A finding's card, in full where it failed or is undecided, shorter where it passed."""
    rule, lang = finding.rule, view.lang
    head = (f'<article class="finding" data-rule="{e(rule.id)}"><h3>'
            f"{_badge(finding.status, words)}<span>{e(rule.id)} — {e(rule.title[lang])}</span>"
            f'<span class="sev">{e(rule.severity)}</span></h3>'
            f"<p>{e(finding.message[lang])}</p>")
    if finding.waiver is not None:
        head += (f'<p class="note waiver">{e(waiver_text(finding.waiver, lang))}: '
                 f"{e(finding.waiver.reason)}</p>")
    if finding.status == "not_applicable":
        return head + "</article>"
    full = finding.status in ("fail", "indeterminate")
    parts = [head, *(f'<p class="note">{e(words["note"])}: {e(n[lang])}</p>'
                     for n in finding.notes)]
    evidence = view.evidence(finding)
    if evidence:
        items = "".join(f"<li>{e(item)}</li>" for item in evidence)
        parts.append(f'<div><b>{e(words["evidence"])}</b><ul class="evidence">{items}</ul></div>')
    if full:
        cites = "".join(f"<li>{_citation(c, words)}</li>" for c in finding.citations)
        parts.append(f'<div><b>{e(words["citations"])}</b><ul class="cites">{cites}</ul></div>'
                     f'<p class="src">{e(words["source"])}: {e(rule.file)}:{rule.line}</p>')
    else:
        links = " · ".join(_link(c) for c in finding.citations)
        parts.append(f'<p class="src">{e(words["citations"])}: {links}</p>')
    return "".join(parts) + "</article>"


def _link(citation: ResolvedCitation) -> str:
    href = safe_href(citation.url)
    label = e(citation.text)
    if href is None:
        return f"{label} <code>{e(citation.url)}</code>"
    return f'<a href="{e(href)}" rel="noopener noreferrer">{label}</a>'


def _citation(citation: ResolvedCitation, words: dict[str, str]) -> str:
    """A citation in full: link, source title and the quoted text (verbatim or paraphrase)."""
    text = f"{_link(citation)} <small>{e(citation.title)}</small>"
    if citation.quote:
        kind = words["verbatim"] if citation.quote_is_verbatim else words["paraphrase"]
        text += (f"<details><summary>{e(words['show_quote'])} – {e(kind)}</summary>"
                 f"<blockquote>{e(citation.quote)}</blockquote></details>")
    return text


def _summary(tally: BatchTally, view: ReportView, words: dict[str, str]) -> str:
    counts = {"invalid": tally.invalid, **tally.by_status}
    cards = (f'<div class="card"><b>{tally.submissions}</b>'
             f'<span>{e(words["submissions"])}</span></div>')
    cards += "".join(f'<div class="card {s}"><b>{counts[s]}</b><span>{SYMBOL[s]} '
                     f"{e(words[s])}</span></div>" for s in _ORDER)
    return (f'<section id="summary" aria-label="{e(words["summary"])}">'
            f'<div class="cards">{cards}</div></section>\n'
            f'<section id="breakdown"><h2>{e(words["summary"])}</h2><div class="panels">'
            f"{_rule_panel(tally, view, words)}{_clinic_panel(tally, words)}</div></section>\n")


def _rule_panel(tally: BatchTally, view: ReportView, words: dict[str, str]) -> str:
    titles = {r.id: r.title[view.lang] for r in view.rules}
    heads = "".join(f'<th title="{e(words[s])}">{SYMBOL[s]}</th>' for s in STATUSES)
    rows = []
    for rule_id, counts in tally.by_rule.items():
        total = sum(counts.values()) or 1
        bar = "".join(f'<i class="{s}" style="width:{100 * counts[s] / total:.1f}%"></i>'
                      for s in STATUSES)
        cells = "".join(f"<td>{counts[s]}</td>" for s in STATUSES)
        rows.append(f'<tr><td>{e(rule_id)}</td><td class="title">{e(titles.get(rule_id, ""))}'
                    f'</td>{cells}<td><div class="bar">{bar}</div></td></tr>')
    return (f'<div class="panel"><h2>{e(words["by_rule"])}</h2><table class="counts">'
            f'<thead><tr><th>{e(words["rule"])}</th><th></th>{heads}<th></th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def _clinic_panel(tally: BatchTally, words: dict[str, str]) -> str:
    items = "".join(f"<li>{_badge(c.worst, words)}<span>{e(c.name)}</span>"
                    f"<small>{e(c.region)} · {e(c.hsa_id)} · {c.submissions}</small></li>"
                    for c in tally.clinics())
    return (f'<div class="panel"><h2>{e(words["by_clinic"])}</h2>'
            f'<ul class="clinics">{items}</ul></div>')
