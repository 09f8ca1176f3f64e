"""Personal records from the training log: `legday records` and what `legday log` reports as new.

Only working sets count toward records (``legday.domain.train.prs`` says which set types);
loads are stored in kg and shown in the athlete's unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from legday.domain.access import Actor, Scope
from legday.domain.errors import NotFound
from legday.domain.train.prs import LiftSet
from legday.domain.units import Unit, display_mass
from legday.store import plain

if TYPE_CHECKING:  # SQLAlchemy stays unimported on the plain paths (legday.app.reading)
    from legday.app.reading import RowSource
    from legday.app.training_views import Named, NewRecord, NewSet
    from legday.store.models import SetEntry
    from legday.store.plain import Rows


def lift(x: SetEntry | NewSet, day: date) -> LiftSet:
    """A stored set as the record finder sees it (``day`` = its session's day)."""
    return LiftSet(
        exercise_id=x.exercise_id or "",
        day=day,
        load_kg=x.load_kg,
        reps=x.reps,
        set_type=x.set_type,
        basis=x.load_basis,
        session_id=x.session_id,
    )


def _lifts(rows: Iterable[Any]) -> list[LiftSet]:
    """Rows of (exercise, session start, load, reps, set type, basis, session) as the record
    finder sees them (as :func:`lift` does)."""
    return [
        LiftSet(ex or "", started.date(), load, reps, kind, basis, sid)
        for ex, started, load, reps, kind, basis, sid in rows
    ]


def session_records(
    u: Rows,
    athlete_id: int,
    a: Named,
    session_id: int,
    started_at: datetime,
    rows: Sequence[SetEntry | NewSet],
) -> list[NewRecord]:
    """Records the session's sets broke against everything logged before it (an exercise's
    first ever sets are not reported: there was nothing to beat)."""
    from legday.domain.train.prs import new_records

    ids = {r.exercise_id for r in rows if r.exercise_id}
    if not ids:
        return []
    # Filtered as the actor sees it: one who may log for the athlete but not see their training
    # finds no past sets, and no records.
    from legday.app.training_views import NewRecord, unit_of
    from legday.store import plain_log

    before = _lifts(
        plain_log.lifts(u, athlete_id, sorted(ids), exclude_session=session_id, until=started_at)
    )
    history = list(before)
    unit = unit_of(a)
    found: dict[tuple[str, str, int | None], NewRecord] = {}
    for r in rows:
        cand = lift(r, started_at.date())
        # A record within this session must beat its earlier sets too, but "previous" is the
        # record the athlete held before the session.
        held = {(n.kind, n.reps): n.previous_kg for n in new_records(before, cand)}
        for n in new_records(history, cand):
            prev = held.get((n.kind, n.reps))
            if prev is not None:
                found[(cand.exercise_id, n.kind, n.reps)] = NewRecord(
                    exercise_id=cand.exercise_id,
                    kind=n.kind,
                    reps=n.reps,
                    value_kg=round(n.value_kg, 3),
                    value=display_mass(n.value_kg, unit, 2),
                    previous_kg=round(prev, 3),
                    previous=display_mass(prev, unit, 2),
                    seq=r.seq,
                )
        history.append(cand)
    return list(found.values())


@dataclass(frozen=True)
class BestSet:
    """The set that holds a record: its load (kg, and in the athlete's unit), reps, day and
    session."""

    load_kg: float
    load: float | None
    reps: int | None
    date: date
    session_id: int | None

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "date": self.date.isoformat()}


@dataclass(frozen=True)
class BestE1rm(BestSet):
    """The set with the best estimated 1RM, and that estimate."""

    value_kg: float
    value: float | None


@dataclass(frozen=True)
class RepMax(BestSet):
    """The heaviest load lifted for at least ``reps`` reps; ``set_reps`` is what the set that
    proves it did (a set of 6 at 100 kg is also the 5-rep max when nothing beats it)."""

    set_reps: int | None


@dataclass(frozen=True)
class ExerciseRecords:
    exercise_id: str
    name: str
    heaviest: BestSet
    e1rm: BestE1rm | None
    rep_maxes: list[RepMax]
    sets_counted: int

    def as_json(self) -> dict[str, Any]:
        return {
            "exercise_id": self.exercise_id,
            "name": self.name,
            "heaviest": self.heaviest.as_json(),
            "e1rm": None if self.e1rm is None else self.e1rm.as_json(),
            "rep_maxes": [r.as_json() for r in self.rep_maxes],
            "sets_counted": self.sets_counted,
        }


@dataclass(frozen=True)
class RecordsView:
    athlete: str
    unit: Unit
    formula: str
    exercises: list[ExerciseRecords]

    @property
    def e1rm_definition(self) -> str:
        """legday's one e1RM, or what the chosen formula changes in it."""
        from legday.domain.science.e1rm import DEFINITION, STANDARD_FORMULA, get_formula

        if self.formula == STANDARD_FORMULA:
            return DEFINITION
        f = get_formula(self.formula)
        return (
            f"e1RM = {f.name} (chosen instead of legday's Epley), from working sets with an "
            f"external load and 1–{f.max_reps} reps; no RPE adjustment ({f.citation})"
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "athlete": self.athlete,
            "unit": self.unit,
            "formula": self.formula,
            "e1rm_definition": self.e1rm_definition,
            "exercises": [e.as_json() for e in self.exercises],
        }


def records(db: RowSource, actor: Actor, athlete_id: int, formula: str = "epley") -> RecordsView:
    """Personal records per exercise from the athlete's working sets (see domain.train.prs)."""
    from legday.domain.catalog import load
    from legday.domain.science.e1rm import get_formula
    from legday.domain.train.prs import Best
    from legday.domain.train.prs import records as find_records

    with db.rows(actor) as u:
        a = plain.athlete(u, athlete_id, Scope.VIEW_TRAINING)
        if a is None:
            raise NotFound(f"no athlete with id {athlete_id}")
        unit: Unit = "lb" if a.unit == "lb" else "kg"
        found = find_records(_lifts(plain.lifts(u, a.id)), formula)
        catalog = load()

        def best(b: Best) -> BestSet:
            load = display_mass(b.load_kg, unit, 2)
            return BestSet(round(b.load_kg, 3), load, b.reps, b.day, b.session_id)

        def best_e1rm(b: Best) -> BestE1rm:
            return BestE1rm(
                **asdict(best(b)),
                value_kg=round(b.value_kg, 2),
                value=display_mass(b.value_kg, unit, 1),
            )

        def rep_max(n: int, b: Best) -> RepMax:
            return RepMax(**{**asdict(best(b)), "reps": n}, set_reps=b.reps)

        exercises = [
            ExerciseRecords(
                exercise_id=ex_id,
                name=catalog.get(ex_id).name if ex_id in catalog else ex_id,
                heaviest=best(r.heaviest),
                e1rm=None if r.e1rm is None else best_e1rm(r.e1rm),
                rep_maxes=[rep_max(n, b) for n, b in r.rep_maxes],
                sets_counted=r.sets_counted,
            )
            for ex_id, r in sorted(found.items())
        ]
        return RecordsView(a.name, unit, get_formula(formula).name, exercises)
