"""`vardval check` never loads the service's libraries: only `vardval serve` pays for them."""

from __future__ import annotations

import subprocess
import sys

from service_support import SUBMISSIONS

PROBE = """
import io, sys
from vardval.checker.cli import run
run(["check", sys.argv[1]], io.StringIO(), io.StringIO())
print(sorted({m.split(".")[0] for m in sys.modules} & {"fastapi", "starlette", "uvicorn",
                                                         "jinja2", "multipart", "httpx"}))
"""


def test_check_imports_no_server_library() -> None:
    path = SUBMISSIONS / "halland-2018-Q2.yaml"
    out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True,
                         text=True, check=True, timeout=120).stdout
    assert out.strip() == "[]"
