"""Queries and writes of the plan aggregate: an athlete's plans, one of them current.

Statements run through the session, so the tenant filter applies (``legday.store.tenancy``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from legday.store.models import Plan


def current(s: Session, athlete_id: int) -> Plan | None:
    """The athlete's current plan (the newest, should two be marked current), or None."""
    return s.scalar(
        select(Plan)
        .where(Plan.athlete_id == athlete_id, Plan.is_current.is_(True))
        .order_by(Plan.created_at.desc(), Plan.id.desc())
        .limit(1)
    )


def make_current(
    s: Session,
    athlete_id: int,
    *,
    family: str | None,
    start_date: date | None,
    weeks: int | None,
    seed: int | None,
    inputs: dict[str, Any],
    body: dict[str, Any],
) -> Plan:
    """Store a plan as the athlete's current one; earlier plans stay, marked not current.
    Returns the row with its id."""
    s.execute(update(Plan).where(Plan.athlete_id == athlete_id).values(is_current=False))
    row = Plan(
        athlete_id=athlete_id,
        is_current=True,
        family=family,
        start_date=start_date,
        weeks=weeks,
        seed=seed,
        inputs=inputs,
        body=body,
    )
    s.add(row)
    s.flush()
    return row
