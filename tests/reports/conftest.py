"""Fixtures for the report tests: the loaded corpus and a batch with one corrupt file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reports_support import example_files
from vardval.checker.corpus.ruleset import RuleSet
from vardval.checker.program import load_ruleset


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    return load_ruleset()


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """Copies of the example submissions plus one corrupt file, in a fresh folder."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for path in example_files():
        shutil.copy(path, folder / path.name)
    (folder / "m-corrupt.yaml").write_bytes(b"format: [unclosed\n\xff\xfe garbage: {\n")
    return folder
