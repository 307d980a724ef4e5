"""JSON Schemas (draft 2020-12) of the rule files, case files and submissions, for editors,
made from the pydantic models.

A rule file opens with ``# yaml-language-server: $schema=<relative path>`` so that editors with
the YAML language server complete keys, show descriptions and flag a misspelt key while the
author types; case files and submissions are associated by the editor settings in
docs/editor-setup.md. The schemas say only what the models say about structure; names, types,
citations and dates inside expressions are ``vardval lint``'s job.

Every schema's ``$id`` is ``SCHEMA_BASE`` + its file name: the documentation site (mkdocs.yml's
``site_url``) publishes ``checker/schemas/`` at ``schemas/`` (``publish``, called by
docs/hooks.py), so an id resolves to the very file committed here.

Regenerate after a model change with ``python -m vardval.checker.authoring.editor_schemas``; a test
compares the committed files with freshly generated ones.
"""

from __future__ import annotations

import copy
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, create_model
from vardval.checker.authoring import case_models
from vardval.checker.corpus import decisions, rulefile
from vardval.checker.parameters import files as parameter_files
from vardval.checker.sources import models as source_models
from vardval.checker.submission import Mapping, facts, submission_fields
from vardval.checker.submission import model as submission

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMAS = Path(__file__).parents[1] / "schemas"
# Where the documentation site serves checker/schemas/ (mkdocs.yml: site_url + "schemas/").
SCHEMA_BASE = "https://vardval.se/schemas/"
RULE_KINDS = ("rulebook", "parameters", "sources", "decisions")  # the files of rules/
KINDS = (*RULE_KINDS, "cases", "submission", "mapping")
_STRICT = ConfigDict(extra="forbid")


def _parameters_model() -> type[BaseModel]:
    """The parameter file as a whole; the loader reads each parameter on its own (so one bad
    parameter does not hide the others) with the same per-parameter model used here."""
    return create_model(
        "ParametersFile", __config__=_STRICT,
        region=(str | None, Field(default=None, description="Absent in the national file; "
                                  "a region slug in a region's own file.")),
        parameters=(dict[str, parameter_files._ParameterModel],  # noqa: SLF001 - the loader's own model
                    Field(description="Dated parameters by dotted name, e.g. flk.malniva.")))


def _sources_model() -> type[BaseModel]:
    source = Annotated[source_models.StatuteSource | source_models.DocumentSource,
                       Field(discriminator="kind")]
    return create_model(
        "SourcesFile", __config__=_STRICT,
        sources=(dict[str, source], Field(description="Legal sources by id, e.g. HSL.")))


def generate(kind: str) -> dict[str, Any]:
    """The schema of one kind of rule file (``rulebook``, ``parameters``, ``sources``, …).

    Example:
        >>> from vardval.checker.authoring.editor_schemas import generate
        >>> schema = generate("rulebook")
        >>> schema["$schema"], sorted(schema["required"])
        ('https://json-schema.org/draft/2020-12/schema', ['rulebook', 'rules', 'title'])
    """
    if kind == "submission":  # the format's own published schema, with its own $id
        return copy.deepcopy(submission.submission_schema())
    models: dict[str, Callable[[], type[BaseModel]]] = {
        "rulebook": lambda: rulefile.RulebookFile, "parameters": _parameters_model,
        "sources": _sources_model, "decisions": lambda: decisions.DecisionsFile,
        "cases": lambda: case_models.FileModel,
        "mapping": lambda: Mapping}
    body = models[kind]().model_json_schema(by_alias=True, mode="validation")
    if kind == "rulebook":
        _regions(body["$defs"]["Scope"]["properties"]["region"], ["all"])
    if kind == "parameters":
        _regions(body["properties"]["region"], [])
        _units(body["$defs"]["_ParameterModel"]["properties"]["unit"])
    if kind == "decisions":
        body["properties"]["region"]["enum"] = list(facts.REGIONS)
    if kind == "mapping":
        _field_names(body)
    head = {"$schema": DIALECT, "$id": f"{SCHEMA_BASE}{kind}.schema.json",
            "title": f"vardval {kind} file"}
    return {**head, **{k: v for k, v in body.items() if k != "title"}}


def _regions(prop: dict[str, Any], extra: list[str]) -> None:
    """Offer the region slugs of the submission format (the loader says "did you mean")."""
    options = [*extra, *facts.REGIONS]
    prop.pop("anyOf", None)
    prop.pop("type", None)
    prop["enum"] = [*options, None] if not extra else options


def _field_names(body: dict[str, Any]) -> None:
    """Offer the submission's field names where a mapping names a field."""
    names = {"enum": [name for name in submission_fields() if name != "format"]}
    body["properties"]["columns"]["additionalProperties"] = names
    body["properties"]["constants"]["propertyNames"] = names
    body["properties"]["values"]["propertyNames"] = names
    for part in ("sum", "last"):
        body["$defs"]["Rollup"]["properties"][part]["items"] = names


def _units(prop: dict[str, Any]) -> None:
    prop["enum"] = list(parameter_files.UNITS)


def render(kind: str) -> str:
    """The schema as the committed file holds it."""
    return json.dumps(generate(kind), ensure_ascii=False, indent=2) + "\n"


def file_name(kind: str) -> str:
    """The schema's file name: the last part of its ``$id``.

    Example:
        >>> file_name("rulebook"), file_name("submission")
        ('rulebook.schema.json', 'submission-1.json')
    """
    return str(generate(kind)["$id"]).removeprefix(SCHEMA_BASE)


def write(directory: Path = SCHEMAS) -> list[Path]:
    """Write every schema; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind in KINDS:
        path = directory / file_name(kind)
        path.write_text(render(kind), encoding="utf-8")
        paths.append(path)
    return paths


def publish(target: Path) -> list[Path]:
    """Copy the committed schemas to ``target`` (the site's ``schemas/``), where their
    ``$id``s point; returns the paths written."""
    target.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copyfile(SCHEMAS / file_name(kind), target / file_name(kind)))
            for kind in KINDS]


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    for written in write(Path(sys.argv[1]) if len(sys.argv) > 1 else SCHEMAS):
        sys.stdout.write(f"wrote {written}\n")
