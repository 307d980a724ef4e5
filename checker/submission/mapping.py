"""Mapping files (``vardval/mapping@1``): which column of an office's export is which field.

A mapping says which column holds which submission field, how periods and regions are written,
which cell texts are markers for "missing" or "suppressed" values, and how monthly rows roll
up into a quarter. It is YAML, checked with every problem located (``vardval lint`` and every
``check --mapping`` run), and published as a JSON Schema for editors.
"""

from __future__ import annotations

import pathlib
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from vardval.checker.errors import MappingError
from vardval.checker.reading import files as reading
from vardval.checker.reading import locate, strict_yaml
from vardval.checker.submission.fields import submission_fields
from vardval.checker.submission.mapping_words import Said, did_you_mean
from vardval.dsl.errors import Diagnostic

MAPPING_FORMAT = "vardval/mapping@1"
PERIOD_FORMATS = ("YYYY-Qn", "YYYYQn", "YYYY-MM", "YYYYMM")
MONTHLY = ("YYYY-MM", "YYYYMM")
MAX_MAPPING_BYTES = 1_000_000


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CsvOptions(_Model):
    """How the CSV file is written; left out, UTF-8 and a delimiter guessed from the header."""

    delimiter: Literal[",", ";", "\t", "|"] | None = Field(
        default=None, description="the column separator; Swedish Excel writes ';'")
    encoding: Literal["utf-8", "latin-1", "cp1252"] = Field(
        default="utf-8", description="the text encoding; a BOM is dropped")


class Markers(_Model):
    """Cell texts that mean "no value": the value is absent (never zero)."""

    missing: list[str] = Field(default_factory=lambda: ["", ".."],
                               description="texts for a missing value; an empty cell always is")
    suppressed: list[str] = Field(default_factory=list,
                                  description="texts for a value suppressed for privacy, e.g. <20")


class Rollup(_Model):
    """How monthly rows become one quarter: named counts summed or taken from the last month;
    every other value must be the same in each month."""

    sum: list[str] = Field(default_factory=list, description="counts of events in the month "
                           "(contacts, assessments): the quarter's is the months' sum")
    last: list[str] = Field(default_factory=list, description="counts of a state on the "
                            "month's last day (listed patients): the quarter's is the last "
                            "month's")
    missing_month: Literal["absent", "sum_present"] = Field(
        default="absent", description="a month without a row, or a count marked missing in "
        "one month, makes the quarter's sum or last value absent (absent), or the months "
        "present are used (sum_present)")


Scalar = str | bool | int | Decimal


class Mapping(_Model):
    """How one office's export (CSV or a sheet of a workbook) is read, row by row."""

    format: Literal["vardval/mapping@1"] = Field(description="format and version")
    title: str | None = Field(default=None, description="what export this maps")
    sheet: str | None = Field(default=None, description="the sheet to read; default the first")
    header_row: Annotated[int, Field(ge=1)] = Field(
        default=1, description="the row holding the column headings")
    csv: CsvOptions = Field(default_factory=CsvOptions, description="how a CSV file is written")
    period_format: Literal["YYYY-Qn", "YYYYQn", "YYYY-MM", "YYYYMM"] = Field(
        default="YYYY-Qn", description="how the period column is written; months need rollup")
    columns: dict[str, str] = Field(
        description="column heading → submission field (dotted, e.g. accessibility.contacts.total)")
    constants: dict[str, Scalar | list[str]] = Field(
        default_factory=dict, description="fields with the same value on every row")
    values: dict[str, dict[str, Scalar]] = Field(
        default_factory=dict, description="per field: text in the file → value (e.g. Privat: "
        "private)")
    markers: Markers = Field(default_factory=Markers, description="texts meaning no value")
    rollup: Rollup | None = Field(default=None, description="monthly rows to quarters")

    def field_of(self) -> dict[str, str]:
        """Field → column heading (the inverse of ``columns``)."""
        return {dotted: heading for heading, dotted in self.columns.items()}


