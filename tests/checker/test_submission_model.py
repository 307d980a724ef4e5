"""The submission models and the JSON Schema generated from them say the same thing."""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from typing import Any

import jsonschema
import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st
from vardval.checker.submission.facts import PERIOD_PATTERN, REGIONS
from vardval.checker.submission.model import Submission, submission_schema

VALID: dict[str, Any] = {
    "format": "vardval/submission@1",
    "clinic": {
        "hsa_id": "SE2321000065-E000000000123",
        "name": "Vårdcentralen Exempel",
        "region": "kronoberg",
        "operator": "private",
    },
    "period": "2025-Q1",
    "listing": {
        "listed_at_period_end": 10040,
        "cap": {
            "max_listed": 10000,
            "applied_on": "2023-12-15",
            "valid_from": "2024-07-01",
            "grounds": ["patient_safety"],
            "work_environment_analysis": True,
            "patient_safety_analysis": True,
            "residents_informed": True,
            "passive_listings": 52,
            "passive_listings_refused": 0,
            "delistings_by_clinic": 0,
            "listings_by_clinic": 0,
        },
    },
    "care_offering": {"physical": True, "digital": True, "digital_channels": ["video"]},
    "accessibility": {
        "months_reported": 3,
        "contacts": {"total": 12000, "same_day": 11580},
        "assessments": {"total": 3000, "within_3_days": 2710},
    },
    "quality": {"quality_registers": ["NDR"], "patient_safety_report_date": "2025-02-20"},
    "finance": {"reimbursement_sek": Decimal("25000000.50"), "vat_extra_approved_percent": 0},
    "declarations": {"hygiene_rules_followed": True},
}


def with_value(path: tuple[str, ...], value: object) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def model_accepts(data: dict[str, Any]) -> bool:
    try:
        Submission.model_validate(data)
    except pydantic.ValidationError:
        return False
    return True


def schema_accepts(data: dict[str, Any]) -> bool:
    checker = jsonschema.Draft202012Validator(
        submission_schema(), format_checker=jsonschema.FormatChecker()
    )
    return checker.is_valid(data)


# --- the schema -------------------------------------------------------------------------------


def test_the_schema_is_draft_2020_12_with_our_id_and_title() -> None:
    schema = submission_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://vardval.se/schemas/submission-1.json"
    assert "vardval/submission@1" in schema["title"]
    jsonschema.Draft202012Validator.check_schema(schema)


def test_the_schema_is_deterministic() -> None:
    first = json.dumps(submission_schema(), sort_keys=False)
    submission_schema.cache_clear()
    assert json.dumps(submission_schema(), sort_keys=False) == first


def _objects(node: Any, path: str = "$") -> list[tuple[str, dict[str, Any]]]:
    if not isinstance(node, dict):
        return []
    found = [(path, node)] if node.get("type") == "object" else []
    for key, child in node.get("properties", {}).items():
        found += _objects(child, f"{path}.{key}")
    found += _objects(node.get("items"), f"{path}[]")
    return found


def test_objects_are_closed_and_every_field_has_a_description() -> None:
    for path, node in _objects(submission_schema()):
        assert node["additionalProperties"] is False, path
        for name, field in node["properties"].items():
            assert field.get("description"), f"{path}.{name}"


def test_optional_fields_may_be_absent_but_never_null() -> None:
    text = json.dumps(submission_schema())
    assert "null" not in text
    assert "anyOf" not in text
    assert "$ref" not in text


def test_required_fields_follow_the_spec() -> None:
    objects = dict(_objects(submission_schema()))
    assert objects["$"]["required"] == [
        "format", "clinic", "period", "listing", "care_offering", "accessibility",
    ]  # fmt: skip
    assert objects["$.clinic"]["required"] == ["hsa_id", "name", "region", "operator"]
    assert objects["$.accessibility.assessments"]["required"] == ["total", "within_3_days"]
    assert "decided_on" not in objects["$.listing.cap"]["required"]
    assert "required" not in objects["$.declarations"]


def test_regions_are_the_21_slugs() -> None:
    region = submission_schema()["properties"]["clinic"]["properties"]["region"]
    assert len(REGIONS) == 21
    assert region["enum"] == list(REGIONS)
    assert {"kronoberg", "vastra-gotaland", "jamtland-harjedalen"} <= set(REGIONS)


def test_declarations_are_the_eight_known_names() -> None:
    declarations = submission_schema()["properties"]["declarations"]["properties"]
    assert sorted(declarations) == sorted(
        [
            "hygiene_rules_followed",
            "prescription_codes_barcode",
            "patient_board_assisted",
            "medicines_committee_followed",
            "care_programs_followed",
            "hygiene_expertise_collaboration",
            "diagnosis_coding_followed",
            "chief_physician_consulted",
        ]
    )
    assert {field["type"] for field in declarations.values()} == {"boolean"}


def test_counts_money_and_dates_have_their_json_types() -> None:
    props = submission_schema()["properties"]
    contacts = props["accessibility"]["properties"]["contacts"]["properties"]
    assert contacts["total"] == {
        "description": "contacts sought with the clinic by persons covered by the region's "
        "vårdgaranti (the region's own residents: HSL 9 kap. 1 § 1 st., 8 kap. 3 §)",
        "minimum": 0,
        "type": "integer",
    }
    assert props["finance"]["properties"]["reimbursement_sek"]["type"] == "number"
    assert props["submitted_on"]["format"] == "date"
    assert props["period"]["pattern"] == PERIOD_PATTERN
    assert props["format"]["const"] == "vardval/submission@1"


