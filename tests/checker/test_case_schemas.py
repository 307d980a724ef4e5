"""The case file's kept schema accepts exactly what its models accept, and gives their dump.

``authoring.case_schemas`` validates case files with pydantic-core from a schema made from
``authoring.case_models`` and kept in the load cache, so that a first ``vardval test`` of valid
case files never imports pydantic. These tests hold it to the models on every bundled case
file, each case in it and generated damage to them, hold ``case_model`` reading either way to
the same files and the same worded problems, and check the cache entry itself.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pathlib
import shutil
import sys
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vardval.checker.authoring import case_checks, case_model, case_models, case_schemas
from vardval.checker.authoring import cases as casetest
from vardval.checker.program import cache, file_schemas, load_ruleset
from vardval.checker.reading import quick_files, strict_yaml
from vardval.checker.vocab import LANGS
from vardval.dsl.errors import VardvalError

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from schema_nodes import nodes_of
from test_quick_validator import OTHER_VALUES, changed, places

CASES = ROOT / "fixtures" / "cases"
CASE_FILES = casetest.case_files(CASES)
SETTINGS = settings(max_examples=int(os.environ.get("VARDVAL_FAST_EXAMPLES", "300")),
                    deadline=None, derandomize=not os.environ.get("VARDVAL_FAST_EXAMPLES"),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# Values a case file's own checks read: names (sentences or not), rule ids, outcomes, paths.
CASE_VALUES = [*OTHER_VALUES, "A case passes.", "a case passes.", "A case passes", " Ö.  ",
               "1 contact is enough!", "Is it?\n", "VG-KONTAKT", "vg-kontakt", "VG-KONTAKT\n",
               "VG", "X-1", "pass", "fail", "not_applicable", "indeterminate", "Pass",
               "clinic.region", "bases/x.yaml", dt.date(2024, 2, 29), Decimal("0.9"),
               ["clinic.region"], {"clinic.region": "skane"}]


@pytest.fixture(scope="module")
def validator() -> Any:
    """The validator as a run gets it: the schema made now, read back from JSON."""
    made = case_schemas.generate()
    assert made is not None
    found = quick_files.validator_for(json.loads(json.dumps(made)), case_checks.BY_NAME)
    assert found is not None
    return found


def by_model(data: object) -> str | None:
    """The model's verdict and dump, with every value's type and the order of keys."""
    try:
        return repr(case_models.FileModel.model_validate(data).model_dump())
    except pydantic.ValidationError:
        return None


def assert_same(validator: Any, data: object) -> None:
    quick = quick_files.validated_by(validator, data)
    assert (None if quick is None else repr(quick)) == by_model(data)


def loaded(path: pathlib.Path) -> Any:
    return strict_yaml.load_yaml(path.read_text(encoding="utf-8"), path.name).data


def one_case(data: dict[str, Any], index: int) -> dict[str, Any]:
    """The file with only its case ``index``: each case judged on its own."""
    return {**data, "cases": [data["cases"][index]]}


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.name)
def test_every_bundled_case_file_and_case_gets_the_models_verdict_and_dump(
        path: pathlib.Path, validator: Any) -> None:
    data = loaded(path)
    assert quick_files.validated_by(validator, data) is not None  # valid: read without pydantic
    assert_same(validator, data)
    for index in range(len(data["cases"])):
        assert_same(validator, one_case(data, index))


VALID = [loaded(path) for path in CASE_FILES]


@SETTINGS
@given(st.sampled_from(VALID), st.data(), st.sampled_from(["replace", "remove", "add"]),
       st.sampled_from(CASE_VALUES))
def test_damaged_case_files_get_the_models_verdict_and_dump(
        validator: Any, valid: dict[str, Any], data: st.DataObject, how: str,
        value: object) -> None:
    at = data.draw(st.sampled_from(places(valid)))
    assert_same(validator, changed(valid, at, how, value))


@pytest.mark.parametrize(("field", "value"), [("name", "no capital first."),
                                               ("name", "No stop last"), ("rule", "vg-kontakt"),
                                               ("rule", "VG")])
def test_the_files_own_checks_refuse_in_the_quick_path_too(
        validator: Any, field: str, value: str) -> None:
    data = loaded(CASE_FILES[0])
    damaged = changed(data, ("cases", 0, field), "replace", value)
    assert quick_files.validated_by(validator, damaged) is None
    assert by_model(damaged) is None


def test_the_schema_is_json_and_names_only_the_case_files_own_checks() -> None:
    made = case_schemas.generate()
    assert made is not None
    nodes = nodes_of(made)
    assert "model" not in {node.get("type") for node in nodes}
    named = {node["function"] for node in nodes if node.get("type") == "no-info"}
    assert named == set(case_checks.BY_NAME)


@pytest.fixture
def store_dir(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
              ) -> Iterator[pathlib.Path]:
    monkeypatch.setenv("VARDVAL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("VARDVAL_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "_IMPORTED_AT", float("inf"))  # the code is as imported
    case_schemas._validator.cache_clear()
    yield tmp_path / "cache"
    case_schemas._validator.cache_clear()


@pytest.fixture(scope="module")
def rule_ids() -> set[str]:
    return {rule.id for rule in load_ruleset().rules()}


def _outcome(path: pathlib.Path, rule_ids: set[str], kept: pathlib.Path | None) -> object:
    """What ``case_model`` gives, with the schema kept in ``kept`` or (None) by the models
    alone: the file, or the error's kind and diagnostics as shown."""
    try:
        return case_model.load_case_file(path, rule_ids, kept=kept)
    except VardvalError as exc:
        return type(exc).__name__, [d.shown(lang) for d in exc.diagnostics for lang in LANGS]


