"""A region's recorded decision as the engine applies it: a plain frozen record.

Why apart from ``corpus.decisions`` (the file's pydantic models and reader): a loaded
``RuleSet`` holds these, and a check that unpickles one from the load cache should not import
pydantic to name their class (issue 21).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vardval.dsl.spans import Span


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision of a region about one clinic and one or more rules."""

    id: str
    kind: str
    region: str
    clinic: str
    rules: tuple[str, ...]
    valid_from: dt.date
    valid_to: dt.date
    reference: str
    reason: str
    decided_by: str
    file: str
    line: int

    def in_force(self, day: dt.date) -> bool:
        return self.valid_from <= day <= self.valid_to


def decision_line(decision: Decision) -> Span:
    """The span of a decision's first line, for messages about the decision as a whole (lint
    words them from the loaded corpus, without the decision files' reader)."""
    return Span(decision.file, decision.line, 1, decision.line, 2)
