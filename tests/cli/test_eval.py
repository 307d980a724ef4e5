"""Golden tests of ``vardval eval``: what it prints for each ``tests/golden/eval/*.args.json``.

Each case is the command line (a JSON list of arguments after ``eval``), run from the
repository root so paths are stable; ``<case>.expected.txt`` holds the exit status, stdout and
stderr byte for byte. After an intended change: ``VARDVAL_UPDATE_GOLDEN=1 pytest
tests/cli/test_eval.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.cli_runs import vardval

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "eval"
CASES = sorted(GOLDEN.glob("*.args.json"))
UPDATE = os.environ.get("VARDVAL_UPDATE_GOLDEN") == "1"


def _shown(case: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    args = json.loads(case.read_text(encoding="utf-8"))
    code, out, err = vardval("eval", *args)
    return f"exit {code}\n--- stdout\n{out}--- stderr\n{err}"


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name.removesuffix(".args.json"))
def test_eval_prints_exactly_the_golden_text(case: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    text = _shown(case, monkeypatch)
    golden = case.with_name(case.name.removesuffix(".args.json") + ".expected.txt")
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_the_issues_example_prints_true_and_the_value_it_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = vardval("eval", "accessibility.contacts.total > 0",
                           "fixtures/submissions/halland-2018-Q2.yaml")
    assert code == 0
    assert out.splitlines()[0] == "true"
    assert "  accessibility.contacts.total = 14800" in out.splitlines()


def test_a_bad_period_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = vardval("eval", "period.year", "--period", "2025-Q5", "--lang", "en")
    assert code == 2
    assert "invalid quarter '2025-Q5'; expected YYYY-Qn, e.g. 2025-Q1" in err
    code, _, err = vardval("eval", "period.year", "--period", "2025-Q5")
    assert "'2025-Q5' är inget kvartal; skriv ÅÅÅÅ-Qn, t.ex. 2025-Q1" in err
