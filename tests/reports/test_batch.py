"""Batches: streaming output, progress only on terminals, summaries, resilience to bad files."""

from __future__ import annotations

import io
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from reports_support import example_files, results_json, vardval
from vardval.checker import report
from vardval.checker.cli import check as cmd_check
from vardval.checker.cli.entry import run
from vardval.checker.corpus.ruleset import RuleSet

# The text formats; a binary one (xlsx) is one zip written at the end (tests/sheets/).
FORMATS = [name for name, f in report.FORMATS.items() if not f.binary]
# JUnit's root element carries the batch totals, so its suites are spooled until the end.
STREAMING = [name for name in FORMATS if name != "junit"]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_corrupt_file_does_not_stop_the_batch(fmt: str, batch: Path) -> None:
    code, out, err = vardval("check", str(batch), "--format", fmt)
    assert code == 1, err
    for path in example_files():
        assert path.name in out
    assert "m-corrupt.yaml" in out


@pytest.mark.parametrize("fmt", STREAMING)
def test_each_result_is_written_before_the_next_file_is_read(
        fmt: str, batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, sizes = io.StringIO(), []
    real = cmd_check.load_submission_text

    def watched(raw: bytes, name: str) -> Any:
        sizes.append(len(out.getvalue()))
        return real(raw, name)

    monkeypatch.setattr(cmd_check, "load_submission_text", watched)
    # One process: with --jobs N the workers read ahead of what is written (a bounded window,
    # tests/cli/test_jobs.py), so "before the next file is read" holds for one process only.
    run(["check", str(batch), "--format", fmt, "--jobs", "1"], out, io.StringIO())
    assert len(sizes) == len(example_files()) + 1
    if fmt in ("sarif", "github"):  # only open findings are written: a clean file adds nothing
        assert sizes[-1] > sizes[0]
        return
    assert all(later > earlier for earlier, later in itertools.pairwise(sizes[1:])), sizes
    assert sizes[1] > sizes[0]


def test_progress_goes_to_a_terminal_stderr_only(batch: Path) -> None:
    total = len(example_files()) + 1
    terminal, pipe, out = Terminal(), io.StringIO(), io.StringIO()
    run(["check", str(batch), "--format", "json"], out, terminal)
    run(["check", str(batch), "--format", "json"], io.StringIO(), pipe)
    assert f"[{total}/{total}]" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\x1b[K")
    assert pipe.getvalue() == ""
    json.loads(out.getvalue())  # progress never leaks into the report


def test_text_summary_counts_rules_and_clinics(batch: Path, ruleset: RuleSet) -> None:
    _, out, _ = vardval("check", str(batch), "--lang", "en")
    doc = results_json(str(batch))
    tail = out[out.index("By rule:"):]
    for rule_id, counts in doc["summary"]["by_rule"].items():
        numbers = [counts[s] for s in ("fail", "indeterminate", "pass", "not_applicable")]
        assert re.search(rf"^  {re.escape(rule_id)} +" + " +".join(map(str, numbers)) + "$",
                         tail, re.MULTILINE), rule_id
    assert len(doc["summary"]["by_rule"]) == len(list(ruleset.rules()))
    for clinic in doc["summary"]["clinics"]:
        assert f"{clinic['name']} ({clinic['region']}, {clinic['hsa_id']})" in tail


def test_a_bug_on_one_file_is_reported_and_the_rest_still_checked(
        batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = cmd_check.check_intake

    def flaky(ruleset: Any, intake: Any, *args: Any, **kwargs: Any) -> Any:
        if intake.file.endswith(example_files()[0].name):
            raise ZeroDivisionError("boom")
        return real(ruleset, intake, *args, **kwargs)

    monkeypatch.setattr(cmd_check, "check_intake", flaky)
    code, out, _ = vardval("check", str(batch), "--format", "json")
    doc = json.loads(out)
    assert code == 3
    broken = [r for r in doc["results"] if not r["valid"]]
    assert len(broken) == 2
    assert any("internt fel" in p["message"] for r in broken for p in r["problems"])
    assert sum(r["valid"] for r in doc["results"]) == len(example_files()) - 1
