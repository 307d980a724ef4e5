"""The first schema: submissions, findings, corpora and follow-up actions, append-only.

Triggers refuse every UPDATE and DELETE, so no program (vardval or another) can rewrite what
was recorded; a correction is a new row.

Revision ID: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

TABLES = ("submissions", "findings", "corpora", "actions")

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("hsa_id", sa.String(64), nullable=False),
        sa.Column("region", sa.String(40), nullable=False),
        sa.Column("clinic_name", sa.Text, nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("vardval_version", sa.String(40), nullable=False),
        sa.Column("rules_digest", sa.String(80), nullable=False),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        sa.UniqueConstraint("hsa_id", "period", "revision", name="uq_submission_revision"),
    )
    op.create_index("ix_submissions_clinic_period", "submissions", ["hsa_id", "period"])
    op.create_index("ix_submissions_region_period", "submissions", ["region", "period"])
    op.create_table(
        "findings",
        sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id"),
                  primary_key=True),
        sa.Column("rule_id", sa.String(64), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("severity", sa.String(8), nullable=False),
        sa.Column("version_from", sa.String(10), nullable=True),
        sa.Column("basis", sa.String(64), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("missing", sa.Text, nullable=False),
        sa.Column("waiver", sa.Text, nullable=True),
    )
    op.create_table(
        "corpora",
        sa.Column("digest", sa.String(80), primary_key=True),
        sa.Column("files", sa.LargeBinary, nullable=False),
        sa.Column("recorded_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "actions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("hsa_id", sa.String(64), nullable=False),
        sa.Column("rule_id", sa.String(64), nullable=False),
        sa.Column("period", sa.String(7), nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("due", sa.String(10), nullable=True),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_actions_clinic_rule", "actions", ["hsa_id", "rule_id"])
    _append_only()


def _append_only() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE FUNCTION vardval_append_only() RETURNS trigger LANGUAGE plpgsql AS "
                   "$$ BEGIN RAISE EXCEPTION 'the vardval store is append-only'; END $$")
        for table in TABLES:
            op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION vardval_append_only()")
        return
    for table in TABLES:
        for event in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                       "BEGIN SELECT RAISE(ABORT, 'the vardval store is append-only'); END")


def downgrade() -> None:
    op.drop_table("actions")
    op.drop_table("corpora")
    op.drop_table("findings")
    op.drop_table("submissions")
