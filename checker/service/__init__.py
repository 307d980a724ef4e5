"""``vardval serve``: API v1 and the Swedish web pages, behind tokens and roles."""

from vardval.checker.service.app import create_app
from vardval.checker.service.config import DEFAULT_IDENTITY_HEADER, ServiceConfig
from vardval.checker.service.server import serve

__all__ = ["DEFAULT_IDENTITY_HEADER", "ServiceConfig", "create_app", "serve"]
