"""The SQL of practice-held client records: the clients an account holds (an athlete owned by a
holding account that cannot sign in, reached through the member's accepted link) with the
consent each was recorded under."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from legday.store.account_models import ConsentRecord
from legday.store.models import Athlete, CareLink, User


def held_by(s: Session, user_id: int, athlete_id: int | None = None) -> Sequence[Row[Any]]:
    """(athlete id, name, birth date, link id, consent given on, purpose, witness), newest
    first, of the client records ``user_id`` holds (one when ``athlete_id`` is given). A claimed
    record has an owner who signs in and is no longer listed here."""
    athlete = Athlete.__table__
    q = (
        select(
            athlete.c.id,
            athlete.c.name,
            athlete.c.birth_date,
            CareLink.id.label("link_id"),
            ConsentRecord.given_on,
            ConsentRecord.purpose,
            ConsentRecord.witness,
        )
        .join(User, User.id == athlete.c.owner_id)
        .join(CareLink, CareLink.athlete_id == athlete.c.id)
        .join(ConsentRecord, ConsentRecord.care_link_id == CareLink.id)
        .where(
            CareLink.member_id == user_id,
            CareLink.status == "accepted",
            User.email.is_(None),
        )
        .order_by(athlete.c.id.desc())
    )
    if athlete_id is not None:
        q = q.where(athlete.c.id == athlete_id)
    return s.execute(q).all()
