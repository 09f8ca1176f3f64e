"""Checks run before new sets are stored: implausible values and exact repeats.

``check_plausible`` raises :class:`Implausible` (an ``InvalidInput`` carrying the doubts) unless
the caller confirmed; ``find_repeat`` names a stored session with exactly the same sets on the
same day. Both read with plain SQL (``legday.store.plain_log``) inside the caller's transaction,
on either driver (``legday.store.session_rows`` wraps an ORM unit of work); the shells phrase how
to confirm.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from legday.domain.catalog import load as load_catalog
from legday.domain.errors import Conflict, InvalidInput
from legday.domain.science.e1rm import epley
from legday.domain.train.plausibility import Doubt, Entry, all_doubts
from legday.domain.train.prs import LiftSet, counts
from legday.domain.units import Unit
from legday.store import plain_log
from legday.store.plain import Rows

if TYPE_CHECKING:
    from legday.app.training_views import NewSet
    from legday.store.models import SetEntry

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
    u: Rows, athlete_id: int, exercise_ids: Iterable[str], exclude_session: int | None = None
) -> dict[str, float]:
    """Best Epley e1RM (kg) per exercise over the athlete's stored working sets with a load."""
    ids = sorted(set(exercise_ids))
    best: dict[str, float] = {}
    for ex, started, load, reps, kind, basis, sid in plain_log.lifts(
        u, athlete_id, ids, exclude_session=exclude_session
    ):
        x = LiftSet(ex or "", started.date(), load, reps, kind, basis, sid)
        if not counts(x):
            continue
        assert x.load_kg is not None and x.reps is not None
        reps = min(x.reps, E1RM_MAX_REPS)
        value = x.load_kg if reps == 1 else epley(x.load_kg, reps)
        best[x.exercise_id] = max(best.get(x.exercise_id, 0.0), value)
    return best


def entries_of(rows: Iterable[SetEntry | NewSet]) -> list[Entry]:
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
    u: Rows,
    athlete_id: int,
    body_mass_kg: float | None,
    rows: Sequence[SetEntry | NewSet],
    unit: Unit,
    exclude_session: int | None = None,
) -> None:
    """Raise :class:`Implausible` when any of ``rows`` looks like a typo (see plausibility)."""
    entries = entries_of(rows)
    best = best_e1rm(u, athlete_id, (e.exercise_id for e in entries), exclude_session)
    found = all_doubts(entries, best, body_mass_kg)
    if found:
        raise Implausible(found, unit)


def _num(x: float | None) -> float | None:
    return None if x is None else round(float(x), 3)


def _shape(
    exercise_id: str | None, exercise_raw: str, set_type: str, load_kg: float | None,
    load_basis: str, reps: int | None, rpe: float | None, rir: float | None, side: str,
    duration_s: float | None, distance_m: float | None, contacts: int | None,
) -> tuple[object, ...]:  # fmt: skip
    """A set as the repeat check compares it (``plain_log.SHAPE_FIELDS``, in that order)."""
    return (
        exercise_id or exercise_raw, set_type, _num(load_kg), load_basis, reps, _num(rpe),
        _num(rir), side, _num(duration_s), _num(distance_m), contacts,
    )  # fmt: skip


def find_repeat(
    u: Rows, athlete_id: int, day: date, rows: Sequence[SetEntry | NewSet]
) -> int | None:
    """The id of a stored session on ``day`` whose sets are exactly ``rows`` (in order)."""
    start = datetime.combine(day, time(0, 0))
    stored = plain_log.shapes_between(u, athlete_id, start, start + timedelta(days=1))
    want = [_shape(*(getattr(r, f) for f in plain_log.SHAPE_FIELDS)) for r in rows]
    for sid, have in stored.items():
        if [_shape(*x) for x in have] == want:
            return sid
    return None
