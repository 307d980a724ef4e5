"""What the docs generator says when it refuses (a dangling reference, an unwritable folder),
Swedish first; ``vardval docs --lang`` chooses the words shown."""

from __future__ import annotations

from typing import ClassVar

from vardval.dsl import reasons

# code -> (Swedish, English); ``{0}``, ``{1}`` … are the values in order.
WORDS: dict[str, tuple[str, str]] = {
    "unresolved": ("hänvisningen '{0}' leder ingenstans: {1}",
                   "citation '{0}' does not resolve: {1}"),
    "unresolved-hint": (("lägg till källan eller bestämmelsen i rules/sources.yaml, eller "
                         "rätta hänvisningen"),
                        "add the source or provision to rules/sources.yaml, or fix the citation"),
    "missing-page": ("hänvisningen '{0}' länkar till '{1}', som inte är en fil i projektet",
                     "citation '{0}' links to '{1}', which is not a file of the project"),
    "missing-page-hint": ("rätta källans url i rules/sources.yaml",
                          "fix the source's url in rules/sources.yaml"),
    "dangling-rule": ("regeln {0} nämner regeln '{1}', som ingen regelbok definierar",
                      "rule {0} names rule '{1}', which no rulebook defines"),
    "dangling-rule-hint": ("rätta id:t eller lägg till regeln", "correct the id or add the rule"),
    "unwritable": ("vardval docs: kan inte skriva '{0}': {1}",
                   "vardval docs: cannot write '{0}': {1}"),
    "unwritable-hint": ("ange --out med en mapp där du får skriva",
                        "give --out a folder you may write"),
    "verbatim": ("{0}", "{0}"),
    "published-change": ("publicerad ändring: {0}", "published change: {0}"),
    "name-a-tag": ("ange en tagg eller commit i det här förrådet",
                   "name a tag or commit of this repository"),
    "unknown-snippet": ("okänd markör 'vardval:{0}'", "unknown marker 'vardval:{0}'"),
    "known-snippets": ("kända: {0}", "known: {0}"),
}


class Said(reasons.Reason):
    """One of the docs generator's messages: a ``WORDS`` code and its values.

    Example:
        >>> Said("dangling-rule", ("VG-A", "VG-B")).words("sv")
        "regeln VG-A nämner regeln 'VG-B', som ingen regelbok definierar"
    """

    TABLE: ClassVar[dict[str, tuple[str, str]]] = WORDS
