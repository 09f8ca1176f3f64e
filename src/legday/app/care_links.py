"""Care links: a coach's or physio's scoped access to one athlete, which only the athlete's side
accepts and either side may revoke (docs/architecture.md#actors).

A link starts in two ways: the member invites the athlete by the e-mail address of the athlete's
account, or the athlete enters a one-time code the member gave them. Either way it is ``invited``
until the athlete accepts; revoking takes effect on the next request and deletes no data. Every
change is written to the access log.

An invitation by e-mail is stored and answered alike whether or not the address has an account
(else anyone could probe which addresses have accounts, OWASP ASVS 5.0 V6.3.8): one to an
address without an account waits with no athlete until someone registers with that address
(``registration.register``). Until the athlete accepts, the member sees the address they typed,
never the athlete's name or id.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from legday.app import access_log
from legday.app.accounts import digest, normal_email, now, utc_text
from legday.app.api_tokens import parse_scopes
from legday.app.db import Database
from legday.domain.access import LINK_ROLES, Actor, Scope
from legday.domain.errors import Conflict, InvalidInput, NotFound
from legday.store import care_links as store
from legday.store.account_models import CareLinkCode
from legday.store.models import CareLink, CareLinkScope

INVITE_VALID = timedelta(days=14)
CODE_VALID = timedelta(days=7)
# Crockford's base32 without look-alikes: 12 symbols = 60 random bits, read aloud in a clinic.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_LEN = 12
LIVE = ("invited", "accepted")


@dataclass(frozen=True)
class LinkView:
    id: int
    athlete_id: int | None  # None for the member until the athlete accepts an e-mail invitation
    athlete_name: str
    member_id: int
    member_name: str
    role: str
    status: str
    scopes: list[str]
    side: str  # "athlete" (the actor owns the athlete) | "member"
    created_at: datetime
    decided_at: datetime | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "athlete_id": self.athlete_id,
            "athlete_name": self.athlete_name,
            "member_id": self.member_id,
            "member_name": self.member_name,
            "role": self.role,
            "status": self.status,
            "scopes": self.scopes,
            "side": self.side,
            "created_at": utc_text(self.created_at),
            "decided_at": utc_text(self.decided_at) if self.decided_at else None,
        }


@dataclass(frozen=True)
class CodeView:
    code: str
    role: str
    expires_at: datetime


def _role(role: str | None) -> str:
    if role not in LINK_ROLES:
        raise InvalidInput(f"unknown role {role!r}", "coach or physio")
    return role


def _scopes(scopes: list[str] | None) -> list[str]:
    parsed = parse_scopes(scopes if scopes is not None else [Scope.VIEW_TRAINING.value])
    assert parsed is not None
    return sorted(x.value for x in parsed)


def _owner(s: Session, athlete_id: int | None) -> int | None:
    if athlete_id is None:
        return None
    return store.owner_of(s, athlete_id)


def _view(s: Session, link: CareLink, actor: Actor) -> LinkView:
    name, owner = link.invited_email or "", None
    if link.athlete_id is not None:
        name, owner = store.name_and_owner(s, link.athlete_id)
    member = store.display_name(s, link.member_id)
    scopes = store.scopes_of(s, link.id)
    side = "athlete" if owner == actor.user_id else "member"
    athlete_id: int | None = link.athlete_id
    if side == "member" and link.invited_email is not None and link.status != "accepted":
        # Whether the address has an account is the athlete's to tell, by accepting.
        athlete_id, name = None, link.invited_email
    return LinkView(
        link.id,
        athlete_id,
        name,
        link.member_id,
        member,
        link.role,
        link.status,
        scopes,
        side,
        link.created_at,
        link.decided_at,
    )


def _create(
    s: Session,
    actor: Actor,
    athlete_id: int | None,
    member_id: int,
    role: str,
    scopes: list[str],
    invited_email: str | None = None,
) -> CareLink:
    if athlete_id is not None and _owner(s, athlete_id) == member_id:
        raise InvalidInput("an athlete's own account needs no care link")
    # An e-mail invitation clashes by the address typed, known or not, so that a second
    # invitation answers alike for both; a code clashes by the athlete.
    clash = store.live_clash(
        s, member_id=member_id, role=role, athlete_id=athlete_id, invited_email=invited_email
    )
    if clash is not None:
        raise Conflict(f"such a link exists already (care link {clash})", "see GET care-links")
    link = CareLink(
        athlete_id=athlete_id,
        member_id=member_id,
        role=role,
        status="invited",
        created_by_id=actor.user_id,
        created_at=now(),
        invited_email=invited_email,
    )
    s.add(link)
    s.flush()
    s.add_all(CareLinkScope(care_link_id=link.id, scope=x) for x in scopes)
    return link


def invite(
    db: Database,
    actor: Actor,
    *,
    role: str | None,
    scopes: list[str] | None,
    athlete_email: str | None = None,
    code: str | None = None,
    ip: str | None = None,
) -> LinkView:
    """A member invites the athlete of ``athlete_email``; or the athlete enters a member's
    ``code``. Either way the link waits for the athlete to accept."""
    if (athlete_email is None) == (code is None):
        raise InvalidInput("give either athlete_email or code", "one of the two, not both")
    wanted = _scopes(scopes)
    with db.write(actor) as s:
        invited: str | None = None
        if athlete_email is not None:
            member_id, role = actor.user_id, _role(role)
            invited = address = normal_email(athlete_email)
            if store.email_of(s, actor.user_id) == address:
                raise InvalidInput("an athlete's own account needs no care link")
            athlete_id = store.first_athlete_at(s, address)  # None: waits for a registration
        else:
            assert code is not None
            found = store.code(s, digest(_clean_code(code)))
            if found is None or found.used_at is not None or found.expires_at <= now():
                raise NotFound("this code is unknown, used or expired", "ask for a new code")
            if role is not None and role != found.role:
                raise InvalidInput(f"this code is for a {found.role}, not a {role}")
            member_id, role = found.member_id, found.role
            athlete_id = store.first_athlete_of(s, actor.user_id)
            if athlete_id is None:
                raise NotFound("this account has no athlete profile")
            found.used_at = now()
        link = _create(s, actor, athlete_id, member_id, role, wanted, invited)
        access_log.record(
            s,
            actor_id=actor.user_id,
            subject_user_id=_owner(s, athlete_id),
            athlete_id=athlete_id,
            action="link_invite",
            target=f"care link {link.id} ({role}: {', '.join(wanted)})",
            ip=ip,
        )
        return _view(s, link, actor)


def _clean_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def new_code(db: Database, actor: Actor, role: str) -> CodeView:
    """A one-time code (valid 7 days) a member hands an athlete to start a link."""
    role = _role(role)
    code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LEN))
    at = now()
    with db.write(actor) as s:
        s.add(
            CareLinkCode(
                code_hash=digest(code),
                member_id=actor.user_id,
                role=role,
                created_at=at,
                expires_at=at + CODE_VALID,
            )
        )
    shown = "-".join(code[i : i + 4] for i in range(0, _CODE_LEN, 4))
    return CodeView(shown, role, at + CODE_VALID)


def _party(s: Session, actor: Actor, link_id: int) -> tuple[CareLink, bool]:
    """The link and whether the actor is its athlete side; NotFound for anyone else."""
    link = store.by_id(s, link_id)
    if link is None:
        raise NotFound(f"no care link with id {link_id}")
    athlete_side = _owner(s, link.athlete_id) == actor.user_id
    if not athlete_side and link.member_id != actor.user_id:
        raise NotFound(f"no care link with id {link_id}")
    return link, athlete_side


def _decide(db: Database, actor: Actor, link_id: int, to: str, ip: str | None) -> LinkView:
    with db.write(actor) as s:
        link, athlete_side = _party(s, actor, link_id)
        if to in ("accepted", "declined") and not athlete_side:
            raise Conflict("only the athlete's side accepts or declines a care link")
        expired = link.status == "invited" and link.created_at + INVITE_VALID <= now()
        if to in ("accepted", "declined") and expired:
            raise Conflict("this invitation has expired", "ask for a new one")
        allowed = {"accepted": ("invited",), "declined": ("invited",), "revoked": LIVE}[to]
        if link.status not in allowed:
            raise Conflict(f"care link {link_id} is {link.status}; it cannot become {to}")
        link.status, link.decided_at = to, now()
        access_log.record(
            s,
            actor_id=actor.user_id,
            subject_user_id=_owner(s, link.athlete_id),
            athlete_id=link.athlete_id,
            action=f"link_{to}",
            target=f"care link {link.id}",
            ip=ip,
        )
        return _view(s, link, actor)


def accept(db: Database, actor: Actor, link_id: int, ip: str | None = None) -> LinkView:
    return _decide(db, actor, link_id, "accepted", ip)


def decline(db: Database, actor: Actor, link_id: int, ip: str | None = None) -> LinkView:
    return _decide(db, actor, link_id, "declined", ip)


def revoke(db: Database, actor: Actor, link_id: int, ip: str | None = None) -> LinkView:
    return _decide(db, actor, link_id, "revoked", ip)


def list_links(db: Database, actor: Actor) -> list[LinkView]:
    """Links where the actor is the athlete's side or the member, newest first."""
    with db.read(actor, primary=True) as s:
        return [_view(s, link, actor) for link in store.of_account(s, actor.user_id)]
