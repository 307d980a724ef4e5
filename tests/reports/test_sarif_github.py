"""SARIF 2.1.0 against its published schema, and GitHub workflow-command annotations."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from reports_support import EXAMPLE, ROOT, results_json, vardval
from vardval.checker.report.sarif import uri

SCHEMA = json.loads((ROOT / "tests" / "data" / "schemas" / "sarif-schema-2.1.0.json")
                    .read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA)
FIXED = ROOT / "tests" / "data" / "reports"


def sarif(*argv: str) -> tuple[int, dict[str, Any]]:
    code, out, err = vardval("check", *argv, "--format", "sarif")
    assert code in (0, 1), err
    return code, json.loads(out)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_sarif_is_valid_against_the_published_schema(batch: Path, lang: str) -> None:
    _, log = sarif(str(batch), "--lang", lang)
    errors = list(VALIDATOR.iter_errors(log))
    assert errors == [], [e.message for e in errors[:3]]


def test_the_schema_check_is_real() -> None:
    _, log = sarif(str(EXAMPLE))
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert list(VALIDATOR.iter_errors(log))


def test_results_are_the_open_findings_located_at_the_rule(batch: Path) -> None:
    _, log = sarif(str(batch))
    doc = results_json(str(batch))
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    open_findings = [(uri(r["file"]), f["rule"]) for r in doc["results"] for f in r["findings"]
                     if f["status"] in ("fail", "indeterminate")]
    found = [(res["analysisTarget"]["uri"], res["ruleId"]) for res in run["results"]
             if res["ruleId"] != "vardval/invalid-submission"]
    assert sorted(found) == sorted(open_findings)
    for res in run["results"]:
        rule = rules[res["ruleId"]]
        assert run["tool"]["driver"]["rules"][res["ruleIndex"]] is rule or (
            run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == rule["id"])
        if res["ruleId"] == "vardval/invalid-submission":
            continue
        where = res["locations"][0]["physicalLocation"]
        source = next(f["rule_source"] for r in doc["results"] for f in r["findings"]
                      if f["rule"] == res["ruleId"])
        assert where["artifactLocation"]["uri"] == source["file"]
        assert where["region"]["startLine"] == source["line"]
        assert res["kind"] == ("fail" if res["properties"]["status"] == "fail" else "review")
    assert any(r["ruleId"] == "vardval/invalid-submission" for r in run["results"])


def test_rule_help_is_the_citation() -> None:
    _, log = sarif(str(EXAMPLE), "--lang", "en")
    rule = next(r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "VG-KONTAKT")
    assert "HSL 9 kap. 1 § 1 st. 1 p." in rule["help"]["text"]
    assert rule["helpUri"].startswith("https://")
    assert rule["defaultConfiguration"]["level"] == "warning"


ANNOTATION = re.compile(r"^::(error|warning|notice)(?: ([^:]+))?::(.*)$")


def test_github_annotations_agree_with_the_exit_status(batch: Path) -> None:
    code, out, _ = vardval("check", str(batch), "--format", "github", "--lang", "en")
    lines = out.splitlines()
    assert all(ANNOTATION.match(line) for line in lines), lines[:3]
    errors = [line for line in lines if line.startswith("::error")]
    doc = results_json(str(batch))
    counted = sum(1 for r in doc["results"] for f in r["findings"]
                  if f["status"] == "fail" and f["severity"] == "error" and "waiver" not in f)
    problems = sum(len(r["problems"]) for r in doc["results"])
    assert len(errors) == counted + problems
    assert (code == 1) == bool(errors)
    assert lines[-1].startswith("::notice::vardval: ")


def test_github_annotations_escape_what_the_runner_reads(tmp_path: Path) -> None:
    source = EXAMPLE.read_text(encoding="utf-8")
    hostile = tmp_path / "a,b:c.yaml"
    hostile.write_text(source.replace("name: Vårdcentralen Teleborg",
                                      'name: "VC 100%\\nNext"'), encoding="utf-8")
    _, out, _ = vardval("check", str(hostile), "--format", "github", "--fail-on", "warning")
    first = out.splitlines()[0]
    match = ANNOTATION.match(first)
    assert match is not None
    props = dict(p.split("=", 1) for p in (match.group(2) or "").split(","))
    assert props["file"].endswith("a%2Cb%3Ac.yaml")
    assert "\x1b" not in out
