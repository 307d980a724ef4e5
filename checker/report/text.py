"""Findings for a terminal: grouped by submission, failures first, evidence, citations with links.

A batch ends with a summary: totals, counts per rule and the worst status per clinic.
Text that came from a submission is stripped of control characters, so a clinic name can
never move the cursor or recolour a terminal.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO

from vardval.checker.engine import STATUSES, BatchTally, Finding, SubmissionResult
from vardval.checker.formatting import printable
from vardval.checker.report.neutral import shown
from vardval.checker.report.outputs import ReportView
from vardval.checker.report.utf8_sink import Utf8Sink

if TYPE_CHECKING:
    from vardval.checker.engine import ClinicSummary

_ORDER = {"fail": 0, "indeterminate": 1, "pass": 2, "not_applicable": 3}
_LABEL = {"fail": "FAIL", "indeterminate": "????", "pass": "PASS", "not_applicable": "N/A ",
          "invalid": "BAD "}
_WORDS = {
    "sv": {"fail": "underkända", "indeterminate": "obestämda", "pass": "godkända",
           "not_applicable": "ej tillämpliga", "hidden": "dolda; --all visar dem",
           "invalid": "OGILTIG INLÄMNING", "problems": "problem", "problem": "problem",
           "total": "Totalt",
           "invalid_n": "ogiltiga", "evidence": "underlag",
           "note": "obs", "by_rule": "Per regel", "by_clinic": "Per vårdcentral (sämsta status)",
           "rule": "regel", "deciding": "fynd avgör slutstatus",
           "made_by": "Skapad av"},
    "en": {"fail": "failed", "indeterminate": "indeterminate", "pass": "passed",
           "not_applicable": "not applicable", "hidden": "hidden; --all shows them",
           "invalid": "INVALID SUBMISSION", "problems": "problems", "problem": "problem",
           "total": "Total",
           "invalid_n": "invalid", "evidence": "evidence",
           "note": "note", "by_rule": "By rule", "by_clinic": "By clinic (worst status)",
           "rule": "rule", "deciding": "findings decide the exit status",
           "made_by": "Made by"},
}
_COLUMNS = {"sv": {"fail": "underk.", "indeterminate": "obest.", "pass": "godk.",
                   "not_applicable": "ej till."},
            "en": {"fail": "fail", "indeterminate": "indet.", "pass": "pass",
                   "not_applicable": "n/a"}}
_NOUNS = {"sv": ("inlämning", "inlämningar"), "en": ("submission", "submissions")}
# Swedish adjectives agree with one finding ("1 underkänd", "2 underkända"); English ones do not.
_ONE = {"sv": {"fail": "underkänd", "indeterminate": "obestämd", "pass": "godkänd",
               "not_applicable": "ej tillämplig", "invalid_n": "ogiltig",
               "deciding": "fynd avgör slutstatus"},
        "en": {"deciding": "finding decides the exit status"}}


def _counted(count: int, key: str, lang: str) -> str:
    """``count`` and its word, in the number the count asks for."""
    word = _ONE[lang].get(key) if count == 1 else None
    return f"{count} {word or _WORDS[lang][key]}"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WIDTH = 100
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_UNEVEN = re.compile(r"[\t\n\r\f\v]|  |^ | $")
_INDENT = " " * 8
#: The findings whose evidence the report shows (the engine gathers no other: ``check``).
EVIDENCE_FOR = frozenset({"fail", "indeterminate"})


def clean(text: str) -> str:
    """Replace control characters (ANSI escapes included) by ``?``.

    Example:
        >>> clean("VC \\x1b[31mRöd")
        'VC ?[31mRöd'
    """
    return _CONTROL.sub("?", text)


class TextRenderer:
    """The terminal report, written submission by submission."""

    evidence_for = EVIDENCE_FOR

    def __init__(self, out: TextIO, view: ReportView) -> None:
        self.sink, self.view = Utf8Sink(out), view
        self.deciding = 0

    def begin(self) -> None:
        """Text has no header."""

    def prepare(self, result: SubmissionResult) -> tuple[int, bytes | None]:
        """How many findings decide the exit status, and the text, encoded (None when
        ``--quiet`` leaves the result out)."""
        # a newline in a name must not forge a line (hidden findings are never written)
        result = shown(result, lambda f: _writes(f, self.view))
        deciding = sum(1 for f in result.findings if self.view.decides(f))
        if self.view.quiet and result.valid and not deciding:
            return deciding, None
        return deciding, self.sink.encode(clean(render_result(result, self.view)))

    def emit(self, piece: tuple[int, bytes | None]) -> None:
        deciding, text = piece
        self.deciding += deciding
        if text is not None:
            self.sink.write(text)

    def result(self, result: SubmissionResult) -> None:
        self.emit(self.prepare(result))

    def end(self, tally: BatchTally) -> None:
        self.sink.text(clean(render_summary(tally, self.view, self.deciding)))


def render_result(result: SubmissionResult, view: ReportView) -> str:
    words = _WORDS[view.lang]
    if not result.valid:
        count = len(result.problems)
        many = words["problems"] if count != 1 else words["problem"]
        lines = [f"{result.file}: {words['invalid']} ({count} {many})"]
        lines += [f"  {problem.shown(view.lang)}" for problem in result.problems]
        return "\n".join(lines) + "\n"
    clinic = result.clinic or {}
    lines = [(f"{result.file} — {clinic.get('name', '?')} ({clinic.get('region', '?')}, "
              f"{result.period})")]
    lines += [f"  ! {note[view.lang]}" for note in result.notes]
    ordered = sorted(result.findings, key=lambda f: _ORDER[f.status])
    for finding in ordered:
        if _writes(finding, view):
            lines += _finding_lines(finding, view)
    lines.append("  " + _counts(result, view.lang, show_all=view.show_all))
    return "\n".join(lines) + "\n"


def _writes(finding: Finding, view: ReportView) -> bool:
    """Whether a valid result's text shows the finding: --quiet keeps those deciding the exit
    status, and a rule that does not apply shows with --all only."""
    if view.quiet and not view.decides(finding):
        return False
    return finding.status != "not_applicable" or view.show_all


def _finding_lines(finding: Finding, view: ReportView) -> list[str]:
    rule, lang, words = finding.rule, view.lang, _WORDS[view.lang]
    lines = [f"  {_LABEL[finding.status]}  {rule.id} [{rule.severity}] {rule.title[lang]}",
             *_wrapped(finding.message[lang], _INDENT)]
    waiver = view.waiver(finding)
    if waiver is not None:
        lines += _wrapped(waiver, _INDENT)
    lines += [f"{_INDENT}{words['note']}: {note[lang]}" for note in finding.notes]
    if finding.status in EVIDENCE_FOR:
        lines += _evidence_lines(view.evidence(finding), words["evidence"])
        lines += [f"{_INDENT}§ {c.text} — {c.url}" for c in finding.citations]
    return lines


def _wrapped(text: str, indent: str) -> list[str]:
    """Greedy wrapping at spaces to ``_WIDTH`` (``textwrap.wrap``'s lines for report text).

    Written out because ``textwrap`` took 29 % of a text report's time: messages are single
    spaced, so each line ends at the last space that fits (the same lines as ``textwrap``,
    tests/reports/test_text.py). A word longer than a line (never in a message) is cut at the
    margin on lines of its own.

    Example:
        >>> _wrapped("a bb ccc", "  ")
        ['  a bb ccc']
    """
    room = _WIDTH - len(indent)
    if _UNEVEN.search(text):  # spacing other than single spaces between words: make it so
        text = " ".join(word for word in _SPACES.split(text) if word)
    if len(text) <= room:
        return [indent + text]
    lines: list[str] = []
    while len(text) > room:
        cut = text.rfind(" ", 0, room + 1)  # the last space that leaves a line of at most room
        if cut <= 0:
            return lines + _cut_words(text, indent, room)
        lines.append(indent + text[:cut])
        text = text[cut + 1:]
    lines.append(indent + text)
    return lines


def _cut_words(text: str, indent: str, room: int) -> list[str]:
    """Wrapping that cuts a word longer than a line at the margin, on lines of its own."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if len(word) > room:
            if current:
                lines.append(indent + current)
            lines += [indent + word[i:i + room] for i in range(0, len(word) - room, room)]
            current = word[(len(word) - 1) // room * room:]
            continue
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= room:
            current += " " + word
        else:
            lines.append(indent + current)
            current = word
    if current or not lines:
        lines.append(indent + current)
    return lines


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


def render_summary(tally: BatchTally, view: ReportView, deciding: int | None = None) -> str:
    """Totals (with how many findings decide the exit status), the per-rule table, each
    clinic's worst status; ``--quiet`` keeps the totals only."""
    words = _WORDS[view.lang]
    parts = ", ".join(_counted(tally.by_status[s], s, view.lang) for s in _ORDER)
    noun = _NOUNS[view.lang][tally.submissions != 1]
    decided = "" if deciding is None else f"; {_counted(deciding, 'deciding', view.lang)}"
    lines = [(f"{words['total']}: {tally.submissions} {noun} "
              f"({_counted(tally.invalid, 'invalid_n', view.lang)}); {parts}{decided}")]
    if tally.submissions > 1 and not view.quiet:
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
        name, region, hsa_id = (printable(t) for t in (clinic.name, clinic.region, clinic.hsa_id))
        lines.append(f"  {_LABEL[clinic.worst]}  {name} ({region}, {hsa_id}) — "
                     f"{clinic.submissions} {noun}")
    return lines
