"""Entries too far from what a person can lift: caught before they become history.

A typo (``800x5`` for ``80x5``, kg typed into a pound log) stores a record nobody can beat, a
progression seeded from it and a load flag; so a set is *doubted* — refused until the athlete
confirms it — when

* its load is more than :data:`HISTORY_FACTOR` × the athlete's best e1RM for that exercise
  (an issue report's example bound: real strength gains between sessions are a few per cent,
  Rhea et al. 2003, Med Sci Sports Exerc 35(3):456–464, report ~1–2 %/week in trained lifters);
* a loaded set has more than :data:`MAX_LOADED_REPS` reps (past ~30 reps load–rep tables end,
  Reynolds et al. 2006, J Strength Cond Res 20(3):584–592; 50 leaves room for light endurance
  work and still catches a load typed as reps);
* its e1RM is above world-record-level strength for a barbell squat or hinge: more than
  :data:`WORLD_RECORD_RELATIVE` × body mass (Lamar Gant's 299.5 kg deadlift at 56 kg, 1985,
  is about 5.3 × body mass, the highest on record) or more than :data:`WORLD_RECORD_KG`
  (Hafþór Björnsson's 501 kg deadlift, 2020, the heaviest barbell lift on record). Both record
  figures are from public record lists, not re-checked against a primary source (UNVERIFIED); the
  bounds sit above them so that a real lift is never refused, only asked about.

Doubts are plain data (field, value, bound, reason); the shells phrase the question.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from legday.domain.science.e1rm import epley
from legday.domain.units import Unit, format_mass

HISTORY_FACTOR = 1.5  # see module docstring
MAX_LOADED_REPS = 50  # see module docstring
WORLD_RECORD_RELATIVE = 5.5  # × body mass, just above Gant 1985 (≈ 5.3)
WORLD_RECORD_KG = 510.0  # just above Björnsson 2020 (501 kg)
RECORD_PATTERNS = frozenset({"squat", "hinge"})  # the lifts those records were set in
RECORD_EQUIPMENT = frozenset({"barbell", "trap-bar"})


@dataclass(frozen=True, slots=True)
class Doubt:
    """Why one entry looks wrong: ``field`` (``load``/``reps``) is ``value``, past ``bound``."""

    exercise_id: str
    field: str
    value: float
    bound: float
    reason: str  # "history" | "reps" | "relative-record" | "absolute-record"

    def describe(self, unit: Unit = "kg") -> str:
        """Plain words, loads in ``unit``."""
        if self.reason == "history":
            best = format_mass(self.bound / HISTORY_FACTOR, unit, 1)
            return (
                f"{self.exercise_id}: {format_mass(self.value, unit, 2)} is more than "
                f"{HISTORY_FACTOR:g} × your best e1RM ({best}, Epley)"
            )
        if self.reason == "reps":
            return f"{self.exercise_id}: {self.value:g} reps with a load (over {self.bound:g})"
        if self.reason == "relative-record":
            return (
                f"{self.exercise_id}: an e1RM of {self.value:g} × body mass is above the world "
                f"record level ({self.bound:g} × body mass)"
            )
        return (
            f"{self.exercise_id}: an e1RM of {format_mass(self.value, unit, 1)} is above the "
            f"heaviest barbell lift on record ({format_mass(self.bound, unit, 0)})"
        )


@dataclass(frozen=True, slots=True)
class Entry:
    """One set as entered (kg); ``external`` when the load is on a bar, machine or in hand."""

    exercise_id: str
    load_kg: float | None
    reps: int | None
    external: bool
    pattern: str | None = None
    equipment: tuple[str, ...] = ()


def doubts(
    entry: Entry, best_e1rm_kg: float | None, body_mass_kg: float | None = None
) -> list[Doubt]:
    """What is implausible about ``entry`` given the athlete's best e1RM for the exercise (None:
    no history) and body mass (None: unknown)."""
    out: list[Doubt] = []
    load, reps, ex = entry.load_kg, entry.reps, entry.exercise_id
    if not entry.external or load is None or load <= 0:
        return out
    if reps is not None and reps > MAX_LOADED_REPS:
        out.append(Doubt(ex, "reps", reps, MAX_LOADED_REPS, "reps"))
    if best_e1rm_kg is not None and best_e1rm_kg > 0 and load > HISTORY_FACTOR * best_e1rm_kg:
        out.append(Doubt(ex, "load", load, HISTORY_FACTOR * best_e1rm_kg, "history"))
    record_lift = entry.pattern in RECORD_PATTERNS and bool(set(entry.equipment) & RECORD_EQUIPMENT)
    if record_lift:
        est = epley(load, min(reps or 1, 10)) if (reps or 1) > 1 else load
        if body_mass_kg and est / body_mass_kg > WORLD_RECORD_RELATIVE:
            rel = round(est / body_mass_kg, 1)
            out.append(Doubt(ex, "load", rel, WORLD_RECORD_RELATIVE, "relative-record"))
        elif est > WORLD_RECORD_KG:
            out.append(Doubt(ex, "load", round(est, 1), WORLD_RECORD_KG, "absolute-record"))
    return out


def all_doubts(
    entries: Iterable[Entry], best_e1rm_kg: dict[str, float], body_mass_kg: float | None = None
) -> list[Doubt]:
    """The doubts of every entry, one per exercise and reason (the worst value kept)."""
    worst: dict[tuple[str, str], Doubt] = {}
    for e in entries:
        for d in doubts(e, best_e1rm_kg.get(e.exercise_id), body_mass_kg):
            key = (d.exercise_id, d.reason)
            if key not in worst or d.value > worst[key].value:
                worst[key] = d
    return list(worst.values())
