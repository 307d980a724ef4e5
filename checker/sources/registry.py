"""The registry of legal sources and the resolution of citations against it.

A rule cites ``HSL 9 kap. 1 § 1 st. 1 p.`` or ``KRO-UPPDRAG-2025 (avvikelsehantering)``
(syntax: ``checker/citation_syntax.py``); resolving it against ``rules/sources.yaml`` gives what a
finding shows: the normalised text, the source's label and title, a link to the provision and,
where the registry has it, the provision's text and whether that text is verbatim.
A resolved citation always has a URL: for statutes a lagen.nu anchor to the provision
(``https://lagen.nu/2017:30#K9P1S1N1``), for documents the document's or section's address.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import vardval.rules
from vardval.checker.sources import structure as statute_structure
from vardval.checker.sources.records import DocumentSource, Passage, Source, StatuteSource
from vardval.checker.sources.structure import StatuteIndex

# The citation syntax and the wording of problems (``Refused`` among them) are imported where a
# citation is parsed or a problem worded: a check with the load cache warm unpickles a registry
# and uses neither (issue 21).
if TYPE_CHECKING:
    from collections.abc import Mapping

    from vardval.checker.sources.citation_syntax import CitationRef
    from vardval.checker.sources.words import SourceSaid

__all__ = [
    "Provision",
    "ResolvedCitation",
    "SourceRegistry",
    "citation_source_label",
    "load_sources",
]


@dataclass(frozen=True, slots=True)
class ResolvedCitation:
    """A citation ready for a finding; ``source`` is the label results JSON shows."""

    text: str
    source_id: str
    source: str
    title: str
    url: str
    act_url: str
    quote: str | None = None
    quote_is_verbatim: bool = False


@dataclass(frozen=True, slots=True)
class Provision:
    """One provision or section whose text the registry holds, for the traceability page."""

    source_id: str
    citation: str
    text: str
    verbatim: bool
    quoted_from: str
    url: str
    in_force_from: str | None = None


def load_sources(path: Path) -> SourceRegistry:
    """Read ``rules/sources.yaml``; all problems, located, in one ``RuleLoadError``.

    Statute citations are checked against the structure index beside it (else the bundled one).
    """
    # pydantic only when a file is read: a registry from the load cache is records (issue 21)
    from vardval.checker.sources import loading  # noqa: PLC0415

    index = statute_structure.index_for(path.parent, Path(vardval.rules.__file__).parent)
    return SourceRegistry(loading.read_sources(path, index), index)


def citation_source_label(source: Source) -> str:
    """The label of a source in results: ``SFS 2017:30`` for a statute, else the title.

    Example:
        >>> from vardval.checker.sources.records import Localized
        >>> title = Localized(sv="Hälso- och sjukvårdslag", en="Health and Medical Services Act")
        >>> citation_source_label(StatuteSource(kind="statute", sfs="2017:30", short="HSL",
        ...     title=title, chapters=True, url="https://lagen.nu/2017:30"))
        'SFS 2017:30'
    """
    if isinstance(source, StatuteSource):
        return f"SFS {source.sfs}"
    return source.title.sv


class SourceRegistry:
    """The sources of ``rules/sources.yaml`` by id; resolves citations against them."""

    def __init__(self, sources: Mapping[str, Source], index: StatuteIndex | None = None) -> None:
        self._sources = dict(sources)
        self._index = index or StatuteIndex({})
        self._passages = {sid: _passages_of(src) for sid, src in self._sources.items()}

    def ids(self) -> tuple[str, ...]:
        """All source ids, sorted."""
        return tuple(sorted(self._sources))

    def get(self, source_id: str) -> Source:
        """The source with this id; ``KeyError`` with a suggestion otherwise."""
        if source_id not in self._sources:
            from vardval.checker.sources.words import SourceSaid  # noqa: PLC0415 - see the top

            raise KeyError(SourceSaid("unknown-source-id", (
                source_id, self._unknown(source_id))).words("en"))
        return self._sources[source_id]

    def resolve_text(self, text: str) -> ResolvedCitation:
        """Parse and resolve in one step; ``ValueError`` for either kind of problem."""
        from vardval.checker.sources.citation_syntax import parse_citation  # noqa: PLC0415

        return self.resolve(parse_citation(text))

    def resolve(self, ref: CitationRef) -> ResolvedCitation:
        """Resolve a parsed citation, or raise ``ValueError`` saying why it does not fit."""
        if ref.source not in self._sources:
            from vardval.checker.reading import Refused  # noqa: PLC0415 - see the top
            from vardval.checker.sources.words import SourceSaid  # noqa: PLC0415

            raise Refused(SourceSaid("unknown-source", (ref.source, self._unknown(ref.source),
                                                        ref.text)))
        source = self._sources[ref.source]
        if isinstance(source, StatuteSource):
            return self._resolve_statute(ref, source)
        return self._resolve_document(ref, source)

    def provisions_for(self, source_id: str) -> tuple[Provision, ...]:
        """The provisions or sections of one source that have text, in file order."""
        source = self.get(source_id)
        items = self._passages[source_id].items()
        return tuple(_provision(source_id, source, key, passage) for key, passage in items)

    def _unknown(self, source_id: str) -> SourceSaid:
        """What to write instead of an unknown source id: a close one, or where ids are."""
        import difflib  # noqa: PLC0415 - only to suggest a name

        from vardval.checker.sources.words import SourceSaid, close_hint  # noqa: PLC0415

        close = difflib.get_close_matches(source_id, self._sources, n=1)
        return close_hint(close[0] if close else None, SourceSaid("hint-sources-file"))

    def _resolve_statute(self, ref: CitationRef, source: StatuteSource) -> ResolvedCitation:
        from vardval.checker.sources.citation_syntax import enclosing_keys  # noqa: PLC0415

        _check_statute_form(ref, source)
        provision = ref.form == "provision"
        if provision and (problem := self._index.problem(ref, source.sfs, ref.source)):
            from vardval.checker.reading import Refused  # noqa: PLC0415 - see the top

            raise Refused(problem)
        passages = self._passages[ref.source]
        passage = next((passages[key] for key in enclosing_keys(ref) if key in passages), None)
        return _resolved(ref, source, _statute_url(ref, source, passage), passage)

    def _resolve_document(self, ref: CitationRef, source: DocumentSource) -> ResolvedCitation:
        if ref.form == "provision":
            from vardval.checker.reading import Refused  # noqa: PLC0415 - see the top
            from vardval.checker.sources.words import SourceSaid  # noqa: PLC0415

            raise Refused(SourceSaid("document-not-statute", (ref.source, ref.text)))
        if ref.section is None and ref.topic is None:
            return _resolved(ref, source, source.url, None)
        passage = _document_passage(self._passages[ref.source], ref)
        return _resolved(ref, source, passage.url or source.url, passage)


def _resolved(
    ref: CitationRef, source: Source, url: str, passage: Passage | None
) -> ResolvedCitation:
    quote = passage.text.strip() if passage is not None else None
    verbatim = passage.verbatim if passage is not None else False
    label = citation_source_label(source)
    return ResolvedCitation(ref.text, ref.source, label, source.title.sv, url, source.url,
                            quote, verbatim)  # fmt: skip


def _check_statute_form(ref: CitationRef, source: StatuteSource) -> None:
    """A statute is cited whole (``HSL``) or by provision, with chapters iff it has them."""
    from vardval.checker.reading import Refused  # noqa: PLC0415 - see the top
    from vardval.checker.sources.words import SourceSaid  # noqa: PLC0415

    example = f"{ref.source} {'1 kap. ' if source.chapters else ''}1 §"
    if ref.form == "document" and (ref.topic or ref.section):
        raise Refused(SourceSaid("statute-not-document", (ref.source, example, ref.text)))
    if ref.form == "provision" and source.chapters != (ref.chapter is not None):
        need = "needs-chapters" if source.chapters else "has-no-chapters"
        raise Refused(SourceSaid(need, (ref.source, example, ref.text)))


def _statute_url(ref: CitationRef, source: StatuteSource, passage: Passage | None) -> str:
    """A lagen.nu anchor for today's wording; an older wording links to its own text (the
    passage's ``url``, else the act's ``url``), never to today's text as if it were the old."""
    if ref.wording is not None:
        return passage.url if passage is not None and passage.url else source.url
    if source.lagen_nu is None:
        return source.url
    from vardval.checker.sources.citation_syntax import lagen_nu_anchor  # noqa: PLC0415

    anchor = lagen_nu_anchor(ref)
    return f"{source.lagen_nu}#{anchor}" if anchor else source.lagen_nu


