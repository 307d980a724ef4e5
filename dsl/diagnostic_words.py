"""The words of the rule language's own diagnostics (parse errors, literal bounds), Swedish first.

A rule author writing a Swedish rule book should read its mistakes in Swedish: each diagnostic
the dsl makes carries a ``Said`` (a code and its values, ``dsl.reasons``' pattern) whose English
words are exactly the message as it always read, so English output does not change.
"""

from __future__ import annotations

from typing import ClassVar

from vardval.dsl.errors import Diagnostic
from vardval.dsl.reasons import Reason
from vardval.dsl.spans import Span

# code -> (Swedish, English); ``{0}``, ``{1}`` … are the values in order.
WORDING: dict[str, tuple[str, str]] = {
    # bounds of an expression (dsl/parser.py)
    "expression-too-long": ("uttrycket är {0} tecken långt; gränsen är {1}",
                            "expression is {0} characters long; the limit is {1}"),
    "brackets-too-deep": ("parenteserna är nästlade mer än {0} nivåer djupt",
                          "brackets nest more than {0} deep"),
    "tree-too-deep": ("uttrycket är nästlat mer än {0} nivåer djupt",
                      "the expression nests more than {0} levels deep"),
    "too-many-quantifiers": (("uttrycket har {0} kvantifierare (all/any) inuti varandra; "
                              "gränsen är {1}"),
                             ("the expression nests {0} quantifiers (all/any) one inside "
                              "another; the limit is {1}")),
    "too-many-digits": ("talet har {0} siffror; ett tal har högst {1}",
                        "this number has {0} digits; a number has at most {1}"),
    "hint-split-it": ("dela upp det i namngivna definitioner", "split it into named definitions"),
    "hint-split-expression": ("dela upp uttrycket i namngivna definitioner",
                              "split the expression into named definitions"),
    "hint-split-chain": (("dela upp det i namngivna definitioner; en lång kedja av 'and' "
                          "nästlar också"),
                         "split it into named definitions; a long chain of 'and' nests too"),
    "hint-split-rules": ("dela upp villkoret i separata regler",
                         "split the condition into separate rules"),
    "hint-number-meant": ("skriv det värde regeln menar, t.ex. 90% eller 10000",
                          "write the value the rule means, e.g. 90% or 10000"),
    # parse errors (dsl/syntax_errors.py)
    "missing-then": ("'if' behöver 'then' före sin första gren",
                     "'if' needs 'then' before its first branch"),
    "hint-missing-then": ("skriv: if villkor then a else b", "write: if condition then a else b"),
    "missing-else": ("'if … then' behöver en 'else'-gren", "'if … then' needs an 'else' branch"),
    "hint-missing-else": ("varje if har båda grenarna: if villkor then a else b",
                          "every if has both branches: if condition then a else b"),
    "missing-colon": ("en kvantifierare behöver ':' före sitt villkor",
                      "a quantifier needs ':' before its condition"),
    "hint-missing-colon": ('t.ex. all g in listing.cap.grounds: g != "x"',
                           'e.g. all g in listing.cap.grounds: g != "x"'),
    "c-operator": ("'&&', '||' och '!' skrivs 'and', 'or' och 'not'",
                   "'&&', '||' and '!' are written 'and', 'or' and 'not'"),
    "hint-c-operator": ("t.ex. a and not b", "e.g. a and not b"),
    "name-letter": ("namn skrivs bara med a-z, siffror och '_'",
                    "names are written with a-z, digits and '_' only"),
    "hint-name-letter": ("skriv a för å och ä, o för ö, t.ex. param(skane.telefon.niva1)",
                         "write a for å and ä, o for ö, e.g. param(skane.telefon.niva1)"),
    "open-text": ("en text inom citattecken måste sluta på samma rad, med samma citattecken",
                  "a text in quotes must end on the same line, with the same quote"),
    "hint-open-text": ("t.ex. \"Synergi\" eller 'Synergi'", "e.g. \"Synergi\" or 'Synergi'"),
    "arrow": ("'=>' och '=<' är inga jämförelser", "'=>' and '=<' are not comparisons"),
    "hint-arrow": ("skriv >= (minst) eller <= (högst)", "write >= (at least) or <= (at most)"),
    "not-equal": ("'<>' är ingen jämförelse", "'<>' is not a comparison"),
    "hint-not-equal": ("skriv != för 'inte lika med'", "write != for 'not equal'"),
    "dangling-and": ("'and' / 'or' behöver ett uttryck på båda sidor",
                     "'and' / 'or' needs an expression on both sides"),
    "hint-dangling-and": ("t.ex. a > 1 and b < 2", "e.g. a > 1 and b < 2"),
    "chained-comparison": ("jämförelser kan inte kedjas", "comparisons cannot be chained"),
    "hint-chained-comparison": ("skriv a <= b and b <= c", "write a <= b and b <= c"),
    "never-closed": ("'{0}' stängs aldrig", "'{0}' is never closed"),
    "hint-close": ("lägg till '{0}' där det slutar", "add '{0}' where it ends"),
    "unexpected-character": ("oväntat tecken '{0}'", "unexpected character '{0}'"),
    "unexpected-token": ("oväntat '{0}'", "unexpected '{0}'"),
    "ends-early": ("uttrycket tar slut för tidigt", "the expression ends too early"),
    # what could have come instead, the hint of a parse error named by none of the above
    "hint-expected": ("här väntades {0}", "expected {0}"),
    "part-value": ("ett värde, t.ex. ett tal, ett datum, ett fält eller '('",
                     "a value such as a number, a date, a field or '('"),
    "part-name": ("ett namn", "a name"),
    "part-operator": ("en operator, t.ex. +, >=, and", "an operator such as +, >=, and"),
    "part-end": ("slutet av uttrycket", "the end of the expression"),
    "part-either": ("{0} eller {1}", "{0} or {1}"),
    "part-also": ("{0}, {1}", "{0}, {1}"),
    # literals, read by the transformer
    "not-a-date": ("'{0}' är inget datum i kalendern", "'{0}' is not a date in the calendar"),
    "hint-date": ("skriv en dag som finns som ÅÅÅÅ-MM-DD, t.ex. 2025-02-28",
                  "write an existing day as YYYY-MM-DD, e.g. 2025-02-28"),
    "not-a-quarter": ("'{0}' är inget kvartal; ett år har Q1 till Q4",
                      "'{0}' is not a quarter; a year has Q1 to Q4"),
    "hint-quarter": ("skriv år och kvartal som ÅÅÅÅ-Qn, t.ex. 2025-Q1",
                     "write the year and quarter as YYYY-Qn, e.g. 2025-Q1"),
    "unknown-unit": ("okänd tidsenhet '{0}'", "unknown duration unit '{0}'"),
    "hint-unit": ("skriv days, months eller years, t.ex. 6 months",
                  "write days, months or years, e.g. 6 months"),
    "unit-disagrees": ("i '{0} {1}' stämmer antalet och enheten inte överens",
                       "'{0} {1}' mixes a count and a unit that disagree"),
    "hint-write": ("skriv '{0}'", "write '{0}'"),
}
# Codes that only join other words; their two languages read alike.
JOINING = frozenset({"part-also"})


class Said(Reason):
    """A diagnostic of the rule language, worded from ``WORDING``.

    Example:
        >>> said = Said("unknown-unit", ("weeks",))
        >>> said.words("sv"), said.words("en")
        ("okänd tidsenhet 'weeks'", "unknown duration unit 'weeks'")
    """

    TABLE: ClassVar[dict[str, tuple[str, str]]] = WORDING


def said_diagnostic(code: str, said: Said, span: Span | None, hint: Said | None = None,
                    ) -> Diagnostic:
    """A diagnostic worded in each language; its message and hint are the English words."""
    return Diagnostic(code, said.words("en"), span, None if hint is None else hint.words("en"),
                      said=said, hint_said=hint)
