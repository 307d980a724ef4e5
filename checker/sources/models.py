"""The shape of ``rules/sources.yaml``: pydantic models of statutes, documents and their passages.

Validation of form only (fields, types, URL shape); what a provision key means and whether a
citation resolves is ``sources.registry``'s job. A valid source becomes a pydantic-free record
(``record()``, ``sources.records``): what the registry, and so the load cache, holds.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from vardval.checker.reading import Refused
from vardval.checker.sources import records
from vardval.checker.sources.words import SourceSaid, real_date

if TYPE_CHECKING:
    from collections.abc import Callable

SOURCE_ID = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$"


def _matching(pattern: str, expected: str) -> Callable[[str], str]:
    """A validator with a message a rule author understands (not a regular expression);
    ``expected`` is a ``words`` code."""

    def check(value: str) -> str:
        if re.fullmatch(pattern, value) is None:
            raise Refused(SourceSaid("invalid-value", (value, SourceSaid(expected))))
        return value

    return check


# An absolute http(s) URL, or a path inside the project for sources that live in it (the
# submission format is documented by the project itself, not on the web).
Url = Annotated[
    str,
    AfterValidator(_matching(r"https?://\S+|[a-z0-9][a-z0-9_./-]*", "exp-url")),
]
SfsNumber = Annotated[
    str, AfterValidator(_matching(r"\d{4}:\d+", "exp-sfs"))
]


def _iso_date(value: object) -> object:
    """Only ``YYYY-MM-DD`` is a date here (pydantic alone would read ``86400`` as 1970-01-02)."""
    if isinstance(value, dt.date):
        return value
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    if match is None:
        raise Refused(SourceSaid("date-form", (str(value),)))
    return real_date(*(int(part) for part in match.groups()))


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Localized(_Model):
    """A text in Swedish and English."""

    sv: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def record(self) -> records.Localized:
        return records.Localized(sv=self.sv, en=self.en)


class Passage(_Model):
    """The text of one provision or document section, verbatim or marked as a paraphrase.

    ``quoted_from`` names where the text was read: the act's ``consolidation`` (then the text is
    compared with it), a source key of the legal research (``S1``), ``BG`` for the background
    pages, or a URL. ``unverified`` says why a text could not be checked against a
    consolidation (an older wording, an act without a consolidated text at hand).
    """

    text: str = Field(min_length=1)
    verbatim: bool
    quoted_from: str = Field(min_length=1)
    unverified: str | None = None
    in_force_from: IsoDate | None = None
    wording: str | None = None
    note: str | None = None
    url: Url | None = None

    def record(self) -> records.Passage:
        return records.Passage(**dict(self))


class Consolidation(_Model):
    """The consolidated text the quotes of an act are taken from, and the date of its wording."""

    file: str = Field(min_length=1)  # in ../shared/domain/statutes/
    published: IsoDate  # the text's publicerad_datum: the wording date of every quote
    origin: str = Field(min_length=1)

    def record(self) -> records.Consolidation:
        return records.Consolidation(**dict(self))


class StatuteSource(_Model):
    """An act or ordinance in SFS; provisions are keyed like ``9 kap. 1 § 1 st. 1 p.``."""

    kind: Literal["statute"]
    sfs: SfsNumber
    short: str = Field(min_length=1)
    title: Localized
    chapters: bool
    url: Url
    lagen_nu: Url | None = None
    read_from: str | None = None
    in_force_from: IsoDate | None = None
    repealed_from: IsoDate | None = None
    verified_through: IsoDate | None = None
    consolidation: Consolidation | None = None
    note: str | None = None
    provisions: dict[str, Passage] = Field(default_factory=dict)

    def record(self) -> records.StatuteSource:
        consolidation = self.consolidation.record() if self.consolidation else None
        return records.StatuteSource(**{
            **dict(self), "title": self.title.record(), "consolidation": consolidation,
            "provisions": {key: p.record() for key, p in self.provisions.items()}})


class DocumentSource(_Model):
    """A regional rule book, web page, agreement or format; sections keyed by topic or number."""

    kind: Literal["document"]
    issuer: str = Field(min_length=1)
    title: Localized
    year: int | None = None
    url: Url
    read_from: str = Field(min_length=1)
    verified_through: IsoDate | None = None
    note: str | None = None
    sections: dict[str, Passage] = Field(default_factory=dict)

    def record(self) -> records.DocumentSource:
        return records.DocumentSource(**{
            **dict(self), "title": self.title.record(),
            "sections": {key: p.record() for key, p in self.sections.items()}})


SOURCE_MODELS: dict[str, type[StatuteSource | DocumentSource]] = {
    "statute": StatuteSource,
    "document": DocumentSource,
}
