"""A submission's problems are worded in the report's language, in every report format.

Issue 14: a Swedish report showed English problems under its Swedish header. Each kind of
problem is checked in both languages (no English phrase in Swedish, no Swedish in English),
and each format of ``vardval check`` is run on the broken fixture in both languages.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from reports_support import ROOT, vardval
from vardval.checker.submission.intake import MAX_PROBLEMS, load_submission_text

BROKEN = ROOT / "fixtures" / "broken" / "kronoberg-broken-2025-Q1.yaml"
VALID = (ROOT / "fixtures" / "submissions" / "kronoberg-teleborg-2025-Q1.yaml").read_text(
    encoding="utf-8")

ENGLISH = ("missing required field", "not an allowed value", "did you mean", "below the minimum",
           "above the maximum", "expected", "found", "unknown field", "not a valid date",
           "has 28 days", "the text", "the number", "write the number", "not a submission",
           "not a quarter", "must not be empty", "more problems", "problems)", "leave the field")
SWEDISH = ("saknas", "tillåtet", "menade du", "under minimum", "över maximum", "väntade",
           "fann", "okänt fält", "giltigt datum", "dagar", "texten", "talet", "skriv",
           "ingen inlämningsfil", "kvartal i kalendern", "får inte", "fler problem", "OGILTIG",
           "utelämna")


def _change(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new, 1)


# kind -> a submission with that kind of problem
KINDS = {
    "missing field": _change("format: vardval/submission@1\n", ""),
    "wrong type": _change("period: 2025-Q1", "period: [2025]"),
    "whole number as text": _change("listed_at_period_end: 10040",
                                    "listed_at_period_end: '10040'"),
    "null": _change("period: 2025-Q1", "period: null"),
    "below the minimum": _change("listed_at_period_end: 10040", "listed_at_period_end: -3"),
    "not allowed": _change("region: kronoberg", "region: kronobergs"),
    "unknown field": _change("period: 2025-Q1", "period: 2025-Q1\nperiods: 2025-Q1"),
    "pattern": _change("period: 2025-Q1", "period: 2025-Q5"),
    "outside the calendar": _change("period: 2025-Q1", "period: 0000-Q1"),
    "not a submission": "user: admin\npassword: x\n",
    "whole file is a list": "- a\n- b\n",
    "too many problems": "format: vardval/submission@1\n" + "".join(
        f"field{n}: 1\n" for n in range(MAX_PROBLEMS + 5)),
}
KINDS["invalid date"] = BROKEN.read_text(encoding="utf-8")


def _words(text: str, lang: str) -> list[str]:
    intake = load_submission_text(text.encode(), "a.yaml")
    assert intake.problems, "the example must have a problem"
    return [p.shown(lang) for p in intake.problems]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_of_problem_is_worded_in_the_report_language(kind: str) -> None:
    swedish, english = _words(KINDS[kind], "sv"), _words(KINDS[kind], "en")
    assert swedish != english
    for line in swedish:
        assert not [w for w in ENGLISH if w in line], line
    for line in english:
        assert not [w for w in SWEDISH if w in line], line


def _check(fmt: str, lang: str, tmp_path: Path) -> str:
    out = tmp_path / f"report.{fmt}"
    code, _, err = vardval("check", "--format", fmt, "--lang", lang, "-o", str(out), str(BROKEN))
    assert code == 1, err
    if fmt == "xlsx":
        with zipfile.ZipFile(out) as book:
            return "".join(book.read(name).decode() for name in book.namelist()
                           if name.endswith(".xml"))
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "html", "sarif", "github", "xlsx"])
def test_every_format_shows_problems_in_the_report_language(fmt: str, tmp_path: Path) -> None:
    swedish, english = _check(fmt, "sv", tmp_path), _check(fmt, "en", tmp_path)
    assert "obligatoriskt fält saknas: 'name'" in swedish
    assert "missing required field 'name'" in english
    for phrase in ("missing required field", "did you mean", "is below the minimum",
                   "unknown field", "February 2025"):
        assert phrase not in swedish
    for phrase in ("saknas", "menade du", "under minimum", "okänt fält", "februari 2025"):
        assert phrase not in english


def test_the_results_document_keeps_its_contract(tmp_path: Path) -> None:
    document = json.loads(_check("json", "sv", tmp_path))
    problem = document["results"][0]["problems"][0]
    assert set(problem) == {"path", "line", "column", "message"}
    assert problem["message"] == "obligatoriskt fält saknas: 'name'"


def test_one_problem_is_one_problem_in_english() -> None:
    text = _change("format: vardval/submission@1\n", "")
    from vardval.checker.engine import check_intake
    from vardval.checker.program import load_ruleset
    from vardval.checker.report.outputs import ReportView
    from vardval.checker.report.text import render_result

    intake = load_submission_text(text.encode(), "a.yaml")
    result = check_intake(load_ruleset(ROOT / "rules"), intake)
    assert render_result(result, ReportView(lang="en")).startswith(
        "a.yaml: INVALID SUBMISSION (1 problem)\n")
    assert render_result(result, ReportView(lang="sv")).startswith(
        "a.yaml: OGILTIG INLÄMNING (1 problem)\n")
