"""Queries on athletes (the athlete aggregate): by id, by name, the actor's list, and what an
actor's care links grant. Every ORM statement here passes the tenant filter of the unit of work
(legday.store.tenancy); the statements on the Core tables apply ``visible_athletes`` themselves."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from legday.domain.access import Actor, Scope
from legday.store.models import Athlete, CareLink, CareLinkScope
from legday.store.plain import AthleteRecord
from legday.store.tenancy import visible_athletes

MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL: a larger one names no row

_athletes = Athlete.__table__


def get(s: Session, athlete_id: int) -> Athlete | None:
    """The athlete as the unit's actor sees it (None: missing or someone else's)."""
    return s.get(Athlete, athlete_id) if 1 <= athlete_id <= MAX_ID else None


def record(a: Athlete) -> AthleteRecord:
    """The athlete row as the plain readers give it (``legday.store.plain.athlete``)."""
    return AthleteRecord(
        a.id, a.owner_id, a.name, a.unit, a.level, a.body_mass_kg, dict(a.profile or {}),
        a.birth_date, a.age_years, a.sex, a.height_cm, list(a.limitations or []),
    )  # fmt: skip


def id_named(s: Session, owner_id: int, name: str) -> int | None:
    """The id of ``owner_id``'s athlete whose name equals ``name`` in any case."""
    return s.scalar(
        select(Athlete.id).where(
            Athlete.owner_id == owner_id, func.lower(Athlete.name) == name.lower()
        )
    )


def all_by_name(s: Session) -> Sequence[Athlete]:
    return s.scalars(select(Athlete).order_by(Athlete.name)).all()


def lock(s: Session, athlete_ids: Sequence[int]) -> None:
    """Hold the athletes' rows until commit (PostgreSQL): two writers of one athlete queue here
    instead of rebuilding the same day of the daily tables at once. NO KEY UPDATE (key_share):
    inserting a set holds KEY SHARE on its athlete, which FOR UPDATE would wait on."""
    if s.get_bind().dialect.name != "postgresql" or not athlete_ids:
        return
    s.execute(
        select(_athletes.c.id)
        .where(_athletes.c.id.in_(sorted(athlete_ids)))
        .order_by(_athletes.c.id)
        .with_for_update(key_share=True)
    )


def visible_with_links(
    s: Session, actor: Actor
) -> tuple[list[tuple[int, str, str, int]], list[tuple[int, str, str]]]:
    """(id, name, unit, owner) of every athlete the actor may know of, by name; and (athlete,
    role, scope) of the actor's accepted links."""
    rows = s.execute(
        select(_athletes.c.id, _athletes.c.name, _athletes.c.unit, _athletes.c.owner_id)
        .where(_athletes.c.id.in_(visible_athletes(actor, None)))
        .order_by(_athletes.c.name, _athletes.c.id)
    ).all()
    links = s.execute(
        select(CareLink.athlete_id, CareLink.role, CareLinkScope.scope)
        .join(CareLinkScope, CareLinkScope.care_link_id == CareLink.id)
        .where(CareLink.member_id == actor.user_id, CareLink.status == "accepted")
    ).all()
    return [tuple(r) for r in rows], [tuple(r) for r in links]  # type: ignore[misc]


def linked_with(s: Session, actor: Actor, scope: Scope) -> set[int]:
    """Athletes whose accepted link to the actor holds ``scope`` (not the actor's own)."""
    return set(
        s.scalars(
            select(CareLink.athlete_id)
            .join(CareLinkScope, CareLinkScope.care_link_id == CareLink.id)
            .where(
                CareLink.member_id == actor.user_id,
                CareLink.status == "accepted",
                CareLinkScope.scope == scope.value,
            )
        )
    )
