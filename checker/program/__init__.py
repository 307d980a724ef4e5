"""The corpus compiled to Python, and the load cache: ``load_ruleset`` is the loader to use."""

from typing import TYPE_CHECKING

from vardval.checker.faces import lazy_face

if TYPE_CHECKING:
    from vardval.checker.program import cache, loader, pickling, units
    from vardval.checker.program.loader import load_ruleset, program_of
    from vardval.checker.program.schema_store import use_schema_cache
    from vardval.checker.program.units import Program, build, placeholder_function, placeholders

__getattr__, __dir__ = lazy_face(__name__, __file__)

__all__ = [
    "Program",
    "build",
    "cache",
    "load_ruleset",
    "loader",
    "pickling",
    "placeholder_function",
    "placeholders",
    "program_of",
    "units",
    "use_schema_cache",
]
