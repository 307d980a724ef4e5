"""Issue 15 item 15 beyond ``check``: what-if and history reports write a clinic's name (and
every text quoting the file) with its control characters as ``\\xNN``, so a name cannot forge
a report line, clear a terminal or ring its bell."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

HOSTILE = Path(__file__).parent
sys.path.insert(0, str(HOSTILE.parent))  # tests/cli_runs.py, beside this folder

from cli_runs import vardval

ROOT = HOSTILE.parents[1]
SUBMISSION = ROOT / "fixtures" / "submissions" / "kronoberg-teleborg-2025-Q1.yaml"
EVIL = r'"Evil\x1b[2J\u0007Bell\nPASS"'
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VARDVAL_CACHE_DIR", str(tmp_path / "state" / "cache"))


@pytest.fixture
def evil(tmp_path: Path) -> Path:
    """A valid submission whose clinic is named with an escape, a bell and a newline."""
    text = SUBMISSION.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^(  name: ).*$", lambda m: m.group(1) + EVIL, text, count=1)
    assert count == 1
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.yaml").write_text(text, encoding="utf-8")
    return folder / "a.yaml"


def _clean(text: str) -> None:
    assert not CONTROL.findall(text)
    assert "\nPASS" not in text  # the name's newline did not start a line
    assert "Evil\\x1b[2J\\x07Bell" in text


@pytest.mark.parametrize("form", ["text", "markdown", "html"])
def test_whatif_shows_a_clinic_name_escaped(evil: Path, form: str) -> None:
    code, out, _ = vardval("whatif", evil, "--set", "vardgaranti.bedomning.malniva=90%",
                           "--format", form)
    assert code == 0
    _clean(out)


@pytest.mark.parametrize("form", ["text", "html"])
def test_history_shows_a_clinic_name_escaped(evil: Path, tmp_path: Path, form: str) -> None:
    store = tmp_path / "v.db"
    assert vardval("check", evil, "--store", store)[0] == 0
    code, out, _ = vardval("history", "--store", store, "--format", form)
    assert code == 0
    _clean(out)
