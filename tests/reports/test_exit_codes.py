"""One exit-code table for every command (``cli/exits.py``, docs/exit-codes.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reports_support import EXAMPLE, ROOT, vardval
from vardval.checker.cli import exits

FIXED = ROOT / "tests" / "data" / "reports"
UNDECIDED = FIXED / "kronoberg-moms-2025-Q1.yaml"  # KRO-MOMS fails; two error rules undecided
CORPUS = ("--rules", str(FIXED / "corpus"))


def test_the_codes_are_the_documented_ones() -> None:
    assert (exits.EXIT_OK, exits.EXIT_FINDINGS, exits.EXIT_USAGE, exits.EXIT_INTERNAL) == (
        0, 1, 2, 3)
    doc = (ROOT / "docs" / "exit-codes.md").read_text(encoding="utf-8")
    for code in (0, 1, 2, 3):
        assert f"| {code} |" in doc


@pytest.mark.parametrize(("argv", "code"), [
    (("check", str(EXAMPLE)), 0),  # two warnings failed: below --fail-on error
    (("check", str(EXAMPLE), "--fail-on", "warning"), 1),
    (("check", "missing.yaml"), 2),
    (("check", str(EXAMPLE), "missing.yaml"), 2),
    (("check", str(EXAMPLE), "--format", "nonsense"), 2),
    (("check", str(ROOT / "fixtures" / "broken")), 1),
    (("lint", str(ROOT / "rules")), 0),
    (("lint", str(ROOT / "tests" / "golden" / "errors" / "unknown-field.yaml")), 1),
    (("lint", "no/such/rules"), 2),
    (("lint", "--bogus"), 2),
    (("test", "VG-KONTAKT"), 0),
    (("test", "NO-SUCH-RULE"), 2),
    (("schema", "--results"), 0),
])
def test_every_command_follows_the_table(argv: tuple[str, ...], code: int) -> None:
    got, out, err = vardval(*argv)
    assert got == code, (out, err)
    assert "Traceback" not in out + err


def test_missing_data_fails_only_when_asked(tmp_path: Path) -> None:
    """Two error rules indeterminate: counted always, exit 1 only with the option."""
    quiet = ("--fail-on", "error")
    base = UNDECIDED.read_text(encoding="utf-8").replace(
        "vat_compensation_sek: 700000", "vat_compensation_sek: 600000")
    assert base != UNDECIDED.read_text(encoding="utf-8")
    path = tmp_path / "undecided.yaml"
    path.write_text(base, encoding="utf-8")
    code, out, _ = vardval("check", str(path), *CORPUS, *quiet, "--lang", "en")
    assert code == 0
    assert "2 indeterminate" in out.splitlines()[-1]
    code, out, _ = vardval("check", str(path), *CORPUS, *quiet, "--fail-on-indeterminate",
                           "--lang", "en")
    assert code == 1
    assert out.splitlines()[-1].endswith("; 2 findings decide the exit status")


def test_the_console_script_exits_2_on_a_missing_file(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "vardval", "check", "missing.yaml"],
                          capture_output=True, text=True, cwd=tmp_path, check=False)
    assert done.returncode == 2
    assert "missing.yaml" in done.stdout
