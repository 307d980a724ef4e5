"""The registry's source records: the fields of their pydantic models, and the same values."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import vardval.rules
from vardval.checker.reading import yaml_problems
from vardval.checker.sources import models, records
from vardval.checker.sources.registry import load_sources

RULES = Path(vardval.rules.__file__).parent
PAIRS = ["Localized", "Passage", "Consolidation", "StatuteSource", "DocumentSource"]


@pytest.mark.parametrize("name", PAIRS)
def test_a_record_has_the_fields_of_its_model_in_the_same_order(name: str) -> None:
    record, model = getattr(records, name), getattr(models, name)
    assert [f.name for f in dataclasses.fields(record)] == list(model.model_fields)


def _raw_sources() -> dict[str, dict[str, object]]:
    path = RULES / "sources.yaml"
    loaded = yaml_problems.load(path.read_text(encoding="utf-8"), str(path))
    assert isinstance(loaded.data, dict)
    return loaded.data["sources"]  # type: ignore[no-any-return]


RAW = _raw_sources()
REGISTRY = load_sources(RULES / "sources.yaml")


@pytest.mark.parametrize("source_id", sorted(RAW))
def test_each_shipped_source_is_held_as_a_record_of_what_its_model_read(source_id: str) -> None:
    held = REGISTRY.get(source_id)
    assert isinstance(held, records.StatuteSource | records.DocumentSource)
    raw = RAW[source_id]
    validated = models.SOURCE_MODELS[str(raw["kind"])].model_validate(raw)
    assert records.as_json(held) == validated.model_dump(mode="json")


def test_the_shipped_sources_exercise_every_nested_record() -> None:
    """So the comparison above covers passages, consolidations and dates inside them."""
    held = [REGISTRY.get(source_id) for source_id in RAW]
    statutes = [s for s in held if isinstance(s, records.StatuteSource)]
    documents = [s for s in held if isinstance(s, records.DocumentSource)]
    assert any(s.consolidation is not None for s in statutes)
    assert any(p.in_force_from is not None for s in statutes for p in s.provisions.values())
    assert any(s.sections for s in documents)
