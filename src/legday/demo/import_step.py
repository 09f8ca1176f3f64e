"""Demo step: the lifter who skips legs brings six months of history from Strong.

The export is written here, deterministically, in Strong's classic comma layout
(docs/evidence/import-formats.md#strong-layout-a): three upper-body sessions a week and a leg
session about once a month — the pattern legday exists to point out. It is our own invented history,
not a copy of any real export."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from legday.app import importing
from legday.demo import LIFTER, DemoContext
from legday.interop.files import write_output

TITLE = "Importing the lifter's six months of Strong history"

WEEKS = 26
SEED = 20240601  # fixed: the demo prints the same figures on every run
HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
)
# (Strong built-in name, starting working load in kg, weekly increase in kg, sets, reps range)
PUSH = [
    ("Bench Press (Barbell)", 80.0, 0.5, 4, (5, 8)),
    ("Incline Bench Press (Dumbbell)", 26.0, 0.25, 3, (8, 12)),
    ("Overhead Press (Barbell)", 45.0, 0.25, 3, (6, 10)),
    ("Triceps Pushdown (Cable - Straight Bar)", 30.0, 0.25, 3, (10, 15)),
]
PULL = [
    ("Lat Pulldown (Cable)", 60.0, 0.5, 4, (8, 12)),
    ("Bent Over Row (Barbell)", 60.0, 0.5, 3, (6, 10)),
    ("Face Pull (Cable)", 20.0, 0.25, 3, (12, 15)),
    ("Bicep Curl (Barbell)", 30.0, 0.25, 3, (8, 12)),
]
ARMS = [
    ("Bench Press (Barbell)", 70.0, 0.5, 3, (8, 10)),
    ("Bicep Curl (Dumbbell)", 14.0, 0.1, 4, (10, 12)),
    ("Lateral Raise (Dumbbell)", 10.0, 0.1, 4, (12, 15)),
    ("Skullcrusher (Barbell)", 25.0, 0.25, 3, (10, 12)),
]
LEGS = [
    ("Leg Press", 120.0, 0.0, 3, (10, 12)),
    ("Leg Extension (Machine)", 40.0, 0.0, 2, (12, 15)),
]
LEG_NAMES = {name for name, *_ in LEGS}
LEG_EVERY_WEEKS = 4  # "rare leg work": one leg day a month


def history_csv(today: date) -> str:
    """26 weeks ending last week: push Monday, pull Wednesday, arms Friday; legs on a Saturday
    once a month. Loads rise slowly; reps vary; the first set of each lift is a warm-up."""
    rng = random.Random(SEED)
    monday = today - timedelta(days=today.weekday() + 7 * WEEKS)
    lines = [HEADER]
    for week in range(WEEKS):
        plan = [(0, "Push", PUSH), (2, "Pull", PULL), (4, "Arms & shoulders", ARMS)]
        if week % LEG_EVERY_WEEKS == 1:
            plan.append((5, "Legs (quick)", LEGS))
        for day, title, lifts in plan:
            if rng.random() < 0.08:
                continue  # a missed session now and then
            start = datetime.combine(monday + timedelta(days=7 * week + day), time(18, 5))
            start += timedelta(minutes=rng.randint(0, 50))
            minutes = rng.randint(45, 75) if lifts is not LEGS else rng.randint(20, 30)
            stamp = start.strftime("%Y-%m-%d %H:%M:%S")
            for name, load0, step, sets, (lo, hi) in lifts:
                load = round((load0 + step * week) / 2.5) * 2.5
                rows = [("W", round(load * 0.5 / 2.5) * 2.5, 10)]
                rows += [(str(i), load, rng.randint(lo, hi)) for i in range(1, sets + 1)]
                for order, weight, reps in rows:
                    rpe = "" if order == "W" else rng.choice(["", "8.0", "8.5", "9.0"])
                    lines.append(
                        f'{stamp},"{title}",{minutes}m,"{name}",{order},{weight:.1f},{reps}.0,'
                        f'0,0.0,"","",{rpe}\n'
                    )
    return "".join(lines)


def run(ctx: DemoContext) -> None:
    text = history_csv(ctx.today)
    path = ctx.out / "lifter_strong_export.csv"
    write_output(Path(path), text)
    ctx.files.append(path)
    data = importing.read_file(path)
    summary = importing.import_bytes(*ctx.who(LIFTER), data, path.name, fmt="strong", unit="kg")
    rows = text.splitlines()[1:]
    leg_sets = sum(1 for r in rows if r.split(",")[3].strip('"') in LEG_NAMES)
    doc = {
        "athlete": LIFTER,
        "file": path.name,
        "summary": summary.as_json(),
        "leg_sets": leg_sets,
        "all_sets": len(rows),
    }
    ctx.write_json("import.json", doc)
    ctx.results["import"] = doc
    share = 100 * leg_sets / len(rows) if rows else 0.0
    ctx.note(
        f"Import: {LIFTER}'s Strong history {summary.date_first} … {summary.date_last}: "
        f"{summary.sessions_added} sessions, {summary.sets_added} sets "
        f"({summary.warmup_sets} warm-ups), {summary.exercises_matched} exercises recognised, "
        f"{len(summary.exercises_unknown)} unknown; leg sets {leg_sets} ({share:.0f}%)"
    )
