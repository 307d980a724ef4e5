"""Store fixtures: every store test runs against a SQLite file and a PostgreSQL server.

The server is ``$VARDVAL_TEST_POSTGRES_URL`` (``.ci/run`` starts one), else a throwaway
cluster started here when PostgreSQL is installed, else the PostgreSQL cases are skipped and
say why; with ``VARDVAL_REQUIRE_POSTGRES=1`` (CI) a missing server fails instead.
"""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import pg_server


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str | None]:
    explicit = os.environ.get("VARDVAL_TEST_POSTGRES_URL")
    if explicit:
        yield explicit
        return
    if pg_server.binaries() is None:
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="vardval-pg-"))
    try:
        yield pg_server.start(folder)
    finally:
        pg_server.stop(folder)


def _skip_without(url: str | None) -> str:
    if url is None:
        why = ("no PostgreSQL server: set VARDVAL_TEST_POSTGRES_URL or install Debian's "
               "postgresql package (apt-get install postgresql)")
        if os.environ.get("VARDVAL_REQUIRE_POSTGRES") == "1":
            pytest.fail(why)
        pytest.skip(why)
    return url


def fresh_database(server: str) -> str:
    """A new, empty database on the server; its URL."""
    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return server.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of a new store of each kind (the server is started only when a case needs it)."""
    if request.param == "sqlite":
        return str(tmp_path / "vardval.db")
    return fresh_database(_skip_without(request.getfixturevalue("postgres_url")))


@pytest.fixture
def pg_server_url(postgres_url: str | None) -> str:
    return _skip_without(postgres_url)
