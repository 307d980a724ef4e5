"""The shape of a decisions file (``decisions/<region>.yaml``), as pydantic models.

``decision_reader`` reads the files; these models explain every problem of a file the schema
kept in the load cache refuses, and give that schema and the editor's JSON Schema.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from vardval.checker.sources import IsoDate
from vardval.checker.submission import facts


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class _Valid(_Model):
    valid_from: IsoDate = Field(alias="from")
    valid_to: IsoDate = Field(alias="to")


class DecisionModel(_Model):
    """One decision as written; the editor schema is made from it too."""

    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]*$", description=(
        "an id of letters, digits and . _ / - that starts with a letter or digit, e.g. "
        "KRO-DISP-2024-07"))
    kind: Literal["dispensation"]
    clinic: str = Field(pattern=facts.HSA_ID_PATTERN, description=(
        "the clinic's HSA-id: 'SE', 10 digits, '-', then 1 to 31 letters or digits, e.g. "
        "SE2321000065-E000000000231"))
    rules: list[str] = Field(min_length=1)
    valid: _Valid
    decision: str = Field(min_length=1)
    reason: str = Field(min_length=1)
    decided_by: str = Field(min_length=1)


class _FileModel(_Model):
    region: str
    decisions: list[dict[str, object]]


class DecisionsFile(_Model):
    """A decisions file for editors; the loader reads each decision on its own (so one bad
    decision does not hide the others) with ``DecisionModel``."""

    region: str = Field(description="The region slug; the file is named after it.")
    decisions: list[DecisionModel]


# The model of each kind of part ``decision_reader`` validates (``reading.quick_files`` kinds).
MODELS: dict[str, type[_Model]] = {"decision-file": _FileModel, "decision": DecisionModel}
