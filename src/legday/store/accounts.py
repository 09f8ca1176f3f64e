"""The SQL of accounts: users, server-side sessions, API tokens, password resets and the sign-in
throttle; the athletes an account owns (read on the Core table: an account's own list needs no
tenant filter); and the demo's hand-over of sample athletes to accounts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from legday.store.account_models import ApiToken, LoginAttempt, PasswordReset, WebSession
from legday.store.models import Athlete, User
from legday.store.plain import Rows, as_datetime, json_value

MAX_ID = 2**31 - 1
_athlete = Athlete.__table__


def owned_athlete_ids(s: Session, user_id: int) -> list[int]:
    return [
        int(i)
        for i in s.scalars(
            select(_athlete.c.id).where(_athlete.c.owner_id == user_id).order_by(_athlete.c.id)
        )
    ]


def delete_athletes_of(s: Session, user_id: int) -> None:
    """Remove the account's athletes (an ORM delete: the unit's actor must own them)."""
    s.execute(delete(Athlete).where(Athlete.owner_id == user_id))


def give_athletes_named(s: Session, name: str, user_id: int) -> None:
    """Hand the athletes called ``name`` that the unit's actor owns to ``user_id``."""
    s.execute(update(Athlete).where(Athlete.name == name).values(owner_id=user_id))


# Accounts, sessions, tokens, resets and the sign-in throttle. These units of work run as the
# local user or the account itself and touch only account tables (athletes by owner, on the Core
# table).


def first_owned_athlete(s: Session, user_id: int) -> int | None:
    return s.scalar(
        select(_athlete.c.id).where(_athlete.c.owner_id == user_id).order_by(_athlete.c.id).limit(1)
    )


def own_athlete_row(s: Session, user_id: int) -> Any:
    """The profile fields of the account's first athlete, or None."""
    return s.execute(
        select(
            _athlete.c.id,
            _athlete.c.name,
            _athlete.c.unit,
            _athlete.c.level,
            _athlete.c.sex,
            _athlete.c.birth_date,
            _athlete.c.body_mass_kg,
            _athlete.c.height_cm,
        )
        .where(_athlete.c.owner_id == user_id)
        .order_by(_athlete.c.id)
        .limit(1)
    ).first()


def user(s: Session, user_id: int) -> User | None:
    return s.get(User, user_id) if 1 <= user_id <= MAX_ID else None


def email_in_use(s: Session, address: str) -> bool:
    return s.scalar(select(User.id).where(User.email == address)) is not None


def person_by_email(s: Session, address: str) -> User | None:
    return s.scalar(select(User).where(User.email == address, User.kind == "person"))


def user_id_by_email(s: Session, address: str) -> int | None:
    return s.scalar(select(User.id).where(User.email == address))


def person_id(s: Session, user_id: int) -> int | None:
    return s.scalar(select(User.id).where(User.id == user_id, User.kind == "person"))


def email_of(s: Session, user_id: int) -> str | None:
    return s.scalar(select(User.email).where(User.id == user_id))


def people(s: Session) -> Sequence[Any]:
    return s.execute(
        select(User.id, User.email, User.display_name, User.is_admin, User.created_at)
        .where(User.kind == "person")
        .order_by(User.id)
    ).all()


def delete_user(s: Session, user_id: int) -> None:
    s.execute(delete(User).where(User.id == user_id))


def failures(s: Session, since: datetime, ip: str, address: str | None) -> tuple[int, Any]:
    """(count, oldest) of failed sign-ins from ``ip`` since ``since``, for ``address`` only when
    one is given."""
    q = select(func.count(), func.min(LoginAttempt.at)).where(
        LoginAttempt.ip == ip, LoginAttempt.at > since
    )
    if address is not None:
        q = q.where(LoginAttempt.email == address)
    count, oldest = s.execute(q).one()
    return int(count), oldest


def forget_failures(s: Session, address: str, ip: str) -> None:
    s.execute(delete(LoginAttempt).where(LoginAttempt.email == address, LoginAttempt.ip == ip))


def session_and_user(s: Session, token_hash: str) -> tuple[WebSession, User] | None:
    row = s.execute(
        select(WebSession, User)
        .join(User, User.id == WebSession.user_id)
        .where(WebSession.token_hash == token_hash)
    ).first()
    return (row[0], row[1]) if row is not None else None


def revoke_session(s: Session, token_hash: str, at: datetime) -> None:
    s.execute(
        update(WebSession)
        .where(WebSession.token_hash == token_hash, WebSession.revoked_at.is_(None))
        .values(revoked_at=at)
    )


def session_seen(s: Session, session_id: int, at: datetime) -> None:
    s.execute(update(WebSession).where(WebSession.id == session_id).values(last_seen_at=at))


def revoke_sessions_of(s: Session, user_id: int, at: datetime) -> int:
    """End every live session of the account; how many there were."""
    result = s.execute(
        update(WebSession)
        .where(WebSession.user_id == user_id, WebSession.revoked_at.is_(None))
        .values(revoked_at=at)
    )
    return int(getattr(result, "rowcount", 0) or 0)


@dataclass(frozen=True)
class TokenOwner:
    """An API token and the account it belongs to, as a request's credential check needs them."""

    token_id: int
    scopes: list[Any] | None  # None: whatever the account may do
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    user_id: int
    is_admin: bool
    has_password: bool


def token_owner(u: Rows, token_hash: str) -> TokenOwner | None:
    """The token stored under ``token_hash`` and its account. Plain SQL (``legday.store.plain``):
    every request a script sends asks this, and as an ORM statement it carried the access rule's
    ten loader options although neither table holds athlete data (a quarter of the CPU of a
    request that logs one set)."""
    found = u.rows(
        "SELECT t.id, t.scopes, t.expires_at, t.last_used_at, t.revoked_at, a.id, a.is_admin,"
        " a.password_hash IS NOT NULL FROM api_token t JOIN app_user a ON a.id = t.user_id"
        " WHERE t.token_hash = :hash",
        {"hash": token_hash},
    )
    if not found:
        return None
    tid, scopes, expires, used, revoked, user, admin, password = found[0]
    return TokenOwner(
        int(tid), json_value(scopes), as_datetime(expires), _maybe_datetime(used),
        _maybe_datetime(revoked), int(user), bool(admin), bool(password),
    )  # fmt: skip


def _maybe_datetime(v: Any) -> datetime | None:
    return None if v is None else as_datetime(v)


def token_used(s: Session, token_id: int, at: datetime) -> None:
    s.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=at))


def live_tokens(s: Session, user_id: int) -> Sequence[ApiToken]:
    return s.scalars(
        select(ApiToken)
        .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
        .order_by(ApiToken.id)
    ).all()


def token(s: Session, token_id: int) -> ApiToken | None:
    return s.get(ApiToken, token_id) if 1 <= token_id <= MAX_ID else None


def reset_since(s: Session, user_id: int, since: datetime) -> int | None:
    """A reset link made for the account after ``since`` (its id), if any."""
    return s.scalar(
        select(PasswordReset.id).where(
            PasswordReset.user_id == user_id, PasswordReset.created_at > since
        )
    )


def reset(s: Session, token_hash: str) -> PasswordReset | None:
    return s.scalar(select(PasswordReset).where(PasswordReset.token_hash == token_hash))
