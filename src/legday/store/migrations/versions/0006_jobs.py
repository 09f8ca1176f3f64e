"""background jobs (large imports and PDF reports, claimed by the server's worker threads);
care links invited by e-mail before the address has an account

An invitation by e-mail is stored whether or not the address has an account (answering
differently would tell anyone which addresses have accounts): ``care_link.athlete_id`` is NULL
until someone registers with ``invited_email``.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("progress_done", sa.Integer(), nullable=False),
        sa.Column("progress_total", sa.Integer(), nullable=False),
        sa.Column("progress_text", sa.String(length=200), nullable=True),
        sa.Column("worker", sa.String(length=100), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("result_data", sa.LargeBinary(), nullable=True),
        sa.Column("result_type", sa.String(length=100), nullable=True),
        sa.Column("result_name", sa.String(length=200), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["app_user.id"], name=op.f("fk_job_owner_id_app_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job")),
    )
    op.create_index("ix_job_status_id", "job", ["status", "id"])
    op.create_index("ix_job_owner", "job", ["owner_id"])
    with op.batch_alter_table("care_link") as batch:
        batch.alter_column("athlete_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("invited_email", sa.String(length=320), nullable=True))
        batch.create_index("ix_care_link_invited_email", ["invited_email"])


def downgrade() -> None:
    op.execute("DELETE FROM care_link WHERE athlete_id IS NULL")
    with op.batch_alter_table("care_link") as batch:
        batch.drop_index("ix_care_link_invited_email")
        batch.drop_column("invited_email")
        batch.alter_column("athlete_id", existing_type=sa.Integer(), nullable=False)
    op.drop_index("ix_job_owner", table_name="job")
    op.drop_index("ix_job_status_id", table_name="job")
    op.drop_table("job")
