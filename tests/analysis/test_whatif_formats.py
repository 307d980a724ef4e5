"""What a user reads: ``whatif fixtures/submissions/ --set vardgaranti.bedomning.malniva=90%``
lists each clinic whose VG-BEDOMNING status changes, with both messages' figures, in text,
Markdown and HTML, and values shown exactly as ``check`` shows them."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from analysis_runs import vardval

ROOT = Path(__file__).resolve().parents[2]
SUBMISSIONS = str(ROOT / "fixtures" / "submissions")
LOWER = ("--set", "vardgaranti.bedomning.malniva=90%")
NB = "\xa0"  # Swedish figures group thousands and set % apart with a no-break space
CHANGED = {  # the five demo clinics below 100 % and at least 90 %: in time / due
    "Vårdcentralen Råslätt": ("2 240", "2 415", "92,8"),
    "Vårdcentralen Alvesta": ("2 110", "2 300", "91,7"),
    "Vårdcentralen Teleborg": ("2 540", "2 745", "92,5"),
    "Vårdcentralen Centrum Lund": ("3 190", "3 400", "93,8"),
    "Hisingens Vårdcentral": ("3 540", "3 900", "90,8"),
}


def whatif(*argv: str) -> str:
    code, out, err = vardval("whatif", SUBMISSIONS, *LOWER, *argv)
    assert code == 0, err
    return out


def figures(in_time: str, due: str, share: str, target: str) -> str:
    return (f"{in_time.replace(' ', NB)} av {due.replace(' ', NB)} patienter ({share}{NB}%) "
            f"fick en medicinsk bedömning inom 3 dagar; kravet är {target}{NB}%.")


def test_text_lists_each_clinic_with_both_figures() -> None:
    out = whatif()
    blocks = re.split(r"\n  (?=\S)", out.split("Per mottagning / Per clinic:\n", 1)[1])
    assert len(blocks) == len(CHANGED)
    for block in blocks:
        name = next(n for n in CHANGED if block.lstrip().startswith(n))
        lines = block.splitlines()
        assert lines[1] == "    VG-BEDOMNING: FAIL → PASS"
        assert lines[2].startswith(f"      före / before: {figures(*CHANGED[name], '100')}")
        assert lines[3].startswith(f"      efter / after: {figures(*CHANGED[name], '90')}")
        assert lines[4].endswith(f"param vardgaranti.bedomning.malniva = 100{NB}% → 90{NB}%")
    assert "  VG-BEDOMNING [warning] Medicinsk bedömning inom tre dagar\n" in out
    assert "      FAIL 7 → 2, PASS 0 → 5, N/A 1\n" in out


def test_english_messages_with_lang_en() -> None:
    out = whatif("--lang", "en")
    assert ("      före / before: 2,540 of 2,745 patients (92.5%) got a medical assessment "
            "within 3 days; the requirement is 100%.") in out


def test_markdown_for_a_tjansteskrivelse() -> None:
    out = whatif("--format", "markdown")
    assert "| VG-BEDOMNING | Medicinsk bedömning inom tre dagar | FAIL | 7 | 2 |" in out
    assert "| VG-BEDOMNING | Medicinsk bedömning inom tre dagar | PASS | 0 | 5 |" in out
    assert ("| `vardgaranti.bedomning.malniva` | nationell / national | 2019-01-01 | 100% | 90% | "
            "lättad / loosened |") in out
    assert out.count("- **VG-BEDOMNING**: FAIL → PASS") == len(CHANGED)
    for name in CHANGED:
        assert re.search(rf"^### {name} \(SE[^)]+\), [a-z-]+, 20\d\d-Q\d$", out, re.MULTILINE)


def test_html_is_one_page_with_a_row_per_changed_finding(tmp_path: Path) -> None:
    target = tmp_path / "whatif.html"
    assert whatif("--format", "html", "-o", str(target)) == ""
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page
    assert "<link" not in page  # self-contained: the style is inline
    rows = re.findall(r"<tr><td>(.*?)<br><small>", page)
    assert sorted(unescape(r).split(" (")[0] for r in rows) == sorted(CHANGED)
    assert unescape(figures(*CHANGED["Vårdcentralen Teleborg"], "90")) in unescape(page)


@pytest.mark.parametrize("argument", ["vardgaranti.bedomning.malniva=90", "nope=1%"])
def test_a_wrong_set_exits_2_with_the_argument_shown(argument: str) -> None:
    code, out, err = vardval("whatif", SUBMISSIONS, "--set", argument)
    assert (code, out) == (2, "")
    assert "--set:1:" in err
    assert argument in err
