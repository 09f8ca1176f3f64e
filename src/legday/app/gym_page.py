"""What the web gym page shows: today's prescription, the sets already stored today, the heaviest
load lifted so far per exercise (to announce a record), and the catalog to log anything else.

Sets logged on a phone reach the store through the sync endpoint (``source="web"`` sessions keyed
by the phone's session UUID, sets keyed ``web:<client UUID>``): this module only reads them, and
closes such a session with the athlete's session RPE and minutes when they finish.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from legday.app import aggregates
from legday.app.catalog import list_exercises
from legday.app.db import Database
from legday.app.next_session import compute_in, item_json
from legday.app.training_views import MAX_MINUTES
from legday.domain.access import Actor
from legday.domain.errors import InvalidInput, NotFound
from legday.domain.units import Unit
from legday.store import athletes as stored_athletes
from legday.store import sessions
from legday.store import sets as stored_sets

WEB_PREFIX = "web:"


@dataclass(frozen=True)
class LoggedSet:
    """One stored set of today, as the page lists it."""

    client_id: str | None  # the phone's UUID for sets logged on the web (editable there)
    exercise_id: str | None
    name: str
    load_kg: float | None
    reps: int | None
    seconds: float | None
    rpe: float | None
    set_type: str


@dataclass(frozen=True)
class GymPage:
    athlete_id: int
    athlete_name: str
    unit: Unit
    today: date
    title: str
    source: str  # "plan" | "history" | "none"
    deload_week: bool
    items: list[dict[str, Any]]  # the prescription, ``legday next``'s exercise shape
    sets: list[LoggedSet]
    open_session_key: str | None  # the phone session UUID of today's unfinished web session
    bests_kg: dict[str, float]  # heaviest external load with at least one rep, per exercise
    exercises: list[tuple[str, str]] = field(default_factory=list)  # (id, name) of the catalog

    @property
    def rests(self) -> dict[str, int]:
        return {str(i["exercise_id"]): int(i.get("rest_s") or 0) for i in self.items}


def _day_bounds(today: date) -> tuple[datetime, datetime]:
    start = datetime.combine(today, time.min)
    return start, start + timedelta(days=1)


def load_page(db: Database, actor: Actor, athlete_id: int, today: date) -> GymPage:
    """The gym page of athlete ``athlete_id`` for the local calendar day ``today``, as ``actor``
    sees it (someone else's athlete without a care link answers NotFound like a missing one).
    Read on the primary: the page comes right after the athlete's own writes, which a replica may
    not have yet."""
    with db.read(actor, primary=True) as s:
        a = stored_athletes.get(s, athlete_id)
        if a is None:
            raise NotFound(f"no athlete with id {athlete_id}", "open the page from your account")
        unit: Unit = "lb" if a.unit == "lb" else "kg"
        nxt = compute_in(s, a, today)
        start, end = _day_bounds(today)
        rows = stored_sets.of_day(s, a.id, start, end)
        sets = [
            LoggedSet(
                client_id=(
                    e.dedupe_key[len(WEB_PREFIX) :]
                    if e.dedupe_key and e.dedupe_key.startswith(WEB_PREFIX)
                    else None
                ),
                exercise_id=e.exercise_id,
                name=e.exercise_raw,
                load_kg=e.load_kg if e.load_basis == "external" else None,
                reps=e.reps,
                seconds=e.duration_s,
                rpe=e.rpe,
                set_type=e.set_type,
            )
            for e, _ in rows
        ]
        # the sync stores each phone session open as it arrives; finishing closes it
        open_key = next(
            (
                t.source_key
                for _, t in reversed(rows)
                if t.source == "web" and t.source_key and t.status == "open"
            ),
            None,
        )
        bests = stored_sets.heaviest_loads(s, a.id)
        return GymPage(
            athlete_id=a.id,
            athlete_name=a.name,
            unit=unit,
            today=today,
            title=nxt.title,
            source=nxt.source,
            deload_week=nxt.deload_week,
            items=[item_json(i, unit) for i in nxt.items],
            sets=sets,
            open_session_key=open_key,
            bests_kg=bests,
            exercises=sorted(((e.id, e.name) for e in list_exercises()), key=lambda x: x[1]),
        )


@dataclass(frozen=True)
class Finished:
    session_id: int
    sets: int
    session_rpe: float | None
    minutes: float | None


def finish(
    db: Database,
    actor: Actor,
    athlete_id: int,
    session_key: str,
    session_rpe: float | None,
    minutes: float | None,
) -> Finished:
    """Close the web session ``session_key`` of the athlete with the session RPE (Foster's CR-10,
    0–10) and the minutes they state; the daily load tables are refreshed for its day."""
    if session_rpe is not None and not 0 <= session_rpe <= 10:
        raise InvalidInput(
            f"session RPE {session_rpe:g} is outside 0–10", "Foster's CR-10 scale, 0 to 10"
        )
    if minutes is not None and not 0 < minutes <= MAX_MINUTES:
        raise InvalidInput(f"{minutes:g} minutes is not a session length", "give 1–1440 minutes")
    if session_rpe is None and minutes is None:
        raise InvalidInput(
            "finishing needs the session RPE or the minutes",
            "session load is RPE × minutes (Foster 2001): give both if you can",
        )
    with db.write(actor) as s:
        t = sessions.by_source_key(s, athlete_id, "web", session_key)
        if t is None:
            raise NotFound(
                "no set of this session has reached the server yet",
                "log a set (or wait until the pending sets are sent), then finish",
            )
        count = stored_sets.count_in(s, t.id)
        t.status = "closed"
        t.session_rpe = session_rpe
        t.duration_s = None if minutes is None else round(minutes * 60)
        s.flush()
        aggregates.refresh(s, athlete_id, [t.started_at.date()])
        return Finished(t.id, int(count), session_rpe, minutes)
