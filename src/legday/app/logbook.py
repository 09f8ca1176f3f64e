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
import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any, Literal, cast

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from legday.app import access_log, aggregates
from legday.app.db import Database
from legday.domain.access import Actor
from legday.domain.errors import Conflict, InvalidInput, LegdayError, NotFound
from legday.domain.records import SET_TYPES, SIDES, SetRecord, SetType, Side
from legday.store import athletes as stored_athletes
from legday.store import plain_log, sessions, sets
from legday.store.models import Athlete, SetEntry, TrainingSession
from legday.store.plain import Writes

PAGE_MAX = 200
SYNC_MAX_OPS = 500
# Plausible ranges (ASVS 5.0 V2.2.1 allow-lists): a set heavier than 1000 kg or longer than
# 100 reps is a typo; RPE is the 1-10 scale of Zourdos et al. 2016.
MAX_LOAD_KG, MAX_REPS, MAX_SECONDS = 1000.0, 100, 86_400.0
RPE_RANGE = (1.0, 10.0)


class PreconditionFailed(LegdayError):
    """The client's If-Match names an older version: someone changed the row since."""


@dataclass(frozen=True)
class SetFields:
    exercise_id: str
    load_kg: float | None = None
    reps: int | None = None
    seconds: float | None = None
    rpe: float | None = None
    side: str = "both"
    set_type: str = "working"
    notes: str | None = None


@dataclass(frozen=True)
class SessionFields:
    started_at: datetime | None = None
    name: str | None = None
    notes: str | None = None
    session_rpe: float | None = None
    duration_s: int | None = None


@dataclass
class SyncOp:
    op: str
    client_id: str
    client_session_id: str | None = None
    athlete_id: int | None = None
    exercise_id: str | None = None
    load_kg: float | None = None
    reps: int | None = None
    seconds: float | None = None
    rpe: float | None = None
    side: str | None = None
    logged_at: datetime | None = None
    clear_load: bool = False  # an update back to body weight (no external load)


SyncStatus = Literal["created", "duplicate", "updated", "deleted", "rejected"]


@dataclass(frozen=True)
class SyncResult:
    client_id: str
    status: SyncStatus
    reason: str | None = None
    set_id: int | None = None
    session_id: int | None = None


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


# ------------------------------------------------------------------------------ checks


def _exercise(exercise_id: str) -> str:
    from legday.domain.catalog.registry import load

    clean = exercise_id.strip().lower()
    try:
        load().get(clean)
    except NotFound as exc:  # a bad value in the request, not a missing resource
        raise InvalidInput(exc.message, exc.hint) from None
    return clean


def _range(name: str, value: float | None, low: float, high: float) -> None:
    if value is not None and (not math.isfinite(value) or not low <= value <= high):
        raise InvalidInput(
            f"{name} {value:g} is outside {low:g}-{high:g}", f"a {name} from {low:g} to {high:g}"
        )


def check_set(f: SetFields) -> SetFields:
    _range("load_kg", f.load_kg, 0.0, MAX_LOAD_KG)
    _range("reps", f.reps, 0, MAX_REPS)
    _range("seconds", f.seconds, 0.0, MAX_SECONDS)
    _range("rpe", f.rpe, *RPE_RANGE)
    if f.side not in SIDES:
        raise InvalidInput(f"unknown side {f.side!r}", "one of " + ", ".join(SIDES))
    if f.set_type not in SET_TYPES:
        raise InvalidInput(f"unknown set type {f.set_type!r}", "one of " + ", ".join(SET_TYPES))
    if f.reps is None and f.seconds is None:
        raise InvalidInput("a set needs reps or seconds")
    return f


def _check_session(f: SessionFields) -> None:
    _range("session_rpe", f.session_rpe, 0.0, 10.0)
    _range("duration_s", f.duration_s, 0, MAX_SECONDS)


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


def _athlete(s: Session, athlete_id: int) -> Athlete:
    a = stored_athletes.get(s, athlete_id)
    if a is None:
        raise NotFound(f"no athlete with id {athlete_id}")
    return a


