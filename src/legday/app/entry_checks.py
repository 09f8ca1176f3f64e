"""Checks run before new sets are stored: implausible values and exact repeats.

``check_plausible`` raises :class:`Implausible` (an ``InvalidInput`` carrying the doubts) unless
the caller confirmed; ``find_repeat`` names a stored session with exactly the same sets on the
same day. Both run inside the caller's transaction; the shells phrase how to confirm.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from legday.app.training_records import lift
from legday.domain.catalog import load as load_catalog
from legday.domain.errors import Conflict, InvalidInput
from legday.domain.science.e1rm import epley
from legday.domain.train.plausibility import Doubt, Entry, all_doubts
from legday.domain.train.prs import counts
from legday.domain.units import Unit
from legday.store import sessions, sets
from legday.store.models import Athlete, SetEntry

E1RM_MAX_REPS = 30  # Epley is undefined in meaning past ~30 reps (e1rm.ABSOLUTE_MAX_REPS)


class Implausible(InvalidInput):
    """Entries that look like typos; ``doubts`` says which and why."""

    def __init__(self, doubts: Sequence[Doubt], unit: Unit) -> None:
        lines = "; ".join(d.describe(unit) for d in doubts)
        super().__init__(
            f"not stored, this looks like a typo: {lines}",
            "check the entry; if it is right, confirm it",
        )
        self.doubts = list(doubts)


class Repeated(Conflict):
    """The exact same sets are already stored for that day (``session_id``)."""

    def __init__(self, session_id: int, day: date) -> None:
        super().__init__(
            f"session {session_id} on {day} has exactly these sets already; nothing was stored",
            "if you really did the same session twice that day, log it again as a repeat",
        )
        self.session_id = session_id


def best_e1rm(
    s: Session, athlete_id: int, exercise_ids: Iterable[str], exclude_session: int | None = None
) -> dict[str, float]:
    """Best Epley e1RM (kg) per exercise over the athlete's stored working sets with a load."""
    ids = sorted(set(exercise_ids))
    if not ids:
        return {}
    best: dict[str, float] = {}
    for row, started in sets.with_start(s, athlete_id, ids, exclude_session):
        x = lift(row, started.date())
        if not counts(x):
            continue
        assert x.load_kg is not None and x.reps is not None
        reps = min(x.reps, E1RM_MAX_REPS)
        value = x.load_kg if reps == 1 else epley(x.load_kg, reps)
        best[x.exercise_id] = max(best.get(x.exercise_id, 0.0), value)
    return best


def entries_of(rows: Iterable[SetEntry]) -> list[Entry]:
    cat = load_catalog()
    out: list[Entry] = []
    for r in rows:
        if not r.exercise_id:
            continue
        ex = cat.get(r.exercise_id) if r.exercise_id in cat else None
        out.append(
            Entry(
                exercise_id=r.exercise_id,
                load_kg=r.load_kg,
                reps=r.reps,
                external=r.load_basis == "external" and r.set_type != "warmup",
                pattern=ex.pattern if ex else None,
                equipment=tuple(ex.equipment) if ex else (),
            )
        )
    return out


def check_plausible(
    s: Session,
    a: Athlete,
    rows: Sequence[SetEntry],
    unit: Unit,
    exclude_session: int | None = None,
) -> None:
    """Raise :class:`Implausible` when any of ``rows`` looks like a typo (see plausibility)."""
    entries = entries_of(rows)
    best = best_e1rm(s, a.id, (e.exercise_id for e in entries), exclude_session)
    found = all_doubts(entries, best, a.body_mass_kg)
    if found:
        raise Implausible(found, unit)


def _shape(r: SetEntry) -> tuple[object, ...]:
    def num(x: float | None) -> float | None:
        return None if x is None else round(float(x), 3)

    return (
        r.exercise_id or r.exercise_raw, r.set_type, num(r.load_kg), r.load_basis, r.reps,
        num(r.rpe), num(r.rir), r.side, num(r.duration_s), num(r.distance_m), r.contacts,
    )  # fmt: skip


def find_repeat(s: Session, athlete_id: int, day: date, rows: Sequence[SetEntry]) -> int | None:
    """The id of a stored session on ``day`` whose sets are exactly ``rows`` (in order)."""
    start = datetime.combine(day, time(0, 0))
    ids = sessions.ids_between(s, athlete_id, start, start + timedelta(days=1))
    want = [_shape(r) for r in rows]
    for sid in ids:
        have = sets.of_session(s, sid)
        if [_shape(r) for r in have] == want:
            return sid
    return None
