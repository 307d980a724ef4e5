"""The language server for rule authors' editors (``vardval lsp``): lint's diagnostics as
the author types, hover, completion, go to definition and quick fixes."""

from typing import TYPE_CHECKING

from vardval.checker.faces import lazy_face

if TYPE_CHECKING:
    from vardval.checker.lsp.server import build, serve

__getattr__, __dir__ = lazy_face(__name__, __file__)

__all__ = ["build", "serve"]
