"""Issue 15, item 16: every message a user can cause is in plain words, in the report's language.

No pydantic wording ("String should match pattern"), no Python limit ("set_int_max_str_digits"),
no type-checker jargon ("does not order anys"), and reasons a rule cannot be decided read in
Swedish in a Swedish report and in English in an English one. Each case runs the real command.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_runs import vardval
from vardval.dsl import reasons

HERE = Path(__file__).parent / "hostile"
BASE = HERE / "rules_base"
VALID = HERE / "valid.yaml"
# Words of the libraries and of Python that must never reach a user.
LEAKS = ("String should match", "Value error", "set_int_max_str_digits", "Exceeds the limit",
         "anys", "out of range for month", "Traceback", "pydantic", "ValidationError",
         "decimal.", "Overflow")


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VARDVAL_CACHE_DIR", str(tmp_path / "cache"))


def corpus(tmp_path: Path, require: str, message: str = "x", definitions: str = "") -> Path:
    """The minimal corpus plus one rule ``T-RULE`` with ``require`` (and its message)."""
    folder = tmp_path / "corpus"
    shutil.copytree(BASE, folder)
    (folder / "national" / "t.yaml").write_text(
        f"rulebook: national.t\ntitle: {{sv: T, en: T}}\n{definitions}rules:\n"
        "  - id: T-RULE\n    title: {sv: T, en: T}\n    severity: error\n"
        f"    cite: [HSL 4 kap. 2 §]\n    require: {require}\n"
        f'    message: {{sv: "{message}", en: "{message}"}}\n', "utf-8")
    return folder


def submission(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "s.yaml"
    text = VALID.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    return path


def both_languages(*argv: str | Path) -> dict[str, str]:
    """Everything the command says, per report language, in every format."""
    said = {}
    for lang in ("sv", "en"):
        words = []
        for fmt in ("text", "json", "junit", "html"):
            _, out, err = vardval(*argv, "--lang", lang, "--format", fmt)
            words.append(out + err)
        said[lang] = "\n".join(words)
        for leak in LEAKS:
            assert leak not in said[lang], (lang, leak)
    return said


def finding(out: str) -> dict[str, object]:
    (result,) = json.loads(out)["results"]
    return next(f for f in result["findings"] if f["rule"] == "T-RULE")


def test_a_period_with_a_newline_is_refused_in_our_words(tmp_path: Path) -> None:
    path = submission(tmp_path, "period: 2018-Q2", 'period: "2018-Q2\\n"')
    said = both_languages("check", path, "--rules", BASE)
    code, out, _ = vardval("check", path, "--rules", BASE, "--format", "json", "--lang", "en")
    (problem,) = json.loads(out)["results"][0]["problems"]
    assert code == 1
    assert problem["line"] == 10
    assert problem["message"] == ("'2018-Q2\\x0a' is not a quarter written YYYY-Qn, "
                                  "e.g. 2025-Q1")
    assert "'2018-Q2\\x0a' är inte ett kvartal skrivet YYYY-Qn, t.ex. 2025-Q1" in said["sv"]
    assert "2018-Q2\n'" not in said["sv"]  # the newline is shown, not printed


def test_a_product_of_4000_digits_is_shown_whole_in_every_format(tmp_path: Path) -> None:
    """Counts may have 1,000 digits; four multiplied are near Python's 4,300-digit limit."""
    count = "listing.listed_at_period_end"
    product = " * ".join([count] * 4)
    rules = corpus(tmp_path, f"{product} * 1 day > 1 day", message=f"{{{product} * 1 day}}")
    path = submission(tmp_path, "listed_at_period_end: 12650",
                      "listed_at_period_end: " + "9" * 999)
    said = both_languages("check", path, "--rules", rules)
    message = finding(vardval("check", path, "--rules", rules, "--format", "json")[1])["message"]
    assert message == f"{(10 ** 999 - 1) ** 4} dagar"  # 3,996 digits, whole, in Swedish
    assert "dagar" in said["sv"]
    assert "days" in said["en"]


def test_a_product_past_the_bound_is_unknown_with_a_reason_in_each_language(
        tmp_path: Path) -> None:
    count = "listing.listed_at_period_end"
    rules = corpus(tmp_path, " * ".join([count] * 5) + " > 1")
    path = submission(tmp_path, "listed_at_period_end: 12650",
                      "listed_at_period_end: " + "9" * 999)
    both_languages("check", path, "--rules", rules)
    sv = finding(vardval("check", path, "--rules", rules, "--format", "json")[1])
    en = finding(vardval("check", path, "--rules", rules, "--format", "json", "--lang", "en")[1])
    assert sv["status"] == en["status"] == "indeterminate"
    assert sv["message"] == ("Kan inte avgöras – talet blir för stort: en regel räknar med "
                             "högst 4000 siffror.")
    assert en["message"] == ("Cannot be decided – the number grows too large: a rule computes "
                             "with at most 4000 digits.")


def test_an_amount_past_the_bound_is_unknown_not_an_internal_error(tmp_path: Path) -> None:
    money = "finance.reimbursement_sek"
    rules = corpus(tmp_path, "d3 > 1", definitions=(
        f"definitions:\n  d1: {' * '.join([money] * 3)}\n  d2: d1 * d1\n  d3: d2 * d2\n"))
    path = submission(tmp_path, "reimbursement_sek: 27650000", "reimbursement_sek: 9.5e998")
    code, out, _ = vardval("check", path, "--rules", rules, "--format", "json")
    assert code == 0
    assert finding(out)["status"] == "indeterminate"
    assert "too large" in str(finding(vardval("check", path, "--rules", rules, "--format",
                                              "json", "--lang", "en")[1])["message"])


