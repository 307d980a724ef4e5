"""Functions written exactly as an earlier one in their unit are compiled once: the alias runs
its twin's bytecode moved to its own lines, so it behaves, and fails, as its own code would."""

from __future__ import annotations

import pickle
import types
from collections.abc import Iterator

import pytest
from vardval.checker.program import load_ruleset
from vardval.checker.program import units as program
from vardval.dsl import codegen, compiled, nodes
from vardval.dsl import typesys as ts
from vardval.dsl.codegen import Function
from vardval.dsl.errors import EvaluationError
from vardval.dsl.parser import parse
from vardval.dsl.spans import Origin
from vardval.dsl.typecheck import Environment, check

ENV = Environment(ts.record({"n": ts.NUMBER}), {"p": ts.NUMBER})


def resolved(text: str, origin: Origin) -> nodes.Expr:
    return check(parse(text, origin), ENV).expr


def _functions(code: types.CodeType) -> Iterator[types.CodeType]:
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield const


def _same_code(alias: types.CodeType, own: types.CodeType) -> None:
    assert alias.co_code == own.co_code
    assert alias.co_consts == own.co_consts
    assert alias.co_names == own.co_names
    assert alias.co_firstlineno == own.co_firstlineno
    assert list(alias.co_lines()) == list(own.co_lines())
    assert (alias.co_name, alias.co_filename) == (own.co_name, own.co_filename)


def test_every_alias_in_the_corpus_has_the_code_its_own_text_compiles_to() -> None:
    units = program.generate(load_ruleset())
    aliases = [alias for unit in units for alias in unit.aliases]
    assert len(aliases) > 50  # placeholders in each language, versions that kept `require`
    for unit in units:
        if not unit.aliases:
            continue
        own = {c.co_name: c for c in _functions(compile(unit.source, unit.filename, "exec"))}
        loaded = compiled.load(unit)  # the definitions it calls are looked up when called
        assert set(loaded.functions) == set(own)
        for name, *_ in unit.aliases:
            _same_code(loaded.functions[name].__code__, own[name])


def test_an_alias_is_compiled_once_and_its_lines_left_blank() -> None:
    first, second = resolved("param(p) + 1", Origin("r.yaml", 3, 7)), resolved(
        "param(p) + 1", Origin("r.yaml", 9, 11))
    unit = codegen.generate("<rule T>", [Function("m_0", first), Function("m_1", second)])
    assert [alias[0::3] for alias in unit.aliases] == [("m_1", "m_0")]
    assert unit.source.count("def ") == 2
    assert unit.compiled_source().count("def ") == 1
    assert len(unit.compiled_source().splitlines()) == len(unit.source.splitlines())


def test_a_failure_inside_an_alias_is_placed_at_the_alias_own_span() -> None:
    texts = [("param(p) + 1", Origin("r.yaml", 3, 7)), ("param(p) + 1", Origin("r.yaml", 9, 11))]
    unit = codegen.generate("<rule T>", [Function(f"m_{i}", resolved(t, o))
                                         for i, (t, o) in enumerate(texts)])
    loaded = compiled.load(unit)

    def failing(name: str) -> object:
        raise OverflowError(name)

    for name, line in (("m_0", 3), ("m_1", 9)):
        with pytest.raises(OverflowError) as caught:
            loaded[name]({}, None, failing, {})
        located = compiled.located_error(caught.value, [unit])
        span = located.diagnostics[0].span
        assert span is not None
        assert (span.file, span.line) == ("r.yaml", line)
        assert isinstance(located, EvaluationError)


def test_a_program_from_the_load_cache_keeps_its_aliases() -> None:
    built = program.build(load_ruleset())
    built.load_all()
    again = pickle.loads(pickle.dumps(built))  # noqa: S301 - our own object
    assert [len(again._unit(i).moved) for i in range(len(again.units))] == [
        len(unit.aliases) for unit in built.units]
    assert not again.fresh  # every unit came with its bytecode
    for rule_id, functions in built.functions.items():
        kept = again.functions[rule_id]
        assert set(kept) == set(functions)
        for name, function in functions.items():
            _same_code(kept[name].__code__, function.__code__)
