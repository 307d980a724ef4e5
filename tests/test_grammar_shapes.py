"""Every shape the grammar allows compiles to valid Python and agrees with the interpreter.

``tests/grammar_shapes.py`` writes expressions of every form with the fewest brackets the
grammar needs, so shapes the corpus never uses (``x / y > 0``, ``1 / 0 > 1``, ``- -a``, an open
``if`` after ``and``) are compiled and run too. The promise: text that checks evaluates in both
backends alike, and no backend raises anything but a located ``VardvalError``.
"""

from __future__ import annotations

import random
from typing import Any

import grammar_shapes as shapes
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vardval.dsl import compiled, interpreter, runtime
from vardval.dsl.errors import EvaluationError, VardvalError
from vardval.dsl.parser import parse
from vardval.dsl.typecheck import Environment, check
from vardval.dsl.values import Quarter, Unknown


def environment() -> tuple[Environment, dict[str, Any]]:
    types: dict[str, Any] = {}
    exprs = {}
    for name, text in shapes.DEFINITIONS.items():
        found = check(parse(text), Environment(shapes.ROOT, shapes.PARAMS, types))
        types[name], exprs[name] = found.type, found.expr
    return Environment(shapes.ROOT, shapes.PARAMS, types), exprs


ENV, DEFINITIONS = environment()


def outcome(backend: Any, expr: Any, data: dict[str, Any], params: dict[str, Any],
            period: Quarter) -> tuple[str, Any]:
    def param(name: str) -> Any:
        return params[name] if name in params else runtime.undefined(f"no {name}")

    try:
        value = backend(expr, interpreter.Context(data, period, param, DEFINITIONS))
    except EvaluationError as exc:
        return "refused", exc.diagnostics[0].code
    if type(value) is Unknown:
        return "unknown", value
    return "value", (type(value).__name__, repr(value))


def run_one(rng: random.Random) -> str:
    """One generated expression through parse, check and both backends; the kind of answer."""
    text = shapes.Shapes(rng).expression()
    try:
        expr = check(parse(text), ENV).expr
    except VardvalError as exc:
        return f"refused: {exc.diagnostics[0].code}"
    period = Quarter(rng.randint(2016, 2027), rng.randint(1, 4))
    for _ in range(3):
        data, params = shapes.submission(rng), shapes.parameters(rng)
        answers = {backend.__module__: outcome(backend, expr, data, params, period)
                   for backend in (interpreter.evaluate, compiled.evaluate)}
        assert len(set(answers.values())) == 1, (text, data, answers)
    return "evaluated"


@settings(max_examples=400, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32))
def test_every_generated_expression_compiles_runs_and_agrees(seed: int) -> None:
    run_one(random.Random(seed))


def test_the_generator_reaches_every_shape_and_most_expressions_check() -> None:
    rng = random.Random(5)
    maker = shapes.Shapes(rng)
    kinds = [run_one(random.Random(rng.random())) for _ in range(300)]
    for _ in range(2000):
        maker.expression()
    assert maker.seen == shapes.SHAPES
    assert kinds.count("evaluated") > len(kinds) / 2


@pytest.mark.parametrize("text", ["a / b > 0", "1 / 0 > 1", "0 < a / b", "a / b >= 100%",
                                  "a / 7 == 0", "-a / b <= 1", "a / b > 0.5"])
def test_a_share_compared_with_a_literal_compiles(text: str) -> None:
    expr = check(parse(text), ENV).expr
    for data in ({"a": 1, "b": 0}, {"a": 3, "b": 4}, {}):
        period = Quarter(2025, 1)
        assert outcome(compiled.evaluate, expr, data, {}, period) == outcome(
            interpreter.evaluate, expr, data, {}, period)


@pytest.mark.parametrize("backend", [interpreter.evaluate, compiled.evaluate])
def test_a_share_just_under_a_whole_target_fails_however_long_the_numbers(backend: Any) -> None:
    expr = check(parse("a / b >= 100%"), ENV).expr
    just_under = {"a": 10**61 - 1, "b": 10**61}
    flipped = check(parse("1 <= a / b"), ENV).expr
    for e in (expr, flipped):
        assert backend(e, interpreter.Context(just_under, Quarter(2025, 1), {}.get, {})) is False
        assert backend(e, interpreter.Context({"a": 10**61, "b": 10**61}, Quarter(2025, 1),
                                              {}.get, {})) is True
