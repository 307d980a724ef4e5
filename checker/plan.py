"""What to evaluate for a kind of submission: rules in scope, versions in force, parameter values.

A national collection has thousands of submissions but few distinct (region, vardval system,
period) combinations, so the engine asks ``Plans`` once per combination which version of each
rule is in force (or why none is), and looks each parameter up once per (period, region).
Both backends use the same plans; only how a version is evaluated differs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vardval.dsl import runtime

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from vardval.checker.models import Rule, Rulebook, RuleVersion
    from vardval.checker.ruleset import RuleSet
    from vardval.dsl import nodes
    from vardval.dsl.values import Quarter

PlanKey = tuple[str, str, dt.date]
NOT_APPLICABLE = ("not_applicable", None)


@dataclass(frozen=True, slots=True)
class Entry:
    """One rule for one kind of submission: its version in force and compiled function, or
    why it does not apply (``out_of`` is ``"scope"`` or ``"force"``)."""

    rule: Rule
    version: RuleVersion | None
    function: Callable[..., tuple[Any, Any]] | None
    out_of: str | None = None


@dataclass(frozen=True, slots=True)
class BookPlan:
    """A rulebook's entries; ``calls`` pairs each rule in force with its function."""

    book: Rulebook
    definitions: Mapping[str, nodes.Expr]
    entries: tuple[Entry, ...]
    calls: tuple[tuple[str, Callable[..., tuple[str, Any]]], ...]


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything to evaluate for one kind of submission.

    ``statuses`` holds every rule id in corpus order, the rules not in force already decided
    (not applicable); a run copies it and fills in the others from ``calls`` of each book.
    """

    books: tuple[BookPlan, ...]
    statuses: dict[str, tuple[str, Any]]
    active: tuple[tuple[tuple[str, Callable[..., tuple[str, Any]]], ...], ...]


class Params:
    """Parameter values in force on one day for one region, looked up once each.

    Example:
        >>> import datetime as dt
        >>> from vardval.checker.ruleset import load_ruleset
        >>> from vardval.checker.plan import Params
        >>> params = Params(load_ruleset(), dt.date(2025, 1, 1), "kronoberg")
        >>> params("vardgaranti.kontakt.malniva")
        Decimal('0.90')
    """

    def __init__(self, ruleset: RuleSet, day: dt.date, region: str) -> None:
        self.ruleset, self.day, self.region = ruleset, day, region
        self._values: dict[str, Any] = {}

    def __call__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            value = self._values[name] = self._lookup(name)
            return value

    def _lookup(self, name: str) -> Any:
        found = self.ruleset.parameters.value_on(name, self.day, self.region)
        if found is None:
            return runtime.undefined(f"parameter {name} has no value in force on "
                                     f"{self.day} for {self.region}")
        return found.value


class Plans:
    """Plans and parameter lookups of one corpus, built on first use and kept."""

    def __init__(self, ruleset: RuleSet, functions: Mapping[str, tuple[Callable[..., Any], ...]],
                 ) -> None:
        self.ruleset, self.functions = ruleset, functions
        self._plans: dict[PlanKey, Plan] = {}
        self._params: dict[tuple[dt.date, str], Params] = {}

    def plan(self, region: str, system: str, period: Quarter) -> Plan:
        key = (region, system, period.start)
        found = self._plans.get(key)
        if found is None:
            found = self._plans[key] = self._plan(region, system, period.start)
        return found

    def params(self, period: Quarter, region: str) -> Params:
        key = (period.start, region)
        found = self._params.get(key)
        if found is None:
            found = self._params[key] = Params(self.ruleset, period.start, region)
        return found

    def _book(self, book: Rulebook, region: str, system: str, day: dt.date) -> BookPlan:
        definitions = {name: checked.expr for name, checked in book.definitions.items()}
        entries = tuple(self._entry(rule, region, system, day) for rule in book.rules)
        calls = tuple((e.rule.id, e.function) for e in entries if e.function is not None)
        return BookPlan(book, definitions, entries, calls)

    def _plan(self, region: str, system: str, day: dt.date) -> Plan:
        books = tuple(self._book(b, region, system, day) for b in self.ruleset.rulebooks)
        statuses = {e.rule.id: NOT_APPLICABLE for book in books for e in book.entries}
        return Plan(books, statuses, tuple(book.calls for book in books if book.calls))

    def _entry(self, rule: Rule, region: str, system: str, day: dt.date) -> Entry:
        if not rule.applies_to(region, system):
            return Entry(rule, None, None, "scope")
        for index, version in enumerate(rule.versions):
            if version.covers(day):
                return Entry(rule, version, self.functions[rule.id][index])
        return Entry(rule, None, None, "force")
