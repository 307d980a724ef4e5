"""Where reports go: the streaming renderer protocol, what renderers share, atomic files.

Every format is a ``Renderer`` fed one ``SubmissionResult`` at a time, so a batch of any size
is written as it is checked and nothing but counters is kept. ``-o FILE`` goes through
``destination.output_to`` (re-exported here): the report is written to a temporary file in
the target's folder and moved into place only when complete, so an interrupted run never
leaves a half-written report; special files are written in place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from vardval.checker.engine import evidence_texts, share_names, waiver_text
from vardval.checker.report.destination import atomic_output, output_to
from vardval.checker.vocab import SEVERITY_RANK
from vardval.dsl import nodes, walk

if TYPE_CHECKING:
    from vardval.checker.corpus import Rule, RuleSet
    from vardval.checker.engine import BatchTally, Finding, SubmissionResult


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
        if finding.waiver is not None:
            return False
        return SEVERITY_RANK[finding.rule.severity] >= SEVERITY_RANK[self.fail_on]

    def waiver(self, finding: Finding, lang: str | None = None) -> str | None:
        """The region's dispensation exempting the finding, as one line (``waiver_text``)."""
        waiver = finding.waiver
        if waiver is None:
            return None
        return f"{waiver_text(waiver, lang or self.lang)}: {waiver.reason}"

    def evidence(self, finding: Finding, lang: str | None = None) -> list[str]:
        """The finding's evidence as short texts (``engine.evidence_texts``)."""
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

    ``report.FORMATS`` lists the formats (name, renderer, help); the CLI and tests read it.
    """

    def begin(self) -> None: ...

    def result(self, result: SubmissionResult) -> None: ...

    def end(self, tally: BatchTally) -> None: ...


__all__ = ["Renderer", "ReportView", "atomic_output", "output_to", "view_of"]
