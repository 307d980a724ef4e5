"""Lazy faces: a package's ``__init__`` names all it offers and imports a module on first use.

Why: every face re-exports its whole package, so ``from vardval.checker.submission import
load_submission`` used to import the spreadsheet template, the mapping reader and their
libraries too, and a one-file ``vardval check`` paid for some 360 modules (issue 21). A face
now lists its re-exports as ordinary imports under ``if TYPE_CHECKING:`` — what the type
checker, the layer test and a reader see — and calls ``lazy_face(__name__, __file__)``, which
reads those same import lines (one source of truth, no second list to keep in step) and
imports a name's module when the name is first asked for (PEP 562). The idea is scientific
Python's ``lazy_loader.attach_stub`` without its separate ``.pyi`` file or relative-only
imports.
"""

from __future__ import annotations

import ast
import importlib
import sys
import types
from collections.abc import Callable


def lazy_face(package: str, face_file: str) -> tuple[Callable[[str], object],
                                                        Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of the face ``package`` whose source is ``face_file``."""
    origins = _typing_imports(package, face_file)

    def __getattr__(name: str) -> object:  # noqa: N807 (PEP 562 names it)
        origin = origins.get(name)
        if origin is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, attribute = origin
        if attribute is None:
            value: object = importlib.import_module(module)
        else:
            value = getattr(importlib.import_module(module), attribute)
        setattr(sys.modules[package], name, value)  # asked once, then an ordinary attribute
        return value

    def __dir__() -> list[str]:  # noqa: N807
        return sorted({*vars(sys.modules[package]), *origins})

    shadowed = {name for name, (module, attribute) in origins.items()
                if attribute is not None and module == f"{package}.{name}"}
    if shadowed:
        face = sys.modules[package]
        face.__class__ = _ShadowGuard
        face.__dict__["_face_shadowed"] = frozenset(shadowed)
    return __getattr__, __dir__


class _ShadowGuard(types.ModuleType):
    """A face that re-exports ``layout`` from its own module ``layout``: importing that module
    makes the import system set the package's ``layout`` to the module, which would hide the
    function the face promises. An eager face overwrote it back; this one declines it."""

    def __setattr__(self, name: str, value: object) -> None:
        if (name in self.__dict__.get("_face_shadowed", ()) and isinstance(value, types.ModuleType)
                and value.__name__ == f"{self.__name__}.{name}"):
            return
        super().__setattr__(name, value)


def _typing_imports(package: str, face_file: str) -> dict[str, tuple[str, str | None]]:
    """Each name the face imports under ``if TYPE_CHECKING:``: (module, attribute), or
    (submodule, None) for the package's own modules (``from package import submodule``)."""
    with open(face_file, encoding="utf-8") as source:
        tree = ast.parse(source.read(), face_file)
    origins: dict[str, tuple[str, str | None]] = {}
    for block in tree.body:
        if not (isinstance(block, ast.If) and isinstance(block.test, ast.Name)
                and block.test.id == "TYPE_CHECKING"):
            continue
        for node in block.body:
            if not isinstance(node, ast.ImportFrom) or node.module is None or node.level:
                raise ImportError(f"{face_file}:{node.lineno}: a face holds only "
                                  "'from vardval.… import name' lines under TYPE_CHECKING")
            for alias in node.names:
                origins[alias.asname or alias.name] = (
                    (f"{package}.{alias.name}", None) if node.module == package
                    else (node.module, alias.name))
    return origins
