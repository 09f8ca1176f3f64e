"""Rules R32–R49 (added after an expert review of generated plans): pathways, doses and
prescriptions a coach and a physiotherapist check. R38 (monotone feasibility) is a property of
the generator, tested by generating, not a property of one plan; R46 is checked with R27."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from legday.domain.plan import dosing
from legday.domain.plan.model import Block, Session
from legday.domain.plan.rules_base import CheckerBase, muscle_weight
from legday.domain.plan.sessions import WARMUP_IDS

BALANCE_SHARE_TOLERANCE_S = 1.0  # rounding of the hold arithmetic
UNLOADED_REST_MAX_S = 120  # R41: unloaded sets of ≥ 6 reps rest ≤ 2 min [ACSM09]
MUSCLES = ("quadriceps", "hamstrings", "glutes", "calves")


class PathwayRules(CheckerBase):
    def _age(self) -> int:
        return self.age if isinstance(self.age, int) else 0

    def _patterns(
        self, sessions: tuple[Session, ...], kinds: tuple[str, ...], both_sides: bool = False
    ) -> set[str]:
        """The patterns trained by blocks of ``kinds``; ``both_sides``: blocks for both legs
        only (not one side's extra work)."""
        return {
            ex.pattern
            for s in sessions
            for b in s.blocks
            if b.kind in kinds
            and (ex := self.ex.get(b.exercise_id)) is not None
            and not (both_sides and b.side is not None)
        }

    def _nordic_hamstring(self, b: Block) -> bool:
        ex = self.ex.get(b.exercise_id)
        return "nordic" in b.exercise_id and (ex is None or ex.pattern == "knee-flexion")

    # --- R32 -------------------------------------------------------------------------------------
    def r32(self) -> None:
        if "hamstring-strain" in self.limitations:
            for wk, s, b in self.blocks():
                ex = self.ex.get(b.exercise_id)
                heavy_hinge = (
                    ex is not None
                    and ex.pattern == "hinge"
                    and b.intensity_key == "pct_1rm"
                    and isinstance(b.intensity, float)
                    and b.intensity >= 80
                )
                if self._nordic_hamstring(b) or heavy_hinge:
                    self.v("R32", wk, s.date, f"{b.exercise_id} with a current hamstring strain")
        if "hamstring-strain-history" in self.limitations and self.plan.weeks:
            with_work = sum(1 for _, _, reps, _ in self.nordic_weeks() if reps > 0)
            if with_work < 0.75 * len(self.plan.weeks):
                self.v(
                    "R32",
                    None,
                    None,
                    f"eccentric hamstring work in {with_work} of {len(self.plan.weeks)} weeks "
                    "(want ≥ 75 %)",
                )

    # --- R33–R36 fall prevention -----------------------------------------------------------------
    def r33(self) -> None:
        if not self.fall:
            return
        age = self._age()
        balance_goal = (self.plan.goal_weights or {}).get("balance", 0.0) > 0
        if age < 60 or (age < 65 and not self.plan.extras.get("signals") and balance_goal):
            self.v("R33", None, None, f"fall-prevention path at age {age} without a STEADI entry")

    def r34(self) -> None:
        if not self.fall:
            return
        for w in self.plan.weeks:
            for s in w.sessions:
                warm = sum(b.seconds or 0 for b in s.blocks if b.routine is not None)
                after = self.minutes * 60 - (warm or WARMUP_IDS["otago"])
                hold = 0.0
                for b in s.blocks:
                    if b.kind != "balance":
                        continue
                    ex = self.ex.get(b.exercise_id)
                    per = b.seconds if b.seconds is not None else (b.reps or 0) * 4
                    sides = 2 if ex is not None and ex.laterality == "unilateral" else 1
                    hold += b.sets * per * sides
                if hold + BALANCE_SHARE_TOLERANCE_S < dosing.FALL_BALANCE_SHARE * after:
                    self.v(
                        "R34",
                        w.week,
                        s.date,
                        f"balance challenge {hold:.0f} s < 40 % of {after:.0f} s after the warm-up",
                    )
        home = self.plan.extras.get("home_practice")
        weekly = home.get("weekly_minutes") if isinstance(home, dict) else None
        if not isinstance(weekly, dict):
            self.v("R34", None, None, "no weekly balance + functional minutes stated")
        elif weekly.get("gap") and not any(w.startswith("R34") for w in self.plan.warnings):
            self.v("R34", None, None, "weekly minutes short of 3 h without a warning")

    def r35(self) -> None:
        if self._age() < 65:
            return
        want = 3 if self.days >= 3 else 2
        for w in self.plan.weeks:
            # The 11+ warm-up challenges balance itself: its Part 2 holds a single-leg stance
            # exercise at every level [FIFA11] (catalog programme fifa-11-plus, item 10).
            days = {
                s.date for s in w.sessions
                if any(b.kind == "balance" or b.routine == "fifa-11-plus" for b in s.blocks)
            }  # fmt: skip
            if w.sessions and len(days) < min(want, len(w.sessions)):
                self.v("R35", w.week, None, f"balance on {len(days)} days (want ≥ {want})")

    def r36(self) -> None:
        first: dict[str, float] = {}
        fifa: set[float] = set()
        for wk, s, b in self.blocks():
            if b.routine == "fifa-11-plus" and isinstance(b.intensity, float):
                fifa.add(b.intensity)
            if (
                b.kind == "balance"
                and isinstance(b.intensity, float)
                and self.fall
                and b.intensity > first.setdefault(b.exercise_id, b.intensity)
            ):
                self.v("R36", wk, s.date, f"{b.exercise_id}: support lowered by the calendar")
        if len(fifa) > 1:
            self.v("R36", None, None, "the 11+ level changes with the calendar")

    # --- R37, R41 prescriptions ------------------------------------------------------------------
    def r37(self) -> None:
        from legday.domain.plan.candidates import pct_1rm_ok

        for wk, s, b in self.blocks():
            ex = self.ex.get(b.exercise_id)
            pct = b.intensity_key == "pct_1rm" and b.routine is None
            if pct and ex is not None and not pct_1rm_ok(ex):
                self.v("R37", wk, s.date, f"{ex.id} is dosed in % 1RM")

    def r41(self) -> None:
        from legday.domain.plan.candidates import externally_loadable

        for wk, s, b in self.blocks():
            ex = self.ex.get(b.exercise_id)
            if ex is None or b.kind == "warmup":
                continue
            if b.distance_m is not None and b.reps == 1 and b.sets > 1:
                need = b.distance_m / 10 * dosing.SPRINT_REST_PER_10M_S
                if b.rest_s < need:
                    self.v("R41", wk, s.date, f"{ex.id}: {b.rest_s} s rest < {need:.0f} s")
                continue
            unloaded = not externally_loadable(ex) and b.load_kg is None
            lifting = b.kind in ("strength", "accessory") and (b.reps or 0) >= 6
            if unloaded and lifting and b.rest_s > UNLOADED_REST_MAX_S:
                self.v("R41", wk, s.date, f"{ex.id}: unloaded sets rest {b.rest_s} s")

    # --- R39, R40 season and deloads -------------------------------------------------------------
    def r39(self) -> None:
        if self.season != "in" or self.fall or self.plan.family == "minimum-dose":
            return  # the fall path and the minimum dose are maintenance already
        for w in self.plan.weeks:
            lifting = [s for s in w.sessions if any(b.kind == "strength" for b in s.blocks)]
            if len(lifting) > 2:
                self.v("R39", w.week, None, f"strength in {len(lifting)} sessions (want 1–2)")
            cph = sum(1 for s in w.sessions for b in s.blocks if "copenhagen" in b.exercise_id)
            if cph > 1:
                self.v("R39", w.week, None, f"Copenhagen {cph}×/week in season (want 1)")
            nordic = sum(1 for s in w.sessions if any(self._nordic_hamstring(b) for b in s.blocks))
            if nordic > 1:
                self.v("R39", w.week, None, f"Nordic blocks in {nordic} sessions in season")

    def r40(self) -> None:
        prev: dict[str, int] = {}
        for w in self.plan.weeks:
            now = {"nordic": 0, "copenhagen": 0}
            for s in w.sessions:
                for b in s.blocks:
                    if self._nordic_hamstring(b):
                        now["nordic"] += b.sets * (b.reps or 0)
                    elif "copenhagen" in b.exercise_id:
                        now["copenhagen"] = max(now["copenhagen"], b.reps or 0)
            if w.deload and prev:
                for k, v in now.items():
                    if v > prev.get(k, 0) > 0:
                        self.v("R40", w.week, None, f"deload {k} work rises {prev[k]} → {v}")
            prev = now

    # --- R43–R45 ---------------------------------------------------------------------------------
    def _hard_groups(self, s: Session) -> set[str]:
        out: set[str] = set()
        for b in s.blocks:
            ex = self.ex.get(b.exercise_id)
            if ex is None or b.kind not in ("strength", "accessory"):
                continue
            rpe = None
            if b.intensity_key == "rir" and isinstance(b.intensity, float):
                rpe = 10 - b.intensity
            elif b.intensity_key == "rpe" and isinstance(b.intensity, float):
                rpe = b.intensity
            if rpe is not None and rpe >= 9:
                out |= {g for g in MUSCLES if muscle_weight(ex, g) >= 1.0}
        return out

    def r43(self) -> None:
        sessions = sorted((s for w in self.plan.weeks for s in w.sessions), key=lambda s: s.date)
        for a, b in itertools.pairwise(sessions):
            if (b.date - a.date).days == 1:
                both = self._hard_groups(a) & self._hard_groups(b)
                if both:
                    self.v(
                        "R43",
                        None,
                        b.date,
                        f"{', '.join(sorted(both))} at RIR ≤ 1 two days running",
                    )

    def r44(self) -> None:
        comp = self.plan.profile.get("competition")
        if not comp:
            return
        meet = date.fromisoformat(str(comp))
        days = [s.date for w in self.plan.weeks for s in w.sessions]
        if days and max(days) < meet - timedelta(days=6):
            self.v("R44", None, None, "the plan stops before the competition week")
        for w in self.plan.weeks:
            for s in w.sessions:
                if s.date < meet - timedelta(days=14):
                    continue
                for b in s.blocks:
                    value = b.intensity if isinstance(b.intensity, float) else 0.0
                    all_out = (b.intensity_key == "pct_1rm" and value >= 95) or (
                        b.intensity_key == "rpe" and value >= 9.5
                    )  # 2 reps at 95 % ≈ RPE 10 on the RTS chart
                    if b.kind != "warmup" and all_out and (b.reps or 0) >= 2:
                        self.v(
                            "R44", w.week, s.date, f"{b.sets} × {b.reps} @ {b.intensity:g} % 1RM"
                        )

    def r45(self) -> None:
        if "power" not in self.top or self.fall or self._age() >= 65:
            return  # no jumps above low intensity for the fall path or ≥ 65 (R20, R25, R33)
        reached: int | None = None
        for w in self.plan.weeks:
            for s in w.sessions:
                for b in s.blocks:
                    ex = self.ex.get(b.exercise_id)
                    jump = ex is not None and ex.pattern == "plyometric"
                    if reached is None and b.kind == "power" and jump and ex is not None:
                        reached = w.week if ex.impact in ("moderate", "high") else None
            if not self._patterns(w.sessions, ("strength", "accessory")) & {
                "hinge",
                "hip-extension",
            }:
                self.v("R45", w.week, None, "no hinge or hip-extension strength block")
        n = len(self.plan.weeks)
        if n >= 2 and (reached is None or reached > (n + 1) // 2):
            self.v("R45", None, None, "moderate-intensity jumps not reached in the first half")

    # --- R47–R49 ---------------------------------------------------------------------------------
    def r47(self) -> None:
        if "acl-reconstruction" not in self.limitations:
            return
        rts = bool(self.plan.extras.get("return_to_sport"))
        for w in self.plan.weeks:
            pats = self._patterns(w.sessions, ("strength", "accessory", "power"))
            # A faller's plan keeps the strength work but no landings (R25, R33 first).
            needs = ("knee-extension", "knee-flexion") + (() if self.fall else ("plyometric",))
            for need in needs:
                if need not in pats:
                    self.v("R47", w.week, None, f"no {need} work this week")
            if rts:
                continue
            for s in w.sessions:
                for b in s.blocks:
                    ex = self.ex.get(b.exercise_id)
                    if ex is not None and ex.impact in ("high", "shock"):
                        self.v("R47", w.week, s.date, f"{ex.id} before return-to-sport criteria")
                    level = b.intensity if isinstance(b.intensity, float) else 0.0
                    if b.routine == "fifa-11-plus" and level >= 3:
                        self.v("R47", w.week, s.date, "11+ level 3 before return-to-sport criteria")

    def r48(self) -> None:
        from legday.domain.plan.families import RUNNING_SPORTS

        if self.sport not in RUNNING_SPORTS:
            return
        for w in self.plan.weeks:
            # Both legs: one side's extra work (R49) does not train the other calf.
            pats = self._patterns(w.sessions, ("strength", "accessory"), both_sides=True)
            for need in ("calf", "hip-abduction"):
                if need not in pats:
                    self.v("R48", w.week, None, f"no {need} work for both legs this week")

    def r49(self) -> None:
        comps = [str(c) for c in self.plan.extras.get("components") or []]
        sides = [c.rsplit("-", 1)[1] for c in comps if c.startswith("ankle-mobility-")]
        for side in sides:
            for w in self.plan.weeks:
                done = {
                    self.ex[b.exercise_id].pattern
                    for s in w.sessions
                    for b in s.blocks
                    if b.side == side and b.exercise_id in self.ex
                }
                if not {"calf", "mobility"} <= done:
                    self.v("R49", w.week, None, f"no ankle mobility and calf work for the {side}")
