"""Recording checked submissions: every finding kept, revisions appended, nothing rewritten."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from batches import FIXTURES
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from vardval.checker.cli import run
from vardval.checker.program import load_ruleset
from vardval.checker.store import Store
from vardval.checker.store.schema import findings, submissions


def check(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["check", *argv], out, err)
    return code, out.getvalue(), err.getvalue()


def rows(url: str) -> list[tuple[str, str, int]]:
    store = Store(url)
    try:
        with store.reading() as connection:
            found = connection.execute(select(submissions.c.hsa_id, submissions.c.period,
                                              submissions.c.revision)
                                       .order_by(submissions.c.id)).all()
            return [tuple(r) for r in found]
    finally:
        store.close()


def test_check_records_every_submission_with_every_finding(store_url: str) -> None:
    code, _, err = check(str(FIXTURES), "--store", store_url)
    assert code == 1, err
    rules = sum(1 for _ in load_ruleset().rules())
    store = Store(store_url)
    with store.reading() as connection:
        count = connection.execute(select(func.count()).select_from(submissions)).scalar_one()
        per = connection.execute(select(findings.c.submission_id, func.count())
                                 .group_by(findings.c.submission_id)).all()
        stored = connection.execute(select(submissions).limit(1)).one()
    store.close()
    assert count == len(list(FIXTURES.iterdir()))
    assert {n for _, n in per} == {rules}
    assert stored.rules_digest == load_ruleset().digest
    assert stored.rules_digest.startswith("sha256:")
    assert stored.content == Path(stored.file).read_bytes()


def test_same_bytes_are_not_recorded_twice_a_change_is_a_new_revision(
        store_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(FIXTURES, folder)
    check(str(folder), "--store", store_url)
    check(str(folder), "--store", store_url)
    assert {r for *_, r in rows(store_url)} == {1}
    changed = folder / "kronoberg-teleborg-2025-Q1.yaml"
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "listed_at_period_end: 10040", "listed_at_period_end: 9990"), encoding="utf-8")
    check(str(folder), "--store", store_url)
    found = rows(store_url)
    assert len(found) == len(list(folder.iterdir())) + 1
    assert ("SE5568765432-E000000000412", "2025-Q1", 2) in found
    assert ("SE5568765432-E000000000412", "2025-Q1", 1) in found  # earlier stays readable


def test_invalid_submissions_are_reported_but_not_recorded(store_url: str) -> None:
    broken = FIXTURES.parent / "broken"
    code, out, _ = check(str(broken), "--store", store_url, "--format", "json")
    assert code == 1
    assert not any(r["valid"] for r in json.loads(out)["results"])
    assert rows(store_url) == []


@pytest.mark.parametrize("statement", [
    "UPDATE submissions SET revision = 9", "DELETE FROM findings",
    "UPDATE findings SET status = 'pass'", "DELETE FROM submissions"])
def test_the_store_refuses_to_rewrite_what_it_recorded(store_url: str, statement: str) -> None:
    check(str(FIXTURES), "--store", store_url)
    before = rows(store_url)
    store = Store(store_url)
    with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as connection:
        connection.exec_driver_sql(statement)
    store.close()
    assert rows(store_url) == before
