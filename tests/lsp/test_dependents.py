"""Decision and case files get lint's diagnostics too, and are checked again when a rulebook
they name changes in another buffer; a burst of changes is checked once (debouncing)."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient
from test_diagnostics import _change, _close, _diagnostics_for, _open

pytestmark = pytest.mark.asyncio(loop_scope="module")
ROOT = Path(__file__).resolve().parents[2]
RULE = "KRO-VARDPROGRAM"


@pytest.fixture(scope="module")
def cases(corpus: Path) -> Path:
    """The case files beside the corpus copy (``fixtures/cases`` next to ``rules``), so they
    are checked against the copy, as the repository's own are against ``rules/``."""
    target = corpus.parent / "fixtures" / "cases"
    shutil.copytree(ROOT / "fixtures" / "cases", target)
    return target


async def _rename_rule(client: LanguageClient, corpus: Path, new_id: str,
                       dependent: str) -> tuple[str, str]:
    """Open the rulebook that defines ``RULE`` and rename the rule in the buffer, once the
    ``dependent`` file's recheck caused by the opening has arrived."""
    path = corpus / "regions" / "kronoberg" / "uppdrag.yaml"
    text = path.read_text(encoding="utf-8")
    client.diagnostics.pop(dependent, None)
    uri = _open(client, path, text)
    assert await _diagnostics_for(client, uri) == []
    assert await _diagnostics_for(client, dependent) == []
    client.diagnostics.pop(dependent)
    _change(client, uri, text.replace(f"id: {RULE}\n", f"id: {new_id}\n", 1))
    return uri, text


async def test_a_clean_decision_file_gets_none_and_a_bad_clinic_an_error_at_its_value(
        client: LanguageClient, corpus: Path) -> None:
    path = corpus / "decisions" / "kronoberg.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path, text)
    assert await _diagnostics_for(client, uri) == []
    broken = text.replace("clinic: SE2321000065-E000000000231", "clinic: SE23-nope", 1)
    _change(client, uri, broken)
    [found] = await _diagnostics_for(client, uri)
    rows = broken.splitlines()
    assert rows[found.range.start.line][found.range.start.character:].startswith("SE23-nope")
    assert found.severity == types.DiagnosticSeverity.Error
    _close(client, uri)


async def test_a_decision_naming_an_unknown_rule_is_warned_about_with_a_suggestion(
        client: LanguageClient, corpus: Path) -> None:
    path = corpus / "decisions" / "kronoberg.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path, text)
    await _diagnostics_for(client, uri)
    _change(client, uri, text.replace(f"rules: [{RULE}]", "rules: [KRO-VARDPROGRAMM]", 1))
    [found] = await _diagnostics_for(client, uri)
    assert found.code == "decision-unknown-rule"
    assert found.severity == types.DiagnosticSeverity.Warning
    assert f"menade du '{RULE}'?" in found.message  # the editor's Swedish default
    assert text.splitlines()[found.range.start.line].strip() == "- id: KRO-DISP-2024-07"
    _close(client, uri)


async def test_renaming_a_rule_in_its_rulebook_rechecks_the_open_decision_file(
        client: LanguageClient, corpus: Path) -> None:
    decisions = _open(client, corpus / "decisions" / "kronoberg.yaml")
    assert await _diagnostics_for(client, decisions) == []
    book, text = await _rename_rule(client, corpus, "KRO-VARDPROGRAM-NY", decisions)
    [found] = await _diagnostics_for(client, decisions)
    assert found.code == "decision-unknown-rule"
    assert "menade du 'KRO-VARDPROGRAM-NY'?" in found.message
    client.diagnostics.pop(decisions)
    _change(client, book, text, version=3)  # back as saved: the warning goes
    assert await _diagnostics_for(client, decisions) == []
    _close(client, book)
    _close(client, decisions)


async def test_renaming_a_rule_rechecks_the_open_case_file_at_each_use(
        client: LanguageClient, corpus: Path, cases: Path) -> None:
    path = cases / "kronoberg-uppdrag.yaml"
    uri = _open(client, path)
    assert await _diagnostics_for(client, uri) == []
    book, text = await _rename_rule(client, corpus, "KRO-VARDPROGRAM-NY", uri)
    found = await _diagnostics_for(client, uri)
    rows = path.read_text(encoding="utf-8").splitlines()
    uses = [n for n, row in enumerate(rows) if row.strip() == f"rule: {RULE}"]
    assert [d.range.start.line for d in found] == uses
    assert all(d.code == "unknown-rule" for d in found)
    assert all(rows[d.range.start.line][d.range.start.character:] == RULE for d in found)
    client.diagnostics.pop(uri)
    _change(client, book, text, version=3)
    assert await _diagnostics_for(client, uri) == []
    _close(client, book)
    _close(client, uri)


class _Recording(dict[str, list[types.Diagnostic]]):
    """The client's store of diagnostics that also keeps every publication, in order."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.published: list[tuple[str, list[types.Diagnostic]]] = []

    def __setitem__(self, uri: str, diagnostics: list[types.Diagnostic]) -> None:
        self.published.append((uri, list(diagnostics)))
        super().__setitem__(uri, diagnostics)


async def test_a_burst_of_changes_is_checked_once_for_the_last_text(
        client: LanguageClient, corpus: Path) -> None:
    path = corpus / "national" / "vardgaranti.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path, text)
    assert await _diagnostics_for(client, uri) == []
    kept = client.diagnostics
    client.diagnostics = recording = _Recording(kept)
    try:
        # five keystrokes, as fast as an editor sends them: each a different misspelling
        for version, typed in enumerate(("t", "to", "tot", "tota", "totl"), start=2):
            _change(client, uri, text.replace("accessibility.contacts.total",
                                              f"accessibility.contacts.{typed}", 1), version)
        await _diagnostics_for(client, uri)
        await asyncio.sleep(0.5)  # room for any later publication, which would be a failure
    finally:
        client.diagnostics = kept
    mine = [found for published, found in recording.published if published == uri]
    assert len(mine) == 1, "one check for the burst"
    [[last]] = mine
    assert "okänt fält 'accessibility.contacts.totl'" in last.message, "of the last text"
    _close(client, uri)


async def _labels(client: LanguageClient, uri: str, line: int, character: int) -> set[str]:
    found = await client.text_document_completion_async(types.CompletionParams(
        types.TextDocumentIdentifier(uri=uri), types.Position(line, character)))
    assert isinstance(found, types.CompletionList)
    return {item.label for item in found.items}


async def test_rule_ids_are_completed_in_decision_and_case_files(
        client: LanguageClient, corpus: Path, cases: Path) -> None:
    for path, needle in ((corpus / "decisions" / "kronoberg.yaml", f"rules: [{RULE}"),
                         (cases / "kronoberg-uppdrag.yaml", f"rule: {RULE}")):
        text = path.read_text(encoding="utf-8")
        uri = _open(client, path, text)
        await _diagnostics_for(client, uri)
        line = next(n for n, row in enumerate(text.splitlines()) if needle in row)
        column = text.splitlines()[line].index(needle) + len(needle) - len("PROGRAM")
        labels = await _labels(client, uri, line, column)
        assert {RULE, "KRO-VARDFORMER", "VG-KONTAKT"} <= labels, path.name
        _close(client, uri)
