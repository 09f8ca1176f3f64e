"""The athlete's exercise-name answers (``ExerciseMapping``) as a list to show and forget, and the
sets that carry one name. ORM statements: the tenant filter of the unit of work applies."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from legday.store.models import ExerciseMapping, SetEntry, TrainingSession

MAX_ID = 2**31 - 1


def listed(s: Session, athlete_id: int) -> Sequence[ExerciseMapping]:
    """The athlete's mappings by normalised name."""
    return s.scalars(
        select(ExerciseMapping)
        .where(ExerciseMapping.athlete_id == athlete_id)
        .order_by(ExerciseMapping.raw_key, ExerciseMapping.id)
    ).all()


def by_id(s: Session, athlete_id: int, mapping_id: int) -> ExerciseMapping | None:
    """The athlete's mapping ``mapping_id`` (None: missing, or another athlete's)."""
    if not 1 <= mapping_id <= MAX_ID:
        return None
    return s.scalar(
        select(ExerciseMapping).where(
            ExerciseMapping.id == mapping_id, ExerciseMapping.athlete_id == athlete_id
        )
    )


def keys_to_ids(s: Session, athlete_id: int) -> dict[str, str]:
    """Normalised raw name → exercise id."""
    rows = s.execute(
        select(ExerciseMapping.raw_key, ExerciseMapping.exercise_id).where(
            ExerciseMapping.athlete_id == athlete_id
        )
    )
    return {str(k): str(v) for k, v in rows}


def raw_names(s: Session, athlete_id: int) -> list[str]:
    """Every spelling of an exercise name stored in the athlete's sets."""
    return list(
        s.scalars(select(SetEntry.exercise_raw).where(SetEntry.athlete_id == athlete_id).distinct())
    )


def reclassify_name(
    s: Session, athlete_id: int, name: str, exercise_id: str | None
) -> tuple[int, list[datetime]]:
    """Give the athlete's sets written as ``name`` the exercise ``exercise_id`` (None: none):
    how many sets changed, and the starts of their sessions (those days need refreshing)."""
    starts = list(
        s.scalars(
            select(TrainingSession.started_at)
            .join(SetEntry, SetEntry.session_id == TrainingSession.id)
            .where(SetEntry.athlete_id == athlete_id, SetEntry.exercise_raw == name)
            .distinct()
        )
    )
    result = s.execute(
        update(SetEntry)
        .where(SetEntry.athlete_id == athlete_id, SetEntry.exercise_raw == name)
        .values(exercise_id=exercise_id)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0), starts
