"""Rules R19–R29: plyometrics, fall prevention, field-sport injury prevention, stretching."""

from __future__ import annotations

from legday.domain.plan import dosing
from legday.domain.plan.profile import FIELD_COURT_SPORTS
from legday.domain.plan.rules_base import (
    CheckerBase,
    _block_minutes,
    _contacts,
    _warned,
    _warned_any,
    plyo_class,
)
from legday.domain.plan.sessions import WARMUP_FIFA11


class SpecialRules(CheckerBase):
    # --- R19–R21: plyometrics --------------------------------------------------------------------
    def r19(self) -> None:
        cap = dosing.CONTACT_CAP.get(self.level, 100)
        for w in self.plan.weeks:
            week_total = 0
            for s in w.sessions:
                n = sum(_contacts(b) for b in s.blocks if b.kind == "power")
                week_total += n
                if n > cap:
                    self.v("R19", w.week, s.date, f"{n} foot contacts > {cap} for {self.level}")
            if self.season == "in" and week_total > dosing.INSEASON_WEEKLY_FACTOR * cap:
                self.v(
                    "R19", w.week, None, f"{week_total} contacts in an in-season week > 2 × {cap}"
                )

    def r20(self) -> None:
        ratio = self.plan.extras.get("squat_ratio")
        unsafe = (
            (self.age is not None and not dosing.SHOCK_MIN_AGE <= self.age < dosing.SHOCK_MAX_AGE)
            or self.level == "beginner"
            or not isinstance(ratio, int | float)
            or ratio < dosing.SHOCK_SQUAT_RATIO
        )
        if not unsafe:
            return
        for wk, s, b in self.blocks():
            ex = self.ex.get(b.exercise_id)
            if ex is not None and ex.impact == "shock":
                self.v("R20", wk, s.date, f"{ex.id} is a shock drill")

    def r21(self) -> None:
        prev: int | None = None
        for w in self.plan.weeks:
            classes = [
                c
                for s in w.sessions
                for b in s.blocks
                if b.kind == "power"
                if (c := plyo_class(self.ex.get(b.exercise_id))) is not None
            ]
            if not classes:
                continue
            top = max(classes)
            if prev is None and top > 0:
                self.v(
                    "R21", w.week, None, "first plyometric week uses more than low-intensity drills"
                )
            if prev is not None and top > prev + 1:
                self.v("R21", w.week, None, f"plyometric intensity jumps {top - prev} classes")
            prev = top

    # --- R22–R25: fall prevention ----------------------------------------------------------------
    def r22(self) -> None:
        if not self.fall:
            return
        for w in self.plan.weeks:
            days = {s.date for s in w.sessions if any(b.kind == "balance" for b in s.blocks)}
            if w.sessions and len(days) < dosing.BALANCE_DAYS:
                self.v("R22", w.week, None, f"balance on {len(days)} days (want ≥ 3)")

    def r23(self) -> None:
        if not self.fall or _warned_any(self.plan, "R23"):
            return
        if len(self.plan.weeks) < dosing.FALL_PREVENTION_MIN_WEEKS:
            self.v("R23", None, None, f"{len(self.plan.weeks)} weeks < 11 and no warning says so")
        home = self.plan.extras.get("home_practice")
        weekly = home.get("weekly_minutes") if isinstance(home, dict) else None
        at_home = float(weekly.get("home", 0)) if isinstance(weekly, dict) else 0.0
        for w in self.plan.weeks:
            total = at_home + sum(
                _block_minutes(b, self.ex)
                for s in w.sessions
                for b in s.blocks
                if b.kind in ("strength", "accessory", "balance")
            )
            if w.sessions and total < dosing.FALL_PREVENTION_MIN_MINUTES_WEEK:
                self.v(
                    "R23",
                    w.week,
                    None,
                    f"{total:.0f} min of strength + balance (< 90) without a warning",
                )

    def r24(self) -> None:
        if not self.fall:
            return
        for w in self.plan.weeks:
            acts = {
                ex.pattern
                for s in w.sessions
                for b in s.blocks
                if (ex := self.ex.get(b.exercise_id)) is not None
                and ex.pattern in dosing.OTAGO_ACTIONS
                and 1 <= b.sets <= 2
                and b.reps is not None
                and 8 <= b.reps <= 15
            }
            if w.sessions and len(acts) < 4:
                self.v("R24", w.week, None, f"{len(acts)} of 5 Otago muscle actions at 1–2 × 8–15")

    def r25(self) -> None:
        older = self.age is not None and self.age >= 65
        if not (self.fall or older):
            return
        for wk, s, b in self.blocks():
            ex = self.ex.get(b.exercise_id)
            if ex is not None and ex.impact in ("high", "shock"):
                self.v("R25", wk, s.date, f"{ex.id} is high-impact")
        walking = self.plan.extras.get("walking")
        if self.plan.family == "older-adult":
            if (
                not isinstance(walking, dict)
                or int(walking.get("per_week", 0)) < dosing.WALKING_PER_WEEK
            ):
                self.v("R25", None, None, "no walking prescription ≥ 2×/week")
            elif self.plan.extras.get("high_risk") and walking.get("pace") == "brisk":
                self.v("R25", None, None, "brisk walking prescribed for a high-risk person")

    # --- R26–R29: injury prevention and mobility --------------------------------------------------
    def r26(self) -> None:
        if (
            self.sport not in FIELD_COURT_SPORTS
            or "injury-prevention" not in self.plan.goal_weights
        ):
            return
        for w in self.plan.weeks:
            n = sum(1 for s in w.sessions if any(b.routine == WARMUP_FIFA11 for b in s.blocks))
            if w.sessions and n < 2 and not _warned(self.plan, "R26"):
                self.v("R26", w.week, None, f"11+ warm-up in {n} sessions (want ≥ 2)")

    def r27(self) -> None:
        """The Petersen ceiling per protocol week (sessions of separate blocks, weekly reps with
        the 11+'s Nordics, R46); the protocol advances in loading weeks only (R40); Nordic
        work in ≥ 75 % of the weeks once started."""
        step = 0
        started: int | None = None
        weeks_with = 0
        for week, deload, reps, blocks in self.nordic_weeks():
            if started is None and reps == 0:
                continue
            started = week if started is None else started
            weeks_with += reps > 0
            if not deload or step == 0:
                step += 1
            sessions, sets, per = dosing.nordic_week(step, self.season == "in")
            if blocks > sessions:
                self.v("R27", week, None, f"Nordic in {blocks} sessions (protocol: {sessions})")
            if reps > sessions * sets * per:
                self.v(
                    "R27", week, None,
                    f"{reps} Nordic reps > protocol {sessions} × {sets} × {per} (11+ included)",
                )  # fmt: skip
        if started is not None:
            span = len(self.plan.weeks) - started + 1
            if weeks_with < 0.75 * span:
                self.v("R27", None, None, f"Nordic in {weeks_with} of {span} weeks (want ≥ 75 %)")

    def r28(self) -> None:
        first_reps: int | None = None
        for w in self.plan.weeks:
            cb = [b for s in w.sessions for b in s.blocks if "copenhagen" in b.exercise_id]
            if not cb:
                continue
            for b in cb:
                if b.sets != 1:
                    self.v("R28", w.week, None, f"Copenhagen {b.sets} sets per side (want 1)")
                if (b.reps or 0) > dosing.COPENHAGEN_MAX_REPS:
                    self.v("R28", w.week, None, f"Copenhagen {b.reps} reps (≤ 15)")
                if first_reps is None:
                    first_reps = b.reps or 0
                    if first_reps > 5 and b.seconds is None:
                        self.v("R28", w.week, None, f"Copenhagen starts at {first_reps} reps (≤ 5)")
            want = (1, 1) if self.season == "in" else (2, 3)
            if not want[0] <= len(cb) <= want[1] and not _warned(self.plan, "R28"):
                self.v(
                    "R28", w.week, None, f"Copenhagen {len(cb)}×/week (want {want[0]}–{want[1]})"
                )

    def r29(self) -> None:
        older = self.age is not None and self.age >= 65
        lo, hi = (30, 60) if older else (10, 30)
        for wk, s, b in self.blocks():
            secs = b.seconds or 0
            if (
                b.kind == "mobility"
                and b.seconds is not None  # mobility holds are static stretches
                and (not lo <= secs <= hi or secs * b.sets < 60)
            ):
                self.v("R29", wk, s.date, f"{b.exercise_id}: {b.sets} × {b.seconds} s stretch")
        if "mobility" in self.plan.goal_weights:
            for w in self.plan.weeks:
                n = sum(1 for s in w.sessions if any(b.kind == "mobility" for b in s.blocks))
                if w.sessions and n < 2 and self.days >= 2:
                    self.v("R29", w.week, None, f"mobility on {n} days (want ≥ 2)")

    # --- R31: %1RM needs an external load ---------------------------------------------------------
    def r31(self) -> None:
        """A %1RM of body weight means nothing: exercises that cannot be externally loaded are
        dosed by reps to an RIR/RPE, by seconds or by level (legday rule; RIR/RPE [ZOURDOS16])."""
        from legday.domain.plan.candidates import externally_loadable

        for wk, s, b in self.blocks():
            if b.intensity_key != "pct_1rm" or b.routine is not None:
                continue
            ex = self.ex.get(b.exercise_id)
            if ex is not None and not externally_loadable(ex):
                self.v("R31", wk, s.date, f"{ex.id} has no external load but is dosed in % 1RM")
