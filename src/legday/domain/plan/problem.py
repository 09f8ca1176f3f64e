"""The weekly selection problem of a mesocycle: every slot's candidates with their peak-dose
time, weekly sets per muscle, heavy patterns, Otago actions and balance-challenge seconds, and
the per-session budgets after the fixed blocks. Mixed into the planner."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from legday.domain.catalog.model import Exercise
from legday.domain.plan import candidates as cands
from legday.domain.plan import dosing, rules, selection_problem
from legday.domain.plan.dose_rules import (
    NO_SEASON_CUT,
    PROGRESS_WEEKS,
    body_weight_dose,
    effort_dose,
    fit_rest,
    in_season,
    knee_oa,
    trim_floor,
    trimmed,
)
from legday.domain.plan.families import Slot, Template
from legday.domain.plan.family_slots import SINGLE_LEG
from legday.domain.plan.mesocycles import WeekInfo
from legday.domain.plan.periodization import Dose, dose
from legday.domain.plan.profile import PlanProfile, Signals
from legday.domain.plan.sessions import WARMUP_IDS, block_seconds


def both_sides(extra: Slot, slots: Sequence[Slot], ranked: bool = False) -> list[Slot]:
    """The session's slots for both sides that one side's ``extra`` comes on top of (R49): a
    single-leg lift for the weaker side's extra, both calves for the restricted ankle's calf
    work. ``ranked``: only those that outrank the extra (the single-leg secondary lift; a main
    lift ranks first anyway)."""
    if extra.patterns == SINGLE_LEG:
        return [
            o for o in slots
            if o.side is None and o.kind == "strength" and set(o.patterns) & set(SINGLE_LEG)
            and (not ranked or (o.role == "secondary" and o.patterns == SINGLE_LEG))
        ]  # fmt: skip
    if extra.kind != "accessory":
        return []  # a side's mobility work is its own remedy (R49), not more of both sides'
    return [o for o in slots if o.side is None and o.patterns == extra.patterns]


CANDIDATES_PER_SLOT = 8  # first, small model: best-scored candidates per slot
NO_PROGRESSION_PENALTY = 5.0  # ranking weight (legday): below a goal match, above tie-breaks
BUCKET_EXTRA = 2  # plus the best two of every other mix of target muscles
# Slot weights (legday): rehabilitation musts 6.0 > the main lift 5.0 > pathway musts 4.0 > both
# sides' single-leg lift > the weaker side's extra > the family's core slots 3.0; the extra is
# also held to a session that has both sides' single-leg lift (SlotRef.after, R49).
BOTH_SIDES_FIRST = 3.8
# A set fewer than the family's dose (to keep a muscle under its cap, R10) costs about one level
# step of fit: the full dose is preferred whenever the caps allow it (legday weight).
TRIM_PENALTY = 1.0
TRIM_MAIN_FACTOR = 3.0  # the main lift keeps its sets before the accessories do (legday)
NO_CAP = 99.0  # the minimum-dose family's "cap" (floors only)
PATHWAY_MUST = 6.0  # a rehabilitation pathway's musts (R47) outrank even the main lift (5.0)
WEAKER_SIDE_EXTRA = 3.5
LIFT_ROLES = frozenset({"main", "secondary", "hinge", "accessory"})


def _dose_seconds(d: Dose, unilateral: bool, kind: str | None = None, loaded: bool = True) -> float:
    return block_seconds(
        d.sets, d.reps, d.seconds, d.contacts, d.rest_s, unilateral, distance_m=d.distance_m,
        kind=kind, loaded=loaded,
    )  # fmt: skip


def _hold_seconds(d: Dose, unilateral: bool) -> float:
    """Balance-challenge seconds (R34): sets × hold, or reps × 4 s; both legs when unilateral."""
    per = d.seconds if d.seconds is not None else (d.reps or 0) * dosing.SECONDS_PER_REP
    return d.sets * per * (2 if unilateral else 1)


def _hard(d: Dose) -> bool:
    if d.intensity_key == "level" or isinstance(d.intensity, str):
        return False
    if d.intensity_key == "pct_1rm":
        return d.intensity >= 60
    rpe = d.intensity if d.intensity_key == "rpe" else 10 - d.intensity
    return rpe >= 7


class ProblemBuilder:
    p: PlanProfile
    sig: Signals
    t: Template
    all: dict[str, Exercise]
    pool: list[Exercise]
    links: dict[str, int]
    weeks: list[WeekInfo]
    e1rm: dict[str, float]
    warmups: list[str]
    fixed_seconds: Callable[[int], float]

    def _candidate(
        self,
        ex: Exercise,
        slot: Slot,
        spec_label: str,
        meso: int,
        prev: str | None,
        trim: int = 0,
    ) -> selection_problem.Candidate:
        first = next(w for w in self.weeks if w.meso == meso)
        floor = trim_floor(self.p.level)
        lo_d = trimmed(dose(self.t, self.p, self.sig, spec_label, slot, first), trim, floor)
        hi_d = trimmed(
            dose(self.t, self.p, self.sig, spec_label, slot, first, peak=True), trim, floor
        )
        if cands.pct_1rm_ok(ex) and ex.id not in self.e1rm:
            # Same reps and sets at an RPE (R37): the time is the same as prescribed.
            if lo_d.intensity_key == "pct_1rm":
                lo_d = effort_dose(lo_d)
            if hi_d.intensity_key == "pct_1rm":
                hi_d = effort_dose(hi_d)
        if not cands.pct_1rm_ok(ex):
            # Time and sets as they will be prescribed: reps to RIR, never %1RM (R31, R37).
            if lo_d.intensity_key == "pct_1rm":
                lo_d = body_weight_dose(lo_d)
            if hi_d.intensity_key == "pct_1rm":
                hi_d = body_weight_dose(hi_d)
        if self.p.season == "in" and self.t.family not in NO_SEASON_CUT:
            lo_d, hi_d = in_season(lo_d, slot), in_season(hi_d, slot)
        if "knee-osteoarthritis" in self.p.limitations:
            lo_d, hi_d = knee_oa(lo_d, slot), knee_oa(hi_d, slot)
        lo_d, hi_d = fit_rest(lo_d, ex), fit_rest(hi_d, ex)
        uni = ex.laterality == "unilateral"
        lo: dict[str, float] = {}
        hi: dict[str, float] = {}
        if slot.kind in ("strength", "accessory"):
            for g in rules.MUSCLE_GROUPS:
                wgt = rules.muscle_weight(ex, g)
                if wgt > 0:
                    lo[g] = lo_d.sets * wgt if _hard(lo_d) else 0.0
                    hi[g] = hi_d.sets * wgt if _hard(hi_d) else 0.0
        score = cands.score(
            ex, slot, self.p, self.p.seed, meso, prev, ex.id in self.e1rm, self.t.family,
            self.links,
        ) - TRIM_PENALTY * trim * (TRIM_MAIN_FACTOR if slot.role == "main" else 1.0)  # fmt: skip
        if (
            slot.kind == "strength"
            and self.p.weeks > PROGRESS_WEEKS
            and not cands.externally_loadable(ex)
            and not self._has_progression(ex, slot)
        ):
            score -= NO_PROGRESSION_PENALTY  # R42: a variant the plan can move up from
        heavy = None
        if (
            slot.kind == "strength"
            and ex.pattern in ("squat", "hinge")
            and rules.heavy_intensity(hi_d.intensity_key, hi_d.intensity, hi_d.reps)
        ):
            heavy = ex.pattern
        r9 = (
            heavy is not None
            and (hi_d.reps or 99) <= dosing.HEAVY_REPS_R9
            and hi_d.rest_s >= dosing.REST_HEAVY_S
        )
        return selection_problem.Candidate(
            exercise_id=ex.id,
            r9=r9,
            # Whole quarter-minutes, rounded up: the time row stays conservative and its integer
            # coefficients let the solver prove optimality much sooner.
            seconds=math.ceil(
                _dose_seconds(hi_d, uni, slot.kind, cands.externally_loadable(ex)) / 15.0
            )
            * 15.0,
            score=score,
            sets_lo=lo,
            sets_hi=hi,
            heavy_pattern=heavy,
            action=ex.pattern
            if slot.role == "otago" and ex.pattern in dosing.OTAGO_ACTIONS and ex.dose == "reps"
            else None,
            balance=slot.kind == "balance",
            hold_s=_hold_seconds(hi_d, uni) if slot.kind == "balance" else 0.0,
            likeness=self._likeness(ex, slot),
            trim=trim,
        )

    def _trimmable(self, slot: Slot, spec_label: str, meso: int) -> bool:
        """Weekly caps (R10) can be met by a set fewer, not only by another exercise: a lift
        that reaches ≥ 3 sets in a plan with muscle caps may be planned one set short."""
        if slot.kind not in ("strength", "accessory") or slot.group is not None:
            return False
        if not any(hi < NO_CAP for _, hi in self.t.muscle_targets.values()):
            return False
        first = next(w for w in self.weeks if w.meso == meso)
        peak = dose(self.t, self.p, self.sig, spec_label, slot, first, peak=True)
        return peak.sets > trim_floor(self.p.level)

    def _shortened(
        self,
        every: list[selection_problem.Candidate],
        fits: list[Exercise],
        slot: Slot,
        spec_label: str,
        meso: int,
        i: int,
        prev: str | None,
    ) -> list[selection_problem.Candidate]:
        """A required lift whose full dose cannot fit the session's time, in any exercise, is
        offered a set or more short (never under the level's floor, [ACSM09]): a coach with
        20 minutes shortens the heavy day rather than cancel it. Without this a third, heavier
        weekly session could refuse a request that two sessions accepted (R38: more days never
        turn a plan into a refusal)."""
        budget = self.p.minutes * 60.0 - self.fixed_seconds(i)
        if not every or min(c.seconds for c in every) <= budget:
            return []
        first = next(w for w in self.weeks if w.meso == meso)
        peak = dose(self.t, self.p, self.sig, spec_label, slot, first, peak=True)
        out: list[selection_problem.Candidate] = []
        for trim in range(1, max(1, peak.sets - trim_floor(self.p.level)) + 1):
            out = [self._candidate(ex, slot, spec_label, meso, prev, trim) for ex in fits]
            if min(c.seconds for c in out) <= budget:
                break
        return out

    def _likeness(self, ex: Exercise, slot: Slot) -> str | None:
        """Lifting variants that train the same movement with the same prime movers (barbell and
        dumbbell lunge) are one exercise twice in a session to a coach, and so are two calf
        raises among Otago's five strength exercises; the Otago sessions' functional items
        (repeated by design [OTAGO-MAN]) and weaker-side extra work (R49) are not limited."""
        if slot.role == "otago":
            return f"otago|{ex.pattern}"  # one exercise per Otago muscle action [OTAGO-MAN]
        if self.t.family == "older-adult" or slot.side is not None:
            return None
        if slot.kind not in ("strength", "accessory") or slot.role not in LIFT_ROLES:
            return None
        if ex.pattern == "hinge" and slot.kind == "strength":
            # Two bilateral pulls from the floor in one session (a Romanian and a conventional
            # deadlift) are one hinge twice to a coach, whatever their listed prime movers.
            return f"hinge|{ex.laterality}"
        return f"{ex.pattern}|{ex.laterality}|{','.join(sorted(ex.primary_muscles))}"

    def _has_progression(self, ex: Exercise, slot: Slot) -> bool:
        pool = {e.id for e in self.pool}
        return any(
            i in pool
            and self.all[i].laterality == ex.laterality
            and self.all[i].pattern == ex.pattern
            and self.all[i].muscles == ex.muscles
            and cands.fits_slot(self.all[i], slot)
            for i in ex.progressions
        )

    def _problem(
        self, meso: int, previous: dict[tuple[int, int], str], per_slot: int | None
    ) -> selection_problem.Problem:
        refs: list[selection_problem.SlotRef] = []
        for i, spec in enumerate(self.t.sessions):
            for k, slot in enumerate(spec.slots):
                fits = [
                    ex
                    for ex in self.pool
                    if cands.fits_slot(ex, slot)
                    and cands.level_ok(ex, self.p, self.sig, slot, self.t.family)
                    and cands.effort_reachable(ex, slot, self.p)
                ]
                every = [
                    self._candidate(ex, slot, spec.label, meso, previous.get((i, k))) for ex in fits
                ]
                if self._trimmable(slot, spec.label, meso):
                    every += [
                        self._candidate(ex, slot, spec.label, meso, previous.get((i, k)), 1)
                        for ex in fits
                    ]
                elif slot.required and slot.kind in ("strength", "accessory"):
                    every += self._shortened(
                        every, fits, slot, spec.label, meso, i, previous.get((i, k))
                    )
                every.sort(key=lambda c: (-c.score, c.exercise_id))
                limit = len(every) if per_slot is None else per_slot
                top = every[:limit]
                if per_slot is not None and self.t.muscle_targets:
                    # Keep each mix of target muscles represented, so that a small model can
                    # still meet weekly set targets and caps (R10).
                    buckets: dict[tuple[str, ...], int] = {}
                    for c in every[limit:]:
                        mix = tuple(sorted(g for g, v in c.sets_hi.items() if v > 0))
                        if buckets.get(mix, 0) < BUCKET_EXTRA:
                            buckets[mix] = buckets.get(mix, 0) + 1
                            top.append(c)
                # Keep last mesocycle's pick in the running so that the warm start fits.
                top += [c for c in every[limit:] if c.exercise_id == previous.get((i, k))]
                if slot.required and every[limit:]:
                    # And the quickest choice of a required slot: in a short session it may be
                    # the only one that fits, and a small model without it would refuse what
                    # the full one plans (R38: 3 × 15 min was refused where 2 × 15 min planned
                    # a body-weight Cossack squat, the unilateral lunges taking longer).
                    quickest = min(every, key=lambda c: (c.seconds, -c.score, c.exercise_id))
                    if all(c is not quickest for c in top):
                        top.append(quickest)
                key = (slot.kind, slot.role, slot.patterns, slot.unilateral, slot.side, slot.group)
                # Otago-style work repeats the same exercises every session [OTAGO-MAN].
                varied = slot.role not in (
                    "otago",
                    "functional",
                    "chair-stand",
                    "balance",
                    "mobility",
                )
                if len({c.exercise_id for c in every}) == 1:
                    # Variety needs an alternative: a slot that only one exercise can fill (body
                    # weight's single-leg calf raise) repeats it rather than going empty, so that
                    # a muscle's weekly sets can reach their floor (R10 [RP-LAND]).
                    varied = False
                # Pathway content (R47–R49: open-chain quads, runners' calves and abductors,
                # the restricted ankle, weaker-side work) ranks with the main lift.
                remedy = (
                    slot.role in ("open-chain", "ankle-mobility", "landing", "hinge")
                    or slot.side is not None
                    or (slot.kind == "accessory" and len(slot.patterns) == 1 and slot.required)
                )
                core = remedy or slot.role in ("main", "functional", "otago", "balance", "plyo")
                # The main lift first, then pathway content, then the family's core slots.
                weight = (5.0 if slot.role == "main" else 4.0 if remedy else 3.0) if core else 1.0
                # R49: extra sets for the weaker side come on top of both sides' single-leg
                # work, never instead of it: that work outranks the extra, and both rank below
                # the pathway's must-haves (open-chain quads, hamstrings, ankle work).
                if slot.must or (
                    slot.role == "plyo" and slot.required and self.t.family == "athletic-power"
                ):
                    # R45: a power plan's plyometric day jumps first; the heavy squat gives way.
                    # R47: after ACL reconstruction the quadriceps, hamstring and landing work
                    # is the pathway itself; a heavy main lift gives way to it when time is short.
                    weight = PATHWAY_MUST
                elif slot.side is not None and both_sides(slot, spec.slots):
                    weight = WEAKER_SIDE_EXTRA
                elif slot.side is None and any(
                    s.side is not None and slot in both_sides(s, spec.slots, ranked=True)
                    for s in spec.slots
                ):
                    weight = max(weight, BOTH_SIDES_FIRST)
                # R49: one side's extra only beside both sides' work of its kind, where the
                # session holds that work (single-leg lifts; a runner's calves).
                after = (
                    tuple(j for j, o in enumerate(spec.slots) if o in both_sides(slot, spec.slots))
                    if slot.side is not None
                    else ()
                )
                refs.append(
                    selection_problem.SlotRef(
                        i, k, slot.required, slot.group, tuple(top), "|".join(map(str, key)),
                        varied, weight, after,
                    )
                )  # fmt: skip
        offsets = [s.offset for s in self.t.sessions]
        adjacent = tuple(
            (a, b)
            for a in range(len(offsets))
            for b in range(len(offsets))
            if (offsets[b] - offsets[a]) % 7 == 1
        )
        budgets = tuple(self.p.minutes * 60.0 - self.fixed_seconds(i) for i in range(len(offsets)))
        return selection_problem.Problem(
            slots=tuple(refs),
            budgets_s=budgets,
            adjacent=adjacent,
            muscle_targets=dict(self.t.muscle_targets),
            balance_days=self.t.balance_days,
            otago_actions=self.t.otago_actions,
            hint=dict(previous),
            balance_hold_s=tuple(self.balance_hold_target(i) for i in range(len(offsets))),
            heavy_min=1 if self._needs_r9() else 0,
        )

    def _needs_r9(self) -> bool:
        """R9 applies: strength is a top goal of an intermediate or advanced lifter outside the
        fall path, with a load to lift and no knee osteoarthritis [ACSM09] [OARSI19]."""
        top = max(w for _, w in self.p.goals)
        return (
            any(g == "strength" and w >= top - 1e-9 for g, w in self.p.goals)
            and self.p.level != "beginner"
            and self.t.family != "older-adult"
            and bool(set(self.p.equipment) & cands.LOADED)
            and "knee-osteoarthritis" not in self.p.limitations
        )

    def balance_hold_target(self, i: int) -> float:
        """R34: in a fall-prevention plan ≥ 40 % of the session after its warm-up challenges
        balance [SHERRINGTON17]."""
        if self.t.family != "older-adult":
            return 0.0
        after = self.p.minutes * 60.0 - WARMUP_IDS[self.warmups[i]]
        return max(0.0, dosing.FALL_BALANCE_SHARE * after)
