"""``whatif --store``: the latest revision of each clinic for the chosen quarters, read from a
results store, is evaluated exactly as the same files on disk."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from analysis_runs import vardval

ROOT = Path(__file__).resolve().parents[2]
SUBMISSIONS = ROOT / "fixtures" / "submissions"
TELEBORG = "kronoberg-teleborg-2025-Q1.yaml"
LOWER_TARGET = ["--set", "vardgaranti.bedomning.malniva=90%"]


def stored(tmp_path: Path) -> tuple[str, Path]:
    """A SQLite store holding the demo submissions (checked from a copy in ``tmp_path``)."""
    folder = tmp_path / "submissions"
    shutil.copytree(SUBMISSIONS, folder)
    url = str(tmp_path / "vardval.db")
    code, _, err = vardval("check", str(folder), "--store", url, "--format", "json")
    assert code in (0, 1), err
    return url, folder


def whatif_json(*argv: str) -> dict[str, object]:
    code, out, err = vardval("whatif", *argv, *LOWER_TARGET, "--format", "json")
    assert code == 0, err
    parsed: dict[str, object] = json.loads(out)
    return parsed


def test_the_store_gives_the_same_what_if_as_the_files(tmp_path: Path) -> None:
    url, folder = stored(tmp_path)
    from_store = whatif_json("--store", url)
    from_files = whatif_json(str(folder))
    assert from_store["submissions"] == from_files["submissions"] == 8
    assert from_store["rules"] == from_files["rules"]
    assert from_store["clinics"] == from_files["clinics"]
    assert from_store["changed_findings"] == 5


def test_only_the_latest_revision_of_a_quarter_counts(tmp_path: Path) -> None:
    url, folder = stored(tmp_path)
    before = whatif_json("--store", url, "--from", "2025-Q1", "--to", "2025-Q1")
    assert before["submissions"] == 1
    assert before["changed_findings"] == 1  # 92,5 % passes a 90 % target
    resubmitted = tmp_path / "again" / TELEBORG
    resubmitted.parent.mkdir()
    text = (folder / TELEBORG).read_text(encoding="utf-8")
    resubmitted.write_text(text.replace("listed_within_3_days: 2540", "listed_within_3_days: "
                                        "2400"), encoding="utf-8")
    code, _, err = vardval("check", str(resubmitted), "--store", url)
    assert code in (0, 1), err
    after = whatif_json("--store", url, "--from", "2025-Q1", "--to", "2025-Q1")
    assert after["submissions"] == 1
    assert after["changed_findings"] == 0  # 87,4 % fails either way
    everything = whatif_json("--store", url)
    assert everything["submissions"] == 8
    assert everything["changed_findings"] == 4


def test_a_region_and_quarters_narrow_the_store(tmp_path: Path) -> None:
    url, _ = stored(tmp_path)
    found = whatif_json("--store", url, "--region", "kronoberg", "--from", "2024-Q1")
    assert found["submissions"] == 2
    names = sorted(str(c["clinic"]["name"]) for c in found["clinics"])  # type: ignore[attr-defined,index]
    assert names == ["Vårdcentralen Alvesta", "Vårdcentralen Teleborg"]


def test_quarter_options_without_a_store_are_a_usage_error() -> None:
    code, out, err = vardval("whatif", str(SUBMISSIONS), "--from", "2025-Q1")
    assert code == 2
    assert out == ""
    assert "--store" in err


def test_a_malformed_quarter_says_how_to_write_one(tmp_path: Path) -> None:
    url, _ = stored(tmp_path)
    code, _, err = vardval("whatif", "--store", url, "--from", "2025-5")
    assert code == 2
    assert "'2025-5' är inget kvartal; skriv t.ex. 2025-Q1." in err
    assert "write e.g." not in err  # one language: the report's (Swedish by default)


def test_neither_files_nor_a_store_is_a_usage_error() -> None:
    code, out, err = vardval("whatif", "--set", "vardgaranti.bedomning.malniva=90%")
    assert (code, out) == (2, "")
    assert err == "vardval whatif: ange inlämningar (filer eller mappar) eller --store\n"
