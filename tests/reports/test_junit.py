"""JUnit XML: valid against junit-10.xsd, failures exactly what sets the exit status, totals."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema
from junitparser import Failure, JUnitXml, Skipped
from reports_support import ROOT, results_json, vardval
from vardval.checker.corpus.ruleset import RuleSet
from vardval.checker.engine.findings import BatchTally, SubmissionResult
from vardval.checker.report.junit import JunitRenderer
from vardval.checker.report.outputs import ReportView

XSD = xmlschema.XMLSchema(str(ROOT / "tests" / "data" / "schemas" / "junit-10.xsd"))
RANK = {"info": 0, "warning": 1, "error": 2}


def junit_of(tmp_path: Path, *argv: str) -> tuple[int, Path]:
    target = tmp_path / "results.xml"
    code, _, err = vardval("check", *argv, "--format", "junit", "-o", str(target))
    assert code in (0, 1), err
    return code, target


@pytest.mark.parametrize("options", [(), ("--fail-on", "warning"), ("--fail-on-indeterminate",),
                                     ("--lang", "en", "--fail-on", "info")])
def test_the_report_is_valid_against_junit_10_xsd(batch: Path, tmp_path: Path,
                                                  options: tuple[str, ...]) -> None:
    _, target = junit_of(tmp_path, str(batch), *options)
    errors = list(XSD.iter_errors(str(target)))
    assert errors == [], errors[:3]


def test_the_validator_is_real_a_testcase_file_attribute_fails_it(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text('<testsuites><testsuite name="s" tests="1" failures="0" errors="0">'
                   '<testcase name="c" file="rules/x.yaml"/></testsuite></testsuites>',
                   encoding="utf-8")
    assert not XSD.is_valid(str(bad))


def test_one_suite_per_submission_one_case_per_rule(batch: Path, tmp_path: Path,
                                                    ruleset: RuleSet) -> None:
    _, target = junit_of(tmp_path, str(batch))
    xml = JUnitXml.fromfile(str(target))
    doc = results_json(str(batch))
    suites = list(xml)
    assert len(suites) == len(doc["results"])
    rule_count = len(list(ruleset.rules()))
    for suite, result in zip(suites, doc["results"], strict=True):
        cases = list(suite)
        assert len(cases) == (rule_count if result["valid"] else 1)
        assert suite.tests == len(cases)


@pytest.mark.parametrize(("options", "fail_on", "undecided"), [
    ((), "error", False), (("--fail-on", "warning"), "warning", False),
    (("--fail-on", "info", "--fail-on-indeterminate"), "info", True)])
def test_failures_are_exactly_the_findings_that_set_the_exit_status(
        batch: Path, tmp_path: Path, options: tuple[str, ...], fail_on: str,
        undecided: bool) -> None:
    code, target = junit_of(tmp_path, str(batch), *options)
    xml = JUnitXml.fromfile(str(target))
    doc = results_json(str(batch))
    total = 0
    for suite, result in zip(xml, doc["results"], strict=True):
        counted = {f["rule"] for f in result["findings"]
                   if RANK[f["severity"]] >= RANK[fail_on] and "waiver" not in f
                   and (f["status"] == "fail" or (undecided and f["status"] == "indeterminate"))}
        failed = {case.name.split(":")[0] for case in suite
                  if any(isinstance(r, Failure) for r in case.result)}
        expected = counted | ({"inlämningsformat"} if not result["valid"] else set())
        assert failed == expected, result["file"]
        assert suite.failures == len(expected)
        assert suite.errors == 0
        skipped = sum(any(isinstance(r, Skipped) for r in case.result) for case in suite)
        assert suite.skipped == skipped
        total += len(expected)
    assert (code == 1) == (total > 0)
    root = ET.parse(target).getroot()
    assert root.get("failures") == str(total)
    assert root.get("tests") == str(sum(s.tests for s in xml))
    assert float(root.get("time", "x")) >= 0


def test_a_clean_run_has_no_failures_though_warnings_failed(tmp_path: Path) -> None:
    example = ROOT / "fixtures" / "submissions" / "kronoberg-teleborg-2025-Q1.yaml"
    code, target = junit_of(tmp_path, str(example))
    [result] = results_json(str(example))["results"]
    assert any(f["status"] == "fail" for f in result["findings"])
    root = ET.parse(target).getroot()
    assert (code, root.get("failures")) == (0, "0")
    outs = [case.findtext("system-out") or "" for case in root.iter("testcase")]
    assert any(text.startswith("status: fail (warning)") for text in outs)
    assert all("rules/" in text for text in outs if text)


def test_suites_carry_time_timestamp_and_the_producer(batch: Path, tmp_path: Path) -> None:
    _, target = junit_of(tmp_path, str(batch))
    for suite in ET.parse(target).getroot().iter("testsuite"):
        assert float(suite.get("time", "x")) >= 0
        assert len(suite.get("timestamp", "")) == len("2025-01-01T00:00:00")
        names = {p.get("name") for p in suite.iter("property")}
        assert {"producer.version", "producer.rules_digest", "fail_on"} <= names


def test_control_characters_and_markup_in_names_stay_well_formed() -> None:
    out = io.StringIO()
    renderer = JunitRenderer(out, ReportView())
    renderer.begin()
    renderer.result(SubmissionResult('VC \x07<&">.yaml', ()))
    renderer.end(BatchTally())
    root = ET.fromstring(out.getvalue())
    assert root.find("testsuite").get("name") == 'VC ?<&">.yaml'
