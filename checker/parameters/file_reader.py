"""Reading one parameter file (``rules/parameters/*.yaml``) into checked, dated parameters.

The form of the file is checked by the schema the load cache keeps (``reading.quick_files``),
else by the models of ``parameters.files``, which explain every problem; this module imports
no pydantic, so a cold load of valid files needs none (issue 21).

A file holds the national parameters (no ``region``) or one region's (``region: kronoberg``),
which may override national ones. Each value is a literal read by ``dsl.literals.parse_literal``
with a ``from`` date and citations that must resolve in the source registry. Every problem is
collected with its location; ``parameters.loading`` raises them once for all files.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vardval.checker.parameters.parameter import Parameter, ParamValue
from vardval.checker.parameters.words import ParamSaid, literal_problem
from vardval.checker.reading import Refused, locate, quick_files, strict_yaml
from vardval.checker.reading import yaml_problems as _yaml_problems
from vardval.checker.sources import records
from vardval.checker.submission import REGIONS
from vardval.dsl import literals
from vardval.dsl.errors import Diagnostic
from vardval.dsl.values import Duration

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError
    from vardval.checker.sources import SourceRegistry
    from vardval.dsl.reasons import Reason

UNITS = ("percent", "days", "months", "count", "sek")
UNIT_EXAMPLES = {unit: ParamSaid(f"unit-{unit}") for unit in UNITS}
_NAME = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*")


class FileReader:
    """Reads one loaded file; ``problems`` holds every located diagnostic found."""

    def __init__(
        self, loaded: strict_yaml.LoadedYaml, filename: str, registry: SourceRegistry
    ) -> None:
        self.loaded = loaded
        self.filename = filename
        self.registry = registry
        self.problems: list[Diagnostic] = []

    def read(self) -> list[Parameter]:
        """The file's parameters that passed their checks (the others left problems)."""
        top = self._dump("parameter-file", self.loaded.data)
        if top is None:
            return []
        region = self._region(top["region"])
        found = (self._parameter(name, raw, region) for name, raw in top["parameters"].items())
        return [parameter for parameter in found if parameter is not None]

    def _dump(self, kind: str, data: object,
              prefix: tuple[str | int, ...] = ()) -> dict[str, Any] | None:
        """``data`` validated as ``kind``: by the schema the load cache keeps, else by the
        model (``files.MODELS``), whose problems are collected (None then)."""
        found = quick_files.dumped(kind, data, lambda: _model(kind))
        if not isinstance(found, quick_files.ModelRefused):
            return found
        self._invalid(found.error, prefix)
        return None

    def _region(self, region: str | None) -> str | None:
        if region is not None and region not in REGIONS:
            import difflib  # noqa: PLC0415 - only to suggest a name

            close = difflib.get_close_matches(region, REGIONS, n=1)
            hint = ParamSaid("hint-did-you-mean", (close[0],)) if close else \
                ParamSaid("hint-region-slug")
            self._add("unknown-region", ParamSaid("unknown-region", (region, hint)), ("region",))
        return region

    def _parameter(self, name: str, raw: dict[str, object], region: str | None) -> Parameter | None:
        path = ("parameters", name)
        if not _NAME.fullmatch(name):
            self._add("invalid-parameter-name", ParamSaid("invalid-name", (name,)), path, key=True)
        model = self._dump("parameter", raw, path)
        if model is None:
            return None
        values = self._values(model, path)
        if values is None or not self._unit_known(model["unit"], path):
            return None
        span = locate.span_at(self.loaded, path, self.filename, key=True)
        return Parameter(name, model["unit"], records.Localized(**model["description"]), region,
                         values, span)

    def _unit_known(self, unit: str, path: tuple[str | int, ...]) -> bool:
        if unit in UNITS:
            return True
        import difflib  # noqa: PLC0415 - only to suggest a name

        close = difflib.get_close_matches(unit, UNITS, n=1)
        said = ParamSaid("unknown-unit-close", (unit, ", ".join(UNITS), close[0])) if close \
            else ParamSaid("unknown-unit", (unit, ", ".join(UNITS)))
        self._add("unknown-unit", said, (*path, "unit"))
        return False

    def _values(
        self, model: dict[str, Any], path: tuple[str, str]
    ) -> tuple[ParamValue, ...] | None:
        before = len(self.problems)
        values = [self._param_value(item, model["unit"], (*path, "values", index))
                  for index, item in enumerate(model["values"])]  # fmt: skip
        self._check_order(model["values"], path)
        self._check_types(values, path)
        if len(self.problems) > before:
            return None
        return tuple(value for value in values if value is not None)

    def _param_value(
        self, item: dict[str, Any], unit: str, where: tuple[str | int, ...]
    ) -> ParamValue | None:
        value = self._value(item, unit, where)
        cite = self._citations(item["cite"], where)
        if value is None:
            return None
        line = locate.span_at(self.loaded, where, self.filename).line
        return ParamValue(value, item["valid_from"], cite, self.filename, line)

    def _value(
        self, item: dict[str, Any], unit: str, where: tuple[str | int, ...]
    ) -> literals.Literal | None:
        try:
            return value_in_unit(_literal_text(item["value"]), unit)
        except Refused as error:
            self._add("invalid-value", error.said, (*where, "value"))
            return None

    def _citations(self, cites: list[str], where: tuple[str | int, ...]) -> tuple[str, ...]:
        """The citations in normal form; each one that does not resolve is a problem."""
        found = []
        for index, text in enumerate(cites):
            try:
                found.append(self.registry.resolve_text(text).text)
            except Refused as error:
                self._add("unresolved-citation", error.said, (*where, "cite", index))
        return tuple(found)

    def _check_order(self, values: list[dict[str, Any]], path: tuple[str, str]) -> None:
        for index in range(1, len(values)):
            previous, current = values[index - 1]["valid_from"], values[index]["valid_from"]
            if current <= previous:
                same = "repeats-date" if current == previous else "earlier-date"
                said = ParamSaid(same, (str(current), str(previous)))
                self._add("unordered-values", said, (*path, "values", index, "from"))

    def _check_types(self, values: list[ParamValue | None], path: tuple[str, str]) -> None:
        kinds = [(i, type_name(v.value)) for i, v in enumerate(values) if v is not None]
        for index, kind in kinds[1:]:
            if kind != kinds[0][1]:
                said = ParamSaid("mixed-types", (type_said(kind), type_said(kinds[0][1])))
                self._add("mixed-types", said, (*path, "values", index, "value"))

    def _add(
        self, code: str, said: Reason, path: tuple[str | int, ...], *, key: bool = False
    ) -> None:
        span = locate.span_at(self.loaded, path, self.filename, key=key)
        self.problems.append(Diagnostic.worded(code, said, span))

    def _invalid(self, error: ValidationError, prefix: tuple[str | int, ...] = ()) -> None:
        found = _yaml_problems.validation_diagnostics(error, self.loaded, self.filename, prefix)
        self.problems.extend(found)


