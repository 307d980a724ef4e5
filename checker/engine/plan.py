"""What to evaluate for a kind of submission: rules in scope, versions in force, parameter values.

A national collection has thousands of submissions but few distinct (region, vardval system,
period) combinations, so the engine asks ``Plans`` once per combination which version of each
rule is in force (or why none is), and looks each parameter up once per (period, region). Plans
are keyed by the period as written, so the hot path never parses it or builds a date.
Both backends use the same plans; only how a version is evaluated differs.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from vardval.checker.engine import texts as finding_texts
from vardval.checker.engine.verification import unverified_notes
from vardval.checker.program import Program, placeholder_function, placeholders, program_of
from vardval.checker.recent import Recent
from vardval.checker.vocab import Status
from vardval.dsl import codegen, nodes, runtime, walk
from vardval.dsl.values import Quarter

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from vardval.checker.corpus import Rule, Rulebook, RuleSet, RuleVersion

T = TypeVar("T")
NOT_APPLICABLE: tuple[Status, None] = ("not_applicable", None)
MAX_PLANS = 128  # the plans kept, most recently used (building one takes well under 1 ms)
MAX_NOT_APPLICABLE = 256  # findings of rules out of scope or force, most recently used


@dataclass(frozen=True, slots=True)
class Entry:
    """One rule for one kind of submission: its version in force, compiled function and notes
    on parameters changing within the period, or why it does not apply (``out_of`` is
    ``"scope"`` or ``"force"``)."""

    rule: Rule
    version: RuleVersion | None
    function: Callable[..., tuple[Any, Any]] | None
    out_of: str | None = None
    notes: tuple[dict[str, str], ...] = ()
    placeholders: dict[str, tuple[Callable[..., Any], ...]] | None = None
    prepare: Callable[..., None] | None = None


@dataclass(frozen=True, slots=True)
class BookPlan:
    """A rulebook's entries; ``calls`` pairs each rule in force with its function."""

    book: Rulebook
    definitions: Mapping[str, nodes.Expr]
    entries: tuple[Entry, ...]
    calls: tuple[tuple[str, Callable[..., tuple[Status, Any]]], ...]


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything to evaluate for one kind of submission (region, system, period).

    ``statuses`` holds every rule id in corpus order, the rules not in force already decided
    (not applicable); a run copies it and fills in the others from each book's ``calls``.
    ``seeds`` (one per book) hold the definitions that read no submission data
    (``period.start >= …``, ``param(a) - param(b)``) and the rules' parts that read none
    (``codegen.Function.prepare``): the same for every submission of the plan, they are
    computed once and start each submission's memo (compiled backend). ``active`` pairs each
    book's seed with its calls, and says whether the seed may be used as it is: a book without
    definitions writes nothing in its memo (only a definition stores its value), so its rules
    can all read the one seed instead of a copy each submission. Everything but the seeds and
    parameters is shared between plans.
    """

    period: Quarter
    params: Params
    books: tuple[BookPlan, ...]
    seeds: tuple[dict[str, Any], ...]
    statuses: dict[str, tuple[Status, Any]]
    active: tuple[tuple[dict[str, Any], bool,
                        tuple[tuple[str, Callable[..., tuple[Status, Any]]], ...]], ...]


class Params(dict[str, Any]):
    """Parameter values in force on one day for one region, each looked up once.

    Called like a function (``params(name)``) as evaluators expect; that call is the dict's own
    lookup, and a name not yet seen is looked up in the parameter set by ``__missing__``.

    Example:
        >>> import datetime as dt
        >>> from vardval.checker.program import load_ruleset
        >>> from vardval.checker.engine.plan import Params
        >>> params = Params(load_ruleset(), dt.date(2025, 1, 1), "kronoberg")
        >>> name = "vardgaranti.kontakt.malniva"
        >>> type(params(name)).__name__, name in params
        ('Decimal', True)
    """

    __slots__ = ("day", "region", "ruleset")
    __call__ = dict.__getitem__

    def __init__(self, ruleset: RuleSet, day: dt.date, region: str) -> None:
        super().__init__()
        self.ruleset, self.day, self.region = ruleset, day, region

    def __missing__(self, name: str) -> Any:
        found = self.ruleset.parameters.value_on(name, self.day, self.region)
        value = self[name] = found.value if found is not None else runtime.undefined(
            "no-parameter-value", name, self.day, self.region)
        return value


def placeholder_functions(version: RuleVersion, index: int,
                          unit: Mapping[str, Callable[..., Any]],
                          ) -> dict[str, tuple[Callable[..., Any], ...]] | None:
    """Per language, the compiled functions of a version's message placeholders, in order."""
    out = {}
    for language, lang in enumerate(sorted(version.message)):
        names = [placeholder_function(index, language, place)
                 for place in range(len(placeholders(version.message[lang])))]
        if not all(name in unit for name in names):
            return None
        out[lang] = tuple(unit[name] for name in names)
    return out


