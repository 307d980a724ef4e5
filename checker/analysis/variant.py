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
from vardval.dsl.errors import Diagnostic, VardvalError, suggest
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
                     "--set förväntar NAMN=VÄRDE[@DATUM] / --set expects NAME=VALUE[@DATE]",
                     "e.g. --set vardgaranti.bedomning.malniva=95%@2026-01-01")
    day = None
    if match["date"] is not None:
        try:
            day = dt.date.fromisoformat(match["date"])
        except ValueError:
            start = match.start("date") + 1
            raise _error("invalid-date", argument, start, len(argument) + 1,
                         f"'{match['date']}' är inget datum / is not a date",
                         "write the day the value takes effect as YYYY-MM-DD") from None
    region = match["region"]
    if region is not None and region not in REGIONS:
        hint = suggest(region, list(REGIONS)) or "use a region slug such as kronoberg"
        raise _error("unknown-region", argument, 1, len(region) + 1,
                     f"okänd region '{region}' / unknown region '{region}'", hint)
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
        hint = suggest(override.name, sorted({p.name for p in definitions}))
        raise _error("unknown-parameter", override.argument, start, end,
                     f"okänd parameter '{override.name}' / unknown parameter '{override.name}'",
                     hint or "the names are those of rules/parameters/*.yaml")
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
    try:
        value = value_in_unit(override.value, parameter.unit)
    except ValueError as error:
        raise _error("invalid-value", override.argument, start, end,
                     f"ogiltigt värde / invalid value: {error}",
                     f"'{parameter.name}' is in {parameter.unit}") from None
    expected = type_name(parameter.values[0].value)
    if type_name(value) != expected:
        raise _error("mixed-types", override.argument, start, end,
                     f"värdet är {type_name(value)} men parametern {expected} / the value is "
                     f"{type_name(value)} but the parameter is {expected}",
                     f"write it as the files do, e.g. {parameter.values[0].value}")
    return value


def _apply_overlay(definitions: list[Parameter], overlay: Parameter) -> list[Parameter]:
    same = [p for p in definitions if p.name == overlay.name]
    if not same:
        hint = suggest(overlay.name, sorted({p.name for p in definitions}))
        raise OverrideError([Diagnostic(
            "unknown-parameter", f"okänd parameter '{overlay.name}' / unknown parameter "
            f"'{overlay.name}'", overlay.span, hint or "an overlay may only change parameters "
            "the corpus defines")])
    base = next((p for p in same if p.region == overlay.region), None)
    reference = base or next((p for p in same if p.region is None), same[0])
    kind = (reference.unit, type_name(reference.values[0].value))
    if (overlay.unit, type_name(overlay.values[0].value)) != kind:
        raise OverrideError([Diagnostic(
            "override-type", f"'{overlay.name}' är {kind[1]} i {kind[0]} i regelverket / is "
            f"{kind[1]} in {kind[0]} in the corpus", overlay.span,
            "an overlay must keep the parameter's unit and type")])
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


def _error(code: str, argument: str, start: int, end: int, message: str,
           hint: str) -> OverrideError:
    span = Span(SET_FILE, 1, start, 1, max(end, start + 1))
    return OverrideError([Diagnostic(code, message, span, hint).with_source(argument)])


