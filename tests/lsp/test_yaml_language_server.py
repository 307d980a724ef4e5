"""yaml-language-server, with docs/editor-setup.md's ``yaml.schemas``, validates what it says.

Needs yaml-language-server (an npm package): ``VARDVAL_TEST_YAML_LS`` names its executable
(``.ci/run`` installs it and sets ``VARDVAL_REQUIRE_YAML_LS=1``, which turns the skip into a
failure). A submission, a case file and a rule file are opened with one mistake each, as the
editor's buffer, and each must get the schema's complaint at the mistake; changed back to the
file as committed, the complaint must go.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = Path(__file__).resolve().parents[2]
SERVER = os.environ.get("VARDVAL_TEST_YAML_LS", "")
SCHEMAS = json.loads(re.search(r"```json\n(.*?)```", (ROOT / "docs" / "editor-setup.md")
                               .read_text(encoding="utf-8"), re.DOTALL).group(1))["yaml.schemas"]

if not SERVER and os.environ.get("VARDVAL_REQUIRE_YAML_LS") == "1":
    pytest.fail("VARDVAL_REQUIRE_YAML_LS=1 but VARDVAL_TEST_YAML_LS is not set",
                pytrace=False)
pytestmark = [pytest.mark.skipif(not SERVER, reason="VARDVAL_TEST_YAML_LS names no "
                                 "yaml-language-server (.ci/run installs one)"),
              pytest.mark.asyncio(loop_scope="module")]


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=[SERVER or "yaml-language-server", "--stdio"]))
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    lsp_client.set_configuration({"schemas": SCHEMAS, "validate": True}, section="yaml")
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(workspace=types.WorkspaceClientCapabilities(
            configuration=True)),
        root_uri=ROOT.as_uri(), workspace_folders=[types.WorkspaceFolder(ROOT.as_uri(),
                                                                        "vardval")]))
    lsp_client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"yaml": {"schemas": SCHEMAS, "validate": True}}))
    yield
    await lsp_client.shutdown_session()


async def _published(client: LanguageClient, uri: str, *, empty: bool) -> list[types.Diagnostic]:
    """Wait for the diagnostics of ``uri`` to be published (non-empty, or empty)."""
    for _ in range(400):
        found = client.diagnostics.get(uri)
        if found is not None and (not found) == empty:
            return list(found)
        await asyncio.sleep(0.05)
    raise AssertionError(f"no {'empty' if empty else ''} diagnostics for {uri} within 20 s")


@pytest.mark.parametrize(("file", "right", "wrong"), [
    ("fixtures/submissions/halland-2018-Q2.yaml", "region: halland", "region: hallandd"),
    ("fixtures/cases/kronoberg-uppdrag.yaml", "expect: pass", "expect: passed"),
    ("rules/national/vardgaranti.yaml", "severity: warning", "severity: warn"),
])
async def test_a_mistake_gets_the_schemas_complaint_at_its_place(
        client: LanguageClient, file: str, right: str, wrong: str) -> None:
    path = ROOT / file
    uri = path.as_uri()
    text = path.read_text(encoding="utf-8")
    broken = text.replace(right, wrong, 1)
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
        uri=uri, language_id="yaml", version=1, text=broken)))
    [found] = await _published(client, uri, empty=False)
    row = broken.splitlines()[found.range.start.line]
    assert row[found.range.start.character:].startswith(wrong.split(": ")[1])
    assert "Value is not accepted" in found.message
    # the file as committed satisfies its schema: the complaint goes
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
    assert await _published(client, uri, empty=True) == []
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        types.TextDocumentIdentifier(uri=uri)))
