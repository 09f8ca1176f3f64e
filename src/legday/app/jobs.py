"""Background jobs: a large import or a PDF report runs outside the request, and its owner polls
``GET /api/v1/jobs/{id}`` for status, progress and the result.

Why a job table and not procrastinate: procrastinate needs PostgreSQL (and an async driver),
while a club's one-machine server runs on SQLite; one table with ``FOR UPDATE SKIP LOCKED``
serves both, needs no second connection pool, and keeps the queue in the same backups. Every
server process runs one worker thread (:class:`Worker`), which also deletes what is kept no
longer (:func:`sweep`). A worker beats a heartbeat while it
runs a job; a job whose worker died (kill -9, power loss) is found by any worker after
``STALE_AFTER`` and queued again, or failed with the reason after ``MAX_ATTEMPTS`` — never lost.

The work itself is done by handlers the shell registers (the web registers report rendering,
which this layer may not import), each running the use-case as the job's owner.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from legday.app.db import Database
from legday.domain.access import Actor, Scope
from legday.domain.errors import Conflict, LegdayError, NotFound
from legday.store import jobs as store

log = logging.getLogger("legday.jobs")

MAX_ID = 2**31 - 1
MAX_ATTEMPTS = 3
STALE_AFTER = timedelta(seconds=60)
HEARTBEAT_EVERY = 10.0  # seconds between stale-job sweeps; well inside STALE_AFTER
BEAT_EVERY = 1.0  # seconds between progress writes (each one is also the heartbeat)
POLL_EVERY = 0.5  # seconds between looks at an empty queue
UPLOADED = store.UPLOADED  # an import waiting for its owner to choose the athlete and commit
# Retention (docs/server.md#retention): an upload nobody committed holds a whole file of someone's
# training history, so it goes after a day; a finished job's result (a report, an import's
# summary) is kept a week for its owner to fetch. The worker sweeps every SWEEP_EVERY seconds.
UPLOAD_RETENTION = timedelta(hours=24)
RESULT_RETENTION = timedelta(days=7)
SWEEP_EVERY = 600.0


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _utc(at: datetime | None) -> str | None:
    return at.replace(tzinfo=UTC).isoformat() if at is not None else None


@dataclass(frozen=True)
class JobView:
    id: int
    kind: str
    status: str
    attempts: int
    progress_done: int
    progress_total: int
    progress_text: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    result: dict[str, Any] | None
    has_file: bool
    error: str | None
    params: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "attempts": self.attempts,
            "progress": {
                "done": self.progress_done,
                "total": self.progress_total,
                "text": self.progress_text,
            },
            "created_at": _utc(self.created_at),
            "started_at": _utc(self.started_at),
            "finished_at": _utc(self.finished_at),
            "result": self.result,
            "has_file": self.has_file,
            "error": self.error,
        }


def _view(j: Any) -> JobView:
    return JobView(
        j.id,
        j.kind,
        j.status,
        j.attempts,
        j.progress_done,
        j.progress_total,
        j.progress_text,
        j.created_at,
        j.started_at,
        j.finished_at,
        j.result,
        j.result_data is not None,
        j.error,
        dict(j.params or {}),
    )


def _scopes(actor: Actor) -> list[str] | None:
    return sorted(s.value for s in actor.scopes) if actor.scopes is not None else None


def submit(
    db: Database,
    actor: Actor,
    kind: str,
    params: dict[str, Any],
    payload: bytes | None = None,
    *,
    queued: bool = True,
) -> JobView:
    """Queue a job run as ``actor`` (or keep it ``uploaded`` until :func:`start`)."""
    with db.write(actor) as s:
        job = store.add(
            s,
            owner_id=actor.user_id,
            scopes=_scopes(actor),
            kind=kind,
            params=params,
            payload=payload,
            at=_now(),
        )
        if not queued:
            job.status = UPLOADED
        return _view(job)


def _owned(s: Any, actor: Actor, job_id: int) -> Any:
    job = store.owned(s, job_id, actor.user_id) if 1 <= job_id <= MAX_ID else None
    if job is None:
        raise NotFound(f"no job with id {job_id}")
    return job


def get(db: Database, actor: Actor, job_id: int) -> JobView:
    """The actor's own job; someone else's answers exactly like a missing one."""
    with db.read(actor, primary=True) as s:
        return _view(_owned(s, actor, job_id))


@dataclass(frozen=True)
class Upload:
    """A file waiting in its owner's job, with the job it waits in."""

    job: JobView
    data: bytes


