"""The sources file's own checks of dates, URLs and SFS numbers, as plain functions.

Why apart from ``sources.models``: the validator kept in the load cache names them, and a cold
load of valid rule files runs them without importing pydantic (issue 21); the models attach
the very same functions.
"""

from __future__ import annotations

import datetime as dt
import re

from vardval.checker.reading import Refused
from vardval.checker.sources.words import SourceSaid, real_date

SOURCE_ID = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$"
# An absolute http(s) URL, or a path inside the project for sources that live in it (the
# submission format is documented by the project itself, not on the web).
URL = r"https?://\S+|[a-z0-9][a-z0-9_./-]*"
SFS_NUMBER = r"\d{4}:\d+"


def _matching(pattern: str, value: str, expected: str) -> str:
    """``value`` when it matches ``pattern``, else a refusal a rule author understands (not a
    regular expression); ``expected`` is a ``words`` code."""
    if re.fullmatch(pattern, value) is None:
        raise Refused(SourceSaid("invalid-value", (value, SourceSaid(expected))))
    return value


def url(value: str) -> str:
    """An absolute http(s) URL or a path inside the project."""
    return _matching(URL, value, "exp-url")


def sfs_number(value: str) -> str:
    """An SFS number such as 2017:30."""
    return _matching(SFS_NUMBER, value, "exp-sfs")


def iso_date(value: object) -> object:
    """Only ``YYYY-MM-DD`` is a date here (pydantic alone would read ``86400`` as 1970-01-02)."""
    if isinstance(value, dt.date):
        return value
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    if match is None:
        raise Refused(SourceSaid("date-form", (str(value),)))
    return real_date(*(int(part) for part in match.groups()))


# The functions a kept validator schema may name (``reading.typed_dicts``).
BY_NAME = {"source_url": url, "sfs_number": sfs_number, "iso_date": iso_date}
