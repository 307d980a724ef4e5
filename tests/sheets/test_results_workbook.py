"""``--format xlsx``: the workbook holds what the JSON results hold, in Swedish, filterable."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from cli_runs import vardval
from vardval.checker.cli import run

BATCH = ("fixtures/submissions", "fixtures/exports/kontoret-export.csv", "--mapping",
         "fixtures/exports/kontoret-mapping.yaml")
STATUS_SV = {"fail": "underkänd", "indeterminate": "obestämd", "pass": "godkänd",
             "not_applicable": "ej tillämplig"}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, list[dict[str, Any]]]:
    target = tmp_path_factory.mktemp("xlsx") / "resultat.xlsx"
    code, _, _ = vardval("check", *BATCH, "--format", "xlsx", "-o", target)
    assert code == 1
    _, out, _ = vardval("check", *BATCH, "--format", "json")
    return openpyxl.load_workbook(target), json.loads(out)["results"]


def rows(sheet: Any) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(values_only=True))


def test_three_sheets_with_filters_and_frozen_headers(made: tuple[Any, Any]) -> None:
    book, results = made
    assert book.sheetnames == ["Matris", "Fynd", "Regler"]
    for sheet in book:
        assert sheet.freeze_panes in ("A2", "B2")
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}" \
                                        f"{sheet.max_row}"
        assert all(cell.font.bold for cell in sheet[1])
    assert len(rows(book["Matris"])) == len(results) + 1


def test_the_matrix_has_each_rules_status(made: tuple[Any, Any]) -> None:
    book, results = made
    header, *body = rows(book["Matris"])
    assert header[:6] == ("Fil", "Vårdcentral", "HSA-id", "Region", "Period", "Sämsta status")
    for row, result in zip(body, results, strict=True):
        assert row[0] == result["file"]
        by_rule = {f["rule"]: STATUS_SV[f["status"]] for f in result["findings"]}
        assert {rule: status for rule, status in zip(header[6:], row[6:], strict=True)
                if status} == by_rule


def test_every_failing_and_indeterminate_finding_has_its_words_and_law(
        made: tuple[Any, Any]) -> None:
    book, results = made
    header, *body = rows(book["Fynd"])
    assert header == ("Fil", "Vårdcentral", "HSA-id", "Period", "Regel", "Titel",
                      "Allvarlighet", "Status", "Meddelande", "Underlag", "Lagrum", "Länkar",
                      "Undantag")
    expected = [(r["file"], f["rule"], STATUS_SV[f["status"]], f["message"],
                 "\n".join(c["text"] for c in f["citations"]))
                for r in results for f in r["findings"] if f["status"] in ("fail", "indeterminate")]
    assert [(row[0], row[4], row[7], row[8], row[10]) for row in body] == expected
    linked = book["Fynd"].cell(2, 12)
    assert linked.hyperlink.target == linked.value.split("\n")[0]


def test_english_headings_with_lang_en(tmp_path: Path) -> None:
    target = tmp_path / "results.xlsx"
    vardval("check", "fixtures/submissions", "--format", "xlsx", "-o", target, "--lang", "en")
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Matrix", "Findings", "Rules"]
    assert rows(book["Findings"])[0][7:9] == ("Status", "Message")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_workbook_is_never_written_to_a_terminal() -> None:
    out, err = Terminal(), io.StringIO()
    code = run(["check", "fixtures/submissions", "--format", "xlsx"], out, err)
    assert code == 2
    assert out.getvalue() == ""
    assert err.getvalue() == ("vardval: en Excel-arbetsbok skrivs till en fil, inte till "
                              "terminalen\n  tips: ange -o resultat.xlsx\n")