@dataclass(frozen=True)
class JobFile:
    """The file a finished job made, with its media type and download name."""

    data: bytes
    media_type: str
    name: str


def payload(db: Database, actor: Actor, job_id: int, kind: str) -> Upload:
    """An uploaded file still waiting in the actor's job of ``kind``."""
    with db.read(actor, primary=True) as s:
        job = _owned(s, actor, job_id)
        if job.kind != kind:
            raise NotFound(f"no {kind} with id {job_id}")
        if job.status != UPLOADED or job.payload is None:
            raise Conflict(f"{kind} {job_id} is {job.status}; its file is no longer waiting")
        return Upload(_view(job), bytes(job.payload))


def start(db: Database, actor: Actor, job_id: int, kind: str, params: Mapping[str, Any]) -> JobView:
    """Queue an uploaded job with the parameters its owner chose (once: a second start is a
    conflict, so a double click never imports twice)."""
    with db.write(actor) as s:
        job = _owned(s, actor, job_id)
        if job.kind != kind:
            raise NotFound(f"no {kind} with id {job_id}")
        if job.status != UPLOADED:
            raise Conflict(f"{kind} {job_id} is {job.status} already")
        job.params = {**dict(job.params or {}), **dict(params)}
        job.status = store.QUEUED
        s.flush()
        return _view(job)


def discard(db: Database, actor: Actor, job_id: int, kind: str) -> None:
    """Delete the actor's upload of ``kind`` that is still waiting (its file was used
    otherwise, e.g. imported at once by the page; a started job is never deleted here)."""
    with db.write(actor) as s:
        job = _owned(s, actor, job_id)
        if job.kind != kind or job.status != UPLOADED:
            raise NotFound(f"no waiting {kind} with id {job_id}")
        s.delete(job)
        s.flush()


def result_file(db: Database, actor: Actor, job_id: int) -> JobFile:
    """The file of the actor's finished job."""
    with db.read(actor, primary=True) as s:
        job = _owned(s, actor, job_id)
        if job.status != store.DONE or job.result_data is None:
            raise NotFound(
                f"job {job_id} has no file to fetch ({job.status})",
                "poll the job until its status is done",
            )
        return JobFile(bytes(job.result_data), str(job.result_type), str(job.result_name))


@dataclass(frozen=True)
class Outcome:
    """What a handler made: a JSON summary and/or a file."""

    result: dict[str, Any] | None = None
    data: bytes | None = None
    media_type: str | None = None
    name: str | None = None


Progress = Callable[[int, int, str], None]
Handler = Callable[[Database, Actor, dict[str, Any], bytes | None, Progress], Outcome]


def recover(db: Database, stale_after: timedelta = STALE_AFTER) -> list[int]:
    """Take back jobs whose worker stopped beating (see the module's docstring)."""
    at = _now()
    with db.write(db.local_actor()) as s:
        return store.recover(s, at - stale_after, MAX_ATTEMPTS, at)


@dataclass(frozen=True)
class Swept:
    uploads: int  # uploads never committed, deleted
    results: int  # finished or failed jobs, deleted with their results


def sweep(db: Database, at: datetime | None = None) -> Swept:
    """Delete uploads older than UPLOAD_RETENTION that nobody committed and jobs finished more
    than RESULT_RETENTION ago (``at``: now, naive UTC, unless a test gives its own clock)."""
    at = at or _now()
    with db.write(db.local_actor()) as s:
        uploads, results = store.expire(s, at - UPLOAD_RETENTION, at - RESULT_RETENTION)
    if uploads or results:
        log.info("job sweep: %d uploads and %d finished jobs deleted", uploads, results)
    return Swept(uploads, results)


