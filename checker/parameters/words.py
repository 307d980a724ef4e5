"""The words of every problem with a parameter file (``rules/parameters/*.yaml``), Swedish first.

A value that is no literal or does not fit its unit, an unknown unit or region, values out of
date order, two definitions of one name: each is a code and its values (``dsl.reasons``'
pattern). ``dsl.literals`` words its refusals in English only, so a value's literal problem is
worded here again from the text, the checker side of that boundary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from vardval.checker.reading import Refused
from vardval.checker.sources import real_date
from vardval.dsl import literals, reasons

# code -> (Swedish, English); ``{0}``, ``{1}`` … are the values in order.
WORDING: dict[str, tuple[str, str]] = {
    "unknown-region": ("okänd region '{0}'; {1}", "unknown region '{0}'; {1}"),
    "hint-did-you-mean": ("menade du '{0}'?", "did you mean '{0}'?"),
    "hint-region-slug": ("använd en regions kortnamn ur inlämningsformatet",
                         "use a slug of the submission format"),
    "invalid-name": ("ogiltigt parameternamn '{0}'; använd gemener med punkter, t.ex. flk.malniva",
                     "invalid parameter name '{0}'; use dotted lower case, e.g. flk.malniva"),
    "unknown-unit": ("okänd enhet '{0}'; väntade en av {1}",
                     "unknown unit '{0}'; expected one of {1}"),
    "unknown-unit-close": ("okänd enhet '{0}'; väntade en av {1}; menade du '{2}'?",
                           "unknown unit '{0}'; expected one of {1}; did you mean '{2}'?"),
    "repeats-date": (("'from: {0}' upprepar datumet för värdet före det ({1}); lista värdena i "
                      "stigande datumordning, ett per datum"),
                     ("'from: {0}' repeats the date of the value before it ({1}); list values in "
                      "ascending date order, one per date")),
    "earlier-date": (("'from: {0}' är tidigare än värdet före det ({1}); lista värdena i stigande "
                      "datumordning, ett per datum"),
                     ("'from: {0}' is earlier than the value before it ({1}); list values in "
                      "ascending date order, one per date")),
    "mixed-types": ("värdet är {0} men parameterns första värde är {1}",
                    "value is {0} but the parameter's first value is {1}"),
    "type-bool": ("ett sanningsvärde", "a truth value"),
    "type-number": ("ett tal", "a number"),
    "type-duration": ("en tidsrymd", "a duration"),
    "type-date": ("ett datum", "a date"),
    "type-text": ("en text", "a text"),
    "unit-misfit": ("värdet '{0}' passar inte enheten '{1}'; väntade {2}",
                    "value '{0}' does not fit unit '{1}'; expected {2}"),
    "unit-percent": ("en procentsats som 90%", "a percentage such as 90%"),
    "unit-days": ("ett antal dagar som 3 eller 3 days", "a number of days such as 3 or 3 days"),
    "unit-months": ("ett antal månader som 6 eller 6 months",
                    "a number of months such as 6 or 6 months"),
    "unit-count": ("ett heltal som 3", "a whole number such as 3"),
    "unit-sek": ("ett belopp i kronor som 1500 eller 1500.50",
                 "an amount in kronor such as 1500 or 1500.50"),
    "duplicate": ("parametern '{0}' är definierad två gånger för {1}; behåll en definition",
                  "parameter '{0}' is defined twice for {1}; keep one definition"),
    "scope-region": ("regionen '{0}'", "region '{0}'"),
    "scope-nation": ("hela landet", "the nation"),
    "override-type": (("'{0}' för regionen '{1}' är {2} i {3}, men {4} är {5} i {6}; en regional "
                       "parameter måste behålla typ och enhet"),
                      ("'{0}' of region '{1}' is {2} in {3}, but {4} is {5} in {6}; an override "
                       "must keep the type and unit")),
    "the-national": ("den nationella", "the national one"),
    "that-of": ("den för '{0}'", "that of '{0}'"),
    "not-a-literal": (("väntade ett enda värde, t.ex. 90%, 3, 6 months eller 2025-07-01"),
                      "expected one value, e.g. 90%, 3, 6 months or 2025-07-01"),
    # a value that is no literal (``dsl.literals.parse_literal``'s refusals)
    "invalid-value": (("ogiltigt värde '{0}'; väntade ett tal, en procentsats som 90%, en tidsrymd "
                       "som 6 months eller ett datum som 2025-07-01"),
                      ("invalid value '{0}'; expected a number, a percentage such as 90%, a "
                       "duration such as 6 months, or a date such as 2025-07-01")),
    "too-many-digits": (("värdet '{0}' har {1} siffror; ett tal har högst {2} (skriv det värde som "
                         "avses, t.ex. 90% eller 6 months)"),
                        ("the value '{0}' has {1} digits; a number has at most {2} (write the "
                         "value meant, e.g. 90% or 6 months)")),
    "duration-unit": ("okänd tidsenhet '{0}'; väntade days, months eller years, t.ex. 6 months",
                      "unknown duration unit '{0}'; expected days, months or years, e.g. 6 months"),
    "duration-agrees": ("ogiltig tidsrymd '{0} {1}'; skriv '{0} {2}'",
                        "invalid duration '{0} {1}'; write '{0} {2}'"),
    # a parameter looked up by name
    "unknown-parameter": ("okänd parameter '{0}'", "unknown parameter '{0}'"),
    "unknown-parameter-close": ("okänd parameter '{0}'; menade du '{1}'?",
                                "unknown parameter '{0}'; did you mean '{1}'?"),
    "not-for-region": ("parametern '{0}' är inte definierad för regionen '{1}'",
                       "parameter '{0}' is not defined for region '{1}'"),
}
# Codes that only join other words; their two languages may read alike.
JOINING: frozenset[str] = frozenset()

_DURATION = re.compile(r"(\d+)\s+([a-z]+)")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_STRING = re.compile(r'"([^"]*)"')
_UNITS = {"day", "days", "month", "months", "year", "years"}


@dataclass(frozen=True, slots=True)
class ParamSaid(reasons.Reason):
    """A parameter file's problem: a ``WORDING`` code and its values.

    Example:
        >>> ParamSaid("unknown-region", ("smaland", ParamSaid("hint-region-slug"))).words("sv")
        "okänd region 'smaland'; använd en regions kortnamn ur inlämningsformatet"
    """

    TABLE: ClassVar[dict[str, tuple[str, str]]] = WORDING


def literal_problem(text: str) -> reasons.Reason:
    """Why ``dsl.literals.parse_literal`` refused ``text``, in words of each language.

    Example:
        >>> literal_problem("lots").words("sv")[:22]
        "ogiltigt värde 'lots';"
        >>> literal_problem("1 months").words("en")
        "invalid duration '1 months'; write '1 month'"
    """
    stripped = text.strip()
    digits = sum(char.isdigit() for char in stripped)
    if digits > literals.MAX_DIGITS and not _STRING.fullmatch(stripped):
        return ParamSaid("too-many-digits", (literals.shorten(stripped), str(digits),
                                             str(literals.MAX_DIGITS)))
    if match := _DURATION.fullmatch(stripped):
        return _duration_problem(int(match.group(1)), match.group(2))
    if match := _DATE.fullmatch(stripped):
        try:
            real_date(*(int(part) for part in match.groups()))
        except Refused as refused:
            return refused.said
    return ParamSaid("invalid-value", (literals.shorten(text),))


def _duration_problem(count: int, unit: str) -> ParamSaid:
    if unit not in _UNITS:
        return ParamSaid("duration-unit", (unit,))
    base = unit.removesuffix("s")
    return ParamSaid("duration-agrees", (str(count), unit, base if count == 1 else f"{base}s"))
