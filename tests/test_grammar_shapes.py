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
from grammar_shapes import ENV, outcome, run_one
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vardval.dsl import compiled, interpreter
from vardval.dsl.parser import parse
from vardval.dsl.typecheck import check
from vardval.dsl.values import Quarter


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
