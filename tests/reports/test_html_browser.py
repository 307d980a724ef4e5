"""The HTML report in a real browser: Debian's headless Chromium loads, sorts, filters, opens
details and exports the matrix as CSV (``tests/browser.py``; speed is measured in bench).

On a machine without ``chromium`` and ``chromium-driver`` these tests skip; CI installs both
and sets ``VARDVAL_REQUIRE_BROWSER=1``, which turns the skip into a failure.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from reports_support import ROOT, example_files, results_json, vardval

sys.path.insert(0, str(ROOT / "tests"))
import browser  # tests/browser.py, shared with bench/reports.py

MOMS = ROOT / "tests" / "data" / "reports" / "kronoberg-moms-2025-Q1.yaml"
# KRO-MOMS's evidence, exactly as the message words it (never rounded to 0,02)
MOMS_EVIDENCE = ("vat_extra = 0,5 %", "vat_rate = 2,5 %")


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example submissions, the KRO-MOMS case, and one clinic's quarter sent twice."""
    folder = tmp_path_factory.mktemp("batch")
    for path in [*example_files(), MOMS]:
        shutil.copy(path, folder / path.name)
    shutil.copy(MOMS, folder / "z-again.yaml")
    return folder


@pytest.fixture(scope="module")
def results(batch: Path) -> list[dict[str, Any]]:
    document: list[dict[str, Any]] = results_json(str(batch))["results"]
    return document


