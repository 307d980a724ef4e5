"""A throwaway git repository holding a copy of the bundled rules, for revision tests.

Git runs with the repository's own identity and no global or system configuration, so a test
neither reads nor writes anything outside its temporary folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from vardval.checker.corpus import BUNDLED_RULES

_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org"}


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **_ENV, "HOME": str(repo.parent), "GIT_CONFIG_GLOBAL": os.devnull}
    done = subprocess.run(["git", "-C", str(repo), *args], env=env, capture_output=True,
                          text=True, check=True, timeout=60)
    return done.stdout


def new_repository(where: Path) -> Path:
    """``where/repo`` with the bundled rules committed and tagged ``v1``; its rules folder."""
    repo = where / "repo"
    shutil.copytree(BUNDLED_RULES, repo / "rules", ignore=shutil.ignore_patterns("__pycache__"))
    git(repo.parent, "init", "-q", "-b", "main", str(repo))
    commit(repo, "v1")
    return repo / "rules"


def commit(repo: Path, tag: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"rules {tag}")
    git(repo, "tag", tag)


def edit(path: Path, old: str, new: str, after: str = "") -> None:
    """Replace the first ``old`` that follows ``after`` in the file (which must be there)."""
    text = path.read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
