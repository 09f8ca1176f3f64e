"""The SQL of accounts: the athletes an account owns (read on the Core table: an account's
own list needs no tenant filter), and the demo's hand-over of sample athletes to accounts."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from legday.store.models import Athlete

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
