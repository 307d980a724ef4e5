"""``vardval template``: an Excel workbook a clinic fills in, drawn from the schema and the rules.

The workbook has the fields of the sections that the rules in force for the region and quarter
read (and the fields every submission needs), each with a Swedish label, its unit, what it
means and data validation (a list for choices and yes/no, whole numbers ≥ 0 for counts, dates
for dates); a second sheet explains each field with the rules that read it and their law. The
layout is ``submission.template_form``'s, so a filled template is read back as a submission.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vardval.checker.submission import (
    BOOL_WORDS,
    LABELS,
    MEANINGS,
    SECTIONS,
    FieldSpec,
    shown_choices,
    submission_fields,
    template_form,
    unit_of,
)
from vardval.dsl import nodes, walk
from vardval.dsl.values import Quarter

if TYPE_CHECKING:
    from vardval.checker.corpus import Rule, RuleSet

_HEADER_FILL = "DDE6F0"
_SECTION_FILL = "F2F2F2"
_WIDTHS = {"A": 52, "B": 28, "C": 20, "D": 70, "E": 44}


@dataclass(frozen=True)
class TemplateScope:
    """What a template is for: the region, the quarter, and which rules read which fields."""

    region: str
    period: Quarter
    readers: dict[str, list[Rule]]


def template_scope(ruleset: RuleSet, region: str, period: Quarter) -> TemplateScope:
    """Each field read by a rule in force for ``region`` in ``period``, with those rules."""
    books = {book.id: book for book in ruleset.rulebooks}
    readers: dict[str, list[Rule]] = {}
    for rule in ruleset.rules():
        version = rule.version_on(period.start)
        if version is None or rule.region not in (None, region):
            continue
        exprs = [c.expr for c in (version.when, version.require) if c is not None]
        for dotted in _fields_read(exprs, books[rule.rulebook].definitions):
            readers.setdefault(dotted, []).append(rule)
    return TemplateScope(region, period, readers)


def _fields_read(exprs: list[nodes.Expr], definitions: dict[str, Any]) -> set[str]:
    """Fields the expressions read, through the definitions they use (each followed once)."""
    found: set[str] = set()
    seen: set[str] = set()
    stack = list(exprs)
    while stack:
        for ref in walk.references(stack.pop()):
            if isinstance(ref, nodes.Field):
                found.add(ref.dotted)
            elif isinstance(ref, nodes.DefRef) and ref.name not in seen:
                seen.add(ref.name)
                stack.append(definitions[ref.name].expr)
    return found


def template_fields(scope: TemplateScope) -> list[FieldSpec]:
    """The fields the template asks for: the clinic and period, and each section a rule reads.

    A section (``listing.cap``) is asked for whole when a rule reads any of it, so a filled
    section is a complete one.
    """
    read = [tuple(dotted.split(".")) for dotted in scope.readers]
    return [spec for spec in submission_fields().values()
            if spec.dotted != "format" and (spec.always or spec.path[0] in ("clinic", "period",
                                            "submitted_on") or _section_read(spec, read))]


def _section_read(spec: FieldSpec, read: list[tuple[str, ...]]) -> bool:
    parent = spec.path[:-1]
    return any(r[:len(parent)] == parent or spec.path[:len(r)] == r for r in read)


def template_bytes(scope: TemplateScope) -> bytes:
    """The workbook, as the bytes of an .xlsx file."""
    from openpyxl import Workbook  # noqa: PLC0415 - only a template pays for openpyxl

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = template_form.SHEET
    fields = template_fields(scope)
    _form(sheet, scope, fields)
    _explanations(book.create_sheet("Förklaringar"), scope, fields)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _form(sheet: Any, scope: TemplateScope, fields: list[FieldSpec]) -> None:
    from openpyxl.styles import Font, PatternFill  # noqa: PLC0415

    sheet["A1"] = template_form.MARK
    sheet["B1"] = f"Kvartalsrapport för region {scope.region}, {scope.period}"
    sheet["B1"].font = Font(bold=True, size=13)
    sheet["A2"] = ("Fyll i kolumn B. En tom cell betyder att värdet saknas (regler som behöver "
                   "det blir obestämda, aldrig noll). Ändra inte kolumn E.")
    for column, heading in enumerate(template_form.HEADINGS, 1):
        cell = sheet.cell(template_form.HEADER_ROW, column, heading)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
    for letter, width in _WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{template_form.HEADER_ROW + 1}"
    row = template_form.HEADER_ROW + 1
    section: tuple[str, ...] = ()
    validations = _Validations(sheet)
    for spec in fields:
        if spec.path[:-1] != section and spec.path[:-1]:
            section = spec.path[:-1]
            heading = sheet.cell(row, 1, SECTIONS.get(".".join(section), ".".join(section)))
            heading.font = Font(bold=True)
            heading.fill = PatternFill("solid", fgColor=_SECTION_FILL)
            row += 1
        _field_row(sheet, row, spec, scope)
        validations.add(spec, f"B{row}")
        row += 1


def _field_row(sheet: Any, row: int, spec: FieldSpec, scope: TemplateScope) -> None:
    label = LABELS[spec.dotted] + ("" if spec.required else " (frivilligt)")
    sheet.cell(row, 1, label)
    sheet.cell(row, 3, unit_of(spec))
    sheet.cell(row, 4, MEANINGS[spec.dotted])
    sheet.cell(row, template_form.ID_COLUMN, spec.dotted)
    prefilled = {"clinic.region": scope.region, "period": str(scope.period)}
    if spec.dotted in prefilled:
        sheet.cell(row, template_form.VALUE_COLUMN, prefilled[spec.dotted])
    elif spec.kind == "date":
        sheet.cell(row, template_form.VALUE_COLUMN).number_format = "yyyy-mm-dd"


class _Validations:
    """One data validation per kind of field, each covering the cells of its fields."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.by_key: dict[str, Any] = {}

    def add(self, spec: FieldSpec, cell: str) -> None:
        made = self._for(spec)
        if made is not None:
            made.add(cell)

    def _for(self, spec: FieldSpec) -> Any:
        from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

        key, options = _validation_of(spec)
        if key is None:
            return None
        if key not in self.by_key:
            made = DataValidation(allow_blank=True, showErrorMessage=True, **options)
            self.sheet.add_data_validation(made)
            self.by_key[key] = made
        return self.by_key[key]


