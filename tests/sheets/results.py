"""What ``vardval check --format json`` says about each submission, without the file's name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cli_runs import vardval

#: What a result says about the submission itself (its file name and digest differ by input).
COMPARED = ("valid", "problems", "clinic", "period", "notes", "findings")


def checked(*argv: str | Path) -> tuple[int, list[dict[str, Any]]]:
    """Exit code and each result's compared parts from ``vardval check … --format json``."""
    code, out, _ = vardval("check", *argv, "--format", "json")
    results = json.loads(out)["results"]
    return code, [{k: r.get(k) for k in COMPARED} for r in results]
