"""Why a value cannot be known (a division by zero, a date past the calendar), in every language.

A reason is data - what happened and the values involved - so that a report words it in its own
language: a Swedish report must not carry English reasons. The wording of every reason the rule
language can give is here, once, Swedish first. Values are shown by the caller's formatter (the
checker's, with Swedish number and duration words), code-like parts (an expression's text, a
function's arguments) as they are written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from vardval.dsl.numbers import code_text

# code -> (Swedish, English); ``{0}``, ``{1}`` … are the reason's values in order.
WORDING: dict[str, tuple[str, str]] = {
    "leaves-calendar": ("{0} flyttat {1} hamnar utanför kalendern",
                        "{0} moved by {1} leaves the calendar"),
    "fractional-duration": ("{0} gånger {1}: en tidsrymd är ett helt antal månader och dagar",
                            "{0} times {1}: a duration is a whole number of months and days"),
    "division-by-zero": ("division med noll i {0}", "division by zero in {0}"),
    "month-length": ("{0} och {1} kan inte jämföras: en månad har 28 till 31 dagar",
                     "{0} and {1} cannot be compared: a month has 28 to 31 days"),
    "empty-list": ("{0}() av en tom lista", "{0}() of an empty list"),
    "date-not-whole": ("date({0}, {1}, {2}) behöver heltal",
                       "date({0}, {1}, {2}) needs whole numbers"),
    "date-outside-calendar": ("date({0}, {1}, {2}) är inget datum i kalendern",
                              "date({0}, {1}, {2}) is not a date in the calendar"),
    "too-large": ("talet blir för stort: en regel räknar med högst {0} siffror",
                  "the number grows too large: a rule computes with at most {0} digits"),
    "no-period": ("ingen period är angiven", "no period is given"),
    "no-parameter-value": ("parametern {0} har inget värde som gäller {1} för {2}",
                           "parameter {0} has no value in force on {1} for {2}"),
}
_LANGS = ("sv", "en")

Show = Callable[[Any, str], str]


def _plain(value: object, lang: str) -> str:
    """A value as written; one that is words itself (a ``Reason``) in the same language."""
    return value.words(lang) if isinstance(value, Reason) else code_text(value)


@dataclass(frozen=True, slots=True)
class Reason:
    """What made a value unknowable: a ``WORDING`` code and the values it names.

    Example:
        >>> reason = Reason("division-by-zero", ("'a / b'",))
        >>> reason.words("sv"), str(reason)
        ("division med noll i 'a / b'", "division by zero in 'a / b'")
    """

    # The table the codes come from: a subclass words another kind of text (a submission's
    # problems, say) from its own table in the same way.
    TABLE: ClassVar[dict[str, tuple[str, str]]] = WORDING

    code: str
    values: tuple[object, ...] = ()

    def words(self, lang: str, show: Show = _plain) -> str:
        """The reason in ``lang``; ``show`` formats each value that is not already text."""
        template = self.TABLE[self.code][_LANGS.index(lang)]
        return template.format(*(v if isinstance(v, str) else show(v, lang)
                                 for v in self.values))

    def __str__(self) -> str:
        return self.words("en")
