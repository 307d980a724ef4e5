"""Mapping files: checked by ``vardval lint`` with located problems, published for editors, and
what their markers and monthly roll-up do to the findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from cli_runs import vardval
from jsonschema import Draft202012Validator
from results import checked
from vardval.checker.authoring import editor_schemas

MAPPING = Path("fixtures/exports/kontoret-mapping.yaml")
EXPORT = Path("fixtures/exports/kontoret-export.csv")
TELEBORG = Path("fixtures/submissions/kronoberg-teleborg-2025-Q1.yaml")


def test_the_bundled_mapping_lints_clean() -> None:
    assert vardval("lint", "--lang", "en", MAPPING) == (0, "no problems: 1 mapping file\n", "")


def test_lint_names_each_problem_at_its_place(tmp_path: Path) -> None:
    bad = tmp_path / "mapping.yaml"
    bad.write_text("format: vardval/mapping@1\nperiod_format: YYYY-MM\ncolumns:\n"
                   "  HSA: clinic.hsa_idd\n  Kvartal: period\n  A: accessibility.contacts.total\n"
                   "  B: accessibility.contacts.total\n", encoding="utf-8")
    code, out, _ = vardval("lint", "--lang", "en", bad)
    assert code == 1
    assert [line for line in out.splitlines() if line.startswith(str(bad))] == [
        f"{bad}:2:16: period_format YYYY-MM needs 'rollup:' to say how months make a quarter",
        f"{bad}:4:3: no column or constant gives 'clinic.hsa_id'; every row needs it",
        f"{bad}:4:8: unknown submission field 'clinic.hsa_idd'",
        f"{bad}:7:6: field 'accessibility.contacts.total' is mapped from both 'A' and 'B'",
    ]
    assert "  hint: did you mean 'clinic.hsa_id'?" in out


def test_a_misspelt_key_is_located_and_check_stops_before_reading(tmp_path: Path) -> None:
    bad = tmp_path / "mapping.yaml"
    bad.write_text(MAPPING.read_text(encoding="utf-8").replace("suppressed:", "supressed:"),
                   encoding="utf-8")
    code, _, err = vardval("check", EXPORT, "--mapping", bad)  # Swedish, check's default
    assert code == 2
    assert "okänd nyckel 'supressed' i markers" in err
    assert "tips: menade du 'suppressed'?" in err
    _, _, err = vardval("check", EXPORT, "--mapping", bad, "--lang", "en")
    assert "unknown key 'supressed' in markers" in err
    assert "hint: did you mean 'suppressed'?" in err


def test_the_editor_schema_is_committed_and_accepts_the_bundled_mapping() -> None:
    committed = editor_schemas.SCHEMAS / "mapping.schema.json"
    assert committed.read_text(encoding="utf-8") == editor_schemas.render("mapping"), (
        "regenerate with: python -m vardval.checker.authoring.editor_schemas")
    schema = json.loads(committed.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    mapping = yaml.safe_load(MAPPING.read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(mapping)) == []
    mapping["columns"]["HSA-id"] = "clinic.hsa"
    assert list(Draft202012Validator(schema).iter_errors(mapping))


def _csv(tmp_path: Path, rows: list[dict[str, str]], name: str = "export.csv") -> Path:
    """The bundled export's header with the given rows (heading → cell; others from Teleborg)."""
    header, *lines = EXPORT.read_text(encoding="utf-8").splitlines()
    headings = header.split(";")
    teleborg = dict(zip(headings, next(x for x in lines if "Teleborg" in x).split(";"),
                        strict=True))
    out = [header] + [";".join({**teleborg, **row}[h] for h in headings) for row in rows]
    path = tmp_path / name
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def _finding(result: dict[str, Any], rule: str) -> dict[str, Any]:
    return next(f for f in result["findings"] if f["rule"] == rule)


def test_suppressed_and_missing_markers_make_the_value_absent_never_zero(tmp_path: Path) -> None:
    export = _csv(tmp_path, [{"accessibility.contacts.same_day": "<20"},
                             {"accessibility.contacts.same_day": ".."},
                             {"accessibility.contacts.same_day": ""}])
    _, results = checked(export, "--mapping", MAPPING)
    for result in results:
        finding = _finding(result, "DQ-KONTAKT")
        assert finding["status"] == "indeterminate"
        assert finding["missing"] == ["accessibility.contacts.same_day"]
    assert results[0]["notes"] == [
        (f"{tmp_path}/export.csv:2:32 (accessibility.contacts.same_day) är undertryckt ('<20') "
        "och räknas som saknat, inte som noll")]
    assert results[1]["notes"] == results[2]["notes"] == []


