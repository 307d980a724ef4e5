"""Every quote in ``rules/sources.yaml``: verbatim from a named consolidation, or marked unverified.

A statute passage quoted from its act's ``consolidation`` is compared with the consolidated text
in ``../shared/domain/statutes/`` (skipped, with the reason, when that folder is absent): each
part between "…" must appear, in order, in the text of the cited section, after markdown links
and line breaks are undone. A document quote read from the background pages (``BG``) is compared
the same way with ``../shared/domain/background/``. Every source records ``verified_through``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import vardval.rules
from vardval.checker.sources.citation_syntax import parse_citation
from vardval.checker.sources.records import DocumentSource, Passage, StatuteSource
from vardval.checker.sources.registry import SourceRegistry, load_sources

from tests.scripts import load_script

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
RULES = Path(vardval.rules.__file__).parent
SHARED = ROOT.parent / "shared" / "domain"
STATUTES, BACKGROUND = SHARED / "statutes", SHARED / "background"
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _script() -> ModuleType:
    return load_script("build_statute_structure")


def plain(text: str) -> str:
    """Markdown links undone, bullets and whitespace made single spaces."""
    return " ".join(_LINK.sub(r"\1", text).replace("•", " • ").split())


def quoted_in(quote: str, text: str) -> str | None:
    """The first part of ``quote`` (split at "…") not found, in order, in ``text``, or None."""
    position, haystack = 0, plain(text)
    for part in (plain(p) for p in quote.split("…")):
        if not part:
            continue
        found = haystack.find(part, position)
        if found < 0:
            return part
        position = found + len(part)
    return None


REGISTRY: SourceRegistry = load_sources(RULES / "sources.yaml")
SOURCES = {sid: REGISTRY.get(sid) for sid in REGISTRY.ids()}
STATUTE_QUOTES = [
    (sid, key, passage) for sid, source in SOURCES.items() if isinstance(source, StatuteSource)
    for key, passage in source.provisions.items()
]
DOCUMENT_QUOTES = [
    (sid, key, passage) for sid, source in SOURCES.items() if isinstance(source, DocumentSource)
    for key, passage in source.sections.items()
]


@pytest.mark.parametrize("source_id", SOURCES)
def test_every_source_records_verified_through(source_id: str) -> None:
    assert SOURCES[source_id].verified_through is not None, source_id


@pytest.mark.parametrize(("source_id", "key", "passage"), STATUTE_QUOTES + DOCUMENT_QUOTES,
                         ids=lambda v: v if isinstance(v, str) else "")
def test_every_quote_names_its_consolidation_or_says_why_it_is_unverified(
        source_id: str, key: str, passage: Passage) -> None:
    source = SOURCES[source_id]
    if passage.quoted_from == "consolidation":
        assert isinstance(source, StatuteSource) and source.consolidation is not None, (
            f"{source_id} {key} is quoted from a consolidation the source does not name")
        assert passage.verbatim, f"{source_id} {key}: a paraphrase is not quoted from a text"
    elif isinstance(source, StatuteSource) or (passage.verbatim and passage.quoted_from != "BG"):
        assert passage.unverified, (
            f"{source_id} {key} is quoted from {passage.quoted_from!r}: name the consolidation "
            "or say in `unverified` why it is not checked")


@pytest.mark.skipif(not STATUTES.is_dir(), reason="../shared/domain/statutes/ is not present")
@pytest.mark.parametrize(("source_id", "key", "passage"),
                         [q for q in STATUTE_QUOTES if q[2].quoted_from == "consolidation"],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_every_statute_quote_is_verbatim_in_its_consolidation(
        source_id: str, key: str, passage: Passage) -> None:
    source = SOURCES[source_id]
    assert isinstance(source, StatuteSource) and source.consolidation is not None
    text = (STATUTES / source.consolidation.file).read_text(encoding="utf-8")
    script = _script()
    assert f"publicerad_datum: {source.consolidation.published}" in text
    ref = parse_citation(f"{source_id} {key}")
    wordings = ["\n".join(lines) for chapter, number, lines, _ in script.sections(text)
                if (chapter, number) == (ref.chapter or "", ref.section)]
    assert wordings, f"{source_id} {key}: no such section in {source.consolidation.file}"
    missing = [quoted_in(passage.text, w) for w in wordings]
    assert None in missing, f"{source_id} {key}: not in the consolidation: {missing[0]!r}"


@pytest.mark.skipif(not BACKGROUND.is_dir(), reason="../shared/domain/background/ is not present")
@pytest.mark.parametrize(("source_id", "key", "passage"),
                         [q for q in DOCUMENT_QUOTES if q[2].quoted_from == "BG" and q[2].verbatim],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_every_background_quote_is_verbatim_in_a_background_page(
        source_id: str, key: str, passage: Passage) -> None:
    pages = [p.read_text(encoding="utf-8") for p in sorted(BACKGROUND.glob("*.txt"))]
    assert any(quoted_in(passage.text, page) is None for page in pages), (
        f"{source_id} ({key}) is not verbatim in any page of ../shared/domain/background/")


def test_the_comparison_can_fail() -> None:
    section = "Vårdgivaren ska [anmäla](#x) händelser.\n\nAnmälan ska göras snarast."
    whole = "Vårdgivaren ska anmäla händelser. … Anmälan ska göras snarast."
    assert quoted_in(whole, section) is None
    assert quoted_in("Anmälan ska göras snarast. … Vårdgivaren ska", section) == "Vårdgivaren ska"
    assert quoted_in("Vårdgivaren bör anmäla", section) == "Vårdgivaren bör anmäla"
