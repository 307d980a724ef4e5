"""The written form of a citation: parsing, normalising, and the lagen.nu anchor of a provision.

Two forms, both from the requirement catalogue:

- a provision of a statute: ``HSL 9 kap. 1 § 1 st. 1 p.``, ``PSL 3 kap. 8 d §``, ``VGF 2 § 2 p.``
  (an act without chapters), optionally naming a wording:
  ``HSF 6 kap. 1 § 2 p. (lydelse före 2019-01-01)``;
- a document: ``KRO-UPPDRAG-2025``, ``KRO-UPPDRAG-2025 (avvikelsehantering)`` or, only where the
  registry lists the number, ``SOURCE-ID 4.2``.

Parsing knows no sources; whether a citation fits its source is ``checker/citations.py``'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from vardval.checker.reading import Refused
from vardval.checker.sources.words import SourceSaid

_ID = r"(?P<source>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)"
_NUMBER = r"\d+(?: ?[a-z])?"
_PROVISION = re.compile(
    rf"{_ID}(?: (?P<chapter>{_NUMBER}) kap\.)? (?P<section>{_NUMBER}) §"
    r"(?: (?P<paragraph>\d+) st\.)?(?: (?P<point>\d+) p\.)?(?: \((?P<wording>lydelse [^()]+)\))?"
)
_DOCUMENT = re.compile(rf"{_ID}(?: (?P<number>\d+(?:\.\d+)*)| \((?P<topic>[^()]+)\))?")
SECTION_NUMBER = re.compile(r"\d+(?:\.\d+)*")


@dataclass(frozen=True, slots=True)
class CitationRef:
    """A parsed citation; ``text`` is its normalised human form.

    ``form`` tells a statute provision (``§``) from a document reference; ``section`` is the
    provision's paragraph (``3 c``) or the document's section number (``4.2``); ``paragraph``
    is the stycke, ``point`` the punkt, ``wording`` an explicit version of the provision.
    """

    source: str
    form: Literal["provision", "document"]
    chapter: str | None = None
    section: str | None = None
    paragraph: int | None = None
    point: int | None = None
    topic: str | None = None
    wording: str | None = None
    text: str = ""

    @property
    def key(self) -> str:
        """The citation without its source id, as the registry keys provisions and sections."""
        return self.text.removeprefix(self.source).strip()


def parse_citation(text: str) -> CitationRef:
    """Parse one citation, or raise ``ValueError`` showing the expected forms.

    Example:
        >>> ref = parse_citation("PSL 3 kap. 8 d §")
        >>> (ref.source, ref.chapter, ref.section, ref.text)
        ('PSL', '3', '8 d', 'PSL 3 kap. 8 d §')
        >>> parse_citation("KRO-UPPDRAG-2025  (avvikelsehantering)").topic
        'avvikelsehantering'
    """
    normal = " ".join(text.split())
    if match := _PROVISION.fullmatch(normal):
        return _provision(match)
    if match := _DOCUMENT.fullmatch(normal):
        return _document(match)
    raise Refused(SourceSaid("invalid-citation", (text,)))


def _letter(number: str | None) -> str | None:
    """``3c`` and ``3 c`` are the same paragraph; the catalogue writes ``3 c``."""
    return None if number is None else re.sub(r"(\d)\s?([a-z])", r"\1 \2", number)


def _provision(match: re.Match[str]) -> CitationRef:
    parts = match.groupdict()
    chapter, section = _letter(parts["chapter"]), _letter(parts["section"])
    paragraph = int(parts["paragraph"]) if parts["paragraph"] else None
    point = int(parts["point"]) if parts["point"] else None
    words = [parts["source"], _provision_words(chapter, section or "", paragraph, point)]
    words += [f"({parts['wording']})"] if parts["wording"] else []
    text = " ".join(words)
    return CitationRef(
        parts["source"], "provision", chapter, section, paragraph, point, None,
        parts["wording"], text,
    )  # fmt: skip


def _document(match: re.Match[str]) -> CitationRef:
    source, number, topic = match.group("source", "number", "topic")
    topic = topic.strip() if topic else None
    words = [source] + ([number] if number else []) + ([f"({topic})"] if topic else [])
    return CitationRef(source, "document", section=number, topic=topic, text=" ".join(words))


def lagen_nu_anchor(ref: CitationRef) -> str:
    """The lagen.nu fragment of a provision: K<kap>P<§>S<stycke>N<punkt>.

    lagen.nu mints no fragment for a point without its stycke: a point cited alone is in the
    first stycke (its own example: "58 kap. 1 § första stycket 3 p." is ``#K58P1S1N3``).

    Example:
        >>> lagen_nu_anchor(parse_citation("HSL 7 kap. 3 c §"))
        'K7P3c'
        >>> lagen_nu_anchor(parse_citation("VGF 2 § 2 p."))
        'P2S1N2'
        >>> lagen_nu_anchor(parse_citation("HSF 6 kap. 1 § 1 p."))
        'K6P1S1N1'
    """
    paragraph = ref.paragraph or (1 if ref.point else None)
    parts = [("K", ref.chapter), ("P", ref.section), ("S", paragraph), ("N", ref.point)]
    return "".join(f"{tag}{str(value).replace(' ', '')}" for tag, value in parts if value)


def _provision_words(chapter: str | None, section: str, paragraph: int | None,
                     point: int | None) -> str:  # fmt: skip
    words = [f"{chapter} kap."] if chapter else []
    words += [f"{section} §"]
    words += [f"{paragraph} st."] if paragraph else []
    words += [f"{point} p."] if point else []
    return " ".join(words)


def enclosing_keys(ref: CitationRef) -> list[str]:
    """Keys of the cited provision and of the parts containing it, smallest first.

    A citation of an explicit wording is only its own key: another wording's text would not
    be a quote of it.

    Example:
        >>> enclosing_keys(parse_citation("HSL 9 kap. 1 § 1 st. 1 p."))
        ['9 kap. 1 § 1 st. 1 p.', '9 kap. 1 § 1 st.', '9 kap. 1 §']
    """
    if ref.wording is not None or ref.form == "document" or ref.section is None:
        return [ref.key]
    cuts = [(ref.paragraph, ref.point), (ref.paragraph, None), (None, None)]
    keys = [_provision_words(ref.chapter, ref.section, para, point) for para, point in cuts]
    return list(dict.fromkeys(keys))


def provision_key(text: str) -> str:
    """The normal form of a provision written without its act, as ``sources.yaml`` keys them.

    Example:
        >>> provision_key("7 kap.  3c §")
        '7 kap. 3 c §'
    """
    ref = parse_citation(f"ACT {text}")
    if ref.form != "provision":
        raise Refused(SourceSaid("invalid-provision-text", (text,)))
    return ref.key
