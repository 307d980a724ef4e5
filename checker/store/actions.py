"""The office's follow-up steps per clinic and rule: åtgärdsplan, erinran, vite, closed.

Append-only like the rest of the store: a step is a new row with who and when; the latest
step of a clinic's rule is where its follow-up stands. An action is open until a ``closed``
step, and overdue when open past the due date of its latest step that has one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import insert, select
from vardval.checker.store.errors import StoreError
from vardval.checker.store.record import now
from vardval.checker.store.schema import actions

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sqlalchemy import Connection

STEPS = ("atgardsplan", "erinran", "vite", "closed")
LABELS = {"sv": {"atgardsplan": "åtgärdsplan begärd", "erinran": "erinran", "vite": "vite",
                 "closed": "avslutad"},
          "en": {"atgardsplan": "action plan requested", "erinran": "formal reminder (erinran)",
                 "vite": "fine (vite)", "closed": "closed"}}
_HSA = re.compile(r"SE[0-9]{10}-[0-9A-Za-z]{1,31}")


@dataclass(frozen=True, slots=True)
class Step:
    """One recorded follow-up step."""

    id: int
    hsa_id: str
    rule_id: str
    period: str | None
    kind: str
    due: str | None
    note: str
    actor: str
    recorded_at: str


@dataclass(frozen=True, slots=True)
class FollowUp:
    """Where one clinic's follow-up of one rule stands: its steps, oldest first."""

    hsa_id: str
    rule_id: str
    steps: tuple[Step, ...]

    @property
    def open(self) -> bool:
        return self.steps[-1].kind != "closed"

    @property
    def due(self) -> str | None:
        return next((s.due for s in reversed(self.steps) if s.due), None)

    def overdue(self, today: dt.date) -> bool:
        return self.open and self.due is not None and self.due < today.isoformat()


def check_step(hsa_id: str, kind: str, actor: str, due: str | None) -> None:
    """Refuse a step a reader could not act on, saying what to write instead."""
    if not _HSA.fullmatch(hsa_id):
        raise StoreError.about("--clinic", f"'{hsa_id}' är inget HSA-id; skriv t.ex. "
                               "SE2321000065-E000000000123.", f"'{hsa_id}' is not an HSA-id; write "
                               "e.g. SE2321000065-E000000000123.")
    if kind not in STEPS:
        raise StoreError.about("--step", f"okänt steg '{kind}'; välj {', '.join(STEPS)}.",
                               f"unknown step '{kind}'; choose {', '.join(STEPS)}.")
    if not actor.strip():
        raise StoreError.about("--by", "ange vem som beslutade steget.",
                               "say who decided the step.")
    if kind == "atgardsplan" and due is None:
        raise StoreError.about("--due", "en begärd åtgärdsplan behöver ett sista datum (--due "
                               "2026-03-31).", "a requested action plan needs a due date (--due "
                               "2026-03-31).")
    if due is not None:
        try:
            dt.date.fromisoformat(due)
        except ValueError:
            raise StoreError.about("--due", f"'{due}' är inget datum; skriv t.ex. 2026-03-31.",
                                   f"'{due}' is not a date; write e.g. 2026-03-31.") from None


def add_step(connection: Connection, step: dict[str, str | None]) -> int:
    """Append one step (keys as ``Step``'s without id and time); returns its id."""
    row = connection.execute(insert(actions).values(**step, recorded_at=now()))
    key = row.inserted_primary_key
    assert key is not None  # an INSERT of one row always has its key
    return int(key[0])


def follow_ups(connection: Connection, hsa_ids: Iterable[str] | None = None) -> list[FollowUp]:
    """Every clinic's follow-ups (or those of ``hsa_ids``), by clinic and rule."""
    query = select(actions).order_by(actions.c.hsa_id, actions.c.rule_id, actions.c.id)
    if hsa_ids is not None:
        query = query.where(actions.c.hsa_id.in_(list(hsa_ids)))
    grouped: dict[tuple[str, str], list[Step]] = {}
    for row in connection.execute(query):
        step = Step(row.id, row.hsa_id, row.rule_id, row.period, row.kind, row.due, row.note,
                    row.actor, row.recorded_at)
        grouped.setdefault((row.hsa_id, row.rule_id), []).append(step)
    return [FollowUp(h, r, tuple(steps)) for (h, r), steps in grouped.items()]
