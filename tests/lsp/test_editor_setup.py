"""docs/editor-setup.md works as written: its command starts the server, its associations hold.

The snippets are read from the page itself, so a change to the page is a change to the test.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from jsonschema import Draft202012Validator
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient
from vardval.checker.authoring import editor_schemas
from vardval.checker.reading import strict_yaml

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "editor-setup.md").read_text(encoding="utf-8")
_BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)
_LUA_CMD = re.compile(r"cmd = \{([^}]*)\}")
_LUA_SCHEMA = re.compile(r"\['([^']+)'\] = \{([^}]*)\}")
_LUA_STRING = re.compile(r"'([^']*)'")


def _block(language: str) -> str:
    [text] = [body for lang, body in _BLOCK.findall(PAGE) if lang == language]
    return text


def _vscode() -> dict[str, Any]:
    settings: dict[str, Any] = json.loads(_block("json"))
    return settings


def _neovim_command() -> list[str]:
    [inner] = _LUA_CMD.findall(_block("lua"))
    return _LUA_STRING.findall(inner)


def _neovim_schemas() -> dict[str, list[str]]:
    return {schema: _LUA_STRING.findall(globs)
            for schema, globs in _LUA_SCHEMA.findall(_block("lua"))}


def test_both_editors_start_the_same_command() -> None:
    vscode = _vscode()
    command = [vscode["glspc.server.command"], *vscode["glspc.server.commandArguments"]]
    assert command == _neovim_command() == ["vardval", "lsp"]
    assert vscode["glspc.server.languageId"] == ["yaml"]


def test_both_editors_associate_the_same_schemas_with_the_same_files() -> None:
    assert _vscode()["yaml.schemas"] == _neovim_schemas()
    assert _neovim_schemas(), "the Neovim snippet names schemas"


@pytest.mark.parametrize("schema", sorted(_vscode()["yaml.schemas"]))
def test_each_association_names_a_committed_schema_at_its_published_id(schema: str) -> None:
    path = (ROOT / schema).resolve()
    assert path.parent == editor_schemas.SCHEMAS.resolve()
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["$id"] == editor_schemas.SCHEMA_BASE + path.name


@pytest.mark.parametrize(("schema", "pattern"), [
    (schema, pattern) for schema, patterns in sorted(_vscode()["yaml.schemas"].items())
    for pattern in patterns])
def test_every_file_an_association_matches_satisfies_its_schema(schema: str,
                                                               pattern: str) -> None:
    validator = Draft202012Validator(json.loads((ROOT / schema).read_text(encoding="utf-8")))
    files = sorted(ROOT.glob(pattern))
    assert files, f"{pattern} matches no file"
    for path in files:
        data = strict_yaml.load_yaml(path.read_text(encoding="utf-8"), str(path)).data
        problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                    for e in validator.iter_errors(data)]
        assert problems == [], path


def test_every_schema_id_is_its_published_address_and_the_site_publishes_there() -> None:
    site_url = re.search(r"^site_url: (\S+)$", (ROOT / "mkdocs.yml").read_text(
        encoding="utf-8"), re.MULTILINE)
    assert site_url is not None
    assert site_url.group(1) + "schemas/" == editor_schemas.SCHEMA_BASE
    committed = sorted(p.name for p in editor_schemas.SCHEMAS.glob("*.json"))
    assert committed == sorted(editor_schemas.file_name(k) for k in editor_schemas.KINDS)
    for name in committed:
        document = json.loads((editor_schemas.SCHEMAS / name).read_text(encoding="utf-8"))
        assert document["$id"] == editor_schemas.SCHEMA_BASE + name


def test_publishing_copies_every_schema_where_its_id_points(tmp_path: Path) -> None:
    written = editor_schemas.publish(tmp_path / "schemas")
    for path in written:
        document = json.loads(path.read_text(encoding="utf-8"))
        assert document["$id"] == editor_schemas.SCHEMA_BASE + path.name
        assert path.read_bytes() == (editor_schemas.SCHEMAS / path.name).read_bytes()
    assert len(written) == len(editor_schemas.KINDS)


# --- the documented command, driven by a real client -----------------------------------------


def _on_path() -> dict[str, str]:
    """The environment an editor started from an activated virtual environment has."""
    return {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}"
            f"{os.environ.get('PATH', '')}"}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


@pytest_lsp.fixture(config=ClientServerConfig(server_command=_neovim_command(),
                                              server_env=_on_path()))
async def client(lsp_client: LanguageClient, corpus: Path) -> AsyncIterator[None]:
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=corpus.parent.as_uri()))
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_the_documented_command_serves_lints_diagnostics(client: LanguageClient,
                                                              corpus: Path) -> None:
    assert shutil.which("vardval", path=_on_path()["PATH"]) is not None
    path = corpus / "national" / "vardgaranti.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "accessibility.contacts.total", "accessibility.contacts.totl", 1)
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
        uri=uri, language_id="yaml", version=1, text=text)))
    for _ in range(400):
        if uri in client.diagnostics:
            break
        await asyncio.sleep(0.05)
    [found] = client.diagnostics[uri]
    row = text.splitlines()[found.range.start.line]
    assert row[found.range.start.character:].startswith("accessibility.contacts.totl")
    assert "menade du 'accessibility.contacts.total'?" in found.message
