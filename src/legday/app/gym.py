"""Gym mode: walk the next session set by set, saving each set the moment it is entered.

The state machine: ``start`` opens a TrainingSession with status ``open`` (or resumes the open one)
and stores a snapshot of the prescription in its ``plan_ref`` JSON (``plan_ref["gym"]``), so a
resumed session shows exactly what was prescribed even if history or the plan changed since.
``record``/``skip``/``finish_exercise`` each run in their own write transaction; ``close`` marks
the session ``closed``. A crash, a closed terminal or Ctrl-C therefore loses at most the set being
typed, and the next ``start`` resumes where the athlete was.

Where the athlete is comes from the stored rows themselves: each saved set carries the dedupe key
``gym:<session>:<exercise #>:<set #>``; skipped sets are listed in the snapshot.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy.orm import Session

from legday.app import aggregates, athletes, gym_loads
from legday.app.db import Database
from legday.app.entry_checks import check_plausible
from legday.app.gym_entry import HELP, Actual, Command, parse_entry
from legday.app.next_session import compute_in, item_json
from legday.app.training_views import MAX_MINUTES
from legday.domain.access import Actor
from legday.domain.errors import Conflict, InvalidInput, NotFound
from legday.domain.records import LoadBasis, SetRecord
from legday.domain.units import Unit, display_mass, to_kg
from legday.store import athletes as stored_athletes
from legday.store import sessions, sets
from legday.store.models import Athlete, TrainingSession
from legday.store.session_rows import SessionRows

KEY_RE = re.compile(r"^gym:(\d+):(\d+):(\d+)$")

__all__ = [  # the entry grammar (gym_entry) is re-exported for callers of gym mode
    "HELP",
    "Actual",
    "Closed",
    "Command",
    "GymSession",
    "Recorded",
    "Skipped",
    "close",
    "parse_entry",
    "record",
    "skip",
    "start",
    "state",
]  # fmt: skip


@dataclass
class GymSession:
    """An open session being walked through (a plain view of the stored state)."""

    session_id: int
    athlete: str
    unit: Unit
    started_at: datetime
    title: str
    items: list[dict[str, Any]]
    handled: dict[tuple[int, int], str]  # (exercise #, set #) → "saved" | "skipped"
    resumed: bool = False

    def cursor(self) -> tuple[int, int] | None:
        """(exercise #, set #) of the next set to do, 0-based; None when all are handled."""
        for i, item in enumerate(self.items):
            for j in range(len(item["sets"])):
                if (i, j) not in self.handled:
                    return i, j
        return None

    @property
    def saved(self) -> int:
        return sum(1 for v in self.handled.values() if v == "saved")


def _snapshot(t: TrainingSession) -> dict[str, Any]:
    ref = t.plan_ref or {}
    gym = ref.get("gym") if isinstance(ref, dict) else None
    if not isinstance(gym, dict) or not isinstance(gym.get("items"), list):
        raise Conflict(
            f"open session {t.id} was not started by gym mode",
            "close it with `legday sessions` or log it with `legday log`",
        )
    return gym


def _load(s: Session, t: TrainingSession, a: Athlete, resumed: bool) -> GymSession:
    gym = _snapshot(t)
    handled: dict[tuple[int, int], str] = {}
    for key in sets.dedupe_keys_in(s, t.id):
        if key and (m := KEY_RE.match(key)):
            handled[(int(m.group(2)), int(m.group(3)))] = "saved"
    for i, j in gym.get("skipped", []):
        handled.setdefault((int(i), int(j)), "skipped")
    return GymSession(
        session_id=t.id,
        athlete=a.name,
        unit="lb" if a.unit == "lb" else "kg",
        started_at=t.started_at,
        title=str(gym.get("title", t.name or "")),
        # A copy: the adjustments made to it are written back as a new JSON value, which an
        # in-place change of the loaded one would hide from the ORM's change tracking.
        items=copy.deepcopy(list(gym["items"])),
        handled=handled,
        resumed=resumed,
    )


def _open(s: Session, athlete_id: int) -> TrainingSession | None:
    return sessions.open_one(s, athlete_id)


def start(db: Database, actor: Actor, athlete_id: int, now: datetime | None = None) -> GymSession:
    """Resume the athlete's open gym session, or open a new one for their next session."""
    when = (now or datetime.now()).replace(microsecond=0)
    with db.write(actor) as s:
        a = athletes.get(s, athlete_id)
        t = _open(s, a.id)
        if t is not None:
            return _load(s, t, a, resumed=True)
        nxt = compute_in(s, a, when.date())
        if not nxt.items:
            raise NotFound(
                f"there is nothing to train for {a.name} yet",
                "make a plan (`legday plan`) or log a session (`legday log`) first",
            )
        unit: Unit = "lb" if a.unit == "lb" else "kg"
        items = [{**item_json(i, unit), "increment_kg": i.increment_kg} for i in nxt.items]
        for it in items:
            gym_loads.prefill(s, a.id, it, unit)
        ref: dict[str, Any] = dict(nxt.plan_ref) if nxt.plan_ref else {}
        ref["gym"] = {"title": nxt.title, "items": items, "skipped": []}
        t = TrainingSession(
            athlete_id=a.id,
            started_at=when,
            name=nxt.title,
            source="legday",
            status="open",
            plan_ref=ref,
            warnings=[],
        )
        s.add(t)
        s.flush()
        return _load(s, t, a, resumed=False)


def _session(s: Session, session_id: int) -> tuple[TrainingSession, Athlete, GymSession]:
    """The open gym session ``session_id`` as the unit's actor sees it, with its state read from
    the stored rows (never from a client-held copy): someone else's session answers like a
    missing one."""
    t = sessions.get(s, session_id)
    if t is None:
        raise NotFound(f"no session {session_id}", "run `legday train` again")
    if t.status != "open":
        raise Conflict(f"session {session_id} is no longer open", "run `legday train` again")
    a = stored_athletes.get(s, t.athlete_id)
    assert a is not None  # the foreign key guarantees it
    return t, a, _load(s, t, a, resumed=True)


def state(db: Database, actor: Actor, session_id: int) -> GymSession:
    """Where an open gym session stands (what is saved, skipped and next)."""
    with db.read(actor) as s:
        return _session(s, session_id)[2]


@dataclass(frozen=True)
class Recorded:
    """What saving a set did: the stored values, records broken, the next set's adjustment."""

    load_kg: float | None
    amount: float | None
    rpe: float | None
    records: list[dict[str, Any]]
    adjustment: str | None
    rest_s: int
    dose: str = "reps"  # what ``amount`` counts: reps, seconds or contacts
    session: GymSession | None = None  # the session's state after this set was saved


def _target(item: dict[str, Any], j: int) -> dict[str, Any]:
    return dict(item["sets"][j])


def record(
    db: Database,
    actor: Actor,
    session_id: int,
    actual: Actual | None = None,
    confirm: bool = False,
) -> Recorded:
    """Save the current set (``None``: exactly as prescribed) in its own transaction.

    A set without a prescribed load takes the load of this exercise's previous set in the
    session, else of its last session; a loaded exercise with neither is refused (InvalidInput)
    rather than stored as body weight. A value that looks like a typo raises
    ``entry_checks.Implausible`` unless ``confirm``."""
    act = actual or Actual()
    with db.write(actor) as s:
        t, a, gs = _session(s, session_id)
        cur = gs.cursor()
        if cur is None:
            raise Conflict("every set of this session is done", "end it with 'end'")
        i, j = cur
        key = f"gym:{t.id}:{i}:{j}"
        if sets.key_taken(s, a.id, key):
            raise Conflict(
                f"set {j + 1} of exercise {i + 1} was already saved (another terminal?)",
                "run `legday train` again to resume from the stored sets",
            )
        item = gs.items[i]
        target = _target(item, j)
        ex_id = str(item["exercise_id"])
        load_kg: float | None
        if act.bodyweight:
            load_kg, basis = None, "bodyweight"
        elif act.load is not None:
            load_kg = to_kg(act.load, act.load_unit or gs.unit)
            basis = "external"
        else:
            load_kg, basis = gym_loads.load_for(s, a, t, item, target, j)
        dose = (
            "seconds" if target.get("seconds") else "contacts" if target.get("contacts") else "reps"
        )
        planned = target.get(dose)
        amount = act.amount if act.amount is not None else planned
        record = SetRecord(
            exercise_id=ex_id,
            exercise_raw=str(item.get("name") or ex_id),
            exercise_occurrence=1 + sum(1 for x in gs.items[:i] if x["exercise_id"] == ex_id),
            position=j + 1,
            set_type="warmup" if item.get("kind") == "warmup" else "working",
            load_kg=load_kg,
            load_basis=cast(LoadBasis, basis),  # one of the three set above
            reps=int(amount) if dose == "reps" and amount is not None else None,
            duration_s=float(amount) if dose == "seconds" and amount is not None else None,
            contacts=int(amount) if dose == "contacts" and amount is not None else None,
            rpe=act.rpe,
            dedupe_key=key,
        )
        entry = sets.new(t, sets.next_seq(s, t.id), record)
        if not confirm:
            check_plausible(SessionRows(s), a.id, a.body_mass_kg, [entry], gs.unit)
        broken = gym_loads.records_broken(s, a, t, entry) if dose == "reps" else []
        s.add(entry)
        adjustment = gym_loads.adjust_next(a, gs.items, i, j, act.rpe, load_kg)
        if adjustment is not None:
            _save_snapshot(t, gs)
        s.flush()
        aggregates.refresh(s, a.id, [t.started_at.date()])
    gs.handled[(i, j)] = "saved"
    rest_s = int(item.get("rest_s") or 0)
    return Recorded(load_kg, amount, act.rpe, broken, adjustment, rest_s, dose, gs)


def _save_snapshot(
    t: TrainingSession, gs: GymSession, skipped: list[list[int]] | None = None
) -> None:
    ref = dict(t.plan_ref or {})
    gym = dict(ref.get("gym") or {})
    gym["items"] = gs.items
    if skipped is not None:
        gym["skipped"] = skipped
    ref["gym"] = gym
    t.plan_ref = ref  # a new object, so the JSON column is written


@dataclass(frozen=True)
class Skipped:
    count: int  # sets skipped
    session: GymSession  # the session's state after skipping


def skip(db: Database, actor: Actor, session_id: int, whole_exercise: bool = False) -> Skipped:
    """Skip the current set (or the rest of the current exercise)."""
    with db.write(actor) as s:
        t, _, gs = _session(s, session_id)
        cur = gs.cursor()
        if cur is None:
            return Skipped(0, gs)
        i, j = cur
        last = len(gs.items[i]["sets"]) if whole_exercise else j + 1
        todo = [(i, k) for k in range(j, last) if (i, k) not in gs.handled]
        already = (t.plan_ref or {}).get("gym", {}).get("skipped", [])
        _save_snapshot(t, gs, [*already, *[[a, b] for a, b in todo]])
    for key in todo:
        gs.handled[key] = "skipped"
    return Skipped(len(todo), gs)


@dataclass(frozen=True)
class Closed:
    session_id: int
    sets_saved: int
    sets_skipped: int
    minutes: float | None  # as the athlete stated it; None: not recorded
    tonnage_kg: float
    records: list[dict[str, Any]]
    discarded: bool = False  # nothing was saved, so nothing was kept

    def as_json(self, unit: Unit) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "sets_saved": self.sets_saved,
            "sets_skipped": self.sets_skipped,
            "minutes": self.minutes,
            "tonnage_kg": self.tonnage_kg,
            "tonnage": display_mass(self.tonnage_kg, unit, 1),
            "records": self.records,
            "discarded": self.discarded,
        }


