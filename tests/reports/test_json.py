"""The JSON results document against the contract (spec/submission-format.md) and its summary."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from reports_support import EXAMPLE, example_files, results_json
from vardval.checker import vocab
from vardval.checker.corpus.ruleset import RuleSet
from vardval.checker.engine.evaluate import check_intake
from vardval.checker.engine.findings import BatchTally, SubmissionResult
from vardval.checker.report import outputs
from vardval.checker.report.outputs import ReportView
from vardval.checker.report.results_json import JsonRenderer, ResultEncoder, _dumps, result_json
from vardval.checker.submission.intake import load_submission

# The example of the results contract, verbatim in shape (values shortened).
SPEC_EXAMPLE: dict[str, Any] = {
    "format": "vardval/results@1",
    "results": [{
        "file": "submissions/teleborg-2025-Q1.yaml", "valid": True, "problems": [],
        "clinic": {"hsa_id": "…", "name": "…", "region": "kronoberg"},
        "period": "2025-Q1",
        "findings": [{
            "rule": "VG-KONTAKT", "status": "fail", "severity": "warning",
            "title": {"sv": "…", "en": "…"}, "message": "…",
            "citations": [{"text": "HSL 9 kap. 1 § 1 st. 1 p.", "source": "SFS 2017:30",
                           "url": "https://…"}],
            "evidence": [{"name": "accessibility.contacts.listed_same_day", "value": 10640}],
            "rule_source": {"file": "rules/national/vardgaranti.yaml", "line": 14},
        }],
    }],
    "summary": {"submissions": 1, "invalid": 0,
                "by_status": {"pass": 0, "fail": 1, "not_applicable": 0, "indeterminate": 0}},
}
STATUSES = set(vocab.STATUSES)


def assert_has_shape(actual: Any, example: Any, where: str = "$") -> None:
    """Every key of the example is present, recursively (lists: each element like the first)."""
    if isinstance(example, dict):
        assert isinstance(actual, dict), where
        missing = set(example) - set(actual)
        assert not missing, f"{where} lacks {sorted(missing)}"
        for key, value in example.items():
            assert_has_shape(actual[key], value, f"{where}.{key}")
    elif isinstance(example, list) and example:
        assert isinstance(actual, list), where
        for index, item in enumerate(actual):
            assert_has_shape(item, example[0], f"{where}[{index}]")
    elif not where.endswith(".value"):  # evidence values are of any type
        assert type(actual) is type(example), f"{where}: {actual!r}"


def test_every_key_of_the_spec_example_is_present(ruleset: RuleSet) -> None:
    doc = results_json(str(EXAMPLE))
    assert doc["format"] == "vardval/results@1"
    [result] = doc["results"]
    assert {f["rule"] for f in result["findings"]} == {r.id for r in ruleset.rules()}
    assert any(f["evidence"] for f in result["findings"])
    with_evidence = dict(doc, results=[dict(result, findings=[
        f for f in result["findings"] if f["evidence"] and f["citations"]])])
    assert_has_shape(with_evidence, SPEC_EXAMPLE)


def test_statuses_and_summary_counts_agree_with_the_results(batch: Path,
                                                            ruleset: RuleSet) -> None:
    doc = results_json(str(batch))
    results, summary = doc["results"], doc["summary"]
    findings = [f for r in results for f in r["findings"]]
    assert {f["status"] for f in findings} <= STATUSES
    assert summary["submissions"] == len(results) == len(example_files()) + 1
    assert summary["invalid"] == sum(not r["valid"] for r in results) == 1
    assert summary["by_status"] == {s: Counter(f["status"] for f in findings)[s]
                                    for s in STATUSES}
    assert set(summary["by_rule"]) == {r.id for r in ruleset.rules()}
    for rule_id, counts in summary["by_rule"].items():
        assert counts == {s: sum(f["status"] == s for f in findings if f["rule"] == rule_id)
                          for s in STATUSES}


def test_each_clinic_gets_its_worst_status(batch: Path) -> None:
    doc = results_json(str(batch))
    order = ["fail", "indeterminate", "pass", "not_applicable"]
    expected: dict[str, str] = {}
    for result in (r for r in doc["results"] if r["valid"]):
        worst = min((f["status"] for f in result["findings"]), key=order.index)
        hsa = result["clinic"]["hsa_id"]
        expected[hsa] = min(worst, expected.get(hsa, "not_applicable"), key=order.index)
    assert {c["hsa_id"]: c["worst_status"] for c in doc["summary"]["clinics"]} == expected


def test_parameter_evidence_carries_citation_and_validity() -> None:
    doc = results_json(*map(str, example_files()))
    params = [e for r in doc["results"] for f in r["findings"] for e in f["evidence"]
              if e["kind"] == "parameter" and not e.get("missing")]
    assert params, "the example batch reads at least one parameter"
    for item in params:
        assert item["citation"]
        assert len(item["valid_from"]) == 10
        assert item["unit"] in ("percent", "days", "months", "count", "sek")


def test_invalid_submission_has_located_problems_and_no_findings(batch: Path) -> None:
    doc = results_json(str(batch))
    [bad] = [r for r in doc["results"] if not r["valid"]]
    assert bad["file"].endswith("m-corrupt.yaml")
    assert bad["findings"] == []
    assert all({"path", "line", "column", "message"} <= set(p) for p in bad["problems"])


def test_a_batch_without_results_is_still_a_valid_document() -> None:
    out = io.StringIO()
    renderer = JsonRenderer(out, ReportView())
    renderer.begin()
    renderer.end(BatchTally())
    doc = json.loads(out.getvalue())
    assert doc["results"] == []
    assert doc["summary"]["submissions"] == 0


def test_results_are_written_as_they_come() -> None:
    out = io.StringIO()
    renderer = JsonRenderer(out, ReportView())
    renderer.begin()
    renderer.result(SubmissionResult("first.yaml", ()))
    assert "first.yaml" in out.getvalue()
    renderer.result(SubmissionResult("second.yaml", ()))
    renderer.end(BatchTally())
    assert [r["file"] for r in json.loads(out.getvalue())["results"]] == ["first.yaml",
                                                                         "second.yaml"]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_fast_encoder_writes_what_json_dumps_writes(ruleset: RuleSet, lang: str) -> None:
    """``ResultEncoder`` reuses pre-encoded parts; the text must be exactly the reference's,
    for valid and invalid examples, evidence with units and citations, notes and missing."""
    view = outputs.view_of(ruleset, lang)
    encode = ResultEncoder(lang, view.units)
    broken = sorted((EXAMPLE.parent.parent / "broken").iterdir())
    for path in [*example_files(), *broken, *example_files()]:  # twice: cached parts reused
        result = check_intake(ruleset, load_submission(path), langs=(lang,))
        assert encode(result) == _dumps(result_json(result, lang, view.units)), path
