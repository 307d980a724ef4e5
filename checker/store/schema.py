"""The store's tables (SQLAlchemy Core); the migrations in ``migrations/`` create them.

Every table is append-only: vardval inserts rows and never updates or deletes one. A clinic's
resubmission of a quarter is a new ``submissions`` row with the next ``revision``.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

#: One checked submission file: its bytes, who and when it concerns, and what checked it.
submissions = Table(
    "submissions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("hsa_id", String(64), nullable=False),
    Column("region", String(40), nullable=False),
    Column("clinic_name", Text, nullable=False),
    Column("period", String(7), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("file", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("vardval_version", String(40), nullable=False),
    Column("rules_digest", String(80), nullable=False),
    Column("recorded_at", String(32), nullable=False),
    UniqueConstraint("hsa_id", "period", "revision", name="uq_submission_revision"),
)
Index("ix_submissions_clinic_period", submissions.c.hsa_id, submissions.c.period)
Index("ix_submissions_region_period", submissions.c.region, submissions.c.period)

#: Every rule's finding for one submission, as ``check`` reported it.
findings = Table(
    "findings", metadata,
    Column("submission_id", Integer, ForeignKey("submissions.id"), primary_key=True),
    Column("rule_id", String(64), primary_key=True),
    Column("status", String(16), nullable=False),
    Column("severity", String(8), nullable=False),
    Column("version_from", String(10), nullable=True),
    # what decided apart from the clinic's data: the rule version and the parameter values read
    Column("basis", String(64), nullable=False),
    Column("message", Text, nullable=False),  # JSON {lang: text}
    Column("missing", Text, nullable=False),  # JSON [field, …]
    Column("waiver", Text, nullable=True),  # JSON, the results contract's ``waiver``
)

#: A rule corpus by its digest, the files it was read from, so ``replay`` can re-check.
corpora = Table(
    "corpora", metadata,
    Column("digest", String(80), primary_key=True),
    Column("files", LargeBinary, nullable=False),  # zlib-compressed JSON {path: text}
    Column("recorded_at", String(32), nullable=False),
)

#: The office's follow-up steps about a clinic's rule: åtgärdsplan, erinran, vite, closed.
actions = Table(
    "actions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("hsa_id", String(64), nullable=False),
    Column("rule_id", String(64), nullable=False),
    Column("period", String(7), nullable=True),
    Column("kind", String(16), nullable=False),
    Column("due", String(10), nullable=True),
    Column("note", Text, nullable=False),
    Column("actor", Text, nullable=False),
    Column("recorded_at", String(32), nullable=False),
)
Index("ix_actions_clinic_rule", actions.c.hsa_id, actions.c.rule_id)

#: Who may use the service: a name, one role, and for a region officer the region.
users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(120), nullable=False, unique=True),
    Column("role", String(16), nullable=False),  # clinic, officer, admin
    Column("region", String(40), nullable=True),
    Column("created_at", String(32), nullable=False),
)

#: The clinics (HSA-ids) a clinic user acts for.
user_clinics = Table(
    "user_clinics", metadata,
    Column("user_id", Integer, ForeignKey("users.id"), primary_key=True),
    Column("hsa_id", String(64), primary_key=True),
)

#: API tokens, kept only as the SHA-256 of the token: the token itself is shown once.
tokens = Table(
    "tokens", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("label", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)

#: A revoked token (append-only like the rest: revoking is a row, not an update).
token_revocations = Table(
    "token_revocations", metadata,
    Column("token_id", Integer, ForeignKey("tokens.id"), primary_key=True),
    Column("revoked_at", String(32), nullable=False),
)
