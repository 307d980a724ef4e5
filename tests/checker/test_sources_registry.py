"""The shipped source registry: every catalogue citation resolves to a link (and a quote)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import vardval.rules
from vardval.checker.errors import RuleLoadError
from vardval.checker.sources.citation_syntax import parse_citation
from vardval.checker.sources.registry import SourceRegistry, load_sources

RULES = Path(vardval.rules.__file__).parent
LEGAL_SOURCES = Path(__file__).parents[3] / "shared" / "domain" / "legal-sources.md"

# Every rule of spec/requirements.md with the citation strings its rule file writes.
CATALOGUE = {
    "VG-KONTAKT": ["HSL 9 kap. 1 § 1 st. 1 p.", "HSF 6 kap. 1 § 1 p.", "HSL 9 kap. 1 § 2 st."],
    "VG-BEDOMNING": ["HSL 9 kap. 1 § 1 st. 2 p.", "HSF 6 kap. 1 § 2 p.", "HSL 9 kap. 1 § 2 st."],
    "VG-LAKARBESOK": ["VGF 2 § 2 p.", "HSF 6 kap. 1 § 2 p. (lydelse före 2019-01-01)"],
    "VC-VERKSAMHETSCHEF": ["HSL 4 kap. 2 §"],
    "LIST-TAK-BESLUT": ["HSL 7 kap. 3 c §"],
    "LIST-BYTEN": ["HSL 7 kap. 3 b §"],
    "FLK-ANDEL": ["PL 6 kap. 3 §", "GNV-2021 (fast läkarkontakt)"],
    "PS-LEX-MARIA": ["PSL 3 kap. 5 §"],
    "PS-BERATTELSE": ["PSL 3 kap. 10 §"],
    "DQ-KONTAKT": ["SUBMISSION-FORMAT (accessibility.contacts)"],
    "DQ-BEDOMNING": ["SUBMISSION-FORMAT (accessibility.assessments)"],
    "KRO-VARDFORMER": ["KRO-VARDVAL (primärvårdsreformen)", "KRO-UPPDRAG-2025"],
    "KRO-SYNERGI": ["KRO-UPPDRAG-2025 (avvikelsehantering)"],
    "KRO-KVALITETSREGISTER": ["KRO-UPPDRAG-2025 (kvalitetsregister)"],
    "KRO-KVALITETSINDIKATORER": ["KRO-KVALITETSINDIKATORER-2025"],
    "KRO-TAK-FRIST": ["KRO-VARDVAL (listningstak)", "HSL 7 kap. 3 c §"],
    "KRO-TAK-UNDERLAG": ["KRO-VARDVAL (listningstak)"],
    "KRO-TAK-SKAL": ["KRO-VARDVAL (listningstak)"],
    "KRO-TAK-GRANS": ["KRO-VARDVAL (listningstak)", "HSL 7 kap. 3 c §"],
    "KRO-TAK-PASSIV": ["KRO-VARDVAL (listningstak)"],
    "KRO-TAK-AVLISTNING": ["KRO-VARDVAL (listningstak)"],
    "KRO-TAK-EGEN-LISTNING": ["KRO-VARDVAL (listningstak)"],
    "KRO-TAK-INFORMATION": ["KRO-VARDVAL (listningstak)"],
    "KRO-TAK-OMPROVNING": ["KRO-VARDVAL (listningstak)"],
    "KRO-MOMS": ["KRO-EKONOMI-2025 (momskompensation)", "KRO-VARDVAL (momskompensation)"],
    "KRO-HYGIEN": ["KRO-UPPDRAG-2025 (vårdhygieniska föreskrifter)", "HSL 5 kap. 1 § 1 p."],
    "KRO-RECEPTKODER": ["KRO-UPPDRAG-2025 (receptkoder)"],
    "KRO-PATIENTNAMND": ["KRO-UPPDRAG-2025 (patientnämnden)", "PSL 3 kap. 8 d §"],
    "KRO-LAKEMEDEL": ["KRO-UPPDRAG-2025 (medicin-/läkemedelskommittén)"],
    "KRO-VARDPROGRAM": ["KRO-UPPDRAG-2025 (vårdprogram och riktlinjer)"],
    "VGR-VARDHYGIEN": ["VGR-KOK-VARDCENTRAL (vårdhygien)", "HSL 5 kap. 1 § 1 p."],
    "VGR-VANTETIDSDATA": ["VGR-VARDGARANTI-2019", "HSL 9 kap. 3 §"],
    "SKA-TELEFON-2H": ["SKA-TELEFON (nivå 1)"],
    "SKA-TELEFON-15MIN": ["SKA-TELEFON (nivå 2)"],
}
ALL_CITATIONS = sorted({text for texts in CATALOGUE.values() for text in texts})


@pytest.fixture(scope="module")
def registry() -> SourceRegistry:
    return load_sources(RULES / "sources.yaml")


def test_the_catalogue_list_covers_every_rule_of_the_catalogue() -> None:
    assert len(CATALOGUE) == 34


@pytest.mark.parametrize("text", ALL_CITATIONS)
def test_every_catalogue_citation_resolves_with_a_link(registry: SourceRegistry, text: str) -> None:
    resolved = registry.resolve_text(text)
    assert resolved.text == text
    assert resolved.url
    assert resolved.source and resolved.title
    if resolved.source_id != "SUBMISSION-FORMAT":
        assert resolved.url.startswith("https://")


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("HSL 9 kap. 1 § 1 st. 1 p.", "https://lagen.nu/2017:30#K9P1S1N1"),
        ("HSL 9 kap. 1 § 2 st.", "https://lagen.nu/2017:30#K9P1S2"),
        ("HSL 7 kap. 3 c §", "https://lagen.nu/2017:30#K7P3c"),
        ("HSF 6 kap. 1 § 1 p.", "https://lagen.nu/2017:80#K6P1S1N1"),
        ("PL 6 kap. 3 §", "https://lagen.nu/2014:821#K6P3"),
        ("PSL 3 kap. 8 d §", "https://lagen.nu/2010:659#K3P8d"),
        ("VGF 2 § 2 p.", "https://lagen.nu/2010:349#P2S1N2"),
        ("HSL", "https://lagen.nu/2017:30"),
        ("SFS-2022-273", "https://rkrattsdb.gov.se/SFSdoc/22/220273.pdf"),
        (
            "KRO-UPPDRAG-2025 (avvikelsehantering)",
            "https://www.regionkronoberg.se/vardgivare/vardadministration/vardval/vardval-primarvard",
        ),
        (
            "VGR-KOK-VARDCENTRAL 6.2",
            (
                "https://hh.vgregion.se/halsa-och-vard/vardgivarwebben/uppdrag-och-avtal/"
                "vardval-vardcentral/ersattningsmodell-vg-primarvard/"
            ),
        ),
    ],
)
def test_urls_are_exact(registry: SourceRegistry, text: str, url: str) -> None:
    assert registry.resolve_text(text).url == url


def test_statutes_are_labelled_by_sfs_number_and_expose_the_official_page(
    registry: SourceRegistry,
) -> None:
    resolved = registry.resolve_text("HSL 9 kap. 1 § 1 st. 1 p.")
    assert resolved.source == "SFS 2017:30"
    assert resolved.title == "Hälso- och sjukvårdslag (2017:30)"
    # the consolidated text, not the original print of 2017 (audit E8)
    assert resolved.act_url == "https://rkrattsbaser.gov.se/sfst?bet=2017:30"


def test_documents_are_labelled_by_title(registry: SourceRegistry) -> None:
    resolved = registry.resolve_text("KRO-UPPDRAG-2025 (avvikelsehantering)")
    assert resolved.source == "Uppdragsspecifikation Vårdval Kronoberg primärvård 2025"


def test_verbatim_provision_text_is_quoted(registry: SourceRegistry) -> None:
    resolved = registry.resolve_text("HSL 7 kap. 3 c §")
    assert resolved.quote_is_verbatim
    assert resolved.quote is not None
    assert resolved.quote.startswith("På begäran av en sådan utförare som avses i 3 a §")
    assert resolved.quote.endswith("endast om det finns särskilda skäl.")


def test_a_paraphrase_is_never_passed_off_as_verbatim(registry: SourceRegistry) -> None:
    resolved = registry.resolve_text("HSF 6 kap. 1 § 2 p. (lydelse före 2019-01-01)")
    assert resolved.quote is not None
    assert not resolved.quote_is_verbatim
    assert not registry.resolve_text("KRO-EKONOMI-2025 (momskompensation)").quote_is_verbatim


def test_the_3_day_guarantee_is_quoted_verbatim_in_the_wording_of_2019(
        registry: SourceRegistry) -> None:
    resolved = registry.resolve_text("HSF 6 kap. 1 § 2 p.")
    assert resolved.quote_is_verbatim
    assert resolved.quote is not None
    assert resolved.quote.startswith("2. en medicinsk bedömning av läkare eller annan")
    assert "(bedömningsgaranti inom primärvården)" in resolved.quote


def test_a_wording_gets_its_own_text_not_the_current_one(registry: SourceRegistry) -> None:
    old = registry.resolve_text("HSF 6 kap. 1 § 2 p. (lydelse före 2019-01-01)")
    new = registry.resolve_text("HSF 6 kap. 1 § 2 p.")
    assert old.quote is not None
    assert "7 days" in old.quote
    assert old.quote != new.quote
    # lagen.nu shows today's text: an older wording never links there as if it were the old one
    assert not old.url.startswith("https://lagen.nu/")
    assert new.url == "https://lagen.nu/2017:80#K6P1S1N2"


def test_a_part_of_a_quoted_provision_gets_the_enclosing_text(registry: SourceRegistry) -> None:
    whole = registry.resolve_text("HSL 4 kap. 2 §")
    part = registry.resolve_text("HSL 4 kap. 2 § 1 st.")
    assert part.quote == whole.quote
    assert part.url == "https://lagen.nu/2017:30#K4P2S1"


def test_a_provision_without_text_resolves_without_a_quote(registry: SourceRegistry) -> None:
    resolved = registry.resolve_text("HSL 9 kap. 1 §")
    assert (resolved.quote, resolved.url) == (None, "https://lagen.nu/2017:30#K9P1")


def test_every_source_resolves_whole_with_a_url(registry: SourceRegistry) -> None:
    for source_id in registry.ids():
        assert registry.resolve(parse_citation(source_id)).url


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("HSLL 9 kap. 1 §", "unknown source 'HSLL'; did you mean 'HSL'?"),
        ("KRO-UPPDRAG-2024", "unknown source 'KRO-UPPDRAG-2024'; did you mean 'KRO-UPPDRAG-2025'?"),
        ("HSL 1 §", "'HSL' is divided into chapters; write e.g. 'HSL 1 kap. 1 §' (got 'HSL 1 §')"),
        ("VGF 2 kap. 2 §", "'VGF' has no chapters; write e.g. 'VGF 1 §' (got 'VGF 2 kap. 2 §')"),
        ("HSL (vårdgaranti)", "'HSL' is a statute; cite a provision such as 'HSL 1 kap. 1 §'"),
        ("KRO-VARDVAL 3 §", "'KRO-VARDVAL' is a document, not a statute"),
        ("KRO-VARDVAL (listningstack)", "did you mean 'KRO-VARDVAL (listningstak)'?"),
        ("KRO-UPPDRAG-2025 4.2", "section 4.2 is not listed for 'KRO-UPPDRAG-2025'"),
        (
            "KRO-KVALITETSINDIKATORER-2025 (x)",
            "unknown topic 'x' of 'KRO-KVALITETSINDIKATORER-2025'",
        ),
    ],
)
def test_citations_that_do_not_fit_are_refused(
    registry: SourceRegistry, text: str, message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        registry.resolve_text(text)


def test_provisions_for_lists_quoted_texts_with_links(registry: SourceRegistry) -> None:
    provisions = {p.citation: p for p in registry.provisions_for("HSL")}
    cap = provisions["HSL 7 kap. 3 c §"]
    assert (cap.url, cap.verbatim, cap.in_force_from) == (
        "https://lagen.nu/2017:30#K7P3c", True, "2022-07-01",
    )  # fmt: skip
    telephone = [p.citation for p in registry.provisions_for("SKA-TELEFON")]
    assert telephone == ["SKA-TELEFON (nivå 1)", "SKA-TELEFON (nivå 2)"]
    assert [p.citation for p in registry.provisions_for("VGR-KOK-VARDCENTRAL")][1] == (
        "VGR-KOK-VARDCENTRAL 6.2"
    )


def test_unknown_source_lookup_suggests(registry: SourceRegistry) -> None:
    with pytest.raises(KeyError, match="did you mean 'PSL'"):
        registry.get("PSK")


@pytest.mark.skipif(not LEGAL_SOURCES.exists(), reason="shared/domain/legal-sources.md not present")
def test_every_verbatim_text_is_copied_from_the_legal_research(registry: SourceRegistry) -> None:
    """Quotes of a consolidation or a background page are compared with those texts in
    ``test_source_quotes.py``; every other verbatim text is in the research or the audit."""
    texts = [LEGAL_SOURCES, LEGAL_SOURCES.with_name("legal-audit-2026-12.md")]
    research = " ".join(" ".join(t.read_text(encoding="utf-8").split()) for t in texts)
    for source_id in registry.ids():
        for provision in registry.provisions_for(source_id):
            if provision.verbatim and provision.quoted_from not in {"consolidation", "BG"}:
                for piece in provision.text.split("…"):
                    assert " ".join(piece.split()) in research, (provision.citation, piece)


BAD_SOURCES = """\
sources:
  HSL:
    kind: statute
    sfs: "2017-30"
    short: HSL
    title: {sv: Hälso- och sjukvårdslag, en: Health Act}
    chapters: true
    url: https://lagen.nu/2017:30
    provisions:
      "1 §": {text: x, verbatim: true, quoted_from: S1}
      "4 kap. 2 §": {text: x, verbatim: yes please, quoted_from: S1}
  VGF:
    kind: statute
    sfs: "2010:349"
    short: VGF
    title: {sv: Förordning, en: Ordinance}
    chapters: false
    url: https://lagen.nu/2010:349
    colour: blue
    provisions:
      "2 kap. 2 §": {text: x, verbatim: true, quoted_from: S8}
  kro-page:
    kind: webpage
  DOC:
    kind: document
    issuer: Region
    title: {sv: Dok, en: Doc}
    url: ftp://example
    read_from: page
    sections:
      "a (b)": {text: x, verbatim: false, quoted_from: BG}
  DOC:
    kind: document
