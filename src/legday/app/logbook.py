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
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from legday.app import aggregates
from legday.app.db import Database
from legday.domain.access import Actor
from legday.domain.errors import Conflict, InvalidInput, LegdayError, NotFound
from legday.domain.records import SET_TYPES, SIDES
from legday.store.models import Athlete, SetEntry, TrainingSession

MAX_ID = 2**31 - 1
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
class SessionPage:
    items: list[dict[str, Any]]
    next_cursor: int | None


@dataclass
class Versioned:
    body: dict[str, Any]
    etag: str = field(default="")


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


def set_json(x: SetEntry) -> dict[str, Any]:
    return {
        "id": x.id,
        "session_id": x.session_id,
        "athlete_id": x.athlete_id,
        "seq": x.seq,
        "exercise_id": x.exercise_id,
        "exercise": x.exercise_raw,
        "set_type": x.set_type,
        "load_kg": x.load_kg,
        "reps": x.reps,
        "seconds": x.duration_s,
        "rpe": x.rpe,
        "side": x.side,
        "notes": x.notes,
        "client_id": x.dedupe_key[4:] if x.dedupe_key and x.dedupe_key.startswith("web:") else None,
    }


def _session_json(s: Session, t: TrainingSession, with_sets: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": t.id,
        "athlete_id": t.athlete_id,
        "started_at": t.started_at.isoformat(),
        "name": t.name,
        "notes": t.notes,
        "session_rpe": t.session_rpe,
        "duration_s": t.duration_s,
        "source": t.source,
        "status": t.status,
    }
    if with_sets:
        rows = s.scalars(select(SetEntry).where(SetEntry.session_id == t.id).order_by(SetEntry.seq))
        out["sets"] = [set_json(x) for x in rows]
    return out


def etag_of(body: dict[str, Any]) -> str:
    text = json.dumps(body, sort_keys=True, default=str)
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def _session(s: Session, session_id: int) -> TrainingSession:
    t = s.get(TrainingSession, session_id) if 1 <= session_id <= MAX_ID else None
    if t is None:
        raise NotFound(f"no session with id {session_id}")
    return t


def _athlete(s: Session, athlete_id: int) -> Athlete:
    a = s.get(Athlete, athlete_id) if 1 <= athlete_id <= MAX_ID else None
    if a is None:
        raise NotFound(f"no athlete with id {athlete_id}")
    return a


def _refresh(s: Session, touched: dict[int, set[date]]) -> None:
    """Recompute the daily tables. On PostgreSQL writers run side by side: the athlete's row is
    locked first, so two requests of one athlete never rebuild the same day at once (their
    delete-and-insert would collide); other athletes' writes do not wait."""
    if s.get_bind().dialect.name == "postgresql" and touched:
        athletes = Athlete.__table__
        s.execute(
            select(athletes.c.id)
            .where(athletes.c.id.in_(sorted(touched)))
            .order_by(athletes.c.id)
            # NO KEY UPDATE: inserting a set holds KEY SHARE on its athlete, which FOR UPDATE
            # would wait on (two writers, each waiting for the other).
            .with_for_update(key_share=True)
        )
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
        q = (
            select(TrainingSession)
            .where(TrainingSession.athlete_id == athlete_id)
            .order_by(TrainingSession.id.desc())
            .limit(limit + 1)
        )
        if before is not None:
            q = q.where(TrainingSession.id < before)
        rows = list(s.scalars(q))
        counts = dict(
            s.execute(
                select(SetEntry.session_id, func.count())
                .where(SetEntry.session_id.in_([t.id for t in rows[:limit]]))
                .group_by(SetEntry.session_id)
            ).all()
        )
        items = [
            {**_session_json(s, t, False), "set_count": int(counts.get(t.id, 0))}
            for t in rows[:limit]
        ]
        last = int(rows[limit - 1].id) if len(rows) > limit else None
    return SessionPage(items, last)


def get_session(db: Database, actor: Actor, session_id: int) -> Versioned:
    with db.read(actor, primary=True) as s:
        body = _session_json(s, _session(s, session_id), True)
    return Versioned(body, etag_of(body))


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
        body = _session_json(s, t, True)
    return Versioned(body, etag_of(body))


def _new_set(t: TrainingSession, seq: int, f: SetFields, dedupe_key: str | None = None) -> SetEntry:
    from legday.domain.catalog.registry import load

    exercise_id = _exercise(f.exercise_id)
    return SetEntry(
        session_id=t.id,
        athlete_id=t.athlete_id,
        seq=seq,
        exercise_id=exercise_id,
        exercise_raw=load().get(exercise_id).name,
        set_type=f.set_type,
        load_kg=f.load_kg,
        # no load given: the athlete's own body weight (a plank, a Nordic curl), which the
        # tonnage and the strength records leave out
        load_basis="external" if f.load_kg is not None else "bodyweight",
        reps=f.reps,
        rpe=f.rpe,
        side=f.side,
        duration_s=f.seconds,
        notes=f.notes,
        dedupe_key=dedupe_key,
    )


