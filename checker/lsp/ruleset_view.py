"""The rules that case and decision files are checked against, with open rulebooks' edits.

A case file or a decision file names rule ids; while the author edits a rulebook in another
buffer, those names are checked against what the buffer says, not the saved file. The corpus
on disk is loaded (the cached ``load_ruleset``) and each open rulebook that differs from its
file and loads replaces the book read from that file; one that does not load keeps the saved
book, so a half-typed rule does not make every case of the file "unknown".
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from pathlib import Path

from vardval.checker.authoring import lint_text
from vardval.checker.corpus import RuleSet, display_path
from vardval.checker.lsp.context import context_for, differs
from vardval.checker.lsp.files import corpus_of, kind_of
from vardval.checker.program import load_ruleset
from vardval.dsl.errors import VardvalError


def ruleset_with(corpus: Path, buffers: Mapping[Path, str]) -> RuleSet | None:
    """The corpus's rule set with its edited open rulebooks in place; None when the corpus
    on disk does not load (its files' own problems show in their own buffers)."""
    corpus = corpus.resolve()
    edited = tuple(sorted((path, text) for path, text in buffers.items()
                          if corpus_of(path) == corpus and kind_of(path, text) == "rulebook"
                          and differs(path, text)))
    try:
        disk = load_ruleset(corpus)
    except VardvalError:
        return None
    return _overlaid(disk, edited, buffers_key(buffers, corpus)) if edited else disk


def buffers_key(buffers: Mapping[Path, str], corpus: Path) -> tuple[tuple[Path, str], ...]:
    """The open context files (sources, parameters) of ``corpus``: part of the cache key."""
    return tuple(sorted((p, t) for p, t in buffers.items() if corpus_of(p) == corpus
                        and kind_of(p, t) in ("sources", "parameters")))


@functools.lru_cache(maxsize=4)
def _overlaid(disk: RuleSet, edited: tuple[tuple[Path, str], ...],
              context_buffers: tuple[tuple[Path, str], ...]) -> RuleSet:
    context = context_for(disk.directory, dict(context_buffers))
    if context.loaded is None:
        return disk
    # keyed by the file name the loader gave each book (``display_path``)
    books = {book.file: book for book in disk.rulebooks}
    for path, text in edited:
        _, book = lint_text(str(path), text, context.loaded)
        if book is not None:
            books[display_path(path, disk.directory)] = book
    return dataclasses.replace(disk, rulebooks=tuple(books.values()))


def rule_ids(ruleset: RuleSet | None) -> set[str]:
    return {rule.id for rule in ruleset.rules()} if ruleset is not None else set()

