"""Training log use-cases: log a session from the shorthand, list/show/edit/delete sessions, and
the athlete's personal records.

Each use-case opens ONE transaction; every write refreshes the daily tables for the days it
touched (``legday.app.aggregates.refresh``), so a failed write leaves nothing behind. Logging a
new session (re-exported here) is ``legday.app.session_log``: plain SQL on either driver. Views,
name resolution and the stored shape of a set: ``legday.app.training_views``; records (re-exported
here): ``legday.app.training_records``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Literal

from sqlalchemy.orm import Session

from legday.app import athletes
from legday.app.db import Database
from legday.app.session_log import check_effort, clean_notes, log_session, parsed_sets, start_of
from legday.app.training_records import RecordsView, records
from legday.app.training_views import (
    NewSet,
    SessionSummary,
    SessionView,
    minutes_of,
    summarize,
    unit_of,
    view,
)
from legday.domain.access import Actor
from legday.domain.errors import InvalidInput, NotFound
from legday.domain.terms import slot
from legday.store import athletes as stored_athletes
from legday.store import sessions, sets
from legday.store.models import Athlete, TrainingSession

__all__ = [
    "CLEARABLE",
    "Clearable",
    "RecordsView",
    "SessionSummary",
    "SessionView",
    "delete_session",
    "edit_session",
    "list_sessions",
    "log_session",
    "records",
    "session_count",
    "show_session",
]


# What `edit_session(clear=…)` can empty (each shell offers its own way to clear them).
Clearable = Literal["notes", "session_rpe", "minutes"]
CLEARABLE: tuple[Clearable, ...] = ("notes", "session_rpe", "minutes")


# ---------------------------------------------------------------------------------- checks


def _refresh(s: Session, athlete_id: int, days: set[date]) -> None:
    from legday.app import aggregates

    s.flush()
    aggregates.refresh(s, athlete_id, days)


def _session(
    s: Session, session_id: int, athlete_id: int | None
) -> tuple[TrainingSession, Athlete]:
    t = sessions.get(s, session_id)
    if t is None:
        raise NotFound(f"no session {session_id}", "see `legday sessions list`")
    a = stored_athletes.get(s, t.athlete_id)
    assert a is not None  # the foreign key guarantees it
    if athlete_id is not None and athlete_id != a.id:
        named = athletes.get(s, athlete_id).name
        raise NotFound(f"session {session_id} is not {named}'s", "see `legday sessions list`")
    return t, a


def _parsed_sets(s: Session, a: Athlete, text: str) -> list[NewSet]:
    """The sets written in ``text`` as rows of ``a`` (not yet added; names resolved)."""
    from legday.store.session_rows import SessionRows

    return parsed_sets(SessionRows(s), a.id, unit_of(a), text)


def _attach(s: Session, t: TrainingSession, rows: list[NewSet]) -> None:
    """Adds ``rows`` as the sets of ``t`` (flushed first, so ``t`` has its id)."""
    s.flush()
    s.add_all([sets.new(t, r.seq, r) for r in rows])


# -------------------------------------------------------------------------------- use-cases


def list_sessions(
    db: Database,
    actor: Actor,
    athlete_id: int,
    start: date | None = None,
    end: date | None = None,
) -> list[SessionSummary]:
    """Sessions of one athlete (newest first), optionally from ``start`` to ``end`` inclusive."""
    if start and end and start > end:
        raise InvalidInput(
            f"{slot('date_from')} {start} is after {slot('date_to')} {end}",
            f"give {slot('date_from')} ≤ {slot('date_to')}",
        )
    with db.read(actor) as s:
        a = athletes.get(s, athlete_id)
        found = sessions.of_athlete(
            s,
            a.id,
            None if start is None else datetime.combine(start, time(0, 0)),
            None if end is None else datetime.combine(end, time.max),
        )
        ids = [t.id for t in found]
        per: dict[int, list[tuple[str, str]]] = {i: [] for i in ids}
        for sid, ex_id, raw, kind in sets.kinds_of_sessions(s, ids):
            per[sid].append((ex_id or raw, kind))
        return [_summary(t, a, per[t.id]) for t in found]


def _summary(t: TrainingSession, a: Athlete, sets: list[tuple[str, str]]) -> SessionSummary:
    return summarize(
        t.id, a.name, t.started_at, minutes_of(t), t.session_rpe, t.source, t.status, sets
    )


def show_session(
    db: Database, actor: Actor, session_id: int, athlete_id: int | None = None
) -> SessionView:
    """One session by id; with ``athlete_id``, it must be that athlete's."""
    with db.read(actor) as s:
        t, a = _session(s, session_id, athlete_id)
        return view(s, t, a)


