"""``vardval serve``: API v1 and the Swedish web pages, behind tokens and roles."""

from typing import TYPE_CHECKING

from vardval.checker.faces import lazy_face

if TYPE_CHECKING:
    from vardval.checker.service.app import create_app
    from vardval.checker.service.config import DEFAULT_IDENTITY_HEADER, ServiceConfig
    from vardval.checker.service.openapi_page import openapi_document, openapi_markdown
    from vardval.checker.service.server import bind, serve, server_for

__getattr__, __dir__ = lazy_face(__name__, __file__)

__all__ = [
    "DEFAULT_IDENTITY_HEADER",
    "ServiceConfig",
    "bind",
    "create_app",
    "openapi_document",
    "openapi_markdown",
    "serve",
    "server_for",
]
