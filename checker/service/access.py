"""Who is asking, and what they may see.

A caller is known by an API token (``Authorization: Bearer …``), by the web session made when
a token was entered on the login page, or, only when the connection comes from a configured
proxy address, by the identity header that proxy sets after the region's single sign-on.
Anything a caller may not see is answered exactly as something that does not exist
(``problems.not_found``): the same status and bytes, so a refusal tells nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from vardval.checker.service.problems import Problem, not_found
from vardval.checker.store import (
    Account,
    account_for_digest,
    account_for_token,
    account_named,
)

if TYPE_CHECKING:
    from starlette.requests import HTTPConnection
    from vardval.checker.service.state import Service

SESSION_KEY = "token"  # the session keeps the token's digest, never the token


def unauthorized() -> Problem:
    return Problem("unauthorized", {
        "sv": "Ange en API-nyckel: Authorization: Bearer <nyckel>.",
        "en": "Give an API token: Authorization: Bearer <token>."},
        headers={"WWW-Authenticate": 'Bearer realm="vardval"'})


async def account_of(request: HTTPConnection, service: Service) -> Account | None:
    """The caller's account, None when anonymous (or the service has no store)."""
    if service.store is None:
        return None
    if "account" in request.scope:  # found once per request
        found: Account | None = request.scope["account"]
        return found
    found = await run_in_threadpool(_find, request, service)
    request.scope["account"] = found
    return found


def _find(request: HTTPConnection, service: Service) -> Account | None:
    assert service.store is not None
    config = service.config
    bearer = request.headers.get("authorization", "")
    peer = request.client.host if request.client else None
    with service.store.reading() as connection:
        if bearer[:7].lower() == "bearer ":
            return account_for_token(connection, bearer[7:].strip())
        named = request.headers.get(config.identity_header)
        if named and config.trusts(peer):
            return account_named(connection, named.strip())
        digest = request.session.get(SESSION_KEY) if "session" in request.scope else None
        return account_for_digest(connection, digest) if isinstance(digest, str) else None


async def required(request: HTTPConnection, service: Service) -> Account:
    """The caller's account; 401 when there is none."""
    found = await account_of(request, service)
    if found is None:
        raise unauthorized()
    return found


async def may_check(request: HTTPConnection, service: Service) -> Account | None:
    """Anyone when the operator enabled the public self-check, else a signed-in caller."""
    if service.config.public_check:
        return await account_of(request, service)
    return await required(request, service)


def sees_clinic(account: Account, hsa_id: str, region: str | None) -> bool:
    """A clinic user its own clinics, an officer the clinics of their region, an admin all."""
    if account.role == "admin":
        return True
    if account.role == "officer":
        return region is not None and region == account.region
    return hsa_id in account.clinics


def sees_region(account: Account, region: str) -> bool:
    return account.role == "admin" or (account.role == "officer" and account.region == region)


def acts_for_region(account: Account, region: str | None) -> bool:
    """Who may record the office's follow-up decisions about a region's clinic."""
    return region is not None and sees_region(account, region)


def refuse_unless(allowed: bool) -> None:
    if not allowed:
        raise not_found()
