"""The SQL of practice-held client records: the holding account of a record a physio holds, a
claim code, and the claim that moves the record to its person's own account (on the Core
athlete table: the tenant filter rightly refuses that move to any ORM write, so the use-case
checks the code and the holder first)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, delete, select, update
from sqlalchemy.orm import Session

from legday.store.account_models import ClaimCode
from legday.store.models import Athlete, CareLink, User

_athlete: Table = Athlete.__table__  # type: ignore[assignment]


def holder_of_held(s: Session, member_id: int, athlete_id: int) -> Any:
    """(owner_id, email) of the record's holding account when ``member_id`` holds an accepted
    link to it; None otherwise."""
    return s.execute(
        select(_athlete.c.owner_id, User.email)
        .join(User, User.id == _athlete.c.owner_id)
        .join(CareLink, CareLink.athlete_id == _athlete.c.id)
        .where(
            _athlete.c.id == athlete_id,
            CareLink.member_id == member_id,
            CareLink.status == "accepted",
        )
    ).first()


def claim_code(s: Session, code_hash: str) -> ClaimCode | None:
    return s.scalar(select(ClaimCode).where(ClaimCode.code_hash == code_hash))


def holder_and_email(s: Session, athlete_id: int) -> tuple[int | None, str | None]:
    holder = s.scalar(select(_athlete.c.owner_id).where(_athlete.c.id == athlete_id))
    email = s.scalar(select(User.email).where(User.id == holder)) if holder is not None else None
    return holder, email


def move_to(s: Session, athlete_id: int, new_owner: int, holder: int) -> None:
    """Give the record to ``new_owner``: their own link to it goes (they own it now), and so does
    the holding account."""
    s.execute(update(_athlete).where(_athlete.c.id == athlete_id).values(owner_id=new_owner))
    s.execute(
        delete(CareLink).where(CareLink.athlete_id == athlete_id, CareLink.member_id == new_owner)
    )
    s.execute(delete(User).where(User.id == holder))
