"""Every static check of the rules, without any submission (what ``vardval lint`` runs).

PATH is a rule corpus (a folder with ``sources.yaml``, ``parameters/``, ``national/`` and
``regions/``; the bundled corpus when omitted), one rulebook file, or a folder of rulebook
files. A rulebook outside a corpus is checked against the sources and parameters of
``--rules`` (the bundled corpus by default), so a new or broken rulebook can be linted alone.

``render_json`` writes ``{"format": "vardval/lint@1", "ok": …, "diagnostics": […]}``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vardval.checker.authoring.decision_checks import decision_warnings
from vardval.checker.authoring.words import LintSaid
from vardval.checker.corpus import BUNDLED_RULES, load_context
from vardval.checker.formatting import printable
from vardval.checker.parameters import ParameterSet
from vardval.checker.program import load_ruleset
from vardval.checker.reading import FileSaid, counted, recording
from vardval.dsl import nodes, walk
from vardval.dsl.errors import MAX_SHOWN, Diagnostic, VardvalError, framed

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from vardval.checker.corpus import LoadContext, Rule, Rulebook

# The rulebook reader and the mapping reader are imported where a file is linted: linting the
# corpus, the usual case, reads it from the load cache and needs neither (some 12 ms).

FORMAT = "vardval/lint@1"


@dataclass(frozen=True)
class LintResult:
    """What a lint found: the diagnostics, and how much was checked."""

    diagnostics: tuple[Diagnostic, ...]
    rules: int
    files: int
    #: worth acting on but not wrong (a dispensation about to expire); do not fail the lint
    warnings: tuple[Diagnostic, ...] = ()
    #: what the files were: rulebooks, or a mapping file (how an office's export is read)
    kind: str = "rulebook"

    @property
    def ok(self) -> bool:
        return not self.diagnostics


def lint(path: Path | None, corpus: Path | None = None, *, today: dt.date | None = None,
         clinics: Mapping[str, str] | None = None) -> LintResult:
    """Lint a corpus folder, a rulebook file or a folder of rulebook files.

    Example:
        >>> from vardval.checker.authoring.lint import lint
        >>> lint(None).ok
        True
    """
    target = path or BUNDLED_RULES
    if not target.exists():
        return LintResult((_missing(target),), 0, 0)
    with recording() as reads:  # lines are quoted from the text read, never a second read
        if target.is_file() and _is_mapping(target):
            found = _lint_mapping(target)
        elif target.is_dir() and (target / "sources.yaml").is_file():
            found = _lint_corpus(target, today or dt.date.today(), clinics)  # noqa: DTZ011 - a local calendar date
        else:
            files = [target] if not target.is_dir() else _rulebooks_under(target)
            found = _lint_files(files, corpus or BUNDLED_RULES)
    shown = [_with_source(d, reads.texts) for d in found.diagnostics]
    return LintResult(tuple(sorted(shown, key=_position)), found.rules, found.files,
                      found.warnings, found.kind)


def _rulebooks_under(folder: Path) -> list[Path]:
    """Every ``*.yaml`` below ``folder``, walked without recursion, each folder once."""
    found, stack, seen = [], [folder], set()
    while stack:
        current = stack.pop()
        try:
            info = current.stat()
            names = sorted(os.listdir(current))
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        for name in names:
            path = current / name
            if path.is_dir():
                stack.append(path)
            elif name.endswith(".yaml"):
                found.append(path)
    return sorted(found)


@functools.cache
def _mapping_line() -> re.Pattern[bytes]:
    from vardval.checker.submission import MAPPING_FORMAT  # noqa: PLC0415 - see the top

    return re.compile(rb"^format:[ \t]*[\"']?" + re.escape(MAPPING_FORMAT.encode())
                      + rb"[\"']?[ \t]*(#.*)?$", flags=re.MULTILINE)


def _is_mapping(path: Path) -> bool:
    """A mapping file says so on a line of its own (``format: vardval/mapping@1``)."""
    try:
        with path.open("rb") as file:
            head = file.read(4096)
    except OSError:
        return False
    return _mapping_line().search(head) is not None


def _lint_mapping(path: Path) -> LintResult:
    """A mapping file (how an office's export is read): every problem, located."""
    from vardval.checker.submission import load_mapping  # noqa: PLC0415 - see the top

    try:
        load_mapping(path)
    except VardvalError as exc:
        return LintResult(_ordered(exc.diagnostics), 0, 1, kind="mapping file")
    return LintResult((), 0, 1, kind="mapping file")


def _missing(target: Path) -> Diagnostic:
    return Diagnostic.worded("no-rules", LintSaid("no-such-path", (str(target),)), None,
                             LintSaid("hint-lint-path"))


def _lint_corpus(directory: Path, today: dt.date,
                 clinics: Mapping[str, str] | None) -> LintResult:
    try:
        ruleset = load_ruleset(directory)
    except VardvalError as exc:
        return LintResult(_ordered(exc.diagnostics), 0, 0)
    found = _parameters_in_force(ruleset.rulebooks, ruleset.parameters)
    rules = sum(len(b.rules) for b in ruleset.rulebooks)
    warned = decision_warnings(ruleset, today, clinics)
    return LintResult(_ordered(found), rules, len(ruleset.rulebooks), _ordered(warned))


def _lint_files(files: list[Path], corpus: Path) -> LintResult:
    from vardval.checker.corpus import load_rulebook  # noqa: PLC0415 - see the top

    try:
        ctx, parameters = corpus_context(corpus)
    except VardvalError as exc:
        return LintResult(_ordered(exc.diagnostics), 0, 0)
    found: list[Diagnostic] = []
    books = []
    for path in files:
        try:
            books.append(load_rulebook(path, ctx, str(path)))
        except VardvalError as exc:
            found.extend(exc.diagnostics)
    found += _parameters_in_force(books, parameters)
    return LintResult(_ordered(found), sum(len(b.rules) for b in books), len(files))


def lint_text(filename: str, text: str, context: tuple[LoadContext, ParameterSet]
              ) -> tuple[LintResult, Rulebook | None]:
    """Lint one rulebook's unsaved text (an editor's buffer) against a corpus's context.

    The same checks as ``lint`` of that file; the rulebook comes back when it loads, so an
    editor can keep it for hover and completion.
    """
    from vardval.checker.corpus import load_rulebook_text  # noqa: PLC0415 - see the top

    ctx, parameters = context
    try:
        book = load_rulebook_text(text, ctx, filename)
    except VardvalError as exc:
        return LintResult(_ordered(exc.diagnostics), 0, 1), None
    found = [d.with_source(text) for d in _parameters_in_force([book], parameters)]
    return LintResult(_ordered(found), len(book.rules), 1), book


def corpus_context(directory: Path) -> tuple[LoadContext, ParameterSet]:
    """The sources, parameters and submission fields that rulebooks are checked against.

    Kept while the files are unchanged, so linting many single files reads them once.
    """
    files = [directory / "sources.yaml", *sorted((directory / "parameters").glob("*.yaml"))]
    stamp = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.exists())
    return _context(directory.resolve(), stamp)