@pytest.fixture(scope="module")
def page(batch: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("html") / "report.html"
    code, _, err = vardval("check", str(batch), "--format", "html", "-o", str(target))
    assert code == 1, err  # the batch has failures
    return target


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def driver(downloads: Path) -> Iterator[Any]:
    why = browser.missing()
    if why is not None:
        if os.environ.get("VARDVAL_REQUIRE_BROWSER") == "1":
            pytest.fail(f"the browser tests must run here: {why}")
        pytest.skip(why)
    with browser.chromium(downloads) as chrome:
        yield chrome


@pytest.fixture
def loaded(driver: Any, page: Path) -> Any:
    """The report freshly opened (every test starts from the page as it loads)."""
    driver.get(page.as_uri())
    _wait(driver, "return document.documentElement.getAttribute('data-ready') !== null")
    return driver


def _downloaded(target: Path, seconds: float = 20) -> bytes:
    """The file once Chrome has finished it: Chrome may create it empty under its final name
    before the bytes arrive (through a .crdownload beside it), so wait for both to settle."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        busy = any(p.suffix == ".crdownload" for p in target.parent.iterdir())
        if not busy and target.is_file() and target.stat().st_size > 0:
            return target.read_bytes()
        time.sleep(0.1)
    return target.read_bytes() if target.is_file() else b""


def _wait(driver: Any, script: str, seconds: float = 20) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"the page never got there: {script}")


def _rows(driver: Any) -> list[dict[str, str]]:
    """The matrix's rows as drawn: clinic name, file, region, fails count."""
    script = """return Array.from(document.querySelectorAll('#matrix tbody.sub > tr:first-child'))
      .map(function (tr) { var button = tr.cells[0].querySelector('button');
        return {name: button.childNodes[button.childNodes.length - 2].textContent,
                file: tr.cells[0].querySelector('small').textContent,
                region: tr.cells[1].textContent, fails: tr.cells[5].textContent}; });"""
    rows: list[dict[str, str]] = driver.execute_script(script)
    return rows


def test_the_page_loads_every_submission_without_script_errors(
        loaded: Any, results: list[dict[str, Any]]) -> None:
    rows = _rows(loaded)
    assert sorted(r["file"] for r in rows) == sorted(Path(r["file"]).name for r in results)
    shown = loaded.find_element("id", "shown").text
    assert shown == f"{len(results)} av {len(results)} inlämningar visas"
    errors = [entry for entry in loaded.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []


def test_clicking_a_heading_sorts_and_clicking_again_reverses(loaded: Any) -> None:
    loaded.find_element("css selector", 'th[data-key="name"]').click()
    names = [r["name"] for r in _rows(loaded)]
    assert names == sorted(names, key=str.lower)
    loaded.find_element("css selector", 'th[data-key="name"]').click()
    assert [r["name"] for r in _rows(loaded)] == sorted(names, key=str.lower, reverse=True)
    loaded.find_element("css selector", 'th[data-key="fails"]').click()
    fails = [int(r["fails"]) for r in _rows(loaded)]
    assert fails == sorted(fails, reverse=True) and fails[0] > 0


def test_the_region_and_severity_filters_keep_what_they_say(
        loaded: Any, results: list[dict[str, Any]]) -> None:
    from selenium.webdriver.support.ui import Select

    Select(loaded.find_element("id", "f-region")).select_by_value("kronoberg")
    rows = _rows(loaded)
    expected = [r for r in results if (r["clinic"] or {}).get("region") == "kronoberg"]
    assert len(rows) == len(expected) > 1
    assert {r["region"] for r in rows} == {"kronoberg"}
    Select(loaded.find_element("id", "f-severity")).select_by_value("warning")
    shown = loaded.execute_script("""return Array.from(document.querySelectorAll('th.rule'))
      .filter(function (th) { return getComputedStyle(th).display !== 'none'; })
      .map(function (th) { return th.getAttribute('data-sev'); });""")
    assert shown and set(shown) == {"warning"}


def test_opening_a_row_shows_the_exact_evidence(loaded: Any) -> None:
    button = loaded.find_element("xpath", "//tbody[contains(@class,'sub')]//button"
                                          "[small[text()='kronoberg-moms-2025-Q1.yaml']]")
    button.click()
    card = loaded.find_element("css selector", 'tr.details article[data-rule="KRO-MOMS"]')
    text = card.text
    for evidence in MOMS_EVIDENCE:
        assert evidence in text
    assert button.get_attribute("aria-expanded") == "true"


def test_a_duplicate_is_flagged_and_can_be_shown_alone(loaded: Any) -> None:
    # the KRO-MOMS case is Teleborg's 2025-Q1 too, so that quarter arrived three times
    loaded.find_element("id", "f-dup").click()
    files = sorted(r["file"] for r in _rows(loaded))
    assert files == ["kronoberg-moms-2025-Q1.yaml", "kronoberg-teleborg-2025-Q1.yaml",
                     "z-again.yaml"]
    assert loaded.find_element("id", "dup-count").text.split()[0] == "2"
    flags = loaded.find_elements("css selector", "#matrix b.dup")
    assert len(flags) == 3


def test_the_csv_export_is_the_filtered_matrix(
        loaded: Any, downloads: Path, results: list[dict[str, Any]]) -> None:
    from selenium.webdriver.support.ui import Select

    Select(loaded.find_element("id", "f-region")).select_by_value("kronoberg")
    for old in downloads.iterdir():
        old.unlink()
    loaded.find_element("id", "export").click()
    raw = _downloaded(downloads / "vardval-matrix.csv")
    assert raw.startswith("\ufeff".encode())  # so a spreadsheet reads it as UTF-8
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    by_file = {Path(r["file"]).name: r for r in results}
    assert sorted(Path(row["Fil"]).name for row in table) == sorted(
        name for name, r in by_file.items() if (r["clinic"] or {}).get("region") == "kronoberg")
    words = {"fail": "Underkänd", "pass": "Godkänd", "indeterminate": "Obestämd",
             "not_applicable": "Ej tillämplig"}
    for row in table:
        result = by_file[Path(row["Fil"]).name]
        statuses = {f["rule"]: f["status"] for f in result["findings"]}
        assert row["Region"] == "kronoberg"
        assert {rule: row[rule] for rule in statuses} == {
            rule: words[status] for rule, status in statuses.items()}


def test_a_screenshot_shows_the_page(loaded: Any, tmp_path: Path) -> None:
    target = tmp_path / "report.png"
    assert loaded.save_screenshot(str(target))
    assert target.read_bytes().startswith(b"\x89PNG") and target.stat().st_size > 10_000
