"""Debian's headless Chromium, driven by selenium: for the HTML report's browser test and bench.

``chromium(downloads)`` starts ``/usr/bin/chromium`` through ``/usr/bin/chromedriver`` (the
``chromium`` and ``chromium-driver`` packages; ``.ci/run`` installs them) with a fresh profile
in a temporary folder, no network services of its own, and downloads going to ``downloads``.
Without the packages the caller is told why (``missing()``), so a test can skip on a
developer's machine and fail in CI (``VARDVAL_REQUIRE_BROWSER=1``).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("VARDVAL_CHROMIUM", "/usr/bin/chromium"))
DRIVER = Path(os.environ.get("VARDVAL_CHROMEDRIVER", "/usr/bin/chromedriver"))
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage")


def missing() -> str | None:
    """Why no browser can be started here, or None."""
    absent = [str(p) for p in (CHROMIUM, DRIVER) if not p.is_file()]
    if absent:
        return (f"{' and '.join(absent)} not installed (apt-get install chromium "
                "chromium-driver)")
    return None


@contextlib.contextmanager
def chromium(downloads: Path | None = None, *,
             window: tuple[int, int] = (1400, 900)) -> Iterator[Any]:
    """A selenium ``webdriver.Chrome`` on headless Chromium with a ``window`` (width, height)
    of its own, quit (and its profile removed) when the block ends."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory(prefix="vardval-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in (*FLAGS, f"--window-size={window[0]},{window[1]}",
                     f"--user-data-dir={profile}"):
            options.add_argument(flag)
        if downloads is not None:
            options.add_experimental_option("prefs", {
                "download.default_directory": str(downloads),
                "download.prompt_for_download": False})
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(options=options, service=Service(str(DRIVER)))
        try:
            driver.set_page_load_timeout(60)
            driver.set_script_timeout(60)  # axe-core's run over a whole page, on a busy machine
            yield driver
        finally:
            driver.quit()
