"""The rule files' validator schemas and the submission's JSON Schema, as the load cache keeps
them for ``reading.quick_files``: made from the pydantic models on the first cold load, read
back on the next ones.

Keyed on vardval's code (``cache.code_digest``: the models, their checks and this generator are
all in it) and the versions of pydantic (which writes the schemas) and pydantic-core (which
reads them). A kind whose model holds something the plain schema cannot carry over
(``typed_dicts.Unsupported``) is left out, and read by its model as before.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
from typing import TYPE_CHECKING, Any

from vardval.checker.core_engine import engine, pydantic_digest
from vardval.checker.program import cache
from vardval.checker.reading import quick_files

if TYPE_CHECKING:
    from collections.abc import Callable

    from vardval.checker.program.schema_store import SealedStore

MAGIC = b"vardval-rule-file-schemas-1\n"
# Each kind ``quick_files.validated`` is asked for, and the model (module, name) it stands for.
KINDS = {
    "rulebook": ("vardval.checker.corpus.rulefile", "RulebookFile"),
    "source-sources": ("vardval.checker.sources.models", "SourcesFile"),
    "source-statute": ("vardval.checker.sources.models", "StatuteSource"),
    "source-document": ("vardval.checker.sources.models", "DocumentSource"),
    "parameter-file": ("vardval.checker.parameters.files", "_FileModel"),
    "parameter": ("vardval.checker.parameters.files", "_ParameterModel"),
    "decision-file": ("vardval.checker.corpus.decisions", "_FileModel"),
    "decision": ("vardval.checker.corpus.decisions", "DecisionModel"),
}


def functions() -> dict[str, Callable[..., Any]]:
    """The plain functions the schemas may name: the files' own checks, shared by the models."""
    from vardval.checker.corpus import rule_checks  # noqa: PLC0415 - a cold load only
    from vardval.checker.parameters import value_checks  # noqa: PLC0415
    from vardval.checker.sources import checks  # noqa: PLC0415

    return {**rule_checks.BY_NAME, **value_checks.BY_NAME, **checks.BY_NAME}


def kept(store: SealedStore) -> quick_files.KeptSchemas | None:
    """The kept schemas from ``store``, made (and stored) when it has none for this code."""
    key = schema_key()
    if key is None:
        return None
    blob = store.load(key)
    found = _parsed(blob) if blob is not None else None
    if found is None:
        found = generate()
        store.save(key, json.dumps(found).encode())
    return quick_files.KeptSchemas(found["schemas"], functions(), found["submission"])


def generate() -> dict[str, Any]:
    """Every kind's plain schema and the submission's JSON Schema, from the models (pydantic)."""
    from vardval.checker.reading import typed_dicts  # noqa: PLC0415 - the first run only
    from vardval.checker.submission import model  # noqa: PLC0415

    schemas = {}
    named = functions()
    for kind, (module, name) in KINDS.items():
        try:
            schemas[kind] = typed_dicts.plain_schema(
                getattr(importlib.import_module(module), name), named)
        except typed_dicts.Unsupported:
            continue
    return {"schemas": schemas, "submission": model.submission_schema()}


def _parsed(blob: bytes) -> dict[str, Any] | None:
    try:
        found = json.loads(blob)
    except ValueError:
        return None
    ok = isinstance(found, dict) and isinstance(found.get("schemas"), dict) and isinstance(
        found.get("submission"), dict)
    return found if ok else None


def schema_key() -> str | None:
    """The digest of what decides the schemas (of case files too: ``authoring.case_schemas``);
    None when pydantic cannot be found.

    pydantic's version is the digest of its ``version.py``, read without importing pydantic.
    """
    library = pydantic_digest()
    if library is None:
        return None
    key = hashlib.sha256(engine().__version__.encode() + b"\0" + cache.code_digest())
    key.update(library)
    return key.hexdigest()[:40]
