"""The loaded, checked rule corpus: rulebooks, rules, dated versions and message templates.

These are plain frozen records made by ``rulebooks``; the engine, reporters and docs read them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vardval.checker.sources import ResolvedCitation
from vardval.dsl import nodes
from vardval.dsl.typecheck import Checked

# A rule id: upper-case words joined by "-" (VG-KONTAKT). Here, beside the rules, so that case
# files (``vardval test``) can check one without the rule files' pydantic models.
RULE_ID = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"


@dataclass(frozen=True, slots=True)
class Placeholder:
    """``{expr}`` or ``{expr:%}`` inside a message."""

    expr: nodes.Expr
    spec: str
    source: str


@dataclass(frozen=True, slots=True)
class Template:
    parts: tuple[str | Placeholder, ...]
    source: str


@dataclass(frozen=True, slots=True)
class RuleVersion:
    """What a rule says from ``valid_from`` (inclusive) to ``valid_to`` (inclusive)."""

    valid_from: dt.date | None
    valid_to: dt.date | None
    when: Checked | None
    require: Checked
    when_text: str | None
    require_text: str
    citations: tuple[ResolvedCitation, ...]
    message: dict[str, Template]
    line: int

    def covers(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: dict[str, str]
    description: dict[str, str] | None
    severity: str
    versions: tuple[RuleVersion, ...]
    valid_from: dt.date | None
    valid_to: dt.date | None
    rulebook: str
    region: str | None
    vardval_system: str | None
    file: str
    line: int

    def version_on(self, day: dt.date) -> RuleVersion | None:
        """The version in force on ``day`` (a period's first day), if any."""
        for version in self.versions:
            if version.covers(day):
                return version
        return None

    def applies_to(self, region: str, system: str) -> bool:
        if self.region is not None and self.region != region:
            return False
        return self.vardval_system is None or self.vardval_system == system


@dataclass(frozen=True, slots=True)
class Rulebook:
    id: str
    title: dict[str, str]
    description: dict[str, str] | None
    region: str | None
    vardval_system: str | None
    definitions: dict[str, Checked]
    definition_texts: dict[str, str]
    rules: tuple[Rule, ...]
    file: str
