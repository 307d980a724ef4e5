"""The `vardval/submission@1` format: pydantic models and the JSON Schema generated from them.

These models are the one source of truth for the quarterly clinic submission
(``/work/shared/spec/submission-format.md``): the published JSON Schema, the validation in
``intake`` and the field types the rule type checker sees all come from here. Optional fields
may be absent but never ``null``; counts are whole numbers ≥ 0 (``true`` is not a count), money
is an exact ``Decimal`` and dates arrive as ISO ``YYYY-MM-DD`` text.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, WithJsonSchema
from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import core_schema
from vardval.checker.submission import coercions
from vardval.checker.submission.facts import (
    FORMAT_ID,
    HSA_ID_PATTERN,
    PERIOD_PATTERN,
    SCHEMA_ID,
    SLUG_PATTERN,
    CapGround,
    DigitalChannel,
    Region,
)

if TYPE_CHECKING:
    _T = TypeVar("_T")
    Absent: TypeAlias = _T | None
else:

    class Absent:
        """``Absent[X]`` is ``X | None`` to the type checker but plain ``X`` to pydantic.

        So an absent field defaults to ``None`` while an explicit ``null`` is refused, and the
        JSON Schema has no ``null`` branch (the spec: a ``null`` is a format problem).
        """

        def __class_getitem__(cls, item: object) -> object:
            return item


Count = Annotated[int, Strict(), Field(ge=0), BeforeValidator(coercions.whole_number)]
Slug = Annotated[str, Strict(), Field(pattern=SLUG_PATTERN)]
Money = Annotated[
    Decimal,
    Field(ge=0),
    BeforeValidator(coercions.exact_number),
    WithJsonSchema({"type": "number", "minimum": 0}),
]
Date = Annotated[dt.date, Strict(), BeforeValidator(coercions.iso_date)]
Text = Annotated[str, Strict()]
Flag = Annotated[bool, Strict()]


def _desc(text: str, **extra: Any) -> Any:
    """A required field with its meaning from the spec table."""
    return Field(description=text, **extra)


def _opt(text: str, **extra: Any) -> Any:
    """An optional field: may be absent, never ``null``."""
    return Field(default=None, description=text, **extra)


class _Model(BaseModel):
    # Built on first use: only ``Submission`` is validated, and building it builds what it
    # nests, so the part models' own validators were made for nothing (and a command that
    # reads no submission, such as lint, pays nothing).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Clinic(_Model):
    """The reporting unit (vårdcentral)."""

    hsa_id: Annotated[str, Strict(), Field(pattern=HSA_ID_PATTERN)] = _desc(
        "HSA-id of the unit", examples=["SE2321000065-E000000000123"]
    )
    name: Annotated[str, Strict(), Field(min_length=1)] = _desc(
        "name of the unit", examples=["Vårdcentralen Teleborg"]
    )
    region: Region = _desc("the region whose vårdval the clinic belongs to")
    operator: Literal["public", "private"] = _desc(
        "driftsform: regional own management or private (LOV contract)"
    )
    vardval_system: Absent[Slug] = _opt(
        "which vårdval system within the region (HSL 7 kap. 3 § 2 st.); default `vardcentral`",
        examples=["vardcentral"],
    )
    head_of_unit: Absent[Text] = _opt("verksamhetschef (HSL 4 kap. 2 §)")


class Relistings(_Model):
    """Re-listings beyond the limit; the two counts are present together or not at all."""

    over_limit: Count = _desc(
        "persons listed at the clinic in the period who had already changed clinic twice in "
        "the preceding 12 months"
    )
    over_limit_with_special_reason: Count = _desc(
        "of those, how many the region allowed for special reasons (särskilda skäl)"
    )


class Cap(_Model):
    """A temporary listing cap (listningstak)."""

    max_listed: Annotated[
        int, Strict(), Field(ge=1), BeforeValidator(coercions.whole_number)
    ] = _desc("the cap")
    applied_on: Date = _desc("date of the clinic's complete application")
    decided_on: Absent[Date] = _opt("date of the region's decision (absent: not decided)")
    valid_from: Date = _desc("first day the cap applies")
    valid_to: Absent[Date] = _opt("last day the cap applies")
    last_reviewed_on: Absent[Date] = _opt("the region's latest review of the decision")
    grounds: list[CapGround] = _desc("reasons given (may be empty, which a rule flags)")
    work_environment_analysis: Flag = _desc("the application included a work-environment analysis")
    patient_safety_analysis: Flag = _desc("the application included a patient-safety analysis")
    residents_informed: Flag = _desc("the clinic informed residents about the cap")
    passive_listings: Count = _desc(
        "passive listings (newborns, new residents, elderly-home residents) received during "
        "the cap in the period"
    )
    passive_listings_since_valid_from: Absent[Count] = _opt(
        "passive listings received from valid_from up to the period's last day (all quarters "
        "of the cap)"
    )
    passive_listings_refused: Count = _desc("passive listings the clinic refused")
    delistings_by_clinic: Count = _desc("already listed patients the clinic de-listed")
    listings_by_clinic: Count = _desc("listings the clinic itself made during the cap")


class Listing(_Model):
    """Listed patients (listning) and listing caps."""

    listed_at_period_end: Count = _desc("patients listed at the clinic on the period's last day")
    relistings: Absent[Relistings] = _opt(
        "re-listings of persons who had already changed clinic twice in 12 months"
    )
    cap: Absent[Cap] = _opt(
        "present only if a temporary listing cap (listningstak) applied during the period"
    )


class CareOffering(_Model):
    """How the clinic offers care."""

    physical: Flag = _desc("the clinic offers physical visits")
    digital: Flag = _desc("the clinic offers digital care")
    digital_channels: Absent[list[DigitalChannel]] = _opt("channels for digital care")


class Contacts(_Model):
    """Contacts sought with the clinic (the contact part of the care guarantee)."""

    total: Count = _desc(
        "contacts sought with the clinic by persons covered by the region's vårdgaranti (the "
        "region's own residents: HSL 9 kap. 1 § 1 st., 8 kap. 3 §)"
    )
    same_day: Count = _desc("contacts that got contact the same day")
    listed_total: Absent[Count] = _opt("contacts sought by patients listed at the clinic")
    listed_same_day: Absent[Count] = _opt(
        "contacts by listed patients that got contact the same day"
    )


class Assessments(_Model):
    """The 3-day medical assessment figures (from 2019)."""

    total: Count = _desc(
        "patients whom the clinic judged to need a medical assessment that could not be made "
        "at first contact (HSF 6 kap. 1 § 2 p.)"
    )
    within_3_days: Count = _desc(
        "those assessed by a doctor or other licensed staff within 3 days"
    )
    patient_chosen_wait: Absent[Count] = _opt(
        "of total, those assessed later than 3 days because the patient chose a later time "
        "although times within the limit were offered (patientvald väntan); absent = 0"
    )
    listed_total: Absent[Count] = _opt("listed patients needing a medical assessment")
    listed_within_3_days: Absent[Count] = _opt(
        "listed patients assessed by licensed staff within 3 days"
    )
    listed_patient_chosen_wait: Absent[Count] = _opt(
        "the same as patient_chosen_wait, listed patients only; absent = 0"
    )


class DoctorVisits(_Model):
    """The 7-day doctor-visit figures of the care guarantee before 2019."""

    total: Absent[Count] = _opt("doctor visits needed (periods before 2019)")
    within_7_days: Absent[Count] = _opt("doctor visits given within 7 days (periods before 2019)")


class Phone(_Model):
    """The regional telephone accessibility measurement."""

    calls: Absent[Count] = _opt("calls to the clinic")
    within_2h: Absent[Count] = _opt("calls reaching licensed staff within 2 hours")
    within_15min: Absent[Count] = _opt("calls reaching licensed staff within 15 minutes")


MonthCount = Annotated[int, Strict(), Field(ge=0, le=3), BeforeValidator(coercions.whole_number)]


class Accessibility(_Model):
    """Accessibility (tillgänglighet) figures for the care guarantee."""

    months_reported: Absent[MonthCount] = _opt(
        "months of the quarter for which wait-time data was delivered"
    )
    contacts: Contacts = _desc(
        "contacts sought with the clinic, and those that got contact the same day"
    )
    assessments: Absent[Assessments] = _opt("the 3-day assessment figures (from 2019)")
    doctor_visits: Absent[DoctorVisits] = _opt(
        "for periods before 2019: doctor visits needed / given within 7 days"
    )
    phone: Absent[Phone] = _opt(
        "regional telephone measurement: calls, and those reaching licensed staff within "
        "2 hours / 15 minutes"
    )


class Continuity(_Model):
    """Continuity of care."""

    listed_with_named_doctor: Absent[Count] = _opt("listed patients with a named fast läkarkontakt")


class Quality(_Model):
    """Quality work and patient safety."""

    quality_registers: Absent[list[Text]] = _opt("quality registers the clinic reports to")
    indicators_reported: Absent[Flag] = _opt(
        "the region's quality indicators were reported for the period"
    )
    deviation_system: Absent[Text] = _opt(
        "system used for deviation reporting (avvikelsehantering)"
    )
    deviations_reported: Absent[Count] = _opt("deviations reported in the period")
    serious_events: Absent[Count] = _opt(
        "events that caused or could have caused serious harm (allvarlig vårdskada)"
    )
    lex_maria_reports: Absent[Count] = _opt(
        "of those, reported to IVO (lex Maria; to Socialstyrelsen before 2013-06-01)"
    )
    lex_maria_investigations_submitted: Absent[Count] = _opt(
        "of those reports, how many had the vårdgivare's investigation of the event submitted "
        "to IVO by the time of this submission (PSL 3 kap. 5 § 2 st.)"
    )
    patient_safety_report_date: Absent[Date] = _opt(
        "date the latest annual patient-safety report (patientsäkerhetsberättelse) was drawn up"
    )
    patient_safety_report_available: Absent[Flag] = _opt(
        "the patient-safety report is kept available to anyone who wants to read it "
        "(PSL 3 kap. 10 § 2 st.)"
    )


class Finance(_Model):
    """Money (SEK) exchanged with the region."""

    reimbursement_sek: Absent[Money] = _opt("reimbursement from the region in the period")
    vat_compensation_sek: Absent[Money] = _opt(
        "VAT compensation (momskompensation) claimed for the period"
    )
    vat_extra_approved_percent: Absent[Money] = _opt(
        "additional VAT compensation approved on application, in percentage points (e.g. 1.5)"
    )


class Declarations(_Model):
    """Self-declarations of the clinic."""

    hygiene_rules_followed: Absent[Flag] = _opt("the clinic follows the basic hygiene rules")
    prescription_codes_barcode: Absent[Flag] = _opt("prescriber codes are printed as bar codes")
    patient_board_assisted: Absent[Flag] = _opt(
        "the clinic assists the patient advisory board (patientnämnden)"
    )
    medicines_committee_followed: Absent[Flag] = _opt(
        "the clinic follows the medicines committee's recommendations"
    )
    care_programs_followed: Absent[Flag] = _opt("the clinic follows the region's care programmes")
    hygiene_expertise_collaboration: Absent[Flag] = _opt(
        "the clinic collaborates with the region's hygiene expertise (vårdhygien)"
    )
    diagnosis_coding_followed: Absent[Flag] = _opt(
        "diagnoses and procedures are registered by primary care's rules"
    )
    chief_physician_consulted: Absent[Flag] = _opt(
        "the region's chief physician for primary care is consulted on the weight of single "
        "cases and deviations"
    )


class Submission(_Model):
    """A clinic's quarterly submission to its region."""

    format: Literal["vardval/submission@1"] = _desc("format and version")
    clinic: Clinic = _desc("the reporting unit")
    period: Annotated[str, Strict(), Field(pattern=PERIOD_PATTERN)] = _desc(
        "the quarter reported, YYYY-Qn", examples=["2025-Q1"]
    )
    submitted_on: Absent[Date] = _opt("date the submission was made")
    listing: Listing = _desc("listed patients and listing caps")
    care_offering: CareOffering = _desc("how the clinic offers care")
    accessibility: Accessibility = _desc("accessibility figures for the care guarantee")
    continuity: Absent[Continuity] = _opt("continuity of care")
    quality: Absent[Quality] = _opt("quality work and patient safety")
    finance: Absent[Finance] = _opt("money exchanged with the region")
    declarations: Absent[Declarations] = _opt(
        "self-declarations; known names: " + ", ".join(Declarations.model_fields)
    )


