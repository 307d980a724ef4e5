"""Editor schemas: committed = generated, valid draft 2020-12, and every rule file points at and
satisfies the schema of its kind."""

from __future__ import annotations

import importlib.resources
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from vardval.checker.authoring import editor_schemas
from vardval.checker.reading import strict_yaml

REPO = Path(__file__).resolve().parents[1]
RULES = REPO / "rules"
GOLDEN = REPO / "tests" / "golden" / "errors"
SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")


def kind_of(path: Path) -> str:
    if path.name == "sources.yaml":
        return "sources"
    if path.parent.name in ("parameters", "decisions"):
        return path.parent.name
    return "rulebook"


RULE_FILES = sorted(RULES.rglob("*.yaml"))


def load(path: Path) -> Any:
    return strict_yaml.load_yaml(path.read_text(encoding="utf-8"), str(path)).data


def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(editor_schemas.generate(kind))


@pytest.mark.parametrize("kind", editor_schemas.KINDS)
def test_committed_schema_equals_the_generated_one(kind: str) -> None:
    committed = editor_schemas.SCHEMAS / editor_schemas.file_name(kind)
    assert committed.read_text(encoding="utf-8") == editor_schemas.render(kind), (
        "regenerate with: python -m vardval.checker.authoring.editor_schemas")


@pytest.mark.parametrize("kind", editor_schemas.KINDS)
def test_schema_is_valid_draft_2020_12_and_shipped(kind: str) -> None:
    schema = editor_schemas.generate(kind)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    shipped = importlib.resources.files("vardval.checker") / "schemas" / \
        editor_schemas.file_name(kind)
    assert shipped.is_file()


def test_every_kind_of_rule_file_is_shipped() -> None:
    assert {kind_of(p) for p in RULE_FILES} == set(editor_schemas.RULE_KINDS)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: str(p.relative_to(RULES)))
def test_rule_file_names_its_schema_on_the_first_line(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines(keepends=True)[0]
    match = SCHEMA_LINE.fullmatch(first)
    assert match, f"{path} must start with '# yaml-language-server: $schema=…'"
    target = (path.parent / match.group(1)).resolve()
    assert target == (editor_schemas.SCHEMAS / f"{kind_of(path)}.schema.json").resolve()


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: str(p.relative_to(RULES)))
def test_rule_file_satisfies_its_schema(path: Path) -> None:
    errors = [e.message for e in validator(kind_of(path)).iter_errors(load(path))]
    assert errors == []


@pytest.mark.parametrize(("golden", "needle"), [
    ("unknown-key.yaml", "'requires' was unexpected"),
    ("invalid-value.yaml", "'warn' is not one of"),
    ("missing-key.yaml", "'require' is a required property"),
    ("unknown-region.yaml", "'kronobreg' is not one of"),
])
def test_schema_flags_what_an_editor_should_underline(golden: str, needle: str) -> None:
    errors = [e.message for e in validator("rulebook").iter_errors(load(GOLDEN / golden))]
    assert any(needle in message for message in errors), errors


def test_expressions_may_be_written_as_plain_yaml_values() -> None:
    rule = {"id": "X-ONE", "title": {"sv": "a", "en": "b"}, "severity": "info",
            "cite": ["HSL 4 kap. 2 §"], "require": True, "message": {"sv": "a", "en": "b"}}
    book = {"rulebook": "x.y", "title": {"sv": "a", "en": "b"}, "rules": [rule]}
    assert list(validator("rulebook").iter_errors(book)) == []
