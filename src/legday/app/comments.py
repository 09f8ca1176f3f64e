"""Comments on a training session: a coach or physio whose accepted care link holds the
``comment`` scope writes one; the athlete (and whoever may see the session) reads them. The access
rule decides both through the tenant filter (docs/architecture.md#actors)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from legday.app.db import Database
from legday.domain.access import Actor
from legday.domain.errors import InvalidInput, NotFound
from legday.store import comments as store
from legday.store import sessions
from legday.store.care_models import SessionComment
from legday.store.models import TrainingSession

MAX_CHARS = 2000  # a comment, not a report: long enough for a paragraph of advice


@dataclass(frozen=True)
class CommentView:
    id: int
    session_id: int
    athlete_id: int
    author_id: int | None
    author_name: str
    body: str
    created_at: datetime  # UTC
    session_started_at: datetime | None = None  # the athlete's wall clock, when listed by athlete

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "session_id": self.session_id,
            "athlete_id": self.athlete_id,
            "author_id": self.author_id,
            "author_name": self.author_name,
            "body": self.body,
            "created_at": self.created_at.replace(tzinfo=UTC).isoformat(),
            "session_started_at": (
                self.session_started_at.isoformat() if self.session_started_at else None
            ),
        }


def _view(c: SessionComment, started: datetime | None = None) -> CommentView:
    return CommentView(
        c.id, c.session_id, c.athlete_id, c.author_id, c.author_name, c.body, c.created_at, started
    )


def _session(s: Session, session_id: int) -> TrainingSession:
    t = sessions.get(s, session_id)
    if t is None:
        raise NotFound(f"no session with id {session_id}")
    return t


def clean_body(body: str) -> str:
    text = body.replace("\r\n", "\n").strip()  # a browser's textarea sends CR LF
    if not text:
        raise InvalidInput("the comment is empty", "write what the athlete should know")
    if len(text) > MAX_CHARS:
        raise InvalidInput(
            f"the comment has {len(text)} characters", f"at most {MAX_CHARS} characters"
        )
    return text


def add(db: Database, actor: Actor, session_id: int, body: str) -> CommentView:
    """A comment on session ``session_id``; someone who may not see the session, or whose link
    does not allow comments, gets NotFound as if the session did not exist."""
    text = clean_body(body)
    with db.write(actor) as s:
        t = _session(s, session_id)
        try:
            row = store.add(s, t, actor.user_id, text, datetime.now(UTC).replace(tzinfo=None))
        except NotFound:
            raise NotFound(f"no session with id {session_id}") from None
        return _view(row)


def of_session(db: Database, actor: Actor, session_id: int) -> list[CommentView]:
    """The session's comments, oldest first (read on the primary: a page shows them right after
    one was written)."""
    with db.read(actor, primary=True) as s:
        _session(s, session_id)
        return [_view(c) for c in store.of_session(s, session_id)]


def latest(db: Database, actor: Actor, athlete_id: int, limit: int = 5) -> list[CommentView]:
    """The athlete's newest comments, with the day of the session each is about."""
    with db.read(actor, primary=True) as s:
        return [_view(c, at) for c, at in store.latest_of_athlete(s, athlete_id, limit)]


def may_comment(db: Database, actor: Actor, athlete_id: int) -> bool:
    """Whether ``actor`` may comment on the athlete's sessions (the page offers the form then)."""
    with db.read(actor, primary=True) as s:
        return store.may_comment(s, athlete_id)
