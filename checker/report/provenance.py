"""Which vardval and which rules made a report: the ``producer`` every format records."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from vardval import __version__
from vardval.checker.corpus import corpus_digest

if TYPE_CHECKING:
    from vardval.checker.corpus import RuleSet

NAME = "vardval"


def version() -> str:
    """vardval's version (``vardval.__version__``, which the distribution's metadata reads)."""
    return __version__


def producer(ruleset: RuleSet, now: dt.datetime | None = None) -> dict[str, Any]:
    """The ``producer`` object of ``vardval/results@1``.

    ``rules_digest`` is the corpus digest the store records too (``corpus.digest``), so a
    report and a stored result name the same rules the same way.
    """
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    digest = ruleset.digest or corpus_digest(ruleset.directory)
    return {"name": NAME, "version": version(), "rules_digest": digest,
            "generated_at": moment.isoformat().replace("+00:00", "Z")}
