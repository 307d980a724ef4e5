"""ASGI middleware that every request passes: the body limit and the security headers.

The limit is enforced before the body is read: a ``Content-Length`` over it is answered at
once (413, the body never read), and a body sent without one (chunked) is counted as it
arrives and cut off the moment it passes the limit. The headers are the strict set a page
handling a clinic's data should send: no script but our own, no framing, no sniffing, no
referrer leaving the site, nothing cached.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vardval.checker.service.problems import MEDIA_TYPE, Problem, too_large

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, MutableMapping

    Scope = MutableMapping[str, Any]
    Message = MutableMapping[str, Any]
    Receive = Callable[[], Awaitable[Message]]
    Send = Callable[[Message], Awaitable[None]]
    ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: no inline script or style, no plugins, no framing, forms only to ourselves
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),  # no-referrer would make forms post Origin: null
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    (b"cache-control", b"no-store"),
)
#: a little room above the submission limit for a multipart form's boundaries and fields
FORM_OVERHEAD = 16_384


class Guards:
    """Refuses bodies over ``max_bytes`` before reading them; adds the security headers."""

    def __init__(self, app: ASGIApp, max_bytes: int, lang: str) -> None:
        self.app, self.limit, self.lang = app, max_bytes, lang

    def _allowed(self, scope: Scope) -> int:
        """The API takes the submission as the body; a page's form wraps it in a little more."""
        api = str(scope.get("path", "")).startswith("/v1/")
        return self.limit if api else self.limit + FORM_OVERHEAD

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send)
        allowed = self._allowed(scope)
        declared = _content_length(scope)
        if declared is not None and declared > allowed:
            await _refuse(send, too_large(self.limit), self.lang)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, _counting(receive, allowed, self.limit), tracked)
        except Problem as problem:  # the app's own handler answers it where the app reads
            if not started:
                await _refuse(send, problem, self.lang)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() else None
    return None


def _counting(receive: Receive, allowed: int, limit: int) -> Receive:
    """``receive`` that refuses (``problems.too_large``) once more than ``allowed`` came."""
    seen = 0

    async def counted() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > allowed:
                raise too_large(limit)
        return message

    return counted


def _with_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            have = {name.lower() for name, _ in message.get("headers", [])}
            extra = [(n, v) for n, v in SECURITY_HEADERS if n not in have]
            message["headers"] = [*message.get("headers", []), *extra]
        await send(message)

    return sending


async def _refuse(send: Send, problem: Problem, lang: str) -> None:
    body = problem.body(lang)
    await send({"type": "http.response.start", "status": problem.status, "headers": [
        (b"content-type", MEDIA_TYPE.encode()), (b"content-length", str(len(body)).encode()),
        (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
