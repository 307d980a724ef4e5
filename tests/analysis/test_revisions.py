"""Git revisions as corpora: ``diff v1 v2`` and ``whatif --rules-rev`` in a real repository.

The repository is made in a temporary folder from the bundled rules: ``v1`` as they are, ``v2``
with VG-BEDOMNING raised to an error and its target lowered to 90 %, ``v3`` with the folder
moved. The work tree is read with ``git archive`` only, so it is never touched.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from analysis_runs import vardval
from git_repo import commit, edit, git, new_repository

ROOT = Path(__file__).resolve().parents[2]
SUBMISSIONS = str(ROOT / "fixtures" / "submissions")
TARGET = "vardgaranti.bedomning.malniva:"


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rules folder of a repository tagged v1, v2 (checked out at v2)."""
    folder = new_repository(tmp_path_factory.mktemp("git"))
    edit(folder / "national" / "vardgaranti.yaml", "severity: warning", "severity: error",
         after="id: VG-BEDOMNING")
    edit(folder / "parameters" / "national.yaml", "value: 100%", "value: 90%", after=TARGET)
    commit(folder.parent, "v2")
    return folder


def line_of(path: Path, text: str) -> int:
    """The line of ``text`` in the file, so the expected places follow the rules' edits."""
    return next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1)
                if text in line)


def places(rules: Path) -> tuple[str, str]:
    """Where diff puts VG-BEDOMNING and the assessment target (``file:line``)."""
    rule = rules / "national" / "vardgaranti.yaml"
    target = rules / "parameters" / "national.yaml"
    return (f"rules/national/vardgaranti.yaml:{line_of(rule, '- id: VG-BEDOMNING')}",
            f"rules/parameters/national.yaml:{line_of(target, TARGET)}")


def diff_json(*argv: str) -> dict[str, object]:
    code, out, err = vardval("diff", *argv, "--format", "json")
    assert code == 0, err
    found: dict[str, object] = json.loads(out)
    return found


def test_diff_of_two_tags_names_the_rule_and_the_parameter(rules: Path) -> None:
    found = diff_json("v1", "v2", "--rules", str(rules))
    rule_at, target_at = places(rules)
    assert (found["before"], found["after"]) == ("v1:rules", "v2:rules")
    assert found["rules"] == [{
        "id": "VG-BEDOMNING", "change": "changed", "severity": "error",
        "title": {"sv": "Medicinsk bedömning inom tre dagar",
                  "en": "Medical assessment within three days"},
        "where": rule_at,
        "fields": [{"field": "severity", "before": "warning", "after": "error"}]}]
    assert found["parameters"] == [{
        "name": "vardgaranti.bedomning.malniva", "region": None, "change": "changed",
        "unit": "percent", "where": target_at, "fields": [],
        "values": [{"from": "2019-01-01", "before": "100%", "after": "90%",
                    "direction": "loosened"}]}]
    assert found["sources"] == []


def test_diff_of_a_tag_and_the_work_tree_folder(rules: Path) -> None:
    found = diff_json("v2", str(rules), "--rules", str(rules))
    assert found["counts"] == {"added": 0, "removed": 0, "changed": 0}
    backwards = diff_json("v2", "v1", "--rules", str(rules))
    values = backwards["parameters"][0]["values"]  # type: ignore[index]
    assert values == [{"from": "2019-01-01", "before": "90%", "after": "100%",
                       "direction": "tightened"}]


def test_diff_text_shows_the_change_and_its_direction(rules: Path) -> None:
    code, out, err = vardval("diff", "v1", "v2", "--rules", str(rules))
    assert code == 0, err
    assert out.splitlines()[:2] == [
        "Regelverksändringar / Rule-book changes: v1:rules → v2:rules",
        "  0 tillagd / added, 0 borttagen / removed, 2 ändrad / changed"]
    assert ("  ~ VG-BEDOMNING [error] Medicinsk bedömning inom tre dagar (ändrad / changed) — "
            f"{places(rules)[0]}") in out
    assert "      från / from 2019-01-01: 100% → 90% — lättad / loosened" in out


def test_whatif_against_an_earlier_tag(rules: Path) -> None:
    code, out, err = vardval("whatif", SUBMISSIONS, "--rules", str(rules), "--rules-rev", "v1",
                             "--format", "json")
    assert code == 0, err
    found = json.loads(out)
    assert (found["baseline"], found["variant"]) == (str(rules), "v1:rules")
    assert [r["id"] for r in found["rules"]] == ["VG-BEDOMNING"]
    moved = {(c["rule"], c["baseline"], c["variant"])
             for clinic in found["clinics"] for c in clinic["changes"]}
    assert moved == {("VG-BEDOMNING", "pass", "fail")}
    assert found["changed_findings"] == 5
    assert git(rules.parent, "status", "--porcelain") == ""
    assert git(rules.parent, "describe", "--tags").strip() == "v2"


def test_a_moved_folder_is_named_as_rev_path(tmp_path: Path) -> None:
    folder = new_repository(tmp_path)
    git(folder.parent, "mv", "rules", "regelverk")
    commit(folder.parent, "v3")
    moved = folder.parent / "regelverk"
    found = diff_json("v1:rules", "v3", "--rules", str(moved))
    assert found["after"] == "v3:regelverk"
    assert found["counts"] == {"added": 0, "removed": 0, "changed": 0}
    code, _, err = vardval("diff", "v1", "v3", "--rules", str(moved))
    assert code == 2
    assert "v1: 'regelverk' finns inte i v1" in err
    assert "REV:sökväg" in err
    assert "v1: 'regelverk' does not exist in v1" in vardval("diff", "v1", "v3", "--rules",
                                                             str(moved), "--lang", "en")[2]


def test_an_unknown_revision_says_where_revisions_are_listed(rules: Path) -> None:
    code, out, err = vardval("whatif", SUBMISSIONS, "--rules", str(rules), "--rules-rev", "v9")
    assert code == 2
    assert out == ""
    assert "v9: 'v9' är varken en mapp eller en revision i" in err
    assert "`git tag` och `git log` visar revisionerna" in err
    code, out, err = vardval("whatif", SUBMISSIONS, "--rules", str(rules), "--rules-rev", "v9",
                             "--lang", "en")
    assert "v9: 'v9' is neither a folder nor a revision of" in err
    assert "`git tag` and `git log` list revisions" in err


def test_github_annotations_put_each_change_on_its_line_with_its_impact(rules: Path) -> None:
    code, out, err = vardval("diff", "v1", "v2", "--rules", str(rules), "--format", "github",
                             "--impact", SUBMISSIONS)
    assert code == 0, err
    rule_at, target_at = (place.split(":") for place in places(rules))
    assert out.splitlines() == [
        (f"::notice file={rule_at[0]},line={rule_at[1]},title=VG-BEDOMNING%3A ändrad / "
        "changed::severity: warning → error%0AFAIL 7 → 2, PASS 0 → 5, N/A 1 → 1"),
        (f"::notice file={target_at[0]},line={target_at[1]},title=vardgaranti.bedomning.malniva"
        "%3A ändrad / changed::från / from 2019-01-01: 100%25 → 90%25 — lättad / loosened"),
        ("::notice title=Påverkan på inlämningarna / Impact on the submissions::8 inlämningar / "
        "submissions, 5 fynd byter status / findings change status, 5 mottagningar berörs / "
        "clinics affected")]
