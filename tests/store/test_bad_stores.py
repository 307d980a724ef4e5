"""A store that cannot be used gives one clear message (sv, en) and exit 2; nothing is lost."""

from __future__ import annotations

import io
import os
import sqlite3
import stat
import threading
from pathlib import Path

import pytest
from batches import FIXTURES, write_batch
from runs import recorded
from sqlalchemy import create_engine, event, text
from vardval.checker.cli import run
from vardval.checker.engine import check_intake
from vardval.checker.program import load_ruleset
from vardval.checker.store import Store, StoreError
from vardval.checker.submission import load_submission


def check(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["check", "--lang", "en", *argv], out, err)  # the English words asserted
    return code, out.getvalue(), err.getvalue()


def assert_one_clear_message(err: str, *needles: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err  # in the report's language only (--lang en here)
    assert lines[0].startswith("vardval: results store ")
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err


def test_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"quarterly notes, not a database\n")
    code, _, err = check(str(FIXTURES), "--store", str(path))
    assert code == 2
    assert_one_clear_message(err, "not a SQLite database", "quarterly notes")
    assert path.read_bytes() == b"quarterly notes, not a database\n"


def test_a_named_pipe_or_a_device_is_refused_without_waiting(tmp_path: Path) -> None:
    """Opening a FIFO to read its header waited for a writer for ever (issue 15, item 9's
    sibling); now it is refused unread, for every command that takes --store."""
    pipe = tmp_path / "v.db"
    os.mkfifo(pipe)
    answers: list[tuple[int, str, str]] = []
    runner = threading.Thread(target=lambda: answers.append(
        check(str(FIXTURES), "--store", str(pipe))), daemon=True)
    runner.start()
    runner.join(120)
    if runner.is_alive():  # the old code waits in open(): give it a writer so it ends
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
    assert answers, "check --store FIFO waited for a writer"
    code, _, err = answers[0]
    assert code == 2
    assert_one_clear_message(err, "is not a regular file")
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    code, _, err = check(str(FIXTURES), "--store", "/dev/zero")
    assert code == 2
    assert_one_clear_message(err, "is not a regular file")


def test_a_corrupt_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    check(str(FIXTURES), "--store", str(path))
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the header page past the magic
    path.write_bytes(bytes(data))
    code, _, err = check(str(FIXTURES), "--store", str(path))
    assert code == 2
    assert_one_clear_message(err)


def test_another_programs_sqlite_database(tmp_path: Path) -> None:
    path = tmp_path / "crm.db"
    with sqlite3.connect(path) as connection:
        connection.execute("create table customers (id integer primary key, name text)")
    code, _, err = check(str(FIXTURES), "--store", str(path))
    assert code == 2
    assert_one_clear_message(err, "some other program's database", "customers")
    with sqlite3.connect(path) as connection:
        names = [r[0] for r in connection.execute("select name from sqlite_master")]
    assert names == ["customers"]


def test_a_store_of_a_newer_schema(store_url: str) -> None:
    check(str(FIXTURES), "--store", store_url)
    before = recorded(store_url)
    store = Store(store_url)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    store.close()
    code, _, err = check(str(FIXTURES), "--store", store_url)
    assert code == 2
    assert_one_clear_message(err, "schema version 0999", "Upgrade vardval")
    with pytest.raises(StoreError):
        Store(store_url)
    assert raw_count(store_url) == before == len(list(FIXTURES.iterdir()))


def raw_count(url: str) -> int:
    """The submissions in a store, read past vardval (which refuses the store)."""
    address = url.replace("postgresql://", "postgresql+psycopg://") if "://" in url else (
        f"sqlite:///{url}")
    engine = create_engine(address)
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM submissions")).scalar_one()
    engine.dispose()
    return int(count)


def test_a_missing_folder_and_an_unknown_scheme(tmp_path: Path) -> None:
    code, _, err = check(str(FIXTURES), "--store", str(tmp_path / "no" / "v.db"))
    assert code == 2
    assert_one_clear_message(err, "does not exist")
    code, _, err = check(str(FIXTURES), "--store", "mysql://u@h/db")
    assert code == 2
    assert_one_clear_message(err, "unknown kind of address 'mysql://'")


def test_a_wrong_password_does_not_show_it(pg_server_url: str) -> None:
    wrong = pg_server_url.replace(":vardval-test@", ":not-the-password@")
    code, _, err = check(str(FIXTURES), "--store", wrong)
    assert code == 2
    assert_one_clear_message(err, "password authentication failed")
    assert "not-the-password" not in err


def test_an_unreachable_server(tmp_path: Path) -> None:
    code, _, err = check(str(FIXTURES), "--store", "postgresql://u:p@127.0.0.1:1/db")
    assert code == 2
    assert_one_clear_message(err, "Check the address")
    assert ":p@" not in err


def test_a_full_disk_keeps_what_was_stored(tmp_path: Path) -> None:
    """SQLite's own 'database or disk is full', from a page limit the test sets."""
    url = str(tmp_path / "v.db")
    check(str(FIXTURES), "--store", url)
    before = recorded(url)
    ruleset = load_ruleset()
    store = Store(url)
    pages = sqlite3.connect(url).execute("pragma page_count").fetchone()[0]
    event.listen(store.engine, "connect",
                 lambda dbapi, _: dbapi.execute(f"pragma max_page_count = {pages + 12}"))
    batch = write_batch(tmp_path / "more", 40)
    results = [(check_intake(ruleset, load_submission(p)), p.read_bytes()) for p in batch]
    with pytest.raises(StoreError) as caught:  # noqa: PT012 - records until the disk is full
        for result, raw in results:
            store.record(ruleset, result, raw)
    store.close()
    assert "full" in str(caught.value)
    assert "Nothing already stored was changed" in str(caught.value)
    after = recorded(url)
    assert before < after < before + len(batch)  # whole submissions until the disk was full
