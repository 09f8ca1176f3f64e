"""Who an account is to others: the athlete profile it owns, and the server admin's list of
accounts (names and addresses, never training or health data) with the admin's sign-out."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from legday.app.accounts import sign_out_everywhere, utc_text
from legday.app.db import Database
from legday.domain.access import Actor
from legday.domain.errors import NotFound
from legday.store import accounts as store

_ID_MAX = 2**31 - 1  # an id past the column's range is simply not there


@dataclass(frozen=True)
class OwnAthlete:
    """The profile of the athlete an account owns (made at registration)."""

    id: int
    name: str
    unit: str
    level: str | None
    sex: str | None
    birth_date: str | None
    body_mass_kg: float | None
    height_cm: float | None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class AccountEntry:
    """One account as a server admin sees it."""

    id: int
    email: str
    name: str
    is_admin: bool
    created_at: str

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def own_athlete(db: Database, actor: Actor) -> OwnAthlete | None:
    """The athlete profile the account owns, or None."""
    with db.read(actor, primary=True) as s:
        row = store.own_athlete_row(s, actor.user_id)
    if row is None:
        return None
    return OwnAthlete(
        id=row.id,
        name=row.name,
        unit=row.unit,
        level=row.level,
        sex=row.sex,
        birth_date=row.birth_date.isoformat() if row.birth_date else None,
        body_mass_kg=row.body_mass_kg,
        height_cm=row.height_cm,
    )


def list_users(db: Database, actor: Actor) -> list[AccountEntry]:
    """Every person's account, for a server admin."""
    if not actor.is_admin:
        raise NotFound("no such list", "only a server admin manages accounts")
    with db.read(actor, primary=True) as s:
        rows = store.people(s)
    return [
        AccountEntry(r.id, r.email, r.display_name, bool(r.is_admin), utc_text(r.created_at))
        for r in rows
    ]


def admin_sign_out(db: Database, actor: Actor, user_id: int) -> int:
    """A server admin ends every session of an account (ASVS 5.0 V7.4.5)."""
    if not actor.is_admin or not 1 <= user_id <= _ID_MAX:
        raise NotFound(f"no account with id {user_id}")
    with db.read(actor, primary=True) as s:
        found = store.person_id(s, user_id)
    if found is None:
        raise NotFound(f"no account with id {user_id}")
    return sign_out_everywhere(db, user_id)
