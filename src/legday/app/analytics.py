"""Analytics use-cases: one athlete's analysis, every athlete's tables as Parquet bytes, the club
view.

Reads only: one read transaction each. The columns are built straight from SQL rows (ordered by
athlete and time), the figures by :mod:`legday.domain.track`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from legday.app import athletes
from legday.app.analysis_results import Analysis, TableFile, TeamTables
from legday.app.db import Database
from legday.app.results import AcwrEstimate, ClubRow, ClubView
from legday.domain.access import Actor
from legday.domain.errors import InvalidInput
from legday.domain.terms import slot
from legday.domain.track.load import ACWR_CRITICISM
from legday.store import analysis as store
from legday.store import assessments as assessment_store
from legday.store import plans as plan_store

if TYPE_CHECKING:
    from legday.domain.track.columns import ExerciseTable, SessionColumns, SetColumns

CLUB_WINDOW_DAYS = 28  # the chronic window of the rolling ACWR (docs/evidence/load-monitoring.md)


def _day(v: Any) -> int:
    """Days since the epoch of a stored local timestamp (the day the athlete lived it)."""
    from legday.domain.weeks import day_number

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
    sess_rows = store.session_rows(s, athlete_ids)
    session_day = {r[2]: _day(r[1]) for r in sess_rows}
    sessions = SessionColumns(
        athlete=np.array([pos[r[0]] for r in sess_rows], dtype=np.int64),
        day=np.array([session_day[r[2]] for r in sess_rows], dtype=np.int64),
        session=np.array([r[2] for r in sess_rows], dtype=np.int64),
        minutes=np.array([np.nan if r[3] is None else r[3] / 60.0 for r in sess_rows]),
        rpe=np.array([np.nan if r[4] is None else float(r[4]) for r in sess_rows]),
    )
    set_rows = store.set_rows(s, athlete_ids)  # tuples of store.SET_COLUMNS
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
    p = plan_store.current(s, athlete_id)
    if p is None:
        return None
    body = p.body or {}
    start = p.start_date or body.get("start_date")
    weeks = body.get("weeks") or []
    ids = sorted(
        {
            str(b["exercise_id"])
            for w in weeks if isinstance(w, dict)
            for ps in w.get("sessions") or [] if isinstance(ps, dict)
            for b in ps.get("blocks") or [] if isinstance(b, dict) and b.get("exercise_id")
        }
    )  # fmt: skip
    goals = body.get("goal_weights") or (body.get("profile") or {}).get("goals") or {}
    return {"id": p.id, "start_date": start, "weeks": weeks, "goals": goals, "exercise_ids": ids}


def _unknown_names(s: Session, athlete_id: int, lo: date | None, hi: date | None) -> dict[str, int]:
    """Working sets per raw name the catalog did not match, in the range."""
    return store.unmatched_names(s, athlete_id, lo, hi)


def _tests(s: Session, athlete_id: int, lo: date | None, hi: date | None) -> list[dict[str, Any]]:
    """Assessments whose score is a limb symmetry index (hop tests: the result's ``derived`` names
    an LSI threshold), for the symmetry-over-time series."""
    out = []
    for a in assessment_store.of_athlete(s, athlete_id, since=lo, until=hi):
        result = a.result or {}
        derived = result.get("derived") or {}
        if "lsi_threshold_pct" not in derived or a.value is None:
            continue
        out.append(
            {
                "date": a.taken_on.isoformat(),
                "test_id": a.test_id,
                "lsi": float(a.value),
                # One hop test never clears a return to sport (the battery does): this says
                # only whether this test's LSI meets its criterion.
                "meets_lsi_criterion": derived.get(
                    "meets_lsi_criterion", derived.get("meets_return_to_sport")
                ),
                "source": "assessment",
            }
        )
    return out


def analyze(
    db: Database,
    actor: Actor,
    athlete_id: int,
    date_from: date | None = None,
    date_to: date | None = None,
    today: date | None = None,
    *,
    primary: bool = False,
) -> Analysis:
    """The analysis of one athlete (docs/contracts/analyze.md);
    ``today`` (default: the clock's) dates the athlete's age and an empty history. ``primary``
    reads the primary database even when a replica serves reads: the athlete's own pages come
    right after their own writes, which a replica may not have yet."""
    today = today or date.today()
    from legday.domain.track.summary import AthleteData, analyse

    if date_from and date_to and date_from > date_to:
        raise InvalidInput(
            f"{slot('date_from')} {date_from} is after {slot('date_to')} {date_to}",
            f"give {slot('date_from')} on or before {slot('date_to')}",
        )
    from legday.app.assess_track import screening

    with db.read(actor, primary=primary) as s:
        a = athletes.get(s, athlete_id)
        who = athletes.info(a)
        tested = screening(s, a.id, date_from, date_to, who.age_on(today), who.sex)
        cols, sessions, table = load_columns(s, [a.id])
        data = AthleteData(
            info=athletes.info(a),
            sets=cols,
            sessions=sessions,
            table=table,
            plan=_plan(s, a.id),
            tests=_tests(s, a.id, date_from, date_to),
            # The plan inputs the athlete last planned with (goals, days, minutes).
            profile=dict(athletes.profile_of(a).plan),
            unknown_names=_unknown_names(s, a.id, date_from, date_to),
        )
    return Analysis.from_document(analyse(data, date_from, date_to, today=today), tested)


def analyze_all(db: Database, actor: Actor) -> TeamTables:
    """The tables of every athlete whose training the actor may see, in one vectorised pass,
    each as the bytes of a Parquet file (the shell writes or sends them)."""
    from legday.domain.track.team import team_tables

    with db.read(actor) as s:
        rows = store.athletes_by_id(s)
        ids = [r[0] for r in rows]
        cols, sessions, table = load_columns(s, ids)
    tables = team_tables(cols, sessions, table, [r[1] for r in rows])
    return TeamTables(to_parquet(tables))


PARQUET_MEDIA_TYPE = "application/vnd.apache.parquet"  # registered with IANA in 2024


def to_parquet(tables: dict[str, dict[str, Any]]) -> list[TableFile]:
    """Each table of columns as Parquet bytes, week indexes as their Monday and ISO label, day
    numbers as dates."""
    import io

    import polars as pl

    from legday.domain.weeks import EPOCH_SHIFT

    written = []
    for name, columns in tables.items():
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
        buf = io.BytesIO()
        frame.write_parquet(buf)
        written.append(
            TableFile(name, PARQUET_MEDIA_TYPE, ".parquet", buf.getvalue(), frame.height)
        )
    return written


STALE_DAYS = 7  # no session in the acute week: the load figures describe absence, not training


def club_view(
    db: Database, actor: Actor, as_of: date | None = None, sort: str = "attention"
) -> ClubView:
    """Every athlete the actor may see, as of ``as_of`` (default today): the 28-day window ends
    that day, so absence shows as absence (acute load 0, days since the last session) and data
    older than a week is marked stale. Sessions without a session RPE or a length are missing
    data, not rest days: a
    window holding one gets no ratio and no load flag, only a labelled estimate from working sets.
    Each athlete's open test flags (the latest result of each test) stand next to the load flags;
    ``sort`` is ``attention`` (most reasons first, see :func:`attention`) or ``name``.

    Built for ≤ 100 ms at 1,000 athletes: each athlete's first and last day are index seeks, and
    only the window's rows are read."""
    import numpy as np

    from legday.domain.track.load import flags_for

    if sort not in ("attention", "name"):
        raise InvalidInput(f"sort {sort!r} is not known", "sort by attention or name")
    end = as_of or date.today()
    w = CLUB_WINDOW_DAYS
    lo = end - timedelta(days=w - 1)
    with db.read(actor) as s:
        people = [
            (aid, name, _opt_date(first), _opt_date(last))
            for aid, name, first, last in store.first_and_last_days(s, end)
        ]
        rows = store.daily_loads(s, lo, end)
        unrated = _unrated_days(s, lo, end)
        tests = _open_test_flags(s, end)
        ready = _readiness(s, end)
    pos = {aid: i for i, (aid, _, _, _) in enumerate(people)}
    n = len(people)
    load = np.zeros((n, w))
    sets = np.zeros((n, w))
    lower = np.zeros(n)
    total = np.zeros(n)
    for aid, d, value, lower_sets, all_sets in rows:
        i, c = pos[int(aid)], w - 1 - (end - _as_date(d)).days
        load[i, c] += float(value or 0)
        sets[i, c] += float(all_sets or 0)
        lower[i] += float(lower_sets or 0)
        total[i] += float(all_sets or 0)
    out = []
    for aid, name, first, last in people:
        i = pos[aid]
        full = first is not None and first <= lo  # the whole window lies inside the history
        missing = unrated.get(aid, 0)
        acute, chronic = load[i, -7:].sum() / 7, load[i].sum() / w
        before = load[i, :-7].sum() / (w - 7)
        rated = full and missing == 0
        coupled = float(acute / chronic) if rated and chronic > 0 else None
        unc = float(acute / before) if rated and before > 0 else None
        estimate = None
        if full and missing and sets[i].sum() > 0:
            estimate = AcwrEstimate(
                acwr=float((sets[i, -7:].sum() / 7) / (sets[i].sum() / w)),
                basis="working sets per day instead of session RPE × minutes (an estimate: "
                f"{missing} day(s) in the window have a session without a session RPE or length)",
            )
        since = (end - last).days if last is not None else None
        row: dict[str, Any] = {
            "athlete": name,
            "athlete_id": aid,
            "as_of": end.isoformat(),
            "last_day": last.isoformat() if last is not None else None,
            "days_since_last_session": since,
            "stale": since is None or since >= STALE_DAYS,
            "acwr_rolling": coupled,
            "acwr_rolling_uncoupled": unc,
            "acwr_estimate": estimate,
            "unrated_days_28d": missing,
            "flags": flags_for(coupled),
            "test_flags": tests.get(aid, []),
            "readiness": ready.get(aid),
            "lower_set_share_28d": float(lower[i] / total[i]) if total[i] else None,
            "load_7d": float(load[i, -7:].sum()),
            "load_28d": float(load[i].sum()),
        }
        score, reasons = _attention(row)
        out.append(ClubRow(**row, attention=score, attention_reasons=reasons))
    if sort == "attention":
        out.sort(key=lambda r: (-r.attention, r.athlete))
    return ClubView(end.isoformat(), out, w, STALE_DAYS, sort, ACWR_CRITICISM)


def _attention(row: dict[str, Any]) -> tuple[int, list[str]]:
    """How much a row asks for a coach's look (legday's weights, not a risk model): an ACWR
    spike 3, any other load flag 1, each open test flag 2, no session for a week or more 1,
    unrated days in the window 1 (the load figures are incomplete), a readiness check-in worse
    than the athlete's usual 2 when it is today's, 1 when it is older (stale)."""
    score, why = 0, []
    for f in row["flags"]:
        score += 3 if f.endswith("spike") else 1
        why.append(f)
    for t in row["test_flags"]:
        score += 2
        why.append(f"{t['test_id']}: {t['flag']}")
    ready = row.get("readiness")
    if ready and ready["flagged"]:
        z = ready["total_z"]["z"]
        said = "readiness below usual" + (f" (z {z:+.1f})" if z is not None else "")
        score += 1 if ready["stale"] else 2
        why.append(f"{said}, {ready['day']} (stale)" if ready["stale"] else said)
    if row["stale"]:
        score += 1
        since = row["days_since_last_session"]
        why.append("no session yet" if since is None else f"no session for {since} days")
    if row["unrated_days_28d"]:
        score += 1
        why.append(f"{row['unrated_days_28d']} unrated day(s) in the window")
    return score, why


def _opt_date(v: Any) -> date | None:
    return None if v is None else _as_date(v)


def _unrated_days(s: Session, lo: date, end: date) -> dict[int, int]:
    """Per athlete: days from ``lo`` to ``end`` with a session lacking a session RPE or length."""
    days: dict[int, set[date]] = {}
    for aid, started in store.unrated_starts(s, lo, end):
        ts = started if isinstance(started, datetime) else datetime.fromisoformat(str(started))
        days.setdefault(int(aid), set()).add(ts.date())
    return {aid: len(d) for aid, d in days.items()}


def _readiness(s: Session, end: date) -> dict[int, dict[str, Any]]:
    """Per athlete: the latest readiness check-in against their own baseline."""
    from legday.app.readiness import latest_flags

    return latest_flags(s, end)


def _open_test_flags(s: Session, end: date) -> dict[int, list[dict[str, Any]]]:
    """Per athlete: the flags of the latest result of each test taken by ``end`` (a later result
    without the flag closes it; one taken after ``end`` is not seen) — read through the assessment
    use-cases. A score computed against an extrapolated norm (an age outside the table) raises no
    flag here, as it yields no triage finding."""
    from legday.app.assess import latest_results
    from legday.domain.assess.triage import is_extrapolated

    out: dict[int, list[dict[str, Any]]] = {}
    for aid in assessment_store.athletes_tested_by(s, end):
        for test_id, result in sorted(latest_results(s, int(aid), until=end).items()):
            if is_extrapolated(result):
                continue
            for flag in result.get("flags") or []:
                out.setdefault(int(aid), []).append(
                    {"test_id": test_id, "flag": str(flag), "taken_on": result.get("taken_on")}
                )
    return out
