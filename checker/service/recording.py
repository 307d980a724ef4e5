"""Recording a checked submission in the store, for whom it is allowed.

A clinic user records for its own clinics only, an administrator for any; the office reads,
it does not submit. A submission for a clinic that is not the caller's is answered as not
found. The store keeps a file with the same bytes and corpus once (``store.record``), so a
retried request is recorded exactly once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vardval.checker.service.access import refuse_unless

if TYPE_CHECKING:
    from vardval.checker.service.checking import Checked
    from vardval.checker.service.state import Service
    from vardval.checker.store import Account, Recorded


def may_record(service: Service, account: Account | None) -> bool:
    return (service.store is not None and account is not None
            and account.role in ("clinic", "admin"))


def record(service: Service, account: Account | None, checked: Checked,
           raw: bytes) -> Recorded | None:
    """Record ``checked`` for ``account``; not found unless it may."""
    refuse_unless(may_record(service, account) and checked.result.valid)
    assert service.store is not None
    assert account is not None
    clinic = checked.result.clinic or {}
    refuse_unless(account.role == "admin" or clinic.get("hsa_id") in account.clinics)
    return service.store.record(service.ruleset, checked.result, raw)
