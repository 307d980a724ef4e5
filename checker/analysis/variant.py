"""A variant of a corpus: parameter overrides (``--set``, an overlay file) on a checked corpus.

An override goes through the parameters' own machinery: its text is read and checked against
the parameter's unit (``parameters.value_in_unit``), its type must be the parameter's, and it
becomes one more dated value of a ``ParameterSet``, so "the value in force on the period's
first day" holds for it exactly as for the files. A value from a date replaces the values from
that date on and keeps those before it; without a date it replaces them all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from vardval.checker.analysis.refusals import Said, close_to, kind
from vardval.checker.corpus import RuleSet
from vardval.checker.parameters import (
    Parameter,
    ParameterSet,
    ParamValue,
    load_parameter_file,
    type_name,
    value_in_unit,
)
from vardval.checker.submission import REGIONS
from vardval.dsl.errors import Diagnostic, VardvalError
from vardval.dsl.literals import Literal
from vardval.dsl.spans import Span

SET_FILE = "--set"
_SET = re.compile(r"(?:(?P<region>[a-z-]+):)?(?P<name>[^=@\s]+)=(?P<value>[^@]+)"
                  r"(?:@(?P<date>.*))?")


class OverrideError(VardvalError):
    """A ``--set`` argument or an overlay that cannot apply to the corpus."""


@dataclass(frozen=True, slots=True)
class Override:
    """``[REGION:]NAME=VALUE[@DATE]`` as given on the command line."""

    argument: str
    name: str
    value: str
    region: str | None
    valid_from: dt.date | None


def parse_override(argument: str) -> Override:
    """Read one ``--set`` argument; a malformed one is an error pointing into it.

    Example:
        >>> parse_override("vardgaranti.bedomning.malniva=95%@2026-01-01").valid_from
        datetime.date(2026, 1, 1)
        >>> parse_override("kronoberg:flk.malniva=60%").region
        'kronoberg'
    """
    match = _SET.fullmatch(argument)
    if match is None:
        raise _error("invalid-set", argument, 1, len(argument) + 1,
                     Said("set-form"), Said("set-form-hint"))
    day = None
    if match["date"] is not None:
        try:
            day = dt.date.fromisoformat(match["date"])
        except ValueError:
            start = match.start("date") + 1
            raise _error("invalid-date", argument, start, len(argument) + 1,
                         Said("set-date", (match["date"],)), Said("set-date-hint")) from None
    region = match["region"]
    if region is not None and region not in REGIONS:
        hint = close_to(region, list(REGIONS)) or Said("region-hint")
        raise _error("unknown-region", argument, 1, len(region) + 1,
                     Said("unknown-region", (region,)), hint)
    return Override(argument, match["name"], match["value"].strip(), region, day)


def with_overrides(ruleset: RuleSet, overrides: Sequence[Override] = (),
                   overlays: Sequence[Path] = ()) -> RuleSet:
    """``ruleset`` with the overlay files' values, then the ``--set`` values, in force."""
    definitions = list(ruleset.parameters.definitions())
    for path in overlays:
        for parameter in load_parameter_file(path, ruleset.registry):
            definitions = _apply_overlay(definitions, parameter)
    for override in overrides:
        definitions = _apply_set(definitions, override)
    return dataclasses.replace(ruleset, parameters=ParameterSet(definitions))


def _apply_set(definitions: list[Parameter], override: Override) -> list[Parameter]:
    same = [p for p in definitions if p.name == override.name]
    if not same:
        end = override.argument.index("=") + 1
        start = end - len(override.name)
        hint = close_to(override.name, sorted({p.name for p in definitions}))
        raise _error("unknown-parameter", override.argument, start, end,
                     Said("unknown-parameter", (override.name,)), hint or Said("parameter-hint"))
    value = _value(override, same[0])
    if override.region is None:
        return [_set(p, value, override) if p in same else p for p in definitions]
    own = next((p for p in same if p.region == override.region), None)
    if own is not None:
        return [_set(p, value, override) if p is own else p for p in definitions]
    national = next((p for p in same if p.region is None), same[0])
    regional = dataclasses.replace(national, region=override.region)
    return [*definitions, _set(regional, value, override)]


def _set(parameter: Parameter, value: Literal, override: Override) -> Parameter:
    """One value from the override's date (else from the parameter's first date) on."""
    when = override.valid_from or parameter.values[0].valid_from
    cite = _cite_in_force(parameter, override.valid_from)
    return _replaced_from(parameter, (ParamValue(value, when, cite, SET_FILE, 1),))


def _value(override: Override, parameter: Parameter) -> Literal:
    start = override.argument.index("=") + 2
    end = start + len(override.value)
    example = parameter.values[0].value
    try:
        value = value_in_unit(override.value, parameter.unit)
    except ValueError:
        raise _error("invalid-value", override.argument, start, end,
                     Said("invalid-value", (override.value, parameter.unit)),
                     Said("unit-hint", (parameter.name, parameter.unit, str(example)))) from None
    expected = type_name(example)
    if type_name(value) != expected:
        raise _error("mixed-types", override.argument, start, end,
                     Said("mixed-types", (kind(type_name(value)), kind(expected))),
                     Said("mixed-types-hint", (str(example),)))
    return value


def _apply_overlay(definitions: list[Parameter], overlay: Parameter) -> list[Parameter]:
    same = [p for p in definitions if p.name == overlay.name]
    if not same:
        hint = close_to(overlay.name, sorted({p.name for p in definitions}))
        raise OverrideError([Diagnostic.worded(
            "unknown-parameter", Said("unknown-parameter", (overlay.name,)), overlay.span,
            hint or Said("overlay-hint"))])
    base = next((p for p in same if p.region == overlay.region), None)
    reference = base or next((p for p in same if p.region is None), same[0])
    found = (reference.unit, type_name(reference.values[0].value))
    if (overlay.unit, type_name(overlay.values[0].value)) != found:
        raise OverrideError([Diagnostic.worded(
            "override-type", Said("overlay-type", (overlay.name, kind(found[1]), found[0])),
            overlay.span, Said("overlay-type-hint"))])
    if base is None:  # a region's own values over the national ones
        national = _replaced_from(reference, overlay.values)
        return [*definitions, dataclasses.replace(national, region=overlay.region)]
    return [_replaced_from(p, overlay.values) if p is base else p for p in definitions]


def _replaced_from(parameter: Parameter, values: tuple[ParamValue, ...]) -> Parameter:
    """The parameter with ``values`` from their first date on, its own values before it."""
    first = values[0].valid_from
    kept = tuple(v for v in parameter.values if v.valid_from < first)
    return dataclasses.replace(parameter, values=(*kept, *values))


def _cite_in_force(parameter: Parameter, day: dt.date | None) -> tuple[str, ...]:
    """The citations of the value the override replaces (what a reader checks it against)."""
    before = [v for v in parameter.values if day is None or v.valid_from <= day]
    return (before[-1] if before else parameter.values[0]).cite


def _error(code: str, argument: str, start: int, end: int, message: Said,
           hint: Said) -> OverrideError:
    span = Span(SET_FILE, 1, start, 1, max(end, start + 1))
    return OverrideError([Diagnostic.worded(code, message, span, hint).with_source(argument)])


