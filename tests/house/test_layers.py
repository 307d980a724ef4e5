"""The house holds: imports go down the layer table, through faces, and dsl/ stays apart."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from layer_rules import LAYERS, checker_problems, dsl_cycles, dsl_problems

ROOT = Path(__file__).resolve().parents[2]


def test_no_import_breaks_a_layer_rule() -> None:
    assert checker_problems(ROOT) == []


def test_dsl_imports_nothing_of_the_checker_and_keeps_its_private_modules() -> None:
    assert dsl_problems(ROOT) == []


def test_dsl_has_no_import_cycle_but_code_generation() -> None:
    assert dsl_cycles(ROOT) == []


def test_every_subpackage_has_a_layer_and_a_face_with_all() -> None:
    for init in sorted((ROOT / "checker").glob("*/__init__.py")):
        assert init.parent.name in LAYERS, init
        tree = ast.parse(init.read_text(encoding="utf-8"))
        names = [t.id for node in tree.body if isinstance(node, ast.Assign)
                 for t in node.targets if isinstance(t, ast.Name)]
        assert "__all__" in names, f"{init} has no __all__"
        logic = [node for node in tree.body if isinstance(
            node, (ast.FunctionDef, ast.ClassDef, ast.If, ast.For, ast.While))
            and not _lazy_reexports(node)]
        assert logic == [], f"{init} holds logic; a face only re-exports"


def _lazy_reexports(node: ast.stmt) -> bool:
    """The one ``if`` a face holds: ``if TYPE_CHECKING:`` over its re-exports, which
    ``checker/faces.py`` imports on first use."""
    return (isinstance(node, ast.If) and isinstance(node.test, ast.Name)
            and node.test.id == "TYPE_CHECKING" and not node.orelse
            and all(isinstance(n, ast.ImportFrom) for n in node.body))


@pytest.fixture
def tree_copy(tmp_path: Path) -> Path:
    for folder in ("checker", "dsl"):
        shutil.copytree(ROOT / folder, tmp_path / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


PLANTED = [
    ("checker/engine/findings.py", "from vardval.checker.report import TextRenderer",
     "engine (layer 7) may not import report (layer 8)"),
    ("checker/corpus/models.py", "    from vardval.checker.program import Program",
     "corpus (layer 5) may not import program (layer 6)"),
    ("checker/report/text.py", "from vardval.checker.engine.findings import Finding",
     "import engine through its face"),
    ("checker/docgen/site.py", "from vardval.checker import cli",
     "nothing inside checker/ imports cli"),
    ("checker/reading/files.py", "import vardval.checker",
     "nothing inside checker/ imports the checker face"),
]


@pytest.mark.parametrize(("module", "line", "rule"), PLANTED)
def test_a_planted_upward_import_is_found_with_file_line_and_rule(
        tree_copy: Path, module: str, line: str, rule: str) -> None:
    target = tree_copy / module
    text = target.read_text(encoding="utf-8")
    if line.startswith("    "):  # a function-level import counts as much as a top-level one
        text += f"\n\ndef _planted() -> None:\n{line}\n"
    else:
        text += f"\n{line}\n"
    target.write_text(text, encoding="utf-8")
    planted_at = len(text.splitlines())
    problems = checker_problems(tree_copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{module}:{planted_at}: imports ")
    assert rule in problems[0]


def test_a_planted_dsl_cycle_and_checker_import_are_found(tree_copy: Path) -> None:
    functions = tree_copy / "dsl" / "functions.py"
    functions.write_text(functions.read_text(encoding="utf-8")
                         + "\nfrom vardval.dsl import typecheck\n", encoding="utf-8")
    assert dsl_cycles(tree_copy) == [{"functions", "typecheck"}]
    nodes = tree_copy / "dsl" / "nodes.py"
    nodes.write_text(nodes.read_text(encoding="utf-8")
                     + "\nfrom vardval.checker import engine\n", encoding="utf-8")
    assert any(p.startswith("dsl/nodes.py:") and "knows nothing of the checker" in p
               for p in dsl_problems(tree_copy))
