"""The words of every problem with the shape of a rule author's file, Swedish first.

Rule, parameter, source, decision, case and mapping files are checked against pydantic models;
pydantic words its errors in English and in its own terms ("Input should be …"). A problem is
instead a code and its values (``dsl.reasons``' pattern), so ``vardval lint --lang sv`` says
"okänd nyckel 'colour' i rules.0" where ``--lang en`` says "unknown key 'colour' in rules.0".
The field descriptions the models carry (an author's hover text, English) are worded in
Swedish by ``DESCRIPTIONS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from vardval.dsl import reasons

# code -> (Swedish, English); ``{0}``, ``{1}`` … are the values in order.
WORDING: dict[str, tuple[str, str]] = {
    # a text given in both languages (a field's description): values (Swedish, English)
    "both": ("{0}", "{1}"),
    "the-file": ("filen", "the file"),
    "unreadable-rule-file": ("kan inte läsa regelfilen: {0}", "cannot read the rule file: {0}"),
    # what was found
    "found-text": ("'{0}'", "'{0}'"),
    "found-empty": ("ett tomt värde", "an empty value"),
    "found-list": ("en lista", "a list"),
    "found-empty-list": ("en tom lista", "an empty list"),
    "found-mapping": ("en mappning", "a mapping"),
    "found-value": ("värdet", "the value"),
    # keys
    "unknown-key": ("okänd nyckel '{0}' i {1}", "unknown key '{0}' in {1}"),
    "missing-key": ("nyckeln '{0}' saknas i {1}, men måste finnas",
                    "missing required key '{0}' in {1}"),
    "hint-did-you-mean-allowed": ("menade du '{0}'? Tillåtna här: {1}",
                                  "did you mean '{0}'? allowed here: {1}"),
    "hint-allowed": ("tillåtna här: {0}", "allowed here: {0}"),
    "hint-remove-or-spell": ("ta bort den, eller kontrollera stavningen",
                             "remove it, or check its spelling"),
    "hint-key-holds": ("nyckeln '{0}': {1}", "'{0}': {1}"),
    # values
    "not-valid": ("{0}: {1} är inte giltigt; {2}", "{0}: {1} is not valid; {2}"),
    # a kind of value (a list, an empty value) rather than a value: Swedish gender varies
    "not-valid-kind": ("{0}: här står {1}; {2}", "{0}: {1} is not valid; {2}"),
    "value-problem": ("{0}: {1}", "{0}: {1}"),
    "or-list": ("{0} eller {1}", "{0} or {1}"),
    "exp-whole-number": ("väntade ett heltal", "expected a whole number"),
    "exp-date": ("väntade ett datum skrivet ÅÅÅÅ-MM-DD, t.ex. 2025-07-01",
                 "expected a date written YYYY-MM-DD, e.g. 2025-07-01"),
    "exp-text": ("väntade en text", "expected text"),
    "exp-list": ("väntade en lista, t.ex. [a, b]", "expected a list, e.g. [a, b]"),
    "exp-mapping": ("väntade en mappning från nycklar till värden",
                    "expected a mapping of keys to values"),
    "exp-mapping-keys": ("väntade en mappning med nycklarna {0}",
                         "expected a mapping with the keys {0}"),
    "exp-bool": ("väntade true eller false", "expected true or false"),
    "exp-one-item": ("väntade minst en post", "expected at least one item"),
    "exp-some-text": ("väntade en text som inte är tom", "expected some text, not an empty one"),
    "exp-one-of": ("väntade {0}", "expected {0}"),
    "exp-described": ("väntade: {0}", "expected {0}"),
    "exp-pattern": ("väntade en text av formen {0}", "expected text of the form {0}"),
    "exp-other": ("väntade ett annat slags värde här (se checker/schemas/)",
                  "expected another kind of value here (see checker/schemas/)"),
    "invalid-id": ("ogiltigt värde '{0}'; väntade {1}", "invalid value '{0}'; expected {1}"),
    "id-rule": ("ord med versaler förenade med '-', t.ex. VG-KONTAKT",
                "upper-case words joined by '-', e.g. VG-KONTAKT"),
    "id-book": ("ord med gemener förenade med punkt, t.ex. national.vardgaranti",
                "dotted lower-case words, e.g. national.vardgaranti"),
    # the summary of a lint, with Swedish number agreement
    "summary-problems": ("{0} i {1}", "{0} in {1}"),
    "summary-clean": ("inga problem: {0} i {1}{2}", "no problems: {0} in {1}{2}"),
    "summary-clean-files": ("inga problem: {0}", "no problems: {0}"),
    "summary-warned": (", {0}", ", {0}"),
    "summary-none": ("", ""),
    "warning": ("varning: {0}", "warning: {0}"),
    "one-problem": ("{0} problem", "{0} problem"),
    "many-problem": ("{0} problem", "{0} problems"),
    "one-file": ("{0} fil", "{0} file"),
    "many-file": ("{0} filer", "{0} files"),
    "one-rule": ("{0} regel", "{0} rule"),
    "many-rule": ("{0} regler", "{0} rules"),
    "one-rulebook": ("{0} regelbok", "{0} rulebook"),
    "many-rulebook": ("{0} regelböcker", "{0} rulebooks"),
    "one-warning": ("{0} varning", "{0} warning"),
    "many-warning": ("{0} varningar", "{0} warnings"),
    "one-mapping-file": ("{0} mappningsfil", "{0} mapping file"),
    "many-mapping-file": ("{0} mappningsfiler", "{0} mapping files"),
}
# Codes that only join other words or quote a value; their two languages may read alike.
JOINING = frozenset({"found-text", "value-problem", "summary-warned", "summary-none",
                     "one-problem"})

# A field description (English, as the models and the editor schemas carry it) -> Swedish.
DESCRIPTIONS: dict[str, str] = {
    ("An expression of the rule language, e.g. "
     "'contacts_same_day / contacts_total >= param(vardgaranti.kontakt.malniva)'."):
        ("Ett uttryck i regelspråket, t.ex. "
         "'contacts_same_day / contacts_total >= param(vardgaranti.kontakt.malniva)'."),
    "A citation such as 'HSL 9 kap. 1 § 1 st. 1 p.'; sources are in rules/sources.yaml.":
        "En hänvisning som 'HSL 9 kap. 1 § 1 st. 1 p.'; källorna står i rules/sources.yaml.",
    "A date written YYYY-MM-DD, e.g. 2022-07-01.":
        "Ett datum skrivet ÅÅÅÅ-MM-DD, t.ex. 2022-07-01.",
    "Upper case words joined by '-', e.g. VG-KONTAKT; unique in the whole corpus.":
        "Ord med versaler förenade med '-', t.ex. VG-KONTAKT; unikt i hela regelverket.",
    "Dotted lower-case id, e.g. national.vardgaranti.":
        "Ett id av gemener med punkter, t.ex. national.vardgaranti.",
    "Swedish text.": "Svensk text.",
    "English text.": "Engelsk text.",
    "First day in force (inclusive); absent: always.":
        "Första dagen regeln gäller (den dagen medräknad); utan den: alltid.",
    "Last day in force (inclusive); absent: still in force.":
        "Sista dagen regeln gäller (den dagen medräknad); utan den: gäller fortfarande.",
    "'all', or a region slug such as 'kronoberg' (the submission format's clinic.region).":
        "'all', eller en regions kortnamn som 'kronoberg' (inlämningsformatets clinic.region).",
    "Only for clinics of this vårdval system.": "Bara för mottagningar i detta vårdvalssystem.",
    "The day this wording takes over.": "Dagen då denna lydelse tar över.",
    "Applicability: when false the rule is not applicable.":
        "När regeln gäller: är villkoret falskt är regeln inte tillämplig.",
    "What must hold; false is a failure.": "Det som måste gälla; falskt är en underkänd regel.",
    "The finding's text; {expression} and {share:%} placeholders show values.":
        "Fyndets text; platshållare som {expression} och {share:%} visar värden.",
    "Later wordings, in date order.": "Senare lydelser, i datumordning.",
    "Named expressions the rules of this book share.":
        "Namngivna uttryck som regelbokens regler delar.",
    ("an id of letters, digits and . _ / - that starts with a letter or digit, e.g. "
     "KRO-DISP-2024-07"):
        ("ett id av bokstäver, siffror och . _ / - som börjar med en bokstav eller siffra, t.ex. "
         "KRO-DISP-2024-07"),
    ("the clinic's HSA-id: 'SE', 10 digits, '-', then 1 to 31 letters or digits, e.g. "
     "SE2321000065-E000000000231"):
        ("mottagningens HSA-id: 'SE', 10 siffror, '-', sedan 1 till 31 bokstäver eller siffror, "
         "t.ex. SE2321000065-E000000000231"),
    "The region slug; the file is named after it.":
        "Regionens kortnamn; filen heter som regionen.",
    "A rule id: upper-case words joined by '-', e.g. VG-KONTAKT.":
        "Ett regel-id: ord med versaler förenade med '-', t.ex. VG-KONTAKT.",
    "A base submission, relative to the case file.":
        "En basinlämning, relativt till fallfilen.",
}


@dataclass(frozen=True, slots=True)
class FileSaid(reasons.Reason):
    """A file-shape problem's words: a ``WORDING`` code and its values (text or words).

    Example:
        >>> said = FileSaid("unknown-key", ("colour", "rules.0"))
        >>> said.words("sv"), said.words("en")
        ("okänd nyckel 'colour' i rules.0", "unknown key 'colour' in rules.0")
    """

    TABLE: ClassVar[dict[str, tuple[str, str]]] = WORDING


def described(text: str) -> FileSaid:
    """A field's description in both languages (its Swedish from ``DESCRIPTIONS``)."""
    return FileSaid("both", (DESCRIPTIONS.get(text, text), text))


def counted(count: int, noun: str) -> FileSaid:
    """``count`` of ``noun`` (problem, file, rule …) with the number agreeing in each language.

    Example:
        >>> counted(1, "file").words("sv"), counted(3, "file").words("sv")
        ('1 fil', '3 filer')
    """
    return FileSaid(f"{'one' if count == 1 else 'many'}-{noun}", (str(count),))


def one_of(choices: list[str]) -> FileSaid | str:
    """``'a', 'b' or 'c'`` in each language (a single choice as it is)."""
    if len(choices) == 1:
        return choices[0]
    return FileSaid("or-list", (", ".join(choices[:-1]), choices[-1]))


class Refused(ValueError):
    """A validator's refusal worded in each language; pydantic keeps it in the error's context,
    and ``locate`` shows its words instead of the English ``str``."""

    def __init__(self, said: reasons.Reason) -> None:
        super().__init__(said.words("en"))
        self.said = said
