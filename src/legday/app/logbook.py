"""Set-by-set logging for the server: sessions and sets by id, the offline outbox's idempotent
sync, and versions (ETags) so a stale edit is refused instead of overwriting a newer one.

A set from the web is stored with ``dedupe_key = "web:" + client UUID`` and its session with
``source = "web", source_key = client session UUID``: the unique constraints on those columns make
a replayed operation a no-op. Every write runs as the actor, so the tenant filter refuses an
athlete, session or set the actor may not change (as "not found"); every write refreshes the daily
tables for the days it touched.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy.orm import Session

from legday.app import access_log, aggregates
from legday.app.db import Database
from legday.app.set_fields import (
    SessionFields,
    SetFields,
    check_session,
    check_set,
    known_exercise,
)
from legday.domain.access import Actor
from legday.domain.errors import LegdayError, NotFound
from legday.domain.records import SetRecord, SetType, Side
from legday.store import athletes as stored_athletes
from legday.store import plain_log, sessions, sets
from legday.store.models import Athlete, SetEntry, TrainingSession
from legday.store.plain import Writes

PAGE_MAX = 200


class PreconditionFailed(LegdayError):
    """The client's If-Match names an older version: someone changed the row since."""


@dataclass(frozen=True)
class LoggedSet:
    """A stored set as the API shows it; ``client_id``: the phone's id for a synced set."""

    id: int
    session_id: int
    athlete_id: int
    seq: int
    exercise_id: str | None
    exercise: str  # the name as written
    set_type: str
    load_kg: float | None
    reps: int | None
    seconds: float | None
    rpe: float | None
    side: str
    notes: str | None
    client_id: str | None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SessionHead:
    """A stored session without its sets."""

    id: int
    athlete_id: int
    started_at: datetime  # the athlete's local wall time
    name: str | None
    notes: str | None
    session_rpe: float | None
    duration_s: int | None
    source: str
    status: str

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "started_at": self.started_at.isoformat()}


@dataclass(frozen=True)
class SessionRow(SessionHead):
    """A session of a list page, with how many sets it holds."""

    set_count: int


@dataclass(frozen=True)
class LoggedSession(SessionHead):
    """A session with its sets, in order."""

    sets: list[LoggedSet]


@dataclass(frozen=True)
class SessionPage:
    items: list[SessionRow]
    next_cursor: int | None


@dataclass(frozen=True)
class Versioned:
    """A session and its version (an ETag over its JSON document)."""

    session: LoggedSession
    etag: str

    @property
    def body(self) -> dict[str, Any]:
        return self.session.as_json()


def _versioned(session: LoggedSession) -> Versioned:
    return Versioned(session, etag_of(session.as_json()))


# ------------------------------------------------------------------------------ views


def logged_set(x: SetEntry) -> LoggedSet:
    return _shown(x.id, x.session_id, x.athlete_id, x.seq, x)


def _shown(
    set_id: int, session_id: int, athlete_id: int, seq: int, x: SetEntry | SetRecord
) -> LoggedSet:
    key = x.dedupe_key
    return LoggedSet(
        id=set_id,
        session_id=session_id,
        athlete_id=athlete_id,
        seq=seq,
        exercise_id=x.exercise_id,
        exercise=x.exercise_raw,
        set_type=x.set_type,
        load_kg=x.load_kg,
        reps=x.reps,
        seconds=x.duration_s,
        rpe=x.rpe,
        side=x.side,
        notes=x.notes,
        client_id=key[4:] if key and key.startswith("web:") else None,
    )


def _head(t: TrainingSession) -> dict[str, Any]:
    return {
        "id": t.id,
        "athlete_id": t.athlete_id,
        "started_at": t.started_at,
        "name": t.name,
        "notes": t.notes,
        "session_rpe": t.session_rpe,
        "duration_s": t.duration_s,
        "source": t.source,
        "status": t.status,
    }


def _logged(s: Session, t: TrainingSession) -> LoggedSession:
    return LoggedSession(**_head(t), sets=[logged_set(x) for x in sets.of_session(s, t.id)])


def etag_of(body: dict[str, Any]) -> str:
    text = json.dumps(body, sort_keys=True, default=str)
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def _session(s: Session, session_id: int) -> TrainingSession:
    t = sessions.get(s, session_id)
    if t is None:
        raise NotFound(f"no session with id {session_id}")
    return t


