"""The import of a large file read by columns (legday.interop.strong_bulk): the same plan as the
record path in legday.app.importing — drop the sets already stored (by dedupe key) and repeated in
the file, add the new sessions, extend the stored ones, number the sets — done on columns, so no
Python call is made per set. Sessions go in by the driver's executemany, the sets by
``legday.store.imports.insert_set_frame`` (a staging file on SQLite, COPY on PostgreSQL), and the
daily tables are filled from a Polars GROUP BY of the new sets.

The caller holds the import's one transaction, has made or found the athlete and checked the
access rule for them; tests/app/test_import_columns.py compares every table with the record path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from legday.app import import_keys
from legday.domain.access import Scope
from legday.domain.track.facts import ExerciseFacts, catalog_facts
from legday.interop.common import ParsedFile, session_identity
from legday.store import import_stats, imports
from legday.store.import_stats import StatRow
from legday.store.tenancy import maintaining

NewSession = tuple[int, datetime, int | None, float | None]  # id, start, duration_s, session RPE

if TYPE_CHECKING:
    import polars as pl

# What the daily tables count as a hard set: RPE ≥ 7 when logged (docs/evidence/load-monitoring.md;
# legday.app.aggregates holds the same threshold). These files carry no RIR.
HARD_RPE = 7.0
# A day as the daily tables store it (SQLAlchemy's Date on SQLite: date.isoformat's text; the
# same for every year an import accepts, legday.interop.cells.EARLIEST on).
ISO_DAY = "%Y-%m-%d"


@dataclass(frozen=True)
class Outcome:
    sessions_added: int
    sets_added: int
    sets_skipped: int
    warmups: int
    rows_written: int
    # SQLite's planner statistics of the tables this import filled from empty, computed from
    # the columns (legday.store.import_stats), for import_stats.analyze.
    stats: Mapping[str, list[StatRow]] = field(default_factory=dict)


def run(
    s: Session,
    parsed: ParsedFile,
    athlete_id: int | None,
    names: Mapping[str, str | None],
    write: bool,
    on_write: Callable[[int, int], None],
    on_aggregates: Callable[[], None] = lambda: None,
) -> Outcome:
    """Plan (and with ``write``, store) the sets of ``parsed.bulk`` for ``athlete_id``."""
    import polars as pl

    frame: pl.DataFrame = parsed.bulk.frame
    stored = _stored_keys(s, athlete_id, Scope.LOG_FOR_ATHLETE if write else Scope.VIEW_TRAINING)
    # A key repeated in the file keeps its first set. Most files repeat none, and counting the
    # distinct 64-bit hashes of the keys (equal keys hash alike; half the time of counting the
    # keys) is several times cheaper than marking first ones, which compares the keys themselves.
    new = frame
    if frame["dedupe_key"].hash().n_unique() < frame.height:
        new = frame.filter(pl.col("dedupe_key").is_first_distinct())
    if stored:  # an anti join: at a million stored keys 40 % faster than is_in
        known = pl.Series("dedupe_key", stored, dtype=pl.String).to_frame()
        new = new.join(known, on="dedupe_key", how="anti", maintain_order="left")
    warmups = int((new["set_type"] == "warmup").sum())
    counts = dict(frame.group_by("session").len().iter_rows())
    new_counts = counts if new is frame else dict(new.group_by("session").len().iter_rows())
    existing = import_keys.existing_sessions(s, athlete_id, {x.source for x in parsed.sessions})
    fresh: list[int] = []
    more: dict[int, int] = {}  # session index → stored session id
    for i, sess in enumerate(parsed.sessions):
        sid = existing.get(session_identity(sess.source, sess.source_key, sess.started_at))
        if sid is not None:
            if new_counts.get(i):
                more[i] = sid
        elif new_counts.get(i) or not counts.get(i):
            fresh.append(i)
    outcome = Outcome(len(fresh), new.height, frame.height - new.height, warmups, 0)
    if not write or athlete_id is None:
        return outcome
    on_write(0, new.height)
    empty = import_stats.countable(s)  # before the first write: the tables still empty
    new_rows = [import_keys.new_session_row(athlete_id, parsed.sessions[i]) for i in fresh]
    ids, session_part = imports.sessions_as_part(s, new_rows)
    sid_of = dict(zip(fresh, ids, strict=True)) | more
    last = imports.last_seq(s, list(more.values())) if more else {}
    offset = {i: last.get(sid, 0) for i, sid in more.items()}
    rows = _set_columns(new, sid_of, offset, names)
    constants: dict[str, Any] = {"athlete_id": athlete_id, "rir": None, "side": "both"}
    constants["contacts"] = None
    for c in rows.columns:  # an all-empty column is one literal NULL, not a value per row
        if rows[c].null_count() == rows.height:
            constants[c] = None
    varying = rows.drop([c for c in constants if c in rows.columns])
    sessions = [
        (sid_of[i], parsed.sessions[i].started_at, parsed.sessions[i].duration_s,
         parsed.sessions[i].session_rpe)
        for i in fresh
    ]  # fmt: skip
    with maintaining(s, [athlete_id]):
        # Staged sessions are not stored yet: every session the database holds is another's.
        clean, shared = _clean_days(s, athlete_id, sessions, stored=not session_part)
        facts = catalog_facts()  # loaded here, not on the staging thread
        # The daily rows are computed (by Polars, without the GIL) while the sets are moved.
        stats = imports.insert_frames(
            s,
            [*session_part, ("set_entry", varying, constants)],
            lambda: _daily(athlete_id, sessions, rows, clean, facts),
            empty,
        )
    on_write(new.height, new.height)
    on_aggregates()
    from legday.app import aggregates

    grown = {parsed.sessions[i].started_at.date() for i in more}
    if shared | grown:  # the daily tables get rows in SQL too: ANALYZE counts them
        stats = {t: r for t, r in stats.items() if not t.startswith("daily_")}
    aggregates.refresh(s, athlete_id, shared | grown)
    return Outcome(len(fresh), new.height, frame.height - new.height, warmups, new.height, stats)


def _stored_keys(s: Session, athlete_id: int | None, scope: Scope) -> list[str]:
    """Every dedupe key the athlete's stored sets hold, or derive (sets logged in legday)."""
    if athlete_id is None:
        return []
    keys = imports.key_list(s, athlete_id, scope)
    if keys is None:
        return []
    return keys + list(import_keys.derived_keys(s, athlete_id))


