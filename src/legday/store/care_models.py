"""Tables of the pages for coaches and clinics (migration 0005): comments on a session, the home
sessions of a physio's client (adherence and pain) and calendar subscriptions.

A calendar subscription's secret is stored only as its SHA-256 digest, like the API tokens: a copy
of the database gives nobody a live feed.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from legday.store.models import Base


class SessionComment(Base):
    """A coach's or physio's comment on one training session, which the athlete reads."""

    __tablename__ = "session_comment"
    __table_args__ = (Index("ix_session_comment_session", "session_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id", ondelete="CASCADE"))
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", ondelete="SET NULL")
    )  # None once the author's account is deleted; the name stays
    author_name: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class HomeSession(Base):
    """One day of a home programme: done, partly or not, the pain felt during the exercises
    (0–10) and whether it had settled by the next morning."""

    __tablename__ = "home_session"
    __table_args__ = (UniqueConstraint("athlete_id", "done_on", name="uq_home_session_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    done_on: Mapped[date] = mapped_column(Date)
    adherence: Mapped[str] = mapped_column(String(10))  # done | partly | not
    pain_during: Mapped[int | None] = mapped_column(Integer)
    settled_by_morning: Mapped[bool | None] = mapped_column(Boolean)
    notes: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class CalendarFeed(Base):
    """A secret address serving an athlete's current plan as iCalendar to a phone's calendar."""

    __tablename__ = "calendar_feed"
    __table_args__ = (Index("ix_calendar_feed_user", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