Clock = Callable[[], datetime]


class Worker:
    """Claims and runs jobs with ``handlers`` (kind → handler) on a daemon thread; takes back
    stale jobs and sweeps expired ones now and then (``clock``: naive UTC now, for tests)."""

    def __init__(
        self,
        db: Database,
        handlers: Mapping[str, Handler],
        stale_after: timedelta = STALE_AFTER,
        clock: Clock = _now,
    ) -> None:
        self.db = db
        self.handlers = dict(handlers)
        self.stale_after = stale_after
        self.clock = clock
        self._last_recovery: datetime | None = None
        self._last_sweep: datetime | None = None
        self.name = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="legday-jobs", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                if not self.tick():
                    self._stop.wait(POLL_EVERY)
            except Exception:  # the loop must outlive a database hiccup; the log has it
                log.exception("job worker: unexpected error")
                self._stop.wait(POLL_EVERY * 4)

    def _due(self, last: datetime | None, every: float) -> bool:
        return last is None or (self.clock() - last).total_seconds() >= every

    def tick(self) -> bool:
        """One turn of the loop: take back stale jobs and sweep expired ones when it is time,
        then run one job. False when the queue was empty."""
        if self._due(self._last_recovery, min(HEARTBEAT_EVERY, self.stale_after.total_seconds())):
            recover(self.db, self.stale_after)
            self._last_recovery = self.clock()
        if self._due(self._last_sweep, SWEEP_EVERY):
            sweep(self.db, self.clock())
            self._last_sweep = self.clock()
        return self.run_once()

    def run_once(self) -> bool:
        """Claim and run one job; False when the queue was empty."""
        with self.db.write(self.db.local_actor()) as s:
            job = store.claim(s, self.name, _now())
            if job is None:
                return False
            job_id, kind, params = job.id, job.kind, dict(job.params or {})
            data = bytes(job.payload) if job.payload is not None else None
            scopes = job.scopes
            actor = Actor(
                job.owner_id,
                scopes=frozenset(Scope(x) for x in scopes) if scopes is not None else None,
            )
        self._run(job_id, kind, params, data, actor)
        return True

    def _run(
        self, job_id: int, kind: str, params: dict[str, Any], data: bytes | None, actor: Actor
    ) -> None:
        beating = threading.Event()

        last: list[Any] = [0, 0, "started"]

        # Progress is written by this side thread, never from inside the handler: on SQLite the
        # handler's own write transaction holds the one writer lock until it commits.
        def beat() -> None:
            while not beating.wait(BEAT_EVERY):
                self._progress(job_id, *last)

        def on_progress(done: int, total: int, text: str) -> None:
            last[:] = [done, total, text]

        beater = threading.Thread(target=beat, name=f"legday-job-{job_id}", daemon=True)
        beater.start()
        outcome: Outcome | None = None
        error: str | None = None
        try:
            handler = self.handlers.get(kind)
            if handler is None:
                raise NotFound(f"this server cannot run jobs of kind {kind!r}")
            outcome = handler(self.db, actor, params, data, on_progress)
        except LegdayError as exc:
            error = exc.message + (f" ({exc.hint})" if exc.hint else "")
        except Exception:
            log.exception("job %s (%s) failed", job_id, kind)
            error = "the job failed on an unexpected error; the server's log has the details"
        finally:
            beating.set()
            beater.join()
        with self.db.write(self.db.local_actor()) as s:
            if outcome is not None:
                store.finish(
                    s,
                    job_id,
                    self.name,
                    _now(),
                    result=outcome.result,
                    data=outcome.data,
                    media_type=outcome.media_type,
                    name=outcome.name,
                )
            else:
                store.finish(s, job_id, self.name, _now(), error=error)

    def _progress(self, job_id: int, done: int, total: int, text: str) -> None:
        try:
            with self.db.write(self.db.local_actor()) as s:
                store.progress(s, job_id, self.name, done, total, text, _now())
        except LegdayError:  # a busy database: the next beat tries again
            log.warning("job %s: progress not recorded", job_id)
