"""The words of what ``lint`` and ``test`` find beyond the files' shape, Swedish first.

A path that does not exist, a parameter without a value while its rule is in force, a
dispensation about to run out, a case file whose base is not a submission: each is a code and
its values (``dsl.reasons``' pattern), so ``vardval lint --lang sv`` and ``vardval test
--lang sv`` say it in Swedish.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from vardval.dsl import reasons

# code -> (Swedish, English); ``{0}``, ``{1}`` … are the values in order.
WORDING: dict[str, tuple[str, str]] = {
    "hint-did-you-mean": ("menade du '{0}'?", "did you mean '{0}'?"),
    # lint
    "no-such-path": ("'{0}' finns inte", "'{0}' does not exist"),
    "hint-lint-path": ("ange en regelmapp, en regelboksfil eller en mapp med regelböcker",
                       "give a rule corpus folder, a rulebook file or a folder of rulebooks"),
    "not-in-force": ("parametern '{0}' har inget värde {1} medan regeln {2} gäller ({3}){4}",
                     "parameter '{0}' has no value {1} while rule {2} is in force ({3}){4}"),
    "for-region": ("för regionen '{0}'", "for region '{0}'"),
    "nationally": ("nationellt", "nationally"),
    "first-value": ("; dess första värde gäller från {0}", "; its first value is from {0}"),
    "no-first-value": ("", ""),
    "range-both": ("från {0} till {1}", "from {0} to {1}"),
    "range-until": ("till och med {0}", "until {0}"),
    "range-from": ("från {0} och framåt", "from {0} on"),
    "range-always": ("alltid", "always"),
    "hint-not-in-force": (("lägg till ett värde från ett tidigare datum i rules/parameters/, "
                           "eller korta regelns giltighet"),
                          ("add a value from an earlier date in rules/parameters/, or narrow the "
                           "rule's validity")),
    # a region's decisions, as lint warns of them
    "expires-soon": ("dispensen '{0}' ({1}) upphör {2}, om {3} dagar",
                     "dispensation '{0}' ({1}) expires on {2}, in {3} days"),
    "hint-expires": (("förnya den med ett nytt beslut, eller låt den löpa ut; efter den dagen "
                      "räknas mottagningens underkända regler igen"),
                     ("renew it with a new decision, or let it lapse; after that day the "
                      "clinic's failures count again")),
    "decision-unknown-rule": ("dispensen '{0}' nämner regeln '{1}', som inte finns",
                              "dispensation '{0}' names rule '{1}', which does not exist"),
    "hint-rule-pages": ("använd ett regel-id från regelsidorna",
                        "use a rule id from the rule pages"),
    "decision-out-of-scope": ("dispensen '{0}' nämner regeln '{1}' för {2}, inte för {3}",
                              "dispensation '{0}' names rule '{1}' of {2}, not of {3}"),
    "hint-out-of-scope": ("en region kan bara undanta från sina egna och de nationella reglerna",
                          "a region can only exempt from its own and national rules"),
    "clinic-never-seen": (("dispensen '{0}' nämner mottagningen {1}, som aldrig har lämnat något "
                           "till resultatlagret"),
                          ("dispensation '{0}' names clinic {1}, which has never submitted to the "
                           "results store")),
    "clinic-elsewhere": (("dispensen '{0}' nämner mottagningen {1}, som är en mottagning i {2}, "
                          "inte i {3}"),
                         ("dispensation '{0}' names clinic {1}, which is a clinic of {2}, not "
                          "of {3}")),
    "hint-clinic": ("jämför HSA-id:t med mottagningens inlämningar",
                    "check the HSA-id against the clinic's submissions"),
    # test cases
    "no-cases": ("inga fallfiler (*.yaml) i '{0}'", "no case files (*.yaml) in '{0}'"),
    "no-cases-folder": ("mappen '{0}' finns inte", "the folder '{0}' does not exist"),
    "cases-not-folder": ("'{0}' är ingen mapp", "'{0}' is not a folder"),
    "hint-cases": ("peka --cases på en mapp som fixtures/cases",
                   "point --cases at a folder like fixtures/cases"),
    "case-sentence": (("ett falls namn är en hel mening som säger vad fallet visar: stor "
                       "bokstav först och punkt sist"),
                      ("a case name is a full sentence saying what the case shows: a capital "
                       "letter first and a full stop last")),
    "duplicate-case": ("fallnamnet '{0}' används två gånger i den här filen",
                       "case name '{0}' is used twice in this file"),
    "hint-duplicate-case": ("ge varje fall en egen mening", "give every case its own sentence"),
    "unknown-rule": ("okänd regel '{0}'", "unknown rule '{0}'"),
    "hint-rule-ids": ("regel-id:n står i regelböckerna", "rule ids are in the rulebooks"),
    "bad-path": ("'{0}' är ingen fältsökväg med punkter", "'{0}' is not a dotted field path"),
    "hint-path": ("skriv t.ex. accessibility.contacts.same_day",
                  "write e.g. accessibility.contacts.same_day"),
    "no-base": ("basinlämningen '{0}' finns inte", "base submission '{0}' does not exist"),
    "base-unread": ("basinlämningen '{0}' kan inte läsas: {1}",
                    "base submission '{0}' cannot be read: {1}"),
    "hint-base": ("ange en fil relativt till fallfilen", "name a file relative to the case file"),
    "case-file-unread": ("fallfilen kan inte läsas: {0}", "cannot read the case file: {0}"),
    "invalid-base": ("basinlämningen '{0}' är inte giltig: {1}",
                     "base submission '{0}' is not valid: {1}"),
    "hint-invalid-base": ("en bas måste vara en giltig inlämning",
                          "a base must be a valid submission"),
    "problem-at": ("{0}: {1}", "{0}: {1}"),
    "problems": ("{0}; {1}", "{0}; {1}"),
    "cannot-remove": ("kan inte ta bort '{0}': det finns inte i inlämningen",
                      "cannot remove '{0}': it is not in the submission"),
    "cannot-set-under": ("kan inte sätta '{0}': '{1}' är ingen mappning i inlämningen",
                         "cannot set '{0}': '{1}' is not a mapping in the submission"),
    "cannot-remove-under": ("kan inte ta bort '{0}': '{1}' är ingen mappning i inlämningen",
                            "cannot remove '{0}': '{1}' is not a mapping in the submission"),
    "changed-invalid": ("den ändrade inlämningen är inte giltig: {0}: {1}",
                        "the changed submission is not valid: {0}: {1}"),
}
# Codes that only join other words; their two languages read alike.
JOINING = frozenset({"no-first-value", "problem-at", "problems"})


@dataclass(frozen=True, slots=True)
class LintSaid(reasons.Reason):
    """A lint or test problem's words: a ``WORDING`` code and its values.

    Example:
        >>> LintSaid("unknown-rule", ("VG-X",)).words("sv")
        "okänd regel 'VG-X'"
    """

    TABLE: ClassVar[dict[str, tuple[str, str]]] = WORDING


def close_hint(close: list[str], otherwise: LintSaid) -> LintSaid:
    """``did you mean 'x'?`` for the first close name, else ``otherwise``."""
    return LintSaid("hint-did-you-mean", (close[0],)) if close else otherwise
