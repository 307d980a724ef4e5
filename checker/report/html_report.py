"""A self-contained HTML report of a batch: a clinic × rule matrix an office can triage with.

One file, no network: the CSS and the small vanilla JS (``report/assets/``) are inlined,
fonts are the system's, and the only links are citation URLs (http/https only). The matrix is
sortable (click a heading) and filterable (region, status, severity, rule), shows each
rule's severity and each submission's worst failing severity, flags a clinic and period
submitted more than once, and exports the rows shown as CSV.

Compact by design, so 2,000 submissions make a page of a few megabytes that opens at once:
each submission is one JSON record (a status letter per rule, and the messages, evidence and
notes of the findings that did not pass), streamed into a ``<script type="application/json">``
as the batch runs; the page's script draws the matrix from it 200 rows at a time, and a row's
details when it is opened. What is the same for every submission (rule titles, citations,
quotes, rule files) is written once, in the rule list at the end. The messages of passed
findings are not repeated here: ``--format text`` or ``json`` has them. Everything from a
submission or a rule is escaped (HTML, or JSON with ``<`` written as ``\\u003c``).
"""

from __future__ import annotations

import datetime as dt
import html
import json
from functools import cache
from importlib import resources
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, TextIO

from vardval.checker.engine import STATUSES, BatchTally, SubmissionResult, worst_status
from vardval.checker.formatting import printable
from vardval.checker.report.neutral import shown
from vardval.checker.vocab import SEVERITY_RANK

if TYPE_CHECKING:
    from vardval.checker.corpus import Rule
    from vardval.checker.engine import Finding
    from vardval.checker.report.outputs import ReportView
    from vardval.checker.sources import ResolvedCitation

SYMBOL = {"fail": "✗", "indeterminate": "?", "pass": "✓", "not_applicable": "–", "invalid": "!"}
_LETTER = {"fail": "f", "indeterminate": "i", "pass": "p", "not_applicable": "n"}
_SEVERITY_LETTER = {"error": "e", "warning": "w", "info": "i"}
_ORDER = ("fail", "indeterminate", "pass", "not_applicable", "invalid")
_WORDS = {
    "sv": {"title": "Granskning av vårdvalsinlämningar", "fail": "Underkänd",
           "indeterminate": "Obestämd", "pass": "Godkänd", "not_applicable": "Ej tillämplig",
           "invalid": "Ogiltig inlämning", "submissions": "Inlämningar", "clinic": "Vårdcentral",
           "region": "Region", "period": "Period", "worst": "Sämst", "status": "Status",
           "severity": "Allvarlighet", "sev_col": "Allv.", "fails": "Underk.",
           "all_regions": "Alla regioner", "rule_search": "Sök regel (id eller titel)",
           "shown": "{n} av {total} inlämningar visas", "summary": "Sammanfattning",
           "by_rule": "Per regel", "by_clinic": "Per vårdcentral (sämsta status)",
           "rule": "Regel", "evidence": "Underlag", "citations": "Lagrum",
           "verbatim": "ordagrant citat", "paraphrase": "sammanfattning, inte ordagrant citat",
           "source": "Regelkälla", "problems": "Problem i inlämningen", "generated": "Skapad",
           "rules_n": "regler", "show_quote": "Visa citat", "details": "Visa detaljer",
           "note": "Obs", "error": "fel", "warning": "varning", "info": "info",
           "any_severity": "Alla allvarlighetsgrader", "export": "Exportera CSV",
           "duplicate": "Dubblett: samma vårdcentral och period som rad {n}",
           "duplicates": "Dubbletter (samma vårdcentral och period)",
           "rules": "Reglerna", "passed": "Godkända", "not_applicable_n": "Ej tillämpliga",
           "waiver": "Undantag", "made_by": "Skapad av", "sort": "Klicka för att sortera",
           "only_dup": "Bara dubbletter", "file": "Fil", "hsa_id": "HSA-id",
           "noscript": "Matrisen ritas med JavaScript; sammanfattningen och reglerna nedan "
                       "syns ändå.", "more": "Visar {n} av {total}; rulla för fler."},
    "en": {"title": "Review of vårdval submissions", "fail": "Fail",
           "indeterminate": "Indeterminate", "pass": "Pass", "not_applicable": "Not applicable",
           "invalid": "Invalid submission", "submissions": "Submissions", "clinic": "Clinic",
           "region": "Region", "period": "Period", "worst": "Worst", "status": "Status",
           "severity": "Severity", "sev_col": "Sev.", "fails": "Fails",
           "all_regions": "All regions", "rule_search": "Search rule (id or title)",
           "shown": "{n} of {total} submissions shown", "summary": "Summary",
           "by_rule": "By rule", "by_clinic": "By clinic (worst status)",
           "rule": "Rule", "evidence": "Evidence", "citations": "Legal basis",
           "verbatim": "verbatim quote (Swedish)",
           "paraphrase": "paraphrase, not a verbatim quote",
           "source": "Rule source", "problems": "Problems in the submission",
           "generated": "Generated", "rules_n": "rules", "show_quote": "Show quote",
           "details": "Show details", "note": "Note", "error": "error", "warning": "warning",
           "info": "info", "any_severity": "Any severity", "export": "Export CSV",
           "duplicate": "Duplicate: same clinic and period as row {n}",
           "duplicates": "Duplicates (same clinic and period)",
           "rules": "The rules", "passed": "Passed", "not_applicable_n": "Not applicable",
           "waiver": "Waiver", "made_by": "Made by", "sort": "Click to sort",
           "only_dup": "Duplicates only", "file": "File", "hsa_id": "HSA id",
           "noscript": "The matrix is drawn with JavaScript; the summary and the rules below "
                       "show without it.", "more": "Showing {n} of {total}; scroll for more."},
}


