"""Opening a store from ``--store``: a SQLite file (the default) or a PostgreSQL URL.

Everything that can be wrong before a row is written is found here, with one message each:
a file that is not SQLite, a SQLite database of some other program, a store of a newer schema
than this vardval knows, a wrong URL, host or password. A new store is created and an old one
migrated to the current schema by Alembic, under a lock, so two runs may open it at once.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import NullPool
from vardval.checker.store.errors import StoreError

MIGRATIONS = Path(__file__).parent / "migrations"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_BUSY_SECONDS = 120  # how long a writer waits for another one's transaction (SQLite)
_MIGRATION_LOCK = 16_016  # PostgreSQL advisory lock taken while the schema is checked


def store_name(url: str) -> str:
    """How messages name a store: the path, or the URL without its password."""
    if "://" not in url:
        return url
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):  # unparseable (a port that is no number): no password
        scheme, rest = url.split("://", 1)
        return f"{scheme}://{rest.rsplit('@', 1)[-1]}"


def open_engine(url: str) -> Engine:
    """An engine for ``url`` with its schema current; ``StoreError`` says what is wrong."""
    name = store_name(url)
    engine = _sqlite(Path(url), name) if "://" not in url else _server(url, name)
    try:
        _migrate(engine, name)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise database_error(name, exc) from None
    except StoreError:
        engine.dispose()
        raise
    return engine


def database_error(name: str, exc: BaseException) -> StoreError:
    """A driver's error in plain words; the driver's own first line is shown as it is."""
    orig = getattr(exc, "orig", None) or exc
    said = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    if "disk is full" in said or "No space left" in said or "could not extend" in said:
        return StoreError(name, f"lagret är fullt ({said}). Det som redan lagrats är orört; "
                          "frigör utrymme och kör igen.",
                          f"the store is full ({said}). Nothing already stored was changed; "
                          "free some space and run again.")
    if "not a database" in said or "malformed" in said:
        return StoreError(name, f"filen är ingen läsbar SQLite-databas ({said}). Ange en ny "
                          "fil eller ett befintligt vardval-lager.",
                          f"the file is not a readable SQLite database ({said}). Give a new "
                          "file or an existing vardval store.")
    return StoreError(name, f"databasen svarade: {said}. Kontrollera adress, användare, "
                      "lösenord och att servern är igång.",
                      f"the database said: {said}. Check the address, user, password and "
                      "that the server is running.")


def _sqlite(path: Path, name: str) -> Engine:
    if path.is_dir():
        raise StoreError(name, "är en mapp, inte en fil. Ange en fil, t.ex. vardval.db.",
                         "is a folder, not a file. Give a file, e.g. vardval.db.")
    if not path.parent.is_dir():
        raise StoreError(name, f"mappen {path.parent} finns inte. Skapa den eller ange en "
                         "annan sökväg.", f"the folder {path.parent} does not exist. Create it "
                         "or give another path.")
    _require_sqlite_header(path, name)
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool,
                           connect_args={"timeout": _BUSY_SECONDS})
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _require_sqlite_header(path: Path, name: str) -> None:
    """A store is a regular file starting with SQLite's magic, or no file yet.

    Opened without waiting and looked at before it is read: a named pipe given as the store
    would otherwise block for ever (no writer comes), and a device is no database either.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(name, f"kan inte läsas ({exc.strerror}).",
                         f"cannot be read ({exc.strerror}).") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise StoreError(name, "är ingen vanlig fil (ett namngivet rör, en enhet eller en "
                             "socket). Ange en fil, t.ex. vardval.db.",
                             "is not a regular file (a named pipe, a device or a socket). "
                             "Give a file, e.g. vardval.db.")
        head = handle.read(len(_SQLITE_MAGIC))
    if head and head != _SQLITE_MAGIC:
        shown = head[:16].decode("ascii", "replace").translate(dict.fromkeys(range(32), "?"))
        raise StoreError(name, f"är ingen SQLite-databas (början: {shown!r}). Ange en ny fil "
                         "eller ett befintligt vardval-lager.",
                         f"is not a SQLite database (it starts {shown!r}). Give a new file "
                         "or an existing vardval store.")


def _sqlite_connect(dbapi: sqlite3.Connection, _record: Any) -> None:
    """Transactions begun by us (``_sqlite_begin``), write-ahead log, foreign keys checked."""
    dbapi.isolation_level = None
    dbapi.execute("PRAGMA journal_mode=WAL")
    dbapi.execute("PRAGMA foreign_keys=ON")


def _sqlite_begin(connection: Connection) -> None:
    """``BEGIN IMMEDIATE``: a writer takes the write lock first, so two never deadlock."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _server(url: str, name: str) -> Engine:
    scheme = url.split("://", 1)[0]
    if scheme in ("postgresql", "postgres"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    elif scheme != "postgresql+psycopg":
        raise StoreError(name, f"okänd sorts adress '{scheme}://'. Ange en SQLite-fil "
                         "(vardval.db) eller postgresql://användare@värd/databas.",
                         f"unknown kind of address '{scheme}://'. Give a SQLite file "
                         "(vardval.db) or postgresql://user@host/database.")
    try:
        return create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 10})
    except (ArgumentError, ValueError):  # the library's words name its internals, not ours
        raise StoreError(name, "adressen kan inte läsas; skriv den som "
                         "postgresql://användare@värd:port/databas (porten är ett tal).",
                         "the address cannot be read; write it as "
                         "postgresql://user@host:port/database (the port is a number).") from None


def _migrate(engine: Engine, name: str) -> None:
    """Create or upgrade the schema in one transaction; refuse what is not ours or is newer."""
    scripts = ScriptDirectory(str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                               {"key": _MIGRATION_LOCK})
        tables = set(inspect(connection).get_table_names())
        if tables and "alembic_version" not in tables:
            shown = ", ".join(sorted(tables)[:5])
            raise StoreError(name, f"är en databas för något annat (tabeller: {shown}). Ange en "
                             "ny fil eller ett vardval-lager.",
                             f"is some other program's database (tables: {shown}). Give a new "
                             "file or a vardval store.")
        current = MigrationContext.configure(connection).get_current_revision()
        if current is not None:
            try:
                scripts.get_revision(current)
            except CommandError:
                raise StoreError(
                    name, f"har schemaversion {current}, nyare än denna vardval känner "
                    f"(senast {scripts.get_current_head()}). Uppgradera vardval.",
                    f"has schema version {current}, newer than this vardval knows (latest "
                    f"{scripts.get_current_head()}). Upgrade vardval.") from None
        if current != scripts.get_current_head():
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
