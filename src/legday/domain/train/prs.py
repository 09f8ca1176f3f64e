"""Personal records from logged sets: heaviest lift, best estimated 1RM, rep maxes.

Only working sets count (``working`` and ``failure`` sets; warm-ups and drop sets do not), and only
external loads (plates, dumbbells, machines): a body-weight or assisted set has no load to compare.

* **heaviest** — the heaviest load lifted for at least one rep (the "1RM" a log can show).
* **rep max for r** — the heaviest load lifted for *at least* r reps: a set of 6 at 100 kg proves
  a 5RM of at least 100 kg. Reported for every rep count the athlete has performed (≤ 20 reps,
  beyond which a set measures endurance rather than a repetition maximum; legday's cut-off).
* **e1RM** — the best estimate from one set, with the formula named; sets outside the formula's
  rep range are skipped rather than trusted (``legday.domain.science.e1rm.estimate``).

A record belongs to the first set that reached it: matching it later is not a new record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from legday.domain.errors import InvalidInput
from legday.domain.science import e1rm

RECORD_SET_TYPES = frozenset({"working", "failure"})
MAX_REP_MAX = 20  # legday's cut-off for "repetition maximum" (see module docstring)
RecordKind = Literal["heaviest", "rep_max", "e1rm"]


@dataclass(frozen=True, slots=True)
class LiftSet:
    """What PR detection needs to know about one performed set (loads in kg)."""

    exercise_id: str
    day: date
    load_kg: float | None
    reps: int | None
    set_type: str = "working"
    basis: str = "external"
    session_id: int | None = None


@dataclass(frozen=True, slots=True)
class Best:
    """The set holding a record, and the record's value in kg (the load, or the estimate)."""

    value_kg: float
    load_kg: float
    reps: int
    day: date
    session_id: int | None


@dataclass(frozen=True, slots=True)
class ExerciseRecords:
    exercise_id: str
    heaviest: Best
    e1rm: Best | None  # None when no set was inside the formula's rep range
    formula: str
    rep_maxes: tuple[tuple[int, Best], ...]  # (reps, best), ascending reps
    sets_counted: int


@dataclass(frozen=True, slots=True)
class NewRecord:
    """A record a new set has just broken; ``previous_kg`` is None for the first ever."""

    kind: RecordKind
    reps: int | None  # the rep count for a rep max
    value_kg: float
    previous_kg: float | None


def counts(s: LiftSet) -> bool:
    """Whether a set can hold a record (working, external load, at least one rep)."""
    return (
        s.set_type in RECORD_SET_TYPES
        and s.basis == "external"
        and s.load_kg is not None
        and s.load_kg > 0
        and s.reps is not None
        and s.reps >= 1
    )


def _estimate(s: LiftSet, formula: str) -> float | None:
    assert s.load_kg is not None and s.reps is not None
    try:
        return e1rm.estimate(s.load_kg, s.reps, formula)
    except InvalidInput:
        return None  # outside the formula's range: not a trustworthy estimate


def _better(value: float, best: Best | None) -> bool:
    # Strictly better only: the earlier set keeps a record that is merely matched.
    return best is None or value > best.value_kg + 1e-9


def records(sets: Iterable[LiftSet], formula: str = "epley") -> dict[str, ExerciseRecords]:
    """Records per exercise id from ``sets`` (any order; ties go to the earliest day)."""
    e1rm.get_formula(formula)  # an unknown formula fails before any work
    ordered = sorted((s for s in sets if counts(s)), key=lambda s: (s.day, s.session_id or 0))
    heaviest: dict[str, Best] = {}
    best_e1rm: dict[str, Best] = {}
    # exact[ex][r] = heaviest load lifted for exactly r reps; rep maxes derive from it below.
    exact: dict[str, dict[int, Best]] = {}
    n: dict[str, int] = {}
    for s in ordered:
        assert s.load_kg is not None and s.reps is not None
        ex = s.exercise_id
        n[ex] = n.get(ex, 0) + 1
        here = Best(s.load_kg, s.load_kg, s.reps, s.day, s.session_id)
        if _better(s.load_kg, heaviest.get(ex)):
            heaviest[ex] = here
        est = _estimate(s, formula)
        if est is not None and _better(est, best_e1rm.get(ex)):
            best_e1rm[ex] = Best(est, s.load_kg, s.reps, s.day, s.session_id)
        r = min(s.reps, MAX_REP_MAX + 1)  # above the cut-off only ever proves lower rep maxes
        if _better(s.load_kg, exact.setdefault(ex, {}).get(r)):
            exact[ex][r] = here
    out: dict[str, ExerciseRecords] = {}
    for ex, top in heaviest.items():
        out[ex] = ExerciseRecords(
            exercise_id=ex,
            heaviest=top,
            e1rm=best_e1rm.get(ex),
            formula=e1rm.get_formula(formula).name,
            rep_maxes=_rep_maxes(exact[ex]),
            sets_counted=n[ex],
        )
    return out


def _rep_maxes(exact: dict[int, Best]) -> tuple[tuple[int, Best], ...]:
    """For each rep count performed (≤ the cut-off), the best set with at least that many reps."""
    out: list[tuple[int, Best]] = []
    best: Best | None = None
    for r in sorted(exact, reverse=True):  # walk down: a set of r reps also proves every r' < r
        cand = exact[r]
        if best is None or cand.value_kg > best.value_kg + 1e-9:
            best = cand
        elif abs(cand.value_kg - best.value_kg) <= 1e-9 and cand.day < best.day:
            best = cand  # equal load: the earlier set reached it first
        if r <= MAX_REP_MAX:
            out.append((r, best))
    return tuple(reversed(out))


def new_records(
    history: Iterable[LiftSet], candidate: LiftSet, formula: str = "epley"
) -> list[NewRecord]:
    """Records ``candidate`` breaks against ``history`` of the same exercise (gym mode, logging).

    Reports the heaviest lift, the rep max for the candidate's own rep count, and the e1RM."""
    if not counts(candidate):
        return []
    assert candidate.load_kg is not None and candidate.reps is not None
    past = [s for s in history if s.exercise_id == candidate.exercise_id and counts(s)]
    load, reps = candidate.load_kg, candidate.reps
    out: list[NewRecord] = []
    top = max((s.load_kg for s in past if s.load_kg is not None), default=None)
    if top is None or load > top + 1e-9:
        out.append(NewRecord("heaviest", None, load, top))
    if reps <= MAX_REP_MAX:
        same = [s.load_kg for s in past if s.load_kg is not None and (s.reps or 0) >= reps]
        prev = max(same, default=None)
        if prev is None or load > prev + 1e-9:
            out.append(NewRecord("rep_max", reps, load, prev))
    est = _estimate(candidate, formula)
    if est is not None:
        prior = [e for e in (_estimate(s, formula) for s in past) if e is not None]
        prev_e = max(prior, default=None)
        if prev_e is None or est > prev_e + 1e-9:
            out.append(NewRecord("e1rm", None, est, prev_e))
    return out
