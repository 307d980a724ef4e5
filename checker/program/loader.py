"""The public loader: a corpus read, checked and compiled once; the load cache when unchanged."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from vardval.checker import command_end
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
        if command_end.enabled() and entry is not None:  # kept again if the command
            _at_end(entry, ruleset, cold=False)  # compiles a unit the entry lacks
        return ruleset
    with recording() as reads:
        ruleset = read_ruleset(directory)
    if folder is not None and entry is not None:
        # keyed on the very bytes parsed, not on the files as they are now
        made = cache.entry_for(folder, directory, reads.digests)
        if command_end.enabled():  # stored with the units the command compiles
            _at_end(made, ruleset, cold=True)
        else:
            cache.store(made, ruleset, program_of(ruleset))
    return ruleset


def _store_loaded() -> None:
    """Store the corpora read cold, and those loaded whose program compiled a unit the entry
    lacked (``command_end``: the program then holds the units the command used)."""
    for where, ruleset, cold in _AT_END:
        program = _PROGRAMS.get(ruleset)
        if cold or (program is not None and program.fresh):
            cache.store(where, ruleset, program_of(ruleset))
    _AT_END.clear()


def _at_end(where: Path, ruleset: RuleSet, *, cold: bool) -> None:
    if not _AT_END:
        command_end.leave(_store_loaded)
    _AT_END.append((where, ruleset, cold))


# What to store when the command ends: (entry, corpus, read cold rather than loaded).
_AT_END: list[tuple[Path, RuleSet, bool]] = []


def program_of(ruleset: RuleSet) -> Program:
    """The rules of ``ruleset`` compiled to Python, built on first use and kept beside it."""
    program = _PROGRAMS.get(ruleset)
    if program is None:
        program = _PROGRAMS[ruleset] = build(ruleset)
    return program
