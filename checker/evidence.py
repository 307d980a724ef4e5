"""Evidence for a finding: the fields, definitions and parameters the rule actually read.

Gathered by a traced run of the reference interpreter, whichever backend decided the status:
the trace sees fields inside definitions too and skips untaken branches and short-circuited
operands, so evidence names exactly what mattered. It costs a second evaluation, so the engine
gathers it only when a report needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vardval.checker.findings import Evidence
from vardval.dsl import nodes, runtime
from vardval.dsl.interpreter import Context, evaluate
from vardval.dsl.values import Quarter, Unknown

if TYPE_CHECKING:
    from vardval.checker.models import RuleVersion
    from vardval.checker.ruleset import RuleSet


def gather(ruleset: RuleSet, version: RuleVersion, ctx: Context, region: str,
           status: str, *, compiled: bool = False) -> tuple[Evidence, ...]:
    """The values that decided the outcome, first use first, each once.

    ``compiled`` says the compiled backend decided the status (``ctx.memo`` then holds its
    memoised definitions); the traced interpreter gathers the evidence either way.
    """
    del compiled
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
    assert isinstance(ctx.period, Quarter)  # noqa: S101 - the engine made it
    found = ruleset.parameters.value_on(node.name, ctx.period.start, region)
    if found is None:
        return Evidence(node.name, "parameter", None, present=False)
    return Evidence(node.name, "parameter", found.value, True, "; ".join(found.cite),
                    found.valid_from.isoformat())
