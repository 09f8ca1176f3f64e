"""Demo step: four weeks of gym-mode training for the sample basketball player, and the
progression it produces (loads week by week, each with its reason).

The sessions follow the athlete's current plan when the plan step made one, else a simple A/B
novice program seeded with two logged sessions. What the athlete "does" in each set comes from a
small deterministic model of a novice: a true 1RM that grows about 1.5 % a week (legday's demo
assumption), reps to failure from Epley's relation
(docs/evidence/formulas.md#one-rep-max-estimators), holds that lengthen 3 s a week. Everything is
stored through the same use-cases a user drives (`legday log`, `legday train`), so the demo database
afterwards answers `legday next` like a real one."""

from __future__ import annotations

import math
from datetime import datetime, time, timedelta
from typing import Any

from legday.app import gym, training
from legday.app.next_session import catalog_get, next_session
from legday.demo import HOOPER, DemoContext
from legday.domain.train.prescription import is_loaded
from legday.domain.weeks import monday_of

TITLE = "Training four weeks in gym mode (progression engine)"

WEEKS = 4
DAYS = (0, 2, 4)  # Monday, Wednesday, Friday [SL5X5]: three non-consecutive days
SEED_A = "back-squat 40x5x3; split-squat bwx10x3; single-leg-stance 2x20s"
SEED_B = "romanian-deadlift 40x10x3; standing-calf-raise 30x12x3; pogo-jump 3x5"
TRUE_1RM_KG = {"back-squat": 60.0, "romanian-deadlift": 65.0, "standing-calf-raise": 55.0}
DEFAULT_1RM_KG = 50.0
WEEKLY_GAIN = 0.015  # demo assumption: a novice's 1RM grows ~1.5 % a week


class Novice:
    """A deterministic stand-in for the athlete: what they can do on a given week."""

    def __init__(self) -> None:
        self.week = 0

    def one_rm(self, exercise_id: str) -> float:
        base = TRUE_1RM_KG.get(exercise_id, DEFAULT_1RM_KG)
        return base * (1 + WEEKLY_GAIN) ** self.week

    def reps_to_failure(self, exercise_id: str, load_kg: float, set_no: int) -> int:
        # Epley inverted: reps = 30 × (1RM / load − 1); one rep of fatigue from the third set on
        cap = math.floor(30 * (self.one_rm(exercise_id) / load_kg - 1) + 1e-9)
        return max(0, cap - set_no // 2)

    def perform(self, item: dict[str, Any], j: int) -> gym.Actual:
        t = item["sets"][j]
        ex = str(item["exercise_id"])
        if t.get("seconds"):  # holds lengthen 3 s a week; long warm-up blocks are just done
            held = t["seconds"] if t["seconds"] >= 120 else min(t["seconds"], 28 + 3 * self.week)
            return gym.Actual(amount=int(held))
        if t.get("contacts"):
            return gym.Actual(amount=int(t["contacts"]))
        target = int(t.get("reps") or 8)
        load = t.get("load_kg")
        if load is None and not is_loaded(catalog_get(ex)):
            return gym.Actual(amount=min(target, 10 + self.week - j // 2), bodyweight=True)
        if load is None:  # a %1RM block before any e1RM exists: the athlete picks ~70 %
            load = math.floor(self.one_rm(ex) * 0.7 / 2.5) * 2.5
        cap = self.reps_to_failure(ex, load, j)
        done = cap if t.get("amrap") else min(target, cap)
        rpe = None
        if t.get("rpe") is not None:
            rpe = min(10.0, max(6.0, round((10 - (cap - done)) * 2) / 2))
        return gym.Actual(amount=done, load=load, load_unit="kg", rpe=rpe)


def run(ctx: DemoContext) -> None:
    first = datetime.combine(monday_of(ctx.today) - timedelta(weeks=WEEKS), time(17))
    plan_based = next_session(*ctx.who(HOOPER), first.date()).source == "plan"
    if not plan_based:
        seed_day = first - timedelta(days=7)
        training.log_session(*ctx.who(HOOPER), SEED_A, day=seed_day.date(), now=first)
        training.log_session(
            *ctx.who(HOOPER), SEED_B, day=(seed_day + timedelta(days=2)).date(), now=first
        )
    novice = Novice()
    sessions: list[dict[str, Any]] = []
    for week in range(WEEKS):
        novice.week = week
        for d in DAYS:
            when = first + timedelta(days=7 * week + d)
            sessions.append(_train(ctx, novice, when))
    track = _by_exercise(sessions)
    ctx.write_json(
        "train_progression.json",
        {"athlete": HOOPER, "plan_based": plan_based, "sessions": sessions, "exercises": track},
    )
    ctx.results["train"] = {"athlete": HOOPER, "sessions": len(sessions), "exercises": track}
    source = "their plan" if plan_based else "an A/B novice program (no plan yet)"
    ctx.note(f"Train: {HOOPER} trained {len(sessions)} sessions in gym mode following {source}")
    for ex_id, rows in track.items():
        steps = " → ".join(r["dose"] for r in rows)
        ctx.note(f"  {ex_id} ({rows[-1]['rule']}): {steps}; last why: {rows[-1]['why']}")


def _train(ctx: DemoContext, novice: Novice, when: datetime) -> dict[str, Any]:
    gs = gym.start(*ctx.who(HOOPER), now=when)
    prescribed = [
        {"exercise_id": i["exercise_id"], "kind": i["kind"], "rule": i["rule"], "why": i["why"],
         "sets": [dict(s) for s in i["sets"]]}
        for i in gs.items
    ]  # fmt: skip
    records: list[dict[str, Any]] = []
    while (cur := gs.cursor()) is not None:
        i, j = cur
        r = gym.record(ctx.db, ctx.actor, gs.session_id, novice.perform(gs.items[i], j))
        gs = r.session or gs
        records += [{"exercise_id": gs.items[i]["exercise_id"], **x} for x in r.records]
    closed = gym.close(ctx.db, ctx.actor, gs.session_id, session_rpe=7.0, minutes=55)
    return {
        "date": when.date().isoformat(),
        "title": gs.title,
        "prescribed": prescribed,
        "sets_saved": closed.sets_saved,
        "records": records,
    }


def _dose(s: dict[str, Any], exercise_id: str) -> str:
    if s.get("seconds"):
        return f"{s['seconds']:g} s"
    if s.get("contacts"):
        return f"{s['contacts']} contacts"
    reps = f"{s.get('reps')}{'+' if s.get('amrap') else ''}"
    if s.get("load_kg"):
        return f"{s['load_kg']:g} kg×{reps}"
    return f"(own choice)×{reps}" if is_loaded(catalog_get(exercise_id)) else f"bw×{reps}"


def _by_exercise(sessions: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Each exercise's work prescriptions in order (warm-ups left out): date, rule, the last
    set's dose, and the reason."""
    out: dict[str, list[dict[str, Any]]] = {}
    for sess in sessions:
        for p in sess["prescribed"]:
            if not p["sets"] or p["kind"] == "warmup":
                continue
            dose = _dose(p["sets"][-1], p["exercise_id"])
            out.setdefault(p["exercise_id"], []).append(
                {"date": sess["date"], "rule": p["rule"], "dose": dose, "why": p["why"]}
            )
    return out
