"""Synthetic submissions for the benchmark, derived from the submission schema and the rules.

Values come from walking the JSON Schema of ``vardval/submission@1``: required fields always,
optional ones mostly, counts drawn as shares of one clinic size (so "part <= total" and "share
>= target" fall either way), dates around the period, enums and patterns honoured. To make
every rule pass and fail in fair shares, submission *i* aims at one (rule, status) pair in
turn: it is drawn in a region and period where the rule is in force, then redrawn (up to a
bound) until the compiled engine gives the rule that status. Everything is seeded.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from vardval.checker import RuleSet, rule_statuses
from vardval.checker.corpus import Rule
from vardval.checker.submission import facts
from vardval.checker.submission import model as submission
from vardval.dsl.values import Quarter

FIRST, LAST = dt.date(2011, 1, 1), dt.date(2026, 12, 31)
MAX_TRIES = 400
TEXTS = {"deviation_system": ["Synergi", " synergi ", "Platina", "Medcontrol"],
         "head_of_unit": ["Anna Exempelsson", "Karin Lind", "", "  "],
         "name": ["Vårdcentralen Norr", "Hälsocentralen Öst", "Vårdcentralen Teleborg"]}
REGISTERS = ["NDR", "Senior alert", "BPSD", "Svenska palliativregistret"]
# Sweden has about 1,200 vårdcentraler: each region gets this many clinics, and a submission is
# drawn from its region's (so a batch holds several quarters of the same clinics, as a
# national collection does).
CLINICS_PER_REGION = 60


class Generator:
    """Seeded random submissions (evaluation view: dates as dates, money as ``Decimal``)."""

    def __init__(self, ruleset: RuleSet, seed: int = 20250101) -> None:
        self.ruleset, self.rng = ruleset, random.Random(seed)
        self.schema = submission.submission_schema()
        self.size = 1000
        self.period = Quarter(2025, 1)
        self.hits = self.tries = 0

    def submissions(self, count: int) -> Iterator[dict[str, Any]]:
        """``count`` submissions aiming at every (rule, pass/fail) pair in turn."""
        targets = [(rule, status) for rule in self.ruleset.rules() for status in ("pass", "fail")]
        for index in range(count):
            rule, status = targets[index % len(targets)]
            yield self.aimed(rule, status)

    def aimed(self, rule: Rule, status: str) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for _ in range(MAX_TRIES):
            self.tries += 1
            data = self.submission(self.region_for(rule), self.period_for(rule))
            if rule_statuses(self.ruleset, data)[rule.id][0] == status:
                self.hits += 1
                return data
        return data

    def region_for(self, rule: Rule) -> str:
        if rule.region is not None:
            return rule.region
        return self.rng.choice(facts.REGIONS)

    def period_for(self, rule: Rule) -> Quarter:
        """A quarter whose first day one of the rule's versions covers (within 2011-2026)."""
        version = self.rng.choice(rule.versions)
        first = _quarter_from(max(FIRST, version.valid_from or FIRST))
        last = _quarter_of(min(LAST, version.valid_to or LAST))
        count = max(1, (last.year - first.year) * 4 + last.quarter - first.quarter + 1)
        index = (first.year * 4 + first.quarter - 1) + self.rng.randrange(count)
        return Quarter(index // 4, index % 4 + 1)

    # --- one submission from the schema ------------------------------------------------------

    def submission(self, region: str, period: Quarter) -> dict[str, Any]:
        self.size = int(10 ** self.rng.uniform(2, 4.3))
        self.period = period
        data = self.value(self.schema, "")
        data["clinic"]["region"] = region
        clinic = facts.REGIONS.index(region) * CLINICS_PER_REGION + self.rng.randrange(
            CLINICS_PER_REGION)
        data["clinic"]["hsa_id"] = f"SE{2321000000 + clinic:010d}-E{clinic:012d}"
        data["clinic"].pop("vardval_system", None)
        data["period"] = str(period)
        return data

    def value(self, schema: dict[str, Any], name: str) -> Any:
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            return self.rng.choice(schema["enum"])
        kind = schema.get("type")
        if kind == "object":
            return self.record(schema)
        if kind == "array":
            return self.items(schema, name)
        if kind == "boolean":
            return self.rng.random() < 0.85
        if kind == "integer":
            return self.integer(schema)
        if kind == "number":
            return self.number(name)
        return self.text(schema, name)

    def record(self, schema: dict[str, Any]) -> dict[str, Any]:
        required = set(schema.get("required", ()))
        out = {}
        for name, sub in schema["properties"].items():
            keep = 0.5 if name in ("cap", "doctor_visits") else 0.88
            if name in required or self.rng.random() < keep:
                out[name] = self.value(sub, name)
        return out

    def items(self, schema: dict[str, Any], name: str) -> list[Any]:
        inner = schema["items"]
        pool = inner.get("enum") or REGISTERS
        return self.rng.sample(pool, self.rng.randint(0, min(3, len(pool))))

    def integer(self, schema: dict[str, Any]) -> int:
        low = schema.get("minimum", 0)
        if "maximum" in schema:
            return self.rng.choice([schema["maximum"]] * 3 + list(range(low, schema["maximum"])))
        roll = self.rng.random()
        share = (self.rng.uniform(0.82, 1.0) if roll < 0.55 else self.rng.uniform(0.3, 0.82)
                 if roll < 0.75 else self.rng.uniform(0, 0.05) if roll < 0.97 else 0)
        return max(low, round(self.size * share))

    def number(self, name: str) -> Decimal:
        if "percent" in name:
            return Decimal(self.rng.choice(["0", "0.5", "1", "1.5", "2", "3"]))
        if "vat" in name:
            return Decimal(self.size * 2500 * self.rng.uniform(0.005, 0.05)).quantize(Decimal(1))
        return Decimal(self.size * 2500)

    def text(self, schema: dict[str, Any], name: str) -> Any:
        if schema.get("format") == "date":
            offset = self.rng.choice([self.rng.randint(-420, 120), self.rng.randint(-90, -30)])
            return self.period.start + dt.timedelta(days=offset)
        return self.rng.choice(TEXTS.get(name, ["text"]))


def _quarter_of(day: dt.date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def _quarter_from(day: dt.date) -> Quarter:
    """The first quarter starting on or after ``day``."""
    quarter = _quarter_of(day)
    if quarter.start >= day:
        return quarter
    return Quarter(day.year + 1, 1) if quarter.quarter == 4 else Quarter(day.year, quarter.quarter + 1)  # noqa: E501


def yaml_text(data: dict[str, Any]) -> str:
    """A submission as block YAML (texts quoted, lists in flow style), as clinics write them."""
    return "".join(_lines(data, 0))


def _lines(data: dict[str, Any], depth: int) -> Iterator[str]:
    pad = "  " * depth
    for key, value in data.items():
        if isinstance(value, dict) and value:
            yield f"{pad}{key}:\n"
            yield from _lines(value, depth + 1)
        else:
            yield f"{pad}{key}: {_scalar(value)}\n"


def _scalar(value: Any) -> str:
    if value == {}:
        return "{}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
