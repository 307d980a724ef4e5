"""A rule expression cannot escape the language, run away, or blow the Python stack.

* No Python ``eval``/``exec``/``compile`` of text anywhere but ``dsl/compiled.py`` (which runs
  only code generated from a checked AST), and no unsafe YAML loading at all.
* Python names, attributes, calls and syntax are refused statically, with a located message.
* Nesting is bounded by the parser (brackets, tree depth) and by the loader counting
  definitions (``checker/nesting.py``); whatever passes evaluates in both backends.
* Evaluation terminates (argued in ``checker/nesting.py``): a quantifier is linear in its list.
"""

from __future__ import annotations

import ast
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import pytest
from vardval.checker.authoring.lint import corpus_context
from vardval.checker.corpus import nesting
from vardval.checker.corpus.rulebooks import LoadContext, load_rulebook
from vardval.checker.submission.model import submission_schema
from vardval.dsl import compiled, interpreter, runtime
from vardval.dsl import typesys as ts
from vardval.dsl.errors import DslError, RuleSyntaxError, VardvalError
from vardval.dsl.parser import MAX_LENGTH, parse
from vardval.dsl.schema_types import record_type
from vardval.dsl.typecheck import Environment, check
from vardval.dsl.values import Quarter

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "tests" / "hostile" / "rules_base"
ENV = Environment(record_type(submission_schema()))
SMALL = Environment(ts.record({"xs": ts.list_of(ts.NUMBER), "n": ts.NUMBER, "b": ts.BOOL}))
BACKENDS = (interpreter.evaluate, compiled.evaluate)


def context(data: dict[str, object]) -> interpreter.Context:
    return interpreter.Context(data, Quarter(2025, 1), {}.get, {})


# --- no eval of text ------------------------------------------------------------------------

RUNS_TEXT = {"eval", "exec", "compile", "__import__", "execfile"}
UNSAFE_YAML = {"load", "load_all", "unsafe_load", "unsafe_load_all", "full_load",
               "full_load_all", "Loader", "UnsafeLoader", "FullLoader"}
ALLOWED = {("dsl/compiled.py", "compile"), ("dsl/compiled.py", "exec")}


def calls_that_run_text(path: Path, root: Path = ROOT) -> set[tuple[str, str]]:
    """(file, name) for each call of a text-running builtin and each unsafe PyYAML use."""
    found = set()
    relative = path.relative_to(root).as_posix()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in RUNS_TEXT:
            found.add((relative, node.func.id))
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id == "yaml" and node.attr in UNSAFE_YAML:
            found.add((relative, f"yaml.{node.attr}"))
    return found


def test_only_the_compiled_backend_runs_python_text_and_nothing_loads_yaml_unsafely() -> None:
    sources = [p for folder in ("dsl", "checker", "rules", "docs", "scripts")
               for p in sorted((ROOT / folder).rglob("*.py"))]
    found = set().union(*(calls_that_run_text(path) for path in sources))
    assert found == ALLOWED


def test_the_scan_would_see_a_forbidden_call(tmp_path: Path) -> None:
    bad = tmp_path / "probe.py"
    bad.write_text("import yaml\neval('1')\nyaml.load('a', Loader=yaml.Loader)\n")
    assert calls_that_run_text(bad, tmp_path) == {
        ("probe.py", "eval"), ("probe.py", "yaml.load"), ("probe.py", "yaml.Loader")}


# --- Python is not reachable from a rule ----------------------------------------------------

