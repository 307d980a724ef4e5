"""A program executes each unit when first used, and the load cache keeps the units a command
used: a cold command stores its corpus when it ends, a later one that compiles a unit the entry
lacks stores it again, and one that compiles nothing leaves the entry alone."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from vardval.checker.corpus import RuleSet, read_ruleset
from vardval.checker.engine.evaluate import check_intake, rule_statuses
from vardval.checker.program import cache, loader, units
from vardval.checker.submission.intake import load_submission

ROOT = Path(__file__).resolve().parents[2]
SUBMISSIONS = sorted((ROOT / "fixtures" / "submissions").glob("*.yaml"))
HALLAND = ROOT / "fixtures" / "submissions" / "halland-2018-Q2.yaml"


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return read_ruleset()


def test_asking_for_one_rule_executes_its_unit_and_its_books_definitions_only(
        ruleset: RuleSet) -> None:
    program = units.build(ruleset)
    assert program._loaded == {}
    rule = ruleset.rule("VG-KONTAKT")
    assert len(program.rules["VG-KONTAKT"]) == len(rule.versions)
    loaded = {program.units[i].filename for i in program._loaded}
    book = next(b for b in ruleset.rulebooks if any(r.id == rule.id for r in b.rules))
    assert loaded == {units.rule_file(rule.id), units.definitions_file(book.id)}
    assert program.fresh  # compiled from the source: no bytecode was kept for them
    assert "NO-SUCH-RULE" not in program.rules
    assert list(program.rules) == [r.id for r in ruleset.rules()]


def test_a_pickled_program_keeps_the_bytecode_of_the_units_it_used(ruleset: RuleSet) -> None:
    program = units.build(ruleset)
    program.rules["VG-KONTAKT"]
    again = pickle.loads(pickle.dumps(program))  # noqa: S301 - our own object
    kept = {again.units[i].filename for i, blob in enumerate(again._kept) if blob}
    assert kept == {program.units[i].filename for i in program._loaded}
    again.rules["VG-KONTAKT"]
    assert not again.fresh  # loaded from the kept bytecode
    again.load_all()
    assert again.fresh  # the others were compiled from their source


def test_a_program_used_bit_by_bit_decides_as_one_executed_whole(ruleset: RuleSet) -> None:
    whole = units.build(ruleset)
    whole.load_all()
    for path in SUBMISSIONS:
        data = load_submission(path).data
        if data is None:
            continue
        loader._PROGRAMS[ruleset] = units.build(ruleset)  # a fresh, unused program
        lazily = rule_statuses(ruleset, data)
        loader._PROGRAMS[ruleset] = whole
        assert lazily == rule_statuses(ruleset, data), path.name


def test_evidence_for_some_rules_leaves_the_other_findings_as_they_were(ruleset: RuleSet) -> None:
    intake = load_submission(HALLAND)
    every = check_intake(ruleset, intake)
    some = check_intake(ruleset, intake, evidence_rules=("VC-VERKSAMHETSCHEF",))
    assert [(f.rule.id, f.status, f.message) for f in some.findings] == [
        (f.rule.id, f.status, f.message) for f in every.findings]
    for mine, theirs in zip(some.findings, every.findings, strict=True):
        wanted = mine.rule.id == "VC-VERKSAMHETSCHEF"
        assert mine.evidence == (theirs.evidence if wanted else ())
    assert any(f.evidence for f in every.findings if f.rule.id != "VC-VERKSAMHETSCHEF")


def _vardval(*argv: str, cache_dir: Path) -> None:
    env = {**os.environ, "VARDVAL_CACHE_DIR": str(cache_dir)}
    env.pop("VARDVAL_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-m", "vardval", *argv], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode in (0, 1), done.stderr


def _entry(folder: Path) -> tuple[Path, list[bool]]:
    (path,) = folder.glob("ruleset-*.pickle")
    body = cache.read_sealed(path, cache.MAGIC)
    assert body is not None
    _, program = pickle.loads(body)  # noqa: S301 - sealed with this user's key
    return path, [bool(blob) for blob in program._kept]


def test_the_cache_keeps_what_each_command_compiled(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _vardval("test", "VG-KONTAKT", cache_dir=folder)
    path, first = _entry(folder)
    assert 0 < sum(first) < len(first)  # the units that command ran, not every one
    _vardval("check", str(HALLAND), "--format", "json", cache_dir=folder)
    _, second = _entry(folder)
    assert sum(second) > sum(first)  # stored again with the units the check added
    assert all(b for a, b in zip(first, second, strict=True) if a)
    stamp = path.stat().st_mtime_ns
    _vardval("check", str(HALLAND), "--format", "json", cache_dir=folder)
    assert path.stat().st_mtime_ns == stamp  # nothing new compiled: not written again
