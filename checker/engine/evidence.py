"""Evidence for a finding: the fields, definitions and parameters the rule actually read.

The reference is a traced run of the interpreter: the trace sees fields inside definitions too
and skips untaken branches and short-circuited operands, so evidence names exactly what
mattered. When the compiled backend decided the status, the rule's generated traced twin
(``checker.program.units``; ``dsl.codegen`` on traced units) records the very same reads in the same
order instead, without walking the tree (``tests/test_evidence_backends.py`` holds them equal).
It shares, per submission and rulebook, each definition's value and reads and each evidence
item, in the compiled memo under a key no definition name can be. Either way it costs a second
evaluation, so the engine gathers evidence only when a report needs it.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from vardval.checker.engine.findings import Evidence
from vardval.checker.program import program_of
from vardval.checker.recent import Recent
from vardval.dsl import nodes, runtime
from vardval.dsl.interpreter import Context, evaluate
from vardval.dsl.values import Quarter, Unknown

if TYPE_CHECKING:
    import datetime as dt

    from vardval.checker.corpus import RuleSet, RuleVersion
    from vardval.checker.parameters import ParameterSet

Key = tuple[str, str]
# Where a compiled memo keeps the traced definitions and the items made (a str is a definition).
_SHARED = ("evidence", "shared")
_PARAMETERS: weakref.WeakKeyDictionary[ParameterSet, Recent[tuple[str, dt.date, str], Evidence]]
_PARAMETERS = weakref.WeakKeyDictionary()
_MAX_PARAMETER_ITEMS = 512  # the most recently used


def gather(ruleset: RuleSet, version: RuleVersion, ctx: Context, region: str,
           status: str, *, compiled: bool = False) -> tuple[Evidence, ...]:
    """The values that decided the outcome, first use first, each once.

    ``compiled`` says the compiled backend decided the status, so ``ctx.memo`` is its
    per-submission memo: the traced twin then gathers the evidence (the traced interpreter
    otherwise, or when the program has no twin for ``version``).
    """
    function = program_of(ruleset).traced_function(ruleset, version) if compiled else None
    if function is None:
        return _traced_interpreted(ruleset, version, ctx, region, status)
    shared = ctx.memo.get(_SHARED)  # type: ignore[call-overload]
    if shared is None:
        shared = ctx.memo[_SHARED] = ({}, {})  # type: ignore[index]
    reads: dict[Key, Any] = {}
    try:
        function(ctx.data, ctx.period, ctx.param, shared[0], reads)
    except Exception as exc:
        raise program_of(ruleset).located(exc) from exc
    made = shared[1]
    get = made.get  # an Evidence is always true, None is not
    return tuple([get(key) or _made(made, key, value, ruleset, ctx, region)
                  for key, value in reads.items()])


def _traced_interpreted(ruleset: RuleSet, version: RuleVersion, ctx: Context, region: str,
                        status: str) -> tuple[Evidence, ...]:
    traced = Context(ctx.data, ctx.period, ctx.param, ctx.definitions, trace=[])
    if version.when is not None:
        evaluate(version.when.expr, traced)
    if status != "not_applicable":
        evaluate(version.require.expr, traced)
    seen: dict[tuple[str, str], Evidence] = {}
    for node, value in traced.trace or ():
        item = _item(ruleset, node, value, ctx, region)
        if item is not None:
            seen.setdefault((item.kind, item.name), item)
    return tuple(seen.values())


def _made(made: dict[Key, Evidence], key: Key, value: Any, ruleset: RuleSet, ctx: Context,
          region: str) -> Evidence:
    """The item for a read (``made`` keeps it for the next rule of the submission)."""
    kind, name = key
    item = made[key] = (_parameter(ruleset, name, ctx, region) if kind == "parameter" else
                        Evidence(name, kind, value, type(value) is not Unknown))
    return item




def _item(ruleset: RuleSet, node: nodes.Expr, value: Any, ctx: Context,
          region: str) -> Evidence | None:
    if isinstance(node, nodes.Exists):  # exists(x) read x: its evidence is x's value
        target = node.field
        node, value = target, runtime.get_path(ctx.data, target.path, target.dotted)
    if isinstance(node, nodes.Field):
        return Evidence(node.dotted, "field", value, type(value) is not Unknown)
    if isinstance(node, nodes.DefRef):
        return Evidence(node.name, "definition", value, type(value) is not Unknown)
    if not isinstance(node, nodes.ParamRef):
        return None
    return _parameter(ruleset, node.name, ctx, region)


def _parameter(ruleset: RuleSet, name: str, ctx: Context, region: str) -> Evidence:
    """A parameter's value in force with its citation, looked up once per day and region."""
    assert isinstance(ctx.period, Quarter)
    day = ctx.period.start
    table = _PARAMETERS.get(ruleset.parameters)
    if table is None:
        table = _PARAMETERS[ruleset.parameters] = Recent(_MAX_PARAMETER_ITEMS)
    item = table.get((name, day, region))
    if item is None:
        item = table[(name, day, region)] = _parameter_on(ruleset.parameters, name, day, region)
    return item


def _parameter_on(parameters: ParameterSet, name: str, day: dt.date, region: str) -> Evidence:
    found = parameters.value_on(name, day, region)
    if found is None:
        return Evidence(name, "parameter", None, present=False)
    return Evidence(name, "parameter", found.value, True, "; ".join(found.cite),
                    found.valid_from.isoformat())
