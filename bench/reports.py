"""Benchmark section for the report formats: text against JSON, and the HTML page's size and
opening time in headless Chromium (issue 14: text no slower than JSON; 2,000 submissions make
a page under 10 MB that opens in under 2 s).

``section(data, cache)`` writes the synthetic submissions to a temporary folder, runs
``vardval check DIR --format text`` and ``--format json`` over all of them (best of two, the
report to /dev/null), writes the HTML report of the first 2,000 and opens it in Chromium
(``tests/browser.py``): the time from navigation start to the end of the load event, as the
browser's Navigation Timing reports it (the matrix is drawn before that), best of three. It
also refreshes the docs' screenshot (``docs/img/report.png``) from the example batch.
It returns its Markdown section for ``docs/benchmarks.md``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generate import yaml_text

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "img" / "report.png"
EXAMPLES = ROOT / "fixtures" / "submissions"
HTML_N = 2000
sys.path.insert(0, str(ROOT / "tests"))
import browser  # tests/browser.py: Chromium as the browser test starts it


def _vardval(args: Sequence[str], cache: Path) -> float:
    """Wall seconds of one ``vardval`` run, its output discarded."""
    command = [str(Path(sys.executable).with_name("vardval")), *args]
    env = {**os.environ, "VARDVAL_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def _write(folder: Path, data: Sequence[dict[str, Any]]) -> None:
    folder.mkdir()
    for i, item in enumerate(data):
        (folder / f"s{i:06d}.yaml").write_text(yaml_text(item), encoding="utf-8")


def _open_seconds(driver: Any, page: Path, passes: int = 3) -> tuple[float, float]:
    """Best opening time as the browser measures it (navigation start to the end of the load
    event; the page's script draws the matrix before that), and the script's own share."""
    best, script = float("inf"), 0.0
    for _ in range(passes):
        driver.get("about:blank")
        driver.get(page.as_uri())  # returns once the page has loaded
        timing = driver.execute_script(
            "var n = performance.getEntriesByType('navigation')[0];"
            "return [n.loadEventEnd - n.startTime,"
            " Number(document.documentElement.getAttribute('data-ready'))];")
        if timing[0] / 1000 < best:
            best, script = timing[0] / 1000, timing[1] / 1000
    return best, script


def _screenshot(driver: Any, cache: Path, folder: Path) -> None:
    page = folder / "examples.html"
    _vardval(["check", str(EXAMPLES), "--format", "html", "-o", str(page)], cache)
    driver.set_window_size(1400, 900)
    driver.get(page.as_uri())
    time.sleep(0.5)
    driver.save_screenshot(str(SCREENSHOT))


def section(data: Sequence[dict[str, Any]], cache: Path) -> str:
    """The ``## Reports`` section of ``docs/benchmarks.md``."""
    with tempfile.TemporaryDirectory(prefix="vardval-bench-reports-") as tmp:
        folder = Path(tmp) / "all"
        _write(folder, data)
        times = {fmt: min(_vardval(["check", str(folder), "--format", fmt], cache)
                          for _ in range(2)) for fmt in ("text", "json")}
        html_folder = Path(tmp) / "html"
        _write(html_folder, data[:HTML_N])
        page = Path(tmp) / "report.html"
        _vardval(["check", str(html_folder), "--format", "html", "-o", str(page)], cache)
        size = page.stat().st_size
        why = browser.missing()
        if why is None:
            with browser.chromium() as driver:
                opened, script = _open_seconds(driver, page)
                _screenshot(driver, cache, Path(tmp))
            opening = (f"{opened:.2f} s (its script {script:.2f} s)",
                       f"< 2 s: {'met' if opened < 2 else 'NOT met'}")
        else:
            opening = ("not measured", why)
    n, html_n = len(data), min(len(data), HTML_N)
    ratio = times["text"] / times["json"]
    rows = [
        (f"`vardval check` {n} files, text", f"{times['text']:.2f} s", ""),
        (f"`vardval check` {n} files, json", f"{times['json']:.2f} s", ""),
        ("text / json", f"{ratio:.2f}x", f"≤ 1x: {'met' if ratio <= 1 else 'NOT met'}"),
        (f"HTML report, {html_n} submissions", f"{size / 1_000_000:.1f} MB",
         f"< 10 MB: {'met' if size < 10_000_000 else 'NOT met'}"),
        (f"HTML report, {html_n} submissions, opening in headless Chromium", *opening),
    ]
    intro = ("Measured by `bench/reports.py`: the default text report against the JSON one "
             "over the same files, and the HTML page an office opens (Chromium's navigation "
             "start to the end of the load event; the matrix is drawn before it ends).")
    lines = ["## Reports", "", intro, "",
             "| measure | value | target / note |", "|---|---|---|",
             *(f"| {a} | {b} | {c} |" for a, b, c in rows), ""]
    return "\n".join(lines)
