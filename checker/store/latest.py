"""The latest revision of each clinic's submission for given quarters: what counts today.

A what-if over the store reads these, so a resubmitted quarter is evaluated once, as it stands,
and earlier revisions stay out of the counts, as they do in ``history``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, select
from vardval.checker.store.schema import submissions

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Connection


@dataclass(frozen=True, slots=True)
class Stored:
    """One stored submission's bytes and where they came from."""

    hsa_id: str
    period: str
    revision: int
    file: str
    content: bytes


def latest_submissions(connection: Connection, first: str | None = None,
                       last: str | None = None, region: str | None = None) -> Iterator[Stored]:
    """Each clinic's latest revision of every quarter from ``first`` to ``last`` (both
    included; None: unbounded), by region, clinic and quarter."""
    s = submissions.c
    newest = select(s.hsa_id, s.period, func.max(s.revision).label("revision"))
    if first is not None:  # quarters written 2025-Q1 sort as text in time order
        newest = newest.where(s.period >= first)
    if last is not None:
        newest = newest.where(s.period <= last)
    if region is not None:
        newest = newest.where(s.region == region)
    latest = newest.group_by(s.hsa_id, s.period).subquery()
    query = (select(s.hsa_id, s.period, s.revision, s.file, s.content)
             .join(latest, and_(s.hsa_id == latest.c.hsa_id, s.period == latest.c.period,
                                s.revision == latest.c.revision))
             .order_by(s.region, s.hsa_id, s.period))
    for row in connection.execute(query):
        yield Stored(str(row.hsa_id), str(row.period), int(row.revision), str(row.file),
                     bytes(row.content))