def _validation_of(spec: FieldSpec) -> tuple[str | None, dict[str, Any]]:
    if spec.kind == "choice":
        words = shown_choices(spec) if spec.dotted != "clinic.region" else list(spec.choices)
        return spec.dotted, {"type": "list", "formula1": '"' + ",".join(words) + '"',
                             "error": "Välj ett värde i listan."}
    if spec.kind == "bool":
        return "bool", {"type": "list", "formula1": '"' + ",".join(BOOL_WORDS) + '"',
                        "error": "Svara ja eller nej."}
    if spec.kind == "count":
        low, high = spec.minimum or 0, spec.maximum if spec.maximum is not None else 10**9
        return f"count{low}-{high}", {
            "type": "whole", "operator": "between", "formula1": str(low), "formula2": str(high),
            "error": f"Ett heltal från {low} till {high}."}
    if spec.kind == "number":
        return "number", {"type": "decimal", "operator": "greaterThanOrEqual", "formula1": "0",
                          "error": "Ett tal ≥ 0."}
    if spec.kind == "date":
        return "date", {"type": "date", "operator": "greaterThan", "formula1": "1",
                        "error": "Ett datum, ÅÅÅÅ-MM-DD."}
    return None, {}


def _explanations(sheet: Any, scope: TemplateScope, fields: list[FieldSpec]) -> None:
    """Each field: its label, meaning, unit, and the rules reading it with their law and link."""
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415

    headings = ("Fält", "Fält-id", "Betydelse", "Enhet", "Regler som läser fältet", "Lagrum",
                "Länk")
    for column, heading in enumerate(headings, 1):
        sheet.cell(1, column, heading).font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row, spec in enumerate(fields, 2):
        rules = scope.readers.get(spec.dotted, [])
        citations = {c.text: c.url for rule in rules
                     for c in (rule.version_on(scope.period.start) or rule.versions[0]).citations}
        values = (LABELS[spec.dotted], spec.dotted, MEANINGS[spec.dotted], unit_of(spec),
                  "\n".join(f"{r.id}: {r.title.get('sv', r.id)}" for r in rules),
                  "\n".join(citations), "\n".join(url for url in citations.values() if url))
        for column, value in enumerate(values, 1):
            sheet.cell(row, column, value).alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFG", (44, 40, 60, 16, 50, 36, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.auto_filter.ref = f"A1:G{len(fields) + 1}"
