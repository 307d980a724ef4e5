"""The language server: pygls over stdio, wiring the features to the editor's events."""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Mapping
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path
from vardval.checker.corpus import Rulebook
from vardval.checker.lsp.actions import fixes
from vardval.checker.lsp.completion import complete
from vardval.checker.lsp.definition import definition_of
from vardval.checker.lsp.diagnostics import Found, analyse
from vardval.checker.lsp.files import Kind, corpus_of, kind_of
from vardval.checker.lsp.hover import hover_text
from vardval.checker.lsp.positions import to_range
from vardval.checker.lsp.world import World, world_of
from vardval.dsl.errors import Diagnostic, framed

# Long enough that a burst of keystrokes is checked once, short enough that the largest
# rule file's diagnostics arrive well inside 200 ms of the last change (bench/lsp.py).
DEBOUNCE_SECONDS = 0.05
# The open documents checked again when a document of a kind changes (same corpus only):
# rulebooks are checked against sources and parameters; case and decision files name rules.
DEPENDENTS: dict[Kind, frozenset[Kind]] = {
    "sources": frozenset({"rulebook", "cases", "decisions"}),
    "parameters": frozenset({"rulebook", "cases", "decisions"}),
    "rulebook": frozenset({"cases", "decisions"}),
}


class RuleServer(LanguageServer):
    """The server and what it remembers between events: each open rulebook's last good
    book (for hover while the text is broken) and the pending checks."""

    def __init__(self) -> None:
        super().__init__("vardval", "1", text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.books: dict[str, Rulebook] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.lang = "sv"  # the diagnostics' language: the editor's ``locale`` (``language_of``)

    def buffers(self) -> dict[Path, str]:
        """The open documents' texts by resolved path."""
        out = {}
        for uri, document in self.workspace.text_documents.items():
            path = _path(uri)
            if path is not None:
                out[path] = document.source
        return out

    def world(self, uri: str) -> World | None:
        path = _path(uri)
        if path is None:
            return None
        text = self.workspace.get_text_document(uri).source
        return world_of(path, text, self.buffers(), self.books.get(uri))

    def check(self, uri: str) -> None:
        """Lint the document now, then the open documents that depend on it (``DEPENDENTS``)."""
        path = _path(uri)
        if path is None:
            return
        document = self.workspace.get_text_document(uri)
        buffers = self.buffers()
        found = analyse(path, document.source, buffers)
        if found.book is not None:
            self.books[uri] = found.book
        self.publish_found(found, {path: document.version})
        kind, corpus = kind_of(path, document.source), corpus_of(path)
        for other, other_text in buffers.items():
            if other != path and kind_of(other, other_text) in DEPENDENTS.get(kind, ()) and \
                    corpus_of(other) == corpus:
                self.publish_found(analyse(other, other_text, buffers), {})

    def publish_found(self, found: Found, versions: Mapping[Path, int | None]) -> None:
        for file, diagnostics in found.by_file.items():
            self.publish(file, diagnostics, found.warnings, versions.get(file))

    def publish(self, file: Path, diagnostics: list[Diagnostic],
                warnings: Collection[Diagnostic] = (), version: int | None = None) -> None:
        """Send a file's diagnostics; ``version`` (the document's, when it is the one that
        was checked) lets the editor drop results of a text it no longer shows."""
        uri = from_fs_path(str(file))
        if uri is None:
            return
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version,
            diagnostics=[_diagnostic(d, self.lang, warning=d in warnings) for d in diagnostics]))

    def later(self, uri: str) -> None:
        """Check after a pause; a newer change restarts the pause (debouncing)."""
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._after_pause(uri))

    async def _after_pause(self, uri: str) -> None:
        await asyncio.sleep(DEBOUNCE_SECONDS)
        self.pending.pop(uri, None)
        self.check(uri)


def _path(uri: str) -> Path | None:
    found = to_fs_path(uri)
    return Path(found).resolve() if found else None


def language_of(locale: str | None) -> str:
    """The language diagnostics are worded in: Swedish for an editor in Swedish or one that
    does not say (Swedish speakers first, as every command), English for any other locale."""
    if locale is None or locale.lower().startswith("sv"):
        return "sv"
    return "en"


def _diagnostic(d: Diagnostic, lang: str, *, warning: bool = False) -> types.Diagnostic:
    """lint's own words in ``lang``: the message, then its hint on a line of its own."""
    hint = d.hint_words(lang)
    # lint's hint line ("  tips: …" / "  hint: …"), without the indent an excerpt needs
    message = f"{d.words(lang)}\n{framed('hint', lang, hint).lstrip()}" if hint else d.words(lang)
    severity = types.DiagnosticSeverity.Warning if warning else types.DiagnosticSeverity.Error
    # The name a "did you mean" offers rides along as data, for the quick fix (``actions``).
    data = {"suggestion": d.suggestion} if d.suggestion else None
    return types.Diagnostic(range=to_range(d.span), message=message, code=d.code,
                            source="vardval", severity=severity, data=data)


def build() -> RuleServer:
    """The server with every feature registered."""
    server = RuleServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: RuleServer, params: types.InitializeParams) -> None:
        ls.lang = language_of(params.locale)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: RuleServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: RuleServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: RuleServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: RuleServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.books.pop(params.text_document.uri, None)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: RuleServer, params: types.HoverParams) -> types.Hover | None:
        world = ls.world(params.text_document.uri)
        text = world and hover_text(world, params.position.line, params.position.character)
        if not text:
            return None
        return types.Hover(contents=types.MarkupContent(types.MarkupKind.Markdown, text))

    @server.feature(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=[".", "(", "[", " "]))
    def completion(ls: RuleServer, params: types.CompletionParams) -> types.CompletionList:
        world = ls.world(params.text_document.uri)
        items = complete(world, params.position.line, params.position.character) \
            if world else []
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: RuleServer, params: types.DefinitionParams) -> types.Location | None:
        world = ls.world(params.text_document.uri)
        span = world and definition_of(world, params.position.line, params.position.character)
        uri = from_fs_path(span.file) if span else None
        return types.Location(uri, to_range(span)) if span and uri else None

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: RuleServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        lines = ls.workspace.get_text_document(params.text_document.uri).source.splitlines()
        return fixes(params.text_document.uri, lines, list(params.context.diagnostics))

    return server


def serve() -> None:
    """Serve one editor over stdin and stdout until it says exit."""
    build().start_io()