@pytest.mark.parametrize(("require", "sv", "en"), [
    ("1 / (accessibility.contacts.total - accessibility.contacts.total) > 1",
     "division med noll i '1 / (accessibility.contacts.total - accessibility.contacts.total)'",
     "division by zero in '1 / (accessibility.contacts.total - accessibility.contacts.total)'"),
    ("submitted_on + 999999999 days > submitted_on",
     "2018-07-16 flyttat 999999999 dagar hamnar utanför kalendern",
     "2018-07-16 moved by 999999999 days leaves the calendar"),
    ("date(accessibility.contacts.total, 2, 30) > submitted_on",
     "date(14800, 2, 30) är inget datum i kalendern",
     "date(14800, 2, 30) is not a date in the calendar"),
    ("1 month * (accessibility.contacts.same_day / accessibility.contacts.total) > 1 day",
     "1 månad gånger 0,97: en tidsrymd är ett helt antal månader och dagar",
     "1 month times 0.97: a duration is a whole number of months and days"),
    ("1 month > 30 days",
     "1 månad och 30 dagar kan inte jämföras: en månad har 28 till 31 dagar",
     "1 month and 30 days cannot be compared: a month has 28 to 31 days"),
])
def test_a_reason_a_rule_cannot_be_decided_reads_in_the_report_s_language(
        tmp_path: Path, require: str, sv: str, en: str) -> None:
    rules = corpus(tmp_path, require)
    said = both_languages("check", VALID, "--rules", rules)
    assert sv in said["sv"].replace("\n        ", " ")
    assert en in said["en"].replace("\n        ", " ")
    assert en not in said["sv"].replace("\n        ", " ")


def test_every_reason_is_worded_in_both_languages() -> None:
    for code, (sv, en) in reasons.WORDING.items():
        assert sv != en, code  # not an English text copied
        assert sv.count("{") == en.count("{"), code


def test_a_parameter_without_a_value_is_a_swedish_reason_in_a_swedish_report(
        tmp_path: Path) -> None:
    rules = corpus(tmp_path, "accessibility.contacts.total > param(test.malniva)")
    parameters = rules / "parameters" / "national.yaml"
    parameters.write_text(parameters.read_text("utf-8").replace("2017-01-01", "2019-01-01"),
                          "utf-8")
    said = both_languages("check", VALID, "--rules", rules)
    assert "parametern test.malniva har inget värde som gäller 2018-04-01 för halland" in said[
        "sv"].replace("\n        ", " ")
    assert "parameter test.malniva has no value in force on 2018-04-01 for halland" in said[
        "en"].replace("\n        ", " ")


def test_comparing_the_largest_of_an_empty_list_is_explained_not_jargon(tmp_path: Path) -> None:
    rules = corpus(tmp_path, "max([]) > 1")
    code, _, err = vardval("check", VALID, "--rules", rules)
    assert code == 2
    assert ("t.yaml:8:14: max() av en tom lista går inte att jämföra med '>': en tom lista har "
            "inget största värde") in err
    assert "en tom lista [] har inga värden att välja bland" in err
    assert "anys" not in err
    assert "no known type" not in err
    code, _, err = vardval("check", VALID, "--rules", rules, "--lang", "en")
    assert code == 2
    assert "t.yaml:8:14: '>' cannot order a value of no known type (from an empty list)" in err
    assert "an empty list [] has no items to take a value from" in err
    assert "anys" not in err


def test_an_impossible_date_in_a_rule_says_why_in_words(tmp_path: Path) -> None:
    rules = corpus(tmp_path, "submitted_on > 2025-02-30")
    _, out, err = vardval("lint", "--lang", "en", rules)
    assert "'2025-02-30' is not a date in the calendar" in out + err
    assert "out of range for month" not in out + err


def test_a_decision_s_malformed_clinic_id_is_explained_not_pydantic(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(Path(__file__).parents[1] / "rules", rules)
    decisions = rules / "decisions" / "kronoberg.yaml"
    decisions.write_text(decisions.read_text("utf-8").replace(
        "clinic: SE2321000065-E000000000231", "clinic: SE23-X").replace(
        "id: KRO-DISP-2024-07", 'id: "-bad"'), "utf-8")
    code, out, err = vardval("lint", "--lang", "en", rules)
    said = out + err
    assert code == 1  # lint: problems found
    assert ("decisions.0.clinic: 'SE23-X' is not valid; expected the clinic's HSA-id: 'SE', 10 "
            "digits, '-', then 1 to 31 letters or digits, e.g. SE2321000065-E000000000231") in said
    assert "decisions.0.id: '-bad' is not valid; expected an id of letters" in said
    assert "String should match" not in said


def test_a_store_address_with_a_port_that_is_no_number_is_a_plain_error() -> None:
    """Was an internal error (exit 3) with Python's "invalid literal for int()"."""
    code, _, err = vardval("check", VALID, "--rules", BASE, "--store",
                           "postgresql://eva:secret@host:notaport/db")
    assert code == 2
    assert "postgresql://host:notaport/db: adressen kan inte läsas" in err
    assert "(porten är ett tal)" in err
    assert "secret" not in err
    assert "invalid literal" not in err