def _monthly(tmp_path: Path, months: list[dict[str, str]], missing_month: str) -> Path:
    mapping = tmp_path / "monthly.yaml"
    mapping.write_text(MAPPING.read_text(encoding="utf-8").replace(
        "period_format: YYYYQn", "period_format: YYYYMM\nrollup:\n  missing_month: "
        f"{missing_month}\n  sum: [{', '.join(COUNTS)}, accessibility.months_reported]\n"
        "  last: [listing.listed_at_period_end]"), encoding="utf-8")
    return mapping


COUNTS = ("accessibility.contacts.total", "accessibility.contacts.same_day",
          "accessibility.contacts.listed_total", "accessibility.contacts.listed_same_day")


def _split(month: int) -> dict[str, str]:
    """Teleborg's contact counts spread over three months (the parts sum to the quarter's)."""
    teleborg = yaml.safe_load(TELEBORG.read_text(encoding="utf-8"))
    contacts = teleborg["accessibility"]["contacts"]
    row = {"Kvartal": f"20250{month}", "accessibility.months_reported": "1"}
    for dotted in COUNTS:
        total = contacts[dotted.rsplit(".", 1)[1]]
        row[dotted] = str(total // 3 + (total % 3 if month == 3 else 0))
    return row


def test_monthly_rows_roll_up_into_the_quarter(tmp_path: Path) -> None:
    mapping = _monthly(tmp_path, [], "absent")
    code, (result,) = checked(_csv(tmp_path, [_split(1), _split(2), _split(3)]), "--mapping",
                              mapping)
    quarterly_code, (quarterly,) = checked(TELEBORG)
    assert (code, result["findings"]) == (quarterly_code, quarterly["findings"])


def test_a_missing_month_makes_counts_absent_or_sums_what_is_there(tmp_path: Path) -> None:
    two_months = _csv(tmp_path, [_split(1), _split(2)])
    _, (absent,) = checked(two_months, "--mapping", _monthly(tmp_path, [], "absent"))
    assert _finding(absent, "VG-KONTAKT")["status"] == "indeterminate"
    _, (summed,) = checked(two_months, "--mapping", _monthly(tmp_path, [], "sum_present"))
    evidence = _finding(summed, "VG-KONTAKT")["evidence"]
    assert {"name": "accessibility.contacts.listed_total", "kind": "field",
            "value": 2 * (11000 // 3)} in evidence


def test_months_that_disagree_are_a_located_problem(tmp_path: Path) -> None:
    march = {**_split(3), "Vårdcentral": "Vårdcentralen Teleborg AB"}
    export = _csv(tmp_path, [_split(1), _split(2), march])
    code, (result,) = checked(export, "--mapping", _monthly(tmp_path, [], "absent"))
    assert code == 1 and not result["valid"]
    (problem,) = result["problems"]
    assert (problem["path"], problem["line"], problem["column"]) == ("$.clinic.name", 4, 2)
    assert problem["message"].startswith("månaderna skiljer sig åt: 'Vårdcentralen Teleborg' i "
                                         "2:2 men 'Vårdcentralen Teleborg AB' här")


def test_a_column_the_export_lacks_is_named_with_the_headings_it_has(tmp_path: Path) -> None:
    export = tmp_path / "short.csv"
    export.write_text("HSA-id;Kvartal\nSE5568765432-E000000000412;2025Q1\n", encoding="utf-8")
    _, out, _ = vardval("check", export, "--mapping", MAPPING)
    assert f"{export}:1:1: $: mappningen nämner kolumnerna 'Vårdcentral', 'Region'" in out
    assert "dess rubriker är 'HSA-id', 'Kvartal'" in out


def test_one_bad_row_leaves_the_others_checked(tmp_path: Path) -> None:
    export = _csv(tmp_path, [{"accessibility.contacts.total": "tolv"}, {}])
    code, (bad, good) = checked(export, "--mapping", MAPPING)
    assert code == 1
    assert bad["problems"] == [{"path": "$.accessibility.contacts.total", "line": 2,
                                "column": 31, "message": "väntade ett heltal ≥ 0, fann "
                                "texten 'tolv'"}]
    assert good["findings"] == checked(TELEBORG)[1][0]["findings"]