def athlete_of(s: Session, athlete_id: int) -> Athlete:
    a = stored_athletes.get(s, athlete_id)
    if a is None:
        raise NotFound(f"no athlete with id {athlete_id}")
    return a


def refresh_days(s: Session, touched: dict[int, set[date]]) -> None:
    """Recompute the daily tables. On PostgreSQL writers run side by side: the athlete's row is
    locked first, so two requests of one athlete never rebuild the same day at once (their
    delete-and-insert would collide); other athletes' writes do not wait."""
    stored_athletes.lock(s, sorted(touched))
    for athlete_id, days in touched.items():
        aggregates.refresh(s, athlete_id, days)


# ------------------------------------------------------------------------------ sessions


def list_sessions(
    db: Database, actor: Actor, athlete_id: int, *, before: int | None = None, limit: int = 50
) -> SessionPage:
    """The athlete's sessions, newest id first; ``before`` is the cursor (an id)."""
    limit = max(1, min(limit, PAGE_MAX))
    with db.read(actor, primary=True) as s:
        athlete_of(s, athlete_id)
        rows = sessions.page(s, athlete_id, before, limit + 1)
        counts = sets.count_by_session(s, [t.id for t in rows[:limit]])
        items = [SessionRow(**_head(t), set_count=counts.get(t.id, 0)) for t in rows[:limit]]
        last = int(rows[limit - 1].id) if len(rows) > limit else None
    return SessionPage(items, last)


def get_session(db: Database, actor: Actor, session_id: int) -> Versioned:
    with db.read(actor, primary=True) as s:
        return _versioned(_logged(s, _session(s, session_id)))


def create_session(
    db: Database, actor: Actor, athlete_id: int, f: SessionFields, sets: list[SetFields]
) -> Versioned:
    check_session(f)
    checked = [check_set(x) for x in sets]
    with db.write(actor) as s:
        a = athlete_of(s, athlete_id)
        t = TrainingSession(
            athlete_id=a.id,
            started_at=f.started_at or datetime.now().replace(microsecond=0),
            name=f.name,
            notes=f.notes,
            session_rpe=f.session_rpe,
            duration_s=f.duration_s,
            source="web",
            status="closed",
            warnings=[],
        )
        s.add(t)
        s.flush()
        for i, x in enumerate(checked, 1):
            s.add(new_set(t, i, x))
        s.flush()
        refresh_days(s, {a.id: {t.started_at.date()}})
        return _versioned(_logged(s, t))


def catalog_name(exercise_id: str) -> str:
    from legday.domain.catalog.registry import load

    return load().get(exercise_id).name


def new_set(t: TrainingSession, seq: int, f: SetFields, dedupe_key: str | None = None) -> SetEntry:
    exercise_id = known_exercise(f.exercise_id)
    return sets.new(t, seq, set_record(f, exercise_id, catalog_name(exercise_id), dedupe_key))


def set_record(f: SetFields, exercise_id: str, name: str, dedupe_key: str | None) -> SetRecord:
    return SetRecord(
        exercise_raw=name,
        exercise_id=exercise_id,
        set_type=cast(SetType, f.set_type),  # checked by check_set
        load_kg=f.load_kg,
        # no load given: the athlete's own body weight (a plank, a Nordic curl), which the
        # tonnage and the strength records leave out
        load_basis="external" if f.load_kg is not None else "bodyweight",
        reps=f.reps,
        rpe=f.rpe,
        side=cast(Side, f.side),
        duration_s=f.seconds,
        notes=f.notes,
        dedupe_key=dedupe_key,
    )


def _precondition(s: Session, t: TrainingSession, if_match: str | None) -> None:
    if if_match is None or if_match.strip() == "*":
        return
    current = etag_of(_logged(s, t).as_json())
    wanted = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if current not in wanted:
        raise PreconditionFailed(
            f"session {t.id} changed since you read it",
            "read it again (GET) and apply your change to the new version",
        )


