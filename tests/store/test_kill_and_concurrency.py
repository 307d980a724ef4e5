"""A run killed mid-batch leaves only whole submissions; two runs at once lose nothing."""

from __future__ import annotations

import signal
import time
from pathlib import Path

from batches import write_batch
from runs import findings_per_submission, recorded, start_check
from sqlalchemy import select
from vardval.checker.program import load_ruleset
from vardval.checker.store import Store
from vardval.checker.store.schema import submissions

BATCH = 200


def test_sigkill_mid_batch_leaves_only_whole_submissions(store_url: str,
                                                         tmp_path: Path) -> None:
    write_batch(tmp_path / "in", BATCH)
    recorded(store_url)  # create the schema first, so the poll below reads a store
    process = start_check(tmp_path / "in", store_url, tmp_path / "cache")
    deadline = time.monotonic() + 120
    while recorded(store_url) < 20 and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL
    counts = findings_per_submission(store_url)
    rules = sum(1 for _ in load_ruleset().rules())
    assert 20 <= len(counts) < BATCH, "the run was to be killed half-way"
    assert set(counts.values()) == {rules}  # every recorded submission is whole
    # and the store takes the rest of the batch afterwards, each submission once
    again = start_check(tmp_path / "in", store_url, tmp_path / "cache")
    _, err = again.communicate(timeout=300)
    assert again.returncode == 1, err
    assert recorded(store_url) == BATCH
    assert set(findings_per_submission(store_url).values()) == {rules}


def test_two_runs_writing_at_once_lose_nothing(store_url: str, tmp_path: Path) -> None:
    """Both runs hold the same clinics and quarters (different bytes): every pair ends with
    exactly revisions 1 and 2, and every submission is whole."""
    write_batch(tmp_path / "a", 60, note="first")
    write_batch(tmp_path / "b", 60, note="second")
    recorded(store_url)
    runs = [start_check(tmp_path / name, store_url, tmp_path / "cache") for name in "ab"]
    for process in runs:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 1, err
    store = Store(store_url)
    with store.reading() as connection:
        found = connection.execute(select(submissions.c.hsa_id, submissions.c.period,
                                          submissions.c.revision)).all()
    store.close()
    by_key: dict[tuple[str, str], list[int]] = {}
    for hsa_id, period, revision in found:
        by_key.setdefault((hsa_id, period), []).append(revision)
    assert len(found) == 120
    assert all(sorted(v) == [1, 2] for v in by_key.values())
    assert len(by_key) == 60
    rules = sum(1 for _ in load_ruleset().rules())
    assert set(findings_per_submission(store_url).values()) == {rules}
