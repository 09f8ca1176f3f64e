"""Rules R1–R8: equipment, contraindications, length, warm-up, order, spacing, novice dose."""

from __future__ import annotations

import itertools
from datetime import date

from legday.domain.plan import dosing
from legday.domain.plan.model import KIND_ORDER
from legday.domain.plan.rules_base import (
    LOWER_STRENGTH_PATTERNS,
    CheckerBase,
    is_heavy,
)
from legday.domain.plan.sessions import WARMUP_IDS


class SessionRules(CheckerBase):
    # --- R1–R5: every plan ---------------------------------------------------------------------
    def r01(self) -> None:
        for wk, s, b in self.blocks():
            if b.routine is not None:
                if b.routine not in WARMUP_IDS:
                    self.v("R1", wk, s.date, f"{b.routine} is not a known warm-up routine")
                continue
            ex = self.ex.get(b.exercise_id)
            if ex is None:
                self.v("R1", wk, s.date, f"{b.exercise_id} is not a catalog exercise")
                continue
            missing = set(ex.equipment) - self.equipment
            if missing:
                self.v("R1", wk, s.date, f"{ex.id} needs {', '.join(sorted(missing))}")

    def r02(self) -> None:
        for wk, s, b in self.blocks():
            ex = self.ex.get(b.exercise_id)
            if ex is not None and set(ex.contraindications) & self.limitations:
                bad = ", ".join(sorted(set(ex.contraindications) & self.limitations))
                self.v("R2", wk, s.date, f"{ex.id} is contraindicated with {bad}")

    def r03(self) -> None:
        for w in self.plan.weeks:
            meet_week = self._meet_week(w.sessions)
            if w.sessions and self.days and len(w.sessions) != self.days and not meet_week:
                self.v("R3", w.week, None, f"{len(w.sessions)} sessions, profile says {self.days}")
            for s in w.sessions:
                if self.minutes and s.est_minutes > 1.05 * self.minutes:
                    self.v("R3", w.week, s.date, f"{s.est_minutes:g} min > 1.05 × {self.minutes:g}")

    def r04(self) -> None:
        for w in self.plan.weeks:
            for s in w.sessions:
                if not any(b.kind in ("strength", "power") for b in s.blocks):
                    continue
                warm = 0
                for b in s.blocks:
                    if b.kind != "warmup":
                        break
                    if b.routine is not None:
                        warm += (b.seconds or 0) * b.sets
                if warm < dosing.WARMUP_GENERAL_S:
                    self.v(
                        "R4", w.week, s.date, f"warm-up {warm / 60:g} min before the first block"
                    )

    def r05(self) -> None:
        for w in self.plan.weeks:
            for s in w.sessions:
                ranks = [
                    KIND_ORDER["power"] if self.fall and b.kind == "balance" else KIND_ORDER[b.kind]
                    for b in s.blocks
                ]
                if any(a > b for a, b in itertools.pairwise(ranks)):
                    kinds = " → ".join(b.kind for b in s.blocks)
                    self.v("R5", w.week, s.date, f"block order {kinds}")

    # --- R6–R7: spacing --------------------------------------------------------------------------
    def r06(self) -> None:
        last: dict[str, tuple[date, int]] = {}
        for w in self.plan.weeks:
            for s in sorted(w.sessions, key=lambda x: x.date):
                muscles: set[str] = set()
                for b in s.blocks:
                    ex = self.ex.get(b.exercise_id)
                    if (
                        ex is not None
                        and b.kind == "strength"
                        and ex.pattern in LOWER_STRENGTH_PATTERNS
                        and is_heavy(b, ex)
                    ):
                        muscles |= set(ex.primary_muscles)
                for m in sorted(muscles):
                    if m in last and (s.date - last[m][0]).days < 2:
                        self.v(
                            "R6",
                            w.week,
                            s.date,
                            f"heavy {m} again after {(s.date - last[m][0]).days} day",
                        )
                    last[m] = (s.date, w.week)

    def r07(self) -> None:
        days = sorted({s.date for w in self.plan.weeks for s in w.sessions if self._plyo_day(s)})
        for a, b in itertools.pairwise(days):
            if (b - a).days < 2:
                self.v("R7", None, b, f"plyometric days {a} and {b} are consecutive")

    def r08(self) -> None:
        if self.level != "beginner" or not self.top & {"strength", "hypertrophy", "health"}:
            return
        for w in self.plan.weeks:
            n = self._lower_days(w.sessions)
            if w.sessions and not 2 <= n <= 3 and not (self.days < 2 and n == self.days):
                self.v("R8", w.week, None, f"{n} lower-body resistance days (novice: 2–3)")
            for s in w.sessions:
                for b in s.blocks:
                    if b.kind not in ("strength", "accessory") or b.reps is None:
                        continue
                    if b.sets > 3:
                        self.v("R8", w.week, s.date, f"{b.exercise_id}: {b.sets} sets (novice ≤ 3)")
                    if not 5 <= b.reps <= 12 and b.exercise_id not in self._protocol_ids():
                        self.v(
                            "R8", w.week, s.date, f"{b.exercise_id}: {b.reps} reps (novice 5–12)"
                        )
