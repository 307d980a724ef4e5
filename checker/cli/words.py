"""What the command line itself says (refusals, summaries, the start of a run), Swedish first.

A message is a code and its values (``dsl.reasons``' pattern), worded in the language the run
was asked for: ``--lang`` on the command line, Swedish when it is not given. The language is
read from ``argv`` before parsing (``lang_of``), so even argparse's own usage errors and a
command's type checks (``--jobs``, ``--port``) answer in it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
from collections.abc import Sequence
from typing import ClassVar

from vardval.checker.vocab import LANGS
from vardval.dsl import reasons

# code -> (Swedish, English); ``{0}``, ``{1}`` … are the values in order.
WORDS: dict[str, tuple[str, str]] = {
    "interrupted": ("avbrutet", "interrupted"),
    "internal": (("vardval: internt fel: {0}: {1}\nDet är ett fel i vardval, inte i det du "
                  "angav; rapportera det gärna med kommandot du körde."),
                 ("vardval: internal error: {0}: {1}\nThis is a bug in vardval, not in your "
                  "input; please report it with the command you ran.")),
    "internal-file": (("internt fel när filen kontrollerades: {0}: {1} (ett fel i vardval, inte "
                       "i filen; rapportera det gärna)"),
                      ("internal error while checking this file: {0}: {1} (a bug in vardval, "
                       "not in the file; please report it)")),
    "did-you-mean": ("menade du '{0}'?", "did you mean '{0}'?"),
    # check
    "no-submissions": ("inga inlämningsfiler (.yaml, .yml, .json) hittades i {0}",
                       "no submission files (.yaml, .yml, .json) found in {0}"),
    "stdin-twice": ("'-' (standard input) får anges en gång",
                    "'-' (standard input) can be named once only"),
    "jobs": ("ange ett helt antal processer, minst 1, t.ex. 2; fick '{0}'",
             "expected a whole number of processes, at least 1, e.g. 2; not '{0}'"),
    "jobs-most": ("högst {0} processer; fick '{1}'", "at most {0} processes; not '{1}'"),
    "bytes": ("ange ett helt antal byte, minst 1, t.ex. 5000000; fick '{0}'",
              "expected a whole number of bytes, at least 1, e.g. 5000000; not '{0}'"),
    # whatif
    "whatif-nothing": ("ange inlämningar (filer eller mappar) eller --store",
                       "give submission files or folders, or --store"),
    "whatif-store-only": ("--from, --to och --region väljer ur ett lager; ange --store",
                          "--from, --to and --region select from a store; give --store"),
    # test
    "no-target": ("'{0}' är varken ett regel-id eller en fil med testfall{1}",
                  "'{0}' is neither a rule id nor a case file{1}"),
    "case-failed": ("FEL {0}: {1}: {2}", "FAIL {0}: {1}: {2}"),
    "case-expected": ("väntade {0}, fick {1}", "expected {0}, got {1}"),
    "case-message": ("meddelande: {0}", "message: {0}"),
    "case-evidence": ("underlag: {0}", "evidence: {0}"),
    "no-evidence": ("inget", "none"),
    "coverage": ("Täckning (fall som gav väntad status)",
                 "Coverage (cases that gave their expected status)"),
    "rule-heading": ("regel", "rule"),
    "bound-heading": ("gräns", "bound."),
    "covered": ("ok", "ok"),
    "missing": ("saknar {0}", "missing {0}"),
    "gap-pass": ("ett godkänt fall", "a passing case"),
    "gap-fail": ("ett underkänt fall", "a failing case"),
    "gap-boundary": ("ett gränsfall (regeln jämför med <, <=, > eller >=)",
                     "a boundary case (it compares with <, <=, > or >=)"),
    "cases-summary": (("{0} fall, {1} misslyckades; {2} av {3} regler har godkända, underkända "
                       "och (där de jämför) gränsfall."),
                      ("{0} cases, {1} failed; {2} of {3} rules have passing, failing and "
                       "(where they compare) boundary cases.")),
    # replay, followup, template, eval
    "revision": ("ange ett revisionsnummer, minst 1, t.ex. 2; fick '{0}'",
                 "expected a revision number, at least 1, e.g. 2; not '{0}'"),
    "quarter": ("'{0}' är inget kvartal; skriv ÅÅÅÅ-Qn, t.ex. 2025-Q1",
                "invalid quarter '{0}'; expected YYYY-Qn, e.g. 2025-Q1"),
    "date": ("'{0}' är inget datum; skriv ÅÅÅÅ-MM-DD, t.ex. 2026-03-31",
             "'{0}' is not a date; expected YYYY-MM-DD, e.g. 2026-03-31"),
    "template-suffix": (("{0}: mallen är en .xlsx-fil; ge ett namn som slutar på .xlsx, "
                         "t.ex. -o mall.xlsx"),
                        ("{0}: the template is an .xlsx file; give a name ending in .xlsx, "
                         "e.g. -o mall.xlsx")),
    "wrote": ("skrev {0}", "wrote {0}"),
    # users
    "revoked": ("återkallade nycklar: {0}", "revoked {0} token(s)"),
    # serve
    "port": ("ange ett portnummer från 0 till 65535, t.ex. 8080; fick '{0}'",
             "expected a port number from 0 to 65535, e.g. 8080; not '{0}'"),
    "network": ("ange en IP-adress eller ett nät, t.ex. 10.0.0.5 eller 10.0.0.0/24; fick '{0}'",
                "expected an IP address or network, e.g. 10.0.0.5 or 10.0.0.0/24; not '{0}'"),
    "secret-text": ("nyckeln är ingen UTF-8-text", "the key is not UTF-8 text"),
    "secret-file": ("--secret-file {0}: {1}", "--secret-file {0}: {1}"),
    "listen": ("kan inte lyssna på {0}:{1}: {2}", "cannot listen on {0}:{1}: {2}"),
    "address-in-use": ("adressen används redan (ett annat program lyssnar där)",
                       "the address is in use (another program listens there)"),
    "address-not-here": ("adressen hör inte till den här datorn",
                         "the address does not belong to this machine"),
    "address-denied": ("åtkomst nekad (en port under 1024 kräver särskild behörighet)",
                       "permission denied (a port below 1024 needs special rights)"),
    "address-unknown": ("värdnamnet är okänt", "the host name is unknown"),
    "serving": ("http://{0}:{1}/ (Ctrl-C stoppar)", "http://{0}:{1}/ (Ctrl-C stops)"),
    # docs
    "docs-written": ("{0} filer ({1} regelsidor) i {2}; {3} skrivna, de andra oförändrade",
                     "{0} files ({1} rule pages) in {2}; {3} written, the others unchanged"),
    "guides-refreshed": ("{0} sidor i {1} uppdaterade{2}", "{0} pages of {1} refreshed{2}"),
}


class Said(reasons.Reason):
    """One message of the command line: a ``WORDS`` code and its values.

    Example:
        >>> Said("stdin-twice").words("sv")
        "'-' (standard input) får anges en gång"
    """

    TABLE: ClassVar[dict[str, tuple[str, str]]] = WORDS


def said(code: str, lang: str, *values: object) -> str:
    """The message ``code`` in ``lang``, its values shown as given."""
    return Said(code, tuple(str(v) for v in values)).words(lang if lang in LANGS else "en")


def lang_of(argv: Sequence[str]) -> str:
    """The language ``argv`` asks for (its last ``--lang sv|en``), else Swedish.

    Read before parsing, so that argparse's own errors are worded in it too.

    Example:
        >>> lang_of(["check", "a.yaml", "--lang", "en"]), lang_of(["check", "--lang=xx"])
        ('en', 'sv')
    """
    found = "sv"
    for word, after in itertools.pairwise([*argv, ""]):
        given = after if word == "--lang" else word.removeprefix("--lang=")
        if (word == "--lang" or word.startswith("--lang=")) and given in LANGS:
            found = given
    return found


def did_you_mean(name: str, known: Sequence[str], lang: str) -> str | None:
    """``did you mean 'X'?`` for a misspelt ``name``, in ``lang``; None when nothing is close."""
    import difflib  # noqa: PLC0415 - only to suggest a name

    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return said("did-you-mean", lang, close[0]) if close else None


class WordedTypeError(argparse.ArgumentTypeError):
    """An argument's type check that failed, worded by the parser in the run's language."""

    def __init__(self, code: str, *values: object) -> None:
        self.said = Said(code, tuple(str(v) for v in values))
        super().__init__(self.said.words("en"))


def day(text: str) -> dt.date:
    """An option's date, ``YYYY-MM-DD`` (``--today``); anything else is a worded usage error."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise WordedTypeError("date", text[:30]) from None
