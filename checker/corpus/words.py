"""The words of the problems of a rule corpus beyond its files' shape, Swedish first.

What ``rulebooks``, ``ruleset``, ``validity``, ``messages`` and ``nesting`` find - an unknown
region, a circle of definitions, a rule out of force everywhere, a lone brace - is a code and
its values (``dsl.reasons``' pattern), so ``vardval lint --lang sv`` says it in Swedish.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from vardval.dsl import reasons

if TYPE_CHECKING:
    from vardval.dsl import typesys as ts

# code -> (Swedish, English); ``{0}``, ``{1}`` … are the values in order.
WORDING: dict[str, tuple[str, str]] = {
    # a problem worded elsewhere (a citation's, by the sources registry)
    "as-said": ("{0}", "{0}"),
    # the rulebook
    "unknown-region": ("okänd region '{0}'", "unknown region '{0}'"),
    "hint-regions": ("regioner: all, {0}", "regions: all, {0}"),
    "hint-did-you-mean": ("menade du '{0}'?", "did you mean '{0}'?"),
    "invalid-name": ("definitionen '{0}' kan inte heta så: det är {1}",
                     "definition '{0}' cannot be named so: it is {1}"),
    "name-keyword": ("ett ord i regelspråket", "a word of the language"),
    "name-field": ("ett fält i inlämningen", "a field of the submission"),
    "name-not-a-name": ("inget namn", "not a name"),
    "hint-name": ("använd ett annat namn med gemener, t.ex. contacts_total",
                  "use another lower-case name, e.g. contacts_total"),
    "definition-too-deep": ("definitionen '{0}' {1}", "definition '{0}' {1}"),
    "expression-too-deep": ("uttrycket {0}", "the expression {0}"),
    "too-deep-levels": (("är nästlad {0} nivåer djupt räknat med definitionerna den använder; "
                         "gränsen är {1}"),
                        "nests {0} levels deep counting the definitions it uses; the limit is {1}"),
    "too-deep-quantifiers": (("nästlar {0} kvantorer (all/any) i varandra räknat med "
                              "definitionerna den använder; gränsen är {1}"),
                             ("nests {0} quantifiers (all/any) one inside another counting the "
                              "definitions it uses; the limit is {1}")),
    "hint-nesting": (("använd färre nivåer: färre definitioner i definitioner och färre kvantorer "
                      "i kvantorer, eller dela upp villkoret i flera regler"),
                     ("use fewer levels: fewer definitions inside definitions and fewer "
                      "quantifiers inside quantifiers, or split the condition into separate "
                      "rules")),
    "definition-cycle": ("definitionerna hänvisar till varandra i en cirkel: {0}",
                         "definitions refer to each other in a circle: {0}"),
    "hint-cycle": (("bryt cirkeln: en definition får bara använda definitioner som inte "
                    "använder den"),
                   "break the circle: a definition may use only definitions that do not use it"),
    "duplicate-rule-id-line": ("regel-id:t '{0}' används redan på rad {1}",
                               "rule id '{0}' is already used on line {1}"),
    "hint-own-id-suffix": ("varje regel behöver ett eget id, t.ex. med ett tillägg: {0}-2",
                           "every rule needs its own id, e.g. add a suffix: {0}-2"),
    "duplicate-rule-id-at": ("regel-id:t '{0}' används redan i {1}",
                             "rule id '{0}' is already used at {1}"),
    "hint-own-id": ("varje regel behöver ett eget id", "every rule needs its own id"),
    "hint-cite": (("hänvisa t.ex. som 'HSL 9 kap. 1 § 1 st. 1 p.'; källorna står i "
                   "rules/sources.yaml"),
                  ("cite as e.g. 'HSL 9 kap. 1 § 1 st. 1 p.'; sources are listed in "
                   "rules/sources.yaml")),
    # the corpus folder
    "no-sources": ("ingen sources.yaml i '{0}'", "no sources.yaml in '{0}'"),
    "hint-rules-folder": ("peka --rules på en mapp ordnad som rules/",
                          "point --rules at a folder laid out like rules/"),
    "stray-rule-file": ("'{0}' läses inte: {1}", "'{0}' is not read: {1}"),
    "stray-in-regions": ("en regelbok ligger i en regions mapp, regions/<region>/",
                         "a rulebook lies in a region's folder, regions/<region>/"),
    "stray-at-top": (("bara sources.yaml läses i översta mappen; regelböcker ligger i national/ "
                      "eller regions/"),
                     ("only sources.yaml is read at the top; rulebooks lie in national/ or "
                      "regions/")),
    "stray-folder": ("mappar i {0} läses inte; lägg dess regelfiler direkt i {0}",
                     "folders inside {0} are not read; put its rule files directly in {0}"),
    "stray-suffix": ("bara namn som slutar på {0} läses; byt namn till {1}.yaml",
                     "only names ending in {0} are read; rename it {1}.yaml"),
    "hint-stray": ("flytta eller byt namn på den, eller ta bort den om den inte är en regelfil",
                   "move or rename it, or delete it if it is not a rule file"),
    "no-rules-in-folder": (("regelmappen '{0}' har inga regler: ingen regelbok i national/*.yaml "
                            "eller regions/<region>/*.yaml har någon"),
                           ("the rules folder '{0}' has no rules: no rulebook in national/*.yaml "
                            "or regions/<region>/*.yaml holds one")),
    "hint-rules-folder-books": ("peka --rules på en mapp ordnad som rules/, med dess regelböcker",
                                ("point --rules at a folder laid out like rules/, with its "
                                "rulebooks")),
    "scope-mismatch": ("regelboken '{0}' ligger i regions/{1}/ men dess omfattning är '{2}'",
                       "rulebook '{0}' lies in regions/{1}/ but its scope is '{2}'"),
    "hint-scope": ("skriv scope.region: {0}", "set scope.region: {0}"),
    # date ranges
    "validity-reversed": ("regeln {0} gäller från {1} till {2}: perioden slutar innan den börjar",
                          "rule {0} is valid from {1} to {2}: the range ends before it starts"),
    "hint-validity-reversed": (("'to' måste vara samma dag som 'from' eller senare, t.ex. "
                                "valid: {{from: 2022-07-01, to: 2024-12-31}}"),
                               ("'to' must be on or after 'from', e.g. valid: {{from: 2022-07-01, "
                                "to: 2024-12-31}}")),
    "validity-empty": (("regeln {0} gäller från {1} till {2}, och där börjar ingen period, så den "
                        "gäller aldrig"),
                       ("rule {0} is valid from {1} to {2}, which holds no period's first day, "
                        "so it never applies")),
    "hint-period": (("en regel gäller när periodens första dag (1 januari, 1 april, 1 juli eller "
                     "1 oktober) ligger i intervallet; vidga intervallet"),
                    ("a rule applies when its period's first day (1 January, 1 April, 1 July or "
                     "1 October) is in range; widen the range")),
    "hint-period-next": (("en regel gäller när periodens första dag (1 januari, 1 april, 1 juli "
                          "eller 1 oktober) ligger i intervallet; låt nästa version börja på en "
                          "periods första dag"),
                         ("a rule applies when its period's first day (1 January, 1 April, "
                          "1 July or 1 October) is in range; start the next version on a period's "
                          "first day")),
    "version-repeats": ("versionen från {0} upprepar versionen före den ({1})",
                        "the version from {0} repeats the version before it ({1})"),
    "version-before": ("versionen från {0} kommer före versionen före den ({1})",
                       "the version from {0} comes before the version before it ({1})"),
    "hint-version-order": ("lista versionerna i datumordning, varje datum en gång",
                           "list versions in date order, each date once"),
    "version-outside": ("versionen från {0} ligger utanför regelns giltighet ({1} till {2})",
                        "the version from {0} lies outside the rule's validity ({1} to {2})"),
    "always": ("alltid", "always"),
    "no-end": ("inget slut", "no end"),
    "hint-version-outside": ("en version börjar efter 'valid.from' och senast 'valid.to'",
                             "a version starts after 'valid.from' and on or before 'valid.to'"),
    "wording-unused": (("{0} gäller bara från {1} till {2}, och där börjar ingen period, så den "
                        "används aldrig"),
                       ("{0} is in force only from {1} to {2}, which holds no period's first "
                        "day, so it never applies")),
    "the-version-from": ("versionen från {0}", "the version from {0}"),
    "own-wording": ("regelns egen lydelse", "the rule's own wording"),
    # messages (braces doubled: these are format templates)
    "brace-open": ("'{{' inleder en platshållare som aldrig stängs",
                   "'{{' opens a placeholder that is never closed"),
    "brace-close": ("'}}' stänger en platshållare som aldrig öppnades",
                    "'}}' closes a placeholder that was never opened"),
    "hint-brace": (("stäng den, t.ex. {{contacts_same_day}} eller {{share:%}}; skriv '{{{{' eller "
                    "'}}}}' för en klammer i texten"),
                   ("close it, e.g. {{contacts_same_day}} or {{share:%}}; write '{{{{' or '}}}}' "
                    "for a brace in the text")),
    "empty-placeholder": ("tom platshållare '{{}}' i meddelandet",
                          "empty placeholder '{{}}' in message"),
    "hint-placeholder": (("skriv ett fält, en definition eller param(...) inuti, t.ex. "
                          "{{contacts_same_day}} eller {{share:%}}"),
                         ("name a field, definition or param(...) inside, e.g. "
                          "{{contacts_same_day}} or {{share:%}}")),
    "unknown-format": ("okänt format ':{0}' i en platshållare",
                       "unknown format ':{0}' in a placeholder"),
    "hint-formats": (("formaten är ':%' (en andel som procent) och ':date'; t.ex. "
                      "{{share:%}}"),
                     ("formats are ':%' (a share as a percentage) and ':date'; e.g. "
                      "{{share:%}}")),
    "format-type": ("formatet ':{0}' behöver {1}, inte {2}", "format ':{0}' needs {1}, not {2}"),
    "hint-format-type": ("ta bort formatet eller visa ett värde av den typen",
                         "drop the format or show a value of that type"),
    # a region's decisions (decisions/<region>.yaml)
    "decision-region": ("regionen '{0}' måste vara en regions kortnamn och filens namn ({1}.yaml)",
                        "region '{0}' must be a region slug and match the file name ({1}.yaml)"),
    "hint-decision-region": ("döp filen efter regionen, t.ex. decisions/{0}.yaml",
                             "name the file after the region, e.g. decisions/{0}.yaml"),
    "decision-dates": ("'to: {0}' ligger före 'from: {1}'", "'to: {0}' is before 'from: {1}'"),
    "hint-decision-dates": ("ett beslut gäller från sin första dag till sin sista, båda medräknade",
                            "a decision is in force from its first day to its last, both included"),
    "duplicate-decision-id": ("beslutets id '{0}' används redan i {1}",
                              "decision id '{0}' is already used at {1}"),
    "hint-decision-id": ("varje beslut behöver ett eget id", "every decision needs its own id"),
    # a type as a message names it
    "type-number": ("ett tal", "a number"),
    "type-date": ("ett datum", "a date"),
    "type-text": ("en text", "a text"),
    "type-duration": ("en tidsrymd", "a duration"),
    "type-quarter": ("ett kvartal", "a quarter"),
    "type-bool": ("ett sanningsvärde", "a truth value"),
    "type-other": ("ett värde av typen {0}", "{1}"),
}
# Codes that only pass other words on; their two languages read alike.
JOINING = frozenset({"as-said"})


@dataclass(frozen=True, slots=True)
class BookSaid(reasons.Reason):
    """A corpus problem's words: a ``WORDING`` code and its values (text or words).

    Example:
        >>> BookSaid("unknown-region", ("smaland",)).words("sv")
        "okänd region 'smaland'"
    """

    TABLE: ClassVar[dict[str, tuple[str, str]]] = WORDING


def type_said(t: ts.Type) -> BookSaid:
    """A type as a message names it ('ett tal' / 'a number')."""
    from vardval.dsl import typesys  # noqa: PLC0415 - only when a format is misused

    code = "type-bool" if t == typesys.BOOL else f"type-{t.name}"
    return BookSaid(code) if code in WORDING else BookSaid("type-other",
                                                           (str(t), typesys.article(t)))
