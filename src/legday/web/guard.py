"""The web side of the access rule: resolve the athlete behind a URL, ask the one rule
(legday.app.access_log.open_athlete), and answer a refusal exactly like a missing row."""

from __future__ import annotations

from fastapi import Request

from legday.app import access_log
from legday.app.db import Database
from legday.domain.access import Actor, Scope
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
    return access_log.open_session(
        db, actor, session_id, scope, action=f"{action} session {session_id}", ip=client_ip(request)
    )
