"""The offline outbox's sync (``POST /api/v1/sync``): a batch of set operations applied in order,
each in its own savepoint, idempotent on the client's id — a replayed create answers
``duplicate``, a rejected op (with its reason) never undoes the others. Sets and sessions are
stored as legday.app.logbook stores them (``web:`` + client UUID as the dedupe key).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from legday.app import logbook, set_fields
from legday.app.db import Database
from legday.domain.access import Actor
from legday.domain.errors import Conflict, InvalidInput, NotFound
from legday.store import sessions, sets
from legday.store.models import SetEntry, TrainingSession

SYNC_MAX_OPS = 500


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
        logbook.athlete_of(s, op.athlete_id)
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
        fields = set_fields.check_set(
            set_fields.SetFields(
                op.exercise_id, op.load_kg, op.reps, op.seconds, op.rpe, op.side or "both"
            )
        )
        found = _find_set(s, op, batch)
        if found is not None:
            return SyncResult(op.client_id, "duplicate", None, found.id, found.session_id)
        t = _sync_session(s, op, batch)
        seq = batch.seqs.get(t.id) or sets.next_seq(s, t.id)
        x = logbook.new_set(t, seq, fields, "web:" + op.client_id)
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
        merged = set_fields.check_set(
            set_fields.SetFields(
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
        ex_id = set_fields.known_exercise(merged.exercise_id)
        fresh = logbook.set_record(merged, ex_id, logbook.catalog_name(ex_id), None)
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
        logbook.refresh_days(s, touched)
    return results