def _document_passage(passages: Mapping[str, Passage], ref: CitationRef) -> Passage:
    key = (ref.section or ref.topic or "").casefold()
    if key in passages:
        return passages[key]
    from vardval.checker.reading import Refused  # noqa: PLC0415 - see the top
    from vardval.checker.sources.words import SourceSaid, close_hint  # noqa: PLC0415

    listed: str | SourceSaid = ", ".join(sorted(passages)) or SourceSaid("none-listed")
    if ref.section is not None:
        raise Refused(SourceSaid("section-unlisted", (ref.section, ref.source, listed)))
    import difflib  # noqa: PLC0415 - only to suggest a name

    close = difflib.get_close_matches(key, passages, n=1)
    hint = close_hint(f"{ref.source} ({close[0]})" if close else None,
                      SourceSaid("hint-topics", (listed,)))
    raise Refused(SourceSaid("unknown-topic", (ref.topic, ref.source, hint)))


def _passages_of(source: Source) -> dict[str, Passage]:
    """Passages keyed as citations look them up: normalised provisions, case-folded topics."""
    from vardval.checker.sources.citation_syntax import provision_key  # noqa: PLC0415

    if isinstance(source, StatuteSource):
        return {provision_key(key): p for key, p in source.provisions.items()}
    return {" ".join(key.split()).casefold(): p for key, p in source.sections.items()}


def _provision(source_id: str, source: Source, key: str, passage: Passage) -> Provision:
    from vardval.checker.sources.citation_syntax import (  # noqa: PLC0415
        SECTION_NUMBER,
        parse_citation,
    )

    if isinstance(source, StatuteSource):
        citation = f"{source_id} {key}"
        url = _statute_url(parse_citation(citation), source, passage)
    else:
        numbered = SECTION_NUMBER.fullmatch(key) is not None
        citation = f"{source_id} {key}" if numbered else f"{source_id} ({key})"
        url = passage.url or source.url
    when = passage.in_force_from.isoformat() if passage.in_force_from else None
    return Provision(source_id, citation, passage.text.strip(), passage.verbatim,
                     passage.quoted_from, url, when)  # fmt: skip
