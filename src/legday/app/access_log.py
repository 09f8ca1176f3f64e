"""The access log: every read of someone else's data, export, link change, refusal and sign-in.

Append-only (nothing here updates or deletes a row). An athlete reads the entries about their own
account and athletes with :func:`for_account` (``GET /api/v1/me/access-log``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from legday.app.db import Database
from legday.domain.access import Actor, Scope
from legday.domain.errors import NotFound
from legday.store import access_log as store
from legday.store.account_models import AccessLogEntry

PAGE_MAX = 200
MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL


def utc_text(at: datetime) -> str:
    return at.replace(tzinfo=UTC).isoformat()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def record(
    s: Session,
    *,
    actor_id: int | None,
    action: str,
    outcome: str = "ok",
    subject_user_id: int | None = None,
    athlete_id: int | None = None,
    target: str | None = None,
    ip: str | None = None,
) -> None:
    """Add one entry inside the caller's unit of work (it commits or rolls back with it)."""
    s.add(
        AccessLogEntry(
            at=_now(),
            actor_id=actor_id,
            subject_user_id=subject_user_id,
            athlete_id=athlete_id,
            action=action[:40],
            outcome=outcome,
            target=target[:300] if target else None,
            ip=ip[:64] if ip else None,
        )
    )


def note(
    db: Database,
    actor: Actor | None,
    action: str,
    *,
    outcome: str = "ok",
    athlete_id: int | None = None,
    subject_user_id: int | None = None,
    target: str | None = None,
    ip: str | None = None,
) -> None:
    """One entry in its own unit of work (a refusal is logged although the request failed)."""
    with db.write(db.local_actor()) as s:
        if athlete_id is not None and subject_user_id is None:
            subject_user_id = store.owner_of(s, athlete_id)
        record(
            s,
            actor_id=actor.user_id if actor is not None else None,
            action=action,
            outcome=outcome,
            subject_user_id=subject_user_id,
            athlete_id=athlete_id,
            target=target,
            ip=ip,
        )


@dataclass(frozen=True)
class LogPage:
    items: list[dict[str, Any]]
    next_cursor: int | None


def for_account(
    db: Database, actor: Actor, *, before: int | None = None, limit: int = 50
) -> LogPage:
    """Entries about the actor's account or the athletes they own, newest first."""
    limit = max(1, min(limit, PAGE_MAX))
    with db.read(actor, primary=True) as s:
        rows = store.about_account(s, actor.user_id, before, limit + 1)
        items = [
            {
                "id": e.id,
                "at": utc_text(e.at),
                "actor_id": e.actor_id,
                "actor_name": name,
                "action": e.action,
                "outcome": e.outcome,
                "athlete_id": e.athlete_id,
                "target": e.target,
            }
            for e, name in rows[:limit]
        ]
        last = int(rows[limit - 1][0].id) if len(rows) > limit else None
    return LogPage(items, last)


def open_athlete(
    db: Database,
    actor: Actor,
    athlete_id: int,
    scope: Scope | None,
    *,
    action: str,
    ip: str | None = None,
) -> None:
    """Refuse unless ``actor`` may use the athlete for ``scope`` — as NotFound, exactly like a
    missing athlete — logging the refusal when the athlete exists, and logging every use of
    someone else's athlete that is allowed."""
    if not 1 <= athlete_id <= MAX_ID:
        raise NotFound(f"no athlete with id {athlete_id}")
    with db.read(actor, primary=True) as s:
        found = store.athlete_right(s, actor, scope, athlete_id)
    decide(db, actor, athlete_id, found, action, ip, NotFound(f"no athlete with id {athlete_id}"))


def open_session(
    db: Database,
    actor: Actor,
    session_id: int,
    scope: Scope,
    *,
    action: str,
    ip: str | None = None,
) -> int:
    """The session's athlete id once the actor may use it for ``scope``; else NotFound as if the
    session did not exist (the athlete's id is not revealed). One query for both questions."""
    missing = NotFound(f"no session with id {session_id}")
    if not 1 <= session_id <= MAX_ID:
        raise missing
    with db.read(actor, primary=True) as s:
        found = store.session_right(s, actor, scope, session_id)
    decide(db, actor, found[0] if found else None, found, action, ip, missing)
    assert found is not None
    return int(found[0])


def open_assessment(
    db: Database,
    actor: Actor,
    assessment_id: int,
    write: bool,
    *,
    action: str,
    ip: str | None = None,
) -> int:
    """The recorded test's athlete id once the actor may read it (and, with ``write``, log for
    its athlete); else NotFound as if the test did not exist. Reading a health test (readiness)
    needs the health scope, any other test the assessments scope."""
    from legday.domain.access import HEALTH_TESTS

    missing = NotFound(f"no recorded test with id {assessment_id}")
    if not 1 <= assessment_id <= MAX_ID:
        raise missing
    with db.read(actor, primary=True) as s:
        test_id = store.test_id_of(s, assessment_id)
        if test_id is None:
            raise missing
        read = Scope.VIEW_HEALTH if test_id in HEALTH_TESTS else Scope.VIEW_ASSESSMENTS
        found = store.assessment_right(s, actor, read, assessment_id)
        if write and found is not None and found[2]:
            # Correcting a test needs both: seeing it, and logging for the athlete.
            found = store.assessment_right(s, actor, Scope.LOG_FOR_ATHLETE, assessment_id)
    decide(db, actor, found[0] if found else None, found, action, ip, missing)
    assert found is not None
    return int(found[0])


def decide(
    db: Database,
    actor: Actor,
    athlete_id: int | None,
    found: Any,
    action: str,
    ip: str | None,
    missing: NotFound,
) -> None:
    """Answer a check's ``found`` — (athlete id, owner id, allowed), or None when the row is
    missing: refuse with ``missing`` (logging the refusal of an existing row) or let it pass,
    logging every allowed use of someone else's athlete. The actor's own athlete passes
    silently."""
    if found is None:
        raise missing
    _, owner, allowed = found
    if allowed and owner == actor.user_id:
        return
    note(
        db,
        actor,
        action,
        outcome="ok" if allowed else "refused",
        athlete_id=athlete_id,
        subject_user_id=owner,
        ip=ip,
    )
    if not allowed:
        raise missing
