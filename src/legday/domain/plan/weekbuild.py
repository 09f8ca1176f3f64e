"""Weeks and sessions from a solved weekly template: each block's dose for the week, starting
loads, plyometric class swaps (R21), protocol blocks (Nordic, Copenhagen), the specific warm-up,
block order (R5), durations, and the competition taper."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from legday.domain.catalog.model import Exercise
from legday.domain.plan import candidates as cands
from legday.domain.plan import dosing, rules, selection_problem
from legday.domain.plan.families import Slot, Template
from legday.domain.plan.mesocycles import WeekInfo
from legday.domain.plan.model import Block, Session, Week
from legday.domain.plan.periodization import Dose, dose
from legday.domain.plan.profile import TAPER_WEEKS, PlanProfile, Signals
from legday.domain.plan.sessions import (
    WARMUP_FIFA11,
    minutes,
    order,
    seconds_of,
    specific_warmup,
    warmup_block,
)
from legday.domain.plan.titles import session_title


def is_unilateral(ex: Exercise | None) -> bool:
    return ex is not None and ex.laterality == "unilateral"


from legday.domain.plan.dose_rules import (  # noqa: E402  (re-exported: older imports)
    NO_SEASON_CUT,
    PROGRESS_WEEKS,
    TAPER_RPE_MAX,
    TAPER_SINGLE_FROM,
    TAPER_SINGLE_MAX,
    _effort_floor,
    body_weight_dose,
    effort_dose,
    fit_rest,
    in_season,
    knee_oa,
    trim_floor,
    trimmed,
)

__all__ = [
    "PROGRESS_WEEKS", "WeekBuilder", "body_weight_dose", "effort_dose", "fit_rest", "in_season",
    "is_unilateral", "knee_oa",
]  # fmt: skip


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
    nordic_step: int
    cph_step: int
    last_loading_sets: float

    def _strength_balance_minutes(self, w: Week) -> float:
        secs = sum(
            self._secs(b)
            for s in w.sessions
            for b in s.blocks
            if b.kind in ("strength", "accessory", "balance")
        )
        return secs / 60

    def _secs(self, b: Block) -> float:
        ex = self.all.get(b.exercise_id)
        loaded = ex is None or cands.externally_loadable(ex) or "nordic" in ex.id
        return seconds_of(b, is_unilateral(ex), loaded)

    def _week(self, w: WeekInfo, sol: selection_problem.Solution) -> Week:
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
        nordic_n = n_sets = n_reps = 0
        if self.nordic and any(s.nordic for s in self.t.sessions):
            self.first_nordic = self.first_nordic or w.n
            if not w.deload:
                self.nordic_step += 1  # the protocol advances in loading weeks only (R40)
            nordic_n, n_sets, n_reps = self.nordic_dose(max(1, self.nordic_step), w.deload)
        cph = 0
        if self.copenhagen and any(s.copenhagen for s in self.t.sessions):
            cph = self.copenhagen_per_week()
            if not w.deload:
                self.cph_step += 1
        raw: list[tuple[date, str, list[Block]]] = []
        for i, spec in enumerate(self.t.sessions):
            day = self.p.start + timedelta(days=7 * (w.n - 1) + spec.offset)
            if self.p.competition is not None and day >= self.p.competition:
                continue  # the meet itself; nothing planned on or after it (R44)
            blocks: list[Block] = [warmup_block(self.warmups[i], w.n)]
            used: set[str] = set()
            for k, slot in enumerate(spec.slots):
                eid = sol.chosen.get((i, k))
                if eid is None:
                    continue
                d = dose(self.t, self.p, self.sig, spec.label, slot, w)
                d = trimmed(d, sol.trimmed.get((i, k), 0), trim_floor(self.p.level))
                ex = self.all[eid]
                if slot.kind == "power" and ex.pattern == "plyometric":
                    # R45: jumps reach moderate intensity in the first mesocycle ([EBBEN07]
                    # classes, one class a week, R21); later ones may go up to the cap.
                    floor = min(allowed, 1) if w.meso == 0 else allowed
                    ex = self._plyo_for_week(ex, allowed, used, floor, slot)
                    plyo_classes.append(dosing.PLYO_CLASS_RANK.get(ex.impact, 0))
                    cls = ex.impact if ex.impact in dosing.PLYO_CLASSES else "low"
                    # Level = the drill's class on the [EBBEN07] ladder, 1 = low … 4 = shock.
                    d = replace(
                        d, intensity=float(dosing.PLYO_CLASS_RANK[cls] + 1), description=cls
                    )
                ex = self._progressed(ex, slot, w)
                used.add(ex.id)
                block = self._block(slot, d, ex, spec.focus, w)
                if not spec.heavy and block.kind in ("strength", "accessory"):
                    block = _effort_floor(block)  # R43: the day-after session stays off failure
                blocks.append(block)
            if i in self.hosts[:nordic_n]:
                blocks.append(self._nordic(w, n_sets, n_reps))
            if i in self.copenhagen_hosts()[:cph]:
                blocks.append(self._copenhagen(w))
            first = next((b for b in blocks if b.kind == "strength" and b.reps), None)
            if first is not None and set(self.all[first.exercise_id].equipment) & cands.LOADED:
                blocks[1:1] = specific_warmup(first)
            title = session_title(self.t.family, spec.label, spec.focus, blocks, self.all)
            raw.append((day, title, blocks))
        if w.phase == "taper":
            self._taper(w, raw)
        for day, focus, blocks in raw:
            ordered = order(blocks, balance_first=self.t.family == "older-adult")
            secs = sum(self._secs(b) for b in ordered)
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
        for _, _, bl in raw:
            for bi, b in enumerate(bl):
                pct = b.intensity if isinstance(b.intensity, float) else 0.0
                if b.intensity_key == "rpe" and pct >= TAPER_RPE_MAX and b.kind == "strength":
                    # By effort: singles at RPE ≤ 9, never an all-out double (R44).
                    bl[bi] = replace(b, reps=1, intensity=TAPER_RPE_MAX)
                    continue
                if b.intensity_key == "pct_1rm" and pct >= TAPER_SINGLE_FROM and b.kind != "warmup":
                    # R44: heavy singles at ~90–93 %, never doubles at ≥ 95 % (≈ RPE 10 on the
                    # RTS chart) in the last two weeks [BOSQUET07].
                    bl[bi] = replace(
                        b, reps=1, intensity=min(pct, TAPER_SINGLE_MAX),
                        why=(b.why or "") + "; taper: heavy singles, volume down [BOSQUET07]",
                    )  # fmt: skip
        for _, _, bl in raw:  # plyometric volume falls with the rest
            for bi, b in enumerate(bl):
                if b.kind == "power" and b.sets > 1:
                    bl[bi] = replace(b, sets=max(1, round(b.sets / 2)))

    def fifa11_nordic_reps(self) -> int:
        """Nordic reps a week inside the 11+ warm-ups (R46): its level is held (R36)."""
        n = sum(1 for wu in self.warmups if wu == WARMUP_FIFA11)
        return n * dosing.FIFA11_NORDIC_REPS[1]

    def nordic_dose(self, step: int, deload: bool = False) -> tuple[int, int, int]:
        """(sessions, sets, reps) of the Nordic blocks in protocol week ``step``: the Petersen
        week's dose [PETERSEN11] (one session a week in season, R39) less the 11+'s own Nordic
        reps, which count toward the same ceiling (R46); a deload week drops a set (R40)."""
        sessions, sets, reps = dosing.nordic_week(step, self.p.season == "in")
        if deload:
            sets = max(1, sets - 1)
        ceiling = sessions * sets * reps
        per_session = (ceiling - self.fifa11_nordic_reps()) // sessions
        if per_session < sets * reps:
            reps = per_session // sets
            if reps < dosing.NORDIC_MIN_REPS:
                sets, reps = 1, per_session
        if reps < dosing.NORDIC_MIN_REPS:
            return 0, 0, 0
        return sessions, sets, reps

    def copenhagen_per_week(self) -> int:
        return 1 if self.p.season == "in" else dosing.COPENHAGEN_PRESEASON_PER_WEEK

    def copenhagen_hosts(self) -> list[int]:
        """Once a week the Copenhagen goes to the last host, away from the Nordic session."""
        return self.hosts[::-1] if self.copenhagen_per_week() < len(self.hosts) else self.hosts

    def _progressed(self, ex: Exercise, slot: Slot, w: WeekInfo) -> Exercise:
        """R42: work without external load moves one step up the catalog's progression graph
        every PROGRESS_WEEKS weeks (overload by variant [ACSM09]); the same laterality keeps the
        session's time. Older and fall-risk people progress by criteria instead (R36)."""
        if slot.kind not in ("strength", "accessory") or cands.externally_loadable(ex):
            return ex
        if self.inp_plyo_only_low() or self.t.family == "older-adult":
            return ex
        pool = {e.id: e for e in self.pool}
        for _ in range((w.n - 1) // PROGRESS_WEEKS):
            nxt = next(
                (
                    pool[i]
                    for i in ex.progressions
                    if i in pool
                    and pool[i].laterality == ex.laterality
                    and pool[i].pattern == ex.pattern
                    and pool[i].dose == ex.dose
                    and pool[i].muscles == ex.muscles  # the same weekly sets per muscle (R10)
                    and cands.fits_slot(pool[i], slot)
                ),
                None,
            )
            if nxt is None:
                break
            ex = nxt
        return ex

    def inp_plyo_only_low(self) -> bool:
        """Frail or older people keep low-intensity jumps (R20, R25 legday safety choices)."""
        return self.sig.frail or (self.p.age is not None and self.p.age >= 65)

    def _nordic(self, w: WeekInfo, sets: int, reps: int) -> Block:
        week = self.nordic_step
        return Block(
            "accessory",
            self.nordic[0].id,
            sets,
            "level",
            1.0,
            dosing.REST_NORDIC_S,
            reps=reps,
            why=f"Nordic hamstring protocol week {week} [PETERSEN11]; about half the hamstring "
            "injuries [VANDYK19]",
            description="slow eccentric lowering",
        )

    def _copenhagen(self, w: WeekInfo) -> Block:
        # A deload repeats an easier week than the last one (R40): reps ≤ the week before.
        n = max(1, self.cph_step - 1) if w.deload else max(1, self.cph_step)
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

    def _plyo_for_week(
        self, ex: Exercise, allowed: int, used: set[str], floor: int = 0, slot: Slot | None = None
    ) -> Exercise:
        """R21: drill intensity rises at most one class a week, starting low; a drill above this
        week's class is swapped for the best allowed one of the same pool, and one below
        ``floor`` for one at the floor when the pool has it (R45)."""
        rank = dosing.PLYO_CLASS_RANK.get(ex.impact, 0)
        if rank < floor and not self.inp_plyo_only_low():
            up = [
                e
                for e in self.pool
                if e.pattern == "plyometric"
                and dosing.PLYO_CLASS_RANK.get(e.impact, 0) == floor
                and e.id not in used
                and (slot is None or cands.fits_slot(e, slot))
            ]
            if up:
                return max(up, key=lambda e: (-e.level, e.id))
        if rank <= allowed and ex.id not in used:
            return ex
        options = [
            e
            for e in self.pool
            if e.pattern == "plyometric"
            and dosing.PLYO_CLASS_RANK.get(e.impact, 0) <= allowed
            and e.id not in used
            and (slot is None or cands.fits_slot(e, slot))
        ]
        if not options:
            return ex
        return max(options, key=lambda e: (dosing.PLYO_CLASS_RANK.get(e.impact, 0), -e.level, e.id))

    def _block(self, slot: Slot, d: Dose, ex: Exercise, focus: str, w: WeekInfo) -> Block:
        if d.intensity_key == "pct_1rm" and not cands.pct_1rm_ok(ex):
            # %1RM only on bilateral bar/machine lifts (R31, R37): the rest by effort.
            d = body_weight_dose(d, w.deload)
        elif d.intensity_key == "pct_1rm" and ex.id not in self.e1rm:
            d = effort_dose(d)  # a %1RM needs a known 1RM to mean a load (R37)
        if self.p.season == "in" and self.t.family not in NO_SEASON_CUT:
            d = in_season(d, slot)
        if "knee-osteoarthritis" in self.p.limitations:
            d = knee_oa(d, slot)
        d = fit_rest(d, ex)
        reps, seconds = d.reps, d.seconds
        key, value = d.intensity_key, d.intensity
        if slot.role == "ankle-mobility" and ex.dose == "seconds":
            reps, seconds = None, dosing.STRETCH_HOLD_S  # a stretch: 30-s holds [GARBER11]
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
