"""JUnit XML read back with junitparser: a suite per submission, a case per rule, right counts."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

from junitparser import Error, Failure, JUnitXml, Skipped
from reports_support import results_json, vardval
from vardval.checker.corpus.ruleset import RuleSet
from vardval.checker.engine.findings import BatchTally, SubmissionResult
from vardval.checker.report.junit import JunitRenderer
from vardval.checker.report.outputs import ReportView


def junit_of(tmp_path: Path, *argv: str) -> JUnitXml:
    target = tmp_path / "results.xml"
    code, _, err = vardval("check", *argv, "--format", "junit", "-o", str(target))
    assert code in (0, 1), err
    return JUnitXml.fromfile(str(target))


def test_one_suite_per_submission_one_case_per_rule(batch: Path, tmp_path: Path,
                                                    ruleset: RuleSet) -> None:
    xml = junit_of(tmp_path, str(batch))
    doc = results_json(str(batch))
    suites = list(xml)
    assert len(suites) == len(doc["results"])
    rule_count = len(list(ruleset.rules()))
    for suite, result in zip(suites, doc["results"], strict=True):
        cases = list(suite)
        assert len(cases) == (rule_count if result["valid"] else 1)
        assert suite.tests == len(cases)


def test_counts_per_suite_match_the_statuses(batch: Path, tmp_path: Path) -> None:
    xml = junit_of(tmp_path, str(batch))
    doc = results_json(str(batch))
    for suite, result in zip(xml, doc["results"], strict=True):
        statuses = [f["status"] for f in result["findings"]]
        kinds = [type(r) for case in suite for r in case.result]
        assert suite.failures == statuses.count("fail") == kinds.count(Failure)
        assert suite.skipped == statuses.count("not_applicable") == kinds.count(Skipped)
        expected_errors = statuses.count("indeterminate") + (not result["valid"])
        assert suite.errors == expected_errors == kinds.count(Error)


def test_failures_name_the_severity_and_indeterminates_are_typed_errors(
        batch: Path, tmp_path: Path) -> None:
    xml = junit_of(tmp_path, str(batch))
    results = [r for case in (c for s in xml for c in s) for r in case.result]
    failures = [r for r in results if isinstance(r, Failure)]
    errors = [r for r in results if isinstance(r, Error)]
    assert failures
    assert {f.type for f in failures} <= {"error", "warning", "info"}
    assert {e.type for e in errors} <= {"indeterminate", "invalid"}
    assert "invalid" in {e.type for e in errors}
    assert all("§" in (f.text or "") for f in failures)


def test_control_characters_and_markup_in_names_stay_well_formed() -> None:
    out = io.StringIO()
    renderer = JunitRenderer(out, ReportView())
    renderer.begin()
    renderer.result(SubmissionResult('VC \x07<&">.yaml', ()))
    renderer.end(BatchTally())
    root = ET.fromstring(out.getvalue())
    assert root.find("testsuite").get("name") == 'VC ?<&">.yaml'
