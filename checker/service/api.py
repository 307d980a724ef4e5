"""API v1: check a submission, read the rule book, its sources and the formats' schemas.

Every answer is JSON; every refusal an RFC 9457 problem document (``problems``). The routes
read the corpus only through the loaded ``Service``: a rule id is looked up among the loaded
rules, never turned into a path, and nothing here can change the rules.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from vardval.checker.report import results_schema
from vardval.checker.service import catalogue, openapi_parts
from vardval.checker.service.access import may_check
from vardval.checker.service.checking import check_body, invalid, submission_name
from vardval.checker.service.problems import not_found
from vardval.checker.service.state import Service
from vardval.checker.submission import submission_schema
from vardval.checker.vocab import LANGS

router = APIRouter(prefix="/v1")


def service_of(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


def lang_of(request: Request) -> str:
    """``?lang=sv|en``, else the language the service was started with."""
    asked = request.query_params.get("lang")
    return asked if asked in LANGS else service_of(request).config.lang


@router.post("/check", summary="Check one submission", tags=["check"],
             openapi_extra=openapi_parts.CHECK, response_model=None)
async def check(request: Request, name: str | None = None) -> Response:
    """The ``vardval/results@1`` document of ``vardval check --format json`` for the body
    (``producer`` aside); an invalid submission is a 422 problem with its located problems."""
    service = service_of(request)
    lang = lang_of(request)
    await may_check(request, service)
    filename = submission_name(name, request.headers.get("content-type"))
    body = await request.body()
    checked = await run_in_threadpool(check_body, service, body, filename, lang)
    if not checked.result.valid:
        raise invalid(checked)
    return Response(checked.text, media_type="application/json")


@router.get("/rules", summary="Every rule", tags=["rules"])
def rules(request: Request) -> dict[str, Any]:
    return catalogue.rules_json(service_of(request).ruleset)


@router.get("/rules/{rule_id}", summary="One rule: its law, logic and parameters",
            tags=["rules"], responses=openapi_parts.NOT_FOUND)
def rule(request: Request, rule_id: str) -> dict[str, Any]:
    ruleset = service_of(request).ruleset
    found = ruleset.rule(rule_id)
    if found is None:
        raise not_found()
    return catalogue.rule_json(ruleset, found)


@router.get("/sources", summary="The legal sources the rules cite", tags=["rules"])
def sources(request: Request) -> dict[str, Any]:
    return catalogue.sources_json(service_of(request).ruleset)


@router.get("/schema/submission", summary="JSON Schema of vardval/submission@1",
            tags=["schemas"])
def schema_submission() -> dict[str, Any]:
    return submission_schema()


@router.get("/schema/results", summary="JSON Schema of vardval/results@1", tags=["schemas"])
def schema_results() -> dict[str, Any]:
    return results_schema()


health = APIRouter()


@health.get("/healthz", summary="Whether the service is up, with its corpus", tags=["service"])
def healthz(request: Request) -> dict[str, Any]:
    service = service_of(request)
    return {"status": "ok", "rules": sum(1 for _ in service.ruleset.rules()),
            "rules_digest": service.ruleset.digest, "store": service.store is not None}
