"""An office's export, one row per clinic (or per clinic and month), read by a mapping.

Each row becomes one submission through ``cells``: a bad cell is a problem of that row only,
and the rows after it are read as usual. Monthly rows are gathered per clinic and quarter and
rolled up as the mapping says: the counts it lists under ``sum`` are summed, those under
``last`` (a state on the month's last day, such as listed patients) are the last month's; a
month missing, or a count marked missing in one month, makes such a count absent
(``missing_month: absent``) or uses the months present (``sum_present``); any other value must
be the same in every month.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from vardval.checker.reading import Cell, Table
from vardval.checker.submission.cells import Marked, Markers, Placed, Row, cell_problem, put
from vardval.checker.submission.cells import to_intake as _to_intake
from vardval.checker.submission.fields import FieldSpec, submission_fields
from vardval.checker.submission.intake import Intake
from vardval.checker.submission.mapping import Mapping, Rollup

Notes = tuple[dict[str, str], ...]
_PERIODS = {
    "YYYY-Qn": re.compile(r"([0-9]{4})-Q([1-4])"),
    "YYYYQn": re.compile(r"([0-9]{4})Q([1-4])"),
    "YYYY-MM": re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])"),
    "YYYYMM": re.compile(r"([0-9]{4})(0[1-9]|1[0-2])"),
}
_EXAMPLES = {"YYYY-Qn": "2025-Q1", "YYYYQn": "2025Q1", "YYYY-MM": "2025-01", "YYYYMM": "202501"}


def read_export(table: Table, mapping: Mapping, lang: str) -> Iterator[tuple[Intake, Notes]]:
    """One intake per row (or per clinic and quarter when rolling up), in the file's order."""
    rows = iter(table.rows)
    header = _header(rows, table, mapping, lang)
    if isinstance(header, Intake):
        yield header, ()
        return
    markers = Markers(frozenset(mapping.markers.missing) | {""},
                      frozenset(mapping.markers.suppressed))
    reader = _RowReader(table, mapping, header, markers, lang)
    read = (reader.row(cells) for cells in rows if any(_filled(c) for c in cells))
    if mapping.rollup is None:
        for row in read:
            yield _to_intake(row.row, lang)
        return
    yield from _rolled_up(read, mapping, lang)


def _filled(cell: Cell) -> bool:
    return cell.value is not None and str(cell.value).strip() != ""


def _header(rows: Iterator[tuple[Cell, ...]], table: Table, mapping: Mapping,
            lang: str) -> dict[str, int] | Intake:
    """Column heading → column number, read from the mapping's header row."""
    cells: tuple[Cell, ...] = ()
    for cells in rows:
        if cells and cells[0].row >= mapping.header_row:
            break
    found = {str(c.value).strip(): c.column for c in cells if _filled(c)}
    absent = [heading for heading in mapping.columns if heading not in found]
    if not absent:
        return found
    named = ", ".join(repr(a[:40]) for a in absent[:5])
    there = ", ".join(repr(h[:40]) for h in list(found)[:20])
    message = {
        "sv": f"mappningen nämner kolumnerna {named} som rubrikraden (rad {mapping.header_row}) "
              f"saknar; dess rubriker är {there or 'inga'}",
        "en": f"the mapping names the columns {named} that the header row (row "
              f"{mapping.header_row}) does not have; its headings are {there or 'none'}"}[lang]
    anchor = cells[0] if cells else None
    return Intake(table.file, None, (cell_problem(table.file, anchor, "", message),))


@dataclass
class _Read:
    """One row read: its fields, and the quarter and month its period names."""

    row: Row
    quarter: str | None = None
    month: int | None = None
    line: int = 0


@dataclass
class _RowReader:
    table: Table
    mapping: Mapping
    header: dict[str, int]
    markers: Markers
    lang: str
    fields: dict[str, FieldSpec] = field(default_factory=submission_fields)

    def row(self, cells: tuple[Cell, ...]) -> _Read:
        number = cells[0].row
        read = _Read(Row(self.table.row_name(number), self.table.file, cells[0]), line=number)
        for heading, dotted in self.mapping.columns.items():
            cell = self._cell(cells, self.header[heading], number)
            if dotted == "period":
                self._period(read, cell)
            else:
                words = self.mapping.values.get(dotted)
                put(read.row, self.fields[dotted], cell, self.markers, self.lang, words)
        for dotted, value in self.mapping.constants.items():
            read.row.placed[dotted] = Placed(value, None)
        return read

    def _cell(self, cells: tuple[Cell, ...], column: int, number: int) -> Cell:
        if column <= len(cells):
            return cells[column - 1]
        sample = cells[0].where
        where = f"{number}:{column}" if "!" not in sample else _sheet_cell(sample, column, number)
        return Cell(None, number, column, where)

    def _period(self, read: _Read, cell: Cell) -> None:
        text = str(cell.value).strip() if cell.value is not None else ""
        found = _PERIODS[self.mapping.period_format].fullmatch(text)
        if found is None:
            example = _EXAMPLES[self.mapping.period_format]
            read.row.problem(cell, "period", {
                "sv": f"'{text[:40]}' är ingen period skriven {self.mapping.period_format} "
                      f"(som mappningens period_format säger), t.ex. {example}",
                "en": f"'{text[:40]}' is not a period written {self.mapping.period_format} (as "
                      f"the mapping's period_format says), e.g. {example}"}, self.lang)
            return
        year, part = found.group(1), int(found.group(2))
        if self.mapping.rollup is None:
            read.quarter = f"{year}-Q{part}"
        else:
            read.quarter, read.month = f"{year}-Q{(part - 1) // 3 + 1}", part
        read.row.placed["period"] = Placed(read.quarter, cell)


