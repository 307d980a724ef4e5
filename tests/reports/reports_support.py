"""Helpers for the report tests (imported by them and by ``conftest.py``)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vardval.checker.cli.entry import run

ROOT = Path(__file__).resolve().parents[2]
SUBMISSIONS = ROOT / "fixtures" / "submissions"
EXAMPLE = SUBMISSIONS / "kronoberg-teleborg-2025-Q1.yaml"
Runner = Callable[..., tuple[int, str, str]]


def example_files() -> list[Path]:
    """Every example submission, whatever is in the folder today."""
    return sorted(p for p in SUBMISSIONS.iterdir() if p.suffix in (".yaml", ".yml", ".json"))


def vardval(*argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process: ``code, stdout, stderr = vardval("check", …)``."""
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def results_json(*argv: str) -> dict[str, Any]:
    _, out, _ = vardval("check", *argv, "--format", "json")
    return json.loads(out)
