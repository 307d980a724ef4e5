"""Lazy faces: every name a face lists is there, imported on first use, and never shadowed."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FACES = ["vardval.checker", *sorted(
    f"vardval.checker.{p.parent.name}" for p in (ROOT / "checker").glob("*/__init__.py"))]


def _fresh(code: str) -> object:
    """What ``code`` prints as JSON in a new interpreter (so nothing is imported beforehand)."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120)
    return json.loads(done.stdout)


@pytest.mark.parametrize("face", FACES)
def test_every_listed_name_resolves_and_dir_lists_it(face: str) -> None:
    module = importlib.import_module(face)
    for name in module.__all__:
        assert getattr(module, name) is not None, f"{face}.{name}"
    assert set(module.__all__) <= set(dir(module))


def test_an_unknown_name_is_an_attribute_error_naming_the_face() -> None:
    import vardval.checker.corpus as corpus
    with pytest.raises(AttributeError, match="vardval.checker.corpus.*no_such_name"):
        corpus.no_such_name  # noqa: B018


def test_importing_a_face_imports_none_of_its_modules() -> None:
    loaded = _fresh("import json, sys; import vardval.checker.submission; "
                    "print(json.dumps(sorted(m for m in sys.modules "
                    "if m.startswith('vardval.checker.submission.'))))")
    assert loaded == []


def test_a_name_imports_its_own_module_only() -> None:
    loaded = _fresh("import json, sys; from vardval.checker.submission import load_submission; "
                    "print(json.dumps(['vardval.checker.submission.template_form' in sys.modules,"
                    " 'openpyxl' in sys.modules, callable(load_submission)]))")
    assert loaded == [False, False, True]


def test_a_function_named_like_its_module_is_not_shadowed_when_the_module_is_imported() -> None:
    """``corpus.layout`` is the function even after ``corpus.layout`` the module is imported
    (which makes the import system set the package attribute to the module)."""
    shown = _fresh("import json, types; import vardval.checker.corpus.layout; "
                   "from vardval.checker.corpus import layout; "
                   "import vardval.checker.report.explain; from vardval.checker import report; "
                   "print(json.dumps([isinstance(layout, types.FunctionType), "
                   "isinstance(report.explain, types.FunctionType)]))")
    assert shown == [True, True]
