"""The shape of ``rules/sources.yaml``: pydantic models of statutes, documents and their passages.

Validation of form only (fields, types, URL shape); what a provision key means and whether a
citation resolves is ``sources.registry``'s job. A valid source becomes a pydantic-free record
(``record()``, ``sources.records``): what the registry, and so the load cache, holds. A valid
source is read without them, by the schema made from them and kept in the load cache
(``reading.quick_files``); they read, and explain, every source that schema refuses.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from vardval.checker.sources import checks, records

SOURCE_ID = checks.SOURCE_ID


Url = Annotated[str, AfterValidator(checks.url)]
SfsNumber = Annotated[str, AfterValidator(checks.sfs_number)]
IsoDate = Annotated[dt.date, BeforeValidator(checks.iso_date)]


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


class Consolidation(_Model):
    """The consolidated text the quotes of an act are taken from, and the date of its wording."""

    file: str = Field(min_length=1)  # in ../shared/domain/statutes/
    published: IsoDate  # the text's publicerad_datum: the wording date of every quote
    origin: str = Field(min_length=1)


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

    def record(self) -> records.Source:
        return records.from_dump(self.model_dump())


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

    def record(self) -> records.Source:
        return records.from_dump(self.model_dump())


class SourcesFile(BaseModel):
    """The file: sources by id, each read on its own (so one bad source hides no other)."""

    model_config = ConfigDict(extra="forbid")

    sources: dict[str, dict[str, object]]


SOURCE_MODELS: dict[str, type[StatuteSource | DocumentSource]] = {
    "statute": StatuteSource,
    "document": DocumentSource,
}
