"""Reading the parameter files of a corpus (or one what-if overlay) into checked parameters.

Each file is read by ``parameters.file_reader``; this module adds what no one file shows: a name
defined twice in one scope, and a regional override whose unit or type differs from the
national definition. All problems of all files are raised once, located and in order.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from vardval.checker.errors import RuleLoadError
from vardval.checker.parameters.file_reader import FileReader, type_name, type_said
from vardval.checker.parameters.parameter_set import ParameterSet
from vardval.checker.parameters.words import ParamSaid
from vardval.checker.reading import files as reading
from vardval.checker.reading import yaml_problems as _yaml_problems
from vardval.dsl.errors import Diagnostic, VardvalError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from vardval.checker.parameters.parameter import Parameter
    from vardval.checker.sources import SourceRegistry


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
