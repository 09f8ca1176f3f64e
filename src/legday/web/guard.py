"""The web side of the access rule: resolve the athlete behind a URL, ask the one rule
(legday.app.access_log.open_athlete), and answer a refusal exactly like a missing row."""

from __future__ import annotations

from fastapi import Request

from legday.app import access_log, logbook
from legday.app.db import Database
from legday.domain.access import Actor, Scope
from legday.domain.errors import NotFound
from legday.web.deps import client_ip


def open_athlete(
    request: Request, db: Database, actor: Actor, athlete_id: int, scope: Scope | None, action: str
) -> None:
    access_log.open_athlete(db, actor, athlete_id, scope, action=action, ip=client_ip(request))


def open_session(
    request: Request, db: Database, actor: Actor, session_id: int, scope: Scope, action: str
) -> int:
    """The session's athlete id once the actor may use it for ``scope``; else 404 as if the
    session did not exist (the athlete's id is not revealed)."""
    athlete_id = logbook.athlete_of_session(db, session_id)
    missing = NotFound(f"no session with id {session_id}")
    if athlete_id is None:
        raise missing
    try:
        open_athlete(request, db, actor, athlete_id, scope, f"{action} session {session_id}")
    except NotFound:
        raise missing from None
    return athlete_id
