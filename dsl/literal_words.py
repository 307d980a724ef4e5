"""Why a text is no literal (a value, a date, a quarter, a duration), Swedish first.

``literals`` and ``values`` raise ``LiteralError``: a ``ValueError`` whose text is the English
words as they always read, and whose ``said`` words it in each language for a caller that
reports in Swedish.
"""

from __future__ import annotations

from typing import ClassVar

from vardval.dsl.reasons import Reason

EXPECTED = (
    "expected a number, a percentage such as 90%, a duration such as 6 months, "
    "or a date such as 2025-07-01"
)
# code -> (Swedish, English): why a text is no literal; the English is ``ValueError``'s text.
WORDING: dict[str, tuple[str, str]] = {
    "too-many-digits": (("värdet '{0}' har {1} siffror; ett tal har högst {2} (skriv det värde "
                         "som menas, t.ex. 90% eller 6 months)"),
                        ("the value '{0}' has {1} digits; a number has at most {2} (write the "
                         "value meant, e.g. 90% or 6 months)")),
    "invalid-value": (("ogiltigt värde '{0}'; skriv ett tal, en andel som 90%, en tidsrymd som "
                       "6 months eller ett datum som 2025-07-01"),
                      "invalid value '{0}'; " + EXPECTED),
    "unknown-unit": ("okänd tidsenhet '{0}'; skriv days, months eller years, t.ex. 6 months",
                     "unknown duration unit '{0}'; expected days, months or years, e.g. 6 months"),
    "unit-disagrees": ("ogiltig tidsrymd '{0} {1}'; skriv '{0} {2}'",
                       "invalid duration '{0} {1}'; write '{0} {2}'"),
    "invalid-date": (("ogiltigt datum '{0}': {1}; skriv ett riktigt datum ÅÅÅÅ-MM-DD, t.ex. "
                      "2025-07-01"),
                     "invalid date '{0}': {1}; expected a real date YYYY-MM-DD, e.g. 2025-07-01"),
    "invalid-quarter": ("ogiltigt kvartal '{0}'; skriv ÅÅÅÅ-Qn, t.ex. 2025-Q1",
                        "invalid quarter '{0}'; expected YYYY-Qn, e.g. 2025-Q1"),
    "no-month": ("det finns ingen månad {0}", "there is no month {0}"),
    "month-days": ("{0} {1} har {2} dagar", "{0} {1} has {2} days"),
    "year-and-day": ("året räknas från 0001 och dagen från 01",
                     "expected a year from 0001 and a day from 01"),
}


class LiteralSaid(Reason):
    """Why a text is no literal, worded from ``WORDING``."""

    TABLE: ClassVar[dict[str, tuple[str, str]]] = WORDING


class LiteralError(ValueError):
    """A text that is no literal: its English words, and ``said`` for every language.

    Example:
        >>> error = LiteralError(LiteralSaid("unknown-unit", ("weeks",)))
        >>> error.said.words("sv")
        "okänd tidsenhet 'weeks'; skriv days, months eller years, t.ex. 6 months"
    """

    def __init__(self, said: LiteralSaid) -> None:
        super().__init__(said.words("en"))
        self.said = said
