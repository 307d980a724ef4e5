"""Where reports go: the streaming renderer protocol, what renderers share, atomic files.

Every format is a ``Renderer`` fed one ``SubmissionResult`` at a time, so a batch of any size
is written as it is checked and nothing but counters is kept. ``-o FILE`` goes through
``atomic_output``: the report is written to a temporary file in the target's folder and moved
into place only when complete, so an interrupted run never leaves a half-written report.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn, Protocol, TextIO, runtime_checkable

from vardval.checker.engine import SEVERITY_RANK
from vardval.checker.errors import OutputError
from vardval.checker.report.evidence_text import evidence_texts, share_names
from vardval.dsl import nodes, walk
from vardval.dsl.errors import Diagnostic

if TYPE_CHECKING:
    from vardval.checker.corpus import Rule, RuleSet
    from vardval.checker.engine import BatchTally, Finding, SubmissionResult


_WAIVER_KEYS = ("id", "decision", "reason", "valid_from", "valid_to")


@dataclass(frozen=True)
class ReportView:
    """What every renderer needs besides the results: language, rules, parameter units.

    ``definition_fields`` maps a rulebook id and a definition name to the fields the
    definition reads, so evidence can say
    ``contacts_total = 11 000 (accessibility.contacts.listed_total)``.
    """

    lang: str = "sv"
    show_all: bool = False
    rules: tuple[Rule, ...] = ()
    units: Mapping[str, str] = field(default_factory=dict)
    definition_fields: Mapping[str, Mapping[str, frozenset[str]]] = field(default_factory=dict)
    shares: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: What makes the exit status 1 (``--fail-on``, ``--fail-on-indeterminate``).
    fail_on: str = "error"
    fail_on_indeterminate: bool = False
    #: ``--quiet``: only the failing findings and the totals.
    quiet: bool = False
    #: Who made the report (``provenance.producer``): every format that can, says so.
    producer: Mapping[str, Any] = field(default_factory=dict)

    def decides(self, finding: Finding) -> bool:
        """Whether this finding makes the exit status 1: the one test every format uses.

        A failure (or, with ``fail_on_indeterminate``, an undecided rule) at or above
        ``fail_on``; a waived finding (a region's recorded decision) never counts.
        """
        status = finding.status
        if status != "fail" and not (status == "indeterminate" and self.fail_on_indeterminate):
            return False
        if getattr(finding, "waiver", None):
            return False
        return SEVERITY_RANK[finding.rule.severity] >= SEVERITY_RANK[self.fail_on]

    def waiver(self, finding: Finding) -> str | None:
        """The region's decision that exempts the finding, as one line, or None."""
        waiver = getattr(finding, "waiver", None)
        if not waiver:
            return None
        fields = waiver if isinstance(waiver, Mapping) else getattr(waiver, "_asdict", dict)()
        if not isinstance(fields, Mapping) or not fields:
            return str(waiver)
        return " · ".join(str(fields[k]) for k in _WAIVER_KEYS if fields.get(k))

    def evidence(self, finding: Finding, lang: str | None = None) -> list[str]:
        """The finding's evidence as short texts (``evidence_text.evidence_texts``)."""
        rule = finding.rule
        reads = self.definition_fields.get(rule.rulebook, {})
        shares = self.shares.get(rule.id, frozenset())
        return evidence_texts(finding.evidence, lang or self.lang, self.units, reads, shares)


def view_of(ruleset: RuleSet, lang: str = "sv", *, show_all: bool = False,
            **settings: Any) -> ReportView:
    """The view of a loaded rule corpus; ``settings`` are further ``ReportView`` fields."""
    params = ruleset.parameters
    units = {name: params.get(name).unit for name in params.names()}
    reads = {book.id: {name: _fields_read(checked.expr)
                       for name, checked in book.definitions.items()}
             for book in ruleset.rulebooks}
    rules = tuple(ruleset.rules())
    shares = {rule.id: share_names(rule) for rule in rules}
    return ReportView(lang, show_all, rules, units, reads, shares, **settings)


def _fields_read(expr: nodes.Expr) -> frozenset[str]:
    return frozenset(r.dotted for r in walk.references(expr) if isinstance(r, nodes.Field))


@runtime_checkable
class Renderer(Protocol):
    """A report format: ``begin`` once, ``result`` per submission, ``end`` with the tally.

    The class names itself (``name``, the ``--format`` word) and says in one line what it is
    for (``help``); ``report.FORMATS`` lists the classes, and the CLI and tests read it.
    """

    name: ClassVar[str]
    help: ClassVar[str]

    def __init__(self, out: TextIO, view: ReportView) -> None: ...

    def begin(self) -> None: ...

    def result(self, result: SubmissionResult) -> None: ...

    def end(self, tally: BatchTally) -> None: ...


def _refuse(target: Path, why: str) -> NoReturn:
    """A report path that cannot be written is the user's to fix: exit 2, not a crash."""
    message = f"vardval: cannot write the report to '{target}': {why}"
    hint = "give -o a file name in an existing, writable folder"
    raise OutputError([Diagnostic("unwritable-output", message, None, hint)])


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[TextIO]:
    """A text file that replaces ``path`` only when the block completes.

    On any exception (also ``KeyboardInterrupt``) the temporary file is removed and ``path``
    keeps its old content.

    Example:
        >>> import pathlib, tempfile
        >>> from vardval.checker.report.outputs import atomic_output
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "report.txt"
        >>> with atomic_output(target) as out:
        ...     _ = out.write("done\\n")
        >>> target.read_text()
        'done\\n'
    """
    target = Path(path)
    if target.is_dir():
        _refuse(target, "it is a folder")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        _refuse(target, exc.strerror or str(exc))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, _default_mode(target))
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _sync_folder(target.parent)


def _default_mode(target: Path) -> int:
    """Keep an existing report's mode; a new one gets what ``open`` would give (umask)."""
    with contextlib.suppress(FileNotFoundError):
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (POSIX)."""
    if sys.platform == "win32":  # pragma: no cover - directories cannot be opened there
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def output_to(path: str | None, stdout: TextIO) -> Iterator[TextIO]:
    """``stdout`` when no path is given, else an atomic file at ``path``."""
    if path is None:
        yield stdout
        return
    with atomic_output(path) as out:
        yield out
