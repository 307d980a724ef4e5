"""JSON Schemas (draft 2020-12) of the rule files, for editors, made from the pydantic models.

A rule file opens with ``# yaml-language-server: $schema=<relative path>`` so that editors with
the YAML language server complete keys, show descriptions and flag a misspelt key while the
author types. The schemas say only what the models say about structure; names, types,
citations and dates inside expressions are ``vardval lint``'s job.

Regenerate after a model change with ``python -m vardval.checker.authoring.editor_schemas``; a test
compares the committed files with freshly generated ones.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, create_model
from vardval.checker.corpus import decisions, rulefile
from vardval.checker.parameters import files as parameter_files
from vardval.checker.sources import models as source_models
from vardval.checker.submission import Mapping, submission_fields
from vardval.checker.submission import model as submission

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMAS = Path(__file__).parents[1] / "schemas"
KINDS = ("rulebook", "parameters", "sources", "decisions")
#: Files beside the rules: a mapping says how an office's export is read (``check --mapping``).
OTHER_KINDS = ("mapping",)
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
    models: dict[str, Callable[[], type[BaseModel]]] = {
        "rulebook": lambda: rulefile.RulebookFile, "parameters": _parameters_model,
        "sources": _sources_model, "decisions": lambda: decisions.DecisionsFile,
        "mapping": lambda: Mapping}
    body = models[kind]().model_json_schema(by_alias=True, mode="validation")
    if kind == "rulebook":
        _regions(body["$defs"]["Scope"]["properties"]["region"], ["all"])
    if kind == "parameters":
        _regions(body["properties"]["region"], [])
        _units(body["$defs"]["_ParameterModel"]["properties"]["unit"])
    if kind == "decisions":
        body["properties"]["region"]["enum"] = list(submission.REGIONS)
    if kind == "mapping":
        _field_names(body)
    head = {"$schema": DIALECT, "$id": f"https://vardval.example/schemas/{kind}.schema.json",
            "title": f"vardval {kind} file"}
    return {**head, **{k: v for k, v in body.items() if k != "title"}}


def _regions(prop: dict[str, Any], extra: list[str]) -> None:
    """Offer the region slugs of the submission format (the loader says "did you mean")."""
    options = [*extra, *submission.REGIONS]
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


def write(directory: Path = SCHEMAS) -> list[Path]:
    """Write every schema; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind in (*KINDS, *OTHER_KINDS):
        path = directory / f"{kind}.schema.json"
        path.write_text(render(kind), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    for written in write(Path(sys.argv[1]) if len(sys.argv) > 1 else SCHEMAS):
        sys.stdout.write(f"wrote {written}\n")
