"""CSRF protection of the forms: a per-session secret token in a hidden field.

The token lives in the signed session cookie (``SameSite=Strict``) and every form posts it
back; a POST whose field does not match, or that comes from another origin, is refused.
"""

from __future__ import annotations

import hmac
import secrets
from typing import TYPE_CHECKING

from vardval.checker.service.problems import Problem

if TYPE_CHECKING:
    from starlette.requests import Request

FIELD = "csrf_token"
_KEY = "csrf"


def token(request: Request) -> str:
    """The session's CSRF token, made on first use."""
    found = request.session.get(_KEY)
    if not isinstance(found, str):
        found = request.session[_KEY] = secrets.token_urlsafe(32)
    return found


def renew(request: Request) -> None:
    """A new token after signing in or out, so one seen before cannot be replayed."""
    request.session[_KEY] = secrets.token_urlsafe(32)


def verify(request: Request, sent: object) -> None:
    expected = request.session.get(_KEY)
    origin = request.headers.get("origin")
    same_origin = origin is None or origin == f"{request.url.scheme}://{request.url.netloc}"
    if (not isinstance(expected, str) or not isinstance(sent, str) or not same_origin
            or not hmac.compare_digest(expected.encode(), sent.encode())):
        raise Problem("csrf", {
            "sv": "Formuläret har gått ut eller kom från en annan sida. Ladda om sidan och "
                  "försök igen.",
            "en": "The form has expired or came from another site. Reload the page and try "
                  "again."})
