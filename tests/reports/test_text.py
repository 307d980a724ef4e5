"""The text report: golden files in Swedish and English, evidence on findings, safe output.

The goldens are rendered from a fixed corpus and submissions (``tests/data/reports/``), so a
rule added to ``rules/`` never changes them: they test rendering, not the law. Regenerate them
with ``VARDVAL_UPDATE_GOLDEN=1 pytest tests/reports/test_text.py`` and review the diff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from reports_support import EXAMPLE, ROOT, example_files, results_json, vardval

GOLDEN = ROOT / "tests" / "golden" / "reports"
FIXED = ROOT / "tests" / "data" / "reports"
FIXED_SUBMISSIONS = sorted(FIXED.glob("*.yaml"))
UPDATE = os.environ.get("VARDVAL_UPDATE_GOLDEN") == "1"
LABELS = {"FAIL": "fail", "????": "indeterminate", "PASS": "pass", "N/A ": "not_applicable"}


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("path", FIXED_SUBMISSIONS, ids=lambda p: p.stem)
def test_text_report_matches_the_golden_file(path: Path, lang: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    _, out, _ = vardval("check", str(path.relative_to(ROOT)), "--lang", lang,
                        "--rules", str((FIXED / "corpus").relative_to(ROOT)))
    golden = GOLDEN / f"{path.stem}.{lang}.txt"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def _blocks(text: str) -> dict[str, list[str]]:
    """The lines of each finding, by rule id."""
    blocks: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.splitlines():
        match = re.match(r"^  (FAIL|\?\?\?\?|PASS|N/A )  (\S+) ", line)
        if match:
            current = blocks.setdefault(match.group(2), [line])
        elif line.startswith(" " * 8):
            current.append(line)
        else:
            current = []
    return blocks


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_failed_and_indeterminate_findings_show_evidence_and_citations(path: Path) -> None:
    _, out, _ = vardval("check", str(path), "--lang", "en")
    [result] = results_json(str(path), "--lang", "en")["results"]
    blocks = _blocks(out)
    for finding in result["findings"]:
        if finding["status"] not in ("fail", "indeterminate"):
            continue
        text = "\n".join(blocks[finding["rule"]])
        if finding["evidence"]:
            assert "evidence: " in text, finding["rule"]
        for item in (e for e in finding["evidence"] if e["kind"] == "parameter"):
            assert f"param {item['name']} = " in text
            assert item["citation"] in " ".join(text.split())
        for citation in finding["citations"]:
            assert f"§ {citation['text']} — {citation['url']}" in text


def test_definitions_name_the_field_they_pass_on() -> None:
    _, out, _ = vardval("check", str(EXAMPLE), "--lang", "en")
    [result] = results_json(str(EXAMPLE))["results"]
    merged = re.findall(r"(\w+) = [^·(]+ \((accessibility\.[\w.]+)\)", out)
    assert merged, "some definition shows the field it takes its value from"
    evidence = {e["name"]: e["value"] for f in result["findings"] for e in f["evidence"]}
    for definition, source in merged:
        assert evidence[definition] == evidence[source]


@pytest.mark.parametrize(("lang", "extra", "rate"), [("sv", "0,5\xa0%", "2,5\xa0%"),
                                                    ("en", "0.5%", "2.5%")])
def test_kro_moms_evidence_is_the_percentage_the_message_shows(lang: str, extra: str,
                                                               rate: str) -> None:
    """The defect: ``vat_extra = 0 · vat_rate = 0,02`` beside "högsta kompensation 2,5 %"."""
    _, out, _ = vardval("check", str(FIXED / "kronoberg-moms-2025-Q1.yaml"), "--lang", lang,
                        "--rules", str(FIXED / "corpus"))
    block = re.sub(r"[ \n]+", " ", " ".join(_blocks(out)["KRO-MOMS"]))
    assert f"vat_extra = {extra}" in block
    assert f"vat_rate = {rate}" in block
    said = "högsta kompensation" if lang == "sv" else "highest compensation"
    assert f"{said} {rate}" in block  # the message, which the evidence agrees with


def test_quiet_shows_only_what_decides_the_exit_status_and_the_totals() -> None:
    path = FIXED / "kronoberg-moms-2025-Q1.yaml"
    code, out, _ = vardval("check", str(path), "--rules", str(FIXED / "corpus"), "--quiet",
                           "--lang", "en")
    assert code == 1
    assert list(_blocks(out)) == ["KRO-MOMS"]
    assert out.splitlines()[-1].startswith("Total: 1 submission")
    assert "By rule" not in out
    _, clean, _ = vardval("check", str(EXAMPLE), "--quiet", "--lang", "en")
    assert clean.splitlines()[0].startswith("Total: ")  # nothing counts: only the totals


def test_wrapping_gives_textwrap_s_lines() -> None:
    import random
    import textwrap

    from vardval.checker.report.text import _WIDTH, _wrapped

    words = ["a", "bb", "kontakt", "10\xa0640", "(96,7\xa0%)", "samma-dag", "§", "x" * 40]
    rng = random.Random(14)
    for _ in range(2000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 40)))
        expected = textwrap.wrap(text, _WIDTH, initial_indent=" " * 8,
                                 subsequent_indent=" " * 8, break_on_hyphens=False)
        assert _wrapped(text, " " * 8) == (expected or [" " * 8]), text


def test_control_characters_from_a_submission_never_reach_the_terminal(tmp_path: Path) -> None:
    source = EXAMPLE.read_text(encoding="utf-8")
    hostile = source.replace("name: Vårdcentralen Teleborg", 'name: "VC \\e[2J\\e[31mRöd"')
    assert hostile != source
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile, encoding="utf-8")
    _, out, _ = vardval("check", str(path))
    assert "\x1b" not in out
    assert "VC \\x1b[2J\\x1b[31mRöd" in out  # shown, not obeyed (report/neutral.py)
