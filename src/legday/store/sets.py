"""Queries and writes on sets (the set aggregate). The columns of a set are named once
(``RECORD_FIELDS``, the fields of ``legday.domain.records.SetRecord``, in
``legday.store.plain_log``, which the plain write of `legday log` shares); readers that want plain
rows instead of ORM objects select by those names. ORM statements pass the tenant filter of the
unit of work; the statements on the connection say so and check the rule first."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import Session

from legday.domain.records import SetRecord
from legday.store.models import SetEntry, TrainingSession
from legday.store.plain_log import RECORD_FIELDS

__all__ = ["RECORD_FIELDS"]

IN_CHUNK = 900  # values per IN (…) list: under SQLite's old 999-variable limit


def columns(names: Iterable[str]) -> tuple[Any, ...]:
    """The set columns called ``names`` (to select plain rows instead of ORM objects)."""
    return tuple(getattr(SetEntry, n) for n in names)


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), IN_CHUNK):
        yield items[i : i + IN_CHUNK]


def new(session: TrainingSession, seq: int, record: SetRecord) -> SetEntry:
    """A set row of ``session`` holding ``record`` (not yet added to the unit of work)."""
    return SetEntry(
        session_id=session.id,
        athlete_id=session.athlete_id,
        seq=seq,
        **{n: getattr(record, n) for n in RECORD_FIELDS},
    )


def assign(row: SetEntry, record: SetRecord, names: Iterable[str]) -> None:
    """Overwrite the columns ``names`` of a stored set with ``record``'s values."""
    for n in names:
        setattr(row, n, getattr(record, n))


def of_session(s: Session, session_id: int) -> Sequence[SetEntry]:
    """The session's sets in the order they were done."""
    return s.scalars(
        select(SetEntry).where(SetEntry.session_id == session_id).order_by(SetEntry.seq)
    ).all()


def kinds_of_sessions(
    s: Session, session_ids: Sequence[int]
) -> list[tuple[int, str | None, str, str]]:
    """(session, exercise id, name as written, set type) of every set of the sessions, in order."""
    out: list[tuple[int, str | None, str, str]] = []
    for chunk in _chunks(session_ids):
        out.extend(
            s.execute(
                select(SetEntry.session_id, SetEntry.exercise_id, SetEntry.exercise_raw,
                       SetEntry.set_type)
                .where(SetEntry.session_id.in_(chunk))
                .order_by(SetEntry.session_id, SetEntry.seq)
            )
        )  # fmt: skip
    return out


