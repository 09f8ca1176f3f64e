"""The SQL of the access log and of the access checks that write to it: who owns an athlete,
the entries about one account, and one query that answers both "does it exist" and "may this
actor use it" for an athlete, a session or a recorded test (so a refusal can be logged while it
answers exactly like a missing row)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, bindparam, case, literal, or_, select
from sqlalchemy.orm import Session

from legday.domain.access import Actor, Scope
from legday.store.account_models import AccessLogEntry
from legday.store.models import Assessment, Athlete, TrainingSession, User
from legday.store.tenancy import visible_athletes

_athletes = Athlete.__table__


def owner_of(s: Session, athlete_id: int) -> int | None:
    return s.scalar(select(_athletes.c.owner_id).where(_athletes.c.id == athlete_id))


def about_account(
    s: Session, user_id: int, before: int | None, limit: int
) -> list[tuple[AccessLogEntry, str | None]]:
    """Up to ``limit`` entries about the account or the athletes it owns, newest first, each
    with the display name of who acted."""
    own = select(_athletes.c.id).where(_athletes.c.owner_id == user_id)
    q = (
        select(AccessLogEntry, User.display_name)
        .outerjoin(User, User.id == AccessLogEntry.actor_id)
        .where(or_(AccessLogEntry.subject_user_id == user_id, AccessLogEntry.athlete_id.in_(own)))
        .order_by(AccessLogEntry.id.desc())
        .limit(limit)
    )
    if before is not None:
        q = q.where(AccessLogEntry.id < before)
    return [(e, name) for e, name in s.execute(q).all()]


def seen_since(s: Session, user_id: int, action: str, outcome: str, since: Any) -> bool:
    """Whether the account has an entry of ``action`` with ``outcome`` after ``since``."""
    q = (
        select(AccessLogEntry.id)
        .where(
            AccessLogEntry.subject_user_id == user_id,
            AccessLogEntry.action == action,
            AccessLogEntry.outcome == outcome,
            AccessLogEntry.at > since,
        )
        .limit(1)
    )
    return s.scalar(q) is not None


def _owner_and_right(actor: Actor, scope: Scope | None, where: ColumnElement[bool]) -> Any:
    """SELECT id, owner_id, whether the access rule lets the actor use it for ``scope``."""
    allowed = _athletes.c.id.in_(visible_athletes(actor, scope))
    return select(
        _athletes.c.id, _athletes.c.owner_id, case((allowed, literal(True)), else_=literal(False))
    ).where(where)


# The two checks every request about an athlete or a session runs: built once per actor and scope
# with the id a parameter (building them was ~a third of the check's time).


@lru_cache(maxsize=4096)
def _athlete_right(actor: Actor, scope: Scope | None) -> Any:
    return _owner_and_right(actor, scope, _athletes.c.id == bindparam("id"))


@lru_cache(maxsize=4096)
def _session_right(actor: Actor, scope: Scope) -> Any:
    sessions = TrainingSession.__table__
    whose = select(sessions.c.athlete_id).where(sessions.c.id == bindparam("id")).scalar_subquery()
    return _owner_and_right(actor, scope, _athletes.c.id == whose)


def athlete_right(s: Session, actor: Actor, scope: Scope | None, athlete_id: int) -> Any:
    """(id, owner id, allowed) of the athlete, or None when there is no such athlete."""
    return s.execute(_athlete_right(actor, scope), {"id": athlete_id}).first()


def session_right(s: Session, actor: Actor, scope: Scope, session_id: int) -> Any:
    """(athlete id, owner id, allowed) of the session's athlete, or None without the session."""
    return s.execute(_session_right(actor, scope), {"id": session_id}).first()


def test_id_of(s: Session, assessment_id: int) -> str | None:
    """The test id of a recorded test (None: no such row), read past the tenant filter."""
    tests = Assessment.__table__
    return s.scalar(select(tests.c.test_id).where(tests.c.id == assessment_id))


def assessment_right(s: Session, actor: Actor, scope: Scope, assessment_id: int) -> Any:
    """(athlete id, owner id, allowed) of the recorded test's athlete, or None."""
    tests = Assessment.__table__
    whose = select(tests.c.athlete_id).where(tests.c.id == assessment_id).scalar_subquery()
    return s.execute(_owner_and_right(actor, scope, _athletes.c.id == whose)).first()