def data_free(definitions: Mapping[str, nodes.Expr]) -> frozenset[str]:
    """The definitions that read no field of the submission, directly or through others.

    Example:
        >>> from vardval.dsl.parser import parse
        >>> from vardval.dsl import typesys as ts
        >>> from vardval.dsl.typecheck import Environment, check
        >>> env = Environment(ts.record({"n": ts.NUMBER}), definitions={"a": ts.BOOL})
        >>> a = check(parse("period.year > 2020"), env).expr
        >>> b = check(parse("a and n > 1"), env).expr
        >>> sorted(data_free({"a": a, "b": b}))
        ['a']
    """
    reads = {name: walk.references(expr) for name, expr in definitions.items()}
    free: set[str] = set()
    changed = True
    while changed:
        changed = False
        for name, refs in reads.items():
            if name not in free and all(
                    isinstance(r, nodes.ParamRef) or (isinstance(r, nodes.DefRef)
                                                     and r.name in free) for r in refs):
                free.add(name)
                changed = True
    return frozenset(free)


class Plans:
    """The plans of one corpus, by (region, system, period text), built on first use.

    Entries, book plans and status templates are interned: a plan holds little of its own, so
    memory stays flat however many kinds of submission a batch holds.
    """

    def __init__(self, ruleset: RuleSet, program: Program) -> None:
        self.ruleset, self.program = ruleset, program
        self.functions, self.units = program.rules, program.functions
        self.plans: Recent[tuple[str, str, str], Plan] = Recent(MAX_PLANS)
        self._params: Recent[tuple[dt.date, str], Params] = Recent(MAX_PLANS)
        self._shared: dict[Any, Any] = {}
        #: The engine's findings of rules out of scope (by rule id and languages) or out of
        #: force (and period): kept here, not per plan, a fixed number of the most recently
        #: used, and a report writes each one's text once while it is kept.
        self.not_applicable: Recent[tuple[str, tuple[str, ...], Quarter | None], Any] = Recent(
            MAX_NOT_APPLICABLE)

    def plan(self, region: str, system: str, period: str) -> Plan:
        """The plan for a submission of ``region``, vårdval ``system`` and ``period`` (text)."""
        key = (region, system, period)
        found = self.plans.get(key)
        if found is None:
            found = self.plans[key] = self._plan(region, system, Quarter.parse(period))
        return found

    def _intern(self, key: Any, build: Callable[[], T]) -> T:
        found: T | None = self._shared.get(key)
        if found is None:
            found = self._shared[key] = build()
        return found

    def _params_for(self, day: dt.date, region: str) -> Params:
        found = self._params.get((day, region))
        if found is None:
            found = self._params[(day, region)] = Params(self.ruleset, day, region)
        return found

    def _plan(self, region: str, system: str, period: Quarter) -> Plan:
        params = self._params_for(period.start, region)
        books = tuple(self._book(b, region, system, period) for b in self.ruleset.rulebooks)
        seeds = tuple(self._seed(book, period, params) for book in books)
        ids = tuple(e.rule.id for book in books for e in book.entries if e.function is None)
        statuses = self._intern(("statuses", ids), lambda: {
            e.rule.id: NOT_APPLICABLE for book in books for e in book.entries})
        active = tuple((seed, not book.definitions, book.calls)
                       for book, seed in zip(books, seeds, strict=True) if book.calls)
        return Plan(period, params, books, seeds, statuses, active)

    def _book(self, book: Rulebook, region: str, system: str, period: Quarter) -> BookPlan:
        entries = tuple(self._entry(rule, region, system, period) for rule in book.rules)
        return self._intern(("book", book.id, tuple(map(id, entries))), lambda: BookPlan(
            book, self._definitions(book), entries,
            tuple((e.rule.id, e.function) for e in entries if e.function is not None)))

    def _definitions(self, book: Rulebook) -> dict[str, nodes.Expr]:
        return self._intern(("definitions", book.id), lambda: {
            name: checked.expr for name, checked in book.definitions.items()})

    def _seed(self, plan: BookPlan, period: Quarter, params: Params) -> dict[str, Any]:
        """The book's data-free definitions and its rules' prepared parts, computed (any that
        fails is left out and fails again, located, when a submission needs it)."""
        seed: dict[str, Any] = {}
        if not plan.calls:
            return seed
        functions = self.program.definitions.get(plan.book.id, {})
        free = self._intern(("free", plan.book.id), lambda: data_free(plan.definitions))
        for index, name in enumerate(plan.definitions):
            if name in free and name not in seed:
                try:
                    functions[codegen.definition_function(index)]({}, period, params, seed)
                except Exception:  # noqa: BLE001, S112 - evaluated again per submission
                    continue
        for entry in plan.entries:
            if entry.prepare is not None:  # leaves out, itself, any part that fails
                entry.prepare({}, period, params, seed)
        return seed

    def _entry(self, rule: Rule, region: str, system: str, period: Quarter) -> Entry:
        if not rule.applies_to(region, system):
            return self._intern(("out", rule.id, "scope"),
                                lambda: Entry(rule, None, None, "scope"))
        for index, version in enumerate(rule.versions):
            if version.covers(period.start):
                return self._entry_in_force(rule, index, version, period, region)
        return self._intern(("out", rule.id, "force"), lambda: Entry(rule, None, None, "force"))

    def _entry_in_force(self, rule: Rule, index: int, version: RuleVersion, period: Quarter,
                        region: str) -> Entry:
        names = self._intern(("params used", rule.id, index),
                             lambda: finding_texts.params_used(version))
        notes = (finding_texts.param_notes(self.ruleset, names, period, region)
                 + unverified_notes(self.ruleset, rule, version, period))
        return self._intern(("in", rule.id, index, repr(notes)), lambda: Entry(
            rule, version, self.functions[rule.id][index], notes=notes,
            placeholders=self._placeholders(rule, index, version),
            prepare=self.program.prepares.get(rule.id, ())[index]))

    def _placeholders(self, rule: Rule, index: int, version: RuleVersion,
                      ) -> dict[str, tuple[Callable[..., Any], ...]] | None:
        unit = self.units.get(rule.id)
        return placeholder_functions(version, index, unit) if unit is not None else None


# A corpus's plans live as long as its compiled program.
_PLANS: weakref.WeakKeyDictionary[Program, Plans] = weakref.WeakKeyDictionary()


def plans_of(ruleset: RuleSet) -> Plans:
    """The evaluation plans of ``ruleset`` (built on first use, kept beside its program)."""
    program = program_of(ruleset)
    plans = _PLANS.get(program)
    if plans is None:
        plans = _PLANS[program] = Plans(ruleset, program)
    return plans