def edit_session(
    db: Database,
    actor: Actor,
    session_id: int,
    athlete_id: int | None = None,
    *,
    day: date | None = None,
    at: time | None = None,
    session_rpe: float | None = None,
    minutes: float | None = None,
    notes: str | None = None,
    text: str | None = None,
    clear: Iterable[Clearable] = (),
    now: datetime | None = None,
    confirm: bool = False,
) -> SessionView:
    """Change what was given (date, time, session RPE, minutes, notes) and, with ``text``,
    replace every set with the sets written there. ``clear`` names fields to empty (see
    ``CLEARABLE``); blank ``notes`` ("" or spaces) clear the notes too. All in one transaction,
    with the daily tables refreshed for the days touched."""
    check_effort(session_rpe, minutes)
    cleared = _clearing(clear, {"notes": notes, "session_rpe": session_rpe, "minutes": minutes})
    if not cleared and all(v is None for v in (day, at, session_rpe, minutes, notes, text)):
        given = ", ".join(slot(t) for t in ("date", "time", "session_rpe", "minutes", "notes"))
        clears = ", ".join(slot(f"clear_{c}") for c in CLEARABLE)
        raise InvalidInput("nothing to change", f"give {given}, {slot('sets')} or one of {clears}")
    with db.write(actor) as s:
        t, a = _session(s, session_id, athlete_id)
        days = {t.started_at.date()}
        if day is not None or at is not None:
            t.started_at = start_of(day or t.started_at.date(), at or t.started_at.time(),
                                  now or datetime.now())  # fmt: skip
            days.add(t.started_at.date())
        if session_rpe is not None:
            t.session_rpe = session_rpe
        if minutes is not None:
            t.duration_s = round(minutes * 60)
        if notes is not None:
            t.notes = clean_notes(notes)
        if "notes" in cleared:
            t.notes = None
        if "session_rpe" in cleared:
            t.session_rpe = None
        if "minutes" in cleared:
            t.duration_s = None
        if text is not None:
            rows = _parsed_sets(s, a, text)
            if not confirm:
                from legday.app.entry_checks import check_plausible
                from legday.store.session_rows import SessionRows

                u = SessionRows(s)
                check_plausible(u, a.id, a.body_mass_kg, rows, unit_of(a), exclude_session=t.id)
            for old in list(t.sets):
                s.delete(old)
            _attach(s, t, rows)
        _refresh(s, a.id, days)
        s.expire(t, ["sets"])
        return view(s, t, a)


def _clearing(clear: Iterable[str], given: dict[str, object]) -> set[str]:
    """The fields to empty; refuses unknown names and a field both set and cleared."""
    cleared = set(clear)
    unknown = sorted(cleared - set(CLEARABLE))
    if unknown:
        raise InvalidInput(
            f"cannot clear {', '.join(unknown)}", "clear any of " + ", ".join(CLEARABLE)
        )
    for name in sorted(cleared):
        if given[name] is not None:
            raise InvalidInput(
                f"{slot(name)} and {slot('clear_' + name)} were both given",
                "give one of them, not both",
            )
    return cleared


def delete_session(
    db: Database, actor: Actor, session_id: int, athlete_id: int | None = None
) -> SessionView:
    """Delete a session and its sets; returns what was deleted."""
    with db.write(actor) as s:
        t, a = _session(s, session_id, athlete_id)
        gone = view(s, t, a)
        day = t.started_at.date()
        s.delete(t)
        _refresh(s, a.id, {day})
        return gone


def session_count(db: Database, actor: Actor, athlete_id: int) -> int:
    """How many sessions the athlete has (any source)."""
    with db.read(actor) as s:
        a = athletes.get(s, athlete_id)
        return sessions.count(s, a.id)
