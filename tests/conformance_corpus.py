"""The rule language's conformance corpus: loading ``tests/conformance/*.yaml`` and running a case.

A file holds ``cases:``, each a mapping::

    name: a full sentence saying what holds
    expr: the expression, checked against the submission format
    input: {accessibility: {contacts: {total: 10}}}    # a partial submission (default {})
    period: 2025-Q1                                    # optional
    params: {target: 90%}                              # optional, values as parameter files
    definitions: {share: a / b}                        # optional, checked in order
    type: number                                       # optional: the static type
    expect: <value>          # or
    error: <diagnostic code> # or
    unknown: {missing: [field, …], reasons_contain: "…"}

Values compare as a reader sees them: numbers exactly (``0.9`` equals ``90%``), dates, quarters
and durations by their text (``2024-02-29``, ``2025-Q1``, ``6 months``), lists item by item.

``run_case(case, evaluate)`` takes the evaluator, ``evaluate(expr, context) -> value`` with the
signature of ``vardval.dsl.interpreter.evaluate``, so any backend runs the same corpus.
"""

# No ``from __future__ import annotations``: other test modules load this file with importlib
# without registering it in sys.modules, and dataclasses need that for string annotations.
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from vardval.checker.reading import strict_yaml
from vardval.checker.submission import model as submission
from vardval.dsl import literals, nodes
from vardval.dsl import typesys as ts
from vardval.dsl.errors import DslError
from vardval.dsl.interpreter import Context
from vardval.dsl.parser import parse
from vardval.dsl.reasons import Reason
from vardval.dsl.schema_types import choices, record_type
from vardval.dsl.spans import Origin
from vardval.dsl.typecheck import Environment, check
from vardval.dsl.values import Duration, Quarter, Unknown

CONFORMANCE = Path(__file__).parent / "conformance"
Evaluate = Callable[[nodes.Expr, Context], Any]
_OUTCOMES = ("expect", "error", "unknown")


@dataclass(frozen=True)
class Case:
    """One conformance case; ``outcome`` is which of expect / error / unknown it states."""

    file: str
    line: int
    name: str
    expr: str
    outcome: str
    expected: Any
    input: Mapping[str, Any] = field(default_factory=dict)
    period: str = "2025-Q1"
    params: Mapping[str, Any] = field(default_factory=dict)
    definitions: Mapping[str, str] = field(default_factory=dict)
    type: str | None = None

    @property
    def id(self) -> str:
        return f"{Path(self.file).stem}: {self.name}"


def load_cases(directory: Path = CONFORMANCE) -> list[Case]:
    """Every case of every ``*.yaml`` in ``directory``, in file and then written order."""
    return [case for path in sorted(directory.glob("*.yaml")) for case in _file_cases(path)]


def _file_cases(path: Path) -> list[Case]:
    loaded = strict_yaml.load_yaml(path.read_text(encoding="utf-8"), str(path))
    data = loaded.data
    if not isinstance(data, dict) or set(data) != {"cases"} or not isinstance(data["cases"],
                                                                              list):
        msg = f"{path}: a conformance file holds only 'cases:', a list"
        raise ValueError(msg)
    return [_case(raw, str(path), loaded.marks[("cases", i)].line)
            for i, raw in enumerate(data["cases"])]


def _case(raw: Any, file: str, line: int) -> Case:
    where = f"{file}:{line}"
    known = {"name", "expr", "input", "period", "params", "definitions", "type", *_OUTCOMES}
    if not isinstance(raw, dict) or not {"name", "expr"} <= raw.keys() or raw.keys() - known:
        msg = f"{where}: a case has name, expr, one of expect/error/unknown and optionally " \
              f"{', '.join(sorted(known - {'name', 'expr', *_OUTCOMES}))}"
        raise ValueError(msg)
    outcomes = [key for key in _OUTCOMES if key in raw]
    if len(outcomes) != 1:
        msg = f"{where}: case '{raw['name']}' needs exactly one of expect, error, unknown"
        raise ValueError(msg)
    return Case(file, line, str(raw["name"]), str(raw["expr"]), outcomes[0], raw[outcomes[0]],
                raw.get("input") or {}, str(raw.get("period", "2025-Q1")),
                raw.get("params") or {}, raw.get("definitions") or {}, raw.get("type"))


