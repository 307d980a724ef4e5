"""CSV files in: encoding and delimiter settled up front, every cell located by line and column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from vardval.checker.reading.table import MAX_COLUMNS, MAX_ROWS, Cell, Table, TableRefused
from vardval.checker.reading.table import too_many_rows as _too_many_rows

ENCODINGS = ("utf-8", "latin-1", "cp1252")
DELIMITERS = (",", ";", "\t")


def read_csv(raw: bytes, file: str, *, encoding: str | None = None,
             delimiter: str | None = None) -> Table:
    """A table from CSV bytes; ``encoding`` and ``delimiter`` None mean UTF-8 and a guess.

    A BOM is dropped. Text that is not UTF-8 is refused with where and what to set, never
    guessed: Latin-1 misread as UTF-8 (or the other way) silently changes names.

    Example:
        >>> table = read_csv(b"a;b\\n1;2\\n", "x.csv")
        >>> [[c.value for c in row] for row in table.rows]
        [['a', 'b'], ['1', '2']]
    """
    text = _decode(raw, file, encoding)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise TableRefused(f"{file}:{line}: NUL-tecken; är det verkligen en CSV-fil?",
                           f"{file}:{line}: a NUL character; is this really a CSV file?")
    if text.count("\n") > MAX_ROWS + 1:  # counted up front: no row is read from such a file
        raise _too_many_rows(file)
    first = text.split("\n", 1)[0]
    chosen = delimiter or max(DELIMITERS, key=first.count)
    return Table(file, None, _rows(text, file, chosen))


def _decode(raw: bytes, file: str, encoding: str | None) -> str:
    if encoding is None or encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        body = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = body[: exc.start].count(b"\n") + 1
            column = exc.start - (body.rfind(b"\n", 0, exc.start) + 1) + 1
            byte = f"0x{body[exc.start]:02X}"
            raise TableRefused(
                f"{file}:{line}:{column}: inte UTF-8 (byte {byte}); är filen sparad som "
                "Latin-1/Windows-1252? Spara den som CSV UTF-8, eller skriv "
                "'csv: {encoding: latin-1}' i mappningsfilen",
                f"{file}:{line}:{column}: not UTF-8 (byte {byte}); was the file saved as "
                "Latin-1/Windows-1252? Save it as CSV UTF-8, or write "
                "'csv: {encoding: latin-1}' in the mapping file") from None
    try:
        return raw.removeprefix(b"\xef\xbb\xbf").decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        start = getattr(exc, "start", 0)
        line = raw[:start].count(b"\n") + 1
        raise TableRefused(
            f"{file}:{line}: kan inte läsas som {encoding}; ange rätt 'csv: {{encoding: …}}' i "
            "mappningsfilen (utf-8, latin-1 eller cp1252)",
            f"{file}:{line}: cannot be read as {encoding}; set the right 'csv: {{encoding: …}}' "
            "in the mapping file (utf-8, latin-1 or cp1252)") from None


def _rows(text: str, file: str, delimiter: str) -> Iterator[tuple[Cell, ...]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for line in reader:
            if reader.line_num > MAX_ROWS + 1:
                raise _too_many_rows(file)
            if len(line) > MAX_COLUMNS:
                raise _too_wide(file, reader.line_num)
            yield tuple(Cell(value, reader.line_num, column, f"{reader.line_num}:{column}")
                        for column, value in enumerate(line, 1))
    except csv.Error as exc:
        raise TableRefused(f"{file}:{reader.line_num}: felaktig CSV: {exc}",
                           f"{file}:{reader.line_num}: malformed CSV: {exc}") from None


def _too_wide(file: str, line: int) -> TableRefused:
    return TableRefused(f"{file}:{line}: fler än {MAX_COLUMNS} kolumner",
                        f"{file}:{line}: more than {MAX_COLUMNS} columns")
