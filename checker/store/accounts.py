"""Users, their roles and clinics, and API tokens kept as hashes.

A token is 32 random bytes shown once when it is made; the store keeps only its SHA-256. A
slow password hash buys nothing for a secret of that strength, and a plain digest lets a
token be found by an index look-up. Roles: ``clinic`` (acts for its HSA-ids), ``officer`` (a
region's vårdval office), ``admin``.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, Select, insert, select
from vardval.checker.store.errors import StoreError
from vardval.checker.store.record import now
from vardval.checker.store.schema import token_revocations, tokens, user_clinics, users
from vardval.checker.submission import REGIONS, facts

ROLES = ("clinic", "officer", "admin")
TOKEN_PREFIX = "vv_"  # noqa: S105 - a prefix that makes a leaked token recognisable
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,119}")
_HSA_ID = re.compile(facts.HSA_ID_PATTERN)


@dataclass(frozen=True, slots=True)
class Account:
    """Who is asking: a user, their role, the region of an officer, a clinic user's HSA-ids."""

    id: int
    name: str
    role: str
    region: str | None
    clinics: frozenset[str]


def token_digest(token: str) -> str:
    """What the store keeps of a token.

    Example:
        >>> token_digest("vv_abc")[:16]
        '0b107248f1611961'
    """
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()


def add_user(connection: Connection, name: str, role: str, *, region: str | None = None,
             clinics: tuple[str, ...] = ()) -> Account:
    """Make a user; a wrong name, role, region or HSA-id is refused in sv and en."""
    _check_user(connection, name, role, region, clinics)
    made = connection.execute(insert(users).values(
        name=name, role=role, region=region, created_at=now())).inserted_primary_key
    assert made is not None
    user_id = made[0]
    for hsa_id in sorted(set(clinics)):
        connection.execute(insert(user_clinics).values(user_id=user_id, hsa_id=hsa_id))
    return Account(int(user_id), name, role, region, frozenset(clinics))


def _check_user(connection: Connection, name: str, role: str, region: str | None,
                clinics: tuple[str, ...]) -> None:
    def refuse(sv: str, en: str) -> StoreError:
        return StoreError.about((f"användaren {name!r}", f"user {name!r}"), sv, en)

    if not _NAME.fullmatch(name):
        raise refuse("namnet får ha bokstäver a–z, siffror och . _ @ -, t.ex. anna.berg",
                     "a name has letters a–z, digits and . _ @ -, e.g. anna.berg")
    if role not in ROLES:
        raise refuse(f"okänd roll; välj en av {', '.join(ROLES)}",
                     f"unknown role; choose one of {', '.join(ROLES)}")
    if role == "officer" and region not in REGIONS:
        raise refuse(f"en regionhandläggare behöver --region, en av {', '.join(REGIONS)}",
                     f"a region officer needs --region, one of {', '.join(REGIONS)}")
    bad = [c for c in clinics if not _HSA_ID.match(c)]
    if role == "clinic" and (not clinics or bad):
        raise refuse("en vårdenhet behöver --clinic HSA-id, t.ex. SE5564321987-VCA1",
                     "a clinic user needs --clinic HSA-ID, e.g. SE5564321987-VCA1")
    if connection.execute(select(users.c.id).where(users.c.name == name)).first():
        raise refuse("finns redan", "exists already")


def issue_token(connection: Connection, name: str, label: str = "") -> str:
    """A new token for user ``name``; returned once, only its hash is stored."""
    row = connection.execute(select(users.c.id).where(users.c.name == name)).first()
    if row is None:
        raise StoreError.about((f"användaren {name!r}", f"user {name!r}"), "finns inte",
                               "does not exist")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    connection.execute(insert(tokens).values(user_id=row[0], sha256=token_digest(token),
                                             label=label, created_at=now()))
    return token


def revoke_tokens(connection: Connection, name: str) -> int:
    """Revoke every live token of user ``name``; how many were revoked."""
    live = connection.execute(_live().where(users.c.name == name)).all()
    for token_id, *_ in live:
        connection.execute(insert(token_revocations).values(token_id=token_id,
                                                            revoked_at=now()))
    return len(live)


def _live() -> Select[int, int, str, str, str | None]:
    """Tokens not revoked, with their user."""
    revoked = select(token_revocations.c.token_id)
    return (select(tokens.c.id, users.c.id, users.c.name, users.c.role, users.c.region)
            .join(users, users.c.id == tokens.c.user_id)
            .where(tokens.c.id.not_in(revoked)))


def account_for_token(connection: Connection, token: str) -> Account | None:
    """The account a live token belongs to, None for an unknown or revoked one."""
    return account_for_digest(connection, token_digest(token))


def account_for_digest(connection: Connection, digest: str) -> Account | None:
    """As ``account_for_token``, from the digest a web session keeps instead of the token."""
    row = connection.execute(_live().where(tokens.c.sha256 == digest)).first()
    return None if row is None else _account(connection, row[1], row[2], row[3], row[4])


def account_named(connection: Connection, name: str) -> Account | None:
    """The account of a user named by a trusted proxy's identity header."""
    row = connection.execute(select(users.c.id, users.c.name, users.c.role, users.c.region)
                             .where(users.c.name == name)).first()
    return None if row is None else _account(connection, *row)


def _account(connection: Connection, user_id: int, name: str, role: str,
             region: str | None) -> Account:
    clinics = connection.execute(select(user_clinics.c.hsa_id)
                                 .where(user_clinics.c.user_id == user_id)).scalars()
    return Account(user_id, name, role, region, frozenset(clinics))


def accounts(connection: Connection) -> list[Account]:
    rows = connection.execute(select(users.c.id, users.c.name, users.c.role, users.c.region)
                              .order_by(users.c.name)).all()
    return [_account(connection, *row) for row in rows]
