"""The words of every problem with a citation or with ``sources.yaml``, Swedish first.

A citation that does not parse or resolve, a provision the act lacks, a source id or date that
is not one: each is a code and its values (``dsl.reasons``' pattern), raised as a ``Refused``
(a ``ValueError`` whose ``str`` is the English), so ``vardval lint --lang sv`` says it in
Swedish. Dates are worded here too, since every data file reads its dates as ``IsoDate``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from vardval.checker.reading import Refused
from vardval.dsl import reasons
from vardval.dsl.literals import calendar_said

# code -> (Swedish, English); ``{0}``, ``{1}`` … are the values in order.
WORDING: dict[str, tuple[str, str]] = {
    # the written form of a citation
    "invalid-citation": (("ogiltig hänvisning '{0}'; väntade '<KÄLLA> [<n> kap.] <n> § [<n> st.] "
                          "[<n> p.]', t.ex. 'HSL 9 kap. 1 § 1 st. 1 p.', eller '<KÄLLA> (<ämne>)', "
                          "t.ex. 'KRO-UPPDRAG-2025 (avvikelsehantering)'"),
                         ("invalid citation '{0}'; expected '<SOURCE> [<n> kap.] <n> § [<n> st.] "
                          "[<n> p.]', e.g. 'HSL 9 kap. 1 § 1 st. 1 p.', or '<SOURCE> (<topic>)', "
                          "e.g. 'KRO-UPPDRAG-2025 (avvikelsehantering)'")),
    "invalid-provision-text": (("ogiltigt lagrum '{0}'; väntade t.ex. '9 kap. 1 § 1 st. 1 p.' "
                                "eller '2 § 2 p.'"),
                               ("invalid provision '{0}'; expected e.g. '9 kap. 1 § 1 st. 1 p.' "
                                "or '2 § 2 p.'")),
    # resolving a citation against the registry
    "unknown-source": ("okänd källa '{0}'; {1} (i hänvisningen '{2}')",
                       "unknown source '{0}'; {1} (in citation '{2}')"),
    "unknown-source-id": ("okänd källa '{0}'; {1}", "unknown source '{0}'; {1}"),
    "hint-did-you-mean": ("menade du '{0}'?", "did you mean '{0}'?"),
    "hint-sources-file": ("källorna står i rules/sources.yaml",
                          "sources are in rules/sources.yaml"),
    "document-not-statute": (("'{0}' är ett dokument, inte en författning; hänvisa till den som "
                              "'{0}' eller '{0} (<ämne>)', inte '{1}'"),
                             ("'{0}' is a document, not a statute; cite it as '{0}' or "
                              "'{0} (<topic>)', not '{1}'")),
    "statute-not-document": (("'{0}' är en författning; hänvisa till ett lagrum som '{1}', "
                              "inte '{2}'"),
                             "'{0}' is a statute; cite a provision such as '{1}', not '{2}'"),
    "needs-chapters": ("'{0}' är indelad i kapitel; skriv t.ex. '{1}' (stod '{2}')",
                       "'{0}' is divided into chapters; write e.g. '{1}' (got '{2}')"),
    "has-no-chapters": ("'{0}' har inga kapitel; skriv t.ex. '{1}' (stod '{2}')",
                        "'{0}' has no chapters; write e.g. '{1}' (got '{2}')"),
    "section-unlisted": (("avsnitt {0} finns inte listat för '{1}' (listade: {2}); hänvisa till "
                          "ett listat avsnitt eller ett ämne, aldrig ett olistat nummer"),
                         ("section {0} is not listed for '{1}' (listed: {2}); cite a listed "
                          "section or a topic, never an unlisted number")),
    "none-listed": ("inga", "none"),
    "unknown-topic": ("okänt ämne '{0}' i '{1}'; {2}", "unknown topic '{0}' of '{1}'; {2}"),
    "hint-topics": ("listade ämnen: {0}", "listed topics: {0}"),
    # a provision the act (as consolidated) does not have
    "no-such-provision": ("'{0}' finns inte: {1} (SFS {2}, konsoliderad {3})",
                          "'{0}' does not exist: {1} (SFS {2}, consolidated {3})"),
    "no-such-provision-close": (("'{0}' finns inte: {1} (SFS {2}, konsoliderad {3}); menade du "
                                 "'{4}'?"),
                                ("'{0}' does not exist: {1} (SFS {2}, consolidated {3}); did you "
                                 "mean '{4}'?")),
    "act-no-chapter": ("författningen har inget {0} kap.", "the act has no chapter {0}"),
    "act-no-section": ("författningen har ingen {0} §", "the act has no {0} §"),
    "chapter-no-section": ("{0} kap. har ingen {1} §", "{0} kap. has no {1} §"),
    "repealed": ("{0} är upphävd", "{0} is repealed"),
    "stycken": ("{0} har {1} stycken, inte {2} st.", "{0} has {1} stycken, not {2} st."),
    "points": ("{0} har {1} punkter, inte {2} p.", "{0} has {1} points, not {2} p."),
    # the structure index beside it
    "index-unusable": (("strukturindexet över författningarna kan inte användas: {0}; skapa det "
                        "på nytt med scripts/build_statute_structure.py"),
                       ("the statute structure index cannot be used: {0}; regenerate it with "
                        "scripts/build_statute_structure.py")),
    "not-an-index": (("det är inte JSON med författningarnas kapitel, paragrafer och punkter "
                      "under 'acts'"),
                     "it is not JSON with the acts' chapters, sections and points under 'acts'"),
    # sources.yaml itself
    "invalid-source-id": (("ogiltigt käll-id '{0}'; använd A-Z, 0-9 och bindestreck, t.ex. "
                           "KRO-UPPDRAG-2025"),
                          ("invalid source id '{0}'; use A-Z, 0-9 and hyphens, e.g. "
                           "KRO-UPPDRAG-2025")),
    "source-kind": ("källan '{0}' behöver kind: statute eller kind: document",
                    "source '{0}' needs kind: statute or kind: document"),
    "topic-parentheses": ("avsnittet '{0}' i '{1}': ett ämne skrivs utan parenteser",
                          "section '{0}' of '{1}': a topic has no parentheses"),
    "provision-key": ("ogiltigt lagrum '{0}' i {1}; väntade t.ex. {2}",
                      "invalid provision '{0}' of {1}; expected e.g. {2}"),
    "provision-needs-chapters": (
        "lagrummet '{0}': {1} är indelad i kapitel; väntade t.ex. {2}",
        "provision '{0}': {1} is divided into chapters; expected e.g. {2}"),
    "provision-no-chapters": ("lagrummet '{0}': {1} har inga kapitel; väntade t.ex. {2}",
                              "provision '{0}': {1} has no chapters; expected e.g. {2}"),
    "provision-twice": ("lagrummet '{0}' i {1} står två gånger (som '{2}')",
                        "provision '{0}' of {1} is listed twice (as '{2}')"),
    "invalid-value": ("ogiltigt värde '{0}'; väntade {1}", "invalid value '{0}'; expected {1}"),
    "exp-url": ("en https://-adress", "an https:// address"),
    "exp-sfs": ('ett SFS-nummer inom citattecken, t.ex. "2017:30"',
                'an SFS number in quotes, e.g. "2017:30"'),
    # dates, in every data file
    "date-form": ("ogiltigt datum '{0}'; väntade ÅÅÅÅ-MM-DD, t.ex. 2025-07-01",
                  "invalid date '{0}'; expected YYYY-MM-DD, e.g. 2025-07-01"),
    "date-real": (("ogiltigt datum '{0}': {1}; väntade ett verkligt datum ÅÅÅÅ-MM-DD, t.ex. "
                   "2025-07-01"),
                  "invalid date '{0}': {1}; expected a real date YYYY-MM-DD, e.g. 2025-07-01"),
}
# Codes that only join other words; their two languages may read alike.
JOINING: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class SourceSaid(reasons.Reason):
    """A citation's or a source file's problem: a ``WORDING`` code and its values.

    Example:
        >>> SourceSaid("act-no-chapter", ("99",)).words("sv")
        'författningen har inget 99 kap.'
    """

    TABLE: ClassVar[dict[str, tuple[str, str]]] = WORDING


def close_hint(close: str | None, otherwise: SourceSaid) -> SourceSaid:
    """``did you mean 'x'?`` when something is close, else ``otherwise``."""
    return SourceSaid("hint-did-you-mean", (close,)) if close else otherwise


def real_date(year: int, month: int, day: int) -> dt.date:
    """A calendar date, or a ``Refused`` saying why there is none (2025-02-30).

    Example:
        >>> real_date(2024, 2, 29)
        datetime.date(2024, 2, 29)
    """
    try:
        return dt.date(year, month, day)
    except ValueError:
        text = f"{year:04d}-{month:02d}-{day:02d}"
        raise Refused(SourceSaid("date-real", (text, calendar_said(year, month, day)))) from None
