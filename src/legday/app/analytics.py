"""Analytics use-cases: one athlete's analysis, every athlete's tables as Parquet, the club view.

Reads only: one read transaction each. The columns are built straight from SQL rows (ordered by
athlete and time), the figures by :mod:`legday.domain.track`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from legday.app import athletes
from legday.app.db import Database
from legday.domain.errors import InvalidInput
from legday.domain.track.load import ACWR_CRITICISM
from legday.store.models import Assessment, Athlete, DailyLoad, Plan, SetEntry, TrainingSession

if TYPE_CHECKING:
    from legday.domain.track.columns import ExerciseTable, SessionColumns, SetColumns

CLUB_WINDOW_DAYS = 28  # the chronic window of the rolling ACWR (docs/evidence/load-monitoring.md)


def _day(v: Any) -> int:
    """Days since the epoch of a stored local timestamp (the day the athlete lived it)."""
    from legday.domain.track.weeks import day_number

    ts = v if isinstance(v, datetime) else datetime.fromisoformat(str(v))
    return day_number(ts.date())


def _as_date(v: Any) -> date:
    return v if isinstance(v, date) else date.fromisoformat(str(v))


def load_columns(
    s: Session, athlete_ids: Sequence[int]
) -> tuple[SetColumns, SessionColumns, ExerciseTable]:
    """Sets and sessions of ``athlete_ids`` (athlete index = position in the list)."""
    import numpy as np

    from legday.domain.track.columns import (
        SIDE_CODES,
        SessionColumns,
        SetColumns,
        exercise_table,
        hard_flags,
    )
    from legday.domain.track.facts import catalog_facts

    pos = {a: i for i, a in enumerate(athlete_ids)}
    sess_rows = s.execute(
        select(
            TrainingSession.athlete_id,
            TrainingSession.started_at,
            TrainingSession.id,
            TrainingSession.duration_s,
            TrainingSession.session_rpe,
        )
        .where(TrainingSession.athlete_id.in_(athlete_ids))
        .order_by(TrainingSession.athlete_id, TrainingSession.started_at, TrainingSession.id)
    ).all()
    session_day = {r[2]: _day(r[1]) for r in sess_rows}
    sessions = SessionColumns(
        athlete=np.array([pos[r[0]] for r in sess_rows], dtype=np.int64),
        day=np.array([session_day[r[2]] for r in sess_rows], dtype=np.int64),
        session=np.array([r[2] for r in sess_rows], dtype=np.int64),
        minutes=np.array([np.nan if r[3] is None else r[3] / 60.0 for r in sess_rows]),
        rpe=np.array([np.nan if r[4] is None else float(r[4]) for r in sess_rows]),
    )
    set_rows = s.execute(
        select(
            SetEntry.athlete_id,
            SetEntry.session_id,
            SetEntry.exercise_id,
            SetEntry.set_type,
            SetEntry.load_kg,
            SetEntry.load_basis,
            SetEntry.reps,
            SetEntry.rpe,
            SetEntry.rir,
            SetEntry.side,
            SetEntry.contacts,
        )
        .where(SetEntry.athlete_id.in_(athlete_ids))
        .order_by(SetEntry.athlete_id, SetEntry.session_id, SetEntry.seq)
    ).all()
    index = catalog_facts()
    present = sorted({r[2] for r in set_rows if r[2] is not None and r[2] in index})
    table = exercise_table(index, present)

    def f(i: int) -> Any:
        values: list[Any] = [r[i] for r in set_rows]
        return np.array([np.nan if v is None else float(v) for v in values])

    codes = {e: i for i, e in enumerate(table.ids)}

    def code(exercise_id: str | None) -> int:
        return codes.get(exercise_id, table.unknown) if exercise_id is not None else table.unknown

    working = np.array([r[3] != "warmup" for r in set_rows], dtype=bool)
    cols = SetColumns(
        athlete=np.array([pos[r[0]] for r in set_rows], dtype=np.int64),
        day=np.array([session_day[r[1]] for r in set_rows], dtype=np.int64),
        session=np.array([r[1] for r in set_rows], dtype=np.int64),
        exercise=np.array([code(r[2]) for r in set_rows], dtype=np.int64),
        working=working,
        hard=hard_flags(working, f(7), f(8)),
        load_kg=f(4),
        external=np.array([r[5] == "external" for r in set_rows], dtype=bool),
        reps=f(6),
        side=np.array([SIDE_CODES.get(r[9], 0) for r in set_rows], dtype=np.int64),
        contacts=f(10),
    )
    return cols, sessions, table


def _plan(s: Session, athlete_id: int) -> dict[str, Any] | None:
    p = s.scalar(
        select(Plan)
        .where(Plan.athlete_id == athlete_id, Plan.is_current.is_(True))
        .order_by(Plan.created_at.desc(), Plan.id.desc())
        .limit(1)
    )
    if p is None:
        return None
    body = p.body or {}
    start = p.start_date or body.get("start_date")
    return {"id": p.id, "start_date": start, "weeks": body.get("weeks") or []}


def _tests(s: Session, athlete_id: int, lo: date | None, hi: date | None) -> list[dict[str, Any]]:
    """Assessments whose score is a limb symmetry index (hop tests: the result's ``derived`` names
    an LSI threshold), for the symmetry-over-time series."""
    out = []
    q = select(Assessment).where(Assessment.athlete_id == athlete_id).order_by(Assessment.taken_on)
    for a in s.scalars(q):
        result = a.result or {}
        derived = result.get("derived") or {}
        if "lsi_threshold_pct" not in derived or a.value is None:
            continue
        if (lo and a.taken_on < lo) or (hi and a.taken_on > hi):
            continue
        out.append(
            {
                "date": a.taken_on.isoformat(),
                "test_id": a.test_id,
                "lsi": float(a.value),
                "meets_rts": derived.get("meets_return_to_sport"),
                "source": "assessment",
            }
        )
    return out


def analyze(
    db: Database,
    athlete: str | None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> dict[str, Any]:
    """The ``legday analyze --json`` document for one athlete (docs/contracts/analyze.md)."""
    from legday.domain.track.summary import AthleteData, analyse

    if date_from and date_to and date_from > date_to:
        raise InvalidInput(
            f"--from {date_from} is after --to {date_to}", "give --from on or before --to"
        )
    with db.read() as s:
        a = athletes.find(s, athlete)
        cols, sessions, table = load_columns(s, [a.id])
        data = AthleteData(
            info=athletes.info(a),
            sets=cols,
            sessions=sessions,
            table=table,
            plan=_plan(s, a.id),
            tests=_tests(s, a.id, date_from, date_to),
            profile=dict(a.profile or {}),
        )
    return analyse(data, date_from, date_to)


def analyze_all(db: Database, out: Path) -> dict[str, Any]:
    """Every athlete's tables in one vectorised pass, written as Parquet files in ``out``."""
    from legday.domain.track.team import team_tables

    with db.read() as s:
        rows = s.execute(select(Athlete.id, Athlete.name).order_by(Athlete.id)).all()
        ids = [r[0] for r in rows]
        cols, sessions, table = load_columns(s, ids)
    tables = team_tables(cols, sessions, table, [r[1] for r in rows])
    return write_parquet(tables, out)


