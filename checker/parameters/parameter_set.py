"""Dated parameters: the targets, day limits and percentages rules compare against.

A parameter has a unit, a description and values, each in force from a date with its citation
(``rules/parameters/*.yaml``, read by ``checker/parameter_files.py``). A region may override a
national parameter in its own file: for that region the regional values apply from their first
date, the national ones before it. Rules take the value in force on the period's first day, and
``changes_within`` tells the engine when a value changes inside the period (a note on a finding).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from typing import TYPE_CHECKING

from vardval.checker.errors import RuleLoadError
from vardval.checker.parameters.files import (
    UNITS,
    FileReader,
    Parameter,
    ParamValue,
    type_name,
    type_said,
)
from vardval.checker.parameters.words import ParamSaid
from vardval.checker.reading import files as reading
from vardval.checker.reading import yaml_problems as _yaml_problems
from vardval.dsl.errors import Diagnostic, VardvalError

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Sequence
    from pathlib import Path

    from vardval.checker.sources import SourceRegistry

__all__ = ["UNITS", "ParamValue", "Parameter", "ParameterSet", "load_parameter_file",
           "load_parameters"]


class ParameterSet:
    """All parameters, national and regional, with lookups by name, region and day."""

    def __init__(self, parameters: Iterable[Parameter]) -> None:
        self._national: dict[str, Parameter] = {}
        self._regional: dict[str, dict[str, Parameter]] = defaultdict(dict)
        for parameter in parameters:
            scope = self._scope(parameter.region)
            scope[parameter.name] = parameter

    def names(self) -> tuple[str, ...]:
        """Every parameter name, national or regional, sorted."""
        regional = (name for scope in self._regional.values() for name in scope)
        return tuple(sorted({*self._national, *regional}))

    def regions(self) -> tuple[str, ...]:
        """The regions that have a parameter file."""
        return tuple(sorted(region for region, scope in self._regional.items() if scope))

    def get(self, name: str, region: str | None = None) -> Parameter:
        """The definition that applies to ``region`` (its own, else the national one).

        Without a region a parameter only a region defines is still found, so that the type
        checker and the docs see it.
        """
        found = self._definitions(name)
        regional = self._regional.get(region, {}) if region else {}
        if name in regional:
            return regional[name]
        if name in self._national:
            return self._national[name]
        if region is None and found:
            return found[0]
        raise KeyError(ParamSaid("not-for-region", (name, str(region))).words("en"))

    def python_type(self, name: str) -> type:
        """The type of the parameter's values (the same for every definition, checked on load)."""
        return self._definitions(name)[0].python_type

    def value_on(self, name: str, day: dt.date, region: str | None) -> ParamValue | None:
        """The value in force on ``day`` for ``region``; None before the first value."""
        in_force = [value for value in self._timeline(name, region) if value.valid_from <= day]
        return in_force[-1] if in_force else None

    def changes_within(
        self, name: str, start: dt.date, end: dt.date, region: str | None
    ) -> tuple[ParamValue, ...]:
        """Values taking effect after ``start`` and on or before ``end`` (inside a period)."""
        timeline = self._timeline(name, region)
        return tuple(value for value in timeline if start < value.valid_from <= end)

    def overrides(self, region: str) -> tuple[Parameter, ...]:
        """The region's parameters that replace a national one, by name."""
        scope = self._regional.get(region, {})
        return tuple(scope[name] for name in sorted(scope) if name in self._national)

    def regional(self, region: str) -> tuple[Parameter, ...]:
        """Every parameter the region's own file defines, by name."""
        scope = self._regional.get(region, {})
        return tuple(scope[name] for name in sorted(scope))

    def definitions(self) -> tuple[Parameter, ...]:
        """Every definition, national first, then each region's, by name."""
        national = tuple(self._national[name] for name in sorted(self._national))
        return national + tuple(p for region in sorted(self._regional)
                                for p in self.regional(region))

    def _scope(self, region: str | None) -> dict[str, Parameter]:
        return self._national if region is None else self._regional[region]

    def _definitions(self, name: str) -> list[Parameter]:
        """National definition first, then the regions'; ``KeyError`` with a suggestion."""
        found = [self._national[name]] if name in self._national else []
        found += [scope[name] for _, scope in sorted(self._regional.items()) if name in scope]
        if not found:
            close = difflib.get_close_matches(name, self.names(), n=1)
            said = ParamSaid("unknown-parameter-close", (name, close[0])) if close else \
                ParamSaid("unknown-parameter", (name,))
            raise KeyError(said.words("en"))
        return found

    def _timeline(self, name: str, region: str | None) -> tuple[ParamValue, ...]:
        """The values in force for a region over time: national until the override starts."""
        self._definitions(name)
        national = self._national[name].values if name in self._national else ()
        scope = self._regional.get(region, {}) if region else {}
        if name not in scope:
            return national
        own = scope[name].values
        return (*(v for v in national if v.valid_from < own[0].valid_from), *own)


