"""The web pages: start, upload a submission and read its findings, the rule book, sign-in.

Server-rendered and whole without JavaScript. Every form carries the session's CSRF token.
Findings are shown in the engine's own words (message, evidence as ``check`` words it, the
law quoted with its link); failures first, passed and not applicable rules folded away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from vardval.checker.docgen import uses
from vardval.checker.service import catalogue, csrf
from vardval.checker.service.access import SESSION_KEY, account_of
from vardval.checker.service.checking import check_body, submission_name
from vardval.checker.service.problems import not_found, too_large
from vardval.checker.service.recording import may_record, record
from vardval.checker.service.rendering import page_lang, render
from vardval.checker.service.state import Service
from vardval.checker.store import account_for_token, token_digest

if TYPE_CHECKING:
    from vardval.checker.engine import Finding, SubmissionResult

router = APIRouter(include_in_schema=False)
_FIRST = ("fail", "indeterminate")


def _service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


@router.get("/")
async def home(request: Request) -> Response:
    service = _service(request)
    return render(request, service, await account_of(request, service), "home.html", {})


@router.get("/check")
async def check_form(request: Request) -> Response:
    service = _service(request)
    account = await account_of(request, service)
    allowed = service.config.public_check or account is not None
    return render(request, service, account, "check.html",
                  {"allowed": allowed, "can_record": may_record(service, account)})


@router.post("/check")
async def check_upload(request: Request) -> Response:
    service = _service(request)
    account = await account_of(request, service)
    async with request.form(max_files=1, max_fields=4) as form:
        csrf.verify(request, form.get(csrf.FIELD))
        upload, wants_record = form.get("submission"), bool(form.get("record"))
        if not isinstance(upload, UploadFile):
            return await check_form(request)
        name = submission_name(upload.filename, None)
        body = await upload.read(service.config.max_bytes + 1)
    if not (service.config.public_check or account is not None):
        return RedirectResponse(f"/login?lang={page_lang(request, service)}", status_code=303)
    if len(body) > service.config.max_bytes:
        raise too_large(service.config.max_bytes)
    lang = page_lang(request, service)
    checked = await run_in_threadpool(check_body, service, body, name, lang)
    recorded = None
    if wants_record and checked.result.valid:
        recorded = await run_in_threadpool(record, service, account, checked, body)
    return render(request, service, account, "findings.html",
                  {**_grouped(checked.result), "result": checked.result,
                   "recorded": recorded,
                   "evidence": lambda f: service.view(lang).evidence(f, lang)})


def _grouped(result: SubmissionResult) -> dict[str, Any]:
    findings: list[Finding] = list(result.findings)
    counts = [(s, n) for s, n in result.counts().items() if n]
    return {"counts": counts,
            "shown": [f for s in _FIRST for f in findings if f.status == s],
            "passed": [f for f in findings if f.status == "pass"],
            "not_applicable": [f for f in findings if f.status == "not_applicable"]}


@router.get("/rules")
async def rules(request: Request, q: str = "") -> Response:
    service = _service(request)
    lang = page_lang(request, service)
    needle = q.strip().casefold()
    books = [(book, [r for r in book.rules if not needle or needle in r.id.casefold()
                     or needle in r.title[lang].casefold()])
             for book in service.ruleset.rulebooks]
    return render(request, service, await account_of(request, service), "rules.html",
                  {"books": [(b, rs) for b, rs in books if rs], "q": q})


@router.get("/rules/{rule_id}")
async def rule(request: Request, rule_id: str) -> Response:
    service = _service(request)
    ruleset = service.ruleset
    found = ruleset.rule(rule_id)
    if found is None:
        raise not_found()
    book = next(b for b in ruleset.rulebooks if b.id == found.rulebook)
    used = uses(found, book)
    details = catalogue.rule_json(ruleset, found)
    return render(request, service, await account_of(request, service), "rule.html",
                  {"rule": found, "book": book, "parameters": details["parameters"],
                   "definitions": {n: book.definition_texts.get(n) for n in used.definitions}})


@router.get("/login")
async def login_form(request: Request) -> Response:
    service = _service(request)
    return render(request, service, await account_of(request, service), "login.html",
                  {"failed": False})


@router.post("/login")
async def login(request: Request) -> Response:
    service = _service(request)
    form = await request.form(max_files=0, max_fields=3)
    csrf.verify(request, form.get(csrf.FIELD))
    token = form.get("token")
    account = None
    if isinstance(token, str) and service.store is not None:
        account = await run_in_threadpool(_account_for, service, token.strip())
    if account is None:
        return render(request, service, None, "login.html", {"failed": True}, status=401)
    request.session[SESSION_KEY] = token_digest(str(token).strip())
    csrf.renew(request)
    return RedirectResponse(f"/?lang={page_lang(request, service)}", status_code=303)


def _account_for(service: Service, token: str) -> Any:
    assert service.store is not None
    with service.store.reading() as connection:
        return account_for_token(connection, token)


@router.post("/logout")
async def logout(request: Request) -> Response:
    service = _service(request)
    form = await request.form(max_files=0, max_fields=2)
    csrf.verify(request, form.get(csrf.FIELD))
    lang = page_lang(request, service)
    request.session.clear()
    csrf.renew(request)
    return RedirectResponse(f"/?lang={lang}", status_code=303)
