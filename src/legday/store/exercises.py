"""The athlete's own exercise-name answers (``ExerciseMapping``): what a name from another app
means to this athlete. ORM statements: the tenant filter of the unit of work applies."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from legday.store import plain_log
from legday.store.models import ExerciseMapping
from legday.store.session_rows import SessionRows


def mappings_of(s: Session, athlete_id: int) -> dict[str, str]:
    """Normalised raw name → exercise id, for the athlete (``plain_log.mappings_of``)."""
    return plain_log.mappings_of(SessionRows(s), athlete_id)


def mapping(s: Session, athlete_id: int, raw_key: str) -> ExerciseMapping | None:
    return s.scalar(
        select(ExerciseMapping).where(
            ExerciseMapping.athlete_id == athlete_id, ExerciseMapping.raw_key == raw_key
        )
    )


def of_athlete(s: Session, athlete_id: int) -> Sequence[ExerciseMapping]:
    """The athlete's mappings by normalised name."""
    return s.scalars(
        select(ExerciseMapping)
        .where(ExerciseMapping.athlete_id == athlete_id)
        .order_by(ExerciseMapping.raw_key, ExerciseMapping.id)
    ).all()


def get(s: Session, mapping_id: int) -> ExerciseMapping | None:
    """A mapping by id as the unit's actor sees it (ids are 32-bit on PostgreSQL)."""
    return s.get(ExerciseMapping, mapping_id) if 1 <= mapping_id <= 2**31 - 1 else None