def _set_columns(
    new: pl.DataFrame,
    sid_of: Mapping[int, int],
    offset: Mapping[int, int],
    names: Mapping[str, str | None],
) -> pl.DataFrame:
    """The new sets as set_entry columns: session id, sequence in the session (after the sets a
    stored session holds), the catalog id for the name, the name cut to its column's 300."""
    import polars as pl

    session = pl.col("session")
    # Looked up by position in lists indexed by session (a gather), not through a 50,000-entry
    # mapping; the sets come in session order, so a set's place in its session is its distance
    # from the session's first set (no grouping). ~0.15 s less at a million sets.
    count = max(sid_of, default=-1) + 1  # every session of ``new`` has its id here
    ids = [sid_of.get(i) for i in range(count)]
    after = [offset.get(i, 0) for i in range(count)]
    if new.height and bool(new["session"].is_sorted()):
        i = pl.int_range(pl.len())
        first = pl.when(session != session.shift(1)).then(i).forward_fill()
        place = (i - first.fill_null(0) + 1).cast(pl.Int64)
    else:
        place = pl.int_range(1, pl.len() + 1).over("session").cast(pl.Int64)
    return new.select(
        pl.lit(pl.Series(ids, dtype=pl.Int64)).gather(session).alias("session_id"),
        (place + pl.lit(pl.Series(after, dtype=pl.Int64)).gather(session)).alias("seq"),
        pl.col("exercise_raw")
        .replace_strict(dict(names), default=None, return_dtype=pl.String)
        .alias("exercise_id"),
        pl.col("exercise_raw").str.slice(0, 300),
        "exercise_occurrence",
        "position",
        "set_type",
        "load_kg",
        "load_basis",
        "reps",
        "rpe",
        "duration_s",
        "distance_m",
        "notes",
        "source_row",
        "source_line",
        "dedupe_key",
    )


def _clean_days(
    s: Session, athlete_id: int, sessions: list[NewSession], stored: bool
) -> tuple[set[date], set[date]]:
    """The days of the new sessions that no other session shares (their daily rows are computed
    by :func:`_daily`; any rows left on them are deleted here), and the shared days, which the
    caller refreshes in SQL once the sets are in. ``stored``: the new sessions are in the
    database already (else they go in with the sets)."""
    from legday.app import aggregates_bulk as bulk_daily
    from legday.store.session_rows import SessionRows

    if not sessions:
        return set(), set()
    u = SessionRows(s)
    days = {started.date() for _, started, _, _ in sessions}
    shared = bulk_daily.days_with_other_sessions(u, athlete_id, sessions if stored else [], days)
    clean = days - shared
    bulk_daily.delete_days(u, athlete_id, sorted(clean))
    return clean, shared


