"""The rule files' kept schemas accept exactly what their models accept, and give their dumps.

``reading.quick_files`` validates rulebooks, sources, parameters and decisions with
pydantic-core from schemas made from the models (``reading.typed_dicts``) and kept in the load
cache (``program.file_schemas``), so that a cold load of valid files never imports pydantic.
These tests hold every kind to its model on every part of every rule-like file the repository
keeps and on generated damage to the valid ones, hold a corpus read either way to the same
result, and check the kept submission schema and the cache entry itself.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vardval.checker.corpus import BUNDLED_RULES, read_ruleset, rulefile
from vardval.checker.corpus import decisions as decision_models
from vardval.checker.corpus.rulebooks import LoadContext, submission_schema
from vardval.checker.parameters import files as parameter_models
from vardval.checker.program import cache, file_schemas, schema_store
from vardval.checker.reading import quick_files, strict_yaml, typed_dicts
from vardval.checker.sources import models as source_models
from vardval.checker.submission import model as submission_model
from vardval.dsl import schema_types

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from schema_nodes import nodes_of
from test_quick_validator import OTHER_VALUES, changed, places

MODELS: dict[str, type[pydantic.BaseModel]] = {
    "rulebook": rulefile.RulebookFile, "source-sources": source_models.SourcesFile,
    "source-statute": source_models.StatuteSource,
    "source-document": source_models.DocumentSource,
    **parameter_models.MODELS, **decision_models.MODELS}
INPUTS = sorted(p for folder in ("rules", "tests/hostile", "tests/golden/errors", "tests/data")
                for p in (ROOT / folder).rglob("*.yaml") if p.is_file())
SETTINGS = settings(max_examples=int(os.environ.get("VARDVAL_FAST_EXAMPLES", "300")),
                    deadline=None, derandomize=not os.environ.get("VARDVAL_FAST_EXAMPLES"),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# Values the files' own checks read: ids, expressions, dates, URLs, SFS numbers, literals.
FILE_VALUES = [*OTHER_VALUES, "VG-KONTAKT", "vg-kontakt", "VG-KONTAKT\n", "VG", "national.x",
               "National.x", "a > 1", 1, Decimal("0.9"), "2025-02-30", "2025-2-1", 86400,
               "https://lagen.nu/2017:30", "http:// x", "2017:30", "2017-30", "95%", "3 days",
               dt.date(2024, 2, 29), "all", "kronoberg", "dispensation", "x" * 3]


@pytest.fixture(autouse=True)
def kept_schemas() -> Iterator[quick_files.KeptSchemas]:
    """The schemas as the load cache keeps them: made now and read back from JSON."""
    made = json.loads(json.dumps(file_schemas.generate()))
    kept = quick_files.KeptSchemas(made["schemas"], file_schemas.functions(), made["submission"])
    before = list(quick_files._SOURCES)
    quick_files.use_source(lambda: kept)
    yield kept
    quick_files.use_source(lambda: None)
    quick_files._SOURCES[:] = before


def by_model(kind: str, data: object) -> str | None:
    """The model's verdict and dump, with every value's type and the order of keys."""
    try:
        return repr(MODELS[kind].model_validate(data).model_dump())
    except pydantic.ValidationError:
        return None


def assert_same(kind: str, data: object) -> None:
    quick = quick_files.validated(kind, data)
    assert (None if quick is None else repr(quick)) == by_model(kind, data)


def parts(data: object) -> list[object]:
    """A file's data and the parts its readers validate on their own (each value of a
    mapping, each item of a list, one level down from the top's fields)."""
    found = [data]
    if isinstance(data, dict):
        for value in data.values():
            found += list(value.values()) if isinstance(value, dict) else []
            found += list(value) if isinstance(value, list) else []
    return found


def loaded(path: Path) -> object:
    try:
        return strict_yaml.load_yaml(path.read_text(encoding="utf-8"), path.name).data
    except (strict_yaml.YamlError, UnicodeDecodeError):
        return None


def test_every_kind_has_a_kept_schema(kept_schemas: quick_files.KeptSchemas) -> None:
    assert set(kept_schemas.schemas) == set(MODELS) == set(file_schemas.KINDS)


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_part_of_every_rule_file_gets_the_models_verdict_and_dump(path: Path) -> None:
    for part in parts(loaded(path)):
        for kind in MODELS:
            assert_same(kind, part)