"""


def test_yaml_problems_are_located(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(BAD_SOURCES, encoding="utf-8")
    with pytest.raises(RuleLoadError) as caught:
        load_sources(path)
    found = [(d.code, d.span.line, d.span.column) for d in caught.value.diagnostics if d.span]
    assert found == [("duplicate-key", 32, 3)]
    assert str(caught.value).startswith(f"{path}:32:3: duplicate key 'DOC'")


def test_every_other_problem_is_reported_at_once_in_reading_order(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(BAD_SOURCES.rsplit("  DOC:\n    kind: document\n", 1)[0], encoding="utf-8")
    with pytest.raises(RuleLoadError) as caught:
        load_sources(path)
    found = [(d.span.line, d.span.column, d.code) for d in caught.value.diagnostics if d.span]
    assert found == [
        (4, 10, "invalid-value"),  # sfs "2017-30"
        (10, 7, "invalid-provision"),  # "1 §" without a chapter in a chaptered act
        (11, 41, "invalid-value"),  # verbatim: yes please
        (19, 5, "unknown-key"),  # unknown field colour
        (21, 7, "invalid-provision"),  # a chapter in an act without chapters
        (22, 3, "invalid-source-id"),  # kro-page
        (23, 11, "invalid-value"),  # kind: webpage
        (28, 10, "invalid-value"),  # ftp URL
        (31, 7, "invalid-section"),  # a topic with parentheses
    ]
    text = str(caught.value)
    sfs = "sources.HSL.sfs: invalid value '2017-30'; expected an SFS number in quotes"
    assert f'{sfs}, e.g. "2017:30"' in text
    assert "unknown key 'colour' in sources.VGF" in text
    assert "provision '2 kap. 2 §': VGF has no chapters; expected e.g. '2 § 2 p.'" in text
    assert "   19 |     colour: blue" in text
