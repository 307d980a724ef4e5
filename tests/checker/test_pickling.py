"""The load cache's pickles: frozen slotted dataclasses written as calls read back equal, and
nothing else changes how it is pickled."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from vardval.checker.corpus.ruleset import read_ruleset
from vardval.checker.program import pickling
from vardval.checker.program.units import build
from vardval.dsl.spans import Span


@dataclasses.dataclass(frozen=True, slots=True)
class Plain:
    name: str
    count: int = 0


@dataclasses.dataclass(frozen=True, slots=True)
class Checked:
    name: str

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError("empty")


@dataclasses.dataclass(frozen=True, slots=True)
class Derived:
    name: str
    size: int = dataclasses.field(init=False, default=0)


@dataclasses.dataclass(frozen=True, slots=True)
class KeywordOnly:
    name: str
    count: int = dataclasses.field(kw_only=True, default=0)


@dataclasses.dataclass(frozen=True)
class Unslotted:
    name: str


def test_only_classes_remade_exactly_by_a_call_are_written_as_one() -> None:
    assert pickling.by_fields(Plain) and pickling.by_fields(Span)
    assert not any(pickling.by_fields(cls) for cls in (Checked, Derived, KeywordOnly,
                                                        Unslotted, int, dt.date))


@given(st.text(), st.integers(), st.lists(st.integers(min_value=0), max_size=5))
def test_a_value_reads_back_equal(name: str, count: int, numbers: list[int]) -> None:
    value = {"plain": Plain(name, count), "spans": [Span(name, n, n, n, n + 1) for n in numbers],
             "date": dt.date(2025, 1, 1), "derived": Derived(name)}
    assert pickle.loads(pickling.dumps(value)) == value  # noqa: S301 - our own bytes


def test_a_class_checked_on_construction_is_not_checked_again() -> None:
    odd = object.__new__(Checked)
    object.__setattr__(odd, "name", "")  # made without its check, as some code may
    assert pickle.loads(pickling.dumps(odd)).name == ""  # noqa: S301 - our own bytes


def test_the_bundled_corpus_reads_back_equal_without_dataclass_setstate(
        monkeypatch: pytest.MonkeyPatch) -> None:
    ruleset = read_ruleset()
    program = build(ruleset)
    body = pickling.dumps((ruleset, program))
    calls: list[type] = []
    real = dataclasses._dataclass_setstate  # type: ignore[attr-defined]

    def counting(self: Any, state: Any) -> None:
        calls.append(type(self))
        real(self, state)

    monkeypatch.setattr(dataclasses, "_dataclass_setstate", counting)
    for cls in _frozen_slotted_classes(ruleset):
        monkeypatch.setattr(cls, "__setstate__", counting, raising=False)
    back, _ = pickle.loads(body)  # noqa: S301 - our own bytes
    assert calls == []
    assert [(r.id, r.versions) for r in back.rules()] == [(r.id, r.versions)
                                                          for r in ruleset.rules()]
    assert back.rulebooks == ruleset.rulebooks


def _frozen_slotted_classes(value: object) -> set[type]:
    """The classes among ``value``'s parts pickle would restore with dataclasses' setstate."""
    found: set[type] = set()
    seen: set[int] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            if "__slots__" in type(item).__dict__:
                found.add(type(item))
            stack += [getattr(item, f.name) for f in dataclasses.fields(item)]
        elif isinstance(item, list | tuple | set | frozenset):
            stack += list(item)
        elif isinstance(item, dict):
            stack += [*item.keys(), *item.values()]
    return found