class _Generator(GenerateJsonSchema):
    """Leaves out per-field titles and ``default: null`` (absent is not the same as null)."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        del schema
        return False

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> dict[str, Any]:
        if schema.get("default", ...) is None:
            return self.generate_inner(schema["schema"])
        return super().default_schema(schema)


@functools.cache
def submission_schema() -> dict[str, Any]:
    """The published JSON Schema (draft 2020-12), built once; treat it as read-only.

    Nested objects are inlined (no ``$defs``) so readers can walk ``properties`` directly.

    Example:
        >>> schema = submission_schema()
        >>> schema["$id"], schema["properties"]["clinic"]["properties"]["region"]["enum"][:2]
        ('https://vardval.se/schemas/submission-1.json', ['stockholm', 'uppsala'])
    """
    generated = Submission.model_json_schema(schema_generator=_Generator)
    defs = generated.pop("$defs", {})
    body = _inline(generated, defs)
    del body["title"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"Quarterly clinic submission ({FORMAT_ID})",
        **body,
    }


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """Replace ``$ref``s by their target; the field's own description wins over the model's."""
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target = defs[node["$ref"].removeprefix("#/$defs/")]
        rest = {k: v for k, v in node.items() if k != "$ref"}
        return _inline({**target, **rest}, defs)
    return {key: _inline(value, defs) for key, value in node.items()}
