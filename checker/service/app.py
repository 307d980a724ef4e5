"""The ASGI application of ``vardval serve``: API v1, the web pages and what guards them."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.staticfiles import StaticFiles
from vardval import __version__
from vardval.checker.service import api, office, openapi_parts, pages, records
from vardval.checker.service.guards import Guards
from vardval.checker.service.problems import MEDIA_TYPE, Problem, not_found
from vardval.checker.service.rendering import render
from vardval.checker.service.state import Service, start
from vardval.checker.store import StoreError
from vardval.checker.submission import submission_schema

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from vardval.checker.service.config import ServiceConfig

log = logging.getLogger("vardval.serve")
SESSION_COOKIE = "vardval_session"
STATIC = Path(__file__).parent / "static"
_HTTP_KINDS = {400: "bad-request", 401: "unauthorized", 404: "not-found",
               405: "method-not-allowed", 413: "too-large", 415: "unsupported-media-type"}


def create_app(config: ServiceConfig) -> Guards:
    """The whole service for ``config``; the corpus and store are opened here, before any
    request, so a broken corpus stops ``vardval serve`` with its located problems."""
    return Guards(create_api(config), config.max_bytes, config.lang)


def create_api(config: ServiceConfig) -> FastAPI:
    """The routes, sessions and handlers, without the outer guards."""
    service = start(config)
    app = FastAPI(title="vardval", version=__version__, openapi_url="/openapi.json",
                  docs_url=None, redoc_url=None, lifespan=_lifespan(service),
                  description="Rules-as-code compliance checks for Swedish primary care "
                  "(vårdval): check a quarterly submission, read the rule book.")
    app.state.service = service
    app.include_router(api.router)
    app.include_router(api.health)
    app.include_router(records.router)
    app.include_router(pages.router)
    app.include_router(office.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _handlers(app)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.add_middleware(SessionMiddleware, secret_key=config.secret,
                       session_cookie=SESSION_COOKIE, same_site="strict",
                       https_only=config.secure_cookies, max_age=8 * 3600)
    return app


def _lifespan(service: Service) -> Any:
    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            service.close()

    return lifespan


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document, with the submission schema the request bodies refer to."""
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi  # noqa: PLC0415 - built once, on demand

        document = get_openapi(title=app.title, version=app.version,
                               description=app.description, routes=app.routes)
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        schemas["Submission"] = submission_schema()
        schemas["Problem"] = openapi_parts.PROBLEM_SCHEMA
        document["components"]["securitySchemes"] = {
            "token": {"type": "http", "scheme": "bearer"}}
        app.openapi_schema = document
    return app.openapi_schema


def is_api(path: str) -> bool:
    return path.startswith("/v1/") or path in ("/openapi.json", "/healthz")


def problem_response(request: Request, problem: Problem) -> Response:
    """The problem document for the API; for a page, a page saying the same."""
    lang = api.lang_of(request)
    if not is_api(request.url.path) and "session" in request.scope:
        service = api.service_of(request)
        account = request.scope.get("account")
        shown = render(request, service, account, "error.html",
                       {"problem": problem.document(lang)}, status=problem.status)
        shown.headers.update(problem.headers)
        return shown
    return Response(problem.body(lang, request.url.path), status_code=problem.status,
                    media_type=MEDIA_TYPE, headers=problem.headers)


def _handlers(app: FastAPI) -> None:
    async def on_problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Problem)
        return problem_response(request, exc)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        kind = _HTTP_KINDS.get(exc.status_code, "bad-request")
        problem = not_found() if kind == "not-found" else Problem(kind, {
            "sv": str(exc.detail), "en": str(exc.detail)}, headers=dict(exc.headers or {}))
        return problem_response(request, problem)

    async def on_invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        said = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return problem_response(request, Problem("bad-request", {"sv": said, "en": said}))

    async def on_store(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StoreError)
        log.error("%s", exc)
        return problem_response(request, Problem("store-error", {"sv": exc.sv, "en": exc.en}))

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_invalid)
    app.add_exception_handler(StoreError, on_store)
    app.add_exception_handler(Exception, _on_bug)


async def _on_bug(request: Request, exc: Exception) -> Response:
    """Our bug: logged with its traceback on the server, a plain problem to the caller."""
    log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem_response(request, Problem("internal", {
        "sv": "Ett fel i vardval, inte i det du skickade; det är loggat.",
        "en": "A bug in vardval, not in what you sent; it has been logged."}))
