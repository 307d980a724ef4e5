"""``make serve-demo``: `vardval serve` on the bundled examples, with demo users, at 127.0.0.1.

Makes a fresh store in build/demo/, records the bundled example submissions in it, adds three
users (a clinic, the Kronoberg office, an administrator), prints their tokens and serves. The
self-check page is on, so the upload works without signing in.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "build" / "demo"
STORE = DEMO / "vardval.db"
USERS = (
    ("demo.clinic", "clinic (Vårdcentralen Teleborg)",
     ("--role", "clinic", "--clinic", "SE5568765432-E000000000412")),
    ("demo.office", "region officer, Kronoberg", ("--role", "officer", "--region", "kronoberg")),
    ("demo.admin", "administrator", ("--role", "admin")),
)


def vardval(*argv: str) -> str:
    return subprocess.run([sys.executable, "-m", "vardval", *argv], check=False,
                          capture_output=True, text=True, cwd=ROOT).stdout


def main() -> int:
    shutil.rmtree(DEMO, ignore_errors=True)
    DEMO.mkdir(parents=True)
    vardval("check", "--store", str(STORE), "fixtures/submissions/")
    lines = []
    for name, what, options in USERS:
        token = vardval("users", "add", name, "--store", str(STORE), *options).strip()
        lines.append(f"  {what:34} {token}")
    print("Demo users (sign in at http://127.0.0.1:8080/login with a token):")
    print("\n".join(lines), flush=True)
    command = [sys.executable, "-m", "vardval", "serve", "--store", str(STORE),
               "--public-check", "--port", "8080"]
    try:
        return subprocess.call(command, cwd=ROOT)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
