"""Run mypy --strict over vardval.dsl and vardval.checker with their imports resolved.

The folders are mapped into the ``vardval`` namespace by pyproject's ``package-dir``, which mypy
does not read; a tree of symlinks under ``build/typecheck/`` gives it the installed layout
(``vardval/dsl`` → ``dsl/`` …), so every ``vardval.*`` import is checked, none skipped.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TREE = ROOT / "build" / "typecheck"
PARTS = {"dsl": "dsl", "checker": "checker", "rules": "rules"}


def link_tree() -> None:
    package = TREE / "vardval"
    package.mkdir(parents=True, exist_ok=True)
    for name in ("__init__.py", "__main__.py"):
        link = package / name
        if not link.is_symlink():
            link.symlink_to(ROOT / "entry" / name)
    for name, folder in PARTS.items():
        link = package / name
        if not link.is_symlink():
            link.symlink_to(ROOT / folder, target_is_directory=True)


def main() -> int:
    link_tree()
    env = {**os.environ, "MYPYPATH": str(TREE)}
    command = [sys.executable, "-m", "mypy", "--strict", "--config-file",
               str(ROOT / "pyproject.toml"), "-p", "vardval.dsl", "-p", "vardval.checker"]
    return subprocess.run(command, cwd=TREE, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