def write_parquet(tables: dict[str, dict[str, Any]], out: Path) -> dict[str, Any]:
    import polars as pl

    from legday.domain.track.weeks import EPOCH_SHIFT

    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(
            f"cannot create {out}: {exc.strerror}", "give a writable --out"
        ) from None
    written = {}
    for name, columns in tables.items():
        path = out / f"{name}.parquet"
        frame = pl.DataFrame(
            [
                pl.Series(k, v.tolist(), dtype=pl.String) if v.dtype == object else pl.Series(k, v)
                for k, v in columns.items()
            ]
        )
        if "week" in frame.columns:  # integer week index → its Monday and the ISO label
            monday = (pl.col("week") * 7 - EPOCH_SHIFT).cast(pl.Int32).cast(pl.Date)
            frame = frame.with_columns(week_start=monday).with_columns(
                week=pl.col("week_start").dt.strftime("%G-W%V")
            )
        if "day" in frame.columns:
            frame = frame.with_columns(date=pl.col("day").cast(pl.Int32).cast(pl.Date)).drop("day")
        frame.write_parquet(path)
        written[name] = {"path": str(path), "rows": frame.height}
    return {"out": str(out), "tables": written}


def club_view(db: Database) -> dict[str, Any]:
    """Every athlete's latest rolling ACWR, flags and lower-body share, from the daily table.

    "Latest" is each athlete's last training day; the window is the 28 days ending there. Built
    for ≤ 100 ms at 1,000 athletes: each athlete's first and last day are index seeks
    (correlated MIN/MAX on the (athlete, day) key), only the window's rows are read, and day
    offsets are computed in SQL so no date is parsed in Python."""
    import numpy as np

    from legday.domain.track.load import flags_for

    w = CLUB_WINDOW_DAYS
    # ORDER BY … LIMIT 1 seeks the key; MIN/MAX with a WHERE scans the athlete's rows on SQLite.
    day = select(DailyLoad.day).where(DailyLoad.athlete_id == Athlete.id).limit(1)
    spans = (
        select(
            Athlete.id.label("aid"),
            day.order_by(DailyLoad.day).scalar_subquery().label("first"),
            day.order_by(DailyLoad.day.desc()).scalar_subquery().label("last"),
        )
        .cte("spans")
        .prefix_with("MATERIALIZED")  # evaluate the seeks once, not once per joined row
    )
    span_days: Any
    offset: Any
    cutoff: Any
    if db.dialect == "sqlite":
        span_days = func.julianday(spans.c.last) - func.julianday(spans.c.first)
        offset = func.julianday(spans.c.last) - func.julianday(DailyLoad.day)
        cutoff = func.date(spans.c.last, f"-{w - 1} days")
    else:
        span_days = spans.c.last - spans.c.first
        offset = spans.c.last - DailyLoad.day
        cutoff = spans.c.last - (w - 1)
    q = (
        select(
            spans.c.aid,
            span_days,
            offset,
            DailyLoad.load,
            DailyLoad.lower_sets,
            DailyLoad.all_sets,
        )
        .join(DailyLoad, DailyLoad.athlete_id == spans.c.aid)
        .where(spans.c.last.is_not(None), DailyLoad.day >= cutoff)
    )
    with db.read() as s:
        rows = [tuple(r) for r in s.execute(q)]
        ids = sorted({int(r[0]) for r in rows})
        info: dict[int, tuple[str, date]] = {}
        if ids:
            last_of = day.order_by(DailyLoad.day.desc())
            for aid, name, end in s.execute(
                select(Athlete.id, Athlete.name, last_of.scalar_subquery()).where(
                    Athlete.id.in_(ids)
                )
            ):
                info[aid] = (name, _as_date(end))
    pos = {a: i for i, a in enumerate(ids)}
    n = len(ids)
    # Plain tuples: numpy probes Row objects for array protocols key by key (10× slower).
    arr = np.array(rows, dtype=np.float64).reshape(-1, 6)
    idx = np.array([pos[int(a)] for a in arr[:, 0]], dtype=np.int64)
    col = (w - 1 - np.rint(arr[:, 2])).astype(np.int64)
    load = np.zeros((n, w))
    np.add.at(load, (idx, col), arr[:, 3])
    lower = np.bincount(idx, weights=arr[:, 4], minlength=n)
    total = np.bincount(idx, weights=arr[:, 5], minlength=n)
    full = np.zeros(n, dtype=bool)
    full[idx] = np.rint(arr[:, 1]) >= w - 1  # the window lies inside the athlete's own span
    acute = load[:, -7:].sum(axis=1) / 7
    chronic = load.sum(axis=1) / w
    before = load[:, :-7].sum(axis=1) / (w - 7)
    out = []
    for aid in ids:
        i = pos[aid]
        coupled = float(acute[i] / chronic[i]) if full[i] and chronic[i] > 0 else None
        unc = float(acute[i] / before[i]) if full[i] and before[i] > 0 else None
        name, end = info[aid]
        out.append(
            {
                "athlete": name,
                "athlete_id": aid,
                "last_day": _as_date(end).isoformat(),
                "acwr_rolling": coupled,
                "acwr_rolling_uncoupled": unc,
                "flags": flags_for(coupled),
                "lower_set_share_28d": float(lower[i] / total[i]) if total[i] else None,
                "load_7d": float(load[i, -7:].sum()),
                "load_28d": float(load[i].sum()),
            }
        )
    return {"athletes": out, "window_days": w, "acwr_criticism": ACWR_CRITICISM}
