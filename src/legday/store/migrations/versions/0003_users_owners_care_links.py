"""accounts own athletes; care links grant scoped access

Athletes get an owner (``app_user``); their names become unique per owner whatever their case
(a unique index on lower(name)), replacing the database-wide, case-sensitive unique name. The
CLI's local user is created here and owns every athlete the database already held, so a user's
file reads as before. Care links and their scopes are the only way another account reaches an
athlete (docs/architecture.md#actors). Unit, sex and level get CHECK constraints.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_SCOPES = (
    "'view_training', 'view_assessments', 'view_health', 'write_plan', 'comment', 'log_for_athlete'"
)


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("password_hash", sa.String(length=300), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint("kind IN ('local', 'person')", name=op.f("ck_app_user_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("email", name=op.f("uq_app_user_email")),
    )
    op.create_index(
        "uq_app_user_local",
        "app_user",
        ["kind"],
        unique=True,
        sqlite_where=sa.text("kind = 'local'"),
        postgresql_where=sa.text("kind = 'local'"),
    )
    users = sa.table(
        "app_user",
        sa.column("id", sa.Integer()),
        sa.column("display_name", sa.String()),
        sa.column("kind", sa.String()),
        sa.column("is_admin", sa.Boolean()),
    )
    op.execute(users.insert().values(display_name="local user", kind="local", is_admin=False))

    with op.batch_alter_table("athlete") as batch:
        batch.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
    op.execute("UPDATE athlete SET owner_id = (SELECT id FROM app_user WHERE kind = 'local')")
    with op.batch_alter_table("athlete") as batch:
        batch.alter_column("owner_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_constraint("uq_athlete_name", type_="unique")
        batch.create_foreign_key(
            op.f("fk_athlete_owner_id_app_user"),
            "app_user",
            ["owner_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_check_constraint(op.f("ck_athlete_unit"), "unit IN ('kg', 'lb')")
        batch.create_check_constraint(
            op.f("ck_athlete_sex"), "sex IS NULL OR sex IN ('female', 'male')"
        )
        batch.create_check_constraint(
            op.f("ck_athlete_level"), "level IN ('beginner', 'intermediate', 'advanced')"
        )
    op.create_index("ix_athlete_owner", "athlete", ["owner_id"])
    op.create_index(
        "uq_athlete_owner_name", "athlete", ["owner_id", sa.text("lower(name)")], unique=True
    )

    op.create_table(
        "care_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("role IN ('coach', 'physio')", name=op.f("ck_care_link_role")),
        sa.CheckConstraint(
            "status IN ('invited', 'accepted', 'declined', 'revoked', 'expired')",
            name=op.f("ck_care_link_status"),
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athlete.id"],
            name=op.f("fk_care_link_athlete_id_athlete"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["app_user.id"],
            name=op.f("fk_care_link_member_id_app_user"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["app_user.id"],
            name=op.f("fk_care_link_created_by_id_app_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_link")),
    )
    op.create_index("ix_care_link_member_status", "care_link", ["member_id", "status"])
    op.create_index("ix_care_link_athlete", "care_link", ["athlete_id"])
    op.create_table(
        "care_link_scope",
        sa.Column("care_link_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=30), nullable=False),
        sa.CheckConstraint(f"scope IN ({_SCOPES})", name=op.f("ck_care_link_scope_scope")),
        sa.ForeignKeyConstraint(
            ["care_link_id"],
            ["care_link.id"],
            name=op.f("fk_care_link_scope_care_link_id_care_link"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("care_link_id", "scope", name=op.f("pk_care_link_scope")),
    )


def downgrade() -> None:
    op.drop_table("care_link_scope")
    op.drop_index("ix_care_link_athlete", table_name="care_link")
    op.drop_index("ix_care_link_member_status", table_name="care_link")
    op.drop_table("care_link")
    op.drop_index("uq_athlete_owner_name", table_name="athlete")
    op.drop_index("ix_athlete_owner", table_name="athlete")
    with op.batch_alter_table("athlete") as batch:
        batch.drop_constraint(op.f("ck_athlete_level"), type_="check")
        batch.drop_constraint(op.f("ck_athlete_sex"), type_="check")
        batch.drop_constraint(op.f("ck_athlete_unit"), type_="check")
        batch.drop_constraint(op.f("fk_athlete_owner_id_app_user"), type_="foreignkey")
        batch.drop_column("owner_id")
        batch.create_unique_constraint("uq_athlete_name", ["name"])
    op.drop_index("uq_app_user_local", table_name="app_user")
    op.drop_table("app_user")
