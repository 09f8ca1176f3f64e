"""Demo step: three weeks of sessions logged in the shorthand for the young basketball player
and the older adult, then their records and a warm-up with plate loading."""

from __future__ import annotations

from datetime import timedelta

from legday.app import training
from legday.app.demo import HOOPER, SENIOR, DemoContext

TITLE = "Logging three weeks in shorthand; records and warm-ups"

# (days before today, shorthand, session RPE, minutes). Loads and contacts rise week to week the
# way a double progression and a contact-count progression would move them.
HOOPER_WEEKS = [
    (20, "box-jump 4x5; pogo-jump 3x10; goblet-squat w8x8 16x10,10,9 @7; "
         "single-leg-stance 30s/30s", 6, 45),
    (17, "box-jump 4x5; lateral-bound 3x6/6; goblet-squat 16x10x3 @7.5; "
         "nordic-curl bwx4x2", 6, 45),
    (13, "box-jump 5x5; pogo-jump 3x12; goblet-squat w8x8 18x10,9,8 @8", 7, 50),
    (10, "box-jump 5x5; lateral-bound 3x7/7; goblet-squat 18x10x3 @8; nordic-curl bwx5x2", 7, 50),
    (6, "box-jump 6x5; pogo-jump 3x15; goblet-squat w8x8 20x10,9,9 @8.5", 7, 55),
    (3, "box-jump 6x5 @7; lateral-bound 3x8/8; goblet-squat 20x10x3 @8", 6, 50),
]  # fmt: skip
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

    logged: dict[str, list[dict[str, object]]] = {}
    for name, weeks in ((HOOPER, HOOPER_WEEKS), (SENIOR, SENIOR_WEEKS)):
        out = logged.setdefault(name, [])
        for days_ago, text, rpe, minutes in weeks:
            v = training.log_session(
                ctx.db,
                text,
                name,
                day=ctx.today - timedelta(days=days_ago),
                session_rpe=rpe,
                minutes=minutes,
            )
            out.append(v.summary_json() | {"shorthand": v.shorthand, "records": v.new_records})
    records = {name: training.records(ctx.db, name).as_json() for name in logged}
    ramp = warmup_ramp(100, 5, default_setup("kg"))
    ctx.write_json(
        "train/logged_sessions.json",
        {
            "sessions": logged,
            "records": records,
            "warmup_to_100kg_x5": [
                {"load": w.load, "reps": w.reps, "sets": w.sets, "per_side": list(w.per_side)}
                for w in ramp
            ],
        },
    )
    ctx.results["train_log"] = {name: len(rows) for name, rows in logged.items()}
    contacts = sum(
        x.contacts or 0
        for s in training.list_sessions(ctx.db, HOOPER)
        for x in training.show_session(ctx.db, s.id).sets
    )
    goblet = next(
        (e for e in records[HOOPER]["exercises"] if e["exercise_id"] == "goblet-squat"), None
    )
    line = f"Logged {sum(map(len, logged.values()))} sessions in shorthand; {HOOPER}: "
    line += f"{contacts} ground contacts"
    if goblet is not None:
        line += (
            f", goblet squat best {goblet['heaviest']['load']:g} kg, e1RM "
            f"{goblet['e1rm']['value']:g} kg ({records[HOOPER]['formula']})"
        )
    ctx.note(line)
    ctx.note(
        "Warm-up to 100 kg × 5: "
        + ", ".join(f"{w.load:g}×{w.reps}" + (f"×{w.sets}" if w.sets > 1 else "") for w in ramp)
    )
