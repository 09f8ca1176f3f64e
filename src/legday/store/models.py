"""Tables. Loads are kilograms; timestamps of training are local wall time as the source gave them.

JSON columns hold documents whose shape belongs to the domain (plans, assessment results, plan
profiles) so that the domain can grow without a migration for every new field.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names so Alembic migrations read the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


LOCAL_USER = "kind = 'local'"


def postgresql_options() -> None:
    """The partial index of the local user on PostgreSQL (see ``User``); idempotent."""
    for index in Base.metadata.tables["app_user"].indexes:
        if index.name == "uq_app_user_local":
            options = index.dialect_options["postgresql"]
            if options["where"] is None:
                options["where"] = text(LOCAL_USER)


class User(Base):
    """An account: a person who signs in to the server, or the CLI's one local user (migration
    0003 creates it and gives it every athlete the database held)."""

    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint("kind IN ('local', 'person')", name="kind"),
        # At most one local user: the CLI's actor is found by kind. Its PostgreSQL form is
        # attached by postgresql_options(), called when a PostgreSQL engine is made: naming
        # postgresql_where here loaded SQLAlchemy's PostgreSQL dialect (asyncio with it) in every
        # process, SQLite ones too (~40 ms of an everyday command's start).
        Index("uq_app_user_local", "kind", unique=True, sqlite_where=text(LOCAL_USER)),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str | None] = mapped_column(String(320), unique=True)  # stored lower-cased
    display_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10), default="person")
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    password_hash: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class Athlete(Base):
    __tablename__ = "athlete"
    __table_args__ = (
        # Names are unique per owner whatever their case, decided by the database (two processes
        # adding "Ann" and "ANN" at once: one row, one conflict).
        Index("uq_athlete_owner_name", "owner_id", func.lower(text("name")), unique=True),
        Index("ix_athlete_owner", "owner_id"),
        CheckConstraint("unit IN ('kg', 'lb')", name="unit"),
        CheckConstraint("sex IS NULL OR sex IN ('female', 'male')", name="sex"),
        CheckConstraint("level IN ('beginner', 'intermediate', 'advanced')", name="level"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date | None] = mapped_column(Date)
    age_years: Mapped[int | None] = mapped_column(Integer)
    sex: Mapped[str | None] = mapped_column(String(10))
    body_mass_kg: Mapped[float | None] = mapped_column(Float)
    height_cm: Mapped[float | None] = mapped_column(Float)
    level: Mapped[str] = mapped_column(String(20), default="beginner")
    unit: Mapped[str] = mapped_column(String(2), default="kg")
    limitations: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # Plan inputs (goals, days, minutes, equipment, sport…), plates and progression settings.
    profile: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )

    sessions: Mapped[list[TrainingSession]] = relationship(
        back_populates="athlete", cascade="all, delete-orphan", passive_deletes=True
    )


class TrainingSession(Base):
    __tablename__ = "training_session"
    __table_args__ = (
        UniqueConstraint("athlete_id", "source", "source_key", name="uq_session_source_key"),
        Index("ix_session_athlete_start", "athlete_id", "started_at"),
        # ids are never reused after a delete (migration 0002; PostgreSQL sequences never are)
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    timezone: Mapped[str | None] = mapped_column(String(64))  # None: local, zone unknown
    duration_s: Mapped[int | None] = mapped_column(Integer)
    session_rpe: Mapped[float | None] = mapped_column(Float)
    name: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20), default="legday")
    source_key: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(10), default="closed")  # open while in gym mode
    plan_ref: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # plan id, week, day
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    athlete: Mapped[Athlete] = relationship(back_populates="sessions")
    sets: Mapped[list[SetEntry]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="SetEntry.seq",
    )


class SetEntry(Base):
    __tablename__ = "set_entry"
    __table_args__ = (
        UniqueConstraint("athlete_id", "dedupe_key", name="uq_set_dedupe"),
        Index("ix_set_athlete_exercise", "athlete_id", "exercise_id"),
        Index("ix_set_session", "session_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id", ondelete="CASCADE"))
    # Denormalised so analytics and the dedupe key need no join.
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)  # order within the session
    exercise_id: Mapped[str | None] = mapped_column(String(100))  # None: not in the catalog
    exercise_raw: Mapped[str] = mapped_column(String(300))
    exercise_occurrence: Mapped[int] = mapped_column(Integer, default=1)
    position: Mapped[int] = mapped_column(Integer, default=1)
    set_type: Mapped[str] = mapped_column(String(10), default="working")
    load_kg: Mapped[float | None] = mapped_column(Float)
    load_basis: Mapped[str] = mapped_column(String(12), default="external")
    reps: Mapped[int | None] = mapped_column(Integer)
    rpe: Mapped[float | None] = mapped_column(Float)
    rir: Mapped[float | None] = mapped_column(Float)
    side: Mapped[str] = mapped_column(String(5), default="both")
    duration_s: Mapped[float | None] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)
    contacts: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    source_row: Mapped[str | None] = mapped_column(Text)
    source_line: Mapped[int | None] = mapped_column(Integer)
    dedupe_key: Mapped[str | None] = mapped_column(String(400))

    session: Mapped[TrainingSession] = relationship(back_populates="sets")


class Assessment(Base):
    __tablename__ = "assessment"
    __table_args__ = (Index("ix_assessment_athlete_test", "athlete_id", "test_id", "taken_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    test_id: Mapped[str] = mapped_column(String(50))
    taken_on: Mapped[date] = mapped_column(Date)
    value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(20))
    rating: Mapped[str | None] = mapped_column(String(10))
    flags: Mapped[list[Any]] = mapped_column(JSON, default=list)
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # the full scoring output
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class Plan(Base):
    __tablename__ = "plan"
    __table_args__ = (Index("ix_plan_athlete_current", "athlete_id", "is_current"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    family: Mapped[str | None] = mapped_column(String(50))
    start_date: Mapped[date | None] = mapped_column(Date)
    weeks: Mapped[int | None] = mapped_column(Integer)
    seed: Mapped[int | None] = mapped_column(Integer)
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    body: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # the plan JSON contract
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class ExerciseMapping(Base):
    """A user's answer to "what is this exercise name from my other app?" (per athlete)."""

    __tablename__ = "exercise_mapping"
    __table_args__ = (UniqueConstraint("athlete_id", "raw_key", name="uq_mapping_raw"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    raw_key: Mapped[str] = mapped_column(String(300))  # normalised raw name
    raw_name: Mapped[str] = mapped_column(String(300))
    exercise_id: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class DailyAggregate(Base):
    """Per athlete, day, pattern and muscle: kept current on every write so team-scale analytics
    read a small dense table instead of every set (docs/evidence/load-monitoring.md#speed)."""

    __tablename__ = "daily_aggregate"

    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athlete.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    pattern: Mapped[str] = mapped_column(String(30), primary_key=True)
    muscle: Mapped[str] = mapped_column(String(40), primary_key=True)
    hard_sets: Mapped[float] = mapped_column(Float, default=0.0)  # muscle-weighted
    working_sets: Mapped[int] = mapped_column(Integer, default=0)
    tonnage_kg: Mapped[float] = mapped_column(Float, default=0.0)  # muscle-weighted
    contacts: Mapped[int] = mapped_column(Integer, default=0)


class DailyLoad(Base):
    """Per athlete and day: Foster session-RPE load and minutes, each session counted once."""

    __tablename__ = "daily_load"

    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athlete.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    load: Mapped[float] = mapped_column(Float, default=0.0)
    minutes: Mapped[float] = mapped_column(Float, default=0.0)
    sessions: Mapped[int] = mapped_column(Integer, default=0)
    lower_sets: Mapped[int] = mapped_column(Integer, default=0)
    all_sets: Mapped[int] = mapped_column(Integer, default=0)


class CareLink(Base):
    """A coach's or physio's access to one athlete, which only the athlete's side accepts
    (docs/architecture.md#actors). Revoking ends access on the next request; it deletes nothing."""

    __tablename__ = "care_link"
    __table_args__ = (
        CheckConstraint("role IN ('coach', 'physio')", name="role"),
        CheckConstraint(
            "status IN ('invited', 'accepted', 'declined', 'revoked', 'expired')", name="status"
        ),
        Index("ix_care_link_member_status", "member_id", "status"),
        Index("ix_care_link_athlete", "athlete_id"),
        Index("ix_care_link_invited_email", "invited_email"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # NULL while an invitation by e-mail waits for an account with that address (migration 0006).
    # Typed int: every link that grants anything (accepted) has its athlete; only the care-link
    # use-cases meet a waiting one, and they check.
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athlete.id", ondelete="CASCADE"), nullable=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10), default="invited")
    invited_email: Mapped[str | None] = mapped_column(String(320))
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)


class CareLinkScope(Base):
    """One scope granted by a care link (a row each, so the access rule is one indexed join)."""

    __tablename__ = "care_link_scope"
    __table_args__ = (
        CheckConstraint(
            "scope IN ('view_training', 'view_assessments', 'view_health', 'write_plan', "
            "'comment', 'log_for_athlete')",
            name="scope",
        ),
    )

    care_link_id: Mapped[int] = mapped_column(
        ForeignKey("care_link.id", ondelete="CASCADE"), primary_key=True
    )
    scope: Mapped[str] = mapped_column(String(30), primary_key=True)
