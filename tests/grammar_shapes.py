"""Rule expressions of every shape the grammar allows, with the fewest brackets it needs.

The corpus writes a few shapes (``a / b >= param(x)``); the grammar allows many more, and a
shape nobody wrote is where the compiler can emit broken Python (``0.is_finite()``). This
generator walks every alternative of ``dsl/grammar.lark``: each literal kind, every operator at
every precedence level (brackets only where the grammar needs them, so ``x / y > 0`` appears as
such), the open forms (``if``, ``all``, ``any``) where they may stand bare, calls of every
built-in, lists with and without a trailing comma, attributes, comments and both string quotes.
It is driven by a ``random.Random`` so both ``tests/test_grammar_shapes.py`` (Hypothesis) and
``scripts/fuzz.py`` (long runs) use it. ``SHAPES`` names each form, so a test can show that
every one was produced.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from decimal import Decimal
from typing import Any

from vardval.checker import formatting
from vardval.dsl import compiled, interpreter, runtime
from vardval.dsl import typesys as ts
from vardval.dsl.errors import EvaluationError, VardvalError
from vardval.dsl.parser import parse
from vardval.dsl.typecheck import Environment, check
from vardval.dsl.values import Duration, Quarter, Unknown

OPEN, OR, AND, NOT, CMP, SUM, PROD, UNARY, ATOM = range(9)  # precedence, loosest first
Made = tuple[str, int, str]  # text, level, shape name

ROOT = ts.record({
    "a": ts.NUMBER, "b": ts.NUMBER, "flag": ts.BOOL, "name": ts.TEXT, "day": ts.DATE,
    "cap": ts.record({"from": ts.DATE, "grounds": ts.list_of(ts.TEXT), "max": ts.NUMBER}),
    "items": ts.list_of(ts.record({"v": ts.NUMBER, "ok": ts.BOOL})),
})
PARAMS = {"target": ts.NUMBER, "lag": ts.DURATION, "start": ts.DATE}
TYPES = ("num", "bool", "date", "text", "duration", "quarter")
COMP_OPS = ("<", "<=", ">", ">=", "==", "!=", "=")

LEAVES: dict[str, list[str]] = {
    "num": ["0", "1", "7", "100", "12345678901234567890123", "2.50", "0.1", "90%", "100%",
            "12.5%", "a", "b", "cap.max", "param(target)", "period.year", "period.quarter",
            "share"],
    "bool": ["true", "false", "flag", "exists(cap)", "exists(cap.max)", "exists(a)",
             "blank(name)", "all_ok"],
    "date": ["2024-02-29", "2025-01-01", "day", "cap.from", "period.start", "period.end",
             "param(start)"],
    "text": ['"x"', "'y'", '""', '"\\"q\\""', "'a\\'b'", '"Åsa"', "name"],
    "duration": ["1 day", "10 days", "1 month", "6 months", "1 year", "2 years", "0 days",
                 "param(lag)"],
    "quarter": ["2025-Q1", "2018-Q4", "period"],
}
DEFINITIONS = {"share": "a / b", "all_ok": "all i in items: i.ok"}


class Shapes:
    """``expression(type)``: text of that type, its shape names recorded in ``seen``."""

    def __init__(self, rng: random.Random, depth: int = 4) -> None:
        self.rng, self.depth = rng, depth
        self.seen: set[str] = set()

    def expression(self, kind: str | None = None) -> str:
        text, _, _ = self.make(kind or self.rng.choice(TYPES), self.depth)
        if self.rng.random() < 0.1:
            text = f"{text}  # a comment\n"
        return text

    def make(self, kind: str, depth: int) -> Made:
        forms = [f for f in FORMS[kind] if depth > 0 or f.__name__ == "leaf"]
        form = self.rng.choice(forms)
        made = form(self, kind, depth - 1)
        self.seen.add(made[2])
        return made

    def at(self, kind: str, depth: int, need: int, *, open_ok: bool = False) -> str:
        """A child expression, bracketed when its level is looser than ``need``."""
        text, level, _ = self.make(kind, depth)
        if level == OPEN and open_ok:
            return text
        return f"({text})" if level < need else text

    def any_level(self, kind: str, depth: int) -> str:
        """A child in a place that takes any ``expr`` (brackets, arguments, bodies)."""
        return self.make(kind, depth)[0]


def leaf(s: Shapes, kind: str, depth: int) -> Made:
    del depth
    return s.rng.choice(LEAVES[kind]), ATOM, "leaf"


def brackets(s: Shapes, kind: str, depth: int) -> Made:
    return f"({s.any_level(kind, depth)})", ATOM, "brackets"


def if_expr(s: Shapes, kind: str, depth: int) -> Made:
    cond, then, orelse = (s.any_level("bool", depth), s.any_level(kind, depth),
                          s.any_level(kind, depth))
    return f"if {cond} then {then} else {orelse}", OPEN, "if"


def arith(s: Shapes, kind: str, depth: int) -> Made:
    """``+ - * /`` on numbers; ``+ -`` on durations; ``num * duration``."""
    if kind == "duration":
        op = s.rng.choice(["+", "-", "*"])
        if op == "*":
            return (f"{s.at('num', depth, PROD)} * {s.at('duration', depth, UNARY)}", PROD,
                    "scale")
        return f"{s.at(kind, depth, SUM)} {op} {s.at(kind, depth, PROD)}", SUM, f"dur{op}"
    op = s.rng.choice(["+", "-", "*", "/"])
    if op in "+-":
        return f"{s.at(kind, depth, SUM)} {op} {s.at(kind, depth, PROD)}", SUM, op
    return f"{s.at(kind, depth, PROD)} {op} {s.at(kind, depth, UNARY)}", PROD, op


def neg(s: Shapes, kind: str, depth: int) -> Made:
    return f"-{s.at(kind, depth, UNARY)}", UNARY, "neg"


def days_between(s: Shapes, kind: str, depth: int) -> Made:
    del kind
    return f"{s.at('date', depth, SUM)} - {s.at('date', depth, PROD)}", SUM, "date-date"


def call(s: Shapes, kind: str, depth: int) -> Made:
    """A built-in giving ``kind``: count, sum, min, max, date, lower, exists, blank, same_text."""
    rng = s.rng
    if kind == "num":
        name = rng.choice(["count", "sum", "min", "max"])
        if name == "count":
            return f"count({rng.choice(['cap.grounds', 'items', _list(s, 'text', depth)])})", \
                ATOM, "count"
        return f"{name}({_list(s, 'num', depth)})", ATOM, name
    if kind == "date":
        if rng.random() < 0.5:
            year = s.any_level("num", depth)
            return f"date({year}, {rng.randint(1, 12)}, {rng.randint(1, 28)})", ATOM, "date()"
        return f"{rng.choice(['min', 'max'])}({_list(s, 'date', depth)})", ATOM, "min/max date"
    if kind == "text":
        return f"lower({s.any_level('text', depth)})", ATOM, "lower"
    name = rng.choice(["blank", "same_text", "exists"])
    if name == "blank":
        return f"blank({s.any_level('text', depth)})", ATOM, "blank"
    if name == "same_text":
        return (f"same_text({s.any_level('text', depth)}, {s.any_level('text', depth)})", ATOM,
                "same_text")
    return f"exists({rng.choice(['cap.from', 'name', 'items', 'cap'])})", ATOM, "exists"


def _list(s: Shapes, kind: str, depth: int) -> str:
    items = [s.any_level(kind, depth) for _ in range(s.rng.randint(0, 3))]
    comma = "," if items and s.rng.random() < 0.3 else ""
    return f"[{', '.join(items)}{comma}]"


def shift(s: Shapes, kind: str, depth: int) -> Made:
    op = s.rng.choice("+-")
    return f"{s.at(kind, depth, SUM)} {op} {s.at('duration', depth, PROD)}", SUM, f"date{op}"


def compare(s: Shapes, kind: str, depth: int) -> Made:
    del kind
    side = s.rng.choice(["num", "num", "num", "date", "text", "duration", "quarter"])
    op = s.rng.choice(COMP_OPS)
    return f"{s.at(side, depth, SUM)} {op} {s.at(side, depth, SUM)}", CMP, f"compare {side}"


def member(s: Shapes, kind: str, depth: int) -> Made:
    del kind
    negated = " not" if s.rng.random() < 0.5 else ""
    if s.rng.random() < 0.5:
        return (f"{s.at('text', depth, SUM)}{negated} in cap.grounds", CMP, "in field")
    side = s.rng.choice(["num", "text", "date"])
    return f"{s.at(side, depth, SUM)}{negated} in {_list(s, side, depth)}", CMP, "in list"


def logic(s: Shapes, kind: str, depth: int) -> Made:
    op = s.rng.choice(["and", "or"])
    left_need, right_need = (AND, NOT) if op == "and" else (OR, AND)
    right, level, _ = s.make(kind, depth)
    bare = level == OPEN or level >= right_need
    right = right if bare else f"({right})"
    return f"{s.at(kind, depth, left_need)} {op} {right}", OPEN if level == OPEN else \
        (AND if op == "and" else OR), op


def negation(s: Shapes, kind: str, depth: int) -> Made:
    operand, level, _ = s.make(kind, depth)
    bare = level == OPEN or level >= NOT
    return f"not {operand if bare else f'({operand})'}", OPEN if level == OPEN else NOT, "not"


def quantifier(s: Shapes, kind: str, depth: int) -> Made:
    del kind
    word = s.rng.choice(["all", "any"])
    if s.rng.random() < 0.5:
        return f"{word} i in items: i.v > {s.at('num', depth, SUM)} or i.ok", OPEN, word
    over = s.rng.choice(["cap.grounds", _list(s, "text", depth)])
    return f"{word} g in {over}: {s.any_level('bool', depth).replace('name', 'g')}", OPEN, word


def attr(s: Shapes, kind: str, depth: int) -> Made:
    """``postfix . NAME``: a record's field, a quarter's or any date's parts."""
    if kind == "num":
        if s.rng.random() < 0.5:
            part = s.rng.choice(["year", "month", "day"])
            return f"{s.at('date', depth, ATOM)}.{part}", ATOM, "attr"
        return s.rng.choice(["period.year", "period.quarter", "cap.max"]), ATOM, "attr"
    return s.rng.choice(["period.start", "period.end", "cap.from"]), ATOM, "attr"


