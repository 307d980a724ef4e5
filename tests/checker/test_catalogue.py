"""The rule corpus encodes requirement catalogue v2 exactly, and every finding's citations resolve.

The expected table is written out from spec/requirements.md: id, severity, period of force
(inclusive; None = open), region (None = national) and the provisions the catalogue lists. A
document listed whole (``KRO-UPPDRAG-2025``) is also satisfied by a citation of one of its
topics (``KRO-UPPDRAG-2025 (kvalitetsregister)``).
"""

from __future__ import annotations

import datetime as dt
import pathlib
from collections import Counter

import pytest
from vardval.checker.corpus.models import Rule
from vardval.checker.corpus.ruleset import RuleSet
from vardval.checker.engine.evaluate import check_intake
from vardval.checker.program import load_ruleset
from vardval.checker.sources.registry import ResolvedCitation
from vardval.checker.submission.intake import load_submission

ROOT = pathlib.Path(__file__).resolve().parents[2]
SUBMISSIONS = sorted(p for p in (ROOT / "fixtures" / "submissions").iterdir()
                     if p.suffix in {".yaml", ".json"})
REFORM = dt.date(2022, 7, 1)
KRO, VGR, SKA = "kronoberg", "vastra-gotaland", "skane"
TAK = "KRO-VARDVAL (listningstak)"
UPPDRAG = "KRO-UPPDRAG-2025"

