"""Whatever an author writes, the language answers with located diagnostics, never a crash.

Random token soups go through parse -> check -> evaluate, and damaged copies of the shipped
rulebooks go through the loader: the only exceptions allowed are the project's own errors.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vardval.checker.authoring.lint import corpus_context
from vardval.checker.corpus.rulebooks import load_rulebook
from vardval.checker.corpus.ruleset import BUNDLED_RULES
from vardval.dsl import typesys as ts
from vardval.dsl.errors import DslError, VardvalError
from vardval.dsl.interpreter import Context, evaluate
from vardval.dsl.parser import parse
from vardval.dsl.typecheck import Environment, check
from vardval.dsl.values import Duration, Quarter

TOKENS = ["a", "b", "d", "xs", "t", "period", "period.start", "period.year", ".", "(", ")", "[",
          "]", ",", ":", "+", "-", "*", "/", "==", "=", "!=", "<", "<=", ">", ">=", "and",
          "or", "not", "in", "if", "then", "else", "all", "any", "x", "0", "1", "2", "90%",
          "2.5", "2024-02-29", "2025-02-30", "2025-Q1", "2025-Q7", "6 months", "1 day",
          "3 weeks", '"s"', "'t'", "true", "false", "count(", "sum(", "min(", "max(", "date(",
          "lower(", "blank(", "same_text(", "exists(", "param(p)", "param(q)", "d.year", "#",
          "&&", "!", "å", '"', "\n"]
ROOT = ts.record({"a": ts.NUMBER, "b": ts.NUMBER, "d": ts.DATE, "t": ts.TEXT,
                  "xs": ts.list_of(ts.NUMBER)})
ENV = Environment(ROOT, {"p": ts.NUMBER, "q": ts.DURATION}, {"share": ts.NUMBER})
VALUES = {"p": 0, "q": Duration(months=1)}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=14),
       st.fixed_dictionaries({}, optional={
           "a": st.integers(-3, 3), "b": st.integers(-3, 3),
           "d": st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
           "t": st.text(max_size=3), "xs": st.lists(st.integers(-2, 2), max_size=3)}))
def test_token_soup_never_crashes(tokens: list[str], data: dict[str, object]) -> None:
    text = " ".join(tokens)
    try:
        checked = check(parse(text), ENV)
    except DslError as exc:
        assert exc.diagnostics
        assert all(d.span is not None for d in exc.diagnostics)
        return
    definitions = {"share": check(parse("a / b"), ENV).expr}
    evaluate(checked.expr, Context(data, Quarter(2025, 1), VALUES.get, definitions))


BOOKS = sorted((BUNDLED_RULES / "national").glob("*.yaml"))


SLOW_OK = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]


@settings(max_examples=150, deadline=None, suppress_health_check=SLOW_OK)
@given(book=st.sampled_from(BOOKS), cut=st.integers(0, 10_000), span=st.integers(0, 40),
       insert=st.sampled_from(["", "x", ":", "{", "}", "-", "  ", "\n", "'", '"', "[", "#",
                               "2025-13-01", "!!", "*a", "&a ", "\t"]))
def test_damaged_rulebooks_give_diagnostics(tmp_path_factory: object, book: Path, cut: int,
                                            span: int, insert: str) -> None:
    ctx, _ = corpus_context(BUNDLED_RULES)
    text = book.read_text(encoding="utf-8")
    cut %= len(text)
    damaged = text[:cut] + insert + text[cut + span:]
    target = Path(str(tmp_path_factory.mktemp("damaged"))) / book.name  # type: ignore[attr-defined]
    target.write_text(damaged, encoding="utf-8")
    try:
        load_rulebook(target, ctx, book.name)
    except VardvalError as exc:
        assert exc.diagnostics
