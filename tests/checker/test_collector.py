"""What a ``lasting`` block leaves to the collector: frozen only in the console script's own
process, never after a failure, and the collector on again as it was."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from vardval.checker import collector


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """This test process's state as it was: nothing frozen, freezing not allowed."""
    assert gc.get_freeze_count() == 0 and not collector._FREEZING
    yield
    collector._FREEZING.clear()
    gc.unfreeze()


def test_a_callers_process_is_never_frozen(unfrozen: None) -> None:
    with collector.lasting():
        assert not gc.isenabled()
        kept = [object() for _ in range(10)]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    del kept


def test_the_console_scripts_process_freezes_what_lasts(unfrozen: None) -> None:
    collector.freeze_after_lasting()
    with collector.lasting():
        kept = [[i] for i in range(10)]
    assert gc.isenabled() and gc.get_freeze_count() >= len(kept)
    assert gc.get_count()[0] < 10  # frozen before the collector came back: nothing left young


def test_a_failed_block_freezes_nothing(unfrozen: None) -> None:
    collector.freeze_after_lasting()
    with pytest.raises(ValueError, match="bad"), collector.lasting():
        raise ValueError("bad")
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_paused_collector_stays_paused(unfrozen: None) -> None:
    collector.freeze_after_lasting()
    gc.disable()
    try:
        with collector.lasting():
            pass
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()


PROBE = """
import sys
from vardval.checker import collector
from vardval.checker.cli import main
sys.argv = ["vardval", *sys.argv[1:]]
main()
print(bool(collector._FREEZING))
"""


@pytest.mark.parametrize(("argv", "frozen"), [(["lint", "--format", "json"], True),
                                               (["lsp", "--help"], False),
                                               (["serve", "--help"], False)])
def test_a_command_freezes_what_lasts_and_a_server_does_not(argv: list[str], frozen: bool,
                                                            tmp_path: Path) -> None:
    env = {**os.environ, "VARDVAL_CACHE_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True,
                          timeout=120, env=env, check=False)
    assert done.stdout.splitlines()[-1] == str(frozen), done.stderr
