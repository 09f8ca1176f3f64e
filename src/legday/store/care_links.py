"""The SQL of care links: athletes and accounts named in a link (read on the Core tables: a link
is about an athlete the actor may not see yet), clashes, codes, invitations waiting for an
address, and the links of one account."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from legday.store.account_models import CareLinkCode
from legday.store.models import Athlete, CareLink, CareLinkScope, User

MAX_ID = 2**31 - 1
LIVE = ("invited", "accepted")

_athlete = Athlete.__table__
_user = User.__table__


def owner_of(s: Session, athlete_id: int) -> int | None:
    return s.scalar(select(_athlete.c.owner_id).where(_athlete.c.id == athlete_id))


def name_and_owner(s: Session, athlete_id: int) -> tuple[str, int | None]:
    name, owner = s.execute(
        select(_athlete.c.name, _athlete.c.owner_id).where(_athlete.c.id == athlete_id)
    ).one()
    return str(name), owner


def display_name(s: Session, user_id: int) -> str:
    return s.scalar(select(User.display_name).where(User.id == user_id)) or ""


def email_of(s: Session, user_id: int) -> str | None:
    return s.scalar(select(User.email).where(User.id == user_id))


def scopes_of(s: Session, link_id: int) -> list[str]:
    return sorted(
        s.scalars(select(CareLinkScope.scope).where(CareLinkScope.care_link_id == link_id))
    )


def live_clash(
    s: Session,
    *,
    member_id: int,
    role: str,
    athlete_id: int | None,
    invited_email: str | None,
) -> int | None:
    """The id of a live link of the member and role to the same address (an e-mail invitation)
    or else the same athlete."""
    same = (
        CareLink.invited_email == invited_email
        if invited_email is not None
        else CareLink.athlete_id == athlete_id
    )
    return s.scalar(
        select(CareLink.id).where(
            same,
            CareLink.member_id == member_id,
            CareLink.role == role,
            CareLink.status.in_(LIVE),
        )
    )


def code(s: Session, code_hash: str) -> CareLinkCode | None:
    return s.scalar(select(CareLinkCode).where(CareLinkCode.code_hash == code_hash))


def first_athlete_of(s: Session, user_id: int) -> int | None:
    return s.scalar(
        select(_athlete.c.id).where(_athlete.c.owner_id == user_id).order_by(_athlete.c.id).limit(1)
    )


def first_athlete_at(s: Session, address: str) -> int | None:
    """The first athlete of the account with this e-mail address, if there is one."""
    return s.scalar(
        select(_athlete.c.id)
        .join(_user, _user.c.id == _athlete.c.owner_id)
        .where(_user.c.email == address)
        .order_by(_athlete.c.id)
        .limit(1)
    )


def attach_waiting(s: Session, address: str, athlete_id: int) -> int:
    """Give invitations waiting for ``address`` to the athlete; how many."""
    result = s.execute(
        update(CareLink)
        .where(
            CareLink.athlete_id.is_(None),
            CareLink.invited_email == address,
            CareLink.status == "invited",
        )
        .values(athlete_id=athlete_id)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def by_id(s: Session, link_id: int) -> CareLink | None:
    return s.get(CareLink, link_id) if 1 <= link_id <= MAX_ID else None


def of_account(s: Session, user_id: int) -> Sequence[CareLink]:
    """Links where the account is the member or owns the athlete, newest first."""
    own = select(_athlete.c.id).where(_athlete.c.owner_id == user_id)
    return s.scalars(
        select(CareLink)
        .where(or_(CareLink.member_id == user_id, CareLink.athlete_id.in_(own)))
        .order_by(CareLink.id.desc())
    ).all()
