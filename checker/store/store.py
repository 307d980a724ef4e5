"""A results store opened from ``--store``: record submissions, read them back, add actions.

Every database error is turned into one ``StoreError`` naming the store and saying what to
do; a failed write is rolled back whole, so nothing already stored is lost.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from vardval import __version__
from vardval.checker.store.connect import database_error, open_engine, store_name
from vardval.checker.store.record import Recorded, ensure_corpus, record
from vardval.checker.store.schema import submissions

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Connection
    from vardval.checker.corpus import RuleSet
    from vardval.checker.engine import SubmissionResult


def vardval_version() -> str:
    """``producer.version``: the installed vardval's version."""
    return __version__


class Store:
    """One store; cheap to keep open for a whole batch (a connection per transaction)."""

    def __init__(self, url: str) -> None:
        self.name = store_name(url)
        self.engine = open_engine(url)
        self._corpora: set[str] = set()

    def record(self, ruleset: RuleSet, result: SubmissionResult, raw: bytes) -> Recorded | None:
        """Record one checked submission in its own transaction (None: invalid, not kept)."""
        with self.writing() as connection:
            if ruleset.digest not in self._corpora:
                ensure_corpus(connection, ruleset)
            done = record(connection, result, raw, (vardval_version(), ruleset.digest))
        self._corpora.add(ruleset.digest)
        return done

    @contextlib.contextmanager
    def writing(self) -> Iterator[Connection]:
        """A connection in a transaction, committed on leaving, rolled back on any error."""
        try:
            with self.engine.begin() as connection:
                yield connection
        except SQLAlchemyError as exc:
            raise database_error(self.name, exc) from None

    reading = writing  # reads take the same short transactions: one consistent picture

    def clinics(self) -> dict[str, str]:
        """Every clinic that ever submitted: HSA-id → region (lint checks decisions with it)."""
        with self.reading() as connection:
            rows = connection.execute(select(submissions.c.hsa_id, submissions.c.region)
                                      .distinct()).all()
        return {str(hsa_id): str(region) for hsa_id, region in rows}

    def close(self) -> None:
        self.engine.dispose()
