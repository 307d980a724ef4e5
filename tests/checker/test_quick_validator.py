"""The quick validator accepts exactly what the model accepts, and gives exactly its data.

``quick_validator`` validates with pydantic-core from a schema generated from the model and
read back from the load cache, so that a warm check never imports pydantic. These tests hold
it to the model on every submission-like file the repository keeps, on generated submissions
and on generated damage to them (a field removed, a value of another kind, a field added),
and check the cache entry itself: written once, read back without the model, rebuilt when it
is not this user's.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vardval.checker.program import cache, schema_store
from vardval.checker.reading import strict_yaml
from vardval.checker.submission import plain_schema, quick_validator
from vardval.checker.submission.model import Submission, submission_schema

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))  # schema_strategies lives beside the top-level tests
from schema_nodes import nodes_of
from schema_strategies import instances

INPUTS = sorted(p for folder in ("fixtures", "tests/hostile", "tests/golden")
                for p in (ROOT / folder).rglob("*")
                if p.is_file() and p.suffix in {".yaml", ".yml", ".json"})
SETTINGS = settings(max_examples=int(os.environ.get("VARDVAL_FAST_EXAMPLES", "200")),
                    deadline=None, derandomize=not os.environ.get("VARDVAL_FAST_EXAMPLES"),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# Values of every kind the readers give, for a field that wants another.
OTHER_VALUES = [None, True, False, 0, -1, 3, 10**30, Decimal("2.5"), Decimal("3.0"), 2.5, "",
                "3", "2025-01-31", "2025-Q1", dt.date(2025, 1, 31), [], [1], {}, {"a": 1}]


def by_model(data: object) -> str | None:
    """The model's verdict and data, with every value's type and the order of keys."""
    try:
        return repr(Submission.model_validate(data).model_dump(exclude_unset=True))
    except pydantic.ValidationError:
        return None


def assert_same(data: object) -> None:
    quick = quick_validator.validated(data)
    assert (None if quick is None else repr(quick)) == by_model(data)


def loaded(path: Path) -> object:
    try:
        return strict_yaml.load_yaml(path.read_text(encoding="utf-8"), path.name).data
    except (strict_yaml.YamlError, UnicodeDecodeError):
        return None


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_input_file_gets_the_models_verdict_and_data(path: Path) -> None:
    assert_same(loaded(path))


def test_the_example_submissions_are_accepted() -> None:
    examples = sorted((ROOT / "fixtures" / "submissions").iterdir())
    assert examples
    for path in examples:
        assert quick_validator.validated(loaded(path)) is not None, path.name


@SETTINGS
@given(instances(submission_schema()))
def test_generated_submissions_get_the_models_verdict_and_data(doc: dict[str, Any]) -> None:
    assert_same(doc)


def places(doc: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in ``doc`` (keys and list indexes), the root's ``()`` first."""
    found = [at]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += places(value, (*at, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            found += places(value, (*at, index))
    return found


def changed(doc: Any, at: tuple[Any, ...], how: str, value: object) -> Any:
    """A copy of ``doc`` with the value at ``at`` replaced, removed, or given an extra field."""
    if not at:
        return {**doc, "extra_field": value} if how == "add" and isinstance(doc, dict) else value
    head, rest = at[0], at[1:]
    copy: Any = dict(doc) if isinstance(doc, dict) else list(doc)
    if rest:
        copy[head] = changed(doc[head], rest, how, value)
    elif how == "remove":
        del copy[head]
    elif how == "add" and isinstance(doc[head], dict):
        copy[head] = {**doc[head], "extra_field": value}
    else:
        copy[head] = value
    return copy


@SETTINGS
@given(instances(submission_schema()), st.data(), st.sampled_from(["replace", "remove", "add"]),
       st.sampled_from(OTHER_VALUES))
def test_damaged_submissions_get_the_models_verdict_and_data(
        doc: dict[str, Any], data: st.DataObject, how: str, value: object) -> None:
    at = data.draw(st.sampled_from(places(doc)))
    assert_same(changed(doc, at, how, value))


def test_the_schema_is_json_and_names_only_the_formats_own_readings() -> None:
    schema = plain_schema.plain_schema()
    assert json.loads(json.dumps(schema)) == schema
    text = json.dumps(schema)
    assert "model" not in {node.get("type") for node in nodes_of(schema)}
    named = {node["function"] for node in nodes_of(schema) if node.get("type") == "no-info"}
    assert named == {"whole_number", "exact_number", "iso_date"}
    assert "metadata" not in text and "ref" not in schema


def test_a_model_the_schema_cannot_carry_over_is_unsupported() -> None:
    class Checked(pydantic.BaseModel):
        count: int

        @pydantic.model_validator(mode="after")
        def positive(self) -> Checked:
            return self

    with pytest.raises(plain_schema.Unsupported):
        plain_schema._node(Checked.__pydantic_core_schema__)


PROBE = """
import json, sys
from pathlib import Path
from vardval.checker.program import cache, use_schema_cache
from vardval.checker.submission.intake import load_submission
use_schema_cache(cache.active_folder())  # as the loader does
intake = load_submission(Path(sys.argv[1]))
print(json.dumps({"valid": intake.valid, "modules": sorted(sys.modules)}))
"""


def probe(cache_dir: Path) -> tuple[bool, list[str]]:
    env = {**os.environ, "VARDVAL_CACHE_DIR": str(cache_dir)}
    env.pop("VARDVAL_NO_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(ROOT / "fixtures/submissions/halland-2018-Q2.yaml")],
        env=env, capture_output=True, text=True, check=True, timeout=120)
    found = json.loads(done.stdout)
    return found["valid"], found["modules"]


def test_the_schema_is_generated_once_then_read_back_without_the_model(tmp_path: Path) -> None:
    valid, modules = probe(tmp_path / "cache")
    assert valid
    assert "vardval.checker.submission.plain_schema" in modules  # generated on the first run
    entries = list((tmp_path / "cache").glob("submission-*.json"))
    assert len(entries) == 1
    valid, modules = probe(tmp_path / "cache")
    assert valid
    assert "vardval.checker.submission.plain_schema" not in modules
    assert "vardval.checker.submission.model" not in modules


def test_an_entry_sealed_by_someone_else_is_rebuilt_not_read(tmp_path: Path) -> None:
    probe(tmp_path / "cache")
    (entry,) = (tmp_path / "cache").glob("submission-*.json")
    planted = json.dumps({"type": "any"}).encode()  # would accept anything at all
    entry.write_bytes(schema_store.SCHEMA_MAGIC + b"\0" * 32 + planted)
    valid, modules = probe(tmp_path / "cache")
    assert valid
    assert "vardval.checker.submission.plain_schema" in modules  # rebuilt from the model
    assert cache.read_sealed(entry, schema_store.SCHEMA_MAGIC) != planted
