"""Rendering a page: Jinja2 with autoescaping, the language, the caller and the CSRF token.

The language is ``?lang=sv|en`` when given (kept in the session from then on), else the
session's, else the one the service was started with.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from starlette.templating import Jinja2Templates
from vardval.checker.engine import waiver_text
from vardval.checker.service import csrf
from vardval.checker.service.words import WORDS
from vardval.checker.vocab import LANGS

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from vardval.checker.service.state import Service
    from vardval.checker.store import Account

TEMPLATES = Path(__file__).parent / "templates"
_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                          undefined=jinja2.StrictUndefined, trim_blocks=True,
                          lstrip_blocks=True)
templates = Jinja2Templates(env=_ENV)


def page_lang(request: Request, service: Service) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGS:
        request.session["lang"] = asked
        return asked
    kept = request.session.get("lang")
    return kept if kept in LANGS else service.config.lang


def span(start: dt.date | None, end: dt.date | None) -> str:
    """A period in force as ``2019-01-01 –`` or ``– 2024-12-31``."""
    return f"{start.isoformat() if start else ''} – {end.isoformat() if end else ''}".strip()


def render(request: Request, service: Service, account: Account | None, name: str,
           context: dict[str, Any], status: int = 200) -> Response:
    lang = page_lang(request, service)
    other = "en" if lang == "sv" else "sv"
    base = {
        "lang": lang, "w": WORDS[lang], "account": account, "csrf": csrf.token(request),
        "other_lang": other, "other_lang_url": f"{request.url.path}?lang={other}",
        "has_store": service.store is not None, "span": span, "waiver_text": waiver_text,
        "problem_text": lambda problem: problem.shown(lang),
    }
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status)
