"""API v1 over the results store: record submissions, clinic history, the region's overview,
decisions and the office's follow-up steps, each behind its role.

Whatever a caller may not see is answered as not found, exactly as what does not exist, so a
clinic learns nothing of another clinic, and an officer nothing of another region.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from vardval.checker.service import openapi_parts
from vardval.checker.service.access import (
    acts_for_region,
    refuse_unless,
    required,
    sees_clinic,
    sees_region,
)
from vardval.checker.service.api import lang_of, service_of
from vardval.checker.service.checking import check_body, invalid, submission_name
from vardval.checker.service.problems import Problem
from vardval.checker.service.recording import record
from vardval.checker.service.state import Service
from vardval.checker.store import (
    StoreError,
    add_step,
    check_step,
    history,
    history_json,
    parse_quarter,
)

router = APIRouter(prefix="/v1", tags=["store"], responses=openapi_parts.NOT_FOUND)


def store_of(service: Service) -> Any:
    if service.store is None:
        raise Problem("no-store", {"sv": "Tjänsten startades utan --store.",
                                   "en": "The service was started without --store."})
    return service.store


@router.post("/submissions", summary="Check and record one submission",
             openapi_extra=openapi_parts.SUBMIT, response_model=None)
async def submit(request: Request, name: str | None = None) -> JSONResponse:
    service = service_of(request)
    store_of(service)
    account = await required(request, service)
    filename = submission_name(name, request.headers.get("content-type"))
    body = await request.body()
    checked = await run_in_threadpool(check_body, service, body, filename, lang_of(request))
    if not checked.result.valid:
        raise invalid(checked)
    done = await run_in_threadpool(record, service, account, checked, body)
    assert done is not None  # a valid submission is always kept
    recorded = {"hsa_id": done.hsa_id, "period": done.period, "revision": done.revision,
                "new": done.new}
    return JSONResponse({"recorded": recorded, "results": checked.document},
                        status_code=201 if done.new else 200)


def _clinic_region(service: Service, hsa_id: str) -> str | None:
    return dict(store_of(service).clinics()).get(hsa_id)


def _quarter(text: str | None, name: str) -> str | None:
    try:
        return parse_quarter(text, name) if text else None
    except StoreError as exc:
        raise Problem("bad-request", {"sv": exc.sv, "en": exc.en}) from None


@router.get("/clinics/{hsa_id}/history", summary="A clinic's rule statuses per quarter")
async def clinic_history(request: Request, hsa_id: str, first: str | None = None,
                         last: str | None = None) -> dict[str, Any]:
    service = service_of(request)
    account = await required(request, service)
    region = await run_in_threadpool(_clinic_region, service, hsa_id)
    refuse_unless(region is not None and sees_clinic(account, hsa_id, region))
    span = _quarter(first, "first"), _quarter(last, "last")
    return await run_in_threadpool(_history, service, {"clinic": hsa_id}, span)


def _history(service: Service, where: dict[str, str], span: tuple[str | None, str | None]
             ) -> dict[str, Any]:
    with store_of(service).reading() as connection:
        found = history(connection, service.ruleset, first=span[0], last=span[1], **where)
    return history_json(found)


@router.get("/regions/{region}/overview", summary="The region's clinics × rules for quarters")
async def region_overview(request: Request, region: str, first: str | None = None,
                          last: str | None = None) -> dict[str, Any]:
    service = service_of(request)
    account = await required(request, service)
    refuse_unless(sees_region(account, region))
    span = _quarter(first, "first"), _quarter(last, "last")
    return await run_in_threadpool(_history, service, {"region": region}, span)


@router.get("/regions/{region}/decisions", summary="The region's recorded decisions")
async def region_decisions(request: Request, region: str) -> dict[str, Any]:
    service = service_of(request)
    account = await required(request, service)
    refuse_unless(sees_region(account, region))
    return {"decisions": [
        {"id": d.id, "kind": d.kind, "clinic": d.clinic, "rules": list(d.rules),
         "valid_from": d.valid_from.isoformat(), "valid_to": d.valid_to.isoformat(),
         "reference": d.reference, "reason": d.reason, "decided_by": d.decided_by}
        for d in service.ruleset.decisions if d.region == region]}


class StepIn(BaseModel):
    """One follow-up step the office decides about a clinic's rule."""

    model_config = ConfigDict(extra="forbid")
    rule: str = Field(max_length=64)
    step: str = Field(max_length=16)
    period: str | None = Field(default=None, max_length=7)
    due: str | None = Field(default=None, max_length=10)
    note: str = Field(default="", max_length=4000)


@router.post("/clinics/{hsa_id}/actions", summary="Record a follow-up decision (office)",
             status_code=201)
async def clinic_action(request: Request, hsa_id: str, step: StepIn) -> dict[str, Any]:
    service = service_of(request)
    account = await required(request, service)
    region = await run_in_threadpool(_clinic_region, service, hsa_id)
    refuse_unless(account.role != "clinic" and acts_for_region(account, region))
    refuse_unless(service.ruleset.rule(step.rule) is not None)
    try:
        check_step(hsa_id, step.step, account.name, step.due)
    except StoreError as exc:
        raise Problem("bad-request", {"sv": exc.sv, "en": exc.en}) from None
    row = {"hsa_id": hsa_id, "rule_id": step.rule, "period": step.period, "kind": step.step,
           "due": step.due, "note": step.note, "actor": account.name}
    step_id = await run_in_threadpool(_add, service, row)
    return {"id": step_id, **row}


def _add(service: Service, row: dict[str, str | None]) -> int:
    with store_of(service).writing() as connection:
        return add_step(connection, row)