def _next_seq(s: Session, session_id: int) -> int:
    return (
        int(
            s.scalar(
                select(func.coalesce(func.max(SetEntry.seq), 0)).where(
                    SetEntry.session_id == session_id
                )
            )
            or 0
        )
        + 1
    )


def _lock(s: Session, t: TrainingSession) -> None:
    """Hold the session's row until commit (PostgreSQL; SQLite's writer lock covers it)."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(
            select(TrainingSession.id)
            .where(TrainingSession.id == t.id)
            .with_for_update(key_share=True)
        )
        s.refresh(t)


def _precondition(s: Session, t: TrainingSession, if_match: str | None) -> None:
    if if_match is None or if_match.strip() == "*":
        return
    current = etag_of(_session_json(s, t, True))
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
        _lock(s, t)
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
        body = _session_json(s, t, True)
    return Versioned(body, etag_of(body))


def delete_session(db: Database, actor: Actor, session_id: int, if_match: str | None) -> None:
    with db.write(actor) as s:
        t = _session(s, session_id)
        _lock(s, t)
        _precondition(s, t, if_match)
        athlete_id, day = t.athlete_id, t.started_at.date()
        s.delete(t)
        s.flush()
        _refresh(s, {athlete_id: {day}})


def add_set(db: Database, actor: Actor, session_id: int, f: SetFields) -> dict[str, Any]:
    check_set(f)
    with db.write(actor) as s:
        t = _session(s, session_id)
        _lock(s, t)  # the next seq number is read and written by one request at a time
        x = _new_set(t, _next_seq(s, t.id), f)
        s.add(x)
        s.flush()
        _refresh(s, {t.athlete_id: {t.started_at.date()}})
        return set_json(x)


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
        keys = sorted({"web:" + op.client_id for op in ops})
        for chunk in (keys[i : i + 400] for i in range(0, len(keys), 400)):
            for x in s.scalars(select(SetEntry).where(SetEntry.dedupe_key.in_(chunk))):
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
    t = batch.sessions.get(key) or s.scalar(
        select(TrainingSession).where(
            TrainingSession.athlete_id == op.athlete_id,
            TrainingSession.source == "web",
            TrainingSession.source_key == op.client_session_id,
        )
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
        q = select(SetEntry).where(SetEntry.dedupe_key == "web:" + op.client_id)
        found = s.scalars(q.limit(1)).first()
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
        seq = batch.seqs.get(t.id) or _next_seq(s, t.id)
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
        held = s.get(TrainingSession, found.session_id)
        assert held is not None
        fresh = _new_set(held, found.seq, merged)
        for name in (
            "exercise_id", "exercise_raw", "load_kg", "load_basis", "reps", "rpe", "side",
            "duration_s",
        ):  # fmt: skip
            setattr(found, name, getattr(fresh, name))
        s.flush()
        touched[found.athlete_id].add(held.started_at.date())
        return SyncResult(op.client_id, "updated", None, found.id, found.session_id)
    if op.op == "delete":
        if found is None:  # already gone: the replay of a delete changes nothing
            return SyncResult(op.client_id, "deleted")
        held = s.get(TrainingSession, found.session_id)
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


def visible_athletes(db: Database, actor: Actor) -> list[dict[str, Any]]:
    """Every athlete the actor may know of: their own and those of accepted care links."""
    from legday.store.models import CareLink, CareLinkScope
    from legday.store.tenancy import visible_athletes as rule

    athletes = Athlete.__table__
    with db.read(actor, primary=True) as s:
        rows = s.execute(
            select(athletes.c.id, athletes.c.name, athletes.c.unit, athletes.c.owner_id)
            .where(athletes.c.id.in_(rule(actor, None)))
            .order_by(athletes.c.name, athletes.c.id)
        ).all()
        links = s.execute(
            select(CareLink.athlete_id, CareLink.role, CareLinkScope.scope)
            .join(CareLinkScope, CareLinkScope.care_link_id == CareLink.id)
            .where(CareLink.member_id == actor.user_id, CareLink.status == "accepted")
        ).all()
    roles: dict[int, set[str]] = defaultdict(set)
    scopes: dict[int, set[str]] = defaultdict(set)
    for athlete_id, role, scope in links:
        roles[athlete_id].add(role)
        scopes[athlete_id].add(scope)
    return [
        {
            "id": i,
            "name": name,
            "unit": unit,
            "own": owner == actor.user_id,
            "roles": sorted(roles.get(i, ())),
            "scopes": sorted(scopes.get(i, ())),
        }
        for i, name, unit, owner in rows
    ]