def load_mapping(path: pathlib.Path) -> Mapping:
    """Read and check a mapping file; ``MappingError`` lists every problem, located.

    Example:
        >>> load_mapping(pathlib.Path("fixtures/exports/kontoret-mapping.yaml")).period_format
        'YYYYQn'
    """
    name = str(path)
    try:
        raw = reading.read_bounded(path, MAX_MAPPING_BYTES, advice="a mapping file is small")
        text = strict_yaml.decode_text(raw, name)
        loaded = strict_yaml.load_yaml(text, name)
    except reading.ReadRefused as exc:
        said = Said("located", (name, exc.said))
        raise MappingError([Diagnostic.worded("unreadable-mapping", said)]) from None
    except strict_yaml.YamlError as exc:
        raise MappingError(exc.diagnostics) from None
    try:
        mapping = Mapping.model_validate(loaded.data)
    except ValidationError as exc:
        found = locate.pydantic_diagnostics(exc.errors(), loaded, name, Mapping)
        raise MappingError([d.with_source(text) for d in found]) from None
    problems = [d.with_source(text) for d in _meaning_problems(mapping, loaded, name)]
    if problems:
        raise MappingError(problems)
    return mapping


def _meaning_problems(mapping: Mapping, loaded: strict_yaml.LoadedYaml,
                      name: str) -> list[Diagnostic]:
    """What the model cannot see: fields that exist, each once, and what a row needs."""
    fields = list(submission_fields())
    out: list[Diagnostic] = []

    def add(code: str, message: Said, path: tuple[str | int, ...], hint: Said | None = None,
            *, key: bool = False) -> None:
        span = locate.span_at(loaded, path, name, key=key)
        out.append(Diagnostic.worded(code, message, span, hint))

    seen: dict[str, str] = {}
    for heading, dotted in mapping.columns.items():
        if dotted not in fields:
            add("unknown-field", Said("unknown-field", (dotted,)), ("columns", heading),
                did_you_mean(dotted, fields))
        elif dotted in seen:
            add("duplicate-field", Said("two-columns", (dotted, seen[dotted], heading)),
                ("columns", heading), Said("one-column"))
        seen.setdefault(dotted, heading)
    for part in ("constants", "values"):
        for dotted in getattr(mapping, part):
            if dotted not in fields:
                add("unknown-field", Said("unknown-field", (dotted,)), (part, dotted),
                    did_you_mean(dotted, fields), key=True)
            elif part == "constants" and dotted in seen:
                add("duplicate-field", Said("constant-and-column", (dotted, seen[dotted])),
                    (part, dotted), Said("keep-one"), key=True)
    _rollup_problems(mapping, set(seen), add)
    given = set(seen) | set(mapping.constants)
    for needed in ("clinic.hsa_id", "period"):
        if needed not in given:
            add("unmapped-field", Said("unmapped", (needed,)), ("columns",),
                Said("unmapped-hint", (needed,)))
    if (mapping.period_format in MONTHLY) != (mapping.rollup is not None):
        why = "rollup-needed" if mapping.rollup is None else "rollup-unneeded"
        add("rollup-needed", Said(why, (mapping.period_format,)),
            ("period_format",) if isinstance(loaded.data, dict) and "period_format" in loaded.data
            else ("rollup",))
    return out


def _rollup_problems(mapping: Mapping, columns: set[str], add: Callable[..., None]) -> None:
    """Summed and last-month fields are counts read from a column, each named once."""
    if mapping.rollup is None:
        return
    fields = submission_fields()
    named: set[str] = set()
    for part in ("sum", "last"):
        for index, dotted in enumerate(getattr(mapping.rollup, part)):
            where = ("rollup", part, index)
            if dotted not in columns:
                add("rollup-field", Said("rollup-not-column", (dotted,)), where,
                    Said("rollup-not-column-hint"))
            elif fields[dotted].kind != "count":
                add("rollup-field", Said("rollup-not-count", (dotted,)), where,
                    Said("rollup-not-count-hint"))
            elif dotted in named:
                add("rollup-field", Said("rollup-twice", (dotted,)), where,
                    Said("rollup-twice-hint"))
            named.add(dotted)


