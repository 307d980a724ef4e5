"""A table read from a CSV file or a worksheet: rows of located cells, whatever the source."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

#: Rows of data a table may have (a region has about 1 200 clinics; a monthly export of
#: several years fits too). A longer table is refused once the bound is passed, not read to
#: the end.
MAX_ROWS = 50_000
#: Columns read per row; cells beyond are refused with the table.
MAX_COLUMNS = 500


class Cell(NamedTuple):
    """One cell's value (text from CSV; text, number, date or bool from a workbook) and place.

    ``where`` is how a person finds it: ``Blad1!C14`` in a workbook, ``14:3`` (line and
    column) in a CSV file.
    """

    value: object
    row: int
    column: int
    where: str


@dataclass(frozen=True)
class Table:
    """The rows of one sheet or CSV file, read lazily; ``sheet`` is None for CSV."""

    file: str
    sheet: str | None
    rows: Iterator[tuple[Cell, ...]]

    def row_name(self, row: int) -> str:
        """What names one row as a submission: ``export.csv:7``, ``export.xlsx!Blad1:7``.

        Example:
            >>> Table("export.xlsx", "Blad1", iter(())).row_name(7)
            'export.xlsx!Blad1:7'
        """
        return f"{self.file}!{self.sheet}:{row}" if self.sheet else f"{self.file}:{row}"


class TableRefused(Exception):
    """The file or sheet cannot be read as a table; the words say why, in Swedish and English."""

    def __init__(self, sv: str, en: str) -> None:
        super().__init__(en)
        self.words = {"sv": sv, "en": en}


def column_letters(column: int) -> str:
    """Excel's name of a 1-based column number.

    Example:
        >>> column_letters(1), column_letters(27), column_letters(703)
        ('A', 'AA', 'AAA')
    """
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def too_many_rows(where: str) -> TableRefused:
    return TableRefused(
        f"{where}: fler än {MAX_ROWS} rader; filen läses inte (dela upp den i flera filer)",
        f"{where}: more than {MAX_ROWS} rows; the file is not read (split it into several "
        "files)")
