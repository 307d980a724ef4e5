"""Issue 15 items 6, 7 and 9 in other commands' arguments: a number out of range is a usage
error (exit 2), never an internal error or a run that forks without end, and a file given to
an option is read bounded, as a regular file only."""

from __future__ import annotations

import argparse
import os
import sys
import threading
from pathlib import Path

import pytest

HOSTILE = Path(__file__).parent
sys.path.insert(0, str(HOSTILE.parent))  # tests/cli_runs.py, beside this folder

from cli_runs import vardval
from vardval.checker.cli import check

BASE = HOSTILE / "rules_base"
VALID = HOSTILE / "valid.yaml"
HUGE = "9" * 5000  # past Python's 4 300-digit limit on int(text)


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VARDVAL_CACHE_DIR", str(tmp_path / "state" / "cache"))


def test_replay_of_a_revision_no_store_can_hold_is_a_usage_error(tmp_path: Path) -> None:
    store = tmp_path / "v.db"
    assert vardval("check", VALID, "--rules", BASE, "--store", store)[0] == 0
    for revision in ("99999999999999999999999", HUGE, "0"):
        code, _, err = vardval("replay", "--store", store, "--clinic", "SE1", "--period",
                               "2025-Q1", "--revision", revision, "--rules", BASE,
                               "--lang", "en")
        assert code == 2
        assert "expected a revision number, at least 1" in err
        assert len(err) < 500  # the 5 000 digits are not echoed back


@pytest.mark.parametrize("port", ["99999", "-1", HUGE])
def test_serve_on_a_port_out_of_range_is_a_usage_error(port: str) -> None:
    code, _, err = vardval("serve", "--port", port, "--rules", BASE, "--lang", "en")
    assert code == 2
    assert "expected a port number from 0 to 65535" in err


def test_serve_reads_its_secret_file_bounded_and_never_waits_on_a_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "secret"
    os.mkfifo(pipe)
    answers: list[tuple[int, str, str]] = []
    argv = ("serve", "--secret-file", pipe, "--host", "256.0.0.1", "--rules", BASE,
            "--lang", "en")
    runner = threading.Thread(target=lambda: answers.append(vardval(*argv)), daemon=True)
    runner.start()
    runner.join(60)
    if runner.is_alive():  # the old code waits in open(): give it a writer so it ends
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        runner.join(60)
        pytest.fail("serve --secret-file FIFO waited for a writer")
    code, _, err = answers[0]
    assert code == 2
    assert "named pipe (FIFO)" in err


@pytest.mark.parametrize("text", ["257", "100000", HUGE])
def test_jobs_is_bounded(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        check._jobs(text)


def test_a_max_bytes_past_the_digit_limit_is_our_own_message() -> None:
    code, _, err = vardval("check", VALID, "--rules", BASE, "--max-bytes", HUGE, "--lang", "en")
    assert code == 2
    assert "expected a whole number of bytes" in err
    assert "_byte_limit" not in err
    assert check._jobs("256") == check.MAX_JOBS
