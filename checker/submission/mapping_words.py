"""The words of every problem a mapping file can have, Swedish first (``dsl.reasons``' pattern),
so ``check --mapping`` and ``lint`` show them in the run's ``--lang``."""

from __future__ import annotations

import difflib
from typing import ClassVar

from vardval.dsl import reasons

# code -> (Swedish, English); ``{0}``, ``{1}`` … are the values in order.
WORDS: dict[str, tuple[str, str]] = {
    "located": ("{0}: {1}", "{0}: {1}"),
    "unknown-field": ("okänt inlämningsfält '{0}'", "unknown submission field '{0}'"),
    "did-you-mean": ("menade du '{0}'?", "did you mean '{0}'?"),
    "fields-listed": ("fälten listas av `vardval schema`",
                      "the fields are listed by `vardval schema`"),
    "two-columns": ("fältet '{0}' hämtas från både '{1}' och '{2}'",
                    "field '{0}' is mapped from both '{1}' and '{2}'"),
    "one-column": ("hämta varje fält från en kolumn", "map each field from one column"),
    "constant-and-column": ("fältet '{0}' är både en konstant och kolumnen '{1}'",
                            "field '{0}' is both a constant and the column '{1}'"),
    "keep-one": ("behåll en av dem", "keep one of them"),
    "unmapped": ("ingen kolumn eller konstant ger '{0}'; varje rad behöver det",
                 "no column or constant gives '{0}'; every row needs it"),
    "unmapped-hint": ("lägg till en kolumnrubrik: {0}", "add a column heading: {0}"),
    "rollup-needed": ("period_format {0} behöver 'rollup:' som säger hur månader blir ett kvartal",
                      "period_format {0} needs 'rollup:' to say how months make a quarter"),
    "rollup-unneeded": ("period_format {0} är per kvartal, så 'rollup:' har inget att göra",
                        "period_format {0} is quarterly, so 'rollup:' has nothing to do"),
    "rollup-not-column": ("'{0}' är inget fält som läses från en kolumn",
                          "'{0}' is not a field read from a column"),
    "rollup-not-column-hint": ("lista fält som 'columns:' hämtar",
                               "list fields that 'columns:' maps"),
    "rollup-not-count": (("'{0}' är inget antal; bara antal summeras eller tas från sista "
                          "månaden"),
                         ("'{0}' is not a count; only counts are summed or taken from the last "
                          "month")),
    "rollup-not-count-hint": ("andra värden måste vara lika varje månad",
                              "other values must agree each month"),
    "rollup-twice": ("'{0}' står två gånger under 'rollup:'",
                     "'{0}' is named twice under 'rollup:'"),
    "rollup-twice-hint": ("ett antal summeras eller tas från sista månaden, inte båda",
                          "a count is either summed or taken from the last month"),
}


class Said(reasons.Reason):
    """One problem of a mapping file: a ``WORDS`` code and its values.

    Example:
        >>> Said("unknown-field", ("clinic.nam",)).words("sv")
        "okänt inlämningsfält 'clinic.nam'"
    """

    TABLE: ClassVar[dict[str, tuple[str, str]]] = WORDS


def did_you_mean(name: str, known: list[str]) -> Said:
    """The closest known field, else where the fields are listed."""
    close = difflib.get_close_matches(name, known, n=1)
    return Said("did-you-mean", (close[0],)) if close else Said("fields-listed")
