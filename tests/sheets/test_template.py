"""``vardval template``: what a clinic sees in the workbook, drawn from the schema and the rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from cli_runs import vardval
from vardval.checker.submission import (
    LABELS,
    MEANINGS,
    SECTIONS,
    submission_fields,
    template_form,
    unit_of,
)


@pytest.fixture(scope="module")
def kronoberg(tmp_path_factory: pytest.TempPathFactory) -> Any:
    target = tmp_path_factory.mktemp("template") / "mall.xlsx"
    assert vardval("template", "--region", "kronoberg", "--period", "2025-Q3", "-o",
                   target) == (0, f"skrev {target}\n", "")
    return openpyxl.load_workbook(target)


def field_rows(book: Any) -> dict[str, tuple[Any, ...]]:
    sheet = book[template_form.SHEET]
    return {row[template_form.ID_COLUMN - 1]: row
            for row in sheet.iter_rows(min_row=template_form.HEADER_ROW + 1, values_only=True)
            if row[template_form.ID_COLUMN - 1]}


def test_only_the_sections_the_rules_read_are_asked_for(kronoberg: Any) -> None:
    asked = set(field_rows(kronoberg))
    assert {"clinic.hsa_id", "period", "listing.cap.max_listed",
            "accessibility.assessments.listed_patient_chosen_wait"} <= asked
    # no rule in force in Kronoberg in 2025 reads the pre-2019 doctor visits or the phone
    assert not {d for d in asked if d.startswith(("accessibility.doctor_visits",
                                                  "accessibility.phone"))}


def test_each_row_has_its_swedish_label_unit_and_meaning(kronoberg: Any) -> None:
    rows = field_rows(kronoberg)
    fields = submission_fields()
    for dotted, (label, _, unit, meaning, _) in rows.items():
        assert label.startswith(LABELS[dotted])
        assert (unit, meaning) == (unit_of(fields[dotted]), MEANINGS[dotted])
    assert rows["finance.reimbursement_sek"][2] == "kr"
    assert rows["listing.listed_at_period_end"][2] == "antal"
    assert rows["clinic.region"][1] == "kronoberg" and rows["period"][1] == "2025-Q3"
    sheet = kronoberg[template_form.SHEET]
    assert sheet["A1"].value == template_form.MARK
    assert sheet.freeze_panes == f"A{template_form.HEADER_ROW + 1}"
    headings = {c.value for c in sheet["A"] if c.font.bold}
    assert SECTIONS["listing.cap"] in headings


def test_data_validation_by_kind(kronoberg: Any) -> None:
    sheet = kronoberg[template_form.SHEET]
    cell_of = {row[template_form.ID_COLUMN - 1].value: row[template_form.VALUE_COLUMN - 1]
               .coordinate for row in sheet.iter_rows(min_row=template_form.HEADER_ROW + 1)
               if row[template_form.ID_COLUMN - 1].value}
    rules = {}
    for validation in sheet.data_validations.dataValidation:
        for cells in validation.sqref.ranges:
            for coordinate in str(cells).split():
                rules[coordinate] = (validation.type, validation.formula1)
    assert rules[cell_of["clinic.operator"]] == ("list", '"offentlig,privat"')
    assert rules[cell_of["care_offering.digital"]] == ("list", '"ja,nej"')
    assert rules[cell_of["listing.listed_at_period_end"]] == ("whole", "0")
    assert rules[cell_of["accessibility.months_reported"]] == ("whole", "0")
    assert rules[cell_of["listing.cap.applied_on"]][0] == "date"
    assert cell_of["clinic.name"] not in rules


def test_the_explanation_sheet_names_the_rules_and_their_law(kronoberg: Any) -> None:
    sheet = kronoberg["Förklaringar"]
    header, *body = sheet.iter_rows(values_only=True)
    assert header == ("Fält", "Fält-id", "Betydelse", "Enhet", "Regler som läser fältet",
                      "Lagrum", "Länk")
    row = next(r for r in body if r[1] == "accessibility.contacts.listed_same_day")
    assert "VG-KONTAKT" in row[4]
    assert "HSL 9 kap. 1 § 1 st. 1 p." in row[5]
    assert "https://lagen.nu/2017:30#K9P1S1N1" in row[6]
    assert sheet.auto_filter.ref == f"A1:G{len(body) + 1}"


def test_a_bad_period_or_file_name_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = vardval("template", "--region", "kronoberg", "--period", "2025-Q5", "-o",
                           tmp_path / "mall.xlsx")
    assert code == 2
    assert "'2025-Q5' är inget kvartal; skriv ÅÅÅÅ-Qn, t.ex. 2025-Q1" in err
    code, _, err = vardval("template", "--region", "kronoberg", "--period", "2025-Q3", "-o",
                           tmp_path / "mall.csv")
    assert code == 2
    assert "mallen är en .xlsx-fil; ge ett namn som slutar på .xlsx" in err
    assert not list(tmp_path.iterdir())


def test_an_empty_template_is_read_with_its_missing_values_located(tmp_path: Path) -> None:
    template = tmp_path / "mall.xlsx"
    vardval("template", "--region", "kronoberg", "--period", "2025-Q3", "-o", template)
    code, out, _ = vardval("check", template)
    assert code == 1
    sheet = openpyxl.load_workbook(template)[template_form.SHEET]
    row = next(c.row for c in sheet["E"] if c.value == "clinic.hsa_id")
    assert (f"{template}:Inlämning!B{row}: $.clinic.hsa_id: clinic.hsa_id får inte saknas: "
            "det behövs för att veta vilken inlämning raden är; fyll i värdet") in out


def test_every_field_has_a_swedish_label_and_meaning() -> None:
    assert set(LABELS) == set(MEANINGS) == set(submission_fields())
