"""The quick fix finds the suggested name in the diagnostic's data, else in its words (sv, en)."""

from __future__ import annotations

import pytest
from lsprotocol import types
from vardval.checker.lsp.actions import fixes, suggestion

LINE = "    require: accessibility.contacts.totl >= 1"
START, END = LINE.index("accessibility"), LINE.index(" >=")
RANGE = types.Range(types.Position(0, START), types.Position(0, END))


def _diagnostic(message: str, data: object = None) -> types.Diagnostic:
    return types.Diagnostic(range=RANGE, message=message, data=data)


SWEDISH = ("okänt fält 'accessibility.contacts.totl' (finns inte i inlämningsformatet)\n"
           "tips: menade du 'accessibility.contacts.total'?")
ENGLISH = ("unknown field 'accessibility.contacts.totl' (not in the submission format)\n"
           "hint: did you mean 'accessibility.contacts.total'?")


@pytest.mark.parametrize("message", [SWEDISH, ENGLISH], ids=["sv", "en"])
def test_the_fix_reads_the_suggestion_from_either_language(message: str) -> None:
    [action] = fixes("file:///r.yaml", [LINE], [_diagnostic(message)])
    assert action.edit is not None
    assert action.edit.changes is not None
    [edit] = action.edit.changes["file:///r.yaml"]
    fixed = LINE[:edit.range.start.character] + edit.new_text + LINE[edit.range.end.character:]
    assert fixed == "    require: accessibility.contacts.total >= 1"


def test_the_data_decides_over_the_words() -> None:
    found = _diagnostic("okänt fält 'x'\ntips: menade du 'y'?", {"suggestion": "z"})
    assert suggestion(found) == "z"


def test_a_diagnostic_without_a_suggestion_has_no_fix() -> None:
    assert fixes("file:///r.yaml", [LINE], [_diagnostic("okänt namn 'zzz'")]) == []
