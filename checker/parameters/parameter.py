"""A dated parameter and its values as rules read them: plain frozen records.

Why apart from ``parameters.files`` (the file's pydantic models and reader): a loaded
``RuleSet`` holds these, and a check that unpickles one from the load cache should not import
pydantic to name their class (issue 21).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vardval.checker.sources import records
    from vardval.dsl import literals
    from vardval.dsl.spans import Span


@dataclass(frozen=True, slots=True)
class ParamValue:
    """One dated value: in force from ``valid_from`` until the next value of its parameter."""

    value: literals.Literal
    valid_from: dt.date
    cite: tuple[str, ...]
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class Parameter:
    """A named, dated parameter of the nation (``region`` None) or of one region."""

    name: str
    unit: str
    description: records.Localized
    region: str | None
    values: tuple[ParamValue, ...]
    span: Span

    @property
    def python_type(self) -> type:
        """The Python type of the values (``Decimal`` when whole and exact numbers mix)."""
        types = {type(v.value) for v in self.values}
        return Decimal if Decimal in types else next(iter(types))
