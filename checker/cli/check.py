"""``vardval check PATH…``: validate submissions and evaluate every rule in force for each.

Results stream: each submission is checked, written in the chosen format and forgotten; only
the batch tally (``findings.BatchTally``) is kept for the closing summary. One unreadable or
invalid file never stops the batch, and neither does a bug met while checking one file (that
file is reported, the run goes on and exits 3). Progress goes to stderr when it is a terminal.

With ``--jobs N`` (default: one per core) files are checked and their results worded by N
worker processes (``parallel``), and written here in the batch's order: the renderer's
``prepare`` runs in the worker, its ``emit`` here, which is also all that one process does, so
the report and the exit status are the same whatever N. A single file, standard input and
``--store`` are checked in this process.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import hashlib
import sys
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from vardval.checker.cli import parallel, words
from vardval.checker.cli.exits import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from vardval.checker.corpus import BUNDLED_RULES, RuleSet
from vardval.checker.engine import BACKENDS, BatchTally, SubmissionResult, Tallied, check_intake
from vardval.checker.formatting import printable
from vardval.checker.program import load_ruleset, program_of
from vardval.checker.reading import (
    ReadRefused,
    Refusal,
    Skipped,
    TooLarge,
    collect,
    read_bounded,
)
from vardval.checker.report import FORMATS, destination, formats_help, outputs, producer
from vardval.checker.submission import (
    DEFAULT_MAX_BYTES,
    Intake,
    Problem,
    is_table,
    load_submission_text,
)
from vardval.checker.vocab import LANGS, SEVERITIES

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from vardval.checker.report import Renderer
    from vardval.checker.store import Store
    from vardval.checker.submission import Mapping

STDIN = "-"


class _StdinName(str):
    """The name reports give the submission read from standard input (``--stdin-name``)."""

    __slots__ = ()


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Check submission files (YAML or JSON) and folders of them, filled "
                          "Excel templates, and CSV or Excel exports with --mapping; '-' reads "
                          "one submission from standard input. Exit status: 0 clean; 1 a "
                          "submission is invalid or a finding at or above --fail-on failed; 2 "
                          "usage errors, unreadable input (a missing file) or invalid rule files; "
                          "3 an internal error.")
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="submission files or folders; '-' for standard input. A file "
                        "named is read wherever it is; in a folder, symbolic links are followed "
                        "only while they stay inside it (a link leading out of the folder is "
                        "reported, not followed)")
    parser.add_argument("--format", choices=tuple(FORMATS), default="text",
                        help=formats_help())
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="write the report to FILE, replaced only once complete; a "
                        "symbolic link is followed (the file it points to is replaced), a "
                        "device or named pipe is written in place, and FILE may not be one of "
                        "the inputs")
    parser.add_argument("--fail-on", choices=SEVERITIES, default="error",
                        help="lowest severity whose failure makes the exit status 1")
    parser.add_argument("--fail-on-indeterminate", action="store_true",
                        help="an indeterminate finding (data missing) at or above --fail-on "
                        "also makes the exit status 1")
    parser.add_argument("--lang", choices=LANGS, default="sv")
    parser.add_argument("--all", action="store_true", help="also show rules not applicable")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="text: only the findings that decide the exit status, and the "
                        "totals")
    parser.add_argument("--stdin-name", metavar="NAME", default="stdin.yaml",
                        help="the file name reports give a submission read from '-' (its "
                        "suffix picks JSON or YAML; default stdin.yaml)")
    parser.add_argument("--rules", type=Path, default=None, help="rule corpus folder")
    parser.add_argument("--mapping", type=Path, default=None, metavar="MAPPING.yaml",
                        help="read CSV and Excel files as an office's export, one submission "
                        "per row, by this mapping file (vardval/mapping@1; see "
                        "docs/spreadsheets.md); without it an Excel file is read as a filled "
                        "`vardval template`")
    parser.add_argument("--store", metavar="URL", default=None,
                        help="also record every valid submission and its findings in a results "
                        "store: a SQLite file (vardval.db, created when new) or "
                        "postgresql://user@host/db")
    parser.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                        help="check in N processes (default: one per core); the report is the "
                        "same, in the same order, whatever N")
    parser.add_argument("--max-bytes", type=_byte_limit, default=DEFAULT_MAX_BYTES, metavar="N",
                        help="refuse submission files over N bytes (default "
                        f"{DEFAULT_MAX_BYTES}); such a file is reported, the batch goes on")
    # Advanced and hidden: the reference interpreter instead of the compiled rules (the two
    # agree, see tests/test_differential.py); for cross-checking a surprising result.
    parser.add_argument("--backend", choices=BACKENDS, default="compile", help=argparse.SUPPRESS)
    parser.set_defaults(handler=run)


def _mapping(path: Path) -> Mapping:
    """The ``--mapping`` file, read (its reader is imported only when one is given)."""
    from vardval.checker.submission import load_mapping  # noqa: PLC0415 - mappings only

    return load_mapping(path)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    read = [*args.paths, *([str(args.mapping)] if args.mapping else []),
            *destination.store_files(args.store)]
    destination.refuse_inputs(args.output, read, args.lang)  # before anything is read
    destination.refuse_inside(args.output, args.rules or BUNDLED_RULES, args.lang)
    ruleset = load_ruleset(args.rules)
    if args.paths.count(STDIN) > 1:
        stderr.write(f"vardval check: {words.said('stdin-twice', args.lang)}\n")
        return EXIT_USAGE
    mapping = _mapping(args.mapping) if args.mapping else None
    files = _inputs(args.paths, args.stdin_name)
    first = next(files, None)
    if first is None:
        found_in = ", ".join(args.paths)
        stderr.write(f"vardval check: {words.said('no-submissions', args.lang, found_in)}\n")
        return EXIT_USAGE
    view = outputs.view_of(ruleset, args.lang, show_all=args.all, fail_on=args.fail_on,
                           fail_on_indeterminate=args.fail_on_indeterminate,
                           quiet=args.quiet, producer=producer(ruleset))
    store = _open_store(args.store) if args.store else None
    named = [p for p in args.paths if p != STDIN]
    progress = _Progress(stderr, named, stdout) if _is_terminal(stderr) else None
    batch = _Batch(ruleset, view, progress)
    batch.max_bytes = args.max_bytes
    batch.backend = args.backend
    batch.langs = (args.lang,)  # every report format words findings in the one language
    batch.store = store
    batch.mapping = mapping
    batch.jobs = _workers(args, store)
    try:
        with destination.output_to(args.output, stdout, args.lang) as out:
            renderer = FORMATS[args.format].renderer(out, view)
            if store is None:  # the store records every finding's evidence
                batch.evidence = getattr(renderer, "evidence_for", True)
            batch.stream(_chain(first, files), renderer, out.flush)
    except BrokenPipeError:  # the reader went away (`vardval check … | head`): stop quietly
        destination.discard(stdout)
        return EXIT_FINDINGS
    except parallel.WorkerLost as exc:  # killed from outside: no report, a plain message
        stderr.write(f"{exc.shown(args.lang)}\n")
        return EXIT_INTERNAL
    finally:
        if store is not None:
            store.close()
    return batch.exit_code()


def _workers(args: argparse.Namespace, store: Store | None) -> int:
    """How many processes check: ``--jobs``, else one per core; one when a store records the
    results (it needs each whole result and its bytes) or standard input is read."""
    if store is not None or STDIN in args.paths or not parallel.can_fork():
        return 1
    return args.jobs if args.jobs is not None else parallel.cores()


def _open_store(url: str) -> Store:
    """The results store, imported only when asked for: SQLAlchemy and Alembic take longer to
    import than a plain check of one file takes to run."""
    from vardval.checker.store import Store  # noqa: PLC0415 - see the docstring

    return Store(url)


def _inputs(paths: list[str], stdin_name: str) -> Iterator[collect.Found]:
    """The files to check in the order named; ``-`` stands for standard input."""
    for path in paths:
        if path == STDIN:
            yield _StdinName(stdin_name), None
        else:
            yield from collect.submission_files([path])


def _chain(first: collect.Found,
           rest: Iterator[collect.Found]) -> Iterator[collect.Found]:
    yield first
    yield from rest


def _chain_all(*parts: Iterable[collect.Found]) -> Iterator[collect.Found]:
    for part in parts:
        yield from part


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class _Checked(NamedTuple):
    """What the report and the exit status need of one result (sent back by a worker)."""

    piece: Any  # the renderer's prepared result
    tallied: Tallied
    bad: bool  # invalid, or a finding decides the exit status
    internal: bool = False  # a bug met while checking its file (only set by workers)
    unreadable: bool = False


class _Work:
    """A worker's task: check one file, prepare its pieces of the report (forked: the batch and
    renderer are the parent's, copied; the worker's flags are read and reset per file)."""

    def __init__(self, batch: _Batch, renderer: Renderer) -> None:
        self.batch, self.renderer = batch, renderer

    def __call__(self, found: collect.Found) -> list[_Checked]:
        batch = self.batch
        batch.internal = batch.unreadable = False
        outcomes = [batch._outcome(result, self.renderer)  # noqa: SLF001 - its own worker
                    for result, _ in batch._results(*found)]  # noqa: SLF001
        return [c._replace(internal=batch.internal, unreadable=batch.unreadable)
                for c in outcomes]


class _Batch:
    """Checks files one by one into a renderer, keeping only the tally and the exit status."""

    def __init__(self, ruleset: RuleSet, view: outputs.ReportView,
                 progress: _Progress | None) -> None:
        self.ruleset, self.view, self.progress = ruleset, view, progress
        self.max_bytes = DEFAULT_MAX_BYTES
        self.backend = "compile"
        self.langs: tuple[str, ...] = ("sv", "en")
        self.tally = BatchTally(rule.id for rule in ruleset.rules())
        self.bad = self.internal = self.unreadable = False
        self.store: Store | None = None
        self.mapping: Mapping | None = None
        self.jobs = 1
        # The findings whose evidence the report shows: all, or a renderer's ``evidence_for``.
        self.evidence: bool | frozenset[str] = True

    def stream(self, files: Iterator[collect.Found], renderer: Renderer,
               flush: Callable[[], object] = lambda: None) -> None:
        """Check ``files`` into ``renderer``: here, or in ``jobs`` worker processes when there
        are two files or more (``flush`` empties the output's buffer before they start)."""
        renderer.begin()
        first = next(files, None)
        second = next(files, None) if first is not None else None
        found = (f for f in (first, second) if f is not None)
        if self.jobs > 1 and second is not None:
            flush()
            self._in_workers(_chain_all(found, files), renderer)
        else:
            self._here(_chain_all(found, files), renderer)
        renderer.end(self.tally)
        if self.progress:
            self.progress.clear()

    def _here(self, files: Iterator[collect.Found], renderer: Renderer) -> None:
        for path, why in files:
            if self.progress:
                self.progress.show(path)
            for result, raw in self._results(path, why):
                if self.store is not None and raw is not None:
                    self.store.record(self.ruleset, result, raw)
                self._take(self._outcome(result, renderer), renderer)

    def _in_workers(self, files: Iterator[collect.Found], renderer: Renderer) -> None:
        """The same as ``_here``, with checking and ``prepare`` done by the workers."""
        # Each worker would otherwise compile the units it uses, and keep none for next time.
        program_of(self.ruleset).load_all()
        work = _Work(self, renderer)
        paths: deque[str] = deque()

        def noted(found: Iterator[collect.Found]) -> Iterator[collect.Found]:
            for item in found:
                paths.append(item[0])
                yield item

        with contextlib.closing(parallel.ordered(work, noted(files), self.jobs)) as done:
            for outcomes in done:  # the results of one file (a table file may hold many)
                path = paths.popleft()
                if self.progress:
                    self.progress.show(path)
                for checked in outcomes:
                    self.internal |= checked.internal
                    self.unreadable |= checked.unreadable
                    self._take(checked, renderer)

    def _outcome(self, result: SubmissionResult, renderer: Renderer) -> _Checked:
        bad = not result.valid or any(self.view.decides(f) for f in result.findings)
        return _Checked(renderer.prepare(result), Tallied.of(result), bad)

    def _take(self, checked: _Checked, renderer: Renderer) -> None:
        self.tally.count(checked.tallied)
        self.bad |= checked.bad
        if self.progress:
            self.progress.clear()
        renderer.emit(checked.piece)

    def _results(self, path: str,
                 why: Refusal | None) -> Iterator[tuple[SubmissionResult, bytes | None]]:
        """One result per submission: a spreadsheet or CSV file may hold many.

        The store records a submission's own bytes; a row of a table has none, so rows are
        checked and reported but not stored.
        """
        if why is not None or isinstance(path, _StdinName) or not is_table(path):
            yield self._check_one(path, why)
            return
        shown = printable(path)
        raw, refused = self._read(path)
        if raw is None:
            yield _refused(shown, refused), None
            return
        from vardval.checker.submission import table_submissions  # noqa: PLC0415 - tables only

        digest = hashlib.sha256(raw).hexdigest()
        for intake, notes in table_submissions(raw, shown, self.mapping, self.langs[0]):
            yield self._checked(intake, notes, digest), None

    def _checked(self, intake: Intake, notes: tuple[dict[str, str], ...],
                 digest: str) -> SubmissionResult:
        try:
            result = check_intake(self.ruleset, intake, backend=self.backend,
                                  evidence=self.evidence, langs=self.langs)
        except Exception as exc:  # noqa: BLE001 - one submission's bug must not stop the batch
            self.internal = True
            return _internal(intake.file, exc)
        return dataclasses.replace(result, notes=(*result.notes, *notes), sha256=digest)

    def _check_one(self, path: str, why: Refusal | None) -> tuple[SubmissionResult, bytes | None]:
        """The result, and the bytes that were checked (the store records exactly those)."""
        shown = printable(path)  # the name as every report format can hold it
        if why is not None:
            self.unreadable |= not isinstance(why, Skipped)
            return _refused(shown, why), None
        try:
            raw, refused = self._read(path)
            if raw is None:
                return _refused(shown, refused), None
            intake = load_submission_text(raw, shown)
            result = check_intake(self.ruleset, intake, backend=self.backend,
                                  evidence=self.evidence, langs=self.langs)
        except Exception as exc:  # noqa: BLE001 - one file's bug must not stop the batch
            self.internal = True
            return _internal(shown, exc), None
        return dataclasses.replace(result, sha256=hashlib.sha256(raw).hexdigest()), raw

    def _read(self, path: str) -> tuple[bytes | None, Refusal]:
        """The file's bytes, or None and why they could not be read.

        A file over ``--max-bytes`` is an invalid submission; any other refusal (missing,
        unreadable, not a regular file) is unreadable input, which makes the exit status 2.
        """
        if isinstance(path, _StdinName):
            raw = sys.stdin.buffer.read(self.max_bytes + 1)
            if len(raw) > self.max_bytes:
                return None, Refusal("stdin-too-large", (str(self.max_bytes),))
            return raw, _READ
        try:
            return read_bounded(Path(path), self.max_bytes), _READ
        except TooLarge as exc:
            return None, exc.said
        except ReadRefused as exc:
            self.unreadable = True
            return None, exc.said

    def exit_code(self) -> int:
        if self.internal:
            return EXIT_INTERNAL
        if self.unreadable:
            return EXIT_USAGE
        return EXIT_FINDINGS if self.bad else EXIT_OK


def _internal(shown: str, exc: Exception) -> SubmissionResult:
    said = words.Said("internal-file", (type(exc).__name__, str(exc)))
    return SubmissionResult(shown, (Problem.of("$", None, None, said),))


_READ = Refusal("verbatim", ("",))  # the file was read: nothing refused


def _refused(shown: str, why: Refusal) -> SubmissionResult:
    """A file that was not read, reported as an invalid submission with one problem."""
    return SubmissionResult(shown, (Problem.of("$", None, None, why),))


class _Progress:
    """``[ 12/340] path`` on one terminal line, rewritten in place and cleared at the end."""

    def __init__(self, stderr: TextIO, paths: list[str], stdout: TextIO) -> None:
        self.stderr, self.stdout = stderr, stdout
        self.total = sum(1 for _ in collect.submission_files(paths))
        self.done = 0

    def show(self, path: str) -> None:
        from vardval.checker.report import clean  # noqa: PLC0415 - the text report's module

        self.done += 1
        width = len(str(self.total))
        self.stdout.flush()
        self.stderr.write(f"\r\x1b[K[{self.done:>{width}}/{self.total}] {clean(path)}"[:200])
        self.stderr.flush()

    def clear(self) -> None:
        self.stderr.write("\r\x1b[K")
        self.stderr.flush()


MAX_JOBS = 256  # each worker is a forked process with two pipes: 10**6 of them never ends


def _jobs(text: str) -> int:
    """``--jobs``: a whole number of processes, at least 1 and at most ``MAX_JOBS``."""
    if not _whole(text) or int(text) < 1:
        raise words.WordedTypeError("jobs", text[:30])
    if int(text) > MAX_JOBS:
        raise words.WordedTypeError("jobs-most", MAX_JOBS, text[:30])
    return int(text)


def _whole(text: str) -> bool:
    """Digits only, few enough for ``int`` (past 4 300 digits it raises, and argparse then
    names our function: "invalid _byte_limit value")."""
    return text.isascii() and text.isdigit() and len(text) <= 30


def _byte_limit(text: str) -> int:
    """``--max-bytes``: a whole number of bytes, at least 1."""
    if not _whole(text) or int(text) < 1:
        raise words.WordedTypeError("bytes", text[:30])
    return int(text)
