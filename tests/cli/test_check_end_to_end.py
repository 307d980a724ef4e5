"""`vardval check` end to end: exit codes, the JSON results contract, located format problems."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

from vardval.checker import vocab
from vardval.checker.cli.entry import run
from vardval.checker.program import load_ruleset

ROOT = Path(__file__).resolve().parents[2]
SUBMISSIONS = ROOT / "fixtures" / "submissions"
BROKEN = ROOT / "fixtures" / "broken" / "kronoberg-broken-2025-Q1.yaml"
STATUSES = set(vocab.STATUSES)


def vardval(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_json_results_follow_the_contract() -> None:
    code, out, _ = vardval("check", str(SUBMISSIONS), "--format", "json")
    doc = json.loads(out)
    assert doc["format"] == "vardval/results@1"
    rule_ids = {rule.id for rule in load_ruleset().rules()}
    for result in doc["results"]:
        assert result["valid"] is True
        assert result["problems"] == []
        assert set(result["clinic"]) == {"hsa_id", "name", "region"}
        assert [f["rule"] for f in result["findings"]].count("VG-KONTAKT") == 1
        assert {f["rule"] for f in result["findings"]} == rule_ids
        for finding in result["findings"]:
            assert finding["status"] in STATUSES
            assert set(finding) >= {"rule", "status", "severity", "title", "message",
                                    "citations", "evidence", "rule_source"}
            assert all(c["url"] and c["text"] and c["source"] for c in finding["citations"])
    summary = doc["summary"]
    assert summary["submissions"] == len(doc["results"])
    assert summary["invalid"] == 0
    total = sum(summary["by_status"].values())
    assert total == len(rule_ids) * len(doc["results"])
    assert code in (0, 1)


def test_broken_submission_is_reported_with_path_and_line_and_exit_1() -> None:
    code, out, err = vardval("check", str(BROKEN))
    assert code == 1
    assert "Traceback" not in out + err
    assert f"{BROKEN}:29:51: $.accessibility.assessments.listed_totl" in out
    assert "$.listing.cap.applied_on" in out


def test_broken_file_in_a_batch_does_not_stop_the_others(tmp_path: Path) -> None:
    for path in SUBMISSIONS.iterdir():
        shutil.copy(path, tmp_path / path.name)
    shutil.copy(BROKEN, tmp_path / BROKEN.name)
    code, out, _ = vardval("check", str(tmp_path), "--format", "json")
    doc = json.loads(out)
    assert code == 1
    assert doc["summary"]["invalid"] == 1
    valid = [r for r in doc["results"] if r["valid"]]
    assert len(valid) == len(list(SUBMISSIONS.iterdir()))
    invalid = next(r for r in doc["results"] if not r["valid"])
    assert invalid["findings"] == []
    assert all({"path", "line", "column", "message"} <= set(p) for p in invalid["problems"])


def test_fail_on_sets_the_exit_status(tmp_path: Path) -> None:
    source = SUBMISSIONS / "kronoberg-teleborg-2025-Q1.yaml"
    text = source.read_text(encoding="utf-8")
    target = tmp_path / source.name
    target.write_text(text, encoding="utf-8")
    code_warning, out, _ = vardval("check", str(target), "--format", "json",
                                   "--fail-on", "warning")
    doc = json.loads(out)
    failed = {f["severity"] for f in doc["results"][0]["findings"] if f["status"] == "fail"}
    assert code_warning == (1 if failed else 0)
    code_error, _, _ = vardval("check", str(target), "--fail-on", "error")
    assert code_error == (1 if "error" in failed else 0)


def test_text_output_hides_not_applicable_unless_all() -> None:
    source = str(SUBMISSIONS / "halland-2018-Q2.yaml")
    _, hidden, _ = vardval("check", source)
    _, shown, _ = vardval("check", source, "--all")
    assert "N/A " not in hidden
    assert "N/A   VG-BEDOMNING" in shown


def test_failures_come_first_with_citation_links() -> None:
    _, out, _ = vardval("check", str(SUBMISSIONS / "halland-2018-Q2.yaml"))
    lines = [line for line in out.splitlines() if line[2:6] in ("FAIL", "PASS", "????")]
    labels = [line[2:6] for line in lines]
    assert labels == sorted(labels, key=["FAIL", "????", "PASS"].index)
    assert "https://lagen.nu/2017:30#K9P1S1N1" in out


def test_usage_errors_exit_2() -> None:
    assert vardval("check")[0] == 2
    assert vardval("check", "--format", "xml", str(SUBMISSIONS))[0] == 2
    code, _, err = vardval("check", "/no/such/folder")
    assert code in (1, 2)
    assert "filen eller mappen finns inte" in err + vardval("check", "/no/such/folder")[1]
    assert "no such file" in vardval("check", "/no/such/folder", "--lang", "en")[1]


def test_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = vardval("check", str(tmp_path))
    assert code == 2
    assert "inga inlämningsfiler (.yaml, .yml, .json) hittades i" in err
    assert "no submission files" in vardval("check", str(tmp_path), "--lang", "en")[2]


def test_schema_command_prints_the_submission_schema() -> None:
    code, out, _ = vardval("schema")
    schema = json.loads(out)
    assert code == 0
    assert schema["$schema"].endswith("2020-12/schema")
    assert "clinic" in schema["properties"]


def test_console_script_runs_without_traceback() -> None:
    script = Path(sys.executable).parent / "vardval"
    done = subprocess.run([str(script), "check", str(BROKEN)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "listed_totl" in done.stdout