# id: (severity, in force from, in force to, region, citations the catalogue lists)
K24 = "2024-01-01"  # Kronoberg rules whose only source is the 2024/2025 rule book or page
CATALOGUE: dict[str, tuple[str, str | None, str | None, str | None, tuple[str, ...]]] = {
    "VG-KONTAKT": ("warning", "2017-04-01", None, None,
                   ("HSL 9 kap. 1 § 1 st. 1 p.", "HSF 6 kap. 1 § 1 p.")),
    "VG-BEDOMNING": ("warning", "2019-01-01", None, None,
                     ("HSL 9 kap. 1 § 1 st. 2 p.", "HSF 6 kap. 1 § 2 p.")),
    "VG-LAKARBESOK": ("warning", None, "2018-12-31", None,
                      ("VGF 2 § 2 p.", "HSF 6 kap. 1 § 2 p. (lydelse före 2019-01-01)")),
    "VC-VERKSAMHETSCHEF": ("error", "2017-04-01", None, None, ("HSL 4 kap. 2 §",)),
    "LIST-TAK-BESLUT": ("error", "2022-07-01", None, None, ("HSL 7 kap. 3 c §",)),
    "LIST-BYTEN": ("error", "2022-07-01", None, None, ("HSL 7 kap. 3 b §",)),
    "FLK-ANDEL": ("info", "2022-07-01", "2023-12-31", None, ("PL 6 kap. 3 §", "GNV-2021")),
    "PS-LEX-MARIA": ("error", "2011-01-01", None, None, ("PSL 3 kap. 5 §",)),
    "PS-BERATTELSE": ("error", "2011-01-01", None, None, ("PSL 3 kap. 10 §",)),
    "PS-LEX-MARIA-UTREDNING": ("warning", "2013-06-01", None, None, ("PSL 3 kap. 5 § 2 st.",)),
    "PS-BERATTELSE-TILLGANGLIG": ("error", "2011-01-01", None, None, ("PSL 3 kap. 10 § 2 st.",)),
    "DQ-KONTAKT": ("error", None, None, None, ("SUBMISSION-FORMAT",)),
    "DQ-BEDOMNING": ("error", None, None, None, ("SUBMISSION-FORMAT",)),
    "KRO-VARDFORMER": ("error", K24, None, KRO, ("KRO-VARDVAL (primärvårdsreformen)", UPPDRAG)),
    "KRO-SYNERGI": ("error", K24, None, KRO, (f"{UPPDRAG} (avvikelsehantering)",)),
    "KRO-KVALITETSREGISTER": ("error", K24, None, KRO, (UPPDRAG,)),
    "KRO-KVALITETSINDIKATORER": ("error", K24, None, KRO, ("KRO-KVALITETSINDIKATORER-2025",)),
    "KRO-TAK-FRIST": ("error", K24, None, KRO, (TAK, "HSL 7 kap. 3 c §")),
    "KRO-TAK-UNDERLAG": ("error", K24, None, KRO, (TAK,)),
    "KRO-TAK-SKAL": ("error", K24, None, KRO, (TAK,)),
    "KRO-TAK-GRANS": ("error", K24, None, KRO, (TAK, "HSL 7 kap. 3 c §")),
    "KRO-TAK-PASSIV": ("error", K24, None, KRO, (TAK,)),
    "KRO-TAK-AVLISTNING": ("error", K24, None, KRO, (TAK,)),
    "KRO-TAK-EGEN-LISTNING": ("error", K24, None, KRO, (TAK,)),
    "KRO-TAK-INFORMATION": ("warning", K24, None, KRO, (TAK,)),
    "KRO-TAK-OMPROVNING": ("warning", K24, None, KRO, (TAK,)),
    "KRO-MOMS": ("error", None, None, KRO, ("KRO-EKONOMI-2025 (momskompensation)",)),
    "KRO-HYGIEN": ("error", K24, None, KRO,
                   (f"{UPPDRAG} (vårdhygieniska föreskrifter)", "HSL 5 kap. 1 § 1 p.")),
    "KRO-RECEPTKODER": ("error", K24, None, KRO, (UPPDRAG,)),
    "KRO-PATIENTNAMND": ("error", K24, None, KRO, (UPPDRAG, "PSL 3 kap. 8 d §")),
    "KRO-LAKEMEDEL": ("error", K24, None, KRO, (f"{UPPDRAG} (medicin-/läkemedelskommittén)",)),
    "KRO-DIAGNOSREGISTRERING": ("error", K24, None, KRO, ("KRO-VARDVAL", UPPDRAG)),
    "KRO-CHEFLAKARE": ("error", K24, None, KRO, ("KRO-VARDVAL (chefläkare)",)),
    "KRO-VARDPROGRAM": ("error", K24, None, KRO, (f"{UPPDRAG} (vårdprogram och riktlinjer)",)),
    "VGR-VARDHYGIEN": ("error", None, None, VGR,
                       ("VGR-KOK-VARDCENTRAL (vårdhygien)", "HSL 5 kap. 1 § 1 p.")),
    "VGR-VANTETIDSDATA": ("error", "2019-07-01", None, VGR,
                          ("VGR-VARDGARANTI-2019", "HSL 9 kap. 3 §")),
    "SKA-TELEFON-2H": ("error", None, None, SKA, ("SKA-TELEFON (nivå 1)",)),
    "SKA-TELEFON-15MIN": ("info", None, None, SKA, ("SKA-TELEFON (nivå 2)",)),
}
# "from 2022-07-01 also HSL 9 kap. 1 § 2 st.": the guarantee covers listed patients only.
FROM_REFORM = {"VG-KONTAKT": "HSL 9 kap. 1 § 2 st.", "VG-BEDOMNING": "HSL 9 kap. 1 § 2 st."}


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return load_ruleset(ROOT / "rules")


def _rule(ruleset: RuleSet, rule_id: str) -> Rule:
    rule = ruleset.rule(rule_id)
    assert rule is not None, f"{rule_id} is not encoded"
    return rule


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _cites(citations: tuple[ResolvedCitation, ...], wanted: str) -> bool:
    return any(c.text == wanted or c.text.startswith(f"{wanted} (") for c in citations)


def test_every_catalogue_id_is_encoded_exactly_once(ruleset: RuleSet) -> None:
    counts = Counter(rule.id for rule in ruleset.rules())
    assert {rule_id: counts[rule_id] for rule_id in CATALOGUE} == dict.fromkeys(CATALOGUE, 1)
    assert len(CATALOGUE) == sum(counts.values()) == 38