# --- the model --------------------------------------------------------------------------------


def test_a_valid_submission_parses_into_typed_values() -> None:
    model = Submission.model_validate(VALID)
    assert model.listing.cap is not None
    assert model.listing.cap.applied_on == dt.date(2023, 12, 15)
    assert model.finance is not None
    assert model.finance.reimbursement_sek == Decimal("25000000.50")
    assert model.finance.vat_extra_approved_percent == Decimal(0)
    assert model.continuity is None
    assert model.clinic.vardval_system is None


def test_the_model_is_frozen() -> None:
    model = Submission.model_validate(VALID)
    with pytest.raises(pydantic.ValidationError):
        model.period = "2025-Q2"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("listing", "listed_at_period_end"), True),
        (("listing", "listed_at_period_end"), "10040"),
        (("listing", "listed_at_period_end"), -1),
        (("listing", "listed_at_period_end"), Decimal("10.5")),
        (("listing", "cap", "max_listed"), 0),
        (("accessibility", "months_reported"), 4),
        (("finance", "reimbursement_sek"), "100"),
        (("finance", "reimbursement_sek"), False),
        (("finance", "reimbursement_sek"), Decimal(-1)),
        (("quality", "patient_safety_report_date"), "2025-02-30"),
        (("quality", "patient_safety_report_date"), "2025-W08-4"),
        (("quality", "patient_safety_report_date"), "20250220"),
        (("quality", "patient_safety_report_date"), 1740009600),
        (("declarations", "hygiene_rules_followed"), "yes"),
        (("declarations", "hygiene_rules_followed"), 1),
        (("declarations", "hygiene_rule_followed"), True),
        (("clinic", "region"), "norrland"),
        (("clinic", "hsa_id"), "SE232100006-E1"),
        (("clinic", "name"), ""),
        (("period",), "2025-Q5"),
        (("format",), "vardval/submission@2"),
        (("clinic", "head_of_unit"), None),
        (("continuity",), None),
    ],
)
def test_schema_and_model_refuse_the_same_bad_values(path: tuple[str, ...], value: object) -> None:
    data = with_value(path, value)
    assert not schema_accepts(data)
    assert not model_accepts(data)


def test_a_whole_decimal_is_a_count() -> None:
    data = with_value(("listing", "listed_at_period_end"), Decimal("10040.0"))
    assert schema_accepts(data) is False  # plain jsonschema: a Decimal is not an int ...
    model = Submission.model_validate(data)  # ... the intake's checker and the model agree it is
    assert model.listing.listed_at_period_end == 10040
    assert type(model.listing.listed_at_period_end) is int


_LEAVES = [
    ("listing", "listed_at_period_end"),
    ("listing", "cap", "max_listed"),
    ("listing", "cap", "applied_on"),
    ("listing", "cap", "residents_informed"),
    ("accessibility", "months_reported"),
    ("accessibility", "contacts", "same_day"),
    ("finance", "reimbursement_sek"),
    ("clinic", "name"),
    ("clinic", "operator"),
    ("period",),
    ("quality", "quality_registers"),
]
_VALUES = st.sampled_from(
    [None, True, False, 0, 1, 3, -1, 12, Decimal("2.5"), Decimal("0.1"), "", "12", "private",
     "2025-Q1", "2025-02-30", "2024-02-29", [], ["NDR"], {}],
)  # fmt: skip


@given(path=st.sampled_from(_LEAVES), value=_VALUES)
def test_schema_and_model_agree_on_any_single_change(path: tuple[str, ...], value: object) -> None:
    data = with_value(path, value)
    assert schema_accepts(data) == model_accepts(data)


# The optional additions of submission-format.md ("Additions since the first edition").
ADDITIONS = [
    ("accessibility", "assessments", "patient_chosen_wait"),
    ("accessibility", "assessments", "listed_patient_chosen_wait"),
    ("listing", "cap", "passive_listings_since_valid_from"),
    ("quality", "lex_maria_investigations_submitted"),
    ("quality", "patient_safety_report_available"),
    ("declarations", "diagnosis_coding_followed"),
    ("declarations", "chief_physician_consulted"),
]


@pytest.mark.parametrize("path", ADDITIONS, ids=".".join)
def test_the_additions_are_optional_fields_of_the_schema(path: tuple[str, ...]) -> None:
    node = submission_schema()
    for name in path[:-1]:
        node = node["properties"][name]
    assert path[-1] in node["properties"]
    assert path[-1] not in node.get("required", [])


def test_a_first_edition_document_stays_valid_and_takes_the_additions() -> None:
    Submission.model_validate(VALID)
    extended = copy.deepcopy(VALID)
    extended["accessibility"]["assessments"] |= {"patient_chosen_wait": 12,
                                                 "listed_patient_chosen_wait": 10}
    extended["listing"]["cap"]["passive_listings_since_valid_from"] = 120
    extended["quality"] |= {"lex_maria_investigations_submitted": 1,
                            "patient_safety_report_available": True}
    extended["declarations"] |= {"diagnosis_coding_followed": True,
                                 "chief_physician_consulted": False}
    model = Submission.model_validate(extended)
    assert model.quality is not None and model.quality.patient_safety_report_available is True
    extended["quality"]["lex_maria_investigations_submitted"] = -1
    with pytest.raises(pydantic.ValidationError):
        Submission.model_validate(extended)
