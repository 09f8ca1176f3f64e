"""Demo step: three weeks of sessions logged in the shorthand for the older adult (strength and
balance work), then her records and a barbell warm-up with plate loading. (The basketball player's
weeks come from gym mode in the train step, so they are not logged here.)"""

from __future__ import annotations

from datetime import timedelta

from legday.app import training
from legday.demo import SENIOR, DemoContext

TITLE = "Logging three weeks in shorthand; records and warm-ups"

# (days before today, shorthand, session RPE, minutes). Reps, hold times and loads rise week to
# week the way double progression and time progression would move them.
SENIOR_WEEKS = [
    (19, "sit-to-stand bwx8x2; single-leg-stance 2x10s/10s; otago-knee-bend bwx5x2", 4, 30),
    (15, "sit-to-stand bwx10x2; single-leg-stance 2x15s/15s; otago-knee-bend bwx8x2", 4, 30),
    (12, "sit-to-stand bwx10x3; single-leg-stance 2x20s/20s; goblet-squat 4x8x2 @6", 5, 35),
    (8, "sit-to-stand bwx12x3; single-leg-stance 3x20s/20s; goblet-squat 4x10x2 @6", 5, 35),
    (5, "sit-to-stand bwx12x3; tandem-stance 3x30s; goblet-squat 6x8x2 @6", 5, 35),
    (1, "sit-to-stand bwx15x2; tandem-stance 3x30s; goblet-squat 6x10x2 @6.5", 5, 40),
]  # fmt: skip


def run(ctx: DemoContext) -> None:
    from legday.domain.train.plates import default_setup
    from legday.domain.train.warmup import warmup_ramp

    logged: list[dict[str, object]] = []
    for days_ago, text, rpe, minutes in SENIOR_WEEKS:
        v = training.log_session(
            *ctx.who(SENIOR),
            text,
            day=ctx.today - timedelta(days=days_ago),
            session_rpe=rpe,
            minutes=minutes,
        )
        logged.append(
            v.summary_json()
            | {"shorthand": v.shorthand, "records": [r.as_json() for r in v.new_records]}
        )
    records = training.records(*ctx.who(SENIOR)).as_json()
    ramp = warmup_ramp(100, 5, default_setup("kg"))
    ctx.write_json(
        "train/logged_sessions.json",
        {
            "athlete": SENIOR,
            "sessions": logged,
            "records": records,
            "warmup_to_100kg_x5": [
                {"load": w.load, "reps": w.reps, "sets": w.sets, "per_side": list(w.per_side)}
                for w in ramp
            ],
        },
    )
    ctx.results["train_log"] = {"athlete": SENIOR, "sessions": len(logged)}
    held = sum(
        x.duration_s or 0
        for s in training.list_sessions(*ctx.who(SENIOR))
        for x in training.show_session(ctx.db, ctx.actor, s.id).sets
    )
    load_au = sum(float(str(x["srpe_load"])) for x in logged)
    line = f"Logged {len(logged)} sessions for {SENIOR} in shorthand: {held / 60:g} min of "
    line += f"balance holds, {load_au:g} AU session-RPE load"
    goblet = next((e for e in records["exercises"] if e["exercise_id"] == "goblet-squat"), None)
    if goblet is not None:
        line += f"; goblet squat best {goblet['heaviest']['load']:g} kg"
    ctx.note(line)
    ctx.note(
        "Warm-up to 100 kg × 5: "
        + ", ".join(f"{w.load:g}×{w.reps}" + (f"×{w.sets}" if w.sets > 1 else "") for w in ramp)
    )