@functools.lru_cache(maxsize=4)
def _context(directory: Path, stamp: tuple[tuple[str, int, int], ...]) -> tuple[LoadContext,
                                                                              ParameterSet]:
    del stamp  # part of the cache key only
    return load_context(directory)


# --- parameters without a value ------------------------------------------------------------


def _parameters_in_force(books: Iterable[Rulebook], parameters: ParameterSet) -> list[Diagnostic]:
    """A ``param(x)`` that has no value anywhere in the range where its rule is in force."""
    found: dict[tuple[str, str], Diagnostic] = {}
    for book in books:
        for rule in book.rules:
            for ref, start, end in _param_uses(book, rule):
                if parameters.value_on(ref.name, end or dt.date.max, rule.region) is None:
                    found.setdefault((str(ref.span), ref.name),
                                     _no_value(ref, rule, start, end, parameters))
    return list(found.values())


def _param_uses(book: Rulebook, rule: Rule) -> Iterator[tuple[nodes.ParamRef, Any, Any]]:
    for version in rule.versions:
        roots = [version.require.expr, *([version.when.expr] if version.when else [])]
        roots += [p.expr for t in version.message.values() for p in t.parts
                  if not isinstance(p, str)]
        for ref in _reachable_params(book, roots):
            yield ref, version.valid_from, version.valid_to