FORMS: dict[str, list[Any]] = {
    "num": [leaf, brackets, if_expr, arith, neg, days_between, call, attr],
    "bool": [leaf, brackets, if_expr, compare, member, logic, negation, quantifier, call],
    "date": [leaf, brackets, if_expr, shift, call, attr],
    "text": [leaf, brackets, if_expr, call],
    "duration": [leaf, brackets, if_expr, arith, neg],
    "quarter": [leaf, brackets, if_expr],
}
SHAPES = frozenset({"leaf", "brackets", "if", "+", "-", "*", "/", "neg", "date-date", "count",
                    "sum", "min", "max", "date()", "min/max date", "lower", "blank",
                    "same_text", "exists", "date+", "date-", "compare num", "compare date",
                    "compare text", "compare duration", "compare quarter", "in field",
                    "in list", "and", "or", "not", "all", "any", "attr", "dur+", "dur-",
                    "scale"})


def number(rng: random.Random) -> Any:
    """A count or amount, from small to far past anything a clinic reports."""
    return rng.choice([0, 1, 3, 7, 10, 99, 100, 10**61 - 1, 10**61, -5, Decimal("0.5"),
                       Decimal("2.50"), Decimal("1E-30"), rng.randint(-10**6, 10**6),
                       10**1000 - 1, Decimal("9.5E+998")])  # the format's largest


