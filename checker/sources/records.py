"""The sources as a loaded corpus holds them: plain frozen records of statutes and documents.

``sources.models`` validates the form of ``rules/sources.yaml`` with pydantic and turns each
source into these (``record()``, through ``from_dump`` as the quick path does). Why two: a
``RuleSet`` from the load cache holds the registry, and a check that unpickles it should not
import pydantic to name its classes (issue 21). The fields are the models' fields, in the same
order, so they are given by name.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True, slots=True, kw_only=True)
class Localized:
    """A text in Swedish and English."""

    sv: str
    en: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Passage:
    """The text of one provision or document section (``models.Passage`` says what each
    field means)."""

    text: str
    verbatim: bool
    quoted_from: str
    unverified: str | None = None
    in_force_from: dt.date | None = None
    wording: str | None = None
    note: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Consolidation:
    """The consolidated text the quotes of an act are taken from, and the date of its wording."""

    file: str
    published: dt.date
    origin: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StatuteSource:
    """An act or ordinance in SFS; provisions are keyed like ``9 kap. 1 § 1 st. 1 p.``."""

    kind: Literal["statute"]
    sfs: str
    short: str
    title: Localized
    chapters: bool
    url: str
    lagen_nu: str | None = None
    read_from: str | None = None
    in_force_from: dt.date | None = None
    repealed_from: dt.date | None = None
    verified_through: dt.date | None = None
    consolidation: Consolidation | None = None
    note: str | None = None
    provisions: dict[str, Passage] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentSource:
    """A regional rule book, web page, agreement or format; sections keyed by topic or number."""

    kind: Literal["document"]
    issuer: str
    title: Localized
    year: int | None = None
    url: str
    read_from: str
    verified_through: dt.date | None = None
    note: str | None = None
    sections: dict[str, Passage] = field(default_factory=dict)


Source = StatuteSource | DocumentSource


def from_dump(dump: dict[str, Any]) -> Source:
    """The record of a valid source from its fields as plain values (``model_dump()`` of its
    model, or what the validator kept in the load cache gives: the same dict).

    Example:
        >>> from_dump({"kind": "document", "issuer": "Region Halland", "url": "https://x.se",
        ...     "title": {"sv": "Regelbok", "en": "Rule book"}, "read_from": "BG"}).title.en
        'Rule book'
    """
    title = Localized(**dump["title"])
    if dump["kind"] == "statute":
        consolidation = dump.get("consolidation")
        return StatuteSource(**{
            **dump, "title": title,
            "consolidation": Consolidation(**consolidation) if consolidation else None,
            "provisions": _passages(dump.get("provisions", {}))})
    return DocumentSource(**{**dump, "title": title,
                             "sections": _passages(dump.get("sections", {}))})


def _passages(dumps: dict[str, dict[str, Any]]) -> dict[str, Passage]:
    return {key: Passage(**passage) for key, passage in dumps.items()}


def as_json(source: Source) -> dict[str, object]:
    """The source field by field as JSON values (dates as ``YYYY-MM-DD``), as a diff compares it.

    Example:
        >>> book = DocumentSource(kind="document", issuer="Region Halland", url="https://x.se",
        ...     title=Localized(sv="Regelbok", en="Rule book"), read_from="BG",
        ...     verified_through=dt.date(2024, 12, 31))
        >>> as_json(book)["verified_through"], as_json(book)["title"]
        ('2024-12-31', {'sv': 'Regelbok', 'en': 'Rule book'})
    """
    return dataclasses.asdict(source, dict_factory=_json_fields)


def _json_fields(fields: list[tuple[str, object]]) -> dict[str, object]:
    return {name: value.isoformat() if isinstance(value, dt.date) else value
            for name, value in fields}
