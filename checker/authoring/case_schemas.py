"""The case file's validator schema, kept in the load cache by the authoring layer itself.

Why: a first ``vardval test`` (no kept entry for its case files, or a file edited since)
imported pydantic and built the case file's models for every case file (issue 21). The
schema is made from those models once (``reading.typed_dicts``: validating gives exactly
``model_dump()``), sealed in the cache folder as ``caseschema-<key>.json`` under the key of
the rule files' schemas (``program.file_schemas.schema_key``: vardval's code and pydantic's
and pydantic-core's versions), and read back with pydantic-core's engine alone. It is kept here
rather than among the rule files' kinds because the program layer must not name an authoring
model. ``validated`` gives the dump of a file the schema accepts, else None: the models then
decide and word every problem (``case_models``).
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

from vardval.checker.authoring import case_checks
from vardval.checker.program import file_schemas, schema_store
from vardval.checker.reading import quick_files

if TYPE_CHECKING:
    from pathlib import Path

    import pydantic_core

MAGIC = b"vardval-case-file-schema-1\n"


def validated(folder: Path, data: object) -> dict[str, Any] | None:
    """``data`` as the case file's model would dump it when the schema kept in the cache
    ``folder`` (``cache.active_folder``) accepts it; None when it refuses (the models decide)."""
    return quick_files.validated_by(_validator(folder), data)


@functools.cache
def _validator(folder: Path) -> pydantic_core.SchemaValidator | None:
    key = file_schemas.schema_key()
    if key is None:
        return None
    store = schema_store.SealedStore(folder, "caseschema", MAGIC, ".json")
    blob = store.load(key)
    schema = _parsed(blob) if blob is not None else None
    if schema is None:
        schema = generate()
        if schema is None:
            return None
        store.save(key, json.dumps(schema).encode())
    return quick_files.validator_for(schema, case_checks.BY_NAME)


def generate() -> dict[str, Any] | None:
    """The case file's plain schema, from its models (pydantic); None when it cannot be one."""
    from vardval.checker.authoring import case_models  # noqa: PLC0415 - the first run only
    from vardval.checker.reading import typed_dicts  # noqa: PLC0415

    try:
        return typed_dicts.plain_schema(case_models.FileModel, case_checks.BY_NAME)
    except typed_dicts.Unsupported:
        return None


def _parsed(blob: bytes) -> dict[str, Any] | None:
    try:
        found = json.loads(blob)
    except ValueError:
        return None
    return found if isinstance(found, dict) else None
