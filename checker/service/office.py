"""The office's pages: the quarter overview (clinic × rule, sortable, filterable) and a
clinic's history, both read from the store and shown only to those who may see them.

Sorting and filtering are links and a GET form, so they work without JavaScript and every
view has its own address.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from vardval.checker.service.access import refuse_unless, required, sees_clinic, sees_region
from vardval.checker.service.records import store_of
from vardval.checker.service.rendering import page_lang, render
from vardval.checker.service.state import Service
from vardval.checker.store import StoreError, history, history_json, parse_quarter
from vardval.checker.submission import REGIONS
from vardval.checker.vocab import STATUSES

if TYPE_CHECKING:
    from vardval.checker.store import Account

router = APIRouter(include_in_schema=False)
_RANK = {"fail": 0, "indeterminate": 1, "pass": 2, "not_applicable": 3, "gap": 4}


@dataclass(frozen=True)
class Row:
    hsa_id: str
    name: str
    statuses: dict[str, str]


def _service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


def _region_for(account: Account, asked: str | None) -> str:
    """An officer's own region; an administrator picks one (``?region=``)."""
    if account.role == "officer" and account.region:
        return account.region
    return asked if asked in REGIONS else REGIONS[0]


def _history(service: Service, **where: Any) -> dict[str, Any]:
    with store_of(service).reading() as connection:
        return history_json(history(connection, service.ruleset, **where))


def _parsed_quarter(text: str | None) -> str | None:
    try:
        return parse_quarter(text, "quarter") if text else None
    except StoreError:  # a malformed quarter in the address: show the latest instead
        return None


@router.get("/overview")
async def overview(request: Request, region: str | None = None, quarter: str | None = None,
                   sort: str = "clinic", order: str = "asc", status: str = "",
                   rule: str = "", q: str = "") -> Response:
    service = _service(request)
    store_of(service)
    account = await required(request, service)
    refuse_unless(account.role in ("officer", "admin"))
    shown_region = _region_for(account, region)
    refuse_unless(sees_region(account, shown_region))
    everything = await run_in_threadpool(_history, service, region=shown_region)
    quarters = everything["quarters"]
    chosen = _parsed_quarter(quarter) or (quarters[-1] if quarters else None)
    data = (await run_in_threadpool(_history, service, region=shown_region, first=chosen,
                                    last=chosen)) if chosen else {"clinics": []}
    rows = _rows(data)
    rules = sorted({rule for row in rows for rule in row.statuses})
    rule = rule if rule in rules else ""
    rows = _sorted(_filtered(rows, status, rule, q), sort if sort in rules else "clinic", order)
    return render(request, service, account, "overview.html", {
        "region": shown_region, "regions": REGIONS if account.role == "admin" else (),
        "quarters": quarters, "quarter": chosen, "rows": rows, "rules": rules,
        "sort": sort if sort in rules else "clinic", "order": "desc" if order == "desc"
        else "asc", "status": status if status in STATUSES else "", "q": q,
        "rule": rule, "statuses": STATUSES,
        "query": _query(page_lang(request, service), shown_region, chosen, status, rule, q)})


def _rows(data: dict[str, Any]) -> list[Row]:
    return [Row(c["hsa_id"], c["name"],
                {line["rule"]: line["quarters"][0]["status"] for line in c["rules"]
                 if line["quarters"]})
            for c in data["clinics"]]


def _filtered(rows: list[Row], status: str, rule: str, q: str) -> list[Row]:
    """Rows whose ``rule`` (any rule, when none is chosen) has ``status``, and whose clinic's
    name or HSA-id contains ``q``."""
    needle = q.strip().casefold()

    def has_status(row: Row) -> bool:
        seen = [row.statuses.get(rule, "gap")] if rule else list(row.statuses.values())
        return not status or status in seen

    return [r for r in rows if has_status(r)
            and (not needle or needle in r.name.casefold() or needle in r.hsa_id.casefold())]


def _sorted(rows: list[Row], sort: str, order: str) -> list[Row]:
    def key(row: Row) -> tuple[Any, ...]:
        if sort == "clinic":
            return (row.name.casefold(), row.hsa_id)
        return (_RANK.get(row.statuses.get(sort, "gap"), 5), row.name.casefold())

    return sorted(rows, key=key, reverse=order == "desc")


def _query(lang: str, region: str, quarter: str | None, status: str, rule: str,
           q: str) -> str:
    kept = {"lang": lang, "region": region, "quarter": quarter or "", "status": status,
            "rule": rule, "q": q}
    return urlencode({k: v for k, v in kept.items() if v})


@router.get("/clinics/{hsa_id}")
async def clinic_page(request: Request, hsa_id: str) -> Response:
    service = _service(request)
    store_of(service)
    account = await required(request, service)
    regions = await run_in_threadpool(lambda: store_of(service).clinics())
    region = regions.get(hsa_id)
    refuse_unless(region is not None and sees_clinic(account, hsa_id, region))
    data = await run_in_threadpool(_history, service, clinic=hsa_id)
    return render(request, service, account, "history.html",
                  {"clinic": data["clinics"][0], "quarters": data["quarters"]})
