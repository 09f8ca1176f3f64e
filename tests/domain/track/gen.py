"""Generated histories with every trap of docs/evidence/load-monitoring.md, and the bridge to the
fast columns."""

from __future__ import annotations

import random
from datetime import date, timedelta

import numpy as np
from tests.domain.track.reference import Row

from legday.domain.track.columns import (
    SIDE_CODES,
    SetColumns,
    exercise_table,
    hard_flags,
    sessions_once,
)
from legday.domain.track.facts import ExerciseFacts
from legday.domain.weeks import day_number

L, U = "lower", "upper"
FACTS = {
    "back-squat": ExerciseFacts(
        "squat", L, (("quadriceps", 1.0), ("gluteus-maximus", 1.0), ("adductors", 0.5)), True
    ),
    "romanian-deadlift": ExerciseFacts(
        "hinge", L, (("hamstrings", 1.0), ("gluteus-maximus", 1.0), ("erector-spinae", 0.5)), True
    ),
    "bench-press": ExerciseFacts(
        "upper-push", U, (("pectorals", 1.0), ("triceps", 0.5), ("anterior-deltoid", 0.5)), False
    ),
    "barbell-row": ExerciseFacts(
        "upper-pull", U, (("latissimus-dorsi", 1.0), ("biceps", 0.5)), False
    ),
    "split-squat": ExerciseFacts(
        "lunge", L, (("quadriceps", 1.0), ("gluteus-maximus", 0.5)), True, unilateral=True
    ),
    "calf-raise": ExerciseFacts("calf", L, (("gastrocnemius", 1.0), ("soleus", 1.0)), True),
    "single-leg-stance": ExerciseFacts("balance", L, (), True),
    "pogo-jump": ExerciseFacts(
        "plyometric", L, (("gastrocnemius", 1.0),), True, contacts_per_rep=1
    ),
}
MUSCLES: dict[str | None, list[tuple[str, float]]] = {
    k: list(f.muscles) or [("unknown", 1.0)] for k, f in FACTS.items()
}
TABLE = exercise_table(FACTS)
EXERCISES: list[str | None] = [*FACTS, None]

# Spans chosen for the traps: a 53-week ISO year (2020) into 2021, a year whose 1 January is in
# the previous ISO year (2022-01-01 is 2021-W52), and a leap day.
STARTS = [date(2020, 11, 20), date(2021, 12, 10), date(2024, 2, 1), date(2018, 12, 24)]


def history(seed: int, athletes: int = 3, days: int = 120) -> list[Row]:
    """Athletes starting on different days (mid-window of each other), rest days, several
    sessions on some days, session fields repeated on every set row, warm-ups, unknown
    exercises, RPE and RIR logged on some sets, unilateral sides, missing durations."""
    rnd = random.Random(seed)
    rows: list[Row] = []
    session = 0
    for a in range(athletes):
        start = rnd.choice(STARTS) + timedelta(days=rnd.randrange(0, 40))
        length = rnd.randrange(days // 3, days)
        d = start
        while d <= start + timedelta(days=length):
            gap = rnd.choice([1, 1, 2, 3, 4, 9])
            for _ in range(rnd.choice([1, 1, 1, 2])):
                session += 1
                minutes = rnd.choice([None, 30.0, 45.0, 62.5, 90.0])
                srpe = rnd.choice([None, 5.0, 6.5, 7.0, 8.0, 10.0])
                for _ in range(rnd.randrange(1, 9)):
                    ex = rnd.choice(EXERCISES)
                    rows.append(
                        Row(
                            athlete=a,
                            day=d,
                            session=session,
                            exercise=ex,
                            set_type=rnd.choice(
                                ["working", "working", "working", "warmup", "drop"]
                            ),
                            load=rnd.choice([None, 0.0, 20.0, 61.25, 100.0, 142.5]),
                            reps=rnd.choice([None, 1, 3, 5, 8, 12, 13, 20]),
                            rpe=rnd.choice([None, None, 6.0, 7.0, 9.5]),
                            rir=rnd.choice([None, 2.0, 4.0]),
                            basis=rnd.choice(["external", "external", "bodyweight", "assistance"]),
                            side=rnd.choice(["both", "both", "left", "right"]),
                            contacts=rnd.choice([None, None, 10]),
                            minutes=minutes,
                            session_rpe=srpe,
                        )
                    )
            d += timedelta(days=gap)
    return rows


def columns(rows: list[Row]) -> SetColumns:
    def f(values: list[float | int | None]) -> np.ndarray:
        return np.array([np.nan if v is None else float(v) for v in values])

    working = np.array([r.set_type != "warmup" for r in rows], dtype=bool)
    return SetColumns(
        athlete=np.array([r.athlete for r in rows], dtype=np.int64),
        day=np.array([day_number(r.day) for r in rows], dtype=np.int64),
        session=np.array([r.session for r in rows], dtype=np.int64),
        exercise=np.array([TABLE.code(r.exercise) for r in rows], dtype=np.int64),
        working=working,
        hard=hard_flags(working, f([r.rpe for r in rows]), f([r.rir for r in rows])),
        load_kg=f([r.load for r in rows]),
        external=np.array([r.basis == "external" for r in rows], dtype=bool),
        reps=f([r.reps for r in rows]),
        side=np.array([SIDE_CODES[r.side] for r in rows], dtype=np.int64),
        contacts=f([r.contacts for r in rows]),
    )


def session_columns(rows: list[Row]):
    c = columns(rows)
    return sessions_once(
        c.athlete,
        c.day,
        c.session,
        np.array([np.nan if r.minutes is None else r.minutes for r in rows]),
        np.array([np.nan if r.session_rpe is None else r.session_rpe for r in rows]),
    )
