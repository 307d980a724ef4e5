"""The defects a hostile run of the CLI found (issue 15), each pinned by what a user sees.

Data loss (``-o`` onto special files, links and inputs), crashes (shares against whole numbers,
file names that are not UTF-8, no home folder, write errors, huge numbers, deep folders), stale
or wrong results (the load cache, shares to 60 digits, rulebooks skipped), hangs, messages that
leak internals or control characters, and the cache format. Each test runs the real command.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import stat
import threading
from pathlib import Path

import pytest
from cli_runs import vardval
from vardval.checker.cli import check as cmd_check
from vardval.checker.cli.entry import run

HERE = Path(__file__).parent / "hostile"
BASE = HERE / "rules_base"
VALID = HERE / "valid.yaml"
ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (writes /dev nodes)")




@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VARDVAL_CACHE_DIR", str(tmp_path / "state" / "cache"))


def corpus(tmp_path: Path, **books: str) -> Path:
    """A copy of the minimal corpus with more rules: ``name=require-expression``."""
    folder = tmp_path / "corpus"
    shutil.copytree(BASE, folder)
    for name, require in books.items():
        (folder / "national" / f"{name}.yaml").write_text(rulebook(name, require), "utf-8")
    return folder


def rulebook(name: str, require: str) -> str:
    return (f"rulebook: national.{name}\ntitle: {{sv: T, en: T}}\nrules:\n"
            f"  - id: T-{name.upper()}\n    title: {{sv: T, en: T}}\n    severity: error\n"
            f"    cite: [HSL 4 kap. 2 §]\n    require: {require}\n"
            "    message: {sv: x, en: x}\n")


# --- 3: a share compared with a whole number ------------------------------------------------


def test_a_share_against_a_whole_number_checks_and_lints(tmp_path: Path) -> None:
    rules = corpus(tmp_path, share="accessibility.contacts.same_day / "
                   "accessibility.contacts.total > 0", manual="1 / 0 > 1")
    code, out, _ = vardval("check", VALID, "--rules", rules, "--format", "json")
    statuses = {f["rule"]: f["status"] for f in json.loads(out)["results"][0]["findings"]}
    assert code == 0
    assert statuses == {"OK-HEAD": "pass", "T-SHARE": "pass", "T-MANUAL": "indeterminate"}
    assert vardval("lint", rules / "national", "--rules", rules)[0] == 0


# --- 1, 2, 6, 11: where -o writes -------------------------------------------------------------


@ROOT_ONLY
def test_a_device_given_to_o_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    assert vardval("check", VALID, "--rules", BASE, "-o", null)[0] == 0
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name != "state"] == ["null"]


def test_a_named_pipe_given_to_o_gets_the_report(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    code = vardval("check", VALID, "--rules", BASE, "--format", "json", "-o", pipe)[0]
    reader.join(30)
    assert code == 0
    assert json.loads(received[0])["results"][0]["valid"] is True
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


def test_a_link_given_to_o_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    real, link = tmp_path / "real.json", tmp_path / "link.json"
    real.write_text("old\n", encoding="utf-8")
    link.symlink_to(real.name)
    assert vardval("check", VALID, "--rules", BASE, "--format", "json", "-o", link)[0] == 0
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["results"][0]["valid"] is True


def test_help_says_what_o_does_with_links_devices_and_inputs(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--help"], io.StringIO(), io.StringIO()) == 0
    text = " ".join(capsys.readouterr().out.split())
    for words in ("symbolic link is followed", "written in place", "one of the inputs"):
        assert words in text


@pytest.mark.parametrize("how", ["same file", "through a link", "inside a folder given",
                                 "inside the rules"])
def test_o_naming_an_input_is_refused_before_anything_is_read(tmp_path: Path, how: str) -> None:
    submission = tmp_path / "in" / "a.yaml"
    submission.parent.mkdir()
    shutil.copy(VALID, submission)
    rules = corpus(tmp_path)
    target, given = {
        "same file": (submission, submission),
        "through a link": (tmp_path / "alias.yaml", submission),
        "inside a folder given": (submission, submission.parent),
        "inside the rules": (rules / "national" / "report.yaml", submission),
    }[how]
    if how == "through a link":
        target.symlink_to(submission)
    before = submission.read_bytes()
    code, out, err = vardval("check", given, "--rules", rules, "-o", target)
    assert (code, out) == (2, "")
    assert "det är en av indatafilerna" in err
    assert submission.read_bytes() == before
    assert not (rules / "national" / "report.yaml").exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_disk_is_a_plain_error_for_stdout_and_for_o() -> None:
    with Path("/dev/full").open("w", encoding="utf-8") as full:
        err = io.StringIO()
        code = run(["check", str(VALID), "--rules", str(BASE)], full, err)
        assert code == 2
        assert "kan inte skriva rapporten till 'standard output': disken är full" in err.getvalue()
    code, _, err2 = vardval("check", VALID, "--rules", BASE, "--lang", "en", "-o", "/dev/full")
    assert code == 2
    assert "cannot write the report to '/dev/full': the disk is full" in err2


def test_a_name_too_long_is_a_plain_error_and_a_long_one_still_works(tmp_path: Path) -> None:
    code, _, err = vardval("check", VALID, "--rules", BASE, "-o", tmp_path / ("r" * 300))
    assert code == 2
    assert "filnamnet är för långt" in err
    assert vardval("check", VALID, "--rules", BASE, "-o", tmp_path / ("r" * 250))[0] == 0


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_termination_while_writing_leaves_the_old_report_and_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    report = folder / "report.json"
    report.write_text("the previous report\n", encoding="utf-8")
    renderer = cmd_check.FORMATS["json"].renderer
    original = renderer.emit  # type: ignore[attr-defined]  # a renderer class as its factory

    def emit(self: object, piece: object) -> None:  # writes a result, in the parent process
        original(self, piece)
        os.kill(os.getpid(), signum)

    monkeypatch.setattr(renderer, "emit", emit)
    code, _, _ = vardval("check", VALID, "--rules", BASE, "--format", "json", "-o", report)
    assert code == 128 + signum
    assert report.read_text(encoding="utf-8") == "the previous report\n"
    assert [p.name for p in folder.iterdir()] == ["report.json"]
    assert signal.getsignal(signum) is signal.SIG_DFL
