"""The rule language's static types and the rules that combine them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from vardval.dsl.values import Duration


@dataclass(frozen=True, slots=True)
class Type:
    """A DSL type. ``elem`` is set for lists, ``fields`` for records (submission objects).

    Example:
        >>> str(list_of(NUMBER))
        'list of number'
    """

    name: str
    elem: Type | None = None
    fields: tuple[tuple[str, Type], ...] = ()

    def __str__(self) -> str:
        if self.name == "list":
            return "empty list" if self.elem == ANY else f"list of {self.elem}"
        return "value of no known type (from an empty list)" if self == ANY else self.name

    def field(self, name: str) -> Type | None:
        return dict(self.fields).get(name)


BOOL = Type("bool")
NUMBER = Type("number")
TEXT = Type("text")
DATE = Type("date")
DURATION = Type("duration")
QUARTER = Type("quarter")
# ANY is the element type of `[]`; ERROR stands in after a reported error to stop cascades.
ANY = Type("any")
ERROR = Type("error")
ORDERED = frozenset({NUMBER, DATE, QUARTER, TEXT, DURATION})


def list_of(elem: Type) -> Type:
    return Type("list", elem=elem)


def record(fields: dict[str, Type]) -> Type:
    return Type("record", fields=tuple(sorted(fields.items())))


def unify(a: Type, b: Type) -> Type | None:
    """The common type of two branches or list items, or None when they do not mix.

    Example:
        >>> unify(list_of(ANY), list_of(TEXT)) == list_of(TEXT)
        True
    """
    if a == b or b in (ANY, ERROR):
        return a
    if a in (ANY, ERROR):
        return b
    if a.name == "list" and b.name == "list" and a.elem and b.elem:
        elem = unify(a.elem, b.elem)
        return list_of(elem) if elem else None
    return None


def article(t: Type) -> str:
    """'a date', 'an integer', 'a truth value': a type as a message names it.

    Example:
        >>> from vardval.dsl.typesys import BOOL, NUMBER, article
        >>> article(NUMBER), article(BOOL)
        ('a number', 'a truth value')
    """
    text = "truth value" if t == BOOL else str(t)
    return ("an " if text[0] in "aeiou" else "a ") + text


EXAMPLES = {"number": "0 or 90%", "date": "2025-07-01 or period.start", "text": '"Synergi"',
            "duration": "6 months", "quarter": "2025-Q1", "bool": "true"}


def example(t: Type) -> str:
    """A value of the type as an author would write it, for hints."""
    return EXAMPLES.get(t.name, "a value of that type")


_OF_PYTHON = {int: NUMBER, Decimal: NUMBER, bool: BOOL, str: TEXT, dt.date: DATE,
              Duration: DURATION}


def of_python(kind: type) -> Type:
    """The DSL type of values of a Python type, e.g. a parameter's values; ANY if none fits.

    Example:
        >>> from decimal import Decimal
        >>> from vardval.dsl.typesys import of_python
        >>> str(of_python(Decimal))
        'number'
    """
    return _OF_PYTHON.get(kind, ANY)
