"""The words of the type checker's, the built-ins' and the compiler's diagnostics, Swedish first.

Like ``diagnostic_words`` for the parser: each diagnostic carries a ``CheckSaid`` (a code and
its values) whose English words are exactly the message as it always read. Types inside a
message are ``type_words`` saids, so they read in the message's language too.
"""

from __future__ import annotations

from typing import ClassVar

from vardval.dsl.errors import closest
from vardval.dsl.reasons import Reason

# code -> (Swedish, English); ``{0}``, ``{1}`` … are the values in order.
WORDING: dict[str, tuple[str, str]] = {
    # what an expression is for (the role ``typecheck.check`` is given)
    "part-role-expression": ("uttrycket", "expression"),
    "part-role-placeholder": ("platshållaren", "placeholder"),
    "part-role-definition": ("definitionen '{0}'", "definition '{0}'"),
    "must-be": ("{0} måste vara {1}, inte {2}", "{0} must be {1}, not {2}"),
    "hint-compare": ("jämför värdet med något, t.ex. x >= 90%",
                     "compare the value with something, e.g. x >= 90%"),
    # names and fields
    "hint-did-you-mean": ("menade du '{0}'?", "did you mean '{0}'?"),
    "is-a-function": ("'{0}' är en funktion", "'{0}' is a function"),
    "hint-call": ("anropa den med parenteser, t.ex. {0}(…)",
                  "call it with parentheses, e.g. {0}(…)"),
    "unknown-name": ("okänt namn '{0}'", "unknown name '{0}'"),
    "hint-name": ("ett namn är en definition, ett fält i inlämningen eller 'period'",
                  "a name is a definition, a field of the submission or 'period'"),
    "unknown-field": ("okänt fält '{0}'", "unknown field '{0}'"),
    "unknown-field-path": ("okänt fält '{0}' (finns inte i inlämningsformatet)",
                           "unknown field '{0}' (not in the submission format)"),
    "unknown-name-path": ("okänt namn '{0}' (finns inte i inlämningsformatet)",
                          "unknown name '{0}' (not in the submission format)"),
    "part-period": ("period", "period"),
    "no-part": ("{0} har ingen del '{1}'", "{0} has no part '{1}'"),
    "hint-parts": ("{0} har delarna {1}", "{0} has {1}"),
    "not-a-record": ("'{0}' är {1}, som inte har någon del '{2}'",
                     "'{0}' is {1}; it has no part '{2}'"),
    "hint-record": (("bara grupper av fält, datum och kvartal har delar, t.ex. period.year "
                     "eller listing.cap.valid_from.month"),
                    ("only records, dates and quarters have parts, e.g. period.year or "
                     "listing.cap.valid_from.month")),
    # operators
    "needs": ("'{0}' behöver {1}, inte {2}", "'{0}' needs {1}, not {2}"),
    "cannot-apply": ("'{0}' kan inte användas på {1} och {2}",
                     "cannot apply '{0}' to {1} and {2}"),
    "hint-add": ("datum flyttas med tidsrymder (2025-07-01 - 6 months); tal adderas till tal",
                 "dates move by durations (2025-07-01 - 6 months); numbers add to numbers"),
    "hint-multiply": ("bara tal kan multipliceras och divideras",
                      "only numbers multiply and divide"),
    "left-side": ("vänstra sidan av '{0}' måste vara {1}, inte {2}",
                  "the left side of '{0}' must be {1}, not {2}"),
    "right-side": ("högra sidan av '{0}' måste vara {1}, inte {2}",
                   "the right side of '{0}' must be {1}, not {2}"),
    "hint-compare-zero": ("jämför värdet med något, t.ex. x > 0",
                          "compare the value with something, e.g. x > 0"),
    "cannot-compare": ("{0} kan inte jämföras med {1}", "cannot compare {0} with {1}"),
    "hint-compare-like": ("jämför {0} med {0}, t.ex. {1}", "compare {0} with {0}, e.g. {1}"),
    "cannot-order": (("'{0}' kan inte avgöra om {1} är större eller mindre: bara tal, datum, "
                      "tidsrymder, kvartal och texter har en ordning"),
                     ("'{0}' cannot order {1}: only numbers, dates, durations, quarters and "
                      "texts have an order")),
    # a value from an empty list: the English as ``cannot-order`` says it of that value
    "order-empty-max": (("max() av en tom lista går inte att jämföra med '{0}': en tom lista "
                         "har inget största värde"),
                        ("'{0}' cannot order a value of no known type (from an empty list): "
                         "only numbers, dates, durations, quarters and texts have an order")),
    "order-empty-min": (("min() av en tom lista går inte att jämföra med '{0}': en tom lista "
                         "har inget minsta värde"),
                        ("'{0}' cannot order a value of no known type (from an empty list): "
                         "only numbers, dates, durations, quarters and texts have an order")),
    "order-empty": ("'{0}' har inget att jämföra: en tom lista har inga värden",
                    ("'{0}' cannot order a value of no known type (from an empty list): "
                     "only numbers, dates, durations, quarters and texts have an order")),
    "hint-empty-list": ("en tom lista [] har inga värden att välja bland; skriv in listans värden",
                        ("an empty list [] has no items to take a value from; give the list "
                         "its items")),
    "hint-equality": ("använd == eller != i stället", "use == or != instead"),
    "in-needs-list": ("'in' behöver en lista till höger, inte {0}",
                      "'in' needs a list on its right, not {0}"),
    "hint-in-list": ('t.ex. x in ["a", "b"]', 'e.g. x in ["a", "b"]'),
    "cannot-look-for": ("det går inte att leta efter {0} i {1}",
                        "cannot look for {0} in {1}"),
    # the allowed texts of an enumerated field
    "part-item-of": ("ett element i {0}", "an item of {0}"),
    "part-variable-item-of": ("'{0}' (ett element i {1})", "'{0}' (an item of {1})"),
    "never-value": ("{0} är aldrig '{1}', utan något av {2}",
                    "{0} is never '{1}'; it is one of {2}"),
    "hint-one-of": ('skriv ett av dem, t.ex. "{0}"', 'write one of them, e.g. "{0}"'),
    # if, quantifiers, lists
    "if-condition": ("villkoret i 'if' måste vara ett sanningsvärde, inte {0}",
                     "the condition of 'if' must be a truth value, not {0}"),
    "branches-differ": ("grenarna i 'if' ger olika sorters värden: {0} och {1}",
                        "the branches of 'if' differ: {0} and {1}"),
    "hint-branches": ("båda grenarna måste ge samma sorts värde",
                      "both branches must give the same type"),
    "needs-list": ("'{0}' behöver en lista att gå igenom, inte {1}",
                   "'{0}' needs a list to go through, not {1}"),
    "body-condition": ("villkoret efter ':' måste vara ett sanningsvärde, inte {0}",
                       "the condition after ':' must be a truth value, not {0}"),
    "list-one-type": ("en lista rymmer bara en sorts värden; här finns {0} och {1}",
                      "a list holds one type; found {0} and {1}"),
    # the built-in functions
    "unknown-function": ("okänd funktion '{0}'", "unknown function '{0}'"),
    "hint-functions": ("funktionerna är {0}", "functions: {0}"),
    "takes-one": ("{0}() tar 1 argument, inte {1}", "{0}() takes 1 argument, not {1}"),
    "takes-many": ("{0}() tar {1} argument, inte {2}", "{0}() takes {1} arguments, not {2}"),
    "hint-example": ("t.ex. {0}", "e.g. {0}"),
    "argument-must-be": ("argument {0} till {1}() måste vara {2}, inte {3}",
                         "argument {0} of {1}() must be {2}, not {3}"),
    "exists-field": ("exists() tar ett fält i inlämningen",
                     "exists() takes a field of the submission"),
    "param-name": ("param() tar namnet på en parameter",
                   "param() takes the name of one parameter"),
    "unknown-parameter": ("okänd parameter '{0}'", "unknown parameter '{0}'"),
    "hint-parameters": ("parametrarna finns i rules/parameters/",
                        "parameters live in rules/parameters/"),
    "takes-list": ("{0}() tar en lista, inte {1}", "{0}() takes a list, not {1}"),
    "sum-numbers": ("sum() adderar tal, inte {0}", "sum() adds numbers, not {0}"),
    "list-or-values": ("{0}() tar en lista eller två eller fler värden",
                       "{0}() takes a list or two or more values"),
    "one-type": ("{0}() jämför värden av samma sort", "{0}() compares values of one type"),
    "needs-ordered": ("{0}() behöver värden som är större eller mindre än varandra, inte {1}",
                      "{0}() needs ordered values, not {1}"),
    "impossible-date": ("date({0}) är inget datum i kalendern",
                        "date({0}) is not a date in the calendar"),
    "hint-existing-day": ("använd en dag som finns, t.ex. date(2025, 2, 28)",
                          "use an existing day, e.g. date(2025, 2, 28)"),
    # the compiler's and the generated code's own failures: bugs of ours, worded for a report
    "cannot-compile": (("noder av sorten {0} kan inte kompileras; bara typkontrollerade "
                        "uttryck kompileras"),
                       ("cannot compile {0} nodes; only resolved (type-checked) expressions "
                        "are compiled")),
    "unbound-variable": ("variabeln '{0}' är inte bunden av en kvantifierare",
                         "variable '{0}' is not bound by a quantifier"),
    "definition-not-compiled": ("definitionen '{0}' kompilerades inte",
                                "definition '{0}' was not compiled"),
    "no-helper": ("funktionen '{0}' saknar en hjälpfunktion för körningen",
                  "function '{0}' has no run-time helper"),
    "literal-kind": ("en literal av sorten {0} kan inte kompileras",
                     "cannot compile a literal of type {0}"),
    "hint-our-bug": ("det här är ett fel i vardval, inte i regeln",
                     "this is a bug in vardval, not in the rule"),
    # the Python error's name and text stay as Python gives them: a technical detail
    "not-evaluated": ("uttrycket kunde inte beräknas (tekniskt fel: {0}: {1})",
                      "the expression could not be evaluated: {0}: {1}"),
    "hint-value-kinds": ("kontrollera vilka sorters värden uttrycket läser",
                         "check the types of the values the expression reads"),
}
# Codes whose two languages read alike: names and code, written the same in both. A code
# ``hint-…`` words a hint, ``part-…`` a piece of another message; the rest are messages.
SAME = frozenset({"part-period"})


class CheckSaid(Reason):
    """A diagnostic of the type checker, the built-ins or the compiler, worded from ``WORDING``.

    Example:
        >>> said = CheckSaid("unknown-function", ("avg",))
        >>> said.words("sv"), said.words("en")
        ("okänd funktion 'avg'", "unknown function 'avg'")
    """

    TABLE: ClassVar[dict[str, tuple[str, str]]] = WORDING


def did_you_mean(name: str, candidates: list[str]) -> CheckSaid | None:
    """A "did you mean" hint for a misspelt name in each language, or None.

    Example:
        >>> did_you_mean("kanalr", ["kanaler", "total"]).words("sv")
        "menade du 'kanaler'?"
    """
    close = closest(name, candidates)
    return None if close is None else CheckSaid("hint-did-you-mean", (close,))


def role_said(text: str) -> CheckSaid | str:
    """What an expression is for, as ``typecheck.check`` is told ("definition 'x'", "'when'").

    A keyword in quotes ("'require'") reads the same in every language.
    """
    if text.startswith("definition "):
        name = text.removeprefix("definition ").strip("'")
        return CheckSaid("part-role-definition", (name,))
    code = f"part-role-{text}"
    return CheckSaid(code) if code in WORDING else text
