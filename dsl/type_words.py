"""The rule language's types as a message names them, Swedish first ('ett tal' / 'a number').

A type is named three ways: with its article (``named``: "ett datum" / "a date"), as the items
of a list (``items``: "en lista med datum" / "a list of date") and in the plural (``plural``:
"sum() adderar tal, inte texter" / "… not texts"). The English words are exactly those of
``typesys.article`` and ``str(type)``, so English messages read as they always did.
"""

from __future__ import annotations

from typing import ClassVar

from vardval.dsl import typesys as ts
from vardval.dsl.reasons import Reason

# code -> (Swedish, English); ``{0}`` is the name of a list's items.
WORDING: dict[str, tuple[str, str]] = {
    "a-bool": ("ett sanningsvärde", "a truth value"),
    "a-number": ("ett tal", "a number"),
    "a-text": ("en text", "a text"),
    "a-date": ("ett datum", "a date"),
    "a-duration": ("en tidsrymd", "a duration"),
    "a-quarter": ("ett kvartal", "a quarter"),
    "a-record": ("en grupp av fält", "a record"),
    "a-any": ("ett värde ur en tom lista", "a value of no known type (from an empty list)"),
    "a-error": ("ett felaktigt värde", "an error"),
    "a-empty-list": ("en tom lista", "an empty list"),
    "a-list": ("en lista med {0}", "a list of {0}"),
    # the items of a list: Swedish in the plural, English as ``str(type)``
    "items-bool": ("sanningsvärden", "bool"),
    "items-number": ("tal", "number"),
    "items-text": ("texter", "text"),
    "items-date": ("datum", "date"),
    "items-duration": ("tidsrymder", "duration"),
    "items-quarter": ("kvartal", "quarter"),
    "items-record": ("grupper av fält", "record"),
    "items-any": ("värden ur en tom lista", "value of no known type (from an empty list)"),
    "items-error": ("felaktiga värden", "error"),
    "items-empty-list": ("tomma listor", "empty list"),
    "items-list": ("listor med {0}", "list of {0}"),
    # the plural: English as ``str(type) + "s"``
    "plural-bool": ("sanningsvärden", "bools"),
    "plural-number": ("tal", "numbers"),
    "plural-text": ("texter", "texts"),
    "plural-date": ("datum", "dates"),
    "plural-duration": ("tidsrymder", "durations"),
    "plural-quarter": ("kvartal", "quarters"),
    "plural-record": ("grupper av fält", "records"),
    "plural-any": ("värden ur en tom lista", "values of no known type (from an empty list)"),
    "plural-error": ("felaktiga värden", "errors"),
    "plural-empty-list": ("tomma listor", "empty lists"),
    "plural-list": ("listor med {0}", "list of {0}s"),
    # a value of the type as an author writes it, for hints
    "example-number": ("0 eller 90%", "0 or 90%"),
    "example-date": ("2025-07-01 eller period.start", "2025-07-01 or period.start"),
    "example-text": ('"Synergi"', '"Synergi"'),
    "example-duration": ("6 months", "6 months"),
    "example-quarter": ("2025-Q1", "2025-Q1"),
    "example-bool": ("true", "true"),
    "example-other": ("ett värde av den sorten", "a value of that type"),
}
# Codes whose two languages read alike: code as it is written in either language.
SAME = frozenset({"example-text", "example-duration", "example-quarter", "example-bool"})


class TypeSaid(Reason):
    """A type's name in a message, worded from ``WORDING``.

    Example:
        >>> said = named(ts.list_of(ts.DATE))
        >>> said.words("sv"), said.words("en")
        ('en lista med datum', 'a list of date')
    """

    TABLE: ClassVar[dict[str, tuple[str, str]]] = WORDING


def _kind(t: ts.Type) -> str:
    if t.name == "list":
        return "empty-list" if t.elem == ts.ANY else "list"
    return t.name if f"a-{t.name}" in WORDING else "record"


def _form(form: str, t: ts.Type) -> TypeSaid:
    kind = _kind(t)
    if kind == "list" and t.elem is not None:
        return TypeSaid(f"{form}-list", (items(t.elem),))
    return TypeSaid(f"{form}-{kind}")


def named(t: ts.Type) -> TypeSaid:
    """The type with its article: 'ett tal' / 'a number' (``typesys.article``'s English)."""
    return _form("a", t)


def items(t: ts.Type) -> TypeSaid:
    """The type as the items of a list: 'tal' / 'number' ('en lista med tal')."""
    return _form("items", t)


def plural(t: ts.Type) -> TypeSaid:
    """The type in the plural: 'texter' / 'texts'."""
    return _form("plural", t)


def example(t: ts.Type) -> TypeSaid:
    """A value of the type as an author writes it (``typesys.example``'s English)."""
    code = f"example-{t.name}"
    return TypeSaid(code if code in WORDING else "example-other")