def submission(rng: random.Random) -> dict[str, Any]:
    """Data for ``ROOT``, each field present or absent at random."""
    def maybe(value: Any) -> Any:
        return value if rng.random() < 0.85 else None

    def day() -> dt.date:
        return rng.choice([dt.date(2024, 2, 29), dt.date(2025, 1, 1), dt.date(1, 1, 5),
                           dt.date(9999, 12, 30), dt.date(2018, 6, 30)])

    cap = {"from": maybe(day()), "grounds": maybe(rng.sample(["x", "y", "Åsa", ""], 2)),
           "max": maybe(number(rng))}
    data = {"a": maybe(number(rng)), "b": maybe(number(rng)), "flag": maybe(rng.random() < .5),
            "name": maybe(rng.choice(["x", "y", "X ", "", "Åsa"])), "day": maybe(day()),
            "cap": maybe({k: v for k, v in cap.items() if v is not None}),
            "items": maybe([{"v": number(rng), "ok": rng.random() < 0.5}
                            for _ in range(rng.randint(0, 3))])}
    return {k: v for k, v in data.items() if v is not None}


def parameters(rng: random.Random) -> dict[str, Any]:
    return {"target": rng.choice([Decimal("0.9"), Decimal(1), 0, Decimal("0.999")]),
            "lag": rng.choice([Duration(0, 10), Duration(1, 0), Duration(-1, 3)]),
            "start": dt.date(2017, 4, 1)}


