"""The public loader: a corpus read, checked and compiled once; the load cache when unchanged."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from vardval.checker.collector import lasting
from vardval.checker.corpus import BUNDLED_RULES, RuleSet, read_ruleset
from vardval.checker.program import cache
from vardval.checker.program.schema_store import use_schema_cache
from vardval.checker.program.units import Program, build
from vardval.checker.reading import recording

if TYPE_CHECKING:
    from pathlib import Path

# A corpus's compiled rules live exactly as long as the corpus (``RuleSet`` hashes by identity).
_PROGRAMS: weakref.WeakKeyDictionary[RuleSet, Program] = weakref.WeakKeyDictionary()


def load_ruleset(directory: Path | None = None) -> RuleSet:
    """Load, check and compile a corpus; raise RuleLoadError with every problem in every file.

    An unchanged corpus comes from the load cache (``program.cache``), compiled already.

    Example:
        >>> from vardval.checker.program import load_ruleset
        >>> ruleset = load_ruleset()
        >>> ruleset.rule("VG-KONTAKT").id
        'VG-KONTAKT'
    """
    with lasting():  # the corpus and its program live as long as the process
        return _loaded(directory or BUNDLED_RULES)


def _loaded(directory: Path) -> RuleSet:
    # One look at the cache folder and at vardval's own code (a walk and some 240 stats).
    folder = cache.active_folder()
    use_schema_cache(folder)  # the submissions checked against this corpus are validated next
    entry = cache.entry_in(folder, directory) if folder is not None else None
    found = cache.load(entry) if entry is not None else None
    if found is not None:
        ruleset, program = found
        _PROGRAMS[ruleset] = program
        return ruleset
    with recording() as reads:
        ruleset = read_ruleset(directory)
    if folder is not None and entry is not None:
        # keyed on the very bytes parsed, not on the files as they are now
        cache.store(cache.entry_for(folder, directory, reads.digests), ruleset,
                    program_of(ruleset))
    return ruleset


def program_of(ruleset: RuleSet) -> Program:
    """The rules of ``ruleset`` compiled to Python, built on first use and kept beside it."""
    program = _PROGRAMS.get(ruleset)
    if program is None:
        program = _PROGRAMS[ruleset] = build(ruleset)
    return program
