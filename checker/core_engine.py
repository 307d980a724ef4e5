"""pydantic-core's validating engine, loaded without the package's typing module.

Why: ``import pydantic_core`` runs the package's ``__init__``, which imports ``core_schema``:
84 ``TypedDict`` classes, the schema's type hints, whose string annotations ``typing`` compiles
one by one (some 600 ``compile`` calls). That cost a one-file ``vardval check`` about as much
as all it validates (issue 21). The validator itself is the compiled extension module
``pydantic_core._pydantic_core``, which needs none of it; ``engine()`` loads that module by
itself, under its own name, as the import system would (``importlib``'s recipe for importing a
file directly). It is the very module the package re-exports, so a later ``import
pydantic_core`` (pydantic, on the error path) finds it in ``sys.modules`` and builds on it.
Anything unexpected (no such extension, another layout) falls back to the ordinary import.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

EXTENSION = "pydantic_core._pydantic_core"


def engine() -> ModuleType:
    """The module ``pydantic_core._pydantic_core``: ``SchemaValidator``, ``ValidationError``,
    ``__version__``, exactly as ``pydantic_core`` re-exports them.

    Example:
        >>> from vardval.checker.core_engine import engine
        >>> engine().SchemaValidator({"type": "int"}).validate_python("3")
        3
    """
    loaded = sys.modules.get(EXTENSION)
    if loaded is not None:
        return loaded
    alone = _extension_alone()
    if alone is not None:
        return alone
    return importlib.import_module(EXTENSION)


def _extension_alone() -> ModuleType | None:
    """The extension module loaded without running its package's ``__init__``, or None."""
    package = importlib.util.find_spec("pydantic_core")  # finds, does not import
    places = package.submodule_search_locations if package is not None else None
    if not places:
        return None
    spec = importlib.machinery.PathFinder.find_spec(EXTENSION, list(places))
    if spec is None or not isinstance(spec.loader, importlib.machinery.ExtensionFileLoader):
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[EXTENSION] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[EXTENSION]
        raise
    return module


def pydantic_digest() -> bytes | None:
    """The digest of pydantic's ``version.py``, which names pydantic's version and the
    pydantic-core it needs, read without importing pydantic (that would cost most of what the
    schemas kept in the load cache save); None when pydantic cannot be found or read. The keys
    of those schemas and of the case files' entry hold it."""
    spec = importlib.util.find_spec("pydantic")
    if spec is None or spec.origin is None:
        return None
    try:
        return hashlib.sha256(Path(spec.origin).with_name("version.py").read_bytes()).digest()
    except OSError:
        return None
