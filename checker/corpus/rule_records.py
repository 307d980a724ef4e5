"""A rulebook file as ``rulebooks`` reads it: plain frozen records of its head and its rules.

Why records and not the ``rulefile`` models: a valid file is validated by the schema kept in the
load cache (``reading.quick_files``), which gives the models' dump without importing pydantic
(issue 21); the models give the same dump for a file the kept schema refuses. Either way the
dump becomes these, so the rest of the reading does not know which path a file took. Named
tuples rather than dataclasses: every cold load defines them, and a class of them costs about a
fifth of a frozen dataclass's (whose methods are generated and compiled).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

Texts = dict[str, str]


class Validity(NamedTuple):
    """Inclusive dates between which a period's first day must fall for the rule to apply."""

    from_: dt.date | None
    to: dt.date | None


class Version(NamedTuple):
    """A change of a rule from a date on; a part left None is the rule's own."""

    from_: dt.date
    cite: list[str] | None
    when: str | None
    require: str | None
    message: Texts | None


class RuleEntry(NamedTuple):
    """One rule as written (``require``/``message`` None, ``cite`` empty only in the quiet
    reading of a malformed file, ``rulefile.loose_rule``)."""

    id: str
    title: Texts
    description: Texts | None
    severity: str
    valid: Validity
    cite: list[str]
    when: str | None
    require: str
    message: Texts
    versions: tuple[Version, ...]


class Head(NamedTuple):
    """Everything of a rulebook but its rules."""

    rulebook: str
    title: Texts
    description: Texts | None
    region: str
    vardval_system: str | None
    definitions: dict[str, str]


def head(dump: dict[str, Any]) -> Head:
    """The head of a valid rulebook file's dump (``RulebookFile.model_dump()``)."""
    scope = dump["scope"]
    return Head(dump["rulebook"], dump["title"], dump["description"], scope["region"],
                scope["vardval_system"], dump["definitions"])


def entry(dump: dict[str, Any]) -> RuleEntry:
    """One rule of the dump (``RuleEntry.model_dump()``).

    Example:
        >>> rule = entry({"id": "X-1", "title": {"sv": "T", "en": "T"}, "description": None,
        ...     "severity": "error", "valid": {"from_": None, "to": None}, "cite": ["HSL 1 §"],
        ...     "when": None, "require": "a > 1", "message": {"sv": "M", "en": "M"},
        ...     "versions": []})
        >>> rule.id, rule.valid.to, rule.versions
        ('X-1', None, ())
    """
    valid = dump["valid"]
    return RuleEntry(dump["id"], dump["title"], dump["description"], dump["severity"],
                     Validity(valid["from_"], valid["to"]), dump["cite"], dump["when"],
                     dump["require"], dump["message"],
                     tuple(_version(v) for v in dump["versions"]))


def _version(dump: dict[str, Any]) -> Version:
    return Version(dump["from_"], dump["cite"], dump["when"], dump["require"], dump["message"])
