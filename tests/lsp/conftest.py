"""A real LSP client (pytest-lsp) talking to ``vardval lsp`` over stdio, on a copy of rules/."""

from __future__ import annotations

import shutil
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the bundled rules, so tests may edit files and see file paths."""
    target = tmp_path_factory.mktemp("corpus") / "rules"
    shutil.copytree(ROOT / "rules", target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


# One server for the module: starting Python and building the parser takes seconds here.
@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=[sys.executable, "-m", "vardval", "lsp"]))
async def client(lsp_client: LanguageClient, corpus: Path) -> AsyncIterator[None]:
    params = types.InitializeParams(capabilities=types.ClientCapabilities(),
                                    root_uri=corpus.as_uri())
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()
