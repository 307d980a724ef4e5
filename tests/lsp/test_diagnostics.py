"""Diagnostics over stdio: open a rule file, break it, get lint's message at the right range."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

pytestmark = pytest.mark.asyncio(loop_scope="module")


def _open(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
        uri=uri, language_id="yaml", version=1,
        text=path.read_text(encoding="utf-8") if text is None else text)))
    return uri


def _close(client: LanguageClient, uri: str) -> None:
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        types.TextDocumentIdentifier(uri=uri)))


def _change(client: LanguageClient, uri: str, text: str, version: int = 2) -> None:
    client.diagnostics.pop(uri, None)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


async def _diagnostics_for(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    """The next diagnostics published for ``uri`` (the client keeps the latest per file)."""
    for _ in range(400):
        if uri in client.diagnostics:
            return list(client.diagnostics[uri])
        await asyncio.sleep(0.05)
    raise AssertionError(f"no diagnostics for {uri} within 20 s")


async def test_a_clean_rulebook_gets_no_diagnostics(client: LanguageClient, corpus: Path) -> None:
    uri = _open(client, corpus / "national" / "vardgaranti.yaml")
    assert await _diagnostics_for(client, uri) == []
    _close(client, uri)


async def test_a_misspelt_field_is_reported_at_its_span_with_lints_words(
        client: LanguageClient, corpus: Path) -> None:
    path = corpus / "national" / "vardgaranti.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path, text)
    assert await _diagnostics_for(client, uri) == []
    broken = text.replace("accessibility.contacts.total", "accessibility.contacts.totl", 1)
    _change(client, uri, broken)
    [found] = await _diagnostics_for(client, uri)
    line = next(i for i, row in enumerate(broken.splitlines()) if "contacts.totl" in row)
    column = broken.splitlines()[line].index("accessibility.contacts.totl")
    assert found.range.start == types.Position(line, column)
    assert found.range.end == types.Position(line, column + len("accessibility.contacts.totl"))
    assert found.code == "unknown-field"
    # the client gives no locale: Swedish, as every command
    assert found.message.startswith("okänt fält 'accessibility.contacts.totl'")
    assert "menade du 'accessibility.contacts.total'?" in found.message
    assert found.data == {"suggestion": "accessibility.contacts.total"}
    _close(client, uri)


async def test_a_syntax_error_and_a_bad_placeholder_are_reported(
        client: LanguageClient, corpus: Path) -> None:
    path = corpus / "national" / "vardgaranti.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path, text)
    await _diagnostics_for(client, uri)
    broken = text.replace(" >= param(vardgaranti.kontakt", " >= && param(vardgaranti.kontakt", 1)
    broken = broken.replace("{contacts_same_day}", "{contacts_sameday}", 1)
    _change(client, uri, broken)
    found = await _diagnostics_for(client, uri)
    assert len(found) == 2, found
    rows = broken.splitlines()
    syntax = next(d for d in found if "&&" in rows[d.range.start.line])
    assert rows[syntax.range.start.line][syntax.range.start.character:].startswith("&&")
    placeholder = next(d for d in found if d is not syntax)
    at = rows[placeholder.range.start.line][placeholder.range.start.character:]
    assert at.startswith("contacts_sameday"), at
    assert "menade du 'contacts_same_day'?" in placeholder.message
    _close(client, uri)


async def test_a_broken_parameter_file_is_reported_and_its_rulebooks_rechecked(
        client: LanguageClient, corpus: Path) -> None:
    book = _open(client, corpus / "national" / "vardgaranti.yaml")
    assert await _diagnostics_for(client, book) == []
    path = corpus / "parameters" / "national.yaml"
    text = path.read_text(encoding="utf-8")
    client.diagnostics.pop(book)
    params = _open(client, path, text)
    assert await _diagnostics_for(client, params) == []
    # opening the parameter file checks its rulebooks again; wait for that before changing it
    assert await _diagnostics_for(client, book) == []
    client.diagnostics.pop(book)
    _change(client, params, text.replace("vardgaranti.kontakt.malniva:",
                                         "vardgaranti.kontakt.malnivaa:", 1))
    on_book = await _diagnostics_for(client, book)
    assert on_book, "the rulebook that reads the parameter is checked again"
    assert all("vardgaranti.kontakt.malniva" in d.message for d in on_book), on_book
    _close(client, params)
    _close(client, book)
