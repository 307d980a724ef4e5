"""Running the CLI in-process for the hostile-input tests, where a crash must never pass."""

from __future__ import annotations

import io
from pathlib import Path

from vardval.checker.cli import run


def vardval(*argv: str | Path) -> tuple[int, str, str]:
    """Run the CLI in-process; a traceback or internal error fails the test whatever the code."""
    out, err = io.StringIO(), io.StringIO()
    code = run([str(a) for a in argv], out, err)
    both = out.getvalue() + err.getvalue()
    assert "Traceback" not in both, both
    assert "internal error" not in both, both
    assert "internt fel" not in both, both
    return code, out.getvalue(), err.getvalue()
