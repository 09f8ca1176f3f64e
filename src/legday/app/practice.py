"""Practice-held client records: a physio records a client who has no account (an older adult
without e-mail), with a consent record (when, for what, witnessed by whom), and the client may
later take the record into an account of their own with a one-time claim code.

The record is an athlete owned by a holding account that cannot sign in; the physio's access
is an accepted care link whose acceptance the consent record stands for. After a claim the client
owns the athlete and may revoke the physio's link like any other.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from legday.app import access_log
from legday.app.accounts import digest, now, utc_text
from legday.app.care_links import CODE_VALID
from legday.app.db import Database
from legday.domain.access import SCOPES, Actor
from legday.domain.errors import InvalidInput, NotFound
from legday.store import practice as store
from legday.store.account_models import ClaimCode, ConsentRecord
from legday.store.models import Athlete, CareLink, CareLinkScope, User
from legday.store.tenancy import ACTOR_KEY

_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


@dataclass(frozen=True)
class ClientView:
    athlete_id: int
    link_id: int
    name: str
    consent_id: int

    def as_json(self) -> dict[str, Any]:
        return {
            "athlete_id": self.athlete_id,
            "link_id": self.link_id,
            "name": self.name,
            "consent_id": self.consent_id,
        }


@dataclass(frozen=True)
class IssuedClaimCode:
    """A one-time code for a client to take their record into their own account, shown once."""

    code: str  # three groups of four characters joined by hyphens, easy to read aloud
    expires_at: datetime  # naive UTC, as account times are stored

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "expires_at": utc_text(self.expires_at)}


def _text(value: str, what: str, limit: int) -> str:
    clean = " ".join(value.split())
    if not clean:
        raise InvalidInput(f"a client record needs {what}")
    if len(clean) > limit:
        raise InvalidInput(f"{what} is at most {limit} characters")
    return clean


def create_client(
    db: Database,
    actor: Actor,
    name: str,
    *,
    given_on: date,
    purpose: str,
    witness: str,
    scopes: list[str] | None = None,
    birth_date: date | None = None,
    sex: str | None = None,
) -> ClientView:
    """A client record held by the actor's practice, with its consent record (and the birth date
    and sex the norms and the fall-prevention plan need, when known)."""
    clean = _text(name, "a name", 200)
    why, who = _text(purpose, "the purpose of the consent", 2000), _text(witness, "a witness", 200)
    if given_on > date.today():
        raise InvalidInput(f"consent given on {given_on} is in the future")
    if birth_date is not None and not date(1900, 1, 1) <= birth_date <= date.today():
        raise InvalidInput(f"birth date {birth_date} is not possible", "a date as YYYY-MM-DD")
    if sex is not None and sex not in ("female", "male"):
        raise InvalidInput(f"sex {sex!r} is not known", "female or male, or leave it out")
    granted = sorted(set(scopes) if scopes is not None else set(SCOPES))
    unknown = sorted(set(granted) - set(SCOPES))
    if unknown:
        raise InvalidInput(f"unknown scope {unknown[0]!r}", "one of " + ", ".join(SCOPES))
    at = now()
    with db.write(actor) as s:
        holder = User(email=None, display_name=clean, kind="person", is_admin=False)
        s.add(holder)
        s.flush()
        s.info[ACTOR_KEY] = Actor(user_id=holder.id)  # the holding account owns the record
        record = Athlete(
            name=clean,
            owner_id=holder.id,
            level="beginner",
            unit="kg",
            limitations=[],
            birth_date=birth_date,
            sex=sex,
        )
        s.add(record)
        s.flush()
        s.info[ACTOR_KEY] = actor
        link = CareLink(
            athlete_id=record.id,
            member_id=actor.user_id,
            role="physio",
            status="accepted",
            created_by_id=actor.user_id,
            created_at=at,
            decided_at=at,
        )
        s.add(link)
        s.flush()
        s.add_all(CareLinkScope(care_link_id=link.id, scope=x) for x in granted)
        consent = ConsentRecord(
            athlete_id=record.id,
            care_link_id=link.id,
            recorded_by_id=actor.user_id,
            given_on=given_on,
            purpose=why,
            witness=who,
            created_at=at,
        )
        s.add(consent)
        s.flush()
        access_log.record(
            s,
            actor_id=actor.user_id,
            subject_user_id=holder.id,
            athlete_id=record.id,
            action="client_record",
            target=f"care link {link.id}, consent {consent.id} ({', '.join(granted)})",
        )
        return ClientView(record.id, link.id, clean, consent.id)


@dataclass(frozen=True)
class HeldClient:
    athlete_id: int
    name: str
    birth_date: date | None
    link_id: int
    consent_given_on: date
    consent_purpose: str
    consent_witness: str

    def as_json(self) -> dict[str, Any]:
        return {
            "athlete_id": self.athlete_id,
            "name": self.name,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "link_id": self.link_id,
            "consent": {
                "given_on": self.consent_given_on.isoformat(),
                "purpose": self.consent_purpose,
                "witness": self.consent_witness,
            },
        }


def list_clients(db: Database, actor: Actor, athlete_id: int | None = None) -> list[HeldClient]:
    """The client records the actor holds, newest first (only the one asked for, when
    ``athlete_id`` is given: NotFound when the actor holds no such record)."""
    from legday.store.clients import held_by

    if athlete_id is not None and not 1 <= athlete_id <= 2**31 - 1:
        raise NotFound(f"no client record with athlete id {athlete_id}")
    with db.read(actor, primary=True) as s:
        rows = held_by(s, actor.user_id, athlete_id)
    if athlete_id is not None and not rows:
        raise NotFound(f"no client record with athlete id {athlete_id}")
    return [
        HeldClient(
            athlete_id=int(r.id),
            name=r.name,
            birth_date=r.birth_date,
            link_id=int(r.link_id),
            consent_given_on=r.given_on,
            consent_purpose=r.purpose,
            consent_witness=r.witness,
        )
        for r in rows
    ]


def _held_by(s: Any, actor: Actor, athlete_id: int) -> int:
    """The holding account of a client record the actor holds; NotFound otherwise."""
    row = store.holder_of_held(s, actor.user_id, athlete_id)
    if row is None or row.email is not None:
        raise NotFound(f"no client record with athlete id {athlete_id}")
    return int(row.owner_id)


def claim_code(db: Database, actor: Actor, athlete_id: int) -> IssuedClaimCode:
    """A one-time code (7 days) the client enters to take their record into their account."""
    if not 1 <= athlete_id <= 2**31 - 1:
        raise NotFound(f"no client record with athlete id {athlete_id}")
    code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    at = now()
    with db.write(actor) as s:
        _held_by(s, actor, athlete_id)
        s.add(
            ClaimCode(
                code_hash=digest(code),
                athlete_id=athlete_id,
                created_by_id=actor.user_id,
                created_at=at,
                expires_at=at + CODE_VALID,
            )
        )
    return IssuedClaimCode("-".join(code[i : i + 4] for i in range(0, 12, 4)), at + CODE_VALID)


def claim(db: Database, actor: Actor, code: str, ip: str | None = None) -> int:
    """Move a client record into the actor's account; the physio's link stays until revoked."""
    clean = "".join(c for c in code.upper() if c.isalnum())
    with db.write(actor) as s:
        found = store.claim_code(s, digest(clean))
        if found is None or found.used_at is not None or found.expires_at <= now():
            raise NotFound("this code is unknown, used or expired", "ask for a new code")
        holder, email = store.holder_and_email(s, found.athlete_id)
        if holder is None or email is not None:
            raise NotFound("this code is unknown, used or expired", "ask for a new code")
        found.used_at = now()
        store.move_to(s, found.athlete_id, actor.user_id, holder)
        access_log.record(
            s,
            actor_id=actor.user_id,
            subject_user_id=actor.user_id,
            athlete_id=found.athlete_id,
            action="client_claimed",
            target=f"claimed on {utc_text(now())}",
            ip=ip,
        )
        return int(found.athlete_id)