# --- one expression through every stage (tests/test_grammar_shapes.py, scripts/fuzz.py) -------


def _environment() -> tuple[Environment, dict[str, Any]]:
    types: dict[str, Any] = {}
    exprs = {}
    for name, text in DEFINITIONS.items():
        found = check(parse(text), Environment(ROOT, PARAMS, types))
        types[name], exprs[name] = found.type, found.expr
    return Environment(ROOT, PARAMS, types), exprs


ENV, CHECKED_DEFINITIONS = _environment()


def outcome(backend: Any, expr: Any, data: dict[str, Any], params: dict[str, Any],
            period: Quarter) -> tuple[str, Any]:
    """What ``backend`` makes of ``expr``: a value, an unknown, or a located refusal."""
    def param(name: str) -> Any:
        return params[name] if name in params else runtime.undefined(
            "no-parameter-value", name, period.start, "test")

    try:
        value = backend(expr, interpreter.Context(data, period, param, CHECKED_DEFINITIONS))
    except EvaluationError as exc:
        return "refused", exc.diagnostics[0].code
    worded(value)
    if type(value) is Unknown:
        return "unknown", value
    return "value", (type(value).__name__, repr(value))


def run_one(rng: random.Random, text: str | None = None) -> str:
    """One expression (generated unless given) through parse, check and both backends.

    Raises when the backends disagree or a value or reason cannot be put into words in both
    languages (as a report would); returns the kind of answer.
    """
    text = Shapes(rng).expression() if text is None else text
    try:
        expr = check(parse(text), ENV).expr
    except VardvalError as exc:
        return f"refused: {exc.diagnostics[0].code}"
    period = Quarter(rng.randint(2016, 2027), rng.randint(1, 4))
    for _ in range(3):
        data, params = submission(rng), parameters(rng)
        answers = {backend.__module__: outcome(backend, expr, data, params, period)
                   for backend in (interpreter.evaluate, compiled.evaluate)}
        assert len(set(answers.values())) == 1, (text, data, answers)
    return "evaluated"


def worded(value: Any) -> None:
    """Put a value into words as reports do, in both languages and as JSON: nothing may raise."""
    for lang in ("sv", "en"):
        if type(value) is Unknown:
            for reason in value.reasons:
                reason.words(lang, formatting.format_value)
        else:
            formatting.format_value(value, lang)
    json.dumps(formatting.plain(value))