def e(text: object) -> str:
    """HTML-escape anything, quotes included (safe in text and in attribute values).

    Example:
        >>> e('<img src=x onerror="alert(1)">')
        '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape(str(text), quote=True)


def script_json(value: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``</script>``, no ``<!--``.

    Example:
        >>> script_json({"name": "</script><b>"})
        '{"name":"\\\\u003c/script>\\\\u003cb>"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


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
    """Writes the head and an empty matrix, a data record per result, then summary, rules, JS."""

    def __init__(self, out: TextIO, view: ReportView) -> None:
        self.out, self.view = out, view
        self.words = _WORDS[view.lang]
        self.index = 0
        self.seen: dict[tuple[str, str], int] = {}
        self.duplicates = 0
        self.columns = {rule.id: i for i, rule in enumerate(view.rules)}

    def begin(self) -> None:
        self.out.write(_page_head(self.view, self.words))
        self.out.write(_controls(self.words))
        self.out.write(_matrix_head(self.view, self.words))
        self.out.write('<script type="application/json" id="data">[')

    def prepare(self, result: SubmissionResult) -> tuple[tuple[str, str] | None,
                                                         dict[str, Any]]:
        """The clinic and period (to find duplicates by), and the row's record (its row
        number and duplicate mark are set by ``emit``)."""
        key = ((str(result.clinic.get("hsa_id")), result.period)
               if result.clinic and result.period else None)
        return key, record(shown(result), 0, None, self.view, self.columns)

    def emit(self, piece: tuple[tuple[str, str] | None, dict[str, Any]]) -> None:
        key, row = piece
        self.index += 1
        row = with_row(row, self.index, self._first_of(key))
        separator = ",\n" if self.index > 1 else "\n"
        self.out.write(separator + script_json(row))  # no raw NUL, ESC or BEL reaches the page

    def result(self, result: SubmissionResult) -> None:
        self.emit(self.prepare(result))

    def _first_of(self, key: tuple[str, str] | None) -> int | None:
        """The row of an earlier submission of the same clinic and period, if any."""
        if key is None:
            return None
        first = self.seen.setdefault(key, self.index)
        if first == self.index:
            return None
        self.duplicates += 1
        return first

    def end(self, tally: BatchTally) -> None:
        self.out.write("]</script>\n")
        self.out.write(_summary(tally, self.duplicates, self.view, self.words))
        self.out.write(_rule_list(self.view, self.words))
        words = script_json(self.words)
        self.out.write(f'<script type="application/json" id="words">{words}</script>\n'
                       f"<script>\n{_asset('report.js')}</script>\n</body>\n</html>\n")


def _page_head(view: ReportView, words: dict[str, str]) -> str:
    today = dt.datetime.now().astimezone().date().isoformat()
    made = view.producer
    producer = (f" · {e(words['made_by'])} vardval {e(made.get('version', ''))}, "
                f"<span title=\"{e(made.get('rules_digest', ''))}\">"
                f"{e(str(made.get('rules_digest', ''))[:19])}</span>") if made else ""
    return (f'<!DOCTYPE html>\n<html lang="{e(view.lang)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>vardval — {e(words['title'])}</title>\n"
            f"<style>\n{_asset('report.css')}</style>\n</head>\n<body>\n"
            f'<header class="page"><h1>vardval — {e(words["title"])}</h1>'
            f"<p>{e(words['generated'])} {today} · {len(view.rules)} {e(words['rules_n'])}"
            f"{producer}</p></header>\n")


def _controls(words: dict[str, str]) -> str:
    boxes = "".join(
        f'<label class="status"><input type="checkbox" name="status" value="{s}" checked>'
        f'<span class="sym s-{s}" aria-hidden="true">{SYMBOL[s]}</span>{e(words[s])}</label>'
        for s in _ORDER)
    severities = "".join(f'<option value="{s}">{e(words[s])}</option>'
                         for s in ("error", "warning", "info"))
    return (f'<section id="controls" aria-label="Filter"><fieldset><legend>'
            f"{e(words['status'])}</legend>{boxes}</fieldset>"
            f'<select id="f-region" aria-label="{e(words["region"])}">'
            f'<option value="">{e(words["all_regions"])}</option></select>'
            f'<select id="f-severity" aria-label="{e(words["severity"])}">'
            f'<option value="">{e(words["any_severity"])}</option>{severities}</select>'
            f'<input type="search" id="f-rule" placeholder="{e(words["rule_search"])}" '
            f'aria-label="{e(words["rule_search"])}">'
            f'<label class="status"><input type="checkbox" id="f-dup">'
            f'{e(words["only_dup"])}</label>'
            f'<button type="button" id="export">{e(words["export"])}</button>'
            f'<span id="shown" data-template="{e(words["shown"])}"></span></section>\n')


def _matrix_head(view: ReportView, words: dict[str, str]) -> str:
    heads = "".join(_rule_head(rule, view.lang, words) for rule in view.rules)
    sort = e(words["sort"])
    fixed = "".join(
        f'<th scope="col" class="{cls}" data-key="{key}" title="{sort}">{e(words[label])}</th>'
        for cls, key, label in (("clinic", "name", "clinic"), ("meta", "region", "region"),
                                ("meta", "period", "period"), ("meta", "worst", "worst"),
                                ("meta", "sev", "sev_col"), ("meta", "fails", "fails")))
    return ('<main><div class="matrix-wrap"><table class="matrix" id="matrix"><thead><tr>'
            f'{fixed}{heads}</tr></thead></table><p id="more" hidden></p>'
            f'<noscript><p>{e(words["noscript"])}</p></noscript></div></main>\n')


def _rule_head(rule: Rule, lang: str, words: dict[str, str]) -> str:
    search = " ".join([rule.id, *rule.title.values()]).lower()
    sev = rule.severity
    return (f'<th class="rule" scope="col" data-rule="{e(rule.id)}" data-sev="{e(sev)}" '
            f'data-search="{e(search)}" title="{e(rule.id)}: {e(rule.title[lang])} '
            f'({e(words[sev])})"><span>{e(rule.id)}</span>'
            f'<i class="sev sev-{_SEVERITY_LETTER[sev]}">{e(words[sev])}</i></th>')


def _worst_severity(result: SubmissionResult) -> str:
    failed = [f.rule.severity for f in result.findings if f.status == "fail"]
    return max(failed, key=SEVERITY_RANK.__getitem__) if failed else ""


def with_row(row: dict[str, Any], index: int, first: int | None) -> dict[str, Any]:
    """``row`` numbered ``index``, marked as a duplicate of row ``first`` (keys in the order
    ``record`` writes them)."""
    numbered = {**row, "i": index}
    if first is None:
        return numbered
    keys = list(numbered)
    at = keys.index("notes") + 1
    return {**{k: numbered[k] for k in keys[:at]}, "d": first,
            **{k: numbered[k] for k in keys[at:]}}


def record(result: SubmissionResult, index: int, first: int | None, view: ReportView,
           columns: dict[str, int]) -> dict[str, Any]:
    """One matrix row and its details: ``s`` holds a status letter per rule column.

    Example:
        >>> from vardval.checker.report.outputs import ReportView
        >>> record(SubmissionResult("a.yaml", ()), 1, None, ReportView(), {})["w"]
        'not_applicable'
    """
    lang = view.lang
    clinic = result.clinic or {}
    by_rule = {f.rule.id: f.status for f in result.findings}
    out: dict[str, Any] = {
        "i": index, "n": clinic.get("name") or PurePath(result.file).name, "f": result.file,
        "h": clinic.get("hsa_id") or "", "r": str(clinic.get("region", "")),
        "p": result.period or "", "w": worst_status(result), "v": _worst_severity(result),
        "x": sum(1 for status in by_rule.values() if status == "fail"),
        "s": "".join(_LETTER[by_rule.get(rule.id, "not_applicable")] for rule in view.rules)
        if result.valid else "",
        "notes": [n[lang] for n in result.notes]}
    if first is not None:
        out["d"] = first
    if result.sha256:
        out["sha256"] = result.sha256
    if not result.valid:
        out["problems"] = [p.shown(lang) for p in result.problems]
        return out
    out["open"] = [_open_finding(f, view, columns) for f in result.findings
                   if f.status in ("fail", "indeterminate")]
    return out


def _open_finding(finding: Finding, view: ReportView, columns: dict[str, int]) -> list[Any]:
    """``[rule column, status letter, message, evidence, notes, waiver]``."""
    lang = view.lang
    return [columns.get(finding.rule.id, -1), _LETTER[finding.status], finding.message[lang],
            view.evidence(finding), [n[lang] for n in finding.notes], view.waiver(finding)]


def _summary(tally: BatchTally, duplicates: int, view: ReportView,
             words: dict[str, str]) -> str:
    counts = {"invalid": tally.invalid, **tally.by_status}
    cards = (f'<div class="card"><b>{tally.submissions}</b>'
             f'<span>{e(words["submissions"])}</span></div>')
    cards += "".join(f'<div class="card {s}"><b>{counts[s]}</b><span>{SYMBOL[s]} '
                     f"{e(words[s])}</span></div>" for s in _ORDER)
    cards += (f'<div class="card dup" id="dup-count"><b>{duplicates}</b><span>⚠ '
              f'{e(words["duplicates"])}</span></div>')
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
    items = "".join(f'<li><span class="sym s-{c.worst}" title="{e(words[c.worst])}">'
                    f"{SYMBOL[c.worst]}</span><span>{e(printable(c.name))}</span>"
                    f"<small>{e(printable(c.region))} · {e(printable(c.hsa_id))} · "
                    f"{c.submissions}</small></li>"
                    for c in tally.clinics())
    return (f'<div class="panel"><h2>{e(words["by_clinic"])}</h2>'
            f'<ul class="clinics">{items}</ul></div>')


def _rule_list(view: ReportView, words: dict[str, str]) -> str:
    """Every rule once: title, severity, citations with their quotes, and its file:line."""
    items = "".join(_rule_item(rule, view, words) for rule in view.rules)
    return (f'<section id="rules"><h2>{e(words["rules"])}</h2>'
            f'<ol class="rules">{items}</ol></section>\n')


def _rule_item(rule: Rule, view: ReportView, words: dict[str, str]) -> str:
    lang = view.lang
    seen: dict[str, ResolvedCitation] = {}
    for version in rule.versions:
        for citation in version.citations:
            seen.setdefault(citation.text, citation)
    cites = "".join(f"<li>{_citation(c, words)}</li>" for c in seen.values())
    description = (f'<p class="desc">{e(rule.description[lang])}</p>'
                   if rule.description else "")
    return (f'<li id="rule-{e(rule.id)}" data-rule="{e(rule.id)}"><h3>{e(rule.id)} — '
            f'{e(rule.title[lang])} <i class="sev sev-{_SEVERITY_LETTER[rule.severity]}">'
            f"{e(words[rule.severity])}</i></h3>{description}"
            f'<ul class="cites">{cites}</ul>'
            f'<p class="src">{e(words["source"])}: {e(rule.file)}:{rule.line}</p></li>')


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
