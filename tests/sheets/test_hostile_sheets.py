"""Hostile spreadsheets and CSV files: each gets one clear, located message, and the batch goes on.

Every case checks the hostile file followed by a bundled example; the example must still be
checked, and the hostile file's result must say what is wrong where, in Swedish by default.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import hostile_files as make
import pytest
from cli_runs import vardval

GOOD = "fixtures/submissions/kronoberg-teleborg-2025-Q1.yaml"
MAPPING = "fixtures/exports/kontoret-mapping.yaml"

CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "zip bomb": (make.zip_bomb, "en zip-bomb? Filen öppnas inte"),
    "a million rows": (make.million_rows, "Inlämning: $: fler än 50000 rader; filen läses inte"),
    "a million CSV lines": (make.long_csv, "miljon.csv: $: fler än 50000 rader"),
    "formula": (make.formula, ("Inlämning!B4: $.accessibility.contacts.total: cellen innehåller "
                "en formel (=SUM(B5:B9)); vardval räknar aldrig ut formler")),
    "external link": (make.external_link, ("Inlämning!B4: $.accessibility.contacts.total: cellen "
                      "innehåller en formel (='[budget.xlsx]Blad1'!C14); vardval räknar aldrig "
                      "ut formler och följer aldrig länkar till andra arbetsböcker")),
    "macros": (make.macros, ("makro.xlsm: $: arbetsboken innehåller makron (VBA); vardval kör "
               "aldrig makron")),
    "password": (make.password, "losenord.xlsx: $: filen är lösenordsskyddad (krypterad)"),
    "not a workbook": (make.not_a_workbook, "text.xlsx: $: inte en Excel-arbetsbok (.xlsx)"),
    "Latin-1 CSV": (make.latin1_csv, ("latin1.csv:1:9: $: inte UTF-8 (byte 0xE5); är filen "
                    "sparad som Latin-1/Windows-1252?")),
}


@pytest.mark.parametrize("case", CASES)
def test_one_located_message_and_the_batch_goes_on(case: str, tmp_path: Path) -> None:
    maker, expected = CASES[case]
    hostile = maker(tmp_path)
    code, out, _ = vardval("check", hostile, GOOD, "--mapping", MAPPING, "--max-bytes", 10**7)
    assert code == 1
    assert expected in out
    assert "— Vårdcentralen Teleborg (kronoberg, 2025-Q1)" in out


@pytest.mark.parametrize("case", ["zip bomb", "password", "macros", "Latin-1 CSV"])
def test_the_message_is_in_english_with_lang_en(case: str, tmp_path: Path) -> None:
    code, out, _ = vardval("check", CASES[case][0](tmp_path), "--mapping", MAPPING,
                           "--max-bytes", 10**7, "--lang", "en", "--format", "json")
    (result,) = json.loads(out)["results"]
    assert code == 1 and not result["valid"]
    message = result["problems"][0]["message"]
    assert not set("åäöÅÄÖ") & set(message)
    assert any(w in message for w in ("zip bomb", "password", "macros", "not UTF-8"))


def test_a_bom_is_dropped(tmp_path: Path) -> None:
    with_bom, plain = make.bom_csv(tmp_path), Path("fixtures/exports/kontoret-export.csv")
    assert _findings(with_bom) == _findings(plain)


def test_latin1_is_read_when_the_mapping_says_so(tmp_path: Path) -> None:
    mapping = tmp_path / "latin1-mapping.yaml"
    mapping.write_text(Path(MAPPING).read_text(encoding="utf-8").replace(
        "encoding: utf-8", "encoding: latin-1"), encoding="utf-8")
    latin1 = make.latin1_csv(tmp_path)
    assert _findings(latin1, mapping) == _findings(Path("fixtures/exports/kontoret-export.csv"))


def test_a_comma_separated_export_is_recognised(tmp_path: Path) -> None:
    mapping = tmp_path / "guess-mapping.yaml"
    mapping.write_text(Path(MAPPING).read_text(encoding="utf-8").replace(
        "csv: {delimiter: ';', encoding: utf-8}", ""), encoding="utf-8")
    commas = tmp_path / "commas.csv"
    text = Path("fixtures/exports/kontoret-export.csv").read_text(encoding="utf-8")
    commas.write_text("\n".join(",".join(f'"{c}"' if "," in c else c for c in line.split(";"))
                                for line in text.splitlines()) + "\n", encoding="utf-8")
    assert _findings(commas, mapping) == _findings(Path("fixtures/exports/kontoret-export.csv"))


def _findings(path: Path, mapping: Path | str = MAPPING) -> list[object]:
    _, out, _ = vardval("check", path, "--mapping", mapping, "--format", "json")
    return [r["findings"] for r in json.loads(out)["results"]]