def _no_model(*args: object, **kwargs: object) -> object:
    raise AssertionError("the models read a case file the kept schema accepts")


def _damages(path: pathlib.Path) -> list[bytes]:
    """A case file's bytes damaged in each way its models word: a name that is no sentence,
    a bad or unknown rule id, an unknown outcome, an extra field, no cases, a bad path, a
    duplicate case."""
    raw = path.read_bytes()
    first_case = raw[raw.index(b"  - name:"):].split(b"\n  - ")[0] + b"\n"
    return [raw.replace(b"name: ", b"name: lower ", 1), raw.replace(b"rule: ", b"rule: x-", 1),
            raw.replace(b"rule: ", b"rule: X", 1), raw.replace(b"expect: ", b"expect: x", 1),
            raw.replace(b"expect: ", b"colour: red\n    expect: ", 1),
            raw[:raw.index(b"cases:")] + b"cases: []\n", raw.replace(b"base: ", b"base: x", 1),
            raw.replace(b"base: ", b"extra: 1\nbase: ", 1), raw + first_case]


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.name)
def test_a_case_file_read_by_the_kept_schema_is_the_one_the_models_read(
        path: pathlib.Path, store_dir: pathlib.Path, rule_ids: set[str],
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = pathlib.Path(shutil.copytree(CASES, tmp_path / "cases"))
    copy = folder / path.name
    valid = _outcome(copy, rule_ids, None)
    assert isinstance(valid, casetest.CaseFile)
    by_models = {}
    for damaged in _damages(copy):
        copy.write_bytes(damaged)
        by_models[damaged] = _outcome(copy, rule_ids, None)
        assert isinstance(by_models[damaged], tuple), damaged.decode()  # a worded problem
    for damaged, outcome in by_models.items():
        copy.write_bytes(damaged)
        assert _outcome(copy, rule_ids, store_dir) == outcome, damaged.decode()
    assert list(store_dir.glob("caseschema-*.json"))
    copy.write_bytes(path.read_bytes())
    monkeypatch.setattr(case_models, "dump_or_problems", _no_model)
    assert _outcome(copy, rule_ids, store_dir) == valid  # read without the models


def test_the_kept_schema_is_read_back_without_the_models(
        store_dir: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = case_schemas.validated(store_dir, loaded(CASE_FILES[0]))
    assert first is not None
    assert len(list(store_dir.glob("caseschema-*.json"))) == 1
    case_schemas._validator.cache_clear()
    monkeypatch.setattr(case_schemas, "generate", _no_generating)
    assert case_schemas.validated(store_dir, loaded(CASE_FILES[0])) == first


def _no_generating() -> dict[str, Any]:
    raise AssertionError("the schema was made again although the store held it")


def test_an_entry_not_sealed_by_this_user_is_made_again(store_dir: pathlib.Path) -> None:
    assert case_schemas.validated(store_dir, loaded(CASE_FILES[0])) is not None
    entry = next(store_dir.glob("caseschema-*.json"))
    planted = json.dumps({"type": "any"}).encode()  # a schema that accepts anything
    entry.write_bytes(case_schemas.MAGIC + b"\0" * 32 + planted)
    case_schemas._validator.cache_clear()
    assert case_schemas.validated(store_dir, {"base": ""}) is None  # the planted schema is not read
    assert file_schemas.schema_key() is not None
