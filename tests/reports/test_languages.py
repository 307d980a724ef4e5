"""Swedish and English: every rule speaks both, and numbers are written for the reader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reports_support import example_files, vardval
from vardval.checker.corpus.ruleset import RuleSet

# A share written the other language's way: "96.4%"/"96.4 %" in Swedish, "96,4%" in English.
WRONG_SHARE = {"sv": re.compile(r"\d\.\d+\s?%"), "en": re.compile(r"\d,\d+\s?%|\d\s%")}
RIGHT_SHARE = {"sv": re.compile(r"\d,\d+\u00a0%"), "en": re.compile(r"\d\.\d+%")}


def _readable(text: str) -> str:
    """What a reader sees: without the page's CSS, script and inline style widths."""
    text = re.sub(r"<(style|script)>.*?</\1>", "", text, flags=re.DOTALL)
    return re.sub(r' style="[^"]*"', "", text)


def test_every_shipped_rule_has_titles_and_messages_in_both_languages(
        ruleset: RuleSet) -> None:
    for rule in ruleset.rules():
        assert {"sv", "en"} <= set(rule.title), rule.id
        assert all(rule.title[lang].strip() for lang in ("sv", "en")), rule.id
        for version in rule.versions:
            assert {"sv", "en"} <= set(version.message), rule.id


@pytest.mark.parametrize("fmt", ["text", "html", "junit"])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_shares_are_formatted_for_the_language(fmt: str, lang: str, tmp_path: Path) -> None:
    target = tmp_path / "report"
    files = [str(p) for p in example_files()]
    vardval("check", *files, "--format", fmt, "--lang", lang, "-o", str(target))
    text = _readable(target.read_text(encoding="utf-8"))
    assert RIGHT_SHARE[lang].search(text), "the example batch has a share with decimals"
    assert not WRONG_SHARE[lang].search(text), WRONG_SHARE[lang].search(text)


def test_messages_follow_lang() -> None:
    files = [str(p) for p in example_files()]
    _, swedish, _ = vardval("check", *files)
    _, english, _ = vardval("check", *files, "--lang", "en")
    assert "underkända" in swedish
    assert "failed" in english
    assert "underkända" not in english
