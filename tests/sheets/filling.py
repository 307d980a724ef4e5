"""Filling spreadsheets from the bundled YAML examples, as a person (or an export) would.

A template is filled with openpyxl the way a clinic types: numbers as numbers, dates as dates,
yes/no and the Swedish choice words from the drop-down lists, lists as comma-separated text.
An export row is written as an office's CSV would hold it: every value as text.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from vardval.checker.submission import CHOICE_WORDS, submission_fields, template_form
from vardval.checker.submission.intake import load_submission

EXAMPLES = sorted(Path("fixtures/submissions").glob("*.*"))


def example_data(path: Path) -> dict[str, Any]:
    intake = load_submission(path)
    assert intake.data is not None, intake.problems
    return intake.data


def leaves(data: dict[str, Any]) -> dict[str, Any]:
    """Dotted field → value, for every leaf field the example holds."""
    out = {}
    for dotted, spec in submission_fields().items():
        node: Any = data
        for part in spec.path:
            if not isinstance(node, dict) or part not in node:
                break
            node = node[part]
        else:
            out[dotted] = node
    return out


def typed_by_person(value: Any) -> Any:
    """What a person types into a template cell for ``value``."""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, list):
        return ", ".join(CHOICE_WORDS.get(v, v) for v in value) if value else "inga"
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        return CHOICE_WORDS.get(value, value)
    return value


def filled_template(template: bytes, data: dict[str, Any]) -> bytes:
    """The template with each of the example's values typed into column B of its row.

    Fields no rule in force reads have no row (the template leaves them out); that the
    findings are the same anyway is what the round trip shows.
    """
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book[template_form.SHEET]
    values = leaves(data)
    for row in range(template_form.HEADER_ROW + 1, sheet.max_row + 1):
        dotted = sheet.cell(row, template_form.ID_COLUMN).value
        if dotted in values:
            sheet.cell(row, template_form.VALUE_COLUMN, typed_by_person(values.pop(dotted)))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_text(value: Any) -> str:
    """A value as an export's CSV cell holds it."""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, list):
        return ", ".join(value) if value else "inga"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


#: The office's own headings for the clinic's fields; every other field's heading is its name.
HEADINGS = {"clinic.hsa_id": "HSA-id", "clinic.name": "Vårdcentral", "clinic.region": "Region",
            "clinic.operator": "Driftsform", "period": "Kvartal"}
REGION_WORDS = {"Region Kronoberg": "kronoberg", "Region Halland": "halland",
                "Region Jönköpings län": "jonkoping", "Region Skåne": "skane",
                "Region Uppsala": "uppsala", "Västra Götalandsregionen": "vastra-gotaland"}


def export_csv(examples: list[Path]) -> str:
    """The examples as an office's export: semicolons, Swedish words, one row per example."""
    fields = [d for d in submission_fields() if d != "format"]
    region_text = {slug: text for text, slug in REGION_WORDS.items()}
    lines = [";".join(HEADINGS.get(d, d) for d in fields)]
    for example in examples:
        values = leaves(example_data(example))
        values["clinic.region"] = region_text[values["clinic.region"]]
        values["clinic.operator"] = CHOICE_WORDS[values["clinic.operator"]].capitalize()
        values["period"] = values["period"].replace("-", "")
        lines.append(";".join(as_cell(values[d]) if d in values else "" for d in fields))
    return "\n".join(lines) + "\n"


def as_cell(value: Any) -> str:
    """A value as an export's CSV cell holds it (Swedish decimal comma)."""
    text = as_text(value)
    return text.replace(".", ",") if isinstance(value, Decimal) else text
