"""What ``lint`` reports for one open document, grouped by the file each problem is in."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from vardval.checker.authoring import decision_warnings, lint_text, load_case_file
from vardval.checker.corpus import Rulebook, duplicate_ids, read_decisions
from vardval.checker.lsp.context import Context, context_files, context_for
from vardval.checker.lsp.files import corpus_of, kind_of
from vardval.checker.lsp.ruleset_view import rule_ids, ruleset_with
from vardval.dsl.errors import Diagnostic, VardvalError


@dataclass
class Found:
    """The diagnostics of one analysis by file (every file it covers, empty ones too), and
    the rulebook when the document is one that loaded. ``warnings`` are lint's warnings
    (a dispensation about to expire): shown, but not errors."""

    by_file: dict[Path, list[Diagnostic]] = field(default_factory=dict)
    book: Rulebook | None = None
    warnings: frozenset[Diagnostic] = frozenset()


def analyse(path: Path, text: str, buffers: Mapping[Path, str]) -> Found:
    """Lint ``text`` as the file at ``path``, with the other open buffers in place."""
    kind = kind_of(path, text)
    corpus = corpus_of(path)
    if kind == "rulebook":
        return _rulebook(path, text, context_for(corpus, buffers))
    if kind in ("parameters", "sources"):
        context = context_for(corpus, {**buffers, path: text})
        return _grouped(context.problems, [*context_files(context.corpus), path])
    if kind == "cases":
        return _cases(path, text, rule_ids(ruleset_with(corpus, buffers)))
    if kind == "decisions":
        return _decisions(path, text, corpus, buffers)
    return Found({path: []})


def _rulebook(path: Path, text: str, context: Context) -> Found:
    if context.loaded is None:
        return _grouped(context.problems, [path])
    result, book = lint_text(str(path), text, context.loaded)
    found = _grouped(result.diagnostics, [path])
    found.book = book
    return found


def _cases(path: Path, text: str, ids: set[str]) -> Found:
    if not ids:
        return Found({path: []})  # the rule files' own problems show in their own buffers
    try:
        load_case_file(path, ids, text)
    except VardvalError as exc:  # CaseFileError, or a YamlError when the YAML does not read
        return _grouped(exc.diagnostics, [path])
    return Found({path: []})


def _decisions(path: Path, text: str, corpus: Path, buffers: Mapping[Path, str]) -> Found:
    """What ``lint`` says of a decision file: its problems, then its warnings (expiring
    within 30 days, unknown or out-of-scope rules) against the rules as the editor has them."""
    found, problems = read_decisions(text, str(path), path.stem)
    problems += [d.with_source(text) for d in duplicate_ids(found)]
    ruleset = ruleset_with(corpus, buffers)
    warned: list[Diagnostic] = []
    if ruleset is not None and found:
        today = dt.date.today()  # noqa: DTZ011 - a local calendar date, as lint uses
        own = dataclasses.replace(ruleset, decisions=tuple(found))
        warned = [d.with_source(text) for d in decision_warnings(own, today)]
    result = _grouped([*problems, *warned], [path])
    result.warnings = frozenset(warned)
    return result


def _grouped(diagnostics: Iterable[Diagnostic], covered: Iterable[Path]) -> Found:
    by_file: dict[Path, list[Diagnostic]] = defaultdict(list)
    for path in covered:
        by_file[path.resolve()] = []
    first = next(iter(by_file))
    for d in diagnostics:
        by_file[Path(d.span.file).resolve() if d.span else first].append(d)
    return Found(dict(by_file))