def close(
    db: Database,
    actor: Actor,
    session_id: int,
    session_rpe: float | None = None,
    minutes: float | None = None,
) -> Closed:
    """Mark the session closed and refresh the daily tables. Its duration is the ``minutes`` the
    athlete states (None: not recorded) — the wall time since ``start`` includes pauses, resumes
    a day later and quick tries, so it is not a session length. A session in which no set was
    saved is discarded: an empty session would count as trained."""
    if session_rpe is not None and not 0 <= session_rpe <= 10:
        raise InvalidInput(f"session RPE {session_rpe:g} is outside 0–10", "Foster's CR-10 scale")
    if minutes is not None and not 0 < minutes <= MAX_MINUTES:
        raise InvalidInput(f"{minutes:g} minutes is not a session length", "give 1–1440 minutes")
    with db.write(actor) as s:
        t, a, gs = _session(s, session_id)
        skipped = sum(1 for v in gs.handled.values() if v == "skipped")
        if sets.count_in(s, t.id) == 0:
            s.delete(t)
            return Closed(gs.session_id, 0, skipped, None, 0.0, [], discarded=True)
        t.status = "closed"
        t.duration_s = None if minutes is None else round(minutes * 60)
        if session_rpe is not None:
            t.session_rpe = session_rpe
        rows = sets.of_session(s, t.id)
        tonnage = sum((e.load_kg or 0) * (e.reps or 0) for e in rows if e.load_basis == "external")
        s.flush()
        aggregates.refresh(s, a.id, [t.started_at.date()])
        found: list[dict[str, Any]] = []
        for e in rows:
            for r in gym_loads.records_broken(s, a, t, e, exclude_session=t.id) if e.reps else []:
                found.append({"exercise_id": e.exercise_id, **r})
    return Closed(gs.session_id, len(rows), skipped, minutes, round(tonnage, 2), _best(found))


def _best(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One line per exercise and record kind: the highest value."""
    top: dict[tuple[Any, Any, Any], dict[str, Any]] = {}
    for r in found:
        k = (r["exercise_id"], r["kind"], r["reps"])
        if k not in top or r["value_kg"] > top[k]["value_kg"]:
            top[k] = r
    return list(top.values())
