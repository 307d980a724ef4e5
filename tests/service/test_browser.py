"""The service as people use it, in a real Chromium: upload a fixture and read the findings,
switch language, sign in and sort the office's overview; the same by keyboard alone; and
axe-core finds no WCAG 2.1 A/AA violation on any page."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait
from service_browser import (
    axe_violations,
    by_id,
    chromium,
    click_and_wait,
    press,
    tab_to,
    text_of,
)
from service_support import BROKEN, SUBMISSIONS, Live, running
from vardval.checker.service import ServiceConfig

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from cli_runs import vardval

FIXTURE = SUBMISSIONS / "kronoberg-teleborg-2025-Q1.yaml"
# `make screenshots` sets this to docs/img; otherwise they go to the test's temp folder
SHOTS = os.environ.get("VARDVAL_SCREENSHOTS")
TELEBORG = "SE5568765432-E000000000412"


@dataclass
class Site:
    live: Live
    officer: str
    clinic: str
    driver: webdriver.Chrome
    shots: Path

    def open(self, path: str) -> None:
        self.driver.get(self.live.url + path)

    def shoot(self, name: str) -> None:
        """A full-height screenshot of the page shown, for the docs."""
        height = self.driver.execute_script("return document.body.scrollHeight")
        self.driver.set_window_size(1280, min(int(height) + 40, 2400))
        self.driver.save_screenshot(str(self.shots / f"service-{name}.png"))
        self.driver.set_window_size(1280, 1000)


# Two more Kronoberg clinics in Teleborg's quarter, one meeting the same-day guarantee, so
# the overview has rows to sort and statuses to filter.
NEIGHBOURS = (("SE5568765432-E000000000501", "Vårdcentralen Araby", "listed_same_day: 10640"),
              ("SE5568765432-E000000000502", "Vårdcentralen Öjaby", "listed_same_day: 11000"))


def _neighbours(folder: Path) -> Path:
    text = FIXTURE.read_text(encoding="utf-8")
    for hsa_id, name, same_day in NEIGHBOURS:
        copy = (text.replace(TELEBORG, hsa_id).replace("Vårdcentralen Teleborg", name)
                .replace("listed_same_day: 10640", same_day))
        (folder / f"{hsa_id}.yaml").write_text(copy, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    store = tmp_path_factory.mktemp("browser") / "vardval.db"
    vardval("check", "--store", store, SUBMISSIONS,
            _neighbours(tmp_path_factory.mktemp("neighbours")))
    tokens = []
    for name, options in (("kronoberg.office", ("--role", "officer", "--region", "kronoberg")),
                          ("teleborg", ("--role", "clinic", "--clinic", TELEBORG))):
        code, out, _ = vardval("users", "add", name, "--store", store, *options)
        assert code == 0
        tokens.append(out.strip())
    config = ServiceConfig(store=str(store), public_check=True)
    shots = Path(SHOTS) if SHOTS else tmp_path_factory.mktemp("screenshots")
    with running(config) as live, chromium() as driver:
        yield Site(live, tokens[0], tokens[1], driver, shots)


def _sign_out(site: Site) -> None:
    site.driver.delete_all_cookies()


def _sign_in(site: Site, token: str) -> None:
    _sign_out(site)
    site.open("/login?lang=sv")
    site.driver.find_element(By.ID, "token").send_keys(token)
    site.driver.find_element(By.ID, "sign-in").click()
    # the click only starts the form's POST: wait for its redirect, or the next page opened
    # can be replaced by it (seen on a loaded machine)
    WebDriverWait(site.driver, 20).until(lambda driver: "/login" not in driver.current_url)


def test_upload_a_fixture_and_read_its_findings(site: Site) -> None:
    _sign_out(site)
    site.open("/check?lang=sv")
    site.driver.find_element(By.ID, "submission").send_keys(str(FIXTURE))
    click_and_wait(site.driver, site.driver.find_element(By.ID, "send"))
    main = text_of(site.driver)
    assert "Resultat: kronoberg-teleborg-2025-Q1.yaml" in main
    assert "Underkänd VG-KONTAKT Kontakt med primärvården samma dag" in main
    assert "10 640 av 11 000 kontakter (96,7 %) fick kontakt samma dag" in main
    link = site.driver.find_element(By.PARTIAL_LINK_TEXT, "HSL 9 kap. 1 § 1 st. 1 p.")
    assert link.get_attribute("href").startswith("https://lagen.nu/2017:30")
    site.shoot("findings")


def test_switch_language(site: Site) -> None:
    site.open("/rules?lang=sv")
    assert site.driver.find_element(By.TAG_NAME, "h1").text == "Regelboken"
    site.driver.find_element(By.ID, "switch-lang").click()
    assert site.driver.find_element(By.TAG_NAME, "h1").text == "Rule book"
    site.open("/rules/VG-KONTAKT?lang=en")
    site.shoot("rule-en")
    assert site.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    site.driver.find_element(By.ID, "switch-lang").click()
    assert site.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "sv"


def _clinic_order(site: Site) -> list[str]:
    rows = site.driver.find_elements(By.CSS_SELECTOR, "#overview tbody th")
    return [row.text.splitlines()[-1] for row in rows]


def test_sign_in_and_sort_the_overview(site: Site) -> None:
    _sign_in(site, site.officer)
    site.open("/overview?lang=sv")
    before = _clinic_order(site)
    assert len(before) == 3
    site.driver.find_element(By.ID, "sort-clinic").click()
    assert _clinic_order(site) == before[::-1]
    site.driver.find_element(By.ID, "sort-VG-KONTAKT").click()  # failures first
    cells = site.driver.find_elements(By.CSS_SELECTOR, "#overview tbody td.s-pass")
    assert _clinic_order(site)[-1] == NEIGHBOURS[1][0] and cells
    header = site.driver.find_element(By.ID, "sort-VG-KONTAKT").find_element(By.XPATH, "..")
    assert header.get_attribute("aria-sort") == "ascending"
    site.open("/overview?lang=sv&rule=VG-KONTAKT&status=pass")
    assert _clinic_order(site) == [NEIGHBOURS[1][0]]
    site.open("/overview?lang=sv&q=araby")
    assert _clinic_order(site) == [NEIGHBOURS[0][0]]
    site.open("/overview?lang=sv&sort=clinic&order=desc")
    site.shoot("overview")


def test_the_same_by_keyboard_only(site: Site) -> None:
    driver = site.driver
    _sign_out(site)
    site.open("/?lang=sv")
    tab_to(driver, lambda e: e.text == "Kontrollera en inlämning")
    press(driver, Keys.ENTER)
    tab_to(driver, by_id("submission")).send_keys(str(FIXTURE))  # a file chooser takes a path
    tab_to(driver, by_id("send"))
    press(driver, Keys.ENTER)
    assert "Underkänd VG-KONTAKT" in text_of(driver)
    tab_to(driver, by_id("switch-lang"), backwards=True)
    press(driver, Keys.ENTER)
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    _sign_in(site, site.officer)
    site.open("/overview?lang=sv")
    before = _clinic_order(site)
    tab_to(driver, by_id("sort-clinic"))
    press(driver, Keys.ENTER)
    assert _clinic_order(site) == before[::-1]


PAGES = ["/?lang=sv", "/?lang=en", "/check", "/rules", "/rules/VG-KONTAKT",
         "/rules/KRO-HYGIEN?lang=en", "/login", "/rules/NO-SUCH-RULE"]


@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_violations_on_public_pages(site: Site, path: str) -> None:
    _sign_out(site)
    site.open(path)
    assert axe_violations(site.driver) == []


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_wcag_violations_on_findings(site: Site, lang: str) -> None:
    for path in (FIXTURE, next(BROKEN.iterdir())):
        _sign_out(site)
        site.open(f"/check?lang={lang}")
        site.driver.find_element(By.ID, "submission").send_keys(str(path))
        click_and_wait(site.driver, site.driver.find_element(By.ID, "send"))
        assert axe_violations(site.driver) == [], path.name


@pytest.mark.parametrize("path", ["/overview?lang=sv", "/overview?lang=en&sort=VG-KONTAKT",
                                  "/clinics/SE5568765432-E000000000412"])
def test_no_wcag_violations_on_office_pages(site: Site, path: str) -> None:
    _sign_in(site, site.officer)
    site.open(path)
    assert "Finns inte" not in text_of(site.driver)
    assert axe_violations(site.driver) == []


def test_no_wcag_violations_on_a_clinic_s_pages(site: Site) -> None:
    _sign_in(site, site.clinic)
    site.open(f"/clinics/{TELEBORG}")
    assert TELEBORG in text_of(site.driver)
    assert axe_violations(site.driver) == []
    site.open("/check")
    assert axe_violations(site.driver) == []


def test_the_scanner_does_see_violations(site: Site) -> None:
    """The scan is live: a page with a known fault is reported."""
    site.driver.get("data:text/html,<html><body><img src='x.png'></body></html>")
    assert {v["id"] for v in axe_violations(site.driver)} >= {"image-alt", "html-has-lang"}
