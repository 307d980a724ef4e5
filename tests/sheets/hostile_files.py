"""Hostile spreadsheets and CSV files, each made in the test from a real template or export.

Each maker writes one file into a folder and returns its path. They are cheap: the "million
rows" workbook declares its size (``<dimension>``) and is refused from that before a row is
read, and the long CSV is two megabytes of one-letter lines.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
from msoffcrypto.format.ooxml import OOXMLFile
from vardval.checker.submission import template_form

EXPORT = Path("fixtures/exports/kontoret-export.csv")


def template_with(value: object, field: str = "accessibility.contacts.total") -> bytes:
    """A fresh template (written here with openpyxl) whose ``field`` row holds ``value``."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = template_form.SHEET
    sheet["A1"] = template_form.MARK
    sheet.cell(template_form.HEADER_ROW + 1, template_form.ID_COLUMN, field)
    sheet.cell(template_form.HEADER_ROW + 1, template_form.VALUE_COLUMN, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezipped(raw: bytes, change: Callable[[str, bytes], bytes],
             extra: dict[str, bytes] | None = None) -> bytes:
    """The workbook's zip with each part passed through ``change`` and ``extra`` parts added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            target.writestr(part.filename, change(part.filename, source.read(part)))
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def zip_bomb(folder: Path) -> Path:
    """Fifty megabytes of zeros packed into about fifty kilobytes, inside a real workbook."""
    raw = rezipped(template_with(1), lambda _n, data: data,
                   {"xl/media/padding.bin": bytes(50_000_000)})
    return _write(folder / "zipbomb.xlsx", raw)


def million_rows(folder: Path) -> Path:
    """A sheet that declares a million rows."""
    def declare(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        start = data.index(b'<dimension ref="') + len(b'<dimension ref="')
        end = data.index(b'"', start)
        return data[:start] + b"A1:E1000000" + data[end:]
    return _write(folder / "miljon.xlsx", rezipped(template_with(1), declare))


def long_csv(folder: Path) -> Path:
    header = EXPORT.read_bytes().split(b"\n", 1)[0]
    return _write(folder / "miljon.csv", header + b"\n" + b"x\n" * 1_000_000)


def formula(folder: Path) -> Path:
    return _write(folder / "formel.xlsx", template_with("=SUM(B5:B9)"))


def external_link(folder: Path) -> Path:
    return _write(folder / "lank.xlsx", template_with("='[budget.xlsx]Blad1'!C14"))


def macros(folder: Path) -> Path:
    raw = rezipped(template_with(1), lambda _n, data: data, {"xl/vbaProject.bin": b"\0" * 64})
    return _write(folder / "makro.xlsm", raw)


def password(folder: Path) -> Path:
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(template_with(1))).encrypt("hemligt", encrypted)
    return _write(folder / "losenord.xlsx", encrypted.getvalue())


def not_a_workbook(folder: Path) -> Path:
    return _write(folder / "text.xlsx", b"HSA-id;Kvartal\n")


def latin1_csv(folder: Path) -> Path:
    return _write(folder / "latin1.csv", EXPORT.read_text(encoding="utf-8").encode("latin-1"))


def bom_csv(folder: Path) -> Path:
    return _write(folder / "bom.csv", b"\xef\xbb\xbf" + EXPORT.read_bytes())


def _write(path: Path, raw: bytes) -> Path:
    path.write_bytes(raw)
    return path