ESCAPES = {
    '__import__("os") == 1': "unknown function '__import__'",
    'open("/etc/passwd") == ""': "unknown function 'open'",
    'eval("1") == 1': "unknown function 'eval'",
    'exec("x") == 1': "unknown function 'exec'",
    'getattr(clinic, "name") == ""': "unknown function 'getattr'",
    "clinic.__class__ == 1": "unknown field 'clinic.__class__'",
    "clinic.name.__class__ == 1": "it has no part '__class__'",
    "period.__class__ == 1": "period has no part '__class__'",
    "__builtins__ == 1": "unknown name '__builtins__'",
    "globals() == 1": "unknown function 'globals'",
    'clinic.name.upper() == ""': "unexpected '('",
    "[x for x in quality.quality_registers] == []": "unexpected",
    "(lambda: 1) == 1": "unexpected",
    "quality.quality_registers[0] == 1": "unexpected",
    'f"{clinic}" == ""': "unexpected",
    "x := 1": "unexpected",
}


@pytest.mark.parametrize(("text", "message"), ESCAPES.items())
def test_python_is_refused_statically(text: str, message: str) -> None:
    with pytest.raises(DslError) as exc:
        check(parse(text), ENV)
    assert message in str(exc.value)
    assert all(d.span is not None for d in exc.value.diagnostics)


# --- nesting --------------------------------------------------------------------------------

TEN_THOUSAND = {
    "not": "not " * 10_000 + "b",
    "plus": "n" + " + n" * 10_000 + " > 0",
    "minus": "-" * 10_000 + "n > 0",
    "and": "b" + " and b" * 10_000,
    "brackets": "(" * 10_000 + "b" + ")" * 10_000,
}


@pytest.mark.parametrize("text", TEN_THOUSAND.values(), ids=TEN_THOUSAND.keys())
def test_ten_thousand_operators_are_refused_with_a_located_message(text: str) -> None:
    with pytest.raises(RuleSyntaxError) as exc:
        parse(text)
    (diagnostic,) = exc.value.diagnostics
    assert diagnostic.code in ("expression-too-long", "nesting-too-deep")


