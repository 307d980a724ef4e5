"""The whole rule corpus of a folder: sources, parameters and every rulebook, checked once.

Layout: ``sources.yaml``, ``parameters/*.yaml``, ``national/*.yaml``, ``regions/<region>/*.yaml``.
Problems in all files are gathered and raised together, so ``vardval lint`` shows them all.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import vardval.rules
from vardval.checker.corpus.decision import Decision
from vardval.checker.corpus.digest import corpus_digest
from vardval.checker.corpus.layout import Layout, layout
from vardval.checker.corpus.models import Rule, Rulebook
from vardval.checker.errors import RuleLoadError
from vardval.checker.parameters import ParameterSet
from vardval.checker.sources import SourceRegistry
from vardval.checker.submission import facts
from vardval.dsl import typesys as ts
from vardval.dsl.errors import Diagnostic, VardvalError
from vardval.dsl.schema_types import record_type
from vardval.dsl.spans import Span

# The readers of rule files (pydantic models, the submission's model for field types) and the
# wording of their problems only when a corpus is read: a ``RuleSet`` from the load cache needs
# none of them (issue 21).
if TYPE_CHECKING:
    from vardval.checker.corpus.rulebooks import LoadContext

BUNDLED_RULES = Path(vardval.rules.__file__).parent


@dataclass(frozen=True, eq=False)
class RuleSet:
    """A checked corpus. Compared and hashed by identity, so its compiled program can be
    remembered beside it (``program.program_of``)."""

    directory: Path
    registry: SourceRegistry
    parameters: ParameterSet
    rulebooks: tuple[Rulebook, ...]
    root: ts.Type
    #: the region's recorded decisions (``corpus.decision_reader``), applied by ``engine.waivers``
    decisions: tuple[Decision, ...] = ()
    #: ``sha256:…`` over the files read (``corpus.digest``): ``producer.rules_digest``
    digest: str = ""

    def rules(self) -> Iterator[Rule]:
        for book in self.rulebooks:
            yield from book.rules

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules() if r.id == rule_id), None)

    def regions_with_rulebooks(self) -> set[str]:
        return {b.region for b in self.rulebooks if b.region is not None}



def display_path(path: Path, directory: Path) -> str:
    """A short path for messages: relative to the working directory, else to the corpus."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        relative = str(path)
    if not relative.startswith(".."):
        return relative
    return str(Path(directory.name) / path.relative_to(directory))


def rulebook_files(directory: Path) -> list[Path]:
    """National rulebooks first, then regional ones, each in name order."""
    return list(layout(directory).rulebooks)


def read_ruleset(directory: Path | None = None) -> RuleSet:
    """Read and check a corpus, uncached; raise RuleLoadError with every problem in every file.

    ``program.load_ruleset`` is the cached loader most callers want.
    """
    from vardval.checker.corpus.words import BookSaid  # noqa: PLC0415 - reading only

    directory = directory or BUNDLED_RULES
    if not (directory / "sources.yaml").is_file():
        span = Span(str(directory), 1, 1, 1, 2)
        raise RuleLoadError([Diagnostic.worded("no-rules", BookSaid("no-sources", (
            str(directory),)), span, BookSaid("hint-rules-folder"))])
    files = layout(directory)
    ctx, parameters = load_context(directory, files)
    books, problems = _load_books(directory, ctx, files)
    problems += _strays(files, directory)
    problems += _duplicate_ids(books)
    problems += _misplaced(books, directory)
    if not problems and not any(book.rules for book in books):
        problems.append(_no_rules(directory))
    decisions = _decisions(directory, problems)
    if problems:
        raise RuleLoadError(problems)
    return RuleSet(directory, ctx.registry, parameters, tuple(books), ctx.root, decisions,
                   corpus_digest(directory))


def _decisions(directory: Path, problems: list[Diagnostic]) -> tuple[Decision, ...]:
    from vardval.checker.corpus.decision_reader import load_decisions  # noqa: PLC0415

    try:
        return load_decisions(directory)
    except VardvalError as exc:
        problems.extend(exc.diagnostics)
        return ()


def _strays(files: Layout, directory: Path) -> list[Diagnostic]:
    """Rule-like files the layout would skip: each is an error, so none is skipped silently."""
    from vardval.checker.corpus.words import BookSaid  # noqa: PLC0415 - reading only

    problems = []
    for path, why in files.strays:
        shown = display_path(path, directory)
        problems.append(Diagnostic.worded("stray-rule-file", BookSaid("stray-rule-file", (
            shown, why)), Span(shown, 1, 1, 1, 2), BookSaid("hint-stray")))
    return problems


def _no_rules(directory: Path) -> Diagnostic:
    from vardval.checker.corpus.words import BookSaid  # noqa: PLC0415 - reading only

    return Diagnostic.worded("no-rules", BookSaid("no-rules-in-folder", (str(directory),)),
                             Span(str(directory), 1, 1, 1, 2),
                             BookSaid("hint-rules-folder-books"))


def load_context(directory: Path, files: Layout | None = None) -> tuple[LoadContext,
                                                                        ParameterSet]:
    """What rulebooks are checked against: sources, parameters, the submission's fields."""
    from vardval.checker.corpus.rulebooks import (  # noqa: PLC0415 - see the top
        LoadContext,
        submission_schema,
    )
    from vardval.checker.parameters import load_parameters  # noqa: PLC0415
    from vardval.checker.sources import load_sources  # noqa: PLC0415

    files = files or layout(directory)
    registry = load_sources(files.sources)
    parameters = load_parameters(directory / "parameters", registry, files.parameters)
    root = record_type(submission_schema())
    types = {name: ts.of_python(parameters.python_type(name)) for name in parameters.names()}
    return LoadContext(root, types, registry, facts.REGIONS), parameters


def _load_books(directory: Path, ctx: LoadContext,
                files: Layout) -> tuple[list[Rulebook], list[Diagnostic]]:
    from vardval.checker.corpus.rulebooks import load_rulebook  # noqa: PLC0415 - see the top

    books, problems = [], []
    for path in files.rulebooks:
        try:
            books.append(load_rulebook(path, ctx, display_path(path, directory)))
        except VardvalError as exc:
            problems.extend(exc.diagnostics)
    return books, problems


def _duplicate_ids(books: list[Rulebook]) -> list[Diagnostic]:
    from vardval.checker.corpus.words import BookSaid  # noqa: PLC0415 - reading only

    seen: dict[str, Rule] = {}
    problems = []
    for rule in (r for b in books for r in b.rules):
        first = seen.setdefault(rule.id, rule)
        if first is not rule:
            span = Span(rule.file, rule.line, 1, rule.line, 2)
            problems.append(Diagnostic.worded("duplicate-rule-id", BookSaid(
                "duplicate-rule-id-at", (rule.id, f"{first.file}:{first.line}")), span,
                BookSaid("hint-own-id")))
    return problems


def _misplaced(books: list[Rulebook], directory: Path) -> list[Diagnostic]:
    from vardval.checker.corpus.words import BookSaid  # noqa: PLC0415 - reading only

    problems = []
    for book in books:
        folder = Path(book.file).parent.name
        expected = None if folder == "national" else folder
        if Path(book.file).parent.parent.name == "regions" and book.region != expected:
            span = Span(book.file, 1, 1, 1, 2)
            problems.append(Diagnostic.worded("scope-mismatch", BookSaid("scope-mismatch", (
                book.id, folder, book.region or "all")), span, BookSaid("hint-scope", (folder,))))
    del directory
    return problems