def _daily(
    athlete_id: int,
    sessions: list[NewSession],
    rows: pl.DataFrame,
    clean: set[date],
    index: Mapping[str, ExerciseFacts],
) -> list[imports.Part]:
    """The daily tables' rows for the ``clean`` days of the new sessions, on columns
    (legday.app.aggregates_bulk.refresh_bulk's result); no database is touched, so this may run on
    the staging thread."""
    import polars as pl

    from legday.app import aggregates as ag
    from legday.app import aggregates_bulk as bulk_daily
    from legday.domain.track.facts import lookup

    if not clean:  # every day shared (an empty frame has no types)
        return []
    session_day = {sid: d for sid, started, _, _ in sessions if (d := started.date()) in clean}
    loads: dict[date, list[float]] = {}  # day → [load, minutes, sessions, lower_sets, all_sets]
    for _, started, duration_s, srpe in sessions:
        if started.date() in clean:
            ag._add_session(loads, started.date(), duration_s, srpe)
    groups = _groups(rows, session_day)
    spread: dict[str, list[Any]] = {
        k: [] for k in ("ex", "pattern", "muscle", "weight", "first", "per_rep", "lower")
    }
    for ex in groups["ex"].unique().to_list():
        pattern, muscles, per_rep, is_lower = bulk_daily.spread_of(lookup(index, ex or None))
        for j, (muscle, weight) in enumerate(muscles):
            for k, v in zip(spread, (ex, pattern, muscle, weight, j == 0, per_rep or 0, is_lower),
                            strict=True):  # fmt: skip
                spread[k].append(v)
    facts = pl.DataFrame(
        spread,
        schema={"ex": pl.String, "pattern": pl.String, "muscle": pl.String,
                "weight": pl.Float64, "first": pl.Boolean, "per_rep": pl.Int64,
                "lower": pl.Boolean},
    )  # fmt: skip
    joined = groups.join(facts, on="ex", how="inner")
    first = pl.col("first")
    cells = (
        joined.group_by("day", "pattern", "muscle")
        .agg(
            (pl.col("weight") * pl.col("hard").cast(pl.Float64)).sum().alias("hard_sets"),
            pl.when(first).then(pl.col("n")).otherwise(0).sum().alias("working_sets"),
            (pl.col("weight") * pl.col("tonnage")).sum().alias("tonnage_kg"),
            pl.when(first).then(pl.col("bare") * pl.col("per_rep")).otherwise(0).sum()
            .alias("contacts"),
        )
        # The table's key order, so its index grows at the end: sorted as dates (a sort of the
        # ISO texts took 0.19 s of the loader thread at a million sets), written as ISO text.
        .sort("day")
        .with_columns(pl.col("day").dt.strftime(ISO_DAY))
    )  # fmt: skip
    per_day = (
        joined.filter(first)
        .group_by("day")
        .agg(
            pl.col("n").sum().alias("all_sets"),
            pl.when(pl.col("lower")).then(pl.col("n")).otherwise(0).sum().alias("lower_sets"),
        )
    )
    load = pl.DataFrame(
        {
            "day": list(loads),
            "load": [v[0] for v in loads.values()],
            "minutes": [v[1] for v in loads.values()],
            "sessions": [int(v[2]) for v in loads.values()],
        },
        schema={"day": pl.Date, "load": pl.Float64, "minutes": pl.Float64, "sessions": pl.Int64},
    )
    load = load.join(per_day, on="day", how="left").with_columns(
        pl.col("day").dt.strftime(ISO_DAY),
        pl.col("all_sets").fill_null(0),
        pl.col("lower_sets").fill_null(0),
    )
    athlete = {"athlete_id": athlete_id}
    return [("daily_aggregate", cells, athlete), ("daily_load", load, athlete)]


def _groups(rows: pl.DataFrame, session_day: Mapping[int, date]) -> pl.DataFrame:
    """The GROUP BY of aggregates' SQL path over the non-warm-up sets of the sessions in
    ``session_day``, per (session, exercise): working sets, hard sets, tonnage and reps (these
    files carry no contacts, so every rep is a bare rep), with the session's day (a date) and
    the exercise id ("" for none)."""
    import polars as pl

    rpe, reps, load = pl.col("rpe"), pl.col("reps"), pl.col("load_kg")
    hard = pl.when(rpe.is_null()).then(1).otherwise((rpe >= HARD_RPE).cast(pl.Int64))
    tonnage = (
        pl.when(reps.is_not_null() & load.is_not_null() & (pl.col("load_basis") == "external"))
        .then(load * reps)
        .otherwise(0.0)
    )
    day_of = dict(session_day)
    return (
        rows.filter(
            (pl.col("set_type") != "warmup")
            & pl.col("session_id").is_in(pl.Series(list(day_of), dtype=pl.Int64).implode())
        )
        .group_by("session_id", "exercise_id")
        .agg(
            pl.len().alias("n"),
            hard.sum().alias("hard"),
            tonnage.sum().alias("tonnage"),
            reps.fill_null(0).sum().alias("bare"),
        )
        .with_columns(
            pl.col("session_id").replace_strict(day_of, return_dtype=pl.Date).alias("day"),
            pl.col("exercise_id").fill_null("").alias("ex"),
        )
    )
