"""Strong CSV → sets as columns (Polars), for files of hundreds of thousands of rows.

The same result as :func:`legday.interop.strong.parse` (sessions, blocks, dedupe keys, warnings),
without a Python object per set: Polars splits and groups the rows, and every cell text is read by
the exact parser's own functions once per DISTINCT text (an export repeats a few hundred weights,
rep counts and dates on a million rows). Whenever the file is anything but plain — a quoted field
spanning lines, a blank line, a ragged row, a cell the exact reader refuses, a value outside the
plausible ranges — this returns None and the caller uses the exact parser, which then says
``FILE:LINE`` and what was expected. tests/interop/test_strong_bulk.py compares both readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from legday.domain.errors import LegdayError
from legday.domain.records import SessionRecord
from legday.domain.units import Unit
from legday.interop import cells, strong
from legday.interop import csvutil as cu
from legday.interop import strong_bulk_cells as cells_of
from legday.interop import strong_bulk_lines as lines_of
from legday.interop.common import (
    STAMP_FORMAT,
    ParsedFile,
    _assisted,
    block_label,
    duration_warning,
)
from legday.interop.csvutil import ABSURD_SESSION_S
from legday.interop.strong_bulk_cells import Declined
from legday.interop.strong_bulk_lines import Head

if TYPE_CHECKING:
    import polars as pl

# Columns of BulkSets.frame, one row per set in session order then file order. ``session`` is the
# index of the set's session in ParsedFile.sessions; the rest are SetRecord's fields.
FRAME_COLUMNS = (
    "session", "exercise_raw", "exercise_occurrence", "position", "set_type", "load_kg",
    "load_basis", "reps", "rpe", "duration_s", "distance_m", "notes", "source_row",
    "source_line", "dedupe_key",
)  # fmt: skip


@dataclass
class BulkSets:
    """The sets of a file read by columns (SetRecord's fields as FRAME_COLUMNS)."""

    frame: pl.DataFrame
    heaviest_external_kg: float  # what check_assumed_unit weighs


def parse(
    text: str, data: bytes, path: str, unit: Unit | None, split_from: int | None = None
) -> ParsedFile | None:
    """``data`` as Strong sets in columns (``text``: its decoded UTF-8, at least its first line;
    the rest is read from the bytes); None: use the exact parser. A file of ``split_from`` lines
    or more (default SPLIT_FROM_LINES) is read in two halves at once when it can be
    (legday.interop.strong_bulk_parts)."""
    try:
        head = lines_of.head(text, data, path, unit)
        lines = data.count(b"\n")
        if lines >= (SPLIT_FROM_LINES if split_from is None else split_from):
            both = _halves(head, data, path, unit)
            if both is not None:
                return both
        return _file([_sets(lines_of.rows(data, head), head, path, unit)], head, path)
    except (Declined, LegdayError):
        return None


def _halves(head: Head, data: bytes, path: str, unit: Unit | None) -> ParsedFile | None:
    """The file read in two halves on two threads (legday.interop.strong_bulk_parts), cut where a
    workout starts; None: read it whole (no cut found, one core, a half declined, or a workout
    with rows on both sides of the cut, whose blocks the halves would each number)."""
    from legday.interop import strong_bulk_parts as halves

    skip = halves.cut(data, head)
    if skip is None:
        return None

    def read(first: int, count: int | None) -> Part:
        return _sets(lines_of.rows(data, head, first, count), head, path, unit)

    both = halves.at_once(lambda: read(1, skip - 1), lambda: read(skip, None))
    if both is None or both[0].workout_keys & both[1].workout_keys:
        return None
    return _file(list(both), head, path)


# Lines from which a file is read in two halves on two threads: the reader's Python steps and
# many of Polars' run on one core, so the halves overlap (bench/bench_import.py). Below it the
# second thread saves less than it costs.
SPLIT_FROM_LINES = 200_000


@dataclass
class Part:
    """The sets of some lines of a file (all of them, or a half): the sessions and sets in
    order, and what the file's warnings are assembled from (:func:`_file`)."""

    sessions: list[SessionRecord]
    frame: pl.DataFrame  # FRAME_COLUMNS; ``session`` indexes ``sessions``
    kind_warnings: list[tuple[str, str]]  # (folded Set Order token, warning), first row first
    skipped: int  # unfinished set rows left out
    workout_keys: set[str]  # every workout the lines open, kept or not


def _sets(df: pl.DataFrame, head: Head, path: str, unit: Unit | None) -> Part:
    import polars as pl

    cols, units = head.cols, head.units
    date_c, order_c, ex_c = (
        cells_of.col(cols, "date"),
        cells_of.col(cols, "set_order"),
        cells_of.col(cols, "exercise"),
    )
    assert date_c and order_c and ex_c
    num_c = cells_of.col(cols, "workout_num")
    notes_c = cells_of.col(cols, "notes")
    empty = pl.lit("")

    value_cols = [cells_of.col(cols, k) for k in strong._SET_COLUMNS[:7]]
    # Set Order → (kind, set type), warnings for unknown tokens in the order the rows meet them.
    kind_warnings: list[tuple[str, str]] = []
    unknown: set[str] = set()
    kind_of: dict[str, tuple[int, str]] = {}
    firsts = df.select(order_c, "line").filter(pl.col(order_c).is_first_distinct())
    for text, line in firsts.iter_rows():
        said: list[str] = []
        kind_of[text] = strong._kind(text, path, line, unknown, said)
        kind_warnings.extend((cu.fold(text), w) for w in said)
    kinds = pl.DataFrame(
        [(k, kind, set_type) for k, (kind, set_type) in kind_of.items()],
        schema={order_c: pl.String, "kind": pl.Int64, "set_type": pl.String},
        orient="row",
    )
    df = df.join(kinds, on=order_c, how="left", maintain_order="left")

    # Workouts: keyed by the stripped date (and workout number), opened by their first row.
    key_src = [date_c] if num_c is None else [date_c, num_c]

    def workout_key(date_t: str, *rest: Any) -> str:
        num = rest[0].strip() if num_c is not None else ""
        return f"{date_t.strip()}#{num}" if num else date_t.strip()

    df = df.with_columns(cells_of.mapped(df, key_src, workout_key, pl.String, "wkey"))
    # The workout's own cells, from its first row; its index in order of first appearance.
    opened = [f"c{cols[k]}" for k in ("date", "duration", "workout_name", "workout_notes")
              if k in cols]  # fmt: skip
    first_rows = df.select("wkey", *opened, "line").filter(pl.col("wkey").is_first_distinct())
    index = first_rows.select("wkey", pl.int_range(pl.len()).alias("w"))
    df = df.join(index, on="wkey", how="left", maintain_order="left")
    workouts = cells_of.workouts(first_rows, cols, path)

    # Notes rows of the exact parser: "exercise: note" on the workout (in file order).
    if notes_c is not None:
        note_rows = (
            df.lazy().filter(pl.col("kind") == strong._NOTE).select("w", ex_c, notes_c).collect()
        )
        for w_i, ex, note in note_rows.iter_rows():
            if note.strip():
                workouts[w_i][4].append(f"{ex.strip()}: {note.strip()}")

    # Only what a set needs from here on (the workout's own cells were read above).
    needed = {ex_c, *(c for c in value_cols if c is not None), notes_c, "raw", "line", "set_type",
              "w", "kind"}  # fmt: skip
    sets = df.select([c for c in df.columns if c in needed]).filter(pl.col("kind") == strong._SET)
    sets = sets.with_columns(
        cells_of.mapped(sets, [ex_c], lambda t, _line: t.strip(), pl.String, "exercise_raw")
    )
    if sets.height and bool((sets["exercise_raw"] == "").any()):
        raise Declined  # an empty name: the exact parser says where

    value_src = [
        c if c is not None else "_pad"
        for c in (cells_of.col(cols, k) for k in strong._SET_COLUMNS[:7])
    ]
    sets = sets.with_columns(empty.alias("_pad"))

    def values(*texts_and_line: Any) -> dict[str, Any]:
        *texts, line = texts_and_line
        load_kg, reps, rpe, duration, distance_m = strong._values(
            tuple(texts), path, line, units, unit
        )
        return {
            "load_kg": load_kg,
            "reps": reps,
            "rpe": rpe,
            "duration_s": duration,
            "distance_m": distance_m,
            "unfinished": strong.unfinished((load_kg, reps, rpe, duration, distance_m)),
        }

    value_type = pl.Struct(
        {
            "load_kg": pl.Float64,
            "reps": pl.Int64,
            "rpe": pl.Float64,
            "duration_s": pl.Float64,
            "distance_m": pl.Float64,
            "unfinished": pl.Boolean,
        }
    )
    sets = sets.with_columns(
        cells_of.mapped(
            sets,
            list(dict.fromkeys(value_src)),
            cells_of.spread(value_src, values),
            value_type,
            "v",
        )
    ).unnest("v")

    # Blocks per workout (docs/evidence/import-formats.md#the-normalized-set-record): a run of
    # one exercise; occurrence = n-th run of that name in the workout; position = row in the run,
    # unfinished rows counted.
    sets = sets.with_columns(
        pl.col("exercise_raw").cast(pl.Categorical).to_physical().cast(pl.Int64).alias("_ex")
    )
    if not bool(sets["w"].is_sorted()):
        sets = sets.sort("w", "line", maintain_order=True)  # workouts that interleave
    ex, wk_col = pl.col("_ex"), pl.col("w")
    new_block = (wk_col != wk_col.shift(1)).fill_null(True) | (ex != ex.shift(1)).fill_null(True)
    sets = sets.with_columns(new_block.alias("_new"), pl.int_range(pl.len()).alias("_i"))
    # Each run's number among the runs of its name in the workout, counted on the runs' first
    # rows only, then given to every row of the run by the run's index (no join).
    # Most workouts never come back to a name, so every run is its name's first: counted only
    # when one does (a window over two keys took 0.18 s at a million sets).
    names_n = int(sets["_ex"].max() or 0) + 1  # type: ignore[arg-type]  # an Int64 column
    runs = (
        sets.lazy()
        .filter(pl.col("_new"))
        .select((pl.col("w") * names_n + pl.col("_ex")).alias("_run"))
        .collect()
    )
    run = pl.col("_run")
    if bool(runs.select(run.is_first_distinct().all()).item()):
        occurrence = pl.repeat(1, runs.height, dtype=pl.Int64, eager=True)
    else:
        occurrence = runs.select((run.cum_count().over(run)).cast(pl.Int64)).to_series()
    sets = sets.with_columns(
        pl.lit(occurrence).gather(pl.col("_new").cum_sum() - 1).alias("exercise_occurrence"),
        (pl.col("_i") - pl.when(pl.col("_new")).then(pl.col("_i")).forward_fill() + 1).alias(
            "position"
        ),
    )
    skipped = int(sets["unfinished"].sum())
    unfinished_w = set(sets.lazy().filter(pl.col("unfinished")).select(pl.col("w").unique())
                       .collect()["w"].to_list())  # fmt: skip
    sets = sets.filter(~pl.col("unfinished"))

    # Load basis per exercise (common.load_basis); notes stripped; the dedupe key.
    names = sets.select("_ex", "exercise_raw").filter(pl.col("_ex").is_first_distinct())
    per_name = pl.DataFrame(
        [(code, _assisted(n), block_label(n)) for code, n in names.iter_rows()],
        schema={"_ex": sets["_ex"].dtype, "_assisted": pl.Boolean, "_label": pl.String},
        orient="row",
    )
    has_load = pl.col("load_kg").is_not_null() & (pl.col("load_kg") != 0)
    basis = (
        pl.when(~has_load)
        .then(pl.lit("bodyweight"))
        .when(pl.col("_assisted"))
        .then(pl.lit("assistance"))
        .otherwise(pl.lit("external"))
    )
    # common._stamp's text for every workout at once (its strftime per workout took 0.1 s at
    # 50,000 workouts); the years are four digits either way (cells.EARLIEST is 1900).
    stamps = pl.Series(
        [started for _, started, *_r in workouts], dtype=pl.Datetime("us")
    ).dt.strftime(STAMP_FORMAT)
    sets = sets.join(per_name, on="_ex", how="left", maintain_order="left")
    sets = sets.with_columns(
        basis.alias("load_basis"),
        pl.concat_str(
            pl.lit(f"{strong.SOURCE}|"),
            pl.lit(stamps).gather(pl.col("w")),
            pl.lit("|"),
            pl.col("_label"),
            pl.lit("|"),
            pl.col("exercise_occurrence").cast(pl.String),
            pl.lit("|"),
            pl.col("position").cast(pl.String),
        ).alias("dedupe_key"),
    )
    if notes_c is not None:
        sets = sets.with_columns(
            cells_of.mapped(sets, [notes_c], lambda t, _l: t.strip() or None, pl.String, "notes")
        )
    else:
        sets = sets.with_columns(pl.lit(None, dtype=pl.String).alias("notes"))

    # Sessions: every workout with a set, or with no set left unfinished (strong.parse).
    with_sets = set(sets["w"].unique().to_list())
    kept_w = [i for i in range(len(workouts)) if i not in unfinished_w or i in with_sets]
    sessions: list[SessionRecord] = []
    new_index: dict[int, int] = {}
    for i in kept_w:
        key, started, name, duration_s, notes = workouts[i]
        session_warnings: list[str] = []
        # Most sessions are short of the limit: the warning's own check is skipped for them.
        flag = (
            duration_s is not None
            and duration_s > ABSURD_SESSION_S
            and duration_warning(path, started, duration_s)
        )
        if flag:
            session_warnings.append(flag)
        record = SessionRecord(
            started_at=started,
            name=name,
            duration_s=duration_s,
            notes="\n".join(dict.fromkeys(notes)) or None,
            source=strong.SOURCE,
            source_key=key,
            warnings=tuple(session_warnings),
        )
        new_index[i] = len(sessions)
        sessions.append(record)
    if sessions:
        # cells.check_session: durations were checked as read; the window by its two ends.
        starts_at = [x.started_at for x in sessions]
        for when in (min(starts_at), max(starts_at)):
            cells.check_start(when, path, None, "started_at")

    frame = sets.with_columns(
        pl.col("w").replace_strict(new_index, return_dtype=pl.Int64).alias("session"),
        pl.col("raw").alias("source_row"),
        pl.col("line").alias("source_line"),
    ).select(FRAME_COLUMNS)
    if not bool(frame["session"].is_sorted()):
        frame = frame.sort("session", "source_line", maintain_order=True)
    cells_of.check_ranges(frame)
    wkeys = set(first_rows["wkey"].to_list())
    return Part(sessions, frame, kind_warnings, skipped, wkeys)


def _file(parts: list[Part], head: Head, path: str) -> ParsedFile:
    """The file whose lines ``parts`` read, in order: the exact parser's warnings (unknown Set
    Order tokens at their first row, the unfinished rows, each session's own) in its order."""
    import polars as pl

    sessions: list[SessionRecord] = []
    frames: list[pl.DataFrame] = []
    unknown: set[str] = set()
    warnings: list[str] = []
    for part in parts:
        frames.append(part.frame.with_columns(pl.col("session") + len(sessions)))
        sessions.extend(part.sessions)
        for token, warning in part.kind_warnings:
            if token not in unknown:
                unknown.add(token)
                warnings.append(warning)
    skipped = sum(part.skipped for part in parts)
    if skipped:
        warnings.append(
            f"{path}: {skipped} set row(s) with no weight, reps, time or distance are sets the "
            "app listed but you did not finish; they were not imported"
        )
    warnings.extend(w for s in sessions for w in s.warnings)
    # One chunk per column: a distinct count over the halves' two chunks took three times as long.
    frame = frames[0] if len(frames) == 1 else pl.concat(frames, how="vertical", rechunk=True)
    external = frame.select(
        pl.col("load_kg").filter(pl.col("load_basis") == "external").max()
    ).item()
    units = head.units
    assumed = units.weight if units.weight is not None and not units.weight_snap else None
    return ParsedFile(
        "strong",
        sessions,
        warnings,
        unit_assumed=assumed,
        bulk=BulkSets(frame, float(external) if external is not None else 0.0),
    )


def as_sessions(parsed: ParsedFile) -> list[SessionRecord]:
    """The sessions with their sets as records, as the exact parser gives them (for a caller that
    needs objects, and for the tests that compare both readers)."""
    from dataclasses import replace

    from legday.domain.records import SetRecord

    if parsed.bulk is None:
        return parsed.sessions
    per: list[list[SetRecord]] = [[] for _ in parsed.sessions]
    for row in parsed.bulk.frame.iter_rows(named=True):
        i = row.pop("session")
        per[i].append(SetRecord(**row))
    return [replace(s, sets=tuple(sets)) for s, sets in zip(parsed.sessions, per, strict=True)]
