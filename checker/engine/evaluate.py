"""Evaluate every loaded rule for one submission: scope, version in force, when, require.

The engine decides statuses and gathers evidence; it never formats a report (``render_*`` do).
Every loaded rule gives exactly one finding, so a reader can tell "passed" from "not checked".

Two backends decide statuses and always agree (``tests/test_differential.py``): ``compile``
(the default) runs the rules compiled to Python (``checker.program``); ``interpret`` walks them
with the reference interpreter. ``rule_statuses`` decides statuses only, the fast path for
validating large batches; ``check_intake`` adds messages, notes and, when asked, evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator, Sequence
from typing import Any

from vardval.checker import vocab
from vardval.checker.corpus import RuleSet
from vardval.checker.engine import evidence as evidence_of
from vardval.checker.engine import texts, waivers
from vardval.checker.engine.findings import Finding, SubmissionResult
from vardval.checker.engine.plan import NOT_APPLICABLE, BookPlan, Entry, plans_of
from vardval.checker.program import program_of
from vardval.checker.submission import Intake
from vardval.dsl import nodes
from vardval.dsl.errors import VardvalError
from vardval.dsl.interpreter import Context, evaluate
from vardval.dsl.values import Unknown

Evaluate = Callable[[nodes.Expr, Context], Any]
BACKENDS = ("compile", "interpret")
Status = tuple[vocab.Status, Unknown | None]


def check_intake(ruleset: RuleSet, intake: Intake, evaluator: Evaluate = evaluate, *,
                 backend: str = "compile", evidence: bool | Container[str] = True,
                 langs: Sequence[str] = vocab.LANGS,
                 evidence_rules: Container[str] | None = None) -> SubmissionResult:
    """The result for one loaded submission; invalid ones get their problems and no findings.

    ``backend`` is ``"compile"`` or ``"interpret"``; passing an ``evaluator`` other than the
    reference ``evaluate`` means interpreting with it. ``evidence=False`` leaves every finding's
    evidence empty (reports that show no evidence need not pay for the traced run). Messages
    are worded in ``langs`` only: a report in one language need not render the other.
    ``evidence_rules``: the rules whose findings get evidence (None: every rule's); a case run
    shows one rule's finding, and gathering another's runs (and compiles) its traced twin.
    """
    if intake.data is None or intake.problems:
        return SubmissionResult(intake.file, tuple(intake.problems))
    data = intake.data
    clinic = data["clinic"]
    run = _Run(ruleset, data, _decider(ruleset, backend, evaluator),
               compiled=backend == "compile" and evaluator is evaluate, langs=tuple(langs))
    period = run.period
    wanted: Container[str] = _ALL if evidence is True else evidence or ()
    decided = tuple(run.finding(entry, ctx, wanted if evidence_rules is None
                                or entry.rule.id in evidence_rules else ())
                    for ctx, entry in run.entries())
    findings = waivers.apply(ruleset, clinic["hsa_id"], str(period), decided)
    summary = {k: clinic[k] for k in ("hsa_id", "name", "region") if k in clinic}
    return SubmissionResult(intake.file, (), summary, str(period), findings,
                            _submission_notes(ruleset, clinic["region"]))


def rule_statuses(ruleset: RuleSet, data: dict[str, Any], *,
                  backend: str = "compile") -> dict[str, Status]:
    """``{rule id: (status, unknown or None)}`` for every rule, from validated submission data.

    Example:
        >>> from pathlib import Path
        >>> from vardval.checker.submission.intake import load_submission
        >>> from vardval.checker.program import load_ruleset
        >>> from vardval.checker.engine.evaluate import rule_statuses
        >>> data = load_submission(Path("fixtures/submissions/halland-2018-Q2.yaml")).data
        >>> rule_statuses(load_ruleset(), data)["VC-VERKSAMHETSCHEF"]
        ('pass', None)
    """
    if backend == "compile":
        return _compiled_statuses(ruleset, data)
    run = _Run(ruleset, data, _decider(ruleset, backend, evaluate))
    return {entry.rule.id: run.status(entry, ctx) if entry.version else NOT_APPLICABLE
            for ctx, entry in run.entries()}


def _compiled_statuses(ruleset: RuleSet, data: dict[str, Any]) -> dict[str, Status]:
    """The hot loop of batch validation: one plan lookup, then one call per rule in force."""
    program = program_of(ruleset)
    clinic = data["clinic"]
    plan = plans_of(ruleset).plan(clinic["region"],
                                       clinic.get("vardval_system", "vardcentral"),
                                       data["period"])
    period, params = plan.period, plan.params
    out = plan.statuses.copy()
    try:
        for seed, as_is, calls in plan.active:
            memo = seed if as_is else seed.copy()
            for rule_id, function in calls:
                out[rule_id] = function(data, period, params, memo)
    except Exception as exc:
        raise program.located(exc) from exc
    return out


Decide = Callable[[Entry, Context], Status]
_ALL = frozenset(vocab.STATUSES)


def _decider(ruleset: RuleSet, backend: str, evaluator: Evaluate) -> Decide:
    if backend not in BACKENDS:
        msg = f"unknown backend {backend!r}; expected one of {', '.join(BACKENDS)}"
        raise ValueError(msg)
    if backend == "interpret" or evaluator is not evaluate:
        return lambda entry, ctx: _interpreted(entry, ctx, evaluator)
    program = program_of(ruleset)
    return lambda entry, ctx: _compiled(entry, ctx, program)


def _compiled(entry: Entry, ctx: Context, program: Any) -> Status:
    assert entry.function is not None
    try:
        return entry.function(ctx.data, ctx.period, ctx.param, ctx.memo)
    except Exception as exc:
        raise program.located(exc) from exc


def _interpreted(entry: Entry, ctx: Context, evaluator: Evaluate) -> Status:
    version = entry.version
    assert version is not None
    applies = True if version.when is None else evaluator(version.when.expr, ctx)
    if type(applies) is Unknown or applies is False:
        return decide(applies, None)
    return decide(applies, evaluator(version.require.expr, ctx))


def decide(applies: Any, outcome: Any) -> Status:
    """A rule's status from its ``when`` and (if that holds) its ``require`` value.

    Example:
        >>> from vardval.checker.engine.evaluate import decide
        >>> decide(True, False), decide(False, None)
        (('fail', None), ('not_applicable', None))
    """
    if type(applies) is Unknown:
        return "indeterminate", applies
    if applies is False:
        return "not_applicable", None
    if type(outcome) is Unknown:
        return "indeterminate", outcome
    return ("pass" if outcome else "fail"), None


class _Run:
    """One submission's evaluation: a context per rulebook (its definitions memoised there)."""

    def __init__(self, ruleset: RuleSet, data: dict[str, Any], decide_status: Decide, *,
                 compiled: bool = False, langs: tuple[str, ...] = vocab.LANGS) -> None:
        clinic = data["clinic"]
        self.ruleset, self.data = ruleset, data
        self.region = clinic["region"]
        self.plans = plans_of(ruleset)
        self.plan = self.plans.plan(
            self.region, clinic.get("vardval_system", "vardcentral"), data["period"])
        self.period, self.params = self.plan.period, self.plan.params
        self.status = decide_status
        self.compiled, self.langs = compiled, langs

    def entries(self) -> Iterator[tuple[Context, Entry]]:
        for book, seed in zip(self.plan.books, self.plan.seeds, strict=True):
            ctx = self._context(book, seed)
            for entry in book.entries:
                yield ctx, entry

    def _context(self, book: BookPlan, seed: dict[str, Any]) -> Context:
        memo = seed.copy() if self.compiled else {}  # the reference starts from nothing
        return Context(self.data, self.period, self.params, book.definitions, memo)

    def finding(self, entry: Entry, ctx: Context, with_evidence: Container[str]) -> Finding:
        rule, version = entry.rule, entry.version
        if version is None:  # the same finding for every submission of the region/period
            key = (rule.id, self.langs, self.period if entry.out_of == "force" else None)
            found = self.plans.not_applicable.get(key)
            if found is None:
                found = self.plans.not_applicable[key] = self._not_applicable(entry)
            return found
        status, gap = self.status(entry, ctx)
        found = (evidence_of.gather(self.ruleset, version, ctx, self.region, status,
                                    compiled=self.compiled)
                 if status in with_evidence else ())
        message = self.message(entry, status, ctx, gap)
        return Finding(rule, status, message, version.citations, found,
                       tuple(sorted(gap.missing)) if gap is not None else (), entry.notes,
                       str(version.valid_from) if version.valid_from else None)

    def _not_applicable(self, entry: Entry) -> Finding:
        """The finding of a rule out of scope or out of force for the period."""
        rule = entry.rule
        why = (texts.out_of_scope(rule) if entry.out_of == "scope"
               else texts.out_of_force(rule, self.period))
        return Finding(rule, "not_applicable", {lang: why[lang] for lang in self.langs},
                       rule.versions[-1].citations)

    def message(self, entry: Entry, status: str, ctx: Context, gap: Unknown | None,
                ) -> dict[str, str]:
        assert entry.version is not None
        if not self.compiled:
            return texts.message(status, entry.version, ctx, gap, langs=self.langs)
        try:
            return texts.message(status, entry.version, ctx, gap, entry.placeholders, self.langs)
        except VardvalError:
            raise
        except Exception as exc:
            raise program_of(self.ruleset).located(exc) from exc


def _submission_notes(ruleset: RuleSet, region: str) -> tuple[dict[str, str], ...]:
    if region in ruleset.regions_with_rulebooks():
        return ()
    return ({"sv": f"Det finns ingen regional regelbok för {region}; bara nationella regler "
                   "har kontrollerats.",
             "en": f"There is no regional rulebook for {region}; only national rules were "
                   "checked."},)
