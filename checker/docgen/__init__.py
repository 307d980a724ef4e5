"""The docs site from the corpus: rule pages, catalogue, traceability, references."""

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

__all__ = ["GENERATED", "CliRun", "build_site", "expand", "extend_nav", "generate", "nav",
           "refresh_guides", "snippets"]
