"""Rules R9–R18: heavy work, weekly volume, load progression, deloads and taper."""

from __future__ import annotations

import itertools

from legday.domain.plan import dosing
from legday.domain.plan.rules_base import (
    CheckerBase,
    _contacts,
    _load,
    _pct,
    effort_rpe,
    hard_sets,
    rules_direct,
    weekly_sets,
)


class VolumeRules(CheckerBase):
    def r09(self) -> None:
        # The fall-prevention pathway sets its own content (R33): its doses replace R9/R10's.
        from legday.domain.plan.candidates import LOADED

        if "strength" not in self.top or self.level == "beginner" or self.fall:
            return
        if not self.equipment & LOADED or "knee-osteoarthritis" in self.limitations:
            # A heavy set needs a load to lift (R37, R41); knee osteoarthritis is dosed at
            # moderate intensity instead [OARSI19].
            return
        for w in self.plan.weeks:
            if w.deload or not w.sessions:
                continue
            ok = any(
                (ex := self.ex.get(b.exercise_id)) is not None
                and ex.pattern in ("squat", "hinge")
                and b.kind == "strength"
                and b.reps is not None
                and b.reps <= 6
                and b.rest_s >= 180
                and (
                    (b.intensity_key == "pct_1rm" and float(b.intensity) >= 80)
                    or (effort_rpe(b) or 0) >= 8
                )
                for s in w.sessions
                for b in s.blocks
            )
            if not ok:
                self.v(
                    "R9",
                    w.week,
                    None,
                    "no squat/hinge block of ≤ 6 reps at ≥ 80 % / RPE ≥ 8 with ≥ 3 min rest",
                )

    def r10(self) -> None:
        # A competition taper is a planned volume cut like a deload [BOSQUET07]: exempt too.
        if "hypertrophy" not in self.top or self.fall or self.season == "in":
            return  # in season the volume is maintenance (R39 [RONNESTAD11]) and falls below
        lo = (
            dosing.HYPERTROPHY_MIN_SETS_NOVICE
            if self.level == "beginner"
            else dosing.HYPERTROPHY_MIN_SETS
        )
        for w in self.plan.weeks:
            if w.deload or w.phase == "taper" or not w.sessions:
                continue
            n = len(w.sessions)
            for g in ("quadriceps", "hamstrings"):
                sets = weekly_sets(w.sessions, self.ex, g)
                if not lo <= sets <= dosing.mrv(g, n):
                    self.v(
                        "R10",
                        w.week,
                        None,
                        f"{g} {sets:g} hard sets (want {lo}–{dosing.mrv(g, n)})",
                    )
            glutes = weekly_sets(w.sessions, self.ex, "glutes")
            if glutes > dosing.mrv("glutes", n):
                self.v(
                    "R10", w.week, None, f"glutes {glutes:g} hard sets > {dosing.mrv('glutes', n)}"
                )
            calves = weekly_sets(w.sessions, self.ex, "calves")
            direct = any(
                (ex := self.ex.get(b.exercise_id)) is not None
                and b.kind in ("strength", "accessory")
                and rules_direct(ex, "calves")
                for s in w.sessions
                for b in s.blocks
            )
            if direct and not dosing.CALF_MIN_SETS <= calves <= dosing.mrv("calves", n):
                self.v(
                    "R10",
                    w.week,
                    None,
                    f"calves {calves:g} hard sets (want 8–{dosing.mrv('calves', n)})",
                )

    def r11(self) -> None:
        if (self.age is not None and self.age < 18) or self.days < 2:
            return
        minimum = self.plan.family == "minimum-dose"
        for w in self.plan.weeks:
            if not w.sessions:
                continue
            if self._lower_days(w.sessions) < 2:
                self.v("R11", w.week, None, "lower-body strengthening on fewer than 2 days")
            if minimum and not w.deload and w.phase != "taper":
                for g, v in dosing.MAINTENANCE_SETS.items():
                    sets = weekly_sets(w.sessions, self.ex, g)
                    if sets < v:
                        self.v("R11", w.week, None, f"{g} {sets:g} weekly sets < maintenance {v}")

    def r12(self) -> None:
        for getter, step in ((_load, dosing.LOAD_STEP_KG), (_pct, 0.0)):
            for wk, s, a, b in self._steps(getter):
                old, new = getter(a), getter(b)
                assert old is not None and new is not None
                if new <= old:
                    continue
                if new - old > max(0.10 * old, step) + 1e-9:
                    self.v("R12", wk, s.date, f"{b.exercise_id}: load {old:g} → {new:g} (> 10 %)")
                if (b.reps or 0) > (a.reps or 0):
                    self.v("R12", wk, s.date, f"{b.exercise_id}: load and reps both rise")

    def r13(self) -> None:
        for wk, s, a, b in self._steps(_load):
            if b.progression != "linear" or a.load_kg is None or b.load_kg is None:
                continue
            ex = self.ex.get(b.exercise_id)
            hinge = ex is not None and ex.pattern == "hinge"
            cap = dosing.LP_INCREMENT_HINGE_KG if hinge else dosing.LP_INCREMENT_KG
            if b.load_kg - a.load_kg > cap + 1e-9:
                rise = b.load_kg - a.load_kg
                self.v(
                    "R13", wk, s.date, f"{b.exercise_id}: +{rise:g} kg in one session (≤ {cap:g})"
                )

    def r14(self) -> None:
        for wk, s, a, b in self._steps(_load):
            if b.rep_range is None or a.load_kg is None or b.load_kg is None:
                continue
            if b.load_kg > a.load_kg and b.reps != b.rep_range[0]:
                self.v(
                    "R14",
                    wk,
                    s.date,
                    f"{b.exercise_id}: load rose but reps are not reset to {b.rep_range[0]}",
                )

    # --- R16–R17: deloads ------------------------------------------------------------------------
    def r16(self) -> None:
        goals = {g for g, wt in self.plan.goal_weights.items() if wt > 0}
        if self.level == "beginner" or len(self.plan.weeks) < 6:
            return
        if not goals & {"strength", "hypertrophy", "power", "injury-prevention"}:
            return
        if not any(w.deload for w in self.plan.weeks):
            self.v("R16", None, None, "no deload week in a plan of ≥ 6 weeks")
        run = 0
        for w in self.plan.weeks:
            run = 0 if w.deload else run + 1
            if run > 6:
                self.v("R16", w.week, None, "more than 6 loading weeks in a row")

    def r17(self) -> None:
        weeks = self.plan.weeks
        for prev, w in itertools.pairwise(weeks):
            if not w.deload or not prev.sessions:
                continue
            hs = sum(hard_sets(b) for s in w.sessions for b in s.blocks)
            hp = sum(hard_sets(b) for s in prev.sessions for b in s.blocks)
            if hp > 0 and hs > 0.70 * hp + 1e-9:
                self.v("R17", w.week, None, f"{hs:g} hard sets vs {hp:g} the week before (≤ 70 %)")
            for f, name in ((_pct, "%1RM"), (effort_rpe, "RPE")):
                top = max(
                    (f(b) or 0 for s in w.sessions for b in s.blocks if b.kind != "warmup"),
                    default=0,
                )
                ptop = max(
                    (f(b) or 0 for s in prev.sessions for b in s.blocks if b.kind != "warmup"),
                    default=0,
                )
                if top > ptop:
                    self.v("R17", w.week, None, f"top {name} {top:g} above last week's {ptop:g}")
            cs = sum(_contacts(b) for s in w.sessions for b in s.blocks)
            cp = sum(_contacts(b) for s in prev.sessions for b in s.blocks)
            if cp > 0 and cs > 0.70 * cp + 1e-9:
                self.v("R17", w.week, None, f"{cs} contacts vs {cp} the week before (≤ 70 %)")

    def r18(self) -> None:
        if not self.plan.profile.get("competition") or len(self.plan.weeks) < 3:
            return
        *body, t1, t2 = self.plan.weeks
        loading = [w for w in body if not w.deload and w.sessions]
        if not loading:
            return
        last = loading[-1]
        base = sum(hard_sets(b) for s in last.sessions for b in s.blocks)
        for w in (t1, t2):
            vol = sum(hard_sets(b) for s in w.sessions for b in s.blocks)
            if base and not 0.40 * base - 1e-9 <= vol <= 0.59 * base + 1e-9:
                self.v(
                    "R18", w.week, None, f"taper volume {vol:g} vs {base:g} (want a 41–60 % cut)"
                )
            if len(w.sessions) != len(last.sessions):
                self.v("R18", w.week, None, "taper changes session frequency")
            for f, name in ((_pct, "%1RM"), (effort_rpe, "RPE")):
                top = max(
                    (f(b) or 0 for s in w.sessions for b in s.blocks if b.kind != "warmup"),
                    default=0,
                )
                was = max(
                    (f(b) or 0 for s in last.sessions for b in s.blocks if b.kind != "warmup"),
                    default=0,
                )
                if top < was:
                    self.v("R18", w.week, None, f"taper lowers the top {name} ({was:g} → {top:g})")
