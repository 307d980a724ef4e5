"""The language server for rule authors' editors (``vardval lsp``): lint's diagnostics as
the author types, hover, completion, go to definition and quick fixes."""

from vardval.checker.lsp.server import build, serve

__all__ = ["build", "serve"]
