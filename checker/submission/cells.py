"""Cells to one submission: each value typed by its field, markers made absent, every cell kept.

A spreadsheet row or a filled template becomes the same plain data a YAML file gives, with a
mark per value at its cell, and goes through the same validation (``intake.check_loaded``), so
a wrong count in ``Blad1!C14`` is worded as a wrong count on line 14 of a YAML file is. A cell
holding a marker ("missing" or "suppressed": ``..``, ``<20``, empty) makes its value absent,
never zero, so rules that need it are indeterminate.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from vardval.checker.reading import Cell, Formula, LoadedYaml, NodeMark
from vardval.checker.submission.facts import FORMAT_ID
from vardval.checker.submission.fields import FieldSpec, submission_fields
from vardval.checker.submission.intake import Intake, Problem, check_loaded

TRUE_WORDS = frozenset({"ja", "j", "yes", "y", "true", "sant", "1", "x"})
FALSE_WORDS = frozenset({"nej", "n", "no", "false", "falskt", "0"})
EMPTY_LIST_WORDS = frozenset({"inga", "ingen", "none", "[]"})
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_WHOLE = re.compile(r"[+-]?[0-9]+", flags=re.ASCII)
#: Stand-ins that let a required field marked missing pass the format check; the value itself
#: is then left out of what the rules read, so it is absent there, never this number.
_STAND_IN: dict[str, Any] = {"count": 0, "number": 0, "date": "2000-01-01", "bool": False,
                             "list": []}


@dataclass(frozen=True, slots=True)
class Marked:
    """A cell whose text is a marker: its value is absent (``kind`` missing or suppressed)."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Placed:
    """A field's value from a cell (or from the mapping when ``cell`` is None)."""

    value: Any
    cell: Cell | None


@dataclass(frozen=True)
class Markers:
    missing: frozenset[str] = frozenset({""})
    suppressed: frozenset[str] = frozenset()

    def of(self, raw: object) -> Marked | None:
        if raw is None:
            return Marked("missing", "")
        if not isinstance(raw, str):
            return None
        text = raw.strip()
        if text in self.suppressed:
            return Marked("suppressed", text)
        return Marked("missing", text) if text in self.missing else None


@dataclass
class Row:
    """The fields of one submission being put together from cells, with problems met."""

    name: str
    file: str
    anchor: Cell | None
    placed: dict[str, Placed] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[dict[str, str]] = field(default_factory=list)

    def problem(self, cell: Cell | None, dotted: str, words: dict[str, str], lang: str) -> None:
        self.problems.append(cell_problem(self.file, cell, dotted, words[lang]))


def cell_problem(file: str, cell: Cell | None, dotted: str, message: str) -> Problem:
    """A problem at a cell, printed like a YAML one (``Blad1!C14`` or ``line:column``)."""
    path = f"$.{dotted}" if dotted else "$"
    if cell is None:
        return Problem(path, None, None, message, file)
    label = cell.where if "!" in cell.where else ""
    return Problem(path, cell.row, cell.column, message, file, label)


def typed(raw: object, spec: FieldSpec, words: dict[str, Any] | None = None) -> Any:
    """The cell's value as a YAML file would hold it, for the format check to judge.

    Text that means a number becomes one (``10 040``, ``1,5``); what cannot be read is left
    as text, so the check words the problem as it does for YAML.

    Example:
        >>> fields = submission_fields()
        >>> typed("10 040", fields["listing.listed_at_period_end"])
        10040
        >>> typed("ja", fields["care_offering.digital"])
        True
        >>> typed("1,5", fields["finance.reimbursement_sek"])
        Decimal('1.5')
        >>> typed("video, chat", fields["care_offering.digital_channels"])
        ['video', 'chat']
    """
    if isinstance(raw, str):
        raw = raw.strip()
        if words and raw in words and spec.kind != "list":
            return words[raw]
    if isinstance(raw, dt.datetime):
        return raw.isoformat(sep=" ")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    convert = _CONVERT.get(spec.kind, _as_text)
    return convert(raw, words or {})


def _as_count(raw: object, _words: dict[str, Any]) -> object:
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else Decimal(repr(raw))
    if isinstance(raw, str):
        compact = _SPACES.sub("", raw)
        if _WHOLE.fullmatch(compact):
            return int(compact)
        number = _decimal(compact)
        return raw if number is None else number
    return raw


def _as_number(raw: object, _words: dict[str, Any]) -> object:
    if isinstance(raw, float):
        return Decimal(repr(raw))
    if isinstance(raw, str):
        number = _decimal(_SPACES.sub("", raw).replace(",", "."))
        return raw if number is None else number
    return raw


def _decimal(text: str) -> Decimal | None:
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _as_bool(raw: object, _words: dict[str, Any]) -> object:
    if isinstance(raw, int) and not isinstance(raw, bool) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        if raw.casefold() in TRUE_WORDS:
            return True
        if raw.casefold() in FALSE_WORDS:
            return False
    return raw


def _as_text(raw: object, _words: dict[str, Any]) -> object:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else repr(raw)
    return raw


def _as_list(raw: object, words: dict[str, Any]) -> object:
    if not isinstance(raw, str):
        return raw
    if raw.casefold() in EMPTY_LIST_WORDS:
        return []
    items = [item.strip() for item in re.split(r"[,;\n]", raw)]
    return [words.get(item, item) for item in items if item]


_CONVERT = {"count": _as_count, "number": _as_number, "bool": _as_bool, "list": _as_list}