def _sheet_cell(sample: str, column: int, number: int) -> str:
    from vardval.checker.reading import column_letters  # noqa: PLC0415 - only for gaps

    return f"{sample.split('!', 1)[0]}!{column_letters(column)}{number}"


# ---------------------------------------------------------------------------------------------
# Monthly rows to quarters


def _rolled_up(read: Iterator[_Read], mapping: Mapping,
               lang: str) -> Iterator[tuple[Intake, Notes]]:
    groups: dict[tuple[str, str], list[_Read]] = {}
    for one in read:
        if one.quarter is None or one.row.problems:
            yield _to_intake(one.row, lang)
            continue
        clinic = one.row.placed.get("clinic.hsa_id")
        key = (str(clinic.value if clinic else ""), one.quarter)
        groups.setdefault(key, []).append(one)
    assert mapping.rollup is not None
    for months in groups.values():
        yield _to_intake(_merge(months, mapping.rollup, lang), lang)


def _merge(months: list[_Read], rollup: Rollup, lang: str) -> Row:
    """One quarter's row from its months' rows (in month order), named by their lines."""
    months = sorted(months, key=lambda m: m.month or 0)
    first = months[0].row
    lines = ",".join(str(m.line) for m in months)
    name = first.name.rsplit(":", 1)[0] + f":{lines}"
    merged = Row(name, first.file, first.anchor)
    repeated = _repeated_months(months)
    complete = len({m.month for m in months}) == 3 and not repeated
    policy = rollup.missing_month
    for dotted in dict.fromkeys(d for m in months for d in m.row.placed):
        placed = [m.row.placed[dotted] for m in months if dotted in m.row.placed]
        if dotted in rollup.sum:
            merged.placed[dotted] = _summed(placed, policy, complete=complete)
        elif dotted in rollup.last:
            merged.placed[dotted] = _last(placed, policy, complete=complete)
        else:
            _agreed(merged, dotted, placed, lang)
    for month in months:
        merged.notes.extend(month.row.notes)
    if repeated:
        merged.problem(repeated.row.anchor, "period", _repeated_words(repeated), lang)
    return merged


def _repeated_months(months: list[_Read]) -> _Read | None:
    seen: set[int | None] = set()
    for month in months:
        if month.month in seen:
            return month
        seen.add(month.month)
    return None


def _summed(placed: list[Placed], missing_month: str, *, complete: bool) -> Placed:
    values = [p.value for p in placed]
    if any(not isinstance(v, int | Marked) or isinstance(v, bool) for v in values):
        return next(p for p in placed if not isinstance(p.value, int | Marked))  # a bad cell
    present = [v for v in values if isinstance(v, int)]
    if missing_month == "absent" and (len(present) < len(values) or not complete):
        return Placed(Marked("missing", ""), placed[0].cell)
    return Placed(sum(present), placed[0].cell) if present else placed[0]


def _last(placed: list[Placed], missing_month: str, *, complete: bool) -> Placed:
    """The last month's value (a state on the quarter's last day), or absent without it."""
    final = placed[-1]
    if missing_month == "absent" and not complete:
        return Placed(Marked("missing", ""), final.cell)
    return final


def _agreed(merged: Row, dotted: str, placed: list[Placed], lang: str) -> None:
    values: list[Any] = [p.value for p in placed]
    differing = next((p for p in placed[1:] if p.value != values[0]), None)
    merged.placed[dotted] = placed[0]
    if differing is not None:
        first, other = placed[0].cell, differing.cell
        merged.problem(other, dotted, {
            "sv": f"månaderna skiljer sig åt: {_shown(values[0])} i {_where(first)} men "
                  f"{_shown(differing.value)} här; bara antal summeras, andra värden ska vara "
                  "lika varje månad",
            "en": f"the months differ: {_shown(values[0])} in {_where(first)} but "
                  f"{_shown(differing.value)} here; only counts are summed, other values must be "
                  "the same every month"}, lang)


def _shown(value: object) -> str:
    return f"'{value.text}' (saknas)" if isinstance(value, Marked) else repr(value)[:40]


def _where(cell: Cell | None) -> str:
    return cell.where if cell is not None else "mappningen"


def _repeated_words(repeated: _Read) -> dict[str, str]:
    return {"sv": f"månad {repeated.month} finns på flera rader för samma vårdcentral och kvartal",
            "en": f"month {repeated.month} is on more than one row for the same clinic and "
                  "quarter"}