# Versions the catalogue names: (rule, first day of the new version, citation before, after,
# a word the message has before, after).
VERSIONS = [
    ("PS-LEX-MARIA", "2013-06-01", "PSL 3 kap. 5 § (lydelse före 2013-06-01)", "SFS-2012-957",
     "Socialstyrelsen", "IVO"),
    ("VGR-VANTETIDSDATA", "2025-07-01", "HSL 9 kap. 3 §", "HSF 6 kap. 3 §",
     "alla tre månader", "Socialstyrelsen"),
]


@pytest.mark.parametrize(("rule_id", "day", "cite_before", "cite_after", "word_before",
                          "word_after"), VERSIONS, ids=[v[0] for v in VERSIONS])
def test_versions_change_citation_and_message_on_the_catalogue_date(
        ruleset: RuleSet, rule_id: str, day: str, cite_before: str, cite_after: str,
        word_before: str, word_after: str) -> None:
    rule = _rule(ruleset, rule_id)
    after = rule.version_on(dt.date.fromisoformat(day))
    before = rule.version_on(dt.date.fromisoformat(day) - dt.timedelta(days=1))
    assert before is not None and after is not None and before is not after
    assert _cites(before.citations, cite_before) and not _cites(before.citations, cite_after)
    assert _cites(after.citations, cite_after)
    text_before = before.message["sv"].source
    assert word_before in text_before and word_after not in text_before
    assert word_after in after.message["sv"].source


@pytest.mark.parametrize("rule_id", CATALOGUE)
def test_severity_validity_and_scope_match_the_catalogue(ruleset: RuleSet, rule_id: str) -> None:
    severity, start, end, region, _ = CATALOGUE[rule_id]
    rule = _rule(ruleset, rule_id)
    assert (rule.severity, rule.valid_from, rule.valid_to) == (severity, _date(start), _date(end))
    assert (rule.region, rule.vardval_system) == (region, None)


@pytest.mark.parametrize("rule_id", CATALOGUE)
def test_every_version_cites_what_the_catalogue_lists(ruleset: RuleSet, rule_id: str) -> None:
    rule = _rule(ruleset, rule_id)
    for version in rule.versions:
        missing = [c for c in CATALOGUE[rule_id][4] if not _cites(version.citations, c)]
        assert missing == [], f"{rule_id} from {version.valid_from} lacks {missing}"


@pytest.mark.parametrize("rule_id", FROM_REFORM)
def test_guarantee_rules_cite_the_listed_only_provision_from_the_reform(
        ruleset: RuleSet, rule_id: str) -> None:
    rule = _rule(ruleset, rule_id)
    after, before = rule.version_on(REFORM), rule.version_on(REFORM - dt.timedelta(days=1))
    assert after is not None and _cites(after.citations, FROM_REFORM[rule_id])
    assert before is not None and not _cites(before.citations, FROM_REFORM[rule_id])


def test_regional_rulebooks_lie_in_their_region_folder(ruleset: RuleSet) -> None:
    for book in ruleset.rulebooks:
        folder = pathlib.Path(book.file).parent
        expected = "national" if book.region is None else book.region
        assert folder.name == expected, book.file


@pytest.mark.parametrize("path", SUBMISSIONS, ids=lambda p: p.name)
def test_every_citation_of_every_finding_resolves_to_a_source_with_a_url(
        ruleset: RuleSet, path: pathlib.Path) -> None:
    result = check_intake(ruleset, load_submission(path))
    assert result.findings, f"{path.name} gave no findings"
    known = set(ruleset.registry.ids())
    for finding in result.findings:
        assert finding.citations, f"{finding.rule.id} has no citation"
        for citation in finding.citations:
            assert citation.source_id in known
            # An official address, or a page of the project's own docs (the submission format).
            assert citation.url.startswith(("https://", "http://", "docs/")), citation


@pytest.mark.parametrize("path", SUBMISSIONS, ids=lambda p: p.name)
def test_regional_rules_apply_only_in_their_region(ruleset: RuleSet, path: pathlib.Path) -> None:
    result = check_intake(ruleset, load_submission(path))
    assert result.clinic is not None
    region = result.clinic["region"]
    for finding in result.findings:
        if finding.rule.region not in (None, region):
            assert finding.status == "not_applicable", finding.rule.id
