"""Findings for a terminal: grouped by submission, failures first, evidence, citations with links.

A batch ends with a summary: totals, counts per rule and the worst status per clinic.
Text that came from a submission is stripped of control characters, so a clinic name can
never move the cursor or recolour a terminal.
"""

from __future__ import annotations

import re
import textwrap
from typing import TYPE_CHECKING, TextIO

from vardval.checker.engine import (
    STATUSES,
    BatchTally,
    Finding,
    SubmissionResult,
    waiver_text,
)
from vardval.checker.report.outputs import ReportView

if TYPE_CHECKING:
    from vardval.checker.engine import ClinicSummary

_ORDER = {"fail": 0, "indeterminate": 1, "pass": 2, "not_applicable": 3}
_LABEL = {"fail": "FAIL", "indeterminate": "????", "pass": "PASS", "not_applicable": "N/A ",
          "invalid": "BAD "}
_WORDS = {
    "sv": {"fail": "underkända", "indeterminate": "obestämda", "pass": "godkända",
           "not_applicable": "ej tillämpliga", "hidden": "dolda; --all visar dem",
           "invalid": "OGILTIG INLÄMNING", "problems": "problem", "total": "Totalt",
           "invalid_n": "ogiltiga", "evidence": "underlag",
           "note": "obs", "by_rule": "Per regel", "by_clinic": "Per vårdcentral (sämsta status)",
           "rule": "regel"},
    "en": {"fail": "failed", "indeterminate": "indeterminate", "pass": "passed",
           "not_applicable": "not applicable", "hidden": "hidden; --all shows them",
           "invalid": "INVALID SUBMISSION", "problems": "problems", "total": "Total",
           "invalid_n": "invalid", "evidence": "evidence",
           "note": "note", "by_rule": "By rule", "by_clinic": "By clinic (worst status)",
           "rule": "rule"},
}
_COLUMNS = {"sv": {"fail": "underk.", "indeterminate": "obest.", "pass": "godk.",
                   "not_applicable": "ej till."},
            "en": {"fail": "fail", "indeterminate": "indet.", "pass": "pass",
                   "not_applicable": "n/a"}}
_NOUNS = {"sv": ("inlämning", "inlämningar"), "en": ("submission", "submissions")}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WIDTH = 100
_INDENT = " " * 8


def clean(text: str) -> str:
    """Replace control characters (ANSI escapes included) by ``?``.

    Example:
        >>> clean("VC \\x1b[31mRöd")
        'VC ?[31mRöd'
    """
    return _CONTROL.sub("?", text)


class TextRenderer:
    """The terminal report, written submission by submission."""

    def __init__(self, out: TextIO, view: ReportView) -> None:
        self.out, self.view = out, view

    def begin(self) -> None:
        """Text has no header."""

    def result(self, result: SubmissionResult) -> None:
        self.out.write(clean(render_result(result, self.view)))

    def end(self, tally: BatchTally) -> None:
        self.out.write(clean(render_summary(tally, self.view)))


def render_result(result: SubmissionResult, view: ReportView) -> str:
    words = _WORDS[view.lang]
    if not result.valid:
        lines = [f"{result.file}: {words['invalid']} ({len(result.problems)} {words['problems']})"]
        lines += [f"  {problem}" for problem in result.problems]
        return "\n".join(lines) + "\n"
    clinic = result.clinic or {}
    lines = [(f"{result.file} — {clinic.get('name', '?')} ({clinic.get('region', '?')}, "
              f"{result.period})")]
    lines += [f"  ! {note[view.lang]}" for note in result.notes]
    ordered = sorted(result.findings, key=lambda f: _ORDER[f.status])
    for finding in ordered:
        if finding.status != "not_applicable" or view.show_all:
            lines += _finding_lines(finding, view)
    lines.append("  " + _counts(result, view.lang, show_all=view.show_all))
    return "\n".join(lines) + "\n"


