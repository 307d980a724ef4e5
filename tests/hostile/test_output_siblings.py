"""Issue 15 items 1 and 2 beyond ``check``: every command that writes ``-o`` refuses to write
over what it reads (a store, a mapping, an overlay, a rules folder's file) and writes links,
pipes and devices as ``check`` does."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import stat
import sys
import threading
import zipfile
from pathlib import Path

import pytest

HOSTILE = Path(__file__).parent
sys.path.insert(0, str(HOSTILE.parent))  # tests/cli_runs.py, beside this folder

from cli_runs import vardval
from vardval.checker.cli.entry import run

BASE = HOSTILE / "rules_base"
VALID = HOSTILE / "valid.yaml"
ROOT = HOSTILE.parents[1]
MAPPING = ROOT / "fixtures" / "exports" / "kontoret-mapping.yaml"
EXPORT = ROOT / "fixtures" / "exports" / "kontoret-export.csv"
REFUSED = "det är en av indatafilerna"


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VARDVAL_CACHE_DIR", str(tmp_path / "state" / "cache"))


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A SQLite results store holding one checked submission."""
    db = tmp_path / "results.db"
    assert vardval("check", VALID, "--rules", BASE, "--store", db)[0] == 0
    return db


def _refused(*argv: str | Path) -> str:
    code, out, err = vardval(*argv)
    assert (code, out) == (2, ""), err
    assert REFUSED in err
    return err


@pytest.mark.parametrize("journal", ["", "-wal"])
def test_history_and_check_refuse_o_naming_the_store(store: Path, journal: str) -> None:
    before = store.read_bytes()
    target = f"{store}{journal}"
    _refused("history", "--store", store, "--rules", BASE, "-o", target)
    _refused("check", VALID, "--rules", BASE, "--store", store, "-o", target)
    _refused("whatif", "--store", store, "--rules", BASE, "-o", target)
    assert store.read_bytes() == before


def test_whatif_and_diff_refuse_o_naming_a_submission_they_read(tmp_path: Path) -> None:
    submission = tmp_path / "a.yaml"
    shutil.copy(VALID, submission)
    _refused("whatif", submission, "--rules", BASE, "-o", submission)
    _refused("diff", BASE, BASE, "--impact", submission, "-o", submission)
    assert submission.read_bytes() == VALID.read_bytes()


def test_o_may_not_name_a_mapping_or_an_overlay(tmp_path: Path) -> None:
    mapping, overlay = tmp_path / "m.yaml", tmp_path / "p.yaml"
    shutil.copy(MAPPING, mapping)
    shutil.copy(next((BASE / "parameters").glob("*.yaml")), overlay)
    _refused("check", EXPORT, "--mapping", mapping, "-o", mapping)
    _refused("whatif", VALID, "--rules", BASE, "--overlay", overlay, "-o", overlay)
    assert mapping.read_bytes() == MAPPING.read_bytes()


@pytest.mark.parametrize("command", ["whatif", "diff", "history", "template"])
def test_o_inside_a_rules_folder_is_refused(tmp_path: Path, store: Path, command: str) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(BASE, rules)
    target = rules / "national" / "report.xlsx"
    argv = {"whatif": ["whatif", VALID, "--rules", BASE, "--variant-rules", rules],
            "diff": ["diff", rules, BASE],
            "history": ["history", "--store", store, "--rules", rules],
            "template": ["template", "--region", "kronoberg", "--period", "2025-Q3",
                         "--rules", rules]}[command]
    _refused(*argv, "-o", target)
    assert not target.exists()


def workbook_parts(blob: bytes) -> list[tuple[str, bytes]]:
    """A workbook's members and their contents, with the time it was written left out: two
    templates made a second apart differ in their zip entries' times and in core.xml's."""
    with zipfile.ZipFile(io.BytesIO(blob)) as book:
        return [(name, re.sub(rb"<dcterms:(created|modified)\b[^<]*", b"", book.read(name)))
                for name in book.namelist()]


def test_template_follows_a_link_and_writes_a_pipe_in_place(tmp_path: Path) -> None:
    real, link, pipe = tmp_path / "real.xlsx", tmp_path / "link.xlsx", tmp_path / "pipe.xlsx"
    link.symlink_to(real.name)
    template = ("template", "--region", "kronoberg", "--period", "2025-Q3")
    assert vardval(*template, "-o", link)[0] == 0
    assert link.is_symlink()
    assert real.read_bytes()[:2] == b"PK"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    assert vardval(*template, "-o", pipe)[0] == 0
    reader.join(30)
    assert workbook_parts(received[0]) == workbook_parts(real.read_bytes())
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


@pytest.mark.parametrize("command", ["whatif", "diff", "history", "template"])
def test_help_of_every_writing_command_says_what_o_does(
        command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run([command, "--help"], io.StringIO(), io.StringIO()) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "symbolic link is followed" in text
    assert "written in place" in text


def test_history_writes_a_report_that_is_not_the_store(store: Path, tmp_path: Path) -> None:
    report = tmp_path / "history.json"
    code, _, _ = vardval("history", "--store", store, "--rules", BASE, "--format", "json",
                         "-o", report)
    assert code == 0
    assert json.loads(report.read_text(encoding="utf-8"))
