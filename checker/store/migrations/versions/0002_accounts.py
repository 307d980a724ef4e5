"""Who may use ``vardval serve``: users with one role, their clinics, hashed API tokens.

Append-only like the first schema: a token is revoked by a row in ``token_revocations``, a
user's role is never rewritten (a new user is made instead).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

TABLES = ("users", "user_clinics", "tokens", "token_revocations")

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(120), nullable=False, unique=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("region", sa.String(40), nullable=True),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "user_clinics",
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), primary_key=True),
        sa.Column("hsa_id", sa.String(64), primary_key=True),
    )
    op.create_table(
        "tokens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "token_revocations",
        sa.Column("token_id", sa.Integer, sa.ForeignKey("tokens.id"), primary_key=True),
        sa.Column("revoked_at", sa.String(32), nullable=False),
    )
    _append_only()


def _append_only() -> None:
    if op.get_bind().dialect.name == "postgresql":  # the function is the first schema's
        for table in TABLES:
            op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION vardval_append_only()")
        return
    for table in TABLES:
        for event in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                       "BEGIN SELECT RAISE(ABORT, 'the vardval store is append-only'); END")


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
