"""Typed, frozen results of the catalog use-cases: one exercise as the shells show it, and what
the catalog covers. Each ``as_json()`` is the JSON document the CLI prints and the server
sends."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from legday.domain.catalog import Exercise


@dataclass(frozen=True)
class ExerciseLink:
    """A regression or progression of an exercise, with its catalog name."""

    id: str
    name: str

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}


@dataclass(frozen=True)
class ExerciseView:
    """Every field of a catalog exercise. ``regressions``/``progressions`` are the named links
    (`exercises show`); when None, the JSON lists the exercise's own link ids (`exercises list`)."""

    exercise: Exercise
    regressions: tuple[ExerciseLink, ...] | None = None
    progressions: tuple[ExerciseLink, ...] | None = None

    def as_json(self) -> dict[str, Any]:
        ex = self.exercise

        def links(named: tuple[ExerciseLink, ...] | None, ids: tuple[str, ...]) -> list[Any]:
            return list(ids) if named is None else [link.as_json() for link in named]

        return {
            "id": ex.id,
            "name": ex.name,
            "aliases": list(ex.aliases),
            "region": ex.region,
            "pattern": ex.pattern,
            "muscles": [{"muscle": m.muscle, "weight": m.weight} for m in ex.muscles],
            "laterality": ex.laterality,
            "equipment": list(ex.equipment),
            "level": ex.level,
            "impact": ex.impact,
            "contacts_per_rep": ex.contacts_per_rep,
            "benefits": list(ex.benefits),
            "contraindications": list(ex.contraindications),
            "met": ex.met,
            "met_code": ex.met_code,
            "regressions": links(self.regressions, ex.regressions),
            "progressions": links(self.progressions, ex.progressions),
            "cues": list(ex.cues),
            "dose": ex.dose,
        }


@dataclass(frozen=True)
class CatalogCoverage:
    """How many exercises the catalog holds, for the legs and the rest, and by pattern, benefit
    and region (every known value listed, zeros included)."""

    exercises: int
    lower_body: int
    upper_body_and_core: int
    pattern: dict[str, int]
    benefit: dict[str, int]
    region: dict[str, int]

    def as_json(self) -> dict[str, Any]:
        return {
            "exercises": self.exercises,
            "lower_body": self.lower_body,
            "upper_body_and_core": self.upper_body_and_core,
            "pattern": dict(self.pattern),
            "benefit": dict(self.benefit),
            "region": dict(self.region),
        }
