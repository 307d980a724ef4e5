"""The shape of a parameter file (``rules/parameters/*.yaml``), as pydantic models.

``file_reader`` reads the files; these models explain every problem of a file the schema kept
in the load cache refuses, and give that schema and the editor's JSON Schema.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from vardval.checker.parameters import value_checks
from vardval.checker.parameters.file_reader import UNITS
from vardval.checker.sources import IsoDate
from vardval.checker.sources import models as source_models

__all__ = ["MODELS", "UNITS"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class _ValueModel(_Model):
    valid_from: IsoDate = Field(alias="from")
    value: Annotated[str | int | Decimal | bool, BeforeValidator(value_checks.one_value)]
    cite: list[str] = Field(min_length=1)


class _ParameterModel(_Model):
    unit: str
    description: source_models.Localized
    values: list[_ValueModel] = Field(min_length=1)


class _FileModel(_Model):
    region: str | None = None
    parameters: dict[str, dict[str, object]]


# The model of each kind of part ``file_reader`` validates (``reading.quick_files`` kinds).
MODELS: dict[str, type[_Model]] = {"parameter-file": _FileModel, "parameter": _ParameterModel}
