"""``--format xlsx``: the findings as an Excel workbook an office can filter and sort.

Three sheets, each with its headings in the report's language (Swedish by default), an
autofilter and a frozen header row: *Matris* (one row per submission, a column per rule with
its status), *Fynd* (every failing and indeterminate finding with message, evidence, citations
and links, and the problems of invalid submissions) and *Regler* (the rules checked, with how
many submissions each passed, failed and left indeterminate). The rows are kept as the batch
runs and the workbook is made and written once it is done, through the report's atomic
output, so it is whole or not there. A workbook is bytes: it goes to a file
(``-o``) or a pipe, never to a terminal.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from vardval.checker.engine import BatchTally, SubmissionResult, worst_status
from vardval.checker.errors import OutputError
from vardval.checker.report.neutral import shown
from vardval.dsl.errors import Diagnostic

if TYPE_CHECKING:
    from vardval.checker.engine import Finding
    from vardval.checker.report.outputs import ReportView

_WORDS = {
    "sv": {"matrix": "Matris", "findings": "Fynd", "rules": "Regler", "file": "Fil",
           "clinic": "Vårdcentral", "hsa_id": "HSA-id", "region": "Region", "period": "Period",
           "worst": "Sämsta status", "rule": "Regel", "title": "Titel", "severity": "Allvarlighet",
           "status": "Status", "message": "Meddelande", "evidence": "Underlag",
           "citations": "Lagrum", "links": "Länkar", "waiver": "Undantag",
           "rulebook": "Regelbok", "fail": "underkänd", "indeterminate": "obestämd",
           "pass": "godkänd", "not_applicable": "ej tillämplig", "invalid": "ogiltig inlämning",
           "valid_from": "Gäller från", "valid_to": "Gäller till", "national": "nationell",
           "error": "fel", "warning": "varning", "info": "info", "problem": "problem"},
    "en": {"matrix": "Matrix", "findings": "Findings", "rules": "Rules", "file": "File",
           "clinic": "Clinic", "hsa_id": "HSA id", "region": "Region", "period": "Period",
           "worst": "Worst status", "rule": "Rule", "title": "Title", "severity": "Severity",
           "status": "Status", "message": "Message", "evidence": "Evidence",
           "citations": "Legal basis", "links": "Links", "waiver": "Waiver",
           "rulebook": "Rulebook", "fail": "fail", "indeterminate": "indeterminate",
           "pass": "pass", "not_applicable": "not applicable", "invalid": "invalid submission",
           "valid_from": "Valid from", "valid_to": "Valid to", "national": "national",
           "error": "error", "warning": "warning", "info": "info", "problem": "problem"},
}
_FINDING_COLUMNS = ("file", "clinic", "hsa_id", "period", "rule", "title", "severity", "status",
                    "message", "evidence", "citations", "links", "waiver")
_COUNTED = ("fail", "indeterminate", "pass", "not_applicable")
_WIDE = {"message": 70, "evidence": 60, "citations": 36, "links": 44, "title": 40, "file": 36,
         "clinic": 30}


class XlsxRenderer:
    """Keeps a row per submission for *Matris* and per finding shown for *Fynd*; writes at the end.

    The rows are plain values (a few hundred bytes a submission); the workbook itself is built
    and saved in ``end``, so an interrupted batch leaves nothing half made.
    """

    def __init__(self, out: TextIO, view: ReportView) -> None:
        self.out, self.view = out, view
        self.words = _WORDS[view.lang]
        self.binary: BinaryIO | None = None
        self.matrix: list[list[Any]] = []
        self.findings: list[list[Any]] = []

    def begin(self) -> None:
        """Refuse a terminal now; nothing is written before the end (one zip, at once)."""
        self.binary = _binary(self.out, self.view.lang)

    def prepare(self, result: SubmissionResult) -> tuple[list[Any], list[list[Any]]]:
        """The submission's row of *Matris* and its rows of *Fynd*."""
        result = shown(result)  # a control character is refused by openpyxl and by people
        clinic = result.clinic or {}
        statuses = {f.rule.id: self.words[f.status] for f in result.findings}
        row = [result.file, clinic.get("name"), clinic.get("hsa_id"), clinic.get("region"),
               result.period, self.words[worst_status(result)],
               *(statuses.get(rule.id) for rule in self.view.rules)]
        head = [result.file, clinic.get("name"), clinic.get("hsa_id"), result.period]
        found = [[*head, None, None, None, self.words["invalid"], problem.shown(self.view.lang)]
                 for problem in result.problems]
        found += [[*head, *self._finding_cells(finding)] for finding in result.findings
                  if finding.status in ("fail", "indeterminate")]
        return row, found

    def emit(self, piece: tuple[list[Any], list[list[Any]]]) -> None:
        row, found = piece
        self.matrix.append(row)
        self.findings.extend(found)

    def result(self, result: SubmissionResult) -> None:
        self.emit(self.prepare(result))

    def _finding_cells(self, finding: Finding) -> list[Any]:
        lang = self.view.lang
        rule = finding.rule
        return [rule.id, rule.title.get(lang, rule.id), self.words[rule.severity],
                self.words[finding.status], finding.message.get(lang, ""),
                "\n".join(self.view.evidence(finding, lang)),
                "\n".join(c.text for c in finding.citations),
                "\n".join(c.url for c in finding.citations if c.url),
                self.view.waiver(finding, lang)]

    def end(self, tally: BatchTally) -> None:
        from openpyxl import Workbook  # noqa: PLC0415 - only an xlsx report pays for openpyxl

        book = Workbook()
        first = book.active
        if first is not None:
            book.remove(first)
        columns = ["file", "clinic", "hsa_id", "region", "period", "worst"]
        self._sheet(book, "matrix", [self.words[c] for c in columns]
                    + [r.id for r in self.view.rules], self.matrix, columns, freeze="B2")
        self._sheet(book, "findings", [self.words[c] for c in _FINDING_COLUMNS], self.findings,
                    list(_FINDING_COLUMNS))
        rule_columns = ["rule", "title", "severity", "rulebook", "region", "valid_from",
                        "valid_to", "citations", *_COUNTED]
        self._sheet(book, "rules", [self._heading(c) for c in rule_columns], self._rules(tally),
                    rule_columns)
        out = io.BytesIO()
        book.save(out)
        binary = self.binary or _binary(self.out, self.view.lang)
        self.out.flush()
        binary.write(out.getvalue())
        binary.flush()

    def _heading(self, column: str) -> str:
        word = self.words[column]
        return word[:1].upper() + word[1:]

    def _sheet(self, book: Any, name: str, headings: list[str], rows: list[list[Any]],
               columns: list[str], freeze: str = "A2") -> None:
        """One sheet: bold headings, the rows, column widths, a filter and a frozen header."""
        from openpyxl.styles import Alignment, Font  # noqa: PLC0415

        sheet = book.create_sheet(self.words[name])
        sheet.append(headings)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        for index, column in enumerate(columns, 1):
            sheet.column_dimensions[_letter(index)].width = _WIDE.get(column, 14)
        wrapped = Alignment(wrap_text=True, vertical="top")
        for index, column in enumerate(columns, 1):
            if column in _WIDE and column not in ("file", "clinic", "title"):
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.alignment = wrapped
        if "links" in columns:
            _link(sheet, columns.index("links") + 1)
        sheet.freeze_panes = freeze
        sheet.auto_filter.ref = f"A1:{_letter(len(headings))}{len(rows) + 1}"

    def _rules(self, tally: BatchTally) -> list[list[Any]]:
        lang = self.view.lang
        rows = []
        for rule in self.view.rules:
            counts = tally.by_rule.get(rule.id, {})
            latest = rule.versions[-1] if rule.versions else None
            rows.append([rule.id, rule.title.get(lang, rule.id), self.words[rule.severity],
                         rule.rulebook, rule.region or self.words["national"],
                         _date(rule.valid_from), _date(rule.valid_to),
                         "\n".join(c.text for c in latest.citations) if latest else None,
                         *(counts.get(status, 0) for status in _COUNTED)])
        return rows


def _binary(out: TextIO, lang: str) -> BinaryIO:
    """Where the workbook's bytes go: the file or pipe under ``out``, never a terminal."""
    binary = getattr(out, "buffer", None)
    isatty = getattr(out, "isatty", None)
    if binary is None or (isatty is not None and isatty()):
        words = {"sv": ("en Excel-arbetsbok skrivs till en fil, inte till terminalen",
                        "ange -o resultat.xlsx"),
                 "en": ("an Excel workbook is written to a file, not to the terminal",
                        "give -o results.xlsx")}[lang]
        raise OutputError([Diagnostic("xlsx-needs-file", f"vardval: {words[0]}", None,
                                      words[1])])
    return binary  # type: ignore[no-any-return]


def _link(sheet: Any, column: int) -> None:
    """A links cell opens its first address (http or https only) when clicked."""
    for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
        first = str(cell.value or "").split("\n", 1)[0]
        if first.startswith(("https://", "http://")):
            cell.hyperlink = first


def _date(day: object) -> str | None:
    return str(day) if day is not None else None


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    return str(get_column_letter(index))


