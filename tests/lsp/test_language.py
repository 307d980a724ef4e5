"""Diagnostics in the editor's language: Swedish for a Swedish editor or one that does not say,
English for any other ``locale`` (InitializeParams), over stdio with a real client."""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient
from vardval.checker.lsp.server import language_of

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ClientServerConfig(server_command=[sys.executable, "-m", "vardval", "lsp"])


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


async def _started(client: LanguageClient, corpus: Path, locale: str | None) -> None:
    await client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=corpus.as_uri(), locale=locale))


@pytest_lsp.fixture(config=CONFIG)
async def english(lsp_client: LanguageClient, corpus: Path) -> AsyncIterator[None]:
    await _started(lsp_client, corpus, "en-GB")
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def unsaid(lsp_client: LanguageClient, corpus: Path) -> AsyncIterator[None]:
    await _started(lsp_client, corpus, None)
    yield
    await lsp_client.shutdown_session()


async def _severity_problem(client: LanguageClient, corpus: Path) -> str:
    path = corpus / "national" / "datakvalitet.yaml"
    text = path.read_text(encoding="utf-8").replace("    severity: error", "    severity: eror", 1)
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
        uri=uri, language_id="yaml", version=1, text=text)))
    for _ in range(400):
        if client.diagnostics.get(uri):
            break
        await asyncio.sleep(0.05)
    [found] = client.diagnostics[uri]
    return found.message


@pytest.mark.asyncio
async def test_an_english_editor_gets_english(english: LanguageClient, corpus: Path) -> None:
    message = await _severity_problem(english, corpus)
    assert "'eror' is not valid; expected 'error', 'warning' or 'info'" in message


@pytest.mark.asyncio
async def test_an_editor_that_does_not_say_gets_swedish(unsaid: LanguageClient,
                                                        corpus: Path) -> None:
    message = await _severity_problem(unsaid, corpus)
    assert "'eror' är inte giltigt; väntade 'error', 'warning' eller 'info'" in message


@pytest.mark.parametrize(("locale", "lang"), [(None, "sv"), ("sv", "sv"), ("sv-SE", "sv"),
                                              ("SV_fi", "sv"), ("en", "en"), ("de-DE", "en")])
def test_the_locale_decides_the_language(locale: str | None, lang: str) -> None:
    assert language_of(locale) == lang
