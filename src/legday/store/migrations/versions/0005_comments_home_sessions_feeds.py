"""comments on sessions, home sessions (adherence and pain), calendar subscriptions

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "session_comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("session_comment", "session_id", "training_session"),
        _fk("session_comment", "athlete_id", "athlete"),
        _fk("session_comment", "author_id", "app_user", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_comment")),
    )
    op.create_index("ix_session_comment_session", "session_comment", ["session_id", "id"])
    op.create_table(
        "home_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("adherence", sa.String(length=10), nullable=False),
        sa.Column("pain_during", sa.Integer(), nullable=True),
        sa.Column("settled_by_morning", sa.Boolean(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        _fk("home_session", "athlete_id", "athlete"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_home_session")),
        sa.UniqueConstraint("athlete_id", "done_on", name="uq_home_session_day"),
    )
    op.create_table(
        "calendar_feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        _fk("calendar_feed", "user_id", "app_user"),
        _fk("calendar_feed", "athlete_id", "athlete"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_feed")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_calendar_feed_token_hash")),
    )
    op.create_index("ix_calendar_feed_user", "calendar_feed", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_calendar_feed_user", table_name="calendar_feed")
    op.drop_table("calendar_feed")
    op.drop_table("home_session")
    op.drop_index("ix_session_comment_session", table_name="session_comment")
    op.drop_table("session_comment")
