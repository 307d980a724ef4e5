"""The import rules of ``checker/`` and ``dsl/`` (shared/ARCHITECTURE.md §4), checked with ``ast``.

Every import counts: top-level, function-level and under ``TYPE_CHECKING``. A broken rule is
reported as ``file:line: what was imported — the rule it breaks``, so a failing test says where
to look and why.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

# The layer of each part of vardval.checker: a part imports only parts of a lower layer.
LAYERS = {
    "errors": 1, "formatting": 1, "recent": 1, "vocab": 1, "faces": 1, "collector": 1,
    "core_engine": 1, "command_end": 1,
    "reading": 2,
    "submission": 3, "sources": 3,
    "parameters": 4,
    "corpus": 5,
    "program": 6,
    "engine": 7,
    "report": 8, "authoring": 8, "store": 8, "analysis": 8,
    "docgen": 9,
    "service": 10, "lsp": 10,
    "cli": 11,
}
LEAVES = {"errors", "formatting", "recent", "vocab", "faces", "collector", "core_engine",
          "command_end"}
# dsl modules nothing outside dsl/ may import: they are how the language is built, not its face.
DSL_PRIVATE = {"transformer", "syntax_errors", "functions", "emit", "reads", "flow",
               "lark_parser", "standalone_parser"}
# The one cycle allowed inside dsl/: code generation is mutual recursion within one stage.
DSL_ALLOWED_CYCLE = frozenset({"codegen", "emit", "reads"})


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """Every module ``path`` imports, as (line, dotted name), however deeply nested."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module in ("vardval.checker", "vardval.dsl"):  # a package's modules
                for alias in node.names:
                    yield node.lineno, f"{node.module}.{alias.name}"
            else:
                yield node.lineno, node.module


def _part(root: Path, path: Path) -> str | None:
    """The part of ``checker/`` a file belongs to (a subpackage or a leaf), None for the face."""
    relative = path.relative_to(root / "checker")
    if len(relative.parts) == 1:
        return None if relative.name == "__init__.py" else relative.stem
    return relative.parts[0]


def checker_problems(root: Path) -> list[str]:
    """Every import in ``root/checker`` that breaks a layer rule."""
    problems = []
    for path in sorted((root / "checker").rglob("*.py")):
        own = _part(root, path)
        shown = path.relative_to(root)
        for line, name in imports(path):
            broken = _broken(own, name)
            if broken:
                problems.append(f"{shown}:{line}: imports {name} — {broken}")
    return problems


def _broken(own: str | None, name: str) -> str | None:
    parts = name.split(".")
    if parts[:2] != ["vardval", "checker"]:
        return None
    if len(parts) == 2:
        return None if own is None else "nothing inside checker/ imports the checker face"
    target = parts[2]
    if target == own:
        return None
    if target not in LAYERS:
        return f"'{target}' has no layer: add it to LAYERS in tests/house/layer_rules.py"
    if target == "cli":
        return "nothing inside checker/ imports cli (the CLI passes itself in where needed)"
    if own is not None and LAYERS[target] >= LAYERS[own]:
        return (f"{own} (layer {LAYERS[own]}) may not import {target} (layer "
                f"{LAYERS[target]}): imports go down the layer table only")
    if target not in LEAVES and len(parts) > 3:
        return f"import {target} through its face: from vardval.checker.{target} import …"
    return None


def dsl_problems(root: Path) -> list[str]:
    """dsl/ imports nothing of checker/, and checker/ none of dsl's private modules."""
    problems = []
    for path in sorted((root / "dsl").rglob("*.py")):
        for line, name in imports(path):
            if name.startswith("vardval.checker"):
                problems.append(f"{path.relative_to(root)}:{line}: imports {name} — the "
                                "language knows nothing of the checker")
    for path in sorted((root / "checker").rglob("*.py")):
        for line, name in imports(path):
            parts = name.split(".")
            if parts[:2] == ["vardval", "dsl"] and len(parts) > 2 and parts[2] in DSL_PRIVATE:
                problems.append(f"{path.relative_to(root)}:{line}: imports {name} — private "
                                "to dsl/; use its public modules")
    return problems


def dsl_cycles(root: Path) -> list[set[str]]:
    """The import cycles among dsl's modules, other than the one allowed."""
    graph: dict[str, set[str]] = {}
    for path in (root / "dsl").glob("*.py"):
        targets = set()
        for _, name in imports(path):
            parts = name.split(".")
            if parts[:2] == ["vardval", "dsl"] and len(parts) > 2:
                targets.add(parts[2])
        graph[path.stem] = targets
    return [c for c in _cycles(graph) if not c <= DSL_ALLOWED_CYCLE]


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found
