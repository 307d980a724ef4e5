"""Hover, completion, go to definition and quick fixes, asked of the real server over stdio."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient
from test_diagnostics import _change, _close, _diagnostics_for, _open

pytestmark = pytest.mark.asyncio(loop_scope="module")


def _at(text: str, needle: str, offset: int = 0) -> types.Position:
    for number, row in enumerate(text.splitlines()):
        if needle in row:
            return types.Position(number, row.index(needle) + offset)
    raise AssertionError(needle)


def _doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


async def _hover(client: LanguageClient, uri: str, at: types.Position) -> str:
    found = await client.text_document_hover_async(types.HoverParams(_doc(uri), at))
    assert found is not None
    assert isinstance(found.contents, types.MarkupContent)
    return found.contents.value


async def test_hover_shows_a_parameters_timeline_a_field_and_a_citation(
        client: LanguageClient, corpus: Path) -> None:
    path = corpus / "national" / "vardgaranti.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path, text)
    await _diagnostics_for(client, uri)
    param = await _hover(client, uri, _at(text, "require: contacts_same_day", 60))
    assert "param(vardgaranti.kontakt.malniva)" in param
    assert "| från / from |" in param
    assert "HSF" in param or "HSL" in param
    field = await _hover(client, uri, _at(text, "accessibility.contacts.total", 25))
    assert "**accessibility.contacts.total**: `number`" in field
    assert "contacts sought with the clinic" in field
    cite = await _hover(client, uri, _at(text, "cite: [HSL 9 kap. 1 § 1 st. 1 p.", 9))
    assert "Hälso- och sjukvårdslag (2017:30)" in cite
    assert "https://lagen.nu/2017:30#K9P1" in cite
    definition = await _hover(client, uri, _at(text, "when: contacts_total", 8))
    assert "**contacts_total**: `number` (definition)" in definition
    _close(client, uri)


async def test_completion_offers_field_segments_parameters_and_sources(
        client: LanguageClient, corpus: Path) -> None:
    path = corpus / "national" / "vardgaranti.yaml"
    text = path.read_text(encoding="utf-8")
    typed = text.replace("when: contacts_total > 0", "when: accessibility.contacts.", 1)
    uri = _open(client, path, typed)
    await _diagnostics_for(client, uri)

    async def labels(at: types.Position) -> set[str]:
        found = await client.text_document_completion_async(
            types.CompletionParams(_doc(uri), at))
        assert isinstance(found, types.CompletionList)
        return {item.label for item in found.items}

    row = _at(typed, "when: accessibility.contacts.")
    segments = await labels(types.Position(row.line, row.character + len(
        "when: accessibility.contacts.")))
    assert {"total", "same_day"} <= segments
    params = await labels(_at(typed, "param(vardgaranti.kontakt.malniva)", len("param(")))
    assert "vardgaranti.kontakt.malniva" in params
    top = await labels(_at(typed, "require: contacts_same_day", len("require: ")))
    assert {"accessibility", "contacts_total", "count", "period"} <= top
    sources = await labels(_at(typed, "cite: [HSL", len("cite: [")))
    assert {"HSL", "HSF"} <= sources
    _close(client, uri)


async def test_go_to_definition_of_a_definition_and_a_parameter(
        client: LanguageClient, corpus: Path) -> None:
    path = corpus / "national" / "vardgaranti.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path, text)
    await _diagnostics_for(client, uri)
    found = await client.text_document_definition_async(types.DefinitionParams(
        _doc(uri), _at(text, "when: contacts_total", 8)))
    assert isinstance(found, types.Location)
    assert found.uri == uri
    assert found.range.start == _at(text, "  contacts_total: >-", 2)
    found = await client.text_document_definition_async(types.DefinitionParams(
        _doc(uri), _at(text, "param(vardgaranti.kontakt.malniva)", 8)))
    assert isinstance(found, types.Location)
    assert found.uri.endswith("/parameters/national.yaml")
    _close(client, uri)


async def test_a_quick_fix_applies_the_did_you_mean(client: LanguageClient,
                                                    corpus: Path) -> None:
    path = corpus / "national" / "vardgaranti.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path, text)
    await _diagnostics_for(client, uri)
    broken = text.replace("accessibility.contacts.total", "accessibility.contacts.totl", 1)
    _change(client, uri, broken)
    [diagnostic] = await _diagnostics_for(client, uri)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        _doc(uri), diagnostic.range, types.CodeActionContext(diagnostics=[diagnostic])))
    assert actions is not None
    [action] = actions
    assert isinstance(action, types.CodeAction)
    assert action.edit is not None
    assert action.edit.changes is not None
    [edit] = action.edit.changes[uri]
    rows = broken.splitlines()
    row = rows[edit.range.start.line]
    fixed = row[:edit.range.start.character] + edit.new_text + row[edit.range.end.character:]
    assert "accessibility.contacts.total" in fixed
    assert "totl" not in fixed
    _close(client, uri)
