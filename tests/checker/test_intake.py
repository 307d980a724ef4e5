"""Reading a submission file: the evaluation view, and problems a clinic's IT person can act on."""

from __future__ import annotations

import datetime as dt
import os
import time
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vardval.checker.submission.intake import Intake, Problem, load_submission, load_submission_text

if TYPE_CHECKING:
    import pathlib

VALID = """\
format: vardval/submission@1
clinic:
  hsa_id: SE2321000065-E000000000123
  name: Vårdcentralen Exempel
  region: kronoberg
  operator: private
period: 2025-Q1
listing:
  listed_at_period_end: 10040
  cap:
    max_listed: 10000
    applied_on: 2023-12-15
    valid_from: 2024-07-01
    grounds: [patient_safety, work_environment]
    work_environment_analysis: true
    patient_safety_analysis: true
    residents_informed: true
    passive_listings: 52
    passive_listings_refused: 0
    delistings_by_clinic: 0
    listings_by_clinic: 0
care_offering: {physical: true, digital: false}
accessibility:
  contacts: {total: 12000, same_day: 11580}
finance: {reimbursement_sek: 25000000.50}
"""


def problems_of(raw: str | bytes, filename: str = "s.yaml") -> list[str]:
    intake = load_submission_text(raw, filename)
    assert not intake.valid
    assert intake.submission is None
    assert intake.data is None
    return [str(problem) for problem in intake.problems]


def replace(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new)


# --- valid input ------------------------------------------------------------------------------


def test_a_valid_file_gives_the_evaluation_view() -> None:
    intake = load_submission_text(VALID, "s.yaml")
    assert intake.valid
    assert intake.problems == ()
    assert intake.submission is not None
    data = intake.data
    assert data is not None
    cap = data["listing"]["cap"]
    assert cap["applied_on"] == dt.date(2023, 12, 15)
    assert "decided_on" not in cap
    assert cap["grounds"] == ["patient_safety", "work_environment"]
    assert data["period"] == "2025-Q1"
    assert data["finance"] == {"reimbursement_sek": Decimal("25000000.50")}
    assert type(data["listing"]["listed_at_period_end"]) is int
    assert "quality" not in data
    assert "head_of_unit" not in data["clinic"]


def test_bytes_with_a_bom_are_read() -> None:
    intake = load_submission_text(b"\xef\xbb\xbf" + VALID.encode(), "s.yaml")
    assert intake.valid
    assert intake.data is not None
    assert intake.data["clinic"]["name"] == "Vårdcentralen Exempel"


def test_json_with_tab_indentation_is_valid() -> None:
    text = (
        '{\n\t"format": "vardval/submission@1",\n\t"clinic": {"hsa_id": "SE2321000255-E1",'
        '\n\t\t"name": "Lund", "region": "skane", "operator": "public"},\n\t"period": "2025-Q2",'
        '\n\t"listing": {"listed_at_period_end": 11780},\n\t"care_offering": {"physical": true,'
        ' "digital": false},\n\t"accessibility": {"contacts": {"total": 10, "same_day": 9}}\n}\n'
    )
    assert load_submission_text(text, "s.json").valid
    broken = text.replace('"same_day": 9', '"same_day": -9')
    assert problems_of(broken, "s.json") == [
        (
            "s.json:8:58: $.accessibility.contacts.same_day: -9 is below the minimum 0; "
            "counts and amounts cannot be negative"
        )
    ]


# --- located problems -------------------------------------------------------------------------


def test_a_count_written_as_text_is_located_at_its_value() -> None:
    assert problems_of(replace("same_day: 11580", 'same_day: "11580"')) == [
        (
            "s.yaml:24:38: $.accessibility.contacts.same_day: expected a whole number ≥ 0, "
            "found the text '11580'; write the number without quotes"
        )
    ]


def test_a_bool_is_not_a_count() -> None:
    assert problems_of(replace("passive_listings: 52", "passive_listings: true")) == [
        "s.yaml:18:23: $.listing.cap.passive_listings: expected a whole number ≥ 0, found true"
    ]


def test_null_is_refused_for_an_optional_field() -> None:
    text = replace("  operator: private\n", "  operator: private\n  head_of_unit:\n")
    assert problems_of(text) == [
        (
            "s.yaml:7:16: $.clinic.head_of_unit: expected text, found null; "
            "leave the field out when there is no value"
        )
    ]


