"""Issue 15 item 4 in ``lint``: a rule file's name that is not UTF-8, or holds a newline, is
shown as ``\\xNN`` in text and JSON, so the JSON stays valid UTF-8 and no line is forged."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

HOSTILE = Path(__file__).parent
sys.path.insert(0, str(HOSTILE.parent))  # tests/cli_runs.py, beside this folder

from cli_runs import vardval

BROKEN = "rulebook: x\nrules: [\n"


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VARDVAL_CACHE_DIR", str(tmp_path / "state" / "cache"))


@pytest.mark.parametrize(("raw", "shown"), [(b"bad\xffname.yaml", "bad\\xffname.yaml"),
                                            (b"bad\nOK.yaml", "bad\\x0aOK.yaml")])
def test_a_strange_rule_file_name_is_shown_escaped(tmp_path: Path, raw: bytes,
                                                   shown: str) -> None:
    path = os.path.join(os.fsencode(tmp_path), raw)
    with open(path, "wb") as file:
        file.write(BROKEN.encode())
    name = os.fsdecode(path)
    code, out, _ = vardval("lint", name, "--format", "json", "--lang", "en")
    assert code == 1  # problems found
    out.encode("utf-8")  # no lone surrogate: the document is valid UTF-8
    (diagnostic,) = json.loads(out)["diagnostics"]
    assert diagnostic["file"].endswith(shown)
    code, out, _ = vardval("lint", name)
    assert code == 1  # problems found
    out.encode("utf-8")
    assert shown in out
    assert "\nOK.yaml" not in out