def _model(kind: str) -> type[BaseModel]:
    from vardval.checker.parameters.files import MODELS  # noqa: PLC0415 - pydantic, when refused

    return MODELS[kind]


def value_in_unit(text: str, unit: str) -> literals.Literal:
    """A parameter value read from its text and checked against its unit (files and ``--set``).

    Example:
        >>> value_in_unit("95%", "percent")
        Decimal('0.95')
        >>> value_in_unit("95%", "days")
        Traceback (most recent call last):
        vardval.checker.reading.file_words.Refused: value '95%' does not fit unit 'days'; \
expected a number of days such as 3 or 3 days

    A refusal is a ``Refused`` (a ``ValueError``) whose ``said`` words it in each language.
    """
    try:
        value = literals.parse_literal(text)
    except ValueError as exc:  # a literal's own words when dsl gives them, else ours
        raise Refused(getattr(exc, "said", None) or literal_problem(text)) from None
    if unit in UNITS and not _fits(unit, text, value):
        raise Refused(ParamSaid("unit-misfit", (text, unit, UNIT_EXAMPLES[unit])))
    return value


def type_name(value: object) -> str:
    """How a message names a value's type; whole and exact numbers are both 'a number'."""
    if isinstance(value, bool):
        return "a truth value"
    if isinstance(value, int | Decimal):
        return "a number"
    names = {Duration: "a duration", dt.date: "a date", str: "a text"}
    return names.get(type(value), type(value).__name__)


_TYPE_CODES = {"a truth value": "type-bool", "a number": "type-number",
               "a duration": "type-duration", "a date": "type-date", "a text": "type-text"}


def type_said(name: str) -> ParamSaid | str:
    """``type_name``'s words in each language (a name it does not know, as it is)."""
    code = _TYPE_CODES.get(name)
    return ParamSaid(code) if code else name


def _literal_text(raw: str | int | Decimal | bool) -> str:
    if isinstance(raw, bool):
        return "true" if raw else "false"
    return str(raw)


def _fits(unit: str, text: str, value: literals.Literal) -> bool:
    """Whether a value reads as the unit says: a percent parameter is written as a percentage."""
    is_percent = text.strip().endswith("%")
    whole = isinstance(value, int) and not isinstance(value, bool)
    if unit == "percent":
        return is_percent
    if unit in ("days", "months") and isinstance(value, Duration):
        return value.months == 0 if unit == "days" else value.days == 0
    if unit == "sek":
        return not is_percent and (whole or isinstance(value, Decimal))
    return whole
