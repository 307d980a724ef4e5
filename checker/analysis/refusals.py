"""Why a what-if or diff cannot run as asked (a revision that is not there, a ``--set`` that
does not fit its parameter), Swedish first; the command's ``--lang`` chooses the words shown."""

from __future__ import annotations

import difflib
from typing import ClassVar

from vardval.dsl import reasons

# code -> (Swedish, English); ``{0}``, ``{1}`` … are the values in order.
WORDS: dict[str, tuple[str, str]] = {
    # revisions
    "no-repository": ("här eller runt regelmappen finns inget git-förråd",
                      "no git repository here or around the rules folder"),
    "no-repository-hint": ("kör vardval i en klon av reglernas förråd",
                           "run vardval inside a clone of the rules' repository"),
    "no-folder-no-revision": ("'{0}' är varken en mapp eller en git-revision",
                              "'{0}' is no folder and no git revision"),
    "no-folder-no-revision-hint": ("ange en regelmapp, en tagg, en gren eller en commit",
                                   "name a rules folder, a tag, a branch or a commit"),
    "no-revision": ("'{0}' är varken en mapp eller en revision i {1}",
                    "'{0}' is neither a folder nor a revision of {1}"),
    "no-revision-hint": (("`git tag` och `git log` visar revisionerna; en grund klon i CI "
                          "behöver hela historiken (fetch-depth: 0)"),
                         ("`git tag` and `git log` list revisions; a shallow CI clone needs its "
                          "full history (fetch-depth: 0)")),
    "not-in-revision": ("'{0}' finns inte i {1}", "'{0}' does not exist in {1}"),
    "not-in-revision-hint": ("ange revisionens regelmapp som REV:sökväg",
                             "name the rules folder of that revision as REV:path"),
    "no-git": ("git kunde inte köras: {0}", "git could not run: {0}"),
    "no-git-hint": ("installera git", "install git"),
    # --set and overlays
    "set-form": ("--set ska skrivas NAMN=VÄRDE[@DATUM]", "--set expects NAME=VALUE[@DATE]"),
    "set-form-hint": ("t.ex. --set vardgaranti.bedomning.malniva=95%@2026-01-01",
                      "e.g. --set vardgaranti.bedomning.malniva=95%@2026-01-01"),
    "set-date": ("'{0}' är inget datum", "'{0}' is not a date"),
    "set-date-hint": ("skriv dagen värdet börjar gälla som ÅÅÅÅ-MM-DD",
                      "write the day the value takes effect as YYYY-MM-DD"),
    "unknown-region": ("okänd region '{0}'", "unknown region '{0}'"),
    "region-hint": ("ange en region som kronoberg", "use a region slug such as kronoberg"),
    "unknown-parameter": ("okänd parameter '{0}'", "unknown parameter '{0}'"),
    "parameter-hint": ("namnen är de i rules/parameters/*.yaml",
                       "the names are those of rules/parameters/*.yaml"),
    "overlay-hint": ("en overlay får bara ändra parametrar som regelverket har",
                     "an overlay may only change parameters the corpus defines"),
    "did-you-mean": ("menade du '{0}'?", "did you mean '{0}'?"),
    "invalid-value": ("'{0}' passar inte parameterns enhet ({1})",
                      "'{0}' does not fit the parameter's unit ({1})"),
    "unit-hint": ("'{0}' är i {1}, t.ex. {2}", "'{0}' is in {1}, e.g. {2}"),
    "mixed-types": ("värdet är {0} men parametern {1}",
                    "the value is {0} but the parameter is {1}"),
    "mixed-types-hint": ("skriv det som filerna gör, t.ex. {0}",
                         "write it as the files do, e.g. {0}"),
    "overlay-type": ("'{0}' är {1} i {2} i regelverket", "'{0}' is {1} in {2} in the corpus"),
    "overlay-type-hint": ("en overlay måste behålla parameterns enhet och typ",
                          "an overlay must keep the parameter's unit and type"),
    "verbatim": ("{0}", "{0}"),
    "located": ("{0}: {1}", "{0}: {1}"),
    # how a message names a value's type (``parameters.type_name``'s English words)
    "a truth value": ("ett sanningsvärde", "a truth value"),
    "a number": ("ett tal", "a number"),
    "a duration": ("en tidsrymd", "a duration"),
    "a date": ("ett datum", "a date"),
    "a text": ("en text", "a text"),
}


class Said(reasons.Reason):
    """One refusal of ``whatif`` or ``diff``: a ``WORDS`` code and its values.

    Example:
        >>> Said("unknown-parameter", ("flk.mal",)).words("sv")
        "okänd parameter 'flk.mal'"
    """

    TABLE: ClassVar[dict[str, tuple[str, str]]] = WORDS


def kind(type_name: str) -> Said:
    """A value's type as ``parameters.type_name`` names it, in each language."""
    return Said(type_name) if type_name in WORDS else Said("verbatim", (type_name,))


def close_to(name: str, known: list[str]) -> Said | None:
    """``did you mean 'X'?`` for a misspelt ``name``; None when nothing is close."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return Said("did-you-mean", (close[0],)) if close else None
