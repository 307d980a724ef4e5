"""The rule language's own diagnostics read in Swedish and English (issue 15, item 16).

Each diagnostic the parser makes carries a ``Said``; its English words are the message as it
always read, so the English golden files stay as they are. ``tests/golden/dsl-sv/`` holds the
Swedish words of a bad expression per code; ``VARDVAL_UPDATE_GOLDEN=1`` rewrites them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from vardval.dsl import diagnostic_words
from vardval.dsl.errors import Diagnostic, RuleSyntaxError
from vardval.dsl.parser import MAX_LENGTH, MAX_QUANTIFIERS, parse

GOLDEN = Path(__file__).parents[1] / "golden" / "dsl-sv"
CASES: dict[str, str] = yaml.safe_load((GOLDEN / "cases.yaml").read_text(encoding="utf-8"))
CASES["expression-too-long"] = "x + " * (MAX_LENGTH // 4) + "1"
NESTED = "".join(f"all x{i} in xs: " for i in range(MAX_QUANTIFIERS + 1)) + "true"
CASES["too-many-quantifiers"] = NESTED
CASES["tree-too-deep"] = "not " * 120 + "b"
UPDATE = os.environ.get("VARDVAL_UPDATE_GOLDEN") == "1"
_PLACEHOLDER = re.compile(r"\{\d+\}")


def refused(text: str) -> Diagnostic:
    with pytest.raises(RuleSyntaxError) as exc:
        parse(text)
    return exc.value.diagnostics[0]


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_swedish_words_are_the_golden_ones(name: str) -> None:
    diagnostic = refused(CASES[name])
    assert diagnostic.said is not None
    assert diagnostic.said.code == name
    text = f"{diagnostic.words('sv')}\n  tips: {diagnostic.hint_words('sv')}\n"
    golden = GOLDEN / f"{name}.sv.txt"
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_english_words_are_the_message_and_hint(name: str) -> None:
    diagnostic = refused(CASES[name])
    assert diagnostic.words("en") == diagnostic.message
    assert diagnostic.hint_words("en") == diagnostic.hint
    assert diagnostic.words("sv") != diagnostic.message


@pytest.mark.parametrize("code", sorted(diagnostic_words.WORDING))
def test_every_wording_has_both_languages_with_the_same_values(code: str) -> None:
    swedish, english = diagnostic_words.WORDING[code]
    assert swedish.strip() and english.strip()
    assert swedish != english
    assert sorted(_PLACEHOLDER.findall(swedish)) == sorted(_PLACEHOLDER.findall(english))


def test_every_message_code_has_a_golden_case() -> None:
    messages = {code for code in diagnostic_words.WORDING if not code.startswith("hint-")}
    assert messages <= set(CASES)
