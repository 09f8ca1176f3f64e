"""The athlete as the use-cases show it (``AthleteView``) and as the domain reads it
(``AthleteInfo``), from the plain athlete record, and the athlete list: no SQLAlchemy at import,
so `legday athlete list` on a SQLite file takes the plain read path (legday.app.reading)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from legday.domain.access import Actor
from legday.domain.athlete_profile import AthleteProfile
from legday.domain.records import AthleteInfo
from legday.domain.units import display_mass
from legday.store import plain
from legday.store.plain import AthleteRecord

if TYPE_CHECKING:
    from legday.app.reading import RowSource


@dataclass(frozen=True)
class AthleteView:
    id: int
    name: str
    birth_date: date | None
    age: int | None
    sex: str | None
    body_mass_kg: float | None
    height_cm: float | None
    level: str
    unit: str
    limitations: list[str]
    profile: AthleteProfile = field(default_factory=AthleteProfile)

    def as_json(self) -> dict[str, Any]:
        """The JSON shape: masses in kg and in the athlete's unit."""
        return {
            "id": self.id,
            "name": self.name,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "age": self.age,
            "sex": self.sex,
            "body_mass_kg": self.body_mass_kg,
            "body_mass": display_mass(self.body_mass_kg, self.unit_literal),
            "height_cm": self.height_cm,
            "level": self.level,
            "unit": self.unit,
            "limitations": self.limitations,
        }

    @property
    def unit_literal(self) -> Any:
        return "lb" if self.unit == "lb" else "kg"


def info(a: AthleteRecord) -> AthleteInfo:
    """The domain's view of a stored athlete."""
    return AthleteInfo(
        name=a.name,
        birth_date=a.birth_date,
        age_years=a.age_years,
        sex="female" if a.sex == "female" else "male" if a.sex == "male" else None,
        body_mass_kg=a.body_mass_kg,
        height_cm=a.height_cm,
        level="advanced"
        if a.level == "advanced"
        else "intermediate"
        if a.level == "intermediate"
        else "beginner",
        unit="lb" if a.unit == "lb" else "kg",
        limitations=tuple(a.limitations or ()),
    )


def view(a: AthleteRecord, today: date | None = None) -> AthleteView:
    return AthleteView(
        id=a.id,
        name=a.name,
        birth_date=a.birth_date,
        age=info(a).age_on(today or date.today()),
        sex=a.sex,
        body_mass_kg=a.body_mass_kg,
        height_cm=a.height_cm,
        level=a.level,
        unit=a.unit,
        limitations=list(a.limitations or []),
        profile=AthleteProfile.from_json(a.profile),
    )


def list_all(db: RowSource, actor: Actor) -> list[AthleteView]:
    """The athletes the actor may know of (their own and those linked to them)."""
    with db.rows(actor) as u:
        return [view(a) for a in plain.all_athletes(u)]
