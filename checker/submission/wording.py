"""The words of every problem a submission can have, Swedish first, as ``dsl.reasons`` has.

A problem is a code and its values, so each report words it in its own language: a Swedish
report must not show English problems under a Swedish header. Values that are words themselves
(what a field expects, what was found) are ``Said`` too, and are worded in the same language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from vardval.dsl import reasons

_START = "'format: vardval/submission@1'"

# code -> (Swedish, English); ``{0}``, ``{1}`` … are the values in order.
WORDING: dict[str, tuple[str, str]] = {
    "verbatim": ("{0}", "{0}"),
    "missing-field": ("obligatoriskt fält saknas: '{0}'", "missing required field '{0}'"),
    "unknown-field-close": ("okänt fält '{0}'; menade du '{1}'?",
                            "unknown field '{0}'; did you mean '{1}'?"),
    "unknown-field": ("okänt fält '{0}'; de fält som är tillåtna här är {1}",
                      "unknown field '{0}'; the fields allowed here are {1}"),
    "type": ("väntade {0}, fann {1}{2}", "expected {0}, found {1}{2}"),
    "type-root": (("väntade {0}, fann {1}: det här är ingen inlämningsfil (en inlämning börjar "
                   "med " + _START + ")"),
                  ("expected {0}, found {1}: this is not a submission file (a submission starts "
                   "with " + _START + ")")),
    "kind-integer": ("ett heltal", "a whole number"),
    "kind-number": ("ett tal", "a number"),
    "kind-string": ("text", "text"),
    "kind-boolean": ("true eller false", "true or false"),
    "kind-object": ("en mappning av fält (nyckel: värde)", "a mapping of fields (key: value)"),
    "kind-array": ("en lista", "a list"),
    "kind-mapping": ("en mappning", "a mapping"),
    "kind-line": ("en textrad", "a line of text"),
    "kind-word": ("ett enda ord", "a single word"),
    "at-least": ("{0} ≥ {1}", "{0} ≥ {1}"),
    "the-number": ("talet {0}", "the number {0}"),
    "the-text": ("texten {0}", "the text {0}"),
    "hint-null": ("; utelämna fältet när det inte har något värde",
                  "; leave the field out when there is no value"),
    "hint-unquote": ("; skriv talet utan citattecken", "; write the number without quotes"),
    "hint-boolean": ("; skriv true eller false", "; write true or false"),
    "below": ("{0} är under minimum {1}{2}", "{0} is below the minimum {1}{2}"),
    "above": ("{0} är över maximum {1}", "{0} is above the maximum {1}"),
    "hint-negative": ("; antal och belopp kan inte vara negativa",
                      "; counts and amounts cannot be negative"),
    "not-allowed": ("{0} är inget tillåtet värde för {1}; väntade ett av {2}{3}",
                    "{0} is not an allowed value for {1}; expected one of {2}{3}"),
    "this-field": ("det här fältet", "this field"),
    "did-you-mean": ("; menade du '{0}'?", "; did you mean '{0}'?"),
    "is-not": ("{0} är inte {1}{2}", "{0} is not {1}{2}"),
    "e-g": (", t.ex. {0}", ", e.g. {0}"),
    "hsa-id": ("ett HSA-id ('SE', 10 siffror, '-', sedan 1 till 31 bokstäver eller siffror)",
               "an HSA-id ('SE', 10 digits, '-', then 1 to 31 letters or digits)"),
    "quarter": ("ett kvartal skrivet YYYY-Qn", "a quarter written YYYY-Qn"),
    "slug": ("en slug (gemena bokstäver, siffror och enstaka bindestreck)",
             "a slug (lowercase letters, digits and single hyphens)"),
    "matching": ("text som matchar {0}", "text matching {0}"),
    "valid-here": ("giltigt här", "valid here"),
    "bad-date": ("{0} är inget giltigt datum: {1}", "{0} is not a valid date: {1}"),
    "date-form": ("väntade YYYY-MM-DD, t.ex. 2025-01-15", "expected YYYY-MM-DD, e.g. 2025-01-15"),
    "no-month": ("det finns ingen månad {0}", "there is no month {0}"),
    "month-days": ("{0} {1} har {2} dagar", "{0} {1} has {2} days"),
    "year-day": ("väntade ett år från 0001 och en dag från 01",
                 "expected a year from 0001 and a day from 01"),
    "and-form": ("{0}; {1}", "{0}; {1}"),
    "expected-const": ("väntade '{0}', fann {1}", "expected '{0}', found {1}"),
    "empty": ("får inte vara tom", "must not be empty"),
    "not-a-submission": (
        ("det här är ingen inlämningsfil: den har inget av en inlämnings fält, så inget av den "
         "visas (en inlämning börjar med " + _START + ")"),
        ("this is not a submission file: it has none of a submission's fields, so nothing of it "
         "is shown (a submission starts with " + _START + ")")),
    "more-problems": (
        ("fler problem visas inte: bara de första {0} listas (är det här alls en inlämning?); "
         "rätta dem och kontrollera igen"),
        ("more problems not shown: only the first {0} are listed (is this a submission at all?); "
         "fix these and check again")),
    "outside-calendar": ("'{0}' är inget kvartal i kalendern: åren börjar vid 0001, t.ex. 2025-Q1",
                         ("'{0}' is not a quarter of the calendar: years start at 0001, e.g. "
                          "2025-Q1")),
    "not-valid": (("värdet är inte giltigt här; `vardval schema` visar vad varje fält tar, och "
                   "formatet beskrivs i docs/submission-format.md"),
                  ("this value is not valid here; `vardval schema` shows what each field takes, "
                   "and the format is described in docs/submission-format.md")),
}

_MONTHS = zip(
    ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
     "oktober", "november", "december"),
    ("January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"), strict=True)
WORDING.update({f"month-{n}": names for n, names in enumerate(_MONTHS, start=1)})


@dataclass(frozen=True, slots=True)
class Said(reasons.Reason):
    """A problem's words: a ``WORDING`` code and its values (text, numbers or ``Said``).

    Example:
        >>> said = Said("type", (Said("kind-integer"), Said("the-text", ("'x'",)), ""))
        >>> said.words("sv"), said.words("en")
        ("väntade ett heltal, fann texten 'x'", "expected a whole number, found the text 'x'")
    """

    TABLE: ClassVar[dict[str, tuple[str, str]]] = WORDING


def verbatim(message: str) -> Said:
    """Text worded elsewhere (a reader's refusal, a spreadsheet's problem), shown as it is."""
    return Said("verbatim", (message,))
