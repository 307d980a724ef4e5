"""``vardval test``: the bundled cases all pass with full coverage, and the runner catches mistakes.

The runner must fail (exit 1) on a wrong expectation, a change that breaks the format, and a
rule without a passing, failing or (for ordering rules) boundary case; malformed case files are
input errors (exit 2) reported at their line.
"""

from __future__ import annotations

import io
import pathlib
import shutil

import pytest
from vardval.checker.authoring import cases as casetest
from vardval.checker.cli.entry import run
from vardval.checker.program import load_ruleset

ROOT = pathlib.Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"
CASES = ROOT / "fixtures" / "cases"


def _vardval_test(cases: pathlib.Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["test", "--rules", str(RULES), "--cases", str(cases), "--lang", "en"], out, err)
    return code, out.getvalue(), err.getvalue()


def _row(output: str, rule_id: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(f"{rule_id} "))


def _cases_folder(tmp_path: pathlib.Path, text: str) -> pathlib.Path:
    """A folder with the bundled bases and one case file holding ``text``."""
    shutil.copytree(CASES / "bases", tmp_path / "bases")
    (tmp_path / "cases.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_the_bundled_cases_pass_and_cover_every_rule() -> None:
    code, out, err = _vardval_test(CASES)
    assert (code, err) == (0, ""), out
    assert "FAIL" not in out
    rule_ids = [rule.id for rule in load_ruleset(RULES).rules()]
    assert all(_row(out, rule_id).endswith("  ok") for rule_id in rule_ids)
    assert f"{len(rule_ids)} of {len(rule_ids)} rules" in out


def test_every_rule_has_pass_fail_and_needed_boundary_cases() -> None:
    ruleset = load_ruleset(RULES)
    files = casetest.load_case_files(CASES, {rule.id for rule in ruleset.rules()})
    outcomes = casetest.run_all(ruleset, files)
    assert [o.case.where for o in outcomes if not o.ok] == []
    table = casetest.coverage(ruleset, outcomes)
    assert {row.rule: row.gaps for row in table if row.gaps} == {}
    assert any(row.needs_boundary for row in table)


def test_a_wrong_expectation_exits_1_and_names_the_case(tmp_path: pathlib.Path) -> None:
    folder = _cases_folder(tmp_path, """\
base: bases/kronoberg-privat-tak-2025-Q1.yaml
cases:
  - name: This case wrongly expects a clinic without a head of unit to pass.
    rule: VC-VERKSAMHETSCHEF
    remove: [clinic.head_of_unit]
    expect: pass
""")
    code, out, _ = _vardval_test(folder)
    assert code == 1
    assert f"FAIL {folder / 'cases.yaml'}:3: VC-VERKSAMHETSCHEF: This case wrongly" in out
    assert "expected pass, got fail" in out
    assert "clinic.head_of_unit = missing" in out  # --lang en words the evidence too


def test_a_change_that_breaks_the_format_is_reported_as_such(tmp_path: pathlib.Path) -> None:
    folder = _cases_folder(tmp_path, """\
base: bases/kronoberg-privat-tak-2025-Q1.yaml
cases:
  - name: A misspelt field makes the changed submission invalid.
    rule: VC-VERKSAMHETSCHEF
    set: {clinic.head_of_unt: Anna}
    expect: pass
  - name: Removing a field the base does not have is a mistake in the case.
    rule: VC-VERKSAMHETSCHEF
    remove: [listing.cap.valid_to]
    expect: pass
""")
    code, out, _ = _vardval_test(folder)
    assert code == 1
    assert "the changed submission is not valid: $.clinic.head_of_unt" in out
    assert "cannot remove 'listing.cap.valid_to': it is not in the submission" in out


def test_a_rule_without_a_boundary_case_is_a_coverage_gap(tmp_path: pathlib.Path) -> None:
    text = (CASES / "skane.yaml").read_text(encoding="utf-8").replace("boundary: true", "")
    code, out, _ = _vardval_test(_cases_folder(tmp_path, text))
    assert code == 1
    assert "FAIL" not in out
    assert "missing a boundary case" in _row(out, "SKA-TELEFON-2H")
    assert "missing a passing case, a failing case" in _row(out, "KRO-HYGIEN")


def test_rules_without_ordering_need_no_boundary_case(tmp_path: pathlib.Path) -> None:
    text = (CASES / "vastra-gotaland.yaml").read_text(encoding="utf-8")
    _, out, _ = _vardval_test(_cases_folder(tmp_path, text))
    assert _row(out, "VGR-VARDHYGIEN").endswith("  ok")


_HEAD = "base: bases/kronoberg-privat-tak-2025-Q1.yaml\ncases:\n"
MALFORMED = [
    (_HEAD + "  - name: No expectation.\n    rule: VC-VERKSAMHETSCHEF\n",
     "cases.yaml:3:5: missing required key 'expect'"),
    (_HEAD + "  - name: Unknown rule.\n    rule: VC-VERKSAMHETSCHF\n    expect: pass\n",
     "cases.yaml:4:11: unknown rule 'VC-VERKSAMHETSCHF'"),
    ("base: bases/missing.yaml\n" + _HEAD.split("\n", 1)[1]
     + "  - name: Any.\n    rule: VC-VERKSAMHETSCHEF\n    expect: pass\n",
     "cases.yaml:1:7: base submission"),
    (_HEAD + "  - name: not a sentence\n    rule: VC-VERKSAMHETSCHEF\n    expect: pass\n",
     "a case name is a full sentence"),
]


@pytest.mark.parametrize(("text", "message"), MALFORMED)
def test_a_malformed_case_file_exits_2_at_its_line(tmp_path: pathlib.Path, text: str,
                                                   message: str) -> None:
    code, out, err = _vardval_test(_cases_folder(tmp_path, text))
    assert (code, out) == (2, "")
    assert message in err


def test_an_empty_cases_folder_is_a_usage_error(tmp_path: pathlib.Path) -> None:
    code, _, err = _vardval_test(tmp_path)
    assert code == 2
    assert "no case files" in err


def test_a_cases_folder_that_is_missing_or_a_file_is_named_for_what_it_is(
        tmp_path: pathlib.Path) -> None:
    missing, file = tmp_path / "nowhere", tmp_path / "cases.yaml"
    file.write_text("cases: []\n", encoding="utf-8")
    for path, said in ((missing, f"the folder '{missing}' does not exist"),
                       (file, f"'{file}' is not a folder")):
        code, _, err = _vardval_test(path)
        assert (code, err.splitlines()[0]) == (2, f"{path}:1:1: {said}")


def test_changes_apply_sets_before_removes_and_refuse_a_path_through_a_value() -> None:
    base = {"a": {"b": 1}, "c": 2}
    assert casetest.apply_changes(base, (("a.d", 3),), ("a.b",)) == {"a": {"d": 3}, "c": 2}
    assert base == {"a": {"b": 1}, "c": 2}
    with pytest.raises(casetest.ChangeError, match="'c' is not a mapping"):
        casetest.apply_changes(base, (("c.x", 1),), ())
