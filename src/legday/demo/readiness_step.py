"""Demo step: two weeks of daily readiness check-ins for the basketball player, the last one after
a bad night, so the flag against his own baseline shows."""

from __future__ import annotations

from datetime import timedelta

from legday.app import readiness
from legday.demo import HOOPER, DemoContext
from legday.domain.assess.wellness import ITEMS

TITLE = "Readiness: daily check-ins against the athlete's own baseline"

# Answers (fatigue, sleep, soreness, stress, mood), 1–5 with 5 best, oldest first: a usual week
# around 19–21 of 25, then a poor night and a sore morning after a tournament on the last day.
ANSWERS: list[tuple[int, int, int, int, int]] = [
    (4, 4, 4, 4, 4), (4, 5, 3, 4, 4), (3, 4, 4, 4, 4), (4, 4, 4, 5, 4), (4, 4, 3, 4, 5),
    (5, 4, 4, 4, 4), (4, 3, 4, 4, 4), (4, 4, 4, 4, 4), (3, 4, 3, 4, 4), (4, 4, 4, 4, 5),
    (2, 2, 2, 3, 3),
]  # fmt: skip


def run(ctx: DemoContext) -> None:
    first = ctx.today - timedelta(days=len(ANSWERS) - 1)
    docs = []
    for i, answers in enumerate(ANSWERS):
        items = dict(zip(ITEMS, answers, strict=True))
        docs.append(readiness.record(*ctx.who(HOOPER), items, day=first + timedelta(days=i)))
    shown = readiness.history(*ctx.who(HOOPER), as_of=ctx.today)
    ctx.write_json("readiness.json", shown.as_json())
    last = docs[-1].check_in.status
    z = last.total_z.z if last.total_z else None
    state = "below his usual" if last.flagged else "as usual"
    ctx.note(
        f"Readiness {HOOPER}: {len(docs)} check-ins (McLean 2010); today {last.total}/25, "
        f"{state} (z {z:+.2f}); worse items: {', '.join(last.worse_items) or 'none'}"
    )
    ctx.results["readiness"] = {
        "athlete": HOOPER,
        "check_ins": len(docs),
        "today_total": last.total,
        "flagged": last.flagged,
        "z": z,
    }