WITHIN_LENGTH = {
    "not": "not " * (MAX_LENGTH // 4 - 1) + "b",
    "plus": "n" + "+n" * (MAX_LENGTH // 2 - 5) + ">0",
    "minus": "-" * (MAX_LENGTH - 10) + "n > 0",
    "and": "b" + " and b" * (MAX_LENGTH // 6 - 1),
    "if": "if b then " * 900 + "b" + " else b" * 900,
}


@pytest.mark.parametrize("text", WITHIN_LENGTH.values(), ids=WITHIN_LENGTH.keys())
def test_deep_operator_chains_without_brackets_are_refused_by_depth(text: str) -> None:
    with pytest.raises(RuleSyntaxError) as exc:
        parse(text)
    assert exc.value.diagnostics[0].code in ("nesting-too-deep", "expression-too-long")


def deepest(shape: str, levels: int, b: str = "b", n: str = "n", xs: str = "xs") -> str:
    """An expression of ``shape`` nested ``levels`` deep over a bool, a number and a list."""
    return {
        "not": "not " * levels + b,
        "plus": n + f" + {n}" * levels + " > 0",
        "minus": "-" * levels + f"{n} > 0",
        "and": b + f" and {b}" * levels,
        "if-then": f"if {b} then " * levels + b + f" else {b}" * levels,
        "if-else": f"if {b} then {b} else " * levels + b,
        "quantifiers": "".join(f"all v{i} in {xs}: " for i in range(levels)) + f"{n} > 0",
    }[shape]


ALLOWED_SHAPES = {"not": 78, "plus": 77, "minus": 77, "and": 78, "if-then": 77, "if-else": 78,
                  "quantifiers": nesting.MAX_QUANTIFIERS}


@pytest.mark.parametrize(("shape", "levels"), ALLOWED_SHAPES.items())
def test_the_deepest_expression_a_rule_may_hold_runs_in_both_backends(shape: str,
                                                                      levels: int) -> None:
    expr = parse(deepest(shape, levels))
    assert nesting.too_deep(nesting.depth(expr)) is None
    resolved = check(expr, SMALL).expr
    results = {backend(resolved, context({"xs": [1, 2], "n": 1, "b": True}))
               for backend in BACKENDS}
    assert len(results) == 1


@pytest.mark.parametrize("shape", ALLOWED_SHAPES)
def test_one_level_more_is_refused_when_a_rulebook_is_loaded(tmp_path: Path, shape: str) -> None:
    levels = ALLOWED_SHAPES[shape] + (3 if shape != "quantifiers" else 1)
    text = deepest(shape, levels, b="true", n="1", xs="quality.quality_registers")
    with pytest.raises(VardvalError) as exc:
        load_rulebook(rulebook(tmp_path, text), rules_context(), "deep.yaml")
    assert any(d.code == "nesting-too-deep" for d in exc.value.diagnostics)


@pytest.mark.parametrize("levels", [nesting.MAX_QUANTIFIERS + 1, 38])
def test_quantifiers_past_the_limit_are_refused_by_the_parser_itself(levels: int) -> None:
    """Found by ``scripts/fuzz.py --target shapes``: 38 nested ``any`` checked at the DSL's own
    door, then failed in ``compile`` ("too many statically nested blocks", a SyntaxError)."""
    text = "any g in []: " * levels + "true"
    with pytest.raises(RuleSyntaxError) as exc:
        parse(text)
    (problem,) = exc.value.diagnostics
    assert problem.code == "nesting-too-deep"
    assert str(problem.message) == (f"the expression nests {nesting.MAX_QUANTIFIERS + 1} "
                                    "quantifiers (all/any) one inside another; the limit is "
                                    f"{nesting.MAX_QUANTIFIERS}")


@functools.cache
def rules_context() -> LoadContext:
    return corpus_context(BASE)[0]


def rulebook(folder: Path, require: str) -> Path:
    path = folder / "deep.yaml"
    path.write_text("rulebook: national.deep\ntitle: {sv: T, en: T}\nrules:\n  - id: DEEP-A\n"
                    "    title: {sv: T, en: T}\n    severity: error\n"
                    "    cite: [HSL 4 kap. 2 §]\n"
                    f"    require: >-\n      {require}\n    message: {{sv: x, en: x}}\n",
                    encoding="utf-8")
    return path


# --- evaluation stays linear ----------------------------------------------------------------


def test_a_quantifier_compares_each_item_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = runtime.compare

    def counting(op: str, left: object, right: object) -> object:
        calls.append(op)
        return real(op, left, right)

    monkeypatch.setattr(runtime, "compare", counting)
    resolved = check(parse("all x in xs: x > n"), SMALL).expr
    for size in (1_000, 100_000):
        calls.clear()
        assert interpreter.evaluate(resolved, context({"xs": [5] * size, "n": 1})) is True
        assert len(calls) == size


@pytest.mark.parametrize("backend", BACKENDS, ids=["interpreter", "compiled"])
@pytest.mark.parametrize("text", ["all x in xs: x > n", "any x in xs: x < n",
                                  "count(xs) > n", "sum(xs) > n", "max(xs) > n", "n in xs"])
def test_work_grows_linearly_with_the_list(backend: object, text: str) -> None:
    """Counts the Python bytecode instructions an evaluation executes, not seconds: the count
    is the same on a busy machine, and quadratic work would show as ~100x for 10x the items."""
    resolved = check(parse(text), SMALL).expr

    def instructions(size: int) -> int:
        data = context({"xs": [5] * size, "n": 1})
        return executed_opcodes(lambda: backend(resolved, data))  # type: ignore[operator]

    small, large = instructions(500), instructions(5_000)
    assert large < 20 * max(small, 50)  # ten times the items


def executed_opcodes(run: Callable[[], object]) -> int:
    """How many bytecode instructions ``run`` executes in Python frames (sys.settrace)."""
    count = 0

    def tracer(frame: FrameType, event: str, arg: object) -> object:
        nonlocal count
        frame.f_trace_opcodes = True
        if event == "opcode":
            count += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        run()
    finally:
        sys.settrace(previous)
    return count