def test_an_unknown_field_is_located_at_its_key_with_a_suggestion() -> None:
    assert problems_of(replace("same_day: 11580", "same_day: 11580, totl: 3")) == [
        "s.yaml:24:45: $.accessibility.contacts.totl: unknown field 'totl'; did you mean 'total'?"
    ]


def test_an_unknown_field_without_a_near_name_lists_the_known_ones() -> None:
    assert problems_of(replace("finance: {", "finance: {colour: red, ")) == [
        (
            "s.yaml:25:11: $.finance.colour: unknown field 'colour'; the fields allowed here are "
            "reimbursement_sek, vat_compensation_sek, vat_extra_approved_percent"
        )
    ]


def test_a_missing_field_is_reported_at_the_enclosing_key() -> None:
    assert problems_of(replace("  name: Vårdcentralen Exempel\n", "")) == [
        "s.yaml:2:1: $.clinic: missing required field 'name'"
    ]


def test_an_unknown_region_suggests_the_closest_slug() -> None:
    (problem,) = problems_of(replace("region: kronoberg", "region: kronobergs"))
    assert problem.startswith(
        "s.yaml:5:11: $.clinic.region: 'kronobergs' is not an allowed value for region; "
        "expected one of stockholm, uppsala, "
    )
    assert problem.endswith("norrbotten; did you mean 'kronoberg'?")


def test_an_impossible_date_says_why() -> None:
    assert problems_of(replace("applied_on: 2023-12-15", "applied_on: 2023-02-29")) == [
        (
            "s.yaml:12:17: $.listing.cap.applied_on: '2023-02-29' is not a valid date: "
            "February 2023 has 28 days"
        )
    ]
    assert problems_of(replace("applied_on: 2023-12-15", "applied_on: 2023-13-01")) == [
        (
            "s.yaml:12:17: $.listing.cap.applied_on: '2023-13-01' is not a valid date: "
            "there is no month 13; expected YYYY-MM-DD, e.g. 2025-01-15"
        )
    ]


def test_a_malformed_period_and_hsa_id_show_an_example() -> None:
    text = replace("period: 2025-Q1", "period: 2025Q1").replace("SE2321000065-", "SE232100006-")
    assert problems_of(text) == [
        (
            "s.yaml:3:11: $.clinic.hsa_id: 'SE232100006-E000000000123' is not an HSA-id ('SE', "
            "10 digits, '-', then 1 to 31 letters or digits), e.g. SE2321000065-E000000000123"
        ),
        "s.yaml:7:9: $.period: '2025Q1' is not a quarter written YYYY-Qn, e.g. 2025-Q1",
    ]


def test_a_wrong_format_version_is_named() -> None:
    assert problems_of(replace("submission@1", "submission@2")) == [
        (
            "s.yaml:1:9: $.format: expected 'vardval/submission@1', "
            "found the text 'vardval/submission@2'"
        )
    ]


def test_an_item_of_a_list_is_located_by_index() -> None:
    assert problems_of(replace("work_environment]", "workplace]")) == [
        (
            "s.yaml:14:31: $.listing.cap.grounds[1]: 'workplace' is not an allowed value for "
            "grounds; expected one of patient_safety, work_environment, low_accessibility"
        )
    ]


def test_all_problems_of_a_file_are_reported_at_once_in_file_order() -> None:
    text = (
        replace("name: Vårdcentralen Exempel", "name: ''")
        .replace("max_listed: 10000", "max_listed: 0")
        .replace("physical: true", "physical: 1")
        .replace("total: 12000", "total: -5")
    )
    assert [p.split(": ")[1] for p in problems_of(text)] == [
        "$.clinic.name",
        "$.listing.cap.max_listed",
        "$.care_offering.physical",
        "$.accessibility.contacts.total",
    ]


def test_a_document_that_is_not_a_mapping_is_one_problem() -> None:
    assert problems_of("- a\n- b\n") == [
        ("s.yaml:1:1: $: expected a mapping of fields (key: value), found a list: this is not "
        "a submission file (a submission starts with 'format: vardval/submission@1')")
    ]


