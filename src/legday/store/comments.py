"""The SQL of session comments. Statements run through the ORM, so the tenant filter applies:
a comment is read with its session's training data and written with the ``comment`` scope."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from legday.store.care_models import SessionComment
from legday.store.models import TrainingSession, User


def add(
    s: Session, session: TrainingSession, author_id: int, body: str, at: datetime
) -> SessionComment:
    author = s.get(User, author_id)
    row = SessionComment(
        session_id=session.id,
        athlete_id=session.athlete_id,
        author_id=author_id,
        author_name=author.display_name if author is not None else "",
        body=body,
        created_at=at,
    )
    s.add(row)
    s.flush()
    return row


def of_session(s: Session, session_id: int) -> Sequence[SessionComment]:
    return s.scalars(
        select(SessionComment)
        .where(SessionComment.session_id == session_id)
        .order_by(SessionComment.id)
    ).all()


def latest_of_athlete(
    s: Session, athlete_id: int, limit: int
) -> Sequence[tuple[SessionComment, datetime]]:
    """The athlete's newest comments with the start of the session each is about."""
    rows = s.execute(
        select(SessionComment, TrainingSession.started_at)
        .join(TrainingSession, TrainingSession.id == SessionComment.session_id)
        .where(SessionComment.athlete_id == athlete_id)
        .order_by(SessionComment.id.desc())
        .limit(limit)
    ).all()
    return [(c, started) for c, started in rows]


def may_comment(s: Session, athlete_id: int) -> bool:
    """Whether the unit of work's actor may comment on the athlete's sessions."""
    from legday.domain.access import Scope
    from legday.store.tenancy import actor_of, visible_athletes

    rule = visible_athletes(actor_of(s), Scope.COMMENT).subquery()
    return s.connection().scalar(select(rule.c[0]).where(rule.c[0] == athlete_id)) is not None