def _refresh(s: Session, touched: dict[int, set[date]]) -> None:
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
        _athlete(s, athlete_id)
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
    _check_session(f)
    checked = [check_set(x) for x in sets]
    with db.write(actor) as s:
        a = _athlete(s, athlete_id)
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
            s.add(_new_set(t, i, x))
        s.flush()
        _refresh(s, {a.id: {t.started_at.date()}})
        return _versioned(_logged(s, t))


def _catalog_name(exercise_id: str) -> str:
    from legday.domain.catalog.registry import load

    return load().get(exercise_id).name


def _new_set(t: TrainingSession, seq: int, f: SetFields, dedupe_key: str | None = None) -> SetEntry:
    exercise_id = _exercise(f.exercise_id)
    return sets.new(t, seq, _record(f, exercise_id, _catalog_name(exercise_id), dedupe_key))


def _record(f: SetFields, exercise_id: str, name: str, dedupe_key: str | None) -> SetRecord:
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
    _check_session(f)
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
        _refresh(s, {t.athlete_id: days})
        return _versioned(_logged(s, t))


def delete_session(db: Database, actor: Actor, session_id: int, if_match: str | None) -> None:
    with db.write(actor) as s:
        t = _session(s, session_id)
        sessions.lock(s, t)
        _precondition(s, t, if_match)
        athlete_id, day = t.athlete_id, t.started_at.date()
        s.delete(t)
        s.flush()
        _refresh(s, {athlete_id: {day}})


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
    exercise_id = _exercise(f.exercise_id)
    record = _record(f, exercise_id, _catalog_name(exercise_id), None)
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
    seq = plain_log.next_seq(u, session_id)
    set_id = plain_log.insert_set(u, session_id, athlete_id, seq, record)
    plain_log.lock_athlete(u, athlete_id)
    aggregates.refresh_rows(u, athlete_id, {started.date()})
    return _shown(set_id, session_id, athlete_id, seq, record)


# ------------------------------------------------------------------------------ sync


@dataclass
class _Batch:
    """What one sync has looked up already: each ORM statement costs ~2 ms of the access rule's
    bookkeeping, so a batch of 20 asks once per athlete, session and set instead of per op."""

    sets: dict[str, SetEntry | None] = field(default_factory=dict)  # client id -> stored set
    athletes: set[int] = field(default_factory=set)
    sessions: dict[tuple[int, str], TrainingSession] = field(default_factory=dict)
    seqs: dict[int, int] = field(default_factory=dict)

    def prefetch(self, s: Session, ops: list[SyncOp]) -> None:
        for x in sets.by_dedupe_keys(s, sorted({"web:" + op.client_id for op in ops})):
            assert x.dedupe_key is not None
            self.sets[x.dedupe_key[4:]] = x

    def forget_writes(self) -> None:
        """After a rolled-back op: a session it may have created is gone (the sets cached are
        those of earlier ops, which stand)."""
        self.sessions.clear()
        self.seqs.clear()


def _sync_session(s: Session, op: SyncOp, batch: _Batch) -> TrainingSession:
    assert op.athlete_id is not None and op.client_session_id is not None
    if op.athlete_id not in batch.athletes:
        _athlete(s, op.athlete_id)
        batch.athletes.add(op.athlete_id)
    key = (op.athlete_id, op.client_session_id)
    t = batch.sessions.get(key) or sessions.by_source_key(
        s, op.athlete_id, "web", op.client_session_id
    )
    if t is None:
        t = TrainingSession(
            athlete_id=op.athlete_id,
            started_at=(op.logged_at or datetime.now()).replace(microsecond=0, tzinfo=None),
            source="web",
            source_key=op.client_session_id,
            status="open",  # in the gym until the athlete finishes it (gym_page.finish)
            warnings=[],
        )
        s.add(t)
        s.flush()
    batch.sessions[key] = t
    return t


def _find_set(s: Session, op: SyncOp, batch: _Batch | None = None) -> SetEntry | None:
    if batch is not None and op.client_id in batch.sets:
        found = batch.sets[op.client_id]
    else:
        found = sets.by_dedupe_key(s, "web:" + op.client_id)
    if found is not None and op.athlete_id is not None and found.athlete_id != op.athlete_id:
        return None
    return found


