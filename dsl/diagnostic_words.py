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
