"""Legal sources and citations: the registry of acts and rule books, parsed citations, links."""

from typing import TYPE_CHECKING

from vardval.checker.faces import lazy_face

if TYPE_CHECKING:
    from vardval.checker.sources import models, records
    from vardval.checker.sources.citation_syntax import CitationRef, lagen_nu_anchor, parse_citation
    from vardval.checker.sources.models import SOURCE_MODELS, IsoDate
    from vardval.checker.sources.registry import (
        Provision,
        ResolvedCitation,
        SourceRegistry,
        citation_source_label,
        load_sources,
    )
    from vardval.checker.sources.words import SourceSaid, real_date

__getattr__, __dir__ = lazy_face(__name__, __file__)

__all__ = [
    "SOURCE_MODELS",
    "CitationRef",
    "IsoDate",
    "Provision",
    "ResolvedCitation",
    "SourceRegistry",
    "SourceSaid",
    "citation_source_label",
    "lagen_nu_anchor",
    "load_sources",
    "models",
    "parse_citation",
    "real_date",
    "records",
]
