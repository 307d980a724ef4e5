"""``vardval whatif --store``: the latest revision of each clinic for the chosen quarters.

The store's bytes are read exactly as a file would be (``load_submission_text``), so a stored
submission and the same file on disk are evaluated alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vardval.checker.store import Store, latest_submissions, parse_quarter
from vardval.checker.submission import Intake, load_submission_text

if TYPE_CHECKING:
    from collections.abc import Iterator


def latest(url: str, first: str | None, last: str | None,
           region: str | None) -> Iterator[Intake]:
    """Each stored submission that counts today, read in; the store is closed afterwards."""
    start = parse_quarter(first, "--from") if first else None
    end = parse_quarter(last, "--to") if last else None
    store = Store(url)
    try:
        with store.reading() as connection:
            rows = list(latest_submissions(connection, start, end, region))
    finally:
        store.close()
    for row in rows:
        yield load_submission_text(row.content, row.file)
