"""The docs site from the corpus: rule pages, catalogue, traceability, references."""

from typing import TYPE_CHECKING

from vardval.checker.faces import lazy_face

if TYPE_CHECKING:
    from vardval.checker.docgen.logic import Uses, layout, uses
    from vardval.checker.docgen.reference import CliRun
    from vardval.checker.docgen.site import (
        GENERATED,
        build_site,
        expand,
        extend_nav,
        generate,
        nav,
        refresh_guides,
        snippets,
    )

__getattr__, __dir__ = lazy_face(__name__, __file__)

__all__ = ["GENERATED", "CliRun", "Uses", "build_site", "expand", "extend_nav", "generate",
           "layout", "nav", "refresh_guides", "snippets", "uses"]
