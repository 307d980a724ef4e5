"""``vardval history``: statuses per quarter, changes, streaks, gaps, rule changes apart."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from batches import FIXTURES
from runs import vardval
from vardval.checker.corpus import BUNDLED_RULES

TELEBORG = "SE5568765432-E000000000412"
ALVESTA = "SE2321000065-E000000000231"




def teleborg(folder: Path, quarter: int, *, fixed: bool = False) -> Path:
    """Teleborg's 2025-Q1 submission moved to another quarter of 2025; ``fixed`` makes its
    3-day assessments (VG-BEDOMNING) pass."""
    text = (FIXTURES / "kronoberg-teleborg-2025-Q1.yaml").read_text(encoding="utf-8")
    month = 3 * quarter + 1
    submitted = f"2025-{month:02d}-14" if month <= 12 else "2026-01-14"
    text = text.replace("period: 2025-Q1", f"period: 2025-Q{quarter}").replace(
        "submitted_on: 2025-04-14", f"submitted_on: {submitted}")
    if fixed:
        text = text.replace("listed_within_3_days: 2540", "listed_within_3_days: 2800")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"teleborg-2025-Q{quarter}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def cells(document: dict, clinic: str, rule: str) -> list[dict]:
    found = next(c for c in document["clinics"] if c["hsa_id"] == clinic)
    return next(r for r in found["rules"] if r["rule"] == rule)["quarters"]


def test_new_failure_streak_gap_and_fix(store_url: str, tmp_path: Path) -> None:
    for quarter, fixed in ((1, False), (2, False), (4, True)):
        code, _, err = vardval("check", str(teleborg(tmp_path / "in", quarter, fixed=fixed)),
                               "--store", store_url)
        assert code in (0, 1), err
    code, out, err = vardval("history", "--store", store_url, "--clinic", TELEBORG,
                             "--from", "2024-Q4", "--format", "json")
    assert code == 0, err
    document = json.loads(out)
    assert document["quarters"] == ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
    line = cells(document, TELEBORG, "VG-BEDOMNING")
    assert [(c["status"], c.get("change"), c.get("streak")) for c in line] == [
        ("gap", "gap", None), ("fail", None, 1), ("fail", "still_failing", 2),
        ("gap", "gap", None), ("pass", "fixed", None)]
    code, text, _ = vardval("history", "--store", store_url, "--clinic", TELEBORG,
                            "--lang", "en")
    assert "2025-Q2 VG-BEDOMNING: still failing (2 quarters in a row)" in text
    assert "2025-Q4 VG-BEDOMNING: fixed" in text
    assert "quarters without a submission never count as passed" in text


def test_a_change_from_a_new_parameter_value_is_kept_apart(store_url: str,
                                                           tmp_path: Path) -> None:
    corpus = tmp_path / "rules"
    shutil.copytree(BUNDLED_RULES, corpus, ignore=shutil.ignore_patterns("__pycache__"))
    national = corpus / "parameters" / "national.yaml"
    national.write_text(national.read_text(encoding="utf-8").replace(
        "      - from: 2019-01-01\n        value: 100%\n        cite: [HSL 9 kap. 1 § 1 st. 2 p., "
        "HSF 6 kap. 1 § 2 p.]\n",
        "      - from: 2019-01-01\n        value: 100%\n        cite: [HSL 9 kap. 1 § 1 st. 2 p., "
        "HSF 6 kap. 1 § 2 p.]\n      - from: 2025-04-01\n        value: 90%\n        cite: "
        "[HSL 9 kap. 1 § 1 st. 2 p., HSF 6 kap. 1 § 2 p.]\n", 1), encoding="utf-8")
    vardval("check", str(teleborg(tmp_path / "a", 1)), "--store", store_url)
    vardval("check", str(teleborg(tmp_path / "b", 2)), "--store", store_url,
            "--rules", str(corpus))
    _, out, _ = vardval("history", "--store", store_url, "--format", "json")
    line = cells(json.loads(out), TELEBORG, "VG-BEDOMNING")
    assert [(c["status"], c.get("change")) for c in line] == [("fail", None),
                                                               ("pass", "rules")]
    _, text, _ = vardval("history", "--store", store_url, "--lang", "en")
    apart = text.split("not the clinic's):")[1]
    assert "2025-Q2 VG-BEDOMNING: failed → passed" in apart
    assert "VG-BEDOMNING: fixed" not in text


def test_the_two_runs_demonstration_shows_the_revision_and_the_change(
        store_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(FIXTURES, folder)
    vardval("check", str(folder), "--store", store_url)
    changed = folder / "kronoberg-teleborg-2025-Q1.yaml"
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "listed_within_3_days: 2540", "listed_within_3_days: 2800"), encoding="utf-8")
    vardval("check", str(folder), "--store", store_url)
    code, text, _ = vardval("history", "--store", store_url, "--region", "kronoberg")
    assert code == 0
    assert "2025-Q1 revision 2" in text
    assert "2025-Q1 rev 2 ersätter rev 1: VG-BEDOMNING underkänd → godkänd" in text
    assert "2024-Q4 revision 1" in text  # Alvesta's, unchanged


def test_todays_dispensation_shows_in_history_as_in_check(store_url: str) -> None:
    vardval("check", str(FIXTURES / "kronoberg-alvesta-2024-Q4.yaml"), "--store", store_url)
    _, out, _ = vardval("history", "--store", store_url, "--clinic", ALVESTA,
                        "--format", "json")
    (cell,) = cells(json.loads(out), ALVESTA, "KRO-VARDPROGRAM")
    assert cell["status"] == "fail"
    assert cell["waiver"]["decision"] == "Dnr RK 2024/1187"
    _, html, _ = vardval("history", "--store", store_url, "--format", "html")
    assert "<h2>KRO-VARDPROGRAM</h2>" in html
    assert 'class="s-fail w"' in html
    assert "Vårdcentralen Alvesta" in html


def test_an_empty_selection_and_a_bad_quarter(store_url: str) -> None:
    code, text, _ = vardval("history", "--store", store_url, "--clinic", TELEBORG)
    assert (code, text) == (0, "Inga inlämningar i lagret för urvalet.\n")
    code, _, err = vardval("history", "--store", store_url, "--from", "2025-Q5",
                           "--lang", "en")
    assert code == 2
    assert "'2025-Q5' is not a quarter; write e.g. 2025-Q1." in err


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_every_format_writes_to_a_file(store_url: str, tmp_path: Path, fmt: str) -> None:
    vardval("check", str(FIXTURES), "--store", store_url)
    target = tmp_path / f"history.{fmt}"
    code, out, _ = vardval("history", "--store", store_url, "--format", fmt, "-o", str(target))
    assert (code, out) == (0, "")
    assert "Vårdcentralen Teleborg" in target.read_text(encoding="utf-8")