def _reachable_params(book: Rulebook, roots: list[nodes.Expr]) -> list[nodes.ParamRef]:
    """Parameters read by the expressions or by the definitions they use, transitively."""
    out, seen, stack = [], set(), list(roots)
    while stack:
        for ref in walk.references(stack.pop()):
            if isinstance(ref, nodes.ParamRef):
                out.append(ref)
            elif isinstance(ref, nodes.DefRef) and ref.name not in seen:
                seen.add(ref.name)
                stack.append(book.definitions[ref.name].expr)
    return out


def _no_value(ref: nodes.ParamRef, rule: Rule, start: Any, end: Any,
              parameters: ParameterSet) -> Diagnostic:
    where = LintSaid("for-region", (rule.region,)) if rule.region else LintSaid("nationally")
    first = [v.valid_from for p in _definitions(parameters, ref.name) for v in p.values]
    since = LintSaid("first-value", (str(min(first)),)) if first else LintSaid("no-first-value")
    said = LintSaid("not-in-force", (ref.name, where, rule.id, _range(start, end), since))
    return Diagnostic.worded("parameter-not-in-force", said, ref.span,
                             LintSaid("hint-not-in-force"))


def _range(start: dt.date | None, end: dt.date | None) -> LintSaid:
    if start and end:
        return LintSaid("range-both", (str(start), str(end)))
    if end:
        return LintSaid("range-until", (str(end),))
    return LintSaid("range-from", (str(start),)) if start else LintSaid("range-always")


def _definitions(parameters: ParameterSet, name: str) -> list[Any]:
    regions = [None, *parameters.regions()]
    out = []
    for region in regions:
        try:
            out.append(parameters.get(name, region))
        except KeyError:
            continue
    return out


# --- output ----------------------------------------------------------------------------------


def _ordered(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """By file and position (``lint`` adds each one's source line)."""
    return tuple(sorted(diagnostics, key=_position))


def _position(d: Diagnostic) -> tuple[str, int, int]:
    return (d.span.file, d.span.line, d.span.column) if d.span else ("", 0, 0)


def _with_source(d: Diagnostic, texts: Mapping[str, str]) -> Diagnostic:
    """The diagnostic with its line quoted from the text the loader read (if it read one)."""
    if d.span is None or d.excerpt is not None or d.span.file not in texts:
        return d
    return d.with_source(texts[d.span.file])


def render_text(result: LintResult, lang: str = "en") -> str:
    """The diagnostics as a person reads them in ``lang``, then a one-line summary."""
    blocks = [f"{_named(d).shown(lang)}\n" for d in result.diagnostics[:MAX_SHOWN]]
    extra = len(result.diagnostics) - MAX_SHOWN
    if extra > 0:
        blocks.append(f"{framed('more', lang, extra)}\n")
    blocks += [f"{FileSaid('warning', (_named(d).shown(lang),)).words(lang)}\n"
               for d in result.warnings]
    blocks.append(_summary(result).words(lang) + "\n")
    return "\n".join(blocks)


def _summary(result: LintResult) -> FileSaid:
    """``3 problems in 1 file`` / ``3 problem i 1 fil``, with the numbers agreeing."""
    warned = FileSaid("summary-warned", (counted(len(result.warnings), "warning"),)) \
        if result.warnings else FileSaid("summary-none")
    if result.ok and result.kind != "rulebook":
        noun = result.kind.replace(" ", "-")
        return FileSaid("summary-clean-files", (counted(result.files, noun),))
    if result.ok:
        return FileSaid("summary-clean", (counted(result.rules, "rule"),
                                          counted(result.files, "rulebook"), warned))
    files = {d.span.file for d in result.diagnostics if d.span}
    return FileSaid("summary-problems", (counted(len(result.diagnostics), "problem"),
                                         counted(len(files), "file")))


def render_json(result: LintResult, lang: str = "en") -> str:
    """``vardval/lint@1``: each diagnostic's ``code``, and its ``message`` and ``hint`` in
    ``lang``."""
    document = {"format": FORMAT, "ok": result.ok,
                "diagnostics": [_named(d).as_json(lang) for d in result.diagnostics],
                "warnings": [_named(d).as_json(lang) for d in result.warnings]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _named(d: Diagnostic) -> Diagnostic:
    """``d`` with its file's name as every output can hold it: a name that is not UTF-8, or
    holds a newline or an escape, would break JSON or forge a line (``printable``)."""
    if d.span is None or printable(d.span.file) == d.span.file:
        return d
    return dataclasses.replace(d, span=dataclasses.replace(d.span, file=printable(d.span.file)))
