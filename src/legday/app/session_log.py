"""`legday log`: store a session written in the shorthand, as one transaction of plain SQL.

The statements are ``legday.store.plain_log``'s and ``legday.store.plain_daily``'s, run by either
driver: on a SQLite file at the current schema the CLI hands in a ``LiteDatabase`` (the standard
sqlite3 driver: importing SQLAlchemy was most of what logging one set cost to start,
bench/bench_cli.py); anywhere else the ``Database`` runs the same statements in its unit of work.
Same checks on both: the access rule (the write scope first, every read filtered), the repeat
and typo checks, the daily tables refreshed for the day, the records the new sets broke.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time

from legday.app.exercise_names import Resolver
from legday.app.reading import WriteSource
from legday.app.training_views import (
    MAX_MINUTES,
    SESSION_RPE_MAX,
    NewSession,
    NewSet,
    SessionView,
    set_rows,
    unit_of,
    view,
)
from legday.domain.access import Actor
from legday.domain.errors import InvalidInput, NotFound
from legday.domain.units import Unit
from legday.store import plain, plain_log
from legday.store.plain import Rows


def check_effort(session_rpe: float | None, minutes: float | None) -> None:
    if session_rpe is not None and not 0 <= session_rpe <= SESSION_RPE_MAX:
        raise InvalidInput(
            f"session RPE {session_rpe:g} is outside 0–10", "rate the whole session on CR-10 (0–10)"
        )
    if minutes is not None and not 0 < minutes <= MAX_MINUTES:
        raise InvalidInput(f"{minutes:g} minutes is not a session length", "give 1–1440 minutes")


def clean_notes(notes: str | None) -> str | None:
    """Notes with the surrounding spaces trimmed; blank notes are no notes (None)."""
    if notes is None:
        return None
    return notes.strip() or None


def start_of(day: date | None, at: time | None, now: datetime) -> datetime:
    """The session start: the given day and time, or now (to the minute) when neither is given."""
    if day is None and at is None:
        started = now.replace(second=0, microsecond=0)
    else:
        started = datetime.combine(day or now.date(), at or time(0, 0))
    if started.date() > now.date():
        raise InvalidInput(f"{started.date()} is in the future", "log sessions that happened")
    return started


def parsed_sets(u: Rows, athlete_id: int, unit: Unit, text: str) -> list[NewSet]:
    """The sets written in ``text`` as new sets of the athlete (names resolved, nothing stored):
    catalog names first, then the athlete's own mappings."""
    from legday.domain.train.shorthand import parse

    resolver = Resolver(plain_log.mappings_of(u, athlete_id))
    return set_rows(parse(text, unit, resolver.loadless), resolver, athlete_id, unit)


def log_session(
    db: WriteSource,
    actor: Actor,
    athlete_id: int,
    text: str,
    *,
    day: date | None = None,
    at: time | None = None,
    session_rpe: float | None = None,
    minutes: float | None = None,
    notes: str | None = None,
    now: datetime | None = None,
    confirm: bool = False,
    again: bool = False,
) -> SessionView:
    """Store the sets written in ``text`` (the shorthand) as one new session.

    Unknown or ambiguous names fail with candidates, and nothing is stored. Values that look like
    typos are refused unless ``confirm`` (``entry_checks.Implausible``); the exact sets of a
    session already stored that day are refused unless ``again`` (``entry_checks.Repeated``)."""
    from legday.app.aggregates import refresh_rows
    from legday.app.entry_checks import Repeated, check_plausible, find_repeat
    from legday.app.training_records import session_records

    check_effort(session_rpe, minutes)
    started = start_of(day, at, now or datetime.now())
    with db.writes(actor) as u:
        # Seen as any read sees it, then the write scope (a missing athlete and one the actor
        # may not log for answer alike).
        a = plain.athlete(u, athlete_id)
        if a is None:
            raise NotFound(f"no athlete with id {athlete_id}")
        plain_log.require_log(u, a.id)
        unit = unit_of(a)
        rows = parsed_sets(u, a.id, unit, text)
        if not again and (twin := find_repeat(u, a.id, started.date(), rows)) is not None:
            raise Repeated(twin, started.date())
        if not confirm:
            check_plausible(u, a.id, a.body_mass_kg, rows, unit)
        t = NewSession(
            id=0,
            started_at=started,
            duration_s=None if minutes is None else round(minutes * 60),
            session_rpe=session_rpe,
            notes=clean_notes(notes),
            source="legday",
            status="closed",
        )
        sid = plain_log.insert_session(
            u, {**dataclasses.asdict(t), "athlete_id": a.id, "warnings": []}
        )
        t = dataclasses.replace(t, id=sid)
        rows = [dataclasses.replace(r, session_id=sid) for r in rows]
        plain_log.insert_sets(u, sid, a.id, [(r.seq, r) for r in rows])
        plain_log.lock_athlete(u, a.id)
        refresh_rows(u, a.id, {started.date()})
        found = session_records(u, a.id, a, sid, started, rows)
        return view(None, t, a, found, written=rows)
