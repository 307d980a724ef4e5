"""A filled template (``vardval template``) read back as one submission, cell by cell.

The layout is declared here once, for the writer (``report/template_book.py``) and this
reader alike: the sheet ``Inlämning`` starts with the format's mark in A1, its header row
names the columns, and each field's row holds the value in column B and the field's dotted
name in column E. The reader goes by column E, so rows may be moved or added between; a row
without a field name (a section heading, a note) is skipped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vardval.checker.reading import Cell, Table
from vardval.checker.submission.cells import Markers, Row, cell_problem, put, to_intake
from vardval.checker.submission.facts import FORMAT_ID
from vardval.checker.submission.fields import submission_fields
from vardval.checker.submission.intake import Intake
from vardval.checker.submission.labels import words_of

if TYPE_CHECKING:
    from collections.abc import Iterator

SHEET = "Inlämning"
MARK = f"{FORMAT_ID} (mall)"
HEADER_ROW = 3
HEADINGS = ("Fält", "Värde", "Enhet", "Förklaring", "Fält-id (ändra inte)")
VALUE_COLUMN = 2
ID_COLUMN = 5

Notes = tuple[dict[str, str], ...]


def is_template(first_row: tuple[Cell, ...]) -> bool:
    """Whether a sheet's first row carries the template's mark (A1)."""
    return bool(first_row) and first_row[0].value == MARK


def read_template(table: Table, lang: str) -> tuple[Intake, Notes]:
    """The submission in a filled template's sheet; problems name their cells (``Inlämning!B14``).

    An empty cell leaves its value absent: the rules that need it are indeterminate.
    """
    fields = submission_fields()
    rows: Iterator[tuple[Cell, ...]] = iter(table.rows)
    first = next(rows, ())
    row = Row(table.file, table.file, first[0] if first else None)
    if not is_template(first):
        problem = cell_problem(table.file, row.anchor, "", _not_template_words(table)[lang])
        return Intake(table.file, None, (problem,)), ()
    for cells in rows:
        if len(cells) < ID_COLUMN or cells[0].row <= HEADER_ROW:
            continue
        name_cell, value_cell = cells[ID_COLUMN - 1], cells[VALUE_COLUMN - 1]
        dotted = str(name_cell.value or "").strip()
        if not dotted:
            continue
        spec = fields.get(dotted)
        if spec is None or dotted == "format":
            row.problem(name_cell, "", _unknown_words(dotted), lang)
            continue
        put(row, spec, value_cell, Markers(), lang, words_of(spec))
    return to_intake(row, lang)


def _not_template_words(table: Table) -> dict[str, str]:
    return {"sv": f"bladet '{table.sheet}' är ingen ifylld vardval-mall (A1 ska vara '{MARK}'); "
                  "hämta en mall med `vardval template`, eller läs en export rad för rad med "
                  "`--mapping`",
            "en": f"the sheet '{table.sheet}' is not a filled vardval template (A1 should be "
                  f"'{MARK}'); get one with `vardval template`, or read an export row by row "
                  "with `--mapping`"}


def _unknown_words(dotted: str) -> dict[str, str]:
    return {"sv": f"okänt fält-id '{dotted[:80]}' i kolumn E; ändra inte fält-id:na, hämta en "
                  "ny mall med `vardval template` om de har ändrats",
            "en": f"unknown field id '{dotted[:80]}' in column E; leave the field ids as they "
                  "are, or get a new template with `vardval template` if they were changed"}