def formula_words(cell: Cell) -> dict[str, str]:
    text = str(cell.value)[:80]
    link = "[" in text or ".xls" in text.lower()
    sv = (f"cellen innehåller en formel ({text}); vardval räknar aldrig ut formler"
          + (" och följer aldrig länkar till andra arbetsböcker" if link else "")
          + ": skriv in värdet (Klistra in special > Värden)")
    en = (f"the cell holds a formula ({text}); vardval never computes formulas"
          + (" and never follows links to other workbooks" if link else "")
          + ": type the value instead (Paste Special > Values)")
    return {"sv": sv, "en": en}


def put(row: Row, spec: FieldSpec, cell: Cell, markers: Markers, lang: str,
        words: dict[str, Any] | None = None) -> None:
    """Read one cell into ``row``: a value, a marker (absent) or a located problem."""
    if isinstance(cell.value, Formula):
        row.problem(cell, spec.dotted, formula_words(cell), lang)
        return
    marked = markers.of(cell.value)
    if marked is not None:
        if marked.kind == "suppressed":
            row.notes.append(_suppressed_note(row.file, cell, spec, marked))
        row.placed[spec.dotted] = Placed(marked, cell)
        return
    row.placed[spec.dotted] = Placed(typed(cell.value, spec, words), cell)


def _suppressed_note(file: str, cell: Cell, spec: FieldSpec, marked: Marked) -> dict[str, str]:
    where = f"{file}:{cell.where}"
    return {"sv": f"{where} ({spec.dotted}) är undertryckt ('{marked.text}') och räknas som "
                  "saknat, inte som noll",
            "en": f"{where} ({spec.dotted}) is suppressed ('{marked.text}') and counts as "
                  "missing, not as zero"}


def to_intake(row: Row, lang: str) -> tuple[Intake, tuple[dict[str, str], ...]]:
    """Validate the row's fields as one submission; problems at their cells, notes beside."""
    fields = submission_fields()
    data: dict[str, Any] = {"format": FORMAT_ID}
    loaded = LoadedYaml(data, {}, {})
    if row.anchor is not None:
        loaded.marks[()] = _mark(row.anchor)
    withheld: list[str] = []
    for dotted, placed in row.placed.items():
        if not isinstance(placed.value, Marked):
            _set(loaded, fields[dotted].path, placed.value, placed.cell)
    for dotted, placed in row.placed.items():
        if isinstance(placed.value, Marked) and _withhold(row, loaded, fields[dotted], placed,
                                                           lang):
            withheld.append(dotted)
    intake = check_loaded(row.name, loaded)
    told = {p.json_path for p in row.problems}
    problems = [*row.problems, *(_at_cell(p, row, loaded) for p in intake.problems
                                 if _missing_path(p) not in told)]
    if problems:
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        return Intake(row.name, None, tuple(problems)), tuple(row.notes)
    assert intake.data is not None
    for dotted in withheld:
        _drop(intake.data, fields[dotted].path)
    return intake, tuple(row.notes)


def _missing_path(problem: Problem) -> str | None:
    """The path a "missing required field" problem is about: a cell's own problem says more.

    Example:
        >>> _missing_path(Problem("$.clinic", 1, 1, "missing required field 'name'"))
        '$.clinic.name'
    """
    prefix = "missing required field '"
    if not problem.message.startswith(prefix):
        return None
    return f"{problem.json_path}.{problem.message[len(prefix):-1]}"


def _withhold(row: Row, loaded: LoadedYaml, spec: FieldSpec, placed: Placed, lang: str) -> bool:
    """A marked required field whose object is there gets a stand-in the rules never see."""
    if not spec.required:
        return False
    parent_present = _get(loaded.data, spec.path[:-1]) is not None
    if not (spec.always or parent_present):
        return False  # an optional object with no value at all is absent as a whole
    stand_in = _STAND_IN.get(spec.kind)
    if stand_in is None:
        row.problem(placed.cell, spec.dotted, {
            "sv": f"{spec.dotted} får inte saknas: det behövs för att veta vilken inlämning "
                  "raden är; fyll i värdet",
            "en": f"{spec.dotted} cannot be missing: it is needed to tell which submission "
                  "the row is; fill in the value"}, lang)
        return False
    if spec.minimum is not None and isinstance(stand_in, int):
        stand_in = max(stand_in, spec.minimum)
    _set(loaded, spec.path, stand_in, placed.cell)
    return True


def _set(loaded: LoadedYaml, path: tuple[str, ...], value: Any, cell: Cell | None) -> None:
    node: Any = loaded.data
    for depth, part in enumerate(path[:-1], 1):
        if part not in node:
            node[part] = {}
            if cell is not None:
                loaded.marks[path[:depth]] = _mark(cell)
        node = node[part]
    node[path[-1]] = value
    if cell is not None:
        loaded.marks[path] = _mark(cell)


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _drop(data: dict[str, Any], path: tuple[str, ...]) -> None:
    node = _get(data, path[:-1])
    if isinstance(node, dict):
        node.pop(path[-1], None)


def _mark(cell: Cell) -> NodeMark:
    return NodeMark(cell.row, cell.column, cell.row, cell.column + 1)


def _at_cell(problem: Problem, row: Row, loaded: LoadedYaml) -> Problem:
    """The validation's line and column are the cell's row and column: name the cell too."""
    del loaded
    cells = {(p.cell.row, p.cell.column): p.cell for p in row.placed.values() if p.cell}
    if row.anchor is not None:
        cells.setdefault((row.anchor.row, row.anchor.column), row.anchor)
    cell = cells.get((problem.line or 0, problem.column or 0))
    if cell is None:
        return dataclasses.replace(problem, file=row.file)
    label = cell.where if "!" in cell.where else ""
    return dataclasses.replace(problem, file=row.file, cell=label)