# --- loading problems -------------------------------------------------------------------------


def test_a_yaml_syntax_error_is_one_located_problem() -> None:
    (problem,) = problems_of("format: vardval/submission@1\nclinic:\n\thsa_id: x\n")
    assert problem.startswith("s.yaml:3:1: $: invalid YAML: found character '\\t'")
    assert problem.endswith("(YAML indentation must use spaces, not tabs)")


def test_a_duplicate_key_is_one_located_problem() -> None:
    assert problems_of(replace("period: 2025-Q1\n", "period: 2025-Q1\nperiod: 2025-Q2\n")) == [
        (
            "s.yaml:8:1: $: duplicate key 'period' (first defined on line 7); "
            "each key may appear once in a mapping"
        )
    ]


def test_invalid_utf8_is_one_located_problem() -> None:
    raw = VALID.encode("latin-1")  # the 'å' of "Vårdcentralen" is one byte, 0xE5
    (problem,) = problems_of(raw)
    assert problem == (
        "s.yaml:4:10: $: invalid UTF-8 at byte offset 83 (line 4, column 10): byte 0xE5 "
        "(save the file as UTF-8; it may be in Latin-1 or Windows-1252)"
    )


def test_an_empty_file_is_one_problem() -> None:
    assert problems_of(b"") == [
        "s.yaml:1:1: $: the file is empty (the file needs at least one 'key: value' line)"
    ]


# --- files ------------------------------------------------------------------------------------


def test_a_file_is_read_from_disk(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(VALID, encoding="utf-8")
    intake = load_submission(path)
    assert intake.valid
    assert intake.file == str(path)


def test_a_file_over_the_limit_is_refused_without_being_read(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a" * 2_000)
    (problem,) = load_submission(path, max_bytes=1_000).problems
    assert problem.message.startswith("the file is 2000 bytes; the limit is 1000 (")
    assert (problem.json_path, problem.line, problem.column) == ("$", None, None)


def test_a_missing_file_is_one_problem(tmp_path: pathlib.Path) -> None:
    intake = load_submission(tmp_path / "nope.yaml")
    assert [p.message for p in intake.problems] == ["no such file or folder"]
    assert str(intake.problems[0]) == f"{tmp_path / 'nope.yaml'}: $: no such file or folder"


def test_a_directory_is_one_problem(tmp_path: pathlib.Path) -> None:
    (problem,) = load_submission(tmp_path).problems
    assert problem.message.startswith("it is a folder, not a regular file; skipped")


def test_a_fifo_is_refused_instead_of_blocking(tmp_path: pathlib.Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    started = time.perf_counter()
    (problem,) = load_submission(fifo).problems
    assert problem.message.startswith("it is a named pipe (FIFO), not a regular file; skipped")
    assert time.perf_counter() - started < 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_an_unreadable_file_is_one_problem(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(VALID, encoding="utf-8")
    path.chmod(0)
    (problem,) = load_submission(path).problems
    assert problem.message == "permission denied: vardval may not read it"


# --- the problem record -----------------------------------------------------------------------


def test_a_problem_as_json_and_as_text() -> None:
    problem = Problem("$.clinic.name", 3, 9, "must not be empty", "a.yaml")
    assert problem.as_json() == {
        "path": "$.clinic.name",
        "line": 3,
        "column": 9,
        "message": "must not be empty",
    }
    assert str(problem) == "a.yaml:3:9: $.clinic.name: must not be empty"
    assert str(Problem("$", None, None, "empty")) == "$: empty"


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_no_input_makes_intake_raise(raw: bytes) -> None:
    intake = load_submission_text(raw, "fuzz.yaml")
    assert isinstance(intake, Intake)
    assert intake.valid or intake.problems


@settings(max_examples=100, deadline=None)
@given(
    cut=st.integers(0, len(VALID)),
    junk=st.sampled_from(["", ":", "- ", "&a ", "*a", "!!x ", "'", "{", "\t", "\x00", "---\n"]),
)
def test_damaged_submissions_give_problems_not_exceptions(cut: int, junk: str) -> None:
    text = VALID[:cut] + junk + VALID[cut:]
    for name in ("d.yaml", "d.json"):
        intake = load_submission_text(text, name)
        assert intake.valid or all(p.message for p in intake.problems)
