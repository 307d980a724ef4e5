"""Dated parameters: the targets, day limits and percentages rules compare against.

A parameter has a unit, a description and values, each in force from a date with its citation
(``rules/parameters/*.yaml``, read by ``parameters.loading``). A region may override a
national parameter in its own file: for that region the regional values apply from their first
date, the national ones before it. Rules take the value in force on the period's first day, and
``changes_within`` tells the engine when a value changes inside the period (a note on a finding).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from vardval.checker.parameters.parameter import Parameter, ParamValue


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
        raise KeyError(_missing("not-for-region", name, str(region)))

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
            import difflib  # noqa: PLC0415 - only to suggest a name

            close = difflib.get_close_matches(name, self.names(), n=1)
            raise KeyError(_missing("unknown-parameter-close", name, close[0]) if close else
                           _missing("unknown-parameter", name))
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


def _missing(code: str, *values: str) -> str:
    """The English words of a parameter that is not there (its wording only imported then)."""
    from vardval.checker.parameters.words import ParamSaid  # noqa: PLC0415 - errors only

    return ParamSaid(code, values).words("en")
