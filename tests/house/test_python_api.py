"""The Python API page's example runs as written, and the face offers what the page names."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
import vardval.checker

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "python-api.md"


def test_the_example_on_the_page_runs_and_prints_findings_and_problems(
        monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 1
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(blocks[0], str(PAGE), "exec"), {})  # noqa: S102 - the page's own example
    text = out.getvalue()
    assert text.startswith("Vårdcentralen Teleborg 2025-Q1 valid\n")
    assert "VG-KONTAKT [warning]: " in text
    assert "https://lagen.nu/2017:30#K9P1S1N1" in text
    assert "portal.json" in text and "$.period" in text


def test_every_name_in_the_page_table_is_exported() -> None:
    table = PAGE.read_text(encoding="utf-8").split("## Example")[0]
    first_cells = re.findall(r"^\| (`.+?`) \|", table, re.MULTILINE)
    named = {name for cell in first_cells for name in re.findall(r"`([A-Za-z_]+)", cell)}
    assert len(named) >= 14
    assert named <= set(vardval.checker.__all__), named - set(vardval.checker.__all__)
