"""Validating a submission without importing pydantic: pydantic-core's validator, built from a
schema generated once from the model and kept in the load cache.

Why: importing pydantic and building the model's validator cost a one-file ``vardval check``
about 6x ``python -c pass`` before a byte of the file was read (issue 21). pydantic-core,
pydantic's own validating engine, builds a validator from a core schema in about a millisecond.
The schema is the model's, rewritten with plain dicts for models (``plain_schema``), so
validating gives the evaluation view itself; it is generated from the model on the first run
of this code with these libraries and kept in the store the load cache hands in (sealed with
this user's key beside the corpus entries), then read back. The model stays the one source of truth:
without a cache, or when the schema cannot be carried over, the model validates, and a data
file the quick validator refuses goes to the model, which explains every problem.
``tests/checker/test_quick_validator.py`` holds both to the same verdict and the same data.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from vardval.checker.collector import paused
from vardval.checker.core_engine import engine, pydantic_digest
from vardval.checker.submission import coercions

if TYPE_CHECKING:
    import pydantic_core

# The files whose code decides the schema: a change to any of them means a new entry.
_SOURCES = ("model.py", "facts.py", "coercions.py", "plain_schema.py", "quick_validator.py")


class SchemaStore(Protocol):
    """Keeps generated schemas as bytes under a key naming the code and library versions."""

    def load(self, key: str) -> bytes | None: ...

    def save(self, key: str, blob: bytes) -> None: ...


_STORES: list[SchemaStore] = []


def use_store(store: SchemaStore) -> None:
    """Keep and reuse generated schemas in ``store`` from now on (the last store given wins);
    the load cache hands in its sealed folder (``program.use_schema_cache``)."""
    _STORES[:] = [store]
    _validator.cache_clear()


def validated(data: object) -> dict[str, Any] | None:
    """The evaluation view of ``data`` when the format accepts it, else None (the model then
    explains why, or, should it accept after all, has the last word)."""
    validator = _validator()
    if validator is None:
        return _by_model(data)
    try:
        plain: dict[str, Any] = validator.validate_python(data)
    except engine().ValidationError:
        return None
    return plain


def _by_model(data: object) -> dict[str, Any] | None:
    """What the quick validator gives, made by the model itself (pydantic imported)."""
    import pydantic  # noqa: PLC0415 - only when the schema cannot be carried over
    from vardval.checker.submission.model import Submission  # noqa: PLC0415

    try:
        return Submission.model_validate(data).model_dump(exclude_unset=True)
    except pydantic.ValidationError:
        return None


@functools.cache
def _validator() -> pydantic_core.SchemaValidator | None:
    with paused():  # loading pydantic-core makes thousands of objects and frees none
        schema = _schema()
        if schema is None:
            return None
        validator: pydantic_core.SchemaValidator = engine().SchemaValidator(
            _with_functions(schema))
        return validator


def _schema() -> dict[str, Any] | None:
    """The plain schema: from the store, or generated from the model (and stored); None when
    the model holds something it cannot carry over (``plain_schema.Unsupported``)."""
    store = _STORES[-1] if _STORES else None
    key = _key() if store is not None else None
    blob = store.load(key) if store is not None and key is not None else None
    if blob is not None:
        try:
            found: dict[str, Any] = json.loads(blob)
        except ValueError:
            found = {}
        if found.get("type") == "typed-dict":
            return found
    from vardval.checker.submission import plain_schema  # noqa: PLC0415 - the first run only

    try:
        schema = plain_schema.plain_schema()
    except plain_schema.Unsupported:
        return None
    if store is not None and key is not None:
        store.save(key, json.dumps(schema).encode())
    return schema


def _key() -> str | None:
    """The digest of what decides the schema: the code of ``_SOURCES`` and the versions of
    pydantic (which writes it) and pydantic-core (which reads it); None when they cannot be
    read (then nothing is stored).

    pydantic's version is the digest of its ``version.py``, read without importing pydantic:
    importing it would cost most of what the quick validator saves.
    """
    library = pydantic_digest()
    if library is None:
        return None
    here = Path(__file__).parent
    key = hashlib.sha256(engine().__version__.encode())
    key.update(library)
    try:
        for path in (here / n for n in _SOURCES):
            key.update(hashlib.sha256(path.read_bytes()).digest())
    except OSError:
        return None
    return key.hexdigest()[:40]


def _with_functions(node: Any) -> Any:
    """The schema with each before-validator's name replaced by that ``coercions`` function."""
    if isinstance(node, list):
        return [_with_functions(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _with_functions(value) for key, value in node.items()}
    if out.get("type") == "no-info" and isinstance(out.get("function"), str):
        out["function"] = coercions.BY_NAME[out["function"]]
    return out
