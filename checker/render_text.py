"""Findings for a terminal: grouped by submission, failures first, citations with links."""

from __future__ import annotations

from collections.abc import Iterable

from vardval.checker.findings import Finding, SubmissionResult

_ORDER = {"fail": 0, "indeterminate": 1, "pass": 2, "not_applicable": 3}
_LABEL = {"fail": "FAIL", "indeterminate": "????", "pass": "PASS", "not_applicable": "N/A "}
_WORDS = {
    "sv": {"fail": "underkända", "indeterminate": "obestämda", "pass": "godkända",
           "not_applicable": "ej tillämpliga", "hidden": "dolda; --all visar dem",
           "invalid": "OGILTIG INLÄMNING", "problems": "problem", "total": "Totalt",
           "submissions": "inlämningar", "invalid_n": "ogiltiga"},
    "en": {"fail": "failed", "indeterminate": "indeterminate", "pass": "passed",
           "not_applicable": "not applicable", "hidden": "hidden; --all shows them",
           "invalid": "INVALID SUBMISSION", "problems": "problems", "total": "Total",
           "submissions": "submissions", "invalid_n": "invalid"},
}


def render_result(result: SubmissionResult, lang: str, *, show_all: bool) -> str:
    words = _WORDS[lang]
    if not result.valid:
        lines = [f"{result.file}: {words['invalid']} ({len(result.problems)} {words['problems']})"]
        lines += [f"  {problem}" for problem in result.problems]
        return "\n".join(lines) + "\n"
    clinic = result.clinic or {}
    lines = [f"{result.file} — {clinic.get('name', '?')} ({clinic.get('region', '?')}, "
             f"{result.period})"]
    lines += [f"  ! {note[lang]}" for note in result.notes]
    ordered = sorted(result.findings, key=lambda f: _ORDER[f.status])
    for finding in ordered:
        if finding.status != "not_applicable" or show_all:
            lines += _finding_lines(finding, lang)
    lines.append("  " + _counts(result, lang, show_all=show_all))
    return "\n".join(lines) + "\n"


def _finding_lines(finding: Finding, lang: str) -> list[str]:
    rule = finding.rule
    lines = [f"  {_LABEL[finding.status]}  {rule.id} [{rule.severity}] {rule.title[lang]}",
             f"        {finding.message[lang]}"]
    lines += [f"        note: {note[lang]}" for note in finding.notes]
    if finding.status in ("fail", "indeterminate"):
        lines += [f"        § {c.text} — {c.url}" for c in finding.citations]
    return lines


def _counts(result: SubmissionResult, lang: str, *, show_all: bool) -> str:
    words = _WORDS[lang]
    counts = result.counts()
    parts = [f"{counts[s]} {words[s]}" for s in ("fail", "indeterminate", "pass")]
    hidden = "" if show_all else f" ({words['hidden']})"
    parts.append(f"{counts['not_applicable']} {words['not_applicable']}{hidden}")
    return ", ".join(parts)


def render_summary(results: Iterable[SubmissionResult], lang: str) -> str:
    words = _WORDS[lang]
    results = list(results)
    totals = dict.fromkeys(_ORDER, 0)
    for result in results:
        for status, count in result.counts().items():
            totals[status] += count
    invalid = sum(not r.valid for r in results)
    parts = ", ".join(f"{totals[s]} {words[s]}" for s in _ORDER)
    return (f"{words['total']}: {len(results)} {words['submissions']} "
            f"({invalid} {words['invalid_n']}); {parts}\n")
