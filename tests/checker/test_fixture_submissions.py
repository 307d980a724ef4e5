"""The bundled example submissions are valid, and the broken one reports exactly its problems."""

from __future__ import annotations

import os
import pathlib

import pytest
from vardval.checker.submission.intake import load_submission, load_submission_text

ROOT = pathlib.Path(__file__).resolve().parents[2]
SUBMISSIONS = sorted(
    p for p in (ROOT / "fixtures" / "submissions").iterdir() if p.suffix in {".yaml", ".json"}
)
BROKEN = ROOT / "fixtures" / "broken" / "kronoberg-broken-2025-Q1.yaml"
GOLDEN = ROOT / "tests" / "golden" / "intake" / "kronoberg-broken-2025-Q1.expected.txt"
GOLDEN_SV = GOLDEN.with_name("kronoberg-broken-2025-Q1.sv.expected.txt")


def test_the_examples_cover_yaml_and_json() -> None:
    assert len(SUBMISSIONS) >= 7
    assert {path.suffix for path in SUBMISSIONS} == {".yaml", ".json"}


@pytest.mark.parametrize("path", SUBMISSIONS, ids=lambda p: p.name)
def test_every_example_submission_is_valid(path: pathlib.Path) -> None:
    intake = load_submission(path)
    assert [str(problem) for problem in intake.problems] == []
    assert intake.valid
    assert intake.data is not None
    region, period = intake.data["clinic"]["region"], intake.data["period"]
    assert path.name.startswith(region)
    assert path.stem.endswith(period)


@pytest.mark.parametrize("path", SUBMISSIONS, ids=lambda p: p.name)
def test_every_example_says_what_it_demonstrates(path: pathlib.Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#") or path.suffix == ".json"


@pytest.mark.parametrize(("lang", "golden"), [("en", GOLDEN), ("sv", GOLDEN_SV)])
def test_the_broken_submission_reports_exactly_the_expected_problems(
        lang: str, golden: pathlib.Path) -> None:
    relative = BROKEN.relative_to(ROOT).as_posix()
    intake = load_submission_text(BROKEN.read_bytes(), relative)
    actual = "".join(f"{problem.shown(lang)}\n" for problem in intake.problems)
    if os.environ.get("VARDVAL_UPDATE_GOLDEN") == "1":
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")
    assert not intake.valid