def test_the_bundled_files_are_accepted() -> None:
    books = [loaded(p) for p in sorted((BUNDLED_RULES / "national").glob("*.yaml"))]
    assert books
    assert all(quick_files.validated("rulebook", book) is not None for book in books)
    sources = quick_files.validated("source-sources", loaded(BUNDLED_RULES / "sources.yaml"))
    assert sources is not None
    assert all(quick_files.validated(f"source-{raw['kind']}", raw) is not None
               for raw in sources["sources"].values())


VALID = [(kind, part) for path in INPUTS for part in parts(loaded(path)) for kind in MODELS
         if by_model(kind, part) is not None]


@SETTINGS
@given(st.sampled_from(VALID), st.data(), st.sampled_from(["replace", "remove", "add"]),
       st.sampled_from(FILE_VALUES))
def test_damaged_parts_get_the_models_verdict_and_dump(
        valid: tuple[str, Any], data: st.DataObject, how: str, value: object) -> None:
    kind, part = valid
    at = data.draw(st.sampled_from(places(part)))
    assert_same(kind, changed(part, at, how, value))


def test_a_corpus_read_with_the_kept_schemas_is_the_one_read_by_the_models() -> None:
    quick = read_ruleset()
    quick_files.use_source(lambda: None)
    by_models = read_ruleset()
    assert quick.rulebooks == by_models.rulebooks
    assert quick.registry._sources == by_models.registry._sources
    assert quick.parameters.definitions() == by_models.parameters.definitions()
    assert quick.decisions == by_models.decisions
    assert quick.root == by_models.root


def test_the_kept_submission_schema_gives_the_models_field_types_and_choices() -> None:
    made = submission_model.submission_schema()
    assert submission_schema() == made
    assert schema_types.record_type(submission_schema()) == schema_types.record_type(made)
    assert LoadContext(None, {}, None, ()).choices == schema_types.choices(made)  # type: ignore[arg-type]


def test_the_schemas_are_json_and_name_only_the_files_own_checks(
        kept_schemas: quick_files.KeptSchemas) -> None:
    nodes = [n for schema in kept_schemas.schemas.values() for n in nodes_of(schema)]
    assert "model" not in {node.get("type") for node in nodes}
    named = {node["function"] for node in nodes if node.get("type") == "no-info"}
    assert named == set(file_schemas.functions())


def test_a_model_the_schema_cannot_carry_over_is_unsupported() -> None:
    class Checked(pydantic.BaseModel):
        count: int

        @pydantic.field_validator("count")
        @classmethod
        def positive(cls, value: int) -> int:
            return value

    with pytest.raises(typed_dicts.Unsupported):
        typed_dicts.plain_schema(Checked, file_schemas.functions())


def test_the_kept_schemas_are_read_back_without_the_models(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_IMPORTED_AT", float("inf"))
    store = schema_store.SealedStore(tmp_path / "cache", "rulefiles", file_schemas.MAGIC, ".json")
    first = file_schemas.kept(store)
    assert first is not None
    assert len(list((tmp_path / "cache").glob("rulefiles-*.json"))) == 1
    monkeypatch.setattr(file_schemas, "generate", _no_generating)
    again = file_schemas.kept(store)
    assert again == first


def _no_generating() -> dict[str, Any]:
    raise AssertionError("the schemas were made again although the store held them")


def test_an_entry_not_sealed_by_this_user_is_made_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_IMPORTED_AT", float("inf"))
    store = schema_store.SealedStore(tmp_path / "cache", "rulefiles", file_schemas.MAGIC, ".json")
    made = file_schemas.kept(store)
    entry = next((tmp_path / "cache").glob("rulefiles-*.json"))
    planted = {"schemas": {"rulebook": {"type": "any"}}, "submission": {}}
    entry.write_bytes(file_schemas.MAGIC + b"\0" * 32 + json.dumps(planted).encode())
    kept = file_schemas.kept(store)
    assert kept is not None
    assert kept == made  # the planted schema that accepts anything is not read


def renamed(doc: Any, old: str, new: str) -> Any:
    """``doc`` with every key ``old`` written ``new`` (a field by its name, not its alias)."""
    if isinstance(doc, dict):
        return {(new if key == old else key): renamed(value, old, new)
                for key, value in doc.items()}
    if isinstance(doc, list):
        return [renamed(item, old, new) for item in doc]
    return doc


@pytest.mark.parametrize("name", ["valid_from", "from_", "valid_to", "to_"])
def test_a_key_written_by_its_fields_name_gets_the_models_verdict(name: str) -> None:
    alias = name.removeprefix("valid_").rstrip("_")
    for kind, part in VALID:
        assert_same(kind, renamed(part, alias, name))
