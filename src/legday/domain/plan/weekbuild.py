"""Weeks and sessions from a solved weekly template: each block's dose for the week, starting
loads, plyometric class swaps (R21), protocol blocks (Nordic, Copenhagen), the specific warm-up,
block order (R5), durations, and the competition taper."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta

from legday.domain.catalog.model import Exercise
from legday.domain.plan import candidates as cands
from legday.domain.plan import dosing, rules, selection
from legday.domain.plan.families import Slot, Template
from legday.domain.plan.model import Block, Session, Week
from legday.domain.plan.periodization import Dose, WeekInfo, dose
from legday.domain.plan.profile import TAPER_WEEKS, PlanProfile, Signals
from legday.domain.plan.sessions import (
    minutes,
    order,
    seconds_of,
    specific_warmup,
    warmup_block,
)


def is_unilateral(ex: Exercise | None) -> bool:
    return ex is not None and ex.laterality == "unilateral"


# Rep ranges for body-weight work that replaces a %1RM prescription (double progression, then a
# harder variant): heavy prescriptions (≥ 75 % 1RM ≈ ≤ 10 RM, Epley) → 6–12, lighter → 8–15.
BW_HEAVY_PCT = 75.0
BW_RANGE_HEAVY = (6, 12)
BW_RANGE_LIGHT = (8, 15)
# effort band of hard sets: RIR ≤ 3 (hard set, docs/evidence/rules.md#definitions)
BW_RIR_MIN, BW_RIR_MAX = 1.0, 3.0


def body_weight_dose(d: Dose, deload: bool = False) -> Dose:
    """A %1RM dose re-expressed for an exercise without external load: a rep range with the same
    effort in reserve. The RIR comes from Epley at the planned reps and %1RM (reps to failure =
    30 × (100 / %1RM − 1), [RPTOOL] docs/evidence/doses.md#rpe-and-rir), clamped to RIR 1–3 so the
    sets stay hard."""
    pct = float(d.intensity)
    reps = d.reps or 1
    rir = 30.0 * (100.0 / pct - 1.0) - reps
    rir = min(BW_RIR_MAX, max(BW_RIR_MIN, float(math.floor(rir + 0.5))))  # half rounds up
    if deload:
        # deload effort, as for every RIR block (docs/evidence/doses.md#deloads)
        rir = dosing.DELOAD_RIR
    lo, hi = BW_RANGE_HEAVY if pct >= BW_HEAVY_PCT else BW_RANGE_LIGHT
    return replace(
        d,
        intensity_key="rir",
        intensity=rir,
        reps=lo,
        rep_range=(lo, hi),
        progression="double",
        why=d.why + f"; no external load, so {lo}–{hi} reps at {rir:g} RIR instead of "
        f"{pct:g} % 1RM [ZOURDOS16]",
    )


class WeekBuilder:
    """Mixed into the planner; the attributes are the planner's inputs and running state."""

    p: PlanProfile
    sig: Signals
    t: Template
    all: dict[str, Exercise]
    pool: list[Exercise]
    e1rm: dict[str, float]
    squat_ratio: float | None
    nordic: list[Exercise]
    copenhagen: list[Exercise]
    hosts: list[int]
    warmups: list[str]
    seen: set[tuple[str, str]]
    prev_plyo: int | None
    first_nordic: int | None
    last_loading_sets: float

    def _strength_balance_minutes(self, w: Week) -> float:
        secs = sum(
            seconds_of(b, is_unilateral(self.all.get(b.exercise_id)))
            for s in w.sessions
            for b in s.blocks
            if b.kind in ("strength", "accessory", "balance")
        )
        return secs / 60

    def _week(self, w: WeekInfo, sol: selection.Solution) -> Week:
        sessions: list[Session] = []
        plyo_classes: list[int] = []
        allowed = (
            0
            if self.prev_plyo is None
            else min(
                self.prev_plyo + 1,
                dosing.PLYO_CLASS_RANK[dosing.PLYO_MAX_CLASS[self.p.level]]
                + (1 if cands.shock_allowed(self.p, self.squat_ratio) else 0),
            )
        )
        nordic_n = 0
        if self.nordic and any(s.nordic for s in self.t.sessions):
            self.first_nordic = self.first_nordic or w.n
            nordic_n, n_sets, n_reps = dosing.nordic_week(w.n - self.first_nordic + 1)
        cph = 0
        if self.copenhagen and any(s.copenhagen for s in self.t.sessions):
            cph = 1 if self.p.season == "in" else dosing.COPENHAGEN_PRESEASON_PER_WEEK
        raw: list[tuple[date, str, list[Block]]] = []
        for i, spec in enumerate(self.t.sessions):
            day = self.p.start + timedelta(days=7 * (w.n - 1) + spec.offset)
            blocks: list[Block] = [warmup_block(self.warmups[i], w.n)]
            used: set[str] = set()
            for k, slot in enumerate(spec.slots):
                eid = sol.chosen.get((i, k))
                if eid is None:
                    continue
                d = dose(self.t, self.p, self.sig, spec.label, slot, w)
                ex = self.all[eid]
                if slot.kind == "power" and ex.pattern == "plyometric":
                    ex = self._plyo_for_week(ex, allowed, used)
                    plyo_classes.append(dosing.PLYO_CLASS_RANK.get(ex.impact, 0))
                    cls = ex.impact if ex.impact in dosing.PLYO_CLASSES else "low"
                    # Level = the drill's class on the [EBBEN07] ladder, 1 = low … 4 = shock.
                    d = replace(
                        d, intensity=float(dosing.PLYO_CLASS_RANK[cls] + 1), description=cls
                    )
                used.add(ex.id)
                blocks.append(self._block(slot, d, ex, spec.focus, w))
            host = self.hosts.index(i) if i in self.hosts else None
            if host is not None and host < nordic_n:
                blocks.append(self._nordic(w, n_sets, n_reps))
            if host is not None and host < cph:
                blocks.append(self._copenhagen(w))
            first = next((b for b in blocks if b.kind == "strength" and b.reps), None)
            if first is not None and set(self.all[first.exercise_id].equipment) & cands.LOADED:
                blocks.insert(1, specific_warmup(first.exercise_id, first.reps or 5))
            raw.append((day, spec.focus, blocks))
        if w.phase == "taper":
            self._taper(w, raw)
        for day, focus, blocks in raw:
            ordered = order(blocks, balance_first=self.t.family == "older-adult")
            secs = sum(seconds_of(b, is_unilateral(self.all.get(b.exercise_id))) for b in ordered)
            sessions.append(Session(day.isoweekday(), day, focus, minutes(secs), ordered))
        if plyo_classes:
            self.prev_plyo = max(plyo_classes)
        if not w.deload and w.phase != "taper":
            self.last_loading_sets = sum(rules.hard_sets(b) for _, _, bl in raw for b in bl)
        return Week(w.n, w.deload, tuple(sessions), w.phase)

    def _taper(self, w: WeekInfo, raw: list[tuple[date, str, list[Block]]]) -> None:
        """Cut the week's hard sets to ~55 % then ~45 % of the last loading week (a 41–60 %
        volume cut, tapering further in week 2) keeping intensity and frequency [BOSQUET07]:
        take a set off the largest blocks first, then drop accessories if that is not enough."""
        first_taper = w.n == self.p.weeks - TAPER_WEEKS + 1
        target = (0.55 if first_taper else 0.45) * self.last_loading_sets
        flat = [(si, bi) for si, (_, _, bl) in enumerate(raw) for bi, b in enumerate(bl)]

        def total() -> float:
            return sum(rules.hard_sets(b) for _, _, bl in raw for b in bl)

        while total() > target:
            cands_ = [
                (raw[si][2][bi].sets, si, bi)
                for si, bi in flat
                if rules.hard_sets(raw[si][2][bi]) > 0 and raw[si][2][bi].sets > 1
            ]
            if not cands_:
                break
            _, si, bi = max(cands_)
            b = raw[si][2][bi]
            raw[si][2][bi] = replace(b, sets=b.sets - 1, why=(b.why or "") + "; taper [BOSQUET07]")
        for si in range(len(raw)):
            if total() <= target:
                break
            bl = raw[si][2]
            drop = [b for b in bl if b.kind == "accessory" and rules.hard_sets(b) > 0]
            for b in reversed(drop):
                if total() <= target:
                    break
                bl.remove(b)
        for _, _, bl in raw:  # plyometric volume falls with the rest
            for bi, b in enumerate(bl):
                if b.kind == "power" and b.sets > 1:
                    bl[bi] = replace(b, sets=max(1, round(b.sets / 2)))

    def _nordic(self, w: WeekInfo, sets: int, reps: int) -> Block:
        week = w.n - (self.first_nordic or 1) + 1
        return Block(
            "accessory",
            self.nordic[0].id,
            sets,
            "level",
            1.0,
            dosing.REST_ACCESSORY_S,
            reps=reps,
            why=f"Nordic hamstring protocol week {week} [PETERSEN11]; about half the hamstring "
            "injuries [VANDYK19]",
            description="slow eccentric lowering",
        )

    def _copenhagen(self, w: WeekInfo) -> Block:
        n = w.n
        reps = dosing.copenhagen_reps(n)
        ex = self.copenhagen[0]
        long = [e for e in self.copenhagen if "long" in e.id]
        if n > 3 and long:
            ex = long[0]
            reps = dosing.copenhagen_reps(n - 3)
        return Block(
            "accessory",
            ex.id,
            1,
            "level",
            1.0 if "long" not in ex.id else 2.0,
            0,
            reps=reps,
            description="short lever" if "long" not in ex.id else "long lever",
            why="Adductor Strengthening Programme: 1 set per side, 3–5 → "
            "12–15 reps; −41 % groin problems [HAROY19]",
        )

    def _plyo_for_week(self, ex: Exercise, allowed: int, used: set[str]) -> Exercise:
        """R21: drill intensity rises at most one class a week, starting low; a drill above this
        week's class is swapped for the best allowed one of the same pool."""
        rank = dosing.PLYO_CLASS_RANK.get(ex.impact, 0)
        if rank <= allowed and ex.id not in used:
            return ex
        options = [
            e
            for e in self.pool
            if e.pattern == "plyometric"
            and dosing.PLYO_CLASS_RANK.get(e.impact, 0) <= allowed
            and e.id not in used
        ]
        if not options:
            return ex
        return max(options, key=lambda e: (dosing.PLYO_CLASS_RANK.get(e.impact, 0), -e.level, e.id))

    def _block(self, slot: Slot, d: Dose, ex: Exercise, focus: str, w: WeekInfo) -> Block:
        if d.intensity_key == "pct_1rm" and not cands.externally_loadable(ex):
            d = body_weight_dose(d, w.deload)  # %1RM means nothing without an external load (R31)
        reps, seconds = d.reps, d.seconds
        key, value = d.intensity_key, d.intensity
        if ex.dose == "seconds" and seconds is None and slot.kind in ("strength", "accessory"):
            reps, seconds = None, 30  # isometric variant: 30-s holds (legday choice)
            if key == "rir" and isinstance(value, float):
                key, value = "rpe", 10.0 - value  # effort of a hold: RPE = 10 − RIR [ZOURDOS16]
        load = self._load(ex, d, reps, focus, w)
        return Block(
            kind=slot.kind,
            exercise_id=ex.id,
            sets=d.sets,
            intensity_key=key,
            intensity=value,
            rest_s=d.rest_s,
            reps=reps,
            seconds=seconds,
            contacts=d.contacts,
            progression="holds"
            if seconds is not None and d.progression == "double"
            else d.progression,
            rep_range=d.rep_range if reps is not None else None,
            load_kg=load,
            side=slot.side,
            why=d.why,
            distance_m=d.distance_m,
            description=d.description,
        )

    def _load(
        self, ex: Exercise, d: Dose, reps: int | None, focus: str, w: WeekInfo
    ) -> float | None:
        """Starting load from the best recent e1RM (first exposure only; the progression rule
        moves it from there): %1RM blocks use the percentage, RIR/RPE blocks the RTS chart."""
        e1rm = self.e1rm.get(ex.id)
        key = (ex.id, focus)
        if e1rm is None or reps is None or key in self.seen or w.deload:
            return None
        self.seen.add(key)
        from legday.domain.science import rpe as rpe_chart

        if d.intensity_key == "pct_1rm" and isinstance(d.intensity, float):
            frac = d.intensity / 100.0
        elif d.intensity_key in ("rpe", "rir") and isinstance(d.intensity, float) and reps <= 12:
            value = d.intensity if d.intensity_key == "rpe" else 10.0 - d.intensity
            value = min(10.0, max(6.5, round(value * 2) / 2))
            frac = rpe_chart.pct_1rm(reps, value)
        else:
            return None
        kg = dosing.round_load(e1rm * frac)
        return kg if kg > 0 else None
