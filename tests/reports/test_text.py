"""The text report: golden files in Swedish and English, evidence on findings, safe output.

Regenerate the golden files with ``VARDVAL_UPDATE_GOLDEN=1 pytest tests/reports/test_text.py``
and review the diff: a rule, message or parameter change shows up there on purpose.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from reports_support import EXAMPLE, ROOT, example_files, results_json, vardval

GOLDEN = ROOT / "tests" / "golden" / "reports"
UPDATE = os.environ.get("VARDVAL_UPDATE_GOLDEN") == "1"
LABELS = {"FAIL": "fail", "????": "indeterminate", "PASS": "pass", "N/A ": "not_applicable"}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_text_report_matches_the_golden_file(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    _, out, _ = vardval("check", str(EXAMPLE.relative_to(ROOT)), "--lang", lang)
    golden = GOLDEN / f"{EXAMPLE.stem}.{lang}.txt"
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


def test_control_characters_from_a_submission_never_reach_the_terminal(tmp_path: Path) -> None:
    source = EXAMPLE.read_text(encoding="utf-8")
    hostile = source.replace("name: Vårdcentralen Teleborg", 'name: "VC \\e[2J\\e[31mRöd"')
    assert hostile != source
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile, encoding="utf-8")
    _, out, _ = vardval("check", str(path))
    assert "\x1b" not in out
    assert "VC ?[2J?[31mRöd" in out
