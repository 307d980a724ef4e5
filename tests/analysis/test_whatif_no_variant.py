"""Both sides of a what-if run through the same engine: without a real variant nothing changes,
on the whole demo and on a few hundred synthetic submissions (``bench/generate.py``) that make
every rule pass and fail."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from analysis_runs import vardval
from vardval.checker.engine import rule_statuses
from vardval.checker.program import load_ruleset

ROOT = Path(__file__).resolve().parents[2]
SUBMISSIONS = str(ROOT / "fixtures" / "submissions")
SYNTHETIC = 300


def whatif_json(*argv: str) -> dict[str, object]:
    code, out, err = vardval("whatif", *argv, "--format", "json")
    assert code == 0, err
    found: dict[str, object] = json.loads(out)
    return found


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Counter[str]]:
    """A folder of generated submissions, and the statuses the engine gives them."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import Generator, yaml_text
    finally:
        sys.path.remove(str(ROOT / "bench"))
    folder = tmp_path_factory.mktemp("synthetic")
    ruleset = load_ruleset()
    statuses: Counter[str] = Counter()
    for index, data in enumerate(Generator(ruleset).submissions(SYNTHETIC)):
        (folder / f"s{index:04d}.yaml").write_text(yaml_text(data), encoding="utf-8")
        statuses.update(status for status, _ in rule_statuses(ruleset, data).values())
    return folder, statuses


def test_no_variant_changes_nothing_on_the_demo() -> None:
    found = whatif_json(SUBMISSIONS)
    assert (found["submissions"], found["invalid"]) == (8, [])
    assert (found["changed_findings"], found["rules"], found["clinics"]) == (0, [], [])
    assert found["changes_in_rules"]["counts"] == {  # type: ignore[index]
        "added": 0, "removed": 0, "changed": 0}
    code, out, _ = vardval("whatif", SUBMISSIONS)
    assert code == 0
    assert "Ingen status ändras / No status changes" in out
    assert "Per mottagning" not in out


def test_restating_a_value_changes_nothing_on_the_demo() -> None:
    found = whatif_json(SUBMISSIONS, "--set", "vardgaranti.bedomning.malniva=100%")
    assert found["changed_findings"] == 0
    assert found["changes_in_rules"]["parameters"] == []  # type: ignore[index]


def test_no_variant_changes_nothing_on_a_synthetic_set(
        synthetic: tuple[Path, Counter[str]]) -> None:
    folder, statuses = synthetic
    assert statuses["pass"] > 0
    assert statuses["fail"] > 0
    found = whatif_json(str(folder))
    assert (found["submissions"], found["invalid"]) == (SYNTHETIC, [])
    assert (found["changed_findings"], found["rules"], found["clinics"]) == (0, [], [])


def test_a_real_variant_on_the_synthetic_set_moves_only_its_rule(
        synthetic: tuple[Path, Counter[str]]) -> None:
    found = whatif_json(str(synthetic[0]), "--set", "vardgaranti.bedomning.malniva=0%")
    assert [rule["id"] for rule in found["rules"]] == ["VG-BEDOMNING"]  # type: ignore[attr-defined]
    baseline, variant = (found["rules"][0][side] for side in ("baseline", "variant"))  # type: ignore[index]
    assert variant["fail"] == 0
    assert variant["pass"] == baseline["pass"] + baseline["fail"]
    assert found["changed_findings"] == baseline["fail"]
