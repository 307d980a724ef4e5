"""The shape of a rulebook file (YAML metadata around DSL expressions), as pydantic models.

Only structure is checked here; expressions stay text until ``rulebooks`` parses them with
their positions in the file, and date ranges are judged there too (an empty range is a
located problem of its own). The same models give the editor's JSON Schema
(``checker/editor_schemas.py``), so the descriptions below are what an author sees on hover.
A valid file is read without them, by the schema made from them and kept in the load cache
(``reading.quick_files``); they read, and explain, every file that schema refuses.
"""

from __future__ import annotations

from typing import Annotated, Any, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
)
from vardval.checker.corpus import rule_checks, rule_records
from vardval.checker.corpus.models import RULE_ID
from vardval.checker.sources import IsoDate
from vardval.checker.vocab import Severity

NAME = r"^[a-z_][a-z0-9_]*$"
BOOK_ID = rule_checks.BOOK_ID


Expression = Annotated[
    str,
    BeforeValidator(rule_checks.expression_text, json_schema_input_type=str | bool | int),
    Field(min_length=1, description="An expression of the rule language, e.g. "
          "'contacts_same_day / contacts_total >= param(vardgaranti.kontakt.malniva)'."),
]
Citation = Annotated[str, Field(min_length=1, description="A citation such as "
                                "'HSL 9 kap. 1 § 1 st. 1 p.'; sources are in rules/sources.yaml.")]
Date = Annotated[IsoDate, Field(description="A date written YYYY-MM-DD, e.g. 2022-07-01.")]


RuleId = Annotated[str, AfterValidator(rule_checks.rule_id),
                   Field(json_schema_extra={"pattern": RULE_ID},
                         description="Upper case words joined by '-', e.g. VG-KONTAKT; unique "
                         "in the whole corpus.")]
BookId = Annotated[str, AfterValidator(rule_checks.book_id),
                   Field(json_schema_extra={"pattern": BOOK_ID},
                         description="Dotted lower-case id, e.g. national.vardgaranti.")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(_Strict):
    """Text in both languages; Swedish first, as the users are Swedish."""

    sv: str = Field(min_length=1, description="Swedish text.")
    en: str = Field(min_length=1, description="English text.")


class Validity(_Strict):
    """Inclusive dates between which a period's first day must fall for the rule to apply."""

    from_: Date | None = Field(default=None, alias="from",
                               description="First day in force (inclusive); absent: always.")
    to: Date | None = Field(default=None, description="Last day in force (inclusive); "
                            "absent: still in force.")


class Scope(_Strict):
    """Which clinics a rulebook is for: every region, or one region (and vårdval system)."""

    region: str = Field(default="all", description="'all', or a region slug such as "
                        "'kronoberg' (the submission format's clinic.region).")
    vardval_system: str | None = Field(default=None, pattern=NAME.replace("_", "_-"),
                                       description="Only for clinics of this vårdval system.")


class Version(_Strict):
    """A change of a rule from a date on: any of its parts may be restated."""

    from_: Date = Field(alias="from", description="The day this wording takes over.")
    cite: list[Citation] | None = Field(default=None, min_length=1)
    when: Expression | None = None
    require: Expression | None = None
    message: Text | None = None


class RuleEntry(_Strict):
    """One rule: when it applies, what it requires, the law it rests on and what it says."""

    id: RuleId
    title: Text
    description: Text | None = None
    severity: Severity
    valid: Validity = Validity()
    cite: list[Citation] = Field(min_length=1)
    when: Expression | None = Field(default=None, description="Applicability: when false the "
                                    "rule is not applicable.")
    require: Expression = Field(description="What must hold; false is a failure.")
    message: Text = Field(description="The finding's text; {expression} and {share:%} "
                          "placeholders show values.")
    versions: list[Version] = Field(default=[], description="Later wordings, in date order.")


class RulebookHead(_Strict):
    """Everything of a rulebook but its rules, which ``rulebooks`` may check one by one."""

    rulebook: BookId
    title: Text
    description: Text | None = None
    scope: Scope = Scope()
    definitions: dict[str, Expression] = Field(default={}, description="Named expressions "
                                               "the rules of this book share.")
    rules: list[Any] = Field(min_length=1)


class RulebookFile(RulebookHead):
    """A rulebook file: ``rules/national/*.yaml`` or ``rules/regions/<region>/*.yaml``."""

    rules: list[RuleEntry] = Field(min_length=1)


# --- reading what is well formed in a malformed file -------------------------------------------

_FALLBACKS: dict[str, Any] = {"id": "?", "title": None, "severity": "error", "cite": [],
                              "require": None, "message": None}


def loose_rule(raw: object) -> rule_records.RuleEntry | None:
    """A rule with only the parts that are well formed, for checking after a structural error.

    A part that is missing or malformed is left at a neutral value (``require``/``message``
    None, ``cite`` empty, ``versions`` empty when any version is malformed), so the loader can
    still check everything else in the rule. Never use the result for anything but checks.

    Example:
        >>> from vardval.checker.corpus.rulefile import loose_rule
        >>> rule = loose_rule({"id": "X-1", "require": "a > 1", "colour": "red"})
        >>> rule.id, rule.require, rule.message, rule.cite
        ('X-1', 'a > 1', None, [])
    """
    if not isinstance(raw, dict):
        return None
    good: dict[str, Any] = {}
    for name, info in RuleEntry.model_fields.items():
        kind = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
        adapter: TypeAdapter[Any] = TypeAdapter(cast("Any", kind))
        good[name] = _FALLBACKS[name] if info.is_required() else adapter.dump_python(
            info.default)
        key = info.alias or name
        if key not in raw:
            continue
        try:
            good[name] = adapter.dump_python(adapter.validate_python(raw[key]))
        except ValidationError:
            continue
    return rule_records.entry(good)