def _apply(s: Session, op: SyncOp, touched: dict[int, set[date]], batch: _Batch) -> SyncResult:
    if op.op == "create":
        if op.athlete_id is None or op.client_session_id is None or op.exercise_id is None:
            raise InvalidInput("create needs athlete_id, client_session_id and exercise_id")
        fields = check_set(
            SetFields(op.exercise_id, op.load_kg, op.reps, op.seconds, op.rpe, op.side or "both")
        )
        found = _find_set(s, op, batch)
        if found is not None:
            return SyncResult(op.client_id, "duplicate", None, found.id, found.session_id)
        t = _sync_session(s, op, batch)
        seq = batch.seqs.get(t.id) or sets.next_seq(s, t.id)
        x = _new_set(t, seq, fields, "web:" + op.client_id)
        s.add(x)
        s.flush()
        batch.seqs[t.id] = seq + 1
        batch.sets[op.client_id] = x
        touched[t.athlete_id].add(t.started_at.date())
        return SyncResult(op.client_id, "created", None, x.id, t.id)
    found = _find_set(s, op, batch)
    if op.op == "update":
        if found is None:
            raise NotFound(f"no set with client_id {op.client_id}")
        merged = check_set(
            SetFields(
                op.exercise_id or found.exercise_id or "",
                None if op.clear_load else op.load_kg if op.load_kg is not None else found.load_kg,
                op.reps if op.reps is not None else found.reps,
                op.seconds if op.seconds is not None else found.duration_s,
                op.rpe if op.rpe is not None else found.rpe,
                op.side or found.side,
                found.set_type,
            )
        )
        held = sessions.get(s, found.session_id)
        assert held is not None
        ex_id = _exercise(merged.exercise_id)
        fresh = _record(merged, ex_id, _catalog_name(ex_id), None)
        sets.assign(
            found,
            fresh,
            (
                "exercise_id",
                "exercise_raw",
                "load_kg",
                "load_basis",
                "reps",
                "rpe",
                "side",
                "duration_s",
            ),
        )
        s.flush()
        touched[found.athlete_id].add(held.started_at.date())
        return SyncResult(op.client_id, "updated", None, found.id, found.session_id)
    if op.op == "delete":
        if found is None:  # already gone: the replay of a delete changes nothing
            return SyncResult(op.client_id, "deleted")
        held = sessions.get(s, found.session_id)
        assert held is not None
        touched[found.athlete_id].add(held.started_at.date())
        s.delete(found)
        s.flush()
        batch.sets[op.client_id] = None
        return SyncResult(op.client_id, "deleted", None, None, held.id)
    raise InvalidInput(f"unknown op {op.op!r}", "create, update or delete")


def sync(db: Database, actor: Actor, ops: list[SyncOp]) -> list[SyncResult]:
    """Apply the outbox in order, each op in its own savepoint: a rejected op (with its reason)
    never undoes the others, and a replayed op answers ``duplicate``."""
    if len(ops) > SYNC_MAX_OPS:
        raise InvalidInput(f"{len(ops)} operations in one sync", f"at most {SYNC_MAX_OPS}")
    results: list[SyncResult] = []
    touched: dict[int, set[date]] = defaultdict(set)
    batch = _Batch()
    with db.write(actor) as s:
        batch.prefetch(s, ops)
        for op in ops:
            try:
                with s.begin_nested():
                    results.append(_apply(s, op, touched, batch))
            except IntegrityError:
                # A second writer stored the same client id first (PostgreSQL runs writers
                # side by side): the set is there, so this op is a duplicate.
                batch.forget_writes()
                batch.sets.pop(op.client_id, None)
                found = _find_set(s, op)
                status: SyncStatus = (
                    "duplicate" if found is not None and op.op == "create" else "rejected"
                )
                results.append(
                    SyncResult(
                        op.client_id,
                        status,
                        None if found else "conflict",
                        found.id if found else None,
                        found.session_id if found else None,
                    )
                )
            except (NotFound, InvalidInput, Conflict) as exc:
                batch.forget_writes()
                results.append(SyncResult(op.client_id, "rejected", exc.message))
        _refresh(s, touched)
    return results


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
