"""Parsing of citations in every form the requirement catalogue uses."""

from __future__ import annotations

import pytest
from vardval.checker.sources.citation_syntax import (
    enclosing_keys,
    lagen_nu_anchor,
    parse_citation,
    provision_key,
)

# (written form, chapter, section, stycke, punkt): every statute form of spec/requirements.md
CATALOGUE_PROVISIONS = [
    ("HSL 9 kap. 1 § 1 st. 1 p.", "9", "1", 1, 1),
    ("HSL 9 kap. 1 § 1 st. 2 p.", "9", "1", 1, 2),
    ("HSL 9 kap. 1 § 2 st.", "9", "1", 2, None),
    ("HSF 6 kap. 1 § 1 p.", "6", "1", None, 1),
    ("HSF 6 kap. 1 § 2 p.", "6", "1", None, 2),
    ("VGF 2 § 2 p.", None, "2", None, 2),
    ("HSL 4 kap. 2 §", "4", "2", None, None),
    ("HSL 7 kap. 3 c §", "7", "3 c", None, None),
    ("HSL 7 kap. 3 b §", "7", "3 b", None, None),
    ("PL 6 kap. 3 §", "6", "3", None, None),
    ("PSL 3 kap. 5 §", "3", "5", None, None),
    ("PSL 3 kap. 10 §", "3", "10", None, None),
    ("PSL 3 kap. 8 d §", "3", "8 d", None, None),
    ("HSL 5 kap. 1 § 1 p.", "5", "1", None, 1),
    ("HSL 9 kap. 3 §", "9", "3", None, None),
]


@pytest.mark.parametrize(("text", "chapter", "section", "paragraph", "point"), CATALOGUE_PROVISIONS)
def test_catalogue_provisions_parse(
    text: str, chapter: str | None, section: str, paragraph: int | None, point: int | None
) -> None:
    ref = parse_citation(text)
    assert (ref.form, ref.chapter, ref.section, ref.paragraph, ref.point) == (
        "provision", chapter, section, paragraph, point,
    )  # fmt: skip
    assert ref.source == text.split(maxsplit=1)[0]
    assert ref.text == text
    assert ref.topic is None


def test_a_wording_is_kept_apart_from_the_provision() -> None:
    ref = parse_citation("HSF 6 kap. 1 § 2 p. (lydelse före 2019-01-01)")
    assert (ref.section, ref.point, ref.wording) == ("1", 2, "lydelse före 2019-01-01")
    assert ref.key == "6 kap. 1 § 2 p. (lydelse före 2019-01-01)"


@pytest.mark.parametrize(
    ("text", "section", "topic"),
    [
        ("KRO-UPPDRAG-2025", None, None),
        ("KRO-UPPDRAG-2025 (avvikelsehantering)", None, "avvikelsehantering"),
        ("KRO-UPPDRAG-2025 (medicin-/läkemedelskommittén)", None, "medicin-/läkemedelskommittén"),
        ("KRO-VARDVAL (listningstak)", None, "listningstak"),
        ("SKA-TELEFON (nivå 1)", None, "nivå 1"),
        ("VGR-KOK-VARDCENTRAL 6.2", "6.2", None),
        ("SUBMISSION-FORMAT", None, None),
        ("HSL", None, None),
    ],
)
def test_document_forms_parse(text: str, section: str | None, topic: str | None) -> None:
    ref = parse_citation(text)
    assert (ref.form, ref.section, ref.topic, ref.text) == ("document", section, topic, text)


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("HSL  7 kap.   3c §", "HSL 7 kap. 3 c §"),
        (" PSL 3 kap. 8d § ", "PSL 3 kap. 8 d §"),
        ("KRO-UPPDRAG-2025 ( avvikelsehantering )", "KRO-UPPDRAG-2025 (avvikelsehantering)"),
        ("HSL 13 a kap. 1 §", "HSL 13 a kap. 1 §"),
    ],
)
def test_whitespace_and_letter_sections_are_normalised(written: str, normal: str) -> None:
    assert parse_citation(written).text == normal


@pytest.mark.parametrize(
    "text",
    [
        "HSL 9 kap 1 §",
        "hsl 9 kap. 1 §",
        "HSL 9 kap. §",
        "HSL 9 kap. 1",
        "HSL 9 kap. 1 § 1 p. 1 st.",
        "HSL 9 kap. 1 § (note)",
        "KRO-UPPDRAG-2025 (unclosed",
        "KRO-UPPDRAG-2025 4.2 (topic)",
        "KRO-UPPDRAG-2025 ()",
        "",
        "HSL 9:1",
    ],
)
def test_malformed_citations_show_the_expected_form(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_citation(text)
    message = str(caught.value)
    assert message.startswith(f"invalid citation '{text}'; expected")
    assert "'HSL 9 kap. 1 § 1 st. 1 p.'" in message
    assert "'KRO-UPPDRAG-2025 (avvikelsehantering)'" in message


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("HSL 9 kap. 1 § 1 st. 1 p.", "K9P1S1N1"),
        ("HSL 9 kap. 1 § 2 st.", "K9P1S2"),
        ("HSF 6 kap. 1 § 1 p.", "K6P1S1N1"),  # a point alone is in the first stycke
        ("HSF 6 kap. 1 § 2 p.", "K6P1S1N2"),
        ("HSL 5 kap. 1 § 1 p.", "K5P1S1N1"),
        ("HSL 7 kap. 3 c §", "K7P3c"),
        ("PSL 3 kap. 8 d §", "K3P8d"),
        ("VGF 2 § 2 p.", "P2S1N2"),
        ("HSL", ""),
    ],
)
def test_lagen_nu_anchor_follows_lagen_nus_scheme(text: str, anchor: str) -> None:
    assert lagen_nu_anchor(parse_citation(text)) == anchor


def test_enclosing_keys_go_from_the_point_to_the_paragraph() -> None:
    assert enclosing_keys(parse_citation("HSL 4 kap. 2 § 1 st.")) == [
        "4 kap. 2 § 1 st.",
        "4 kap. 2 §",
    ]
    assert enclosing_keys(parse_citation("VGF 2 § 2 p.")) == ["2 § 2 p.", "2 §"]
    wording = parse_citation("HSF 6 kap. 1 § 2 p. (lydelse före 2019-01-01)")
    assert enclosing_keys(wording) == ["6 kap. 1 § 2 p. (lydelse före 2019-01-01)"]


def test_provision_key_normalises_and_refuses_non_provisions() -> None:
    assert provision_key("9 kap.  1 §  2 st.") == "9 kap. 1 § 2 st."
    with pytest.raises(ValueError, match=r"invalid provision '4\.2'"):
        provision_key("4.2")