def count_by_session(s: Session, session_ids: Sequence[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for chunk in _chunks(session_ids):
        rows = s.execute(
            select(SetEntry.session_id, func.count())
            .where(SetEntry.session_id.in_(chunk))
            .group_by(SetEntry.session_id)
        )
        out.update((sid, int(n)) for sid, n in rows)
    return out


def count_in(s: Session, session_id: int) -> int:
    return int(s.scalar(select(func.count()).where(SetEntry.session_id == session_id)) or 0)


def next_seq(s: Session, session_id: int) -> int:
    """The seq number a set added to the session now takes (one past the highest)."""
    top = s.scalar(
        select(func.coalesce(func.max(SetEntry.seq), 0)).where(SetEntry.session_id == session_id)
    )
    return int(top or 0) + 1


def dedupe_keys_in(s: Session, session_id: int) -> list[str | None]:
    return list(s.scalars(select(SetEntry.dedupe_key).where(SetEntry.session_id == session_id)))


def by_dedupe_keys(s: Session, keys: Sequence[str]) -> list[SetEntry]:
    """The visible sets carrying any of ``keys``."""
    out: list[SetEntry] = []
    for chunk in _chunks(sorted(keys)):
        out.extend(s.scalars(select(SetEntry).where(SetEntry.dedupe_key.in_(chunk))))
    return out


def by_dedupe_key(s: Session, key: str) -> SetEntry | None:
    return s.scalars(select(SetEntry).where(SetEntry.dedupe_key == key).limit(1)).first()


def key_taken(s: Session, athlete_id: int, key: str) -> bool:
    """Whether the athlete has a set with ``key``. Keyed by athlete as the unique index
    (athlete_id, dedupe_key) is: an index seek, not a scan of every stored set (98 ms at a
    million sets)."""
    found = s.scalar(
        select(SetEntry.id).where(SetEntry.athlete_id == athlete_id, SetEntry.dedupe_key == key)
    )
    return found is not None


def last_load(
    s: Session, athlete_id: int, exercise_id: str, session_id: int | None
) -> tuple[float | None, str] | None:
    """(load, basis) of the exercise's latest working set: in session ``session_id`` when given,
    else in the athlete's latest closed session; None when there is none."""
    q = (
        select(SetEntry.load_kg, SetEntry.load_basis)
        .join(TrainingSession, SetEntry.session_id == TrainingSession.id)
        .where(
            SetEntry.athlete_id == athlete_id,
            SetEntry.exercise_id == exercise_id,
            SetEntry.set_type.in_(("working", "failure")),
        )
    )
    where: ColumnElement[bool] = (
        SetEntry.session_id == session_id
        if session_id is not None
        else TrainingSession.status == "closed"
    )
    row = s.execute(
        q.where(where).order_by(TrainingSession.started_at.desc(), SetEntry.seq.desc()).limit(1)
    ).first()
    return None if row is None else (row[0], str(row[1]))


def of_day(
    s: Session, athlete_id: int, since: datetime, until: datetime
) -> list[tuple[SetEntry, TrainingSession]]:
    """The athlete's sets of sessions started in [since, until) with their session, in order."""
    rows = s.execute(
        select(SetEntry, TrainingSession)
        .join(TrainingSession, SetEntry.session_id == TrainingSession.id)
        .where(
            SetEntry.athlete_id == athlete_id,
            TrainingSession.started_at >= since,
            TrainingSession.started_at < until,
        )
        .order_by(TrainingSession.started_at, SetEntry.seq)
    )
    return [(x, t) for x, t in rows]


def heaviest_loads(s: Session, athlete_id: int) -> dict[str, float]:
    """The heaviest external load (kg) of a set of at least one rep, per catalog exercise."""
    rows = s.execute(
        select(SetEntry.exercise_id, func.max(SetEntry.load_kg))
        .where(
            SetEntry.athlete_id == athlete_id,
            SetEntry.exercise_id.is_not(None),
            SetEntry.load_basis == "external",
            SetEntry.reps >= 1,
            SetEntry.load_kg.is_not(None),
        )
        .group_by(SetEntry.exercise_id)
    )
    return {str(k): float(v) for k, v in rows if k and v is not None}


def records_of(s: Session, athlete_id: int) -> list[tuple[int, SetRecord]]:
    """(session id, set) of every set of the athlete, by session and order: the export."""
    rows = s.execute(
        select(SetEntry.session_id, *columns(RECORD_FIELDS))
        .where(SetEntry.athlete_id == athlete_id)
        .order_by(SetEntry.session_id, SetEntry.seq, SetEntry.id)
    )
    return [(r[0], SetRecord(**dict(zip(RECORD_FIELDS, r[1:], strict=True)))) for r in rows]


def raw_names(s: Session, athlete_id: int) -> list[str]:
    """Every spelling of an exercise name stored in the athlete's sets."""
    return list(
        s.scalars(select(SetEntry.exercise_raw).where(SetEntry.athlete_id == athlete_id).distinct())
    )


def reclassify(
    s: Session, athlete_id: int, names: Sequence[str], exercise_id: str | None
) -> tuple[int, list[datetime]]:
    """Give the athlete's sets written as any of ``names`` the exercise ``exercise_id`` (None:
    not in the catalog): how many
    sets changed, and the starts of the sessions they are in (their days need refreshing)."""
    updated = 0
    starts: list[datetime] = []
    for chunk in _chunks(names):
        starts.extend(
            s.scalars(
                select(TrainingSession.started_at)
                .join(SetEntry, SetEntry.session_id == TrainingSession.id)
                .where(SetEntry.athlete_id == athlete_id, SetEntry.exercise_raw.in_(chunk))
                .distinct()
            )
        )
        result = s.execute(
            update(SetEntry)
            .where(SetEntry.athlete_id == athlete_id, SetEntry.exercise_raw.in_(chunk))
            .values(exercise_id=exercise_id)
            .execution_options(synchronize_session=False)
        )
        updated += int(getattr(result, "rowcount", 0) or 0)
    return updated, starts
