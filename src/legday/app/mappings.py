"""Remember what an exercise name from another app means, and re-classify the past sets that
carry it (``legday exercises map "RAW" ID``). Mappings are per athlete: one person's "Press" is
another's "Leg Press"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from legday.app import athletes
from legday.app.db import Database
from legday.domain.access import Actor
from legday.domain.errors import InvalidInput
from legday.store import exercises, sets
from legday.store.models import ExerciseMapping


@dataclass(frozen=True)
class MappingResult:
    athlete: str
    raw: str
    exercise_id: str
    exercise_name: str
    names_matched: list[str]  # stored raw spellings that normalise to the same key
    sets_updated: int
    days_refreshed: int

    def as_json(self) -> dict[str, Any]:
        return {
            "athlete": self.athlete,
            "raw": self.raw,
            "exercise_id": self.exercise_id,
            "exercise_name": self.exercise_name,
            "names_matched": list(self.names_matched),
            "sets_updated": self.sets_updated,
            "days_refreshed": self.days_refreshed,
        }


def map_exercise(
    db: Database, actor: Actor, athlete_id: int, raw: str, exercise_id: str
) -> MappingResult:
    """Remember ``raw`` → ``exercise_id`` for the athlete and re-classify their past sets."""
    from legday.domain.catalog import registry
    from legday.domain.catalog.matching import normalize_name

    exercise = registry.load().get(exercise_id)  # NotFound (with suggestions) when unknown
    key = normalize_name(raw)
    if not key:
        raise InvalidInput(f"{raw!r} is not an exercise name", "give the name as your app wrote it")
    with db.write(actor) as s:
        a = athletes.get(s, athlete_id)
        row = exercises.mapping(s, a.id, key[:300])
        if row is None:
            s.add(
                ExerciseMapping(
                    athlete_id=a.id, raw_key=key[:300], raw_name=raw[:300], exercise_id=exercise.id
                )
            )
        else:
            row.raw_name, row.exercise_id = raw[:300], exercise.id
        same = sorted(r for r in sets.raw_names(s, a.id) if normalize_name(r) == key)
        updated, starts = sets.reclassify(s, a.id, same, exercise.id)
        days: set[date] = {_day(t) for t in starts}
        if days:
            from legday.app import aggregates

            aggregates.refresh(s, a.id, days)
        return MappingResult(a.name, raw, exercise.id, exercise.name, same, updated, len(days))


def _day(t: datetime | date) -> date:
    return t.date() if isinstance(t, datetime) else t
