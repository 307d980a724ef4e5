"""Validating rule data files without importing pydantic: pydantic-core validators built from
schemas kept in the load cache, the files' pydantic models the last word.

Why: a cold load (a corpus not in the load cache) imported pydantic, built the models of
rulebooks, sources, parameters and decisions, and generated the submission's JSON Schema
before a rule was read (issue 21). The load cache now keeps each model's schema as typed dicts
(``typed_dicts``: validating gives ``model_dump()``) and the submission's JSON Schema, sealed
like its other entries; the program layer hands in how to get them (``use_source``). A reader
asks ``validated(kind, data)``: the dump of a valid file, or None, and then validates with its
model as before, which explains every problem (and, should it accept after all, has the last
word). ``tests/checker/test_quick_files.py`` holds both to the same dumps.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vardval.checker.collector import paused
from vardval.checker.core_engine import engine

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    import pydantic_core
    from pydantic import BaseModel, ValidationError


@dataclass(frozen=True)
class KeptSchemas:
    """What the load cache keeps for reading rule files: a plain schema by kind of file part
    (``program.file_schemas.KINDS``), the functions they name, the submission's JSON Schema."""

    schemas: Mapping[str, dict[str, Any]]
    functions: Mapping[str, Callable[..., Any]]
    submission: dict[str, Any]


_SOURCES: list[Callable[[], KeptSchemas | None]] = []


def use_source(load: Callable[[], KeptSchemas | None]) -> None:
    """Get the kept schemas from ``load`` (called once, when a rule file is first read); the
    load cache hands in its sealed folder (``program.use_schema_cache``)."""
    _SOURCES[:] = [load]
    _kept.cache_clear()
    _validator.cache_clear()


def validated(kind: str, data: object) -> dict[str, Any] | None:
    """``data`` as its model would dump it when the kept schema of ``kind`` accepts it; None
    when it refuses or there is none (the caller's model then decides)."""
    return validated_by(_validator(kind), data)


def validated_by(validator: pydantic_core.SchemaValidator | None,
                 data: object) -> dict[str, Any] | None:
    """``data`` as ``validator`` gives it, or None when it refuses or there is none."""
    if validator is None:
        return None
    try:
        found: dict[str, Any] = validator.validate_python(data)
    except engine().ValidationError:
        return None
    return found


@dataclass(frozen=True)
class ModelRefused:
    """What a model said of data the kept schema refused: its error, and the model itself
    (the problems are located against its fields)."""

    error: ValidationError
    model: type[BaseModel]


def dumped(kind: str, data: object, model_of: Callable[[], type[BaseModel]]
           ) -> dict[str, Any] | ModelRefused:
    """``data`` as its model dumps it: by the kept schema of ``kind``, else by the model
    ``model_of()`` gives (pydantic imported only then); what the model said when it refuses."""
    found = validated(kind, data)
    if found is not None:
        return found
    from pydantic import ValidationError  # noqa: PLC0415 - a part the kept schema refused

    model = model_of()
    try:
        return model.model_validate(data).model_dump()
    except ValidationError as error:
        return ModelRefused(error, model)


def submission_schema() -> dict[str, Any] | None:
    """The submission format's JSON Schema as kept, or None (the model then makes it)."""
    kept = _kept()
    return kept.submission if kept is not None else None


@functools.cache
def _kept() -> KeptSchemas | None:
    return _SOURCES[-1]() if _SOURCES else None


@functools.cache
def _validator(kind: str) -> pydantic_core.SchemaValidator | None:
    kept = _kept()
    schema = kept.schemas.get(kind) if kept is not None else None
    if kept is None or schema is None:
        return None
    return validator_for(schema, kept.functions)


def validator_for(schema: dict[str, Any], functions: Mapping[str, Callable[..., Any]]
                  ) -> pydantic_core.SchemaValidator | None:
    """pydantic-core's validator of a kept ``schema`` naming ``functions``; None when it is not
    one to read (the models decide). Other layers keep schemas of their own files too
    (``authoring.case_schemas``)."""
    with paused():  # loading pydantic-core makes thousands of objects and frees none
        core = engine()
        try:
            validator: pydantic_core.SchemaValidator = core.SchemaValidator(
                _with_functions(schema, functions))
        except (KeyError, core.SchemaError):  # not ours to read: the models decide
            return None
        return validator


def _with_functions(node: Any, functions: Mapping[str, Callable[..., Any]]) -> Any:
    """The schema with each validator's name replaced by the function of that name."""
    if isinstance(node, list):
        return [_with_functions(item, functions) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _with_functions(value, functions) for key, value in node.items()}
    if out.get("type") == "no-info" and isinstance(out.get("function"), str):
        out["function"] = functions[out["function"]]
    return out