# --- running a case ----------------------------------------------------------------------------


@cache
def submission_type() -> ts.Type:
    return record_type(submission.submission_schema())


@cache
def submission_choices() -> dict[str, tuple[str, ...]]:
    return choices(submission.submission_schema())


def run_case(case: Case, evaluate: Evaluate) -> None:
    """Check and evaluate ``case`` with ``evaluate``; an AssertionError says what differs."""
    params = {name: literals.parse_literal(str(text)) for name, text in case.params.items()}
    try:
        expr, found, definitions = _checked(case, params)
    except DslError as exc:
        codes = [d.code for d in exc.diagnostics]
        assert case.outcome == "error", f"{case.id}: unexpected static error:\n{exc}"
        assert case.expected in codes, f"{case.id}: expected {case.expected}, got {codes}"
        return
    assert case.outcome != "error", f"{case.id}: expected error {case.expected}, none came"
    if case.type is not None:
        assert str(found) == case.type, f"{case.id}: static type {found}, not {case.type}"
    data = _convert(case.input, submission_type())
    ctx = Context(data, Quarter.parse(case.period), _lookup(params), definitions)
    _compare(case, evaluate(expr, ctx))


def _checked(case: Case, params: Mapping[str, Any]
             ) -> tuple[nodes.Expr, ts.Type, dict[str, nodes.Expr]]:
    param_types = {n: ts.of_python(type(v)) for n, v in params.items()}
    done: dict[str, nodes.Expr] = {}
    types: dict[str, ts.Type] = {}
    for name, text in case.definitions.items():
        env = Environment(submission_type(), param_types, types, submission_choices())
        checked = check(parse(str(text), Origin(f"{case.id} ({name})")), env)
        done[name], types[name] = checked.expr, checked.type
    env = Environment(submission_type(), param_types, types, submission_choices())
    checked = check(parse(case.expr, Origin(case.id)), env)
    return checked.expr, checked.type, done


def _lookup(params: Mapping[str, Any]) -> Callable[[str], Any]:
    def lookup(name: str) -> Any:
        if name in params:
            return params[name]
        return Unknown(reasons=frozenset({Reason("no-parameter-value", (name, "–", "–"))}))
    return lookup


def _convert(value: Any, kind: ts.Type) -> Any:
    """YAML input -> the values a validated submission holds (dates as dates, and so on)."""
    if kind.name == "record" and isinstance(value, dict):
        return {k: _convert(v, kind.field(k) or ts.ANY) for k, v in value.items()}
    if kind.name == "list" and isinstance(value, list) and kind.elem is not None:
        return [_convert(v, kind.elem) for v in value]
    if kind == ts.DATE and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def _compare(case: Case, result: Any) -> None:
    if case.outcome == "unknown":
        _compare_unknown(case, result)
        return
    assert type(result) is not Unknown, f"{case.id}: expected {case.expected!r}, got {result!r}"
    expected = case.expected
    if isinstance(result, int | Decimal) and isinstance(expected, str):
        expected = literals.parse_literal(expected)  # a percentage such as 90%
    assert shown(result) == shown(expected), (
        f"{case.id}: expected {case.expected!r}, got {shown(result)!r}")


def _compare_unknown(case: Case, result: Any) -> None:
    assert type(result) is Unknown, f"{case.id}: expected unknown, got {result!r}"
    spec = case.expected or {}
    if "missing" in spec:
        assert result.missing == set(spec["missing"]), (
            f"{case.id}: missing {sorted(result.missing)}, expected {sorted(spec['missing'])}")
    needle = spec.get("reasons_contain")
    if needle is not None:
        assert any(needle in str(reason) for reason in result.reasons), (
            f"{case.id}: no reason contains {needle!r}: {sorted(result.reasons)}")


def shown(value: Any) -> Any:
    """A value in the corpus's comparable form: exact numbers, text for dates and durations."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | Decimal):
        return Decimal(value).normalize()
    if isinstance(value, list | tuple):
        return [shown(v) for v in value]
    if isinstance(value, dt.date | Quarter | Duration):
        return str(value)
    return value
