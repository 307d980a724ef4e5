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
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from vardval.checker import formatting
from vardval.checker.report.destination import atomic_output, output_to
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

    def evidence(self, finding: Finding, lang: str | None = None) -> list[str]:
        """The finding's evidence as short texts (``formatting.evidence_texts``)."""
        reads = self.definition_fields.get(finding.rule.rulebook, {})
        return formatting.evidence_texts(finding.evidence, lang or self.lang, self.units, reads)


def view_of(ruleset: RuleSet, lang: str = "sv", *, show_all: bool = False) -> ReportView:
    """The view of a loaded rule corpus."""
    params = ruleset.parameters
    units = {name: params.get(name).unit for name in params.names()}
    reads = {book.id: {name: _fields_read(checked.expr)
                       for name, checked in book.definitions.items()}
             for book in ruleset.rulebooks}
    return ReportView(lang, show_all, tuple(ruleset.rules()), units, reads)


def _fields_read(expr: nodes.Expr) -> frozenset[str]:
    return frozenset(r.dotted for r in walk.references(expr) if isinstance(r, nodes.Field))


@runtime_checkable
class Renderer(Protocol):
    """A report format: ``begin`` once, ``result`` per submission, ``end`` with the tally."""

    def begin(self) -> None: ...

    def result(self, result: SubmissionResult) -> None: ...

    def end(self, tally: BatchTally) -> None: ...


__all__ = ["Renderer", "ReportView", "atomic_output", "output_to", "view_of"]
