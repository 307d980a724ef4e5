"""``vardval lint``: the shipped corpus is clean; broken corpora, files and folders are reported."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from vardval.checker.cli import entry as cli
from vardval.dsl.errors import MAX_SHOWN

REPO = Path(__file__).resolve().parents[1]
RULES = REPO / "rules"
GOLDEN = REPO / "tests" / "golden" / "errors"


def lint(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(["lint", "--lang", "en", *args], out, err)
    assert err.getvalue() == ""
    return code, out.getvalue()


def diagnostics(*args: str) -> list[dict[str, object]]:
    _, text = lint(*args, "--format", "json")
    return list(json.loads(text)["diagnostics"])


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A private copy of the shipped corpus to break."""
    target = tmp_path / "rules"
    shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return target


def test_the_shipped_corpus_is_clean() -> None:
    code, text = lint(str(RULES))
    assert code == 0
    assert text.startswith("no problems: ")


def test_without_a_path_the_bundled_corpus_is_linted() -> None:
    assert lint() == lint(str(RULES))


def test_json_output_has_the_documented_shape() -> None:
    code, text = lint(str(GOLDEN / "unknown-field.yaml"), "--format", "json")
    document = json.loads(text)
    assert code == 1
    assert document["format"] == "vardval/lint@1"
    assert document["ok"] is False
    (found,) = document["diagnostics"]
    assert found["code"] == "unknown-field"
    assert (found["line"], found["column"]) == (10, 15)
    assert found["hint"] == "did you mean 'accessibility.contacts.same_day'?"
    assert set(found) >= {"file", "end_line", "end_column", "message"}


def test_json_output_of_a_clean_corpus() -> None:
    assert json.loads(lint(str(RULES), "--format", "json")[1]) == {
        "format": "vardval/lint@1", "ok": True, "diagnostics": [], "warnings": []}


def test_a_broken_rulebook_in_a_corpus_is_reported_with_its_path(corpus: Path) -> None:
    book = corpus / "national" / "verksamhet.yaml"
    book.write_text(book.read_text(encoding="utf-8").replace(
        "clinic.head_of_unit", "clinic.head_of_unt", 1), encoding="utf-8")
    found = diagnostics(str(corpus))
    assert [d["code"] for d in found] == ["unknown-field"]
    assert str(found[0]["file"]).endswith("national/verksamhet.yaml")


def test_a_rule_id_used_in_two_files_is_reported(corpus: Path) -> None:
    extra = corpus / "national" / "zz-copy.yaml"
    text = (corpus / "national" / "verksamhet.yaml").read_text(encoding="utf-8")
    extra.write_text(text.replace("rulebook: national.", "rulebook: national.copy"),
                     encoding="utf-8")
    codes = {d["code"] for d in diagnostics(str(corpus))}
    assert codes == {"duplicate-rule-id"}


def test_a_corpus_whose_parameters_are_broken_says_so(corpus: Path) -> None:
    params = corpus / "parameters" / "national.yaml"
    text = params.read_text(encoding="utf-8")
    params.write_text(text.replace("\n    unit: percent", "\n    unit: pct", 1), encoding="utf-8")
    code, text = lint(str(corpus))
    assert code == 1
    assert "unknown unit 'pct'" in text


def test_a_parameter_without_a_value_while_the_rule_is_in_force(corpus: Path) -> None:
    params = corpus / "parameters" / "national.yaml"
    text = params.read_text(encoding="utf-8")
    params.write_text(text.replace("- from: 2017-04-01\n        value: 100%",
                                   "- from: 2030-01-01\n        value: 100%", 1),
                      encoding="utf-8")
    found = diagnostics(str(corpus))
    assert {d["code"] for d in found} == {"parameter-not-in-force"}
    assert "its first value is from 2030-01-01" in str(found[0]["message"])


def test_a_folder_of_rulebooks_is_linted_against_the_bundled_corpus(tmp_path: Path) -> None:
    for name in ("unknown-field.yaml", "wrong-type.yaml"):
        shutil.copy(GOLDEN / name, tmp_path / name)
    found = diagnostics(str(tmp_path))
    assert sorted(d["code"] for d in found) == ["unknown-field", "wrong-type"]


def test_a_lone_rulebook_may_use_another_corpus(corpus: Path, tmp_path: Path) -> None:
    params = corpus / "parameters" / "skane.yaml"
    params.write_text(params.read_text(encoding="utf-8").replace("skane.telefon.niva1",
                                                                 "skane.telefon.niva_1"),
                      encoding="utf-8")
    text = (GOLDEN / "unknown-parameter.yaml").read_text(encoding="utf-8")
    case = tmp_path / "skane.yaml"
    case.write_text(text.replace("rules:", "scope: {region: skane}\nrules:"), encoding="utf-8")
    assert diagnostics(str(case), "--rules", str(corpus)) == []
    assert [d["code"] for d in diagnostics(str(case))] == ["unknown-parameter"]


def test_a_missing_path_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    code, text = lint(str(tmp_path / "nowhere"))
    assert code == 2
    assert "does not exist" in text


def test_past_the_limit_the_rest_is_counted(tmp_path: Path) -> None:
    book = (GOLDEN / "unknown-field.yaml").read_text(encoding="utf-8")
    head, rule = book.split("rules:\n")
    rules = "".join(rule.replace("G-FIELD", f"G-FIELD{i}") for i in range(MAX_SHOWN + 5))
    (tmp_path / "many.yaml").write_text(head + "rules:\n" + rules, encoding="utf-8")
    code, text = lint(str(tmp_path / "many.yaml"))
    assert code == 1
    assert text.count("unknown field") == MAX_SHOWN
    assert "… and 5 more\n" in text
    assert text.endswith(f"{MAX_SHOWN + 5} problems in 1 file\n")
