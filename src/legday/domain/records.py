"""Plain records that cross every boundary: importers and the logger produce them, the store keeps
them, the analytics read them. One performed set is one :class:`SetRecord`
(docs/evidence/import-formats.md#the-normalized-set-record)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

Sex = Literal["female", "male"]
Level = Literal["beginner", "intermediate", "advanced"]
SetType = Literal["warmup", "working", "drop", "failure"]
Side = Literal["left", "right", "both"]
# external: a plate/dumbbell load; bodyweight: no external load; assistance: the load *helps*
# (assisted pull-up, machine dips) and must not be counted as tonnage.
LoadBasis = Literal["external", "bodyweight", "assistance"]

SEXES: tuple[Sex, ...] = ("female", "male")
_SEX_WORDS: dict[str, Sex] = {"female": "female", "f": "female", "woman": "female",
                              "male": "male", "m": "male", "man": "male"}  # fmt: skip


def parse_sex(text: str) -> Sex:
    """``female``/``male`` or their short forms ``f``/``m`` (any case) → the long form."""
    from legday.domain.errors import InvalidInput

    found = _SEX_WORDS.get(text.strip().lower())
    if found is None:
        raise InvalidInput(f"sex {text!r} is not known", "use female or male (f or m)")
    return found


LEVELS: tuple[Level, ...] = ("beginner", "intermediate", "advanced")
SET_TYPES: tuple[SetType, ...] = ("warmup", "working", "drop", "failure")
SIDES: tuple[Side, ...] = ("left", "right", "both")
LOAD_BASES: tuple[LoadBasis, ...] = ("external", "bodyweight", "assistance")


@dataclass(frozen=True, slots=True)
class AthleteInfo:
    """What the science needs to know about a person."""

    name: str
    birth_date: date | None = None
    age_years: int | None = None
    sex: Sex | None = None
    body_mass_kg: float | None = None
    height_cm: float | None = None
    level: Level = "beginner"
    unit: Literal["kg", "lb"] = "kg"
    limitations: tuple[str, ...] = ()

    def age_on(self, day: date) -> int | None:
        """Age in whole years on ``day``: from the birth date when known, else the stored age."""
        if self.birth_date is not None:
            b = self.birth_date
            return day.year - b.year - ((day.month, day.day) < (b.month, b.day))
        return self.age_years


# Not frozen: a frozen dataclass's __init__ sets each field through object.__setattr__, 1.7 µs per
# set against 0.2 µs (bench/bench_import.py makes a million). Treat it as immutable all the same;
# unsafe_hash keeps it hashable as before.
@dataclass(slots=True, unsafe_hash=True)
class SetRecord:
    """One performed set, normalised. Loads are kilograms; empty stays ``None``."""

    exercise_raw: str
    exercise_id: str | None = None
    exercise_occurrence: int = 1  # n-th block of this exercise in the session
    position: int = 1  # order within that block (row order, never the app's own index)
    set_type: SetType = "working"
    load_kg: float | None = None
    load_basis: LoadBasis = "external"
    reps: int | None = None
    rpe: float | None = None
    rir: float | None = None
    side: Side = "both"
    duration_s: float | None = None
    distance_m: float | None = None
    contacts: int | None = None
    notes: str | None = None
    source_row: str | None = None  # the raw source text, kept so a later fix can re-derive values
    source_line: int | None = None  # physical line in the source file
    # stable per set across re-imports (docs/evidence/import-formats.md#dedupe-key)
    dedupe_key: str | None = None


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """One training session with its sets in performed order."""

    started_at: datetime  # local wall time when the source gives no zone (naive)
    sets: tuple[SetRecord, ...] = ()
    name: str | None = None
    duration_s: int | None = None
    session_rpe: float | None = None
    notes: str | None = None
    source: str = "legday"
    source_key: str | None = None
    warnings: tuple[str, ...] = field(default=())

    @property
    def srpe_load(self) -> float | None:
        """Foster session-RPE load (AU): session RPE × minutes (Foster et al. 2001)."""
        if self.session_rpe is None or self.duration_s is None:
            return None
        return self.session_rpe * self.duration_s / 60.0
