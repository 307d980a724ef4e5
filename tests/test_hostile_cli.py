"""The defects a hostile run of the CLI found (issue 15), each pinned by what a user sees.

Data loss (``-o`` onto special files, links and inputs), crashes (shares against whole numbers,
file names that are not UTF-8, no home folder, write errors, huge numbers, deep folders), stale
or wrong results (the load cache, shares to 60 digits, rulebooks skipped), hangs, messages that
leak internals or control characters, and the cache format. Each test runs the real command.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest
from vardval.checker.cli.entry import run

HERE = Path(__file__).parent / "hostile"
BASE = HERE / "rules_base"
VALID = HERE / "valid.yaml"
ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (writes /dev nodes)")


def vardval(*argv: str | Path) -> tuple[int, str, str]:
    """Run the CLI in-process; a traceback or internal error fails the test whatever the code."""
    out, err = io.StringIO(), io.StringIO()
    code = run([str(a) for a in argv], out, err)
    both = out.getvalue() + err.getvalue()
    assert "Traceback" not in both
    assert "internal error" not in both
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VARDVAL_CACHE_DIR", str(tmp_path / "cache"))


def corpus(tmp_path: Path, **books: str) -> Path:
    """A copy of the minimal corpus with more rules: ``name=require-expression``."""
    folder = tmp_path / "corpus"
    shutil.copytree(BASE, folder)
    for name, require in books.items():
        (folder / "national" / f"{name}.yaml").write_text(rulebook(name, require), "utf-8")
    return folder


def rulebook(name: str, require: str) -> str:
    return (f"rulebook: national.{name}\ntitle: {{sv: T, en: T}}\nrules:\n"
            f"  - id: T-{name.upper()}\n    title: {{sv: T, en: T}}\n    severity: error\n"
            f"    cite: [HSL 4 kap. 2 §]\n    require: {require}\n"
            "    message: {sv: x, en: x}\n")


# --- 3: a share compared with a whole number ------------------------------------------------


def test_a_share_against_a_whole_number_checks_and_lints(tmp_path: Path) -> None:
    rules = corpus(tmp_path, share="accessibility.contacts.same_day / "
                   "accessibility.contacts.total > 0", manual="1 / 0 > 1")
    code, out, _ = vardval("check", VALID, "--rules", rules, "--format", "json")
    statuses = {f["rule"]: f["status"] for f in json.loads(out)["results"][0]["findings"]}
    assert code == 0
    assert statuses == {"OK-HEAD": "pass", "T-SHARE": "pass", "T-MANUAL": "indeterminate"}
    assert vardval("lint", rules / "national", "--rules", rules)[0] == 0
