"""What-if and diff: no variant changes nothing; a --set moves statuses; diff marks directions."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from vardval.checker.analysis import (
    OverrideError,
    diff,
    parse_override,
    what_if,
    with_overrides,
)
from vardval.checker.cli import run
from vardval.checker.corpus import BUNDLED_RULES, read_ruleset
from vardval.checker.program import load_ruleset

ROOT = Path(__file__).resolve().parents[2]
SUBMISSIONS = str(ROOT / "fixtures" / "submissions")


def test_whatif_without_a_variant_changes_nothing() -> None:
    base = load_ruleset()
    result = what_if(base, with_overrides(base), [SUBMISSIONS])
    assert result.submissions > 0
    assert result.changes() == 0
    assert result.changed_rules() == []


def test_a_target_of_zero_can_only_turn_failures_into_passes() -> None:
    base = load_ruleset()
    variant = with_overrides(base, [parse_override("vardgaranti.bedomning.malniva=0%")])
    result = what_if(base, variant, [SUBMISSIONS])
    moved = {(c.rule_id, c.before, c.after) for s in result.changed for c in s.changes}
    assert moved <= {("VG-BEDOMNING", "fail", "pass")}
    for submission in result.changed:
        change = submission.changes[0]
        assert change.base is not None and change.variant is not None
        assert "kravet är 0\xa0%" in change.variant.message["sv"]


def test_an_override_in_the_wrong_unit_is_located_in_the_set_argument() -> None:
    with pytest.raises(OverrideError) as caught:
        with_overrides(load_ruleset(), [parse_override("vardgaranti.bedomning.dagar=95%")])
    assert "--set:1:" in str(caught.value)
    assert "'95%' does not fit the parameter's unit (days)" in str(caught.value)
    assert "'95%' passar inte parameterns enhet (days)" in caught.value.shown("sv")


def test_an_unknown_parameter_suggests_the_close_name() -> None:
    with pytest.raises(OverrideError, match="did you mean"):
        with_overrides(load_ruleset(), [parse_override("vardgaranti.bedomning.maliva=95%")])


def test_diff_marks_a_raised_lower_bound_as_tightened(tmp_path: Path) -> None:
    copy = tmp_path / "rules"
    shutil.copytree(BUNDLED_RULES, copy, ignore=shutil.ignore_patterns("__pycache__"))
    national = copy / "parameters" / "national.yaml"
    text = national.read_text(encoding="utf-8")
    marker = "vardgaranti.bedomning.malniva:"
    head, tail = text.split(marker, 1)
    national.write_text(head + marker + tail.replace("value: 100%", "value: 90%", 1),
                        encoding="utf-8")
    found = diff(read_ruleset(copy), read_ruleset(BUNDLED_RULES))
    changed = {p.name: p for p in found.parameters}
    assert list(changed) == ["vardgaranti.bedomning.malniva"]
    assert [(v.before, v.after, v.direction) for v in changed[marker[:-1]].values] == [
        ("90%", "100%", "tightened")]
    assert found.rules == ()


def test_whatif_command_lists_the_clinics_whose_status_changes() -> None:
    out, err = io.StringIO(), io.StringIO()
    code = run(["whatif", SUBMISSIONS, "--set", "vardgaranti.bedomning.malniva=0%",
                "--format", "json"], out, err)
    assert code == 0, err.getvalue()
    assert '"format": "vardval/whatif@1"' in out.getvalue()


def test_diff_command_exits_zero_with_github_annotations(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = run(["diff", str(BUNDLED_RULES), str(BUNDLED_RULES), "--format", "github"], out, err)
    assert code == 0, err.getvalue()
    assert out.getvalue() == ""
