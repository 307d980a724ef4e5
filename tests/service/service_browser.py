"""Debian's Chromium driven by selenium through chromedriver, headless, and axe-core in it.

axe-core is the pinned copy the Makefile installs into ``build/axe``; a missing copy fails
the test with the command that fetches it (never a silent skip).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.wait import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
import browser  # tests/browser.py, the launcher every browser test shares

AXE = ROOT / "build" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MAX_TABS = 80


@contextlib.contextmanager
def chromium() -> Iterator[webdriver.Chrome]:
    """The suite's headless Chromium (tests/browser.py) at the size the pages are tested at."""
    with browser.chromium(window=(1280, 1000)) as driver:
        yield driver


def axe_violations(driver: webdriver.Chrome) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations on the page shown."""
    if not AXE.is_file():
        msg = f"axe-core is missing at {AXE}: run `make {AXE.relative_to(ROOT)}`"
        raise AssertionError(msg)
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' '))}))));", WCAG21_AA) or {}
    return list(result)


def tab_to(driver: webdriver.Chrome, matches: Any, *, backwards: bool = False) -> WebElement:
    """Press Tab (Shift+Tab) until the focused element ``matches``; fails after MAX_TABS."""
    for _ in range(MAX_TABS):
        keys = ActionChains(driver)
        if backwards:
            keys.key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
        else:
            keys.send_keys(Keys.TAB).perform()
        focused = driver.switch_to.active_element
        if matches(focused):
            return focused
    msg = "the element was never reached with the keyboard"
    raise AssertionError(msg)


def press(driver: webdriver.Chrome, key: str) -> None:
    """A key pressed on whatever has the focus."""
    ActionChains(driver).send_keys(key).perform()


def by_id(name: str) -> Any:
    return lambda element: element.get_attribute("id") == name


def text_of(driver: webdriver.Chrome) -> str:
    """The page's main text, once the page a click started has replaced the old one."""
    def main_text(d: webdriver.Chrome) -> str | bool:
        try:
            return d.find_element(By.TAG_NAME, "main").text or False
        except StaleElementReferenceException:
            return False
    text: str = WebDriverWait(driver, 20).until(main_text)
    return text


def click_and_wait(driver: webdriver.Chrome, element: WebElement) -> None:
    """Click a control that loads a new page, and wait until the old page is gone."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 20).until(lambda _: _gone(old))


# Chromium 156.0.8078.114 answers a question about a node of a page that has just been replaced
# with this inspector error instead of "stale element reference" (seen in CI, 2026-12-04).
_REPLACED = "does not belong to the document"


def _gone(element: WebElement) -> bool:
    """Whether ``element``'s page has been replaced (selenium's ``staleness_of``, also taking
    Chromium's other answer for a node of a page that is gone)."""
    try:
        element.is_enabled()
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if _REPLACED in str(error.msg):
            return True
        raise
    return False