def _finding_lines(finding: Finding, view: ReportView) -> list[str]:
    rule, lang, words = finding.rule, view.lang, _WORDS[view.lang]
    lines = [f"  {_LABEL[finding.status]}  {rule.id} [{rule.severity}] {rule.title[lang]}",
             *_wrapped(finding.message[lang], _INDENT)]
    if finding.waiver is not None:
        lines += _wrapped(f"{waiver_text(finding.waiver, lang)}: {finding.waiver.reason}",
                          _INDENT)
    lines += [f"{_INDENT}{words['note']}: {note[lang]}" for note in finding.notes]
    if finding.status in ("fail", "indeterminate"):
        lines += _evidence_lines(view.evidence(finding), words["evidence"])
        lines += [f"{_INDENT}§ {c.text} — {c.url}" for c in finding.citations]
    return lines


def _wrapped(text: str, indent: str, first: str = "") -> list[str]:
    return textwrap.wrap(text, _WIDTH, initial_indent=indent + first,
                         subsequent_indent=indent + " " * len(first),
                         break_on_hyphens=False) or [indent + first]


def _evidence_lines(items: list[str], label: str) -> list[str]:
    """Items joined by `` · ``, wrapped between items where possible."""
    if not items:
        return []
    lines, current = [], f"{_INDENT}{label}: "
    hang = " " * len(f"{label}: ")
    for index, item in enumerate(items):
        piece = item if index == 0 else f" · {item}"
        if index and len(current) + len(piece) > _WIDTH:
            lines.append(current + " ·")
            current, piece = _INDENT + hang, item
        current += piece
    lines.append(current)
    return lines


def _counts(result: SubmissionResult, lang: str, *, show_all: bool) -> str:
    words = _WORDS[lang]
    counts = result.counts()
    parts = [f"{counts[s]} {words[s]}" for s in ("fail", "indeterminate", "pass")]
    hidden = "" if show_all else f" ({words['hidden']})"
    parts.append(f"{counts['not_applicable']} {words['not_applicable']}{hidden}")
    return ", ".join(parts)


def render_summary(tally: BatchTally, view: ReportView) -> str:
    """Totals, then the per-rule table, then each clinic's worst status."""
    words = _WORDS[view.lang]
    parts = ", ".join(f"{tally.by_status[s]} {words[s]}" for s in _ORDER)
    noun = _NOUNS[view.lang][tally.submissions != 1]
    lines = [(f"{words['total']}: {tally.submissions} {noun} "
              f"({tally.invalid} {words['invalid_n']}); {parts}")]
    if tally.submissions > 1:
        lines += _rule_table(tally, view.lang)
        lines += _clinic_lines(tally.clinics(), view.lang)
    return "\n".join(lines) + "\n"


def _rule_table(tally: BatchTally, lang: str) -> list[str]:
    heads = _COLUMNS[lang]
    width = max([len(r) for r in tally.by_rule] + [len(_WORDS[lang]["rule"])])
    row = f"  {{:<{width}}}" + "".join(f"  {{:>{max(len(heads[s]), 5)}}}" for s in STATUSES)
    lines = ["", f"{_WORDS[lang]['by_rule']}:",
             row.format(_WORDS[lang]["rule"], *(heads[s] for s in STATUSES))]
    for rule_id, counts in tally.by_rule.items():
        lines.append(row.format(rule_id, *(counts[s] for s in STATUSES)))
    return lines


def _clinic_lines(clinics: list[ClinicSummary], lang: str) -> list[str]:
    words = _WORDS[lang]
    lines = ["", f"{words['by_clinic']}:"]
    for clinic in clinics:
        noun = _NOUNS[lang][clinic.submissions != 1]
        lines.append(f"  {_LABEL[clinic.worst]}  {clinic.name} ({clinic.region}, "
                     f"{clinic.hsa_id}) — {clinic.submissions} {noun}")
    return lines
