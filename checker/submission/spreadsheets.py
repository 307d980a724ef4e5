"""A spreadsheet or CSV file to submissions: a filled template, or an export read by a mapping.

Whatever goes wrong with the file as a whole (too big, a zip bomb, macros, a password, not
UTF-8, too many rows) is one located problem for that file, and the batch goes on; a problem
met part-way through a table (a row past the limit, a broken sheet) ends that file after the
rows already read.
"""

from __future__ import annotations

import pathlib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from vardval.checker.reading import (
    Table,
    TableRefused,
    open_workbook,
    read_csv,
    sheet_table,
)
from vardval.checker.submission.export import read_export
from vardval.checker.submission.intake import Intake, Problem
from vardval.checker.submission.mapping import Mapping
from vardval.checker.submission.template_form import SHEET, is_template, read_template

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

Notes = tuple[dict[str, str], ...]


def table_submissions(raw: bytes, file: str, mapping: Mapping | None,
                      lang: str = "sv") -> Iterator[tuple[Intake, Notes]]:
    """Every submission in a spreadsheet's or CSV file's bytes; ``file`` names it."""
    try:
        yield from _submissions(raw, file, mapping, lang)
    except TableRefused as exc:
        yield _refused(file, exc.words[lang]), ()


def _submissions(raw: bytes, file: str, mapping: Mapping | None,
                 lang: str) -> Iterator[tuple[Intake, Notes]]:
    if pathlib.PurePath(file).suffix.lower() == ".csv":
        if mapping is None:
            raise TableRefused(_NEEDS_MAPPING["sv"].format(file=file),
                               _NEEDS_MAPPING["en"].format(file=file))
        yield from read_export(_csv(raw, file, mapping), mapping, lang)
        return
    workbook = open_workbook(raw, file)
    try:
        if mapping is None or _holds_template(workbook, file):
            sheet = SHEET if SHEET in workbook.sheetnames else None
            yield read_template(sheet_table(workbook, file, sheet), lang)
        else:
            yield from read_export(sheet_table(workbook, file, mapping.sheet), mapping, lang)
    finally:
        workbook.close()


def _holds_template(workbook: Workbook, file: str) -> bool:
    """A filled template is read as one, also in a batch of exports read by a mapping."""
    if SHEET not in workbook.sheetnames:
        return False
    return is_template(next(iter(sheet_table(workbook, file, SHEET).rows), ()))


def _csv(raw: bytes, file: str, mapping: Mapping) -> Table:
    return read_csv(raw, file, encoding=mapping.csv.encoding, delimiter=mapping.csv.delimiter)


def _refused(file: str, message: str) -> Intake:
    """A whole-file problem, located as its message says (``f.csv:3:5: …``, ``f.xlsx!Blad1: …``).

    Example:
        >>> print(_refused("f.csv", "f.csv:3:5: not UTF-8").problems[0])
        f.csv:3:5: $: not UTF-8
        >>> print(_refused("f.xlsx", "f.xlsx!Blad1: too many rows").problems[0])
        f.xlsx:Blad1: $: too many rows
    """
    rest = message.removeprefix(file)
    found = _WHERE.match(rest) if rest != message else None
    if found is None:
        return Intake(file, None, (Problem("$", None, None, message, file),))
    line, column, sheet = found.group("line"), found.group("column"), found.group("sheet")
    problem = Problem("$", int(line) if line else None, int(column) if column else None,
                      rest[found.end():], file, sheet or "")
    return Intake(file, None, (problem,))


_WHERE = re.compile(r"(?:!(?P<sheet>[^:]+)|:(?P<line>[0-9]+)(?::(?P<column>[0-9]+))?)?: ")
_NEEDS_MAPPING = {
    "sv": "{file}: en CSV-fil läses rad för rad med en mappningsfil: ange --mapping "
          "mappning.yaml (se docs/spreadsheets.md)",
    "en": "{file}: a CSV file is read row by row with a mapping file: give --mapping "
          "mapping.yaml (see docs/spreadsheets.md)",
}