def edit_session(
    db: Database,
    actor: Actor,
    session_id: int,
    f: SessionFields,
    clear: set[str],
    if_match: str | None,
) -> Versioned:
    check_session(f)
    with db.write(actor) as s:
        t = _session(s, session_id)
        sessions.lock(s, t)
        _precondition(s, t, if_match)
        days = {t.started_at.date()}
        for name in ("started_at", "name", "notes", "session_rpe", "duration_s"):
            value = getattr(f, name)
            if value is not None:
                setattr(t, name, value)
            elif name in clear and name != "started_at":
                setattr(t, name, None)
        s.flush()
        days.add(t.started_at.date())
        refresh_days(s, {t.athlete_id: days})
        return _versioned(_logged(s, t))


def delete_session(db: Database, actor: Actor, session_id: int, if_match: str | None) -> None:
    with db.write(actor) as s:
        t = _session(s, session_id)
        sessions.lock(s, t)
        _precondition(s, t, if_match)
        athlete_id, day = t.athlete_id, t.started_at.date()
        s.delete(t)
        s.flush()
        refresh_days(s, {athlete_id: {day}})


def add_set(
    db: Database, actor: Actor, session_id: int, f: SetFields, *, ip: str | None = None
) -> LoggedSet:
    """One set added to a session, in plain SQL (``legday.store.plain_log``): the request a
    phone sends after every set, so it skips the ORM's per-statement work (the access rule's
    loader options, the flush bookkeeping) — the rule is in the statements instead.

    One unit of work decides and writes when the actor logs in their own athlete's session (the
    everyday case: a separate check cost a connection and a transaction more per set). Anyone
    else's use is first logged (or refused and logged) by ``access_log.decide``, in its own
    unit, and the write then asks the rule again."""
    check_set(f)
    missing = NotFound(f"no session with id {session_id}")
    if not 1 <= session_id <= access_log.MAX_ID:
        raise missing
    exercise_id = known_exercise(f.exercise_id)
    record = set_record(f, exercise_id, catalog_name(exercise_id), None)
    with db.writes(actor) as u:
        found = plain_log.session_to_log_in(u, session_id)  # held until commit on PostgreSQL
        if found is None:
            raise missing
        athlete_id, owner, allowed, started = found
        if allowed and owner == actor.user_id:
            return _write_set(u, session_id, athlete_id, started, record)
    action = f"log a set in session {session_id}"
    access_log.decide(db, actor, athlete_id, (athlete_id, owner, allowed), action, ip, missing)
    with db.writes(actor) as u:
        found = plain_log.session_to_log_in(u, session_id)
        if found is None or not found[2]:  # revoked or gone since
            raise missing
        return _write_set(u, session_id, found[0], found[3], record)


def _write_set(
    u: Writes, session_id: int, athlete_id: int, started: datetime, record: SetRecord
) -> LoggedSet:
    # The athlete's lock goes out with the insert, the refresh with the commit: three round
    # trips in all on PostgreSQL. session_to_log_in asked the access rule in this unit already.
    plain_log.lock_athlete(u, athlete_id)
    set_id, seq = plain_log.append_set(u, session_id, athlete_id, record)
    aggregates.refresh_allowed(u, athlete_id, {started.date()})
    return _shown(set_id, session_id, athlete_id, seq, record)


@dataclass(frozen=True)
class VisibleAthlete:
    """An athlete the actor may know of: ``own`` when the actor owns the record, else the roles
    and scopes of the actor's accepted care links to them."""

    id: int
    name: str
    unit: str
    own: bool
    roles: list[str]
    scopes: list[str]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def visible_athletes(db: Database, actor: Actor) -> list[VisibleAthlete]:
    """Every athlete the actor may know of: their own and those of accepted care links."""
    with db.read(actor, primary=True) as s:
        rows, links = stored_athletes.visible_with_links(s, actor)
    roles: dict[int, set[str]] = defaultdict(set)
    scopes: dict[int, set[str]] = defaultdict(set)
    for athlete_id, role, scope in links:
        roles[athlete_id].add(role)
        scopes[athlete_id].add(scope)
    return [
        VisibleAthlete(
            id=i,
            name=name,
            unit=unit,
            own=owner == actor.user_id,
            roles=sorted(roles.get(i, ())),
            scopes=sorted(scopes.get(i, ())),
        )
        for i, name, unit, owner in rows
    ]
