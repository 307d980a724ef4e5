"""Render the HTML report of the example batch in headless Chromium to ``docs/img/report.png``.

Usage: ``.venv/bin/python scripts/screenshot_report.py [--out docs/img/report.png]``.
Needs a ``chromium`` (Debian: ``apt-get install -y chromium``) or ``--browser PATH``. The
browser runs offline: networking, sync, updates and QUIC are switched off, and the report is
self-contained, so the picture shows exactly what a reader sees. Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from vardval.checker.cli import run
from vardval.checker.vocab import LANGS

ROOT = Path(__file__).resolve().parents[1]
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--virtual-time-budget=2000")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    browser = args.browser or next((b for b in map(shutil.which, BROWSERS) if b), None)
    if browser is None:
        sys.stderr.write("no Chromium found; install it (apt-get install -y chromium) or pass "
                         "--browser PATH\n")
        return 2
    with tempfile.TemporaryDirectory(prefix="vardval-shot-") as temp:
        report = Path(temp) / "report.html"
        _render(report, args.lang, args.submissions)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        _shoot(browser, report, args.out.resolve(), Path(temp) / "profile", args.size)
    sys.stdout.write(f"wrote {args.out}\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "report.png")
    parser.add_argument("--submissions", type=Path, default=Path("fixtures/submissions"),
                        help="a folder of submissions, relative to the repository root")
    parser.add_argument("--lang", choices=LANGS, default="sv")
    parser.add_argument("--size", default="1400,900", help="window size WIDTH,HEIGHT")
    parser.add_argument("--browser", default=None, help="path to a Chromium-based browser")
    return parser


def _render(report: Path, lang: str, submissions: Path) -> None:
    """Check the batch from the repository root, so the report shows short relative paths."""
    os.chdir(ROOT)
    err = io.StringIO()
    code = run(["check", str(submissions), "--format", "html", "--lang", lang,
                "-o", str(report)], io.StringIO(), err)
    if code not in (0, 1):
        raise SystemExit(f"vardval check failed ({code}): {err.getvalue()}")


def _shoot(browser: str, report: Path, png: Path, profile: Path, size: str) -> None:
    command = [browser, *FLAGS, f"--user-data-dir={profile}", f"--window-size={size}",
               f"--screenshot={png}", f"{report.as_uri()}#open=d4"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0 or not png.is_file():
        raise SystemExit(f"{browser} failed ({done.returncode}):\n{done.stderr[-2000:]}")


if __name__ == "__main__":
    sys.exit(main())