def load_parameters(directory: Path, registry: SourceRegistry,
                    files: Sequence[Path] | None = None) -> ParameterSet:
    """Read ``files`` (default: every ``*.yaml`` in ``directory``); all problems in one error."""
    parameters: list[Parameter] = []
    problems: list[Diagnostic] = []
    texts = {}
    for path in sorted(directory.glob("*.yaml")) if files is None else files:
        try:  # bounded and located: a FIFO, a huge file or Latin-1 bytes are plain problems
            texts[str(path)] = reading.rule_text(path, str(path))
        except VardvalError as exc:
            problems += exc.diagnostics
    for filename, text in sorted(texts.items()):
        found, file_problems = _read_file(text, filename, registry)
        parameters += found
        problems += file_problems
    problems += _cross_file_problems(parameters)
    if problems:
        raise RuleLoadError(_located(problems, texts))
    return ParameterSet(parameters)


def load_parameter_file(path: Path, registry: SourceRegistry) -> list[Parameter]:
    """One parameter file on its own (a what-if overlay), checked as ``load_parameters`` does."""
    filename = str(path)
    text = reading.rule_text(path, filename)
    found, problems = _read_file(text, filename, registry)
    problems += _cross_file_problems(found)
    if problems:
        raise RuleLoadError(_located(problems, {filename: text}))
    return found


def _read_file(
    text: str, filename: str, registry: SourceRegistry
) -> tuple[list[Parameter], list[Diagnostic]]:
    try:
        loaded = _yaml_problems.load(text, filename)
    except RuleLoadError as error:
        return [], error.diagnostics
    reader = FileReader(loaded, filename, registry)
    return reader.read(), reader.problems


def _cross_file_problems(parameters: list[Parameter]) -> list[Diagnostic]:
    """A name defined twice in one scope, or overrides whose type or unit differ."""
    problems = []
    by_name: dict[str, list[Parameter]] = defaultdict(list)
    for parameter in parameters:
        by_name[parameter.name].append(parameter)
    for definitions in by_name.values():
        first = _reference(definitions)
        seen: set[str | None] = set()
        for other in definitions:
            if other.region in seen:
                problems.append(_duplicate(other))
            seen.add(other.region)
            if other is not first and _kind(other) != _kind(first):
                problems.append(_override_mismatch(other, first))
    return problems


def _reference(definitions: list[Parameter]) -> Parameter:
    """The definition others must agree with: the national one when there is one."""
    return next((p for p in definitions if p.region is None), definitions[0])


def _kind(parameter: Parameter) -> tuple[str, str]:
    return parameter.unit, type_name(parameter.values[0].value)


def _duplicate(parameter: Parameter) -> Diagnostic:
    scope = ParamSaid("scope-region", (parameter.region,)) if parameter.region else \
        ParamSaid("scope-nation")
    return Diagnostic.worded("duplicate-parameter", ParamSaid("duplicate", (parameter.name, scope)),
                             parameter.span)


def _override_mismatch(parameter: Parameter, reference: Parameter) -> Diagnostic:
    unit, kind = _kind(parameter)
    ref_unit, ref_kind = _kind(reference)
    where = ParamSaid("the-national") if reference.region is None else \
        ParamSaid("that-of", (reference.region,))
    said = ParamSaid("override-type", (parameter.name, str(parameter.region), type_said(kind), unit,
                                       where, type_said(ref_kind), ref_unit))
    return Diagnostic.worded("override-type", said, parameter.span)


def _located(problems: list[Diagnostic], texts: dict[str, str]) -> list[Diagnostic]:
    """Problems with their caret excerpts, in file and position order."""
    shown = [p.with_source(texts[p.span.file]) if p.span and p.span.file in texts else p
             for p in problems]
    return _yaml_problems.by_position(shown)
