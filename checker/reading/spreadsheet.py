"""Workbooks in, safely: the zip bounded first, formulas never evaluated, links never followed.

openpyxl is imported here only, when a workbook is actually read, so checking YAML never pays
for it. Before openpyxl sees a byte, the zip's declared sizes are checked (a zip bomb is
refused unopened), an encrypted or legacy ``.xls`` file is recognised by its signature, and
macros are refused. Sheets are read in openpyxl's read-only mode with formulas kept as text,
so a formula cell is reported rather than computed, and external links are not loaded.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from vardval.checker.reading.table import (
    MAX_COLUMNS,
    MAX_ROWS,
    Cell,
    Table,
    TableRefused,
    column_letters,
    too_many_rows,
)

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

#: Bytes all parts of a workbook may unpack to, and how much smaller than that they may be
#: packed: a real export of a few thousand rows unpacks to a few megabytes at ratios of 5-20.
MAX_UNPACKED = 100_000_000
MAX_RATIO = 100
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: .xls, or an encrypted (password) .xlsx


def open_workbook(raw: bytes, file: str) -> Workbook:
    """The workbook in ``raw``, opened read-only once it is known to be safe to open."""
    _check_container(raw, file)
    import openpyxl  # noqa: PLC0415 - only a spreadsheet pays for importing openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False,
                                      keep_links=False, keep_vba=False)
    except Exception as exc:  # noqa: BLE001 - a hostile file may trip any of openpyxl's parsers
        raise _unreadable(file, exc) from None


def _unreadable(file: str, exc: Exception) -> TableRefused:
    """openpyxl's (or defusedxml's) complaint, in our words; the reason is shown shortened."""
    reason = f"{type(exc).__name__}: {exc}"[:160]
    return TableRefused(f"{file}: arbetsboken kan inte läsas ({reason}); spara om den i Excel "
                        "som .xlsx",
                        f"{file}: the workbook cannot be read ({reason}); save it again in "
                        "Excel as .xlsx")


def _check_container(raw: bytes, file: str) -> None:
    if raw.startswith(_CFB):
        raise TableRefused(
            f"{file}: filen är lösenordsskyddad (krypterad) eller i det gamla .xls-formatet; "
            "ta bort lösenordet och spara som .xlsx",
            f"{file}: the file is password-protected (encrypted) or in the old .xls format; "
            "remove the password and save it as .xlsx")
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise TableRefused(f"{file}: inte en Excel-arbetsbok (.xlsx); spara den som .xlsx",
                           f"{file}: not an Excel workbook (.xlsx); save it as .xlsx")
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        parts = archive.infolist()
    unpacked = sum(part.file_size for part in parts)
    packed = sum(part.compress_size for part in parts) or 1
    if unpacked > MAX_UNPACKED or unpacked > MAX_RATIO * max(packed, 10_000):
        raise TableRefused(
            f"{file}: packas upp till {unpacked} byte ({unpacked // packed}× sin packade "
            f"storlek; gränsen är {MAX_UNPACKED} byte och {MAX_RATIO}×); en zip-bomb? Filen "
            "öppnas inte",
            f"{file}: unpacks to {unpacked} bytes ({unpacked // packed}× its packed size; the "
            f"limits are {MAX_UNPACKED} bytes and {MAX_RATIO}×); a zip bomb? The file is not "
            "opened")
    if any(part.filename.lower().endswith("vbaproject.bin") for part in parts):
        raise TableRefused(
            f"{file}: arbetsboken innehåller makron (VBA); vardval kör aldrig makron. Spara "
            "den som .xlsx utan makron",
            f"{file}: the workbook contains macros (VBA); vardval never runs macros. Save it "
            "as .xlsx without macros")


def sheet_table(workbook: Workbook, file: str, sheet: str | None = None) -> Table:
    """The table of the sheet named ``sheet`` (the first sheet if None)."""
    names = workbook.sheetnames
    if sheet is None:
        sheet = names[0]
    elif sheet not in names:
        raise TableRefused(f"{file}: inget blad som heter '{sheet}'; bladen är "
                           f"{', '.join(names)}",
                           f"{file}: no sheet named '{sheet}'; the sheets are {', '.join(names)}")
    worksheet: Any = workbook[sheet]
    _check_size(worksheet, file, sheet)
    return Table(file, sheet, _rows(worksheet, file, sheet))


def _check_size(worksheet: ReadOnlyWorksheet, file: str, sheet: str) -> None:
    """The sheet's declared extent (its ``dimension``) is checked before any row is read."""
    rows, columns = worksheet.max_row, worksheet.max_column
    if rows is not None and rows > MAX_ROWS + 1:
        raise too_many_rows(f"{file}!{sheet}")
    if columns is not None and columns > MAX_COLUMNS:
        raise TableRefused(f"{file}!{sheet}: fler än {MAX_COLUMNS} kolumner",
                           f"{file}!{sheet}: more than {MAX_COLUMNS} columns")


def _rows(worksheet: Any, file: str, sheet: str) -> Iterator[tuple[Cell, ...]]:
    """Cells with their values; the count is bounded again, for sheets that declare no size.

    ``worksheet`` is openpyxl's ``ReadOnlyWorksheet``, whose stubs type ``iter_rows`` for the
    writable worksheet only.
    """
    rows = worksheet.iter_rows()
    number = 0
    while True:
        try:
            row = next(rows, None)
        except Exception as exc:  # noqa: BLE001 - the sheet's XML is parsed as it is read
            raise _unreadable(f"{file}!{sheet}", exc) from None
        number += 1
        if row is None:
            return
        if number > MAX_ROWS + 1:
            raise too_many_rows(f"{file}!{sheet}")
        if len(row) > MAX_COLUMNS:
            raise TableRefused(f"{file}!{sheet}: rad {number} har fler än {MAX_COLUMNS} kolumner",
                               f"{file}!{sheet}: row {number} has more than {MAX_COLUMNS} columns")
        yield tuple(_cell(cell, number, column, sheet) for column, cell in enumerate(row, 1))


class Formula(str):
    """A formula cell's text (``=SUM(C2:C4)``): kept, reported, never computed."""

    __slots__ = ()


def _cell(cell: Any, row: int, column: int, sheet: str) -> Cell:
    value = cell.value
    if getattr(cell, "data_type", None) == "f":
        value = Formula(getattr(value, "text", None) or value)
    elif isinstance(value, dt.datetime) and value.time() == dt.time():
        value = value.date()
    return Cell(value, row, column, f"{sheet}!{column_letters(column)}{row}")
