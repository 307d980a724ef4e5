"""The shape of a rulebook file (YAML metadata around DSL expressions), as pydantic models.

Only structure is checked here; expressions stay text until ``rulebooks`` parses them with
their positions in the file.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SEVERITIES = ("error", "warning", "info")
RULE_ID = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"
NAME = r"^[a-z_][a-z0-9_]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """Text in both languages; Swedish first, as the users are Swedish."""

    sv: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Validity(_Strict):
    """Inclusive dates between which a period's first day must fall for the rule to apply."""

    from_: dt.date | None = Field(default=None, alias="from")
    to: dt.date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Validity:
        if self.from_ and self.to and self.to < self.from_:
            msg = (f"the validity range ends ({self.to}) before it starts ({self.from_}); "
                   "'to' must be on or after 'from'")
            raise ValueError(msg)
        return self


class Scope(_Strict):
    """Which clinics a rulebook is for: every region, or one region (and vårdval system)."""

    region: str = "all"
    vardval_system: str | None = Field(default=None, pattern=NAME.replace("_", "_-"))


class Version(_Strict):
    """A change of a rule from a date on: any of its parts may be restated."""

    from_: dt.date = Field(alias="from")
    cite: list[str] | None = None
    when: str | None = None
    require: str | None = None
    message: Text | None = None


class RuleEntry(_Strict):
    id: str = Field(pattern=RULE_ID)
    title: Text
    description: Text | None = None
    severity: Literal["error", "warning", "info"]
    valid: Validity = Validity()
    cite: list[str] = Field(min_length=1)
    when: str | None = None
    require: str
    message: Text
    versions: list[Version] = []


class RulebookFile(_Strict):
    rulebook: str = Field(pattern=r"^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$")
    title: Text
    description: Text | None = None
    scope: Scope = Scope()
    definitions: dict[str, str] = {}
    rules: list[RuleEntry] = Field(min_length=1)
