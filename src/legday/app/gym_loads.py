"""The loads of gym mode: the last session's load offered when none was prescribed, the load of
a set entered without one, the next set moved after an RPE (in-session autoregulation), and the
records a set breaks.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from legday.app import athletes
from legday.app.next_session import catalog_get
from legday.domain.errors import InvalidInput
from legday.domain.train.prescription import loading_for, plates_for
from legday.domain.train.progression import RuleParams, SetTarget
from legday.domain.train.progression.rpe_auto import adjust_next_set
from legday.domain.train.prs import LiftSet, new_records
from legday.domain.units import Unit, display_mass, format_mass
from legday.store import plain_log, sets
from legday.store.models import Athlete, SetEntry, TrainingSession
from legday.store.session_rows import SessionRows


def _is_loaded(exercise_id: str) -> bool:
    """Whether the catalog lists weighable equipment for the exercise (a bar, machine…)."""
    from legday.app.training_views import WEIGHABLE

    ex = catalog_get(exercise_id)
    return ex is not None and bool(set(ex.equipment) & WEIGHABLE)


def _last_load(
    s: Session, athlete_id: int, exercise_id: str, session_id: int | None
) -> tuple[float | None, str] | None:
    """(load, basis) of the exercise's latest working set: in session ``session_id`` when given,
    else in the athlete's latest closed session; None when there is none."""
    return sets.last_load(s, athlete_id, exercise_id, session_id)


def prefill(s: Session, athlete_id: int, item: dict[str, Any], unit: Unit) -> None:
    """Sets prescribed without a load take the last session's load (shown, and Enter keeps it)."""
    if item.get("kind") == "warmup" or not _is_loaded(str(item["exercise_id"])):
        return
    sets = item["sets"]
    if not sets or any(x.get("load_kg") for x in sets) or any(x.get("seconds") for x in sets):
        return
    last = _last_load(s, athlete_id, str(item["exercise_id"]), None)
    if last is None or last[1] != "external" or not last[0]:
        return
    for n, x in enumerate(sets):
        sets[n] = {
            **x,
            "load_kg": last[0],
            "load": display_mass(last[0], unit, 2),
            "adjusted": "no load was prescribed: the load of your last session",
        }


def load_for(
    s: Session,
    a: Athlete,
    t: TrainingSession,
    item: dict[str, Any],
    target: dict[str, Any],
    j: int,
) -> tuple[float | None, str]:
    """(load, basis) of a set entered without a load: as prescribed, else as just lifted in this
    session, else as in the last session; a loaded exercise with none of these is refused."""
    if target.get("load_kg"):
        return float(target["load_kg"]), "external"
    ex_id = str(item["exercise_id"])
    for where in (t.id, None):
        last = _last_load(s, a.id, ex_id, where)
        if last is not None:
            return (last[0], "external") if last[1] == "external" and last[0] else (None, last[1])
    if _is_loaded(ex_id) and not target.get("seconds") and item.get("kind") != "warmup":
        raise InvalidInput(
            f"set {j + 1} of {item.get('name') or ex_id} has no load yet and none was lifted "
            "before",
            "type the reps and the load, e.g. '8 60', or 'bw' for body weight",
        )
    return None, "bodyweight"


def _lift(e: SetEntry, day: date) -> LiftSet:
    return LiftSet(
        str(e.exercise_id), day, e.load_kg, e.reps, e.set_type, e.load_basis, e.session_id
    )


def records_broken(
    s: Session, a: Athlete, t: TrainingSession, e: SetEntry, exclude_session: int | None = None
) -> list[dict[str, Any]]:
    """Records this set breaks (an exercise's first ever set has nothing to beat: not reported)."""
    past = plain_log.lifts(
        SessionRows(s), a.id, [str(e.exercise_id)], exclude_session=exclude_session
    )
    history = [LiftSet(ex or "", started.date(), *rest) for ex, started, *rest in past]
    unit: Unit = "lb" if a.unit == "lb" else "kg"
    return [
        {
            "kind": n.kind,
            "reps": n.reps,
            "value_kg": n.value_kg,
            "value": display_mass(n.value_kg, unit, 2),
            "previous": display_mass(n.previous_kg, unit, 2),
        }
        for n in new_records(history, _lift(e, t.started_at.date()))
        if n.previous_kg is not None
    ]


def adjust_next(
    a: Athlete,
    items: list[dict[str, Any]],
    i: int,
    j: int,
    rpe: float | None,
    done_kg: float | None,
) -> str | None:
    """The next set of the same exercise starts from the load just lifted (``done_kg``).

    With an RPE and a target RPE this is in-session autoregulation
    (docs/evidence/doses.md#rpe-load-adjustment; rpe_auto.adjust_next_set): the load moves when that
    set's RPE was ≥ 1 point off target and carries over when on target. Without them the next set
    simply follows the load used (for straight sets; a ramp keeps its steps, shifted by the same
    amount). ``items`` is the session's prescription; the next set in it is changed in place
    (the caller stores the changed snapshot when a reason comes back)."""
    item = items[i]
    target = item["sets"][j]
    if done_kg is None or j + 1 >= len(item["sets"]):
        return None
    nxt = item["sets"][j + 1]
    planned = nxt.get("load_kg")
    unit: Unit = "lb" if a.unit == "lb" else "kg"
    loading = loading_for(
        catalog_get(item["exercise_id"]), athletes.profile_of(a).loading(unit), unit
    )
    if rpe is None or target.get("rpe") is None or planned is None:
        this = target.get("load_kg")
        follow = done_kg
        if planned is not None and this is not None and abs(planned - this) > 1e-6:
            follow = planned + (done_kg - this) if planned + (done_kg - this) > 0 else done_kg
        if planned is not None and abs(follow - planned) < 1e-6:
            return None
        why = f"{format_mass(follow, unit, 2)}: follows the load you used"
        moved = SetTarget(load_kg=follow, reps=nxt.get("reps"), rpe=nxt.get("rpe"))
    else:
        goal = SetTarget(load_kg=done_kg, reps=nxt.get("reps"), rpe=nxt.get("rpe"))
        inc = float(item.get("increment_kg") or 2.5)
        moved, reason = adjust_next_set(
            goal, rpe, float(target["rpe"]), RuleParams(unit=unit), loading, inc
        )
        if reason is None:
            if abs(done_kg - planned) < 1e-6:
                return None
            reason = f"keep {format_mass(done_kg, unit, 2)}: RPE {rpe:g} was on target"
        why = reason
        if moved.load_kg is None or abs(moved.load_kg - planned) < 1e-6:
            return None
    plates = plates_for(moved.load_kg, loading)
    item["sets"][j + 1] = {
        **nxt,
        "load_kg": moved.load_kg,
        "load": display_mass(moved.load_kg, unit, 2),
        "plates_per_side": list(plates) if plates is not None else None,
        "adjusted": why,
    }
    return why
