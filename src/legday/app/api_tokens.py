"""Personal API tokens for scripts: made after the password is given again, shown once, stored
only as their SHA-256 digest, scoped (legday.domain.access.SCOPES) and expiring; the credential
check of every scripted request.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from legday.app import access_log, accounts

# The clock is read as accounts.now(), so a test that moves it moves it for every account rule.
from legday.app.accounts import (
    SEEN_EVERY,
    TOKEN_DAYS_DEFAULT,
    TOKEN_DAYS_MAX,
    Principal,
    digest,
    utc_text,
    verify,
)
from legday.app.db import Database
from legday.domain.access import SCOPES, Actor, Scope
from legday.domain.errors import InvalidInput, NotFound
from legday.store import accounts as store
from legday.store.account_models import ApiToken


@dataclass(frozen=True)
class TokenView:
    id: int
    name: str
    scopes: list[str] | None
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    token: str | None = None  # only when just created: shown once

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "scopes": self.scopes,
            "created_at": utc_text(self.created_at),
            "expires_at": utc_text(self.expires_at),
            "last_used_at": utc_text(self.last_used_at) if self.last_used_at else None,
        }
        if self.token is not None:
            out["token"] = self.token
        return out


def parse_scopes(scopes: list[str] | None) -> frozenset[Scope] | None:
    if scopes is None:
        return None
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise InvalidInput(f"unknown scope {unknown[0]!r}", "one of " + ", ".join(SCOPES))
    return frozenset(Scope(x) for x in scopes)


def create_token(
    db: Database,
    email: str,
    password: str,
    ip: str,
    *,
    scopes: list[str] | None = None,
    name: str | None = None,
    days: int | None = None,
) -> TokenView:
    """A personal API token for scripts, shown once; the password is asked again."""
    wanted = parse_scopes(scopes)
    if days is not None and not 1 <= days <= TOKEN_DAYS_MAX:
        raise InvalidInput(f"a token lives 1 to {TOKEN_DAYS_MAX} days, not {days}")
    label = " ".join((name or "API token").split())[:100] or "API token"
    user = verify(db, email, password, ip)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    at = accounts.now()
    with db.write(db.local_actor()) as s:
        row = ApiToken(
            token_hash=digest(secret),
            user_id=user.id,
            name=label,
            scopes=sorted(x.value for x in wanted) if wanted is not None else None,
            created_at=at,
            expires_at=at + timedelta(days=days or TOKEN_DAYS_DEFAULT),
        )
        s.add(row)
        s.flush()
        access_log.record(
            s, actor_id=user.id, subject_user_id=user.id, action="token_create", ip=ip
        )
        return _token_view(row, secret)


def _token_view(t: ApiToken, secret: str | None = None) -> TokenView:
    return TokenView(t.id, t.name, t.scopes, t.created_at, t.expires_at, t.last_used_at, secret)


@dataclass(frozen=True)
class TokenCheck:
    """A live token's principal, and whether its "last used" time is due to be written (at
    most every ``SEEN_EVERY``): the check is one read, the stamp a write of its own."""

    principal: Principal
    seen_due: bool
    at: datetime


def token_check(db: Database, secret: str) -> TokenCheck | None:
    """The read half of a bearer token's check: None for an unknown, revoked or expired token,
    or one whose account has no password any more. Short enough to run on the server's event
    loop (one statement)."""
    at = accounts.now()
    with db.rows(db.local_actor(), primary=True) as u:
        t = store.token_owner(u, digest(secret))
    if t is None or t.revoked_at is not None or t.expires_at <= at or not t.has_password:
        return None
    scopes = frozenset(Scope(x) for x in t.scopes) if t.scopes is not None else None
    actor = Actor(user_id=t.user_id, is_admin=t.is_admin, scopes=scopes)
    stale = t.last_used_at is None or t.last_used_at + SEEN_EVERY <= at
    return TokenCheck(Principal(actor, "token", t.token_id), stale, at)


def token_seen(db: Database, check: TokenCheck) -> None:
    """The write half: the token's "last used" time, when ``check`` says it is due."""
    if check.seen_due:
        with db.write(db.local_actor()) as s:
            store.token_used(s, check.principal.credential_id, check.at)


def token_principal(db: Database, secret: str) -> Principal | None:
    """The principal of a bearer token (both halves, for callers on a worker thread)."""
    check = token_check(db, secret)
    if check is None:
        return None
    token_seen(db, check)
    return check.principal


def list_tokens(db: Database, actor: Actor) -> list[TokenView]:
    with db.read(actor, primary=True) as s:
        return [_token_view(t) for t in store.live_tokens(s, actor.user_id)]


def revoke_token(db: Database, actor: Actor, token_id: int) -> None:
    with db.write(actor) as s:
        t = store.token(s, token_id)
        if t is None or t.user_id != actor.user_id or t.revoked_at is not None:
            raise NotFound(f"no token with id {token_id}")
        t.revoked_at = accounts.now()


TOKEN_PREFIX = "ldy_"
