"""Generate a plan: family template → one solved weekly template per mesocycle → weekly doses by
rule → sessions with warm-ups, protocols and durations → the §9 checker, whose findings the plan
carries as warnings (never a silently broken plan)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from legday.domain.catalog.model import Exercise
from legday.domain.errors import InvalidInput
from legday.domain.plan import candidates as cands
from legday.domain.plan import dosing, rules, selection
from legday.domain.plan.families import Slot, Template, build_template
from legday.domain.plan.model import Block, Plan, Session, SolverReport, Week
from legday.domain.plan.periodization import Dose, WeekInfo, dose, weeks
from legday.domain.plan.profile import TAPER_WEEKS, PlanProfile, Signals, is_fall_prevention
from legday.domain.plan.sessions import (
    WARMUP_FIFA11,
    WARMUP_IDS,
    WARMUP_OTAGO,
    WARMUP_RAMP,
    block_seconds,
    minutes,
    order,
    seconds_of,
    specific_warmup,
    specific_warmup_seconds,
    warmup_block,
)
from legday.domain.plan.sources import cite

CANDIDATES_PER_SLOT = 12  # first, small model: best-scored candidates per slot
FIFA11_MIN_SESSION = 35  # minutes: the 11+ takes ~20 [FIFA11]; less leaves no room to train


@dataclass(frozen=True, slots=True)
class Inputs:
    profile: PlanProfile
    signals: Signals
    athlete: str
    e1rm_kg: Mapping[str, float]  # best recent e1RM per exercise id (from stored sets)
    family: str | None = None
    time_limit_s: float = 2.0


def _is_unilateral(ex: Exercise | None) -> bool:
    return ex is not None and ex.laterality == "unilateral"


def _dose_seconds(d: Dose, unilateral: bool) -> float:
    return block_seconds(d.sets, d.reps, d.seconds, d.contacts, d.rest_s, unilateral)


def _hard(d: Dose) -> bool:
    if isinstance(d.intensity, str):
        return False
    if d.intensity_key == "pct_1rm":
        return d.intensity >= 60
    rpe = d.intensity if d.intensity_key == "rpe" else 10 - d.intensity
    return rpe >= 7


class _Planner:
    def __init__(self, inp: Inputs, exercises: Iterable[Exercise]) -> None:
        self.inp = inp
        self.p = inp.profile
        self.sig = inp.signals
        self.all = {e.id: e for e in exercises}
        self.t: Template = build_template(self.p, self.sig, inp.family)
        self.squat_ratio = self._squat_ratio()
        self.pool = cands.pool(self.all.values(), self.p, self.sig, self.squat_ratio)
        self.weeks = weeks(self.t, self.p.weeks, TAPER_WEEKS if self.p.competition else 0)
        self.last_loading_sets = 0.0
        self.warnings: list[str] = []
        self.nordic = cands.find_protocol(self.all, "nordic", self.p, self.sig)
        self.copenhagen = cands.find_protocol(self.all, "copenhagen", self.p, self.sig)
        self.hosts = self._protocol_hosts()
        self.warmups = self._warmups()

    # --- inputs ----------------------------------------------------------------------------------
    def _squat_ratio(self) -> float | None:
        mass = self.p.mass_kg
        best = max(
            (
                v
                for k, v in self.inp.e1rm_kg.items()
                if k in self.all
                and self.all[k].pattern == "squat"
                and "barbell" in self.all[k].equipment
            ),
            default=None,
        )
        return None if best is None or not mass else best / mass

    def _protocol_hosts(self) -> list[int]:
        """Sessions that take protocol work, heavy-eligible first ([PETERSEN11] ≤ 3 a week)."""
        idx = list(range(len(self.t.sessions)))
        return sorted(idx, key=lambda i: (not self.t.sessions[i].heavy, i))[:3]

    def _warmups(self) -> list[str]:
        out: list[str] = []
        for spec in self.t.sessions:
            w = {"ramp": WARMUP_RAMP, "fifa11": WARMUP_FIFA11, "otago": WARMUP_OTAGO}[spec.warmup]
            if w == WARMUP_FIFA11 and self.p.minutes < FIFA11_MIN_SESSION:
                w = WARMUP_RAMP
            out.append(w)
        if any(s.warmup == "fifa11" for s in self.t.sessions) and WARMUP_FIFA11 not in out:
            self.warn(
                "R26",
                f"the FIFA 11+ warm-up takes ~20 min [FIFA11]; sessions of "
                f"{self.p.minutes} min leave no time to train after it, so a 5-min RAMP "
                f"warm-up is used — relax: --minutes {FIFA11_MIN_SESSION} or more",
            )
        return out

    def warn(self, rule: str | None, text: str) -> None:
        line = f"{rule}: {text}" if rule else text
        if line not in self.warnings:
            self.warnings.append(line)

    # --- fixed blocks ----------------------------------------------------------------------------
    def _nordic_peak_s(self) -> float:
        s = max(sets * reps for _, sets, reps in dosing.NORDIC_PROTOCOL)
        return block_seconds(3, s // 3, None, None, dosing.REST_ACCESSORY_S)

    def _copenhagen_peak_s(self) -> float:
        return block_seconds(1, dosing.COPENHAGEN_MAX_REPS, None, None, 0, unilateral=True)

    def fixed_seconds(self, i: int) -> float:
        spec = self.t.sessions[i]
        total = float(WARMUP_IDS[self.warmups[i]])
        if any(s.kind == "strength" for s in spec.slots):
            total += specific_warmup_seconds(5)
        if spec.nordic and self.nordic and i in self.hosts:
            total += self._nordic_peak_s()
        if spec.copenhagen and self.copenhagen and i in self.hosts:
            total += self._copenhagen_peak_s()
        return total

    # --- selection -------------------------------------------------------------------------------
    def _candidate(
        self, ex: Exercise, slot: Slot, spec_label: str, meso: int, prev: str | None
    ) -> selection.Candidate:
        first = next(w for w in self.weeks if w.meso == meso)
        lo_d = dose(self.t, self.p, self.sig, spec_label, slot, first)
        hi_d = dose(self.t, self.p, self.sig, spec_label, slot, first, peak=True)
        uni = _is_unilateral(ex)
        lo: dict[str, float] = {}
        hi: dict[str, float] = {}
        if slot.kind in ("strength", "accessory"):
            for g in rules.MUSCLE_GROUPS:
                wgt = rules.muscle_weight(ex, g)
                if wgt > 0:
                    lo[g] = lo_d.sets * wgt if _hard(lo_d) else 0.0
                    hi[g] = hi_d.sets * wgt if _hard(hi_d) else 0.0
        heavy = None
        if (
            slot.kind == "strength"
            and ex.pattern in ("squat", "hinge")
            and rules.heavy_intensity(hi_d.intensity_key, hi_d.intensity, hi_d.reps)
        ):
            heavy = ex.pattern
        return selection.Candidate(
            exercise_id=ex.id,
            # Whole half-minutes, rounded up: the time row stays conservative and its integer
            # coefficients let the solver prove optimality much sooner.
            seconds=math.ceil(_dose_seconds(hi_d, uni) / 30.0) * 30.0,
            score=cands.score(ex, slot, self.p, self.p.seed, meso, prev, ex.id in self.inp.e1rm_kg),
            sets_lo=lo,
            sets_hi=hi,
            heavy_pattern=heavy,
            action=ex.pattern
            if slot.role == "otago" and ex.pattern in dosing.OTAGO_ACTIONS
            else None,
            balance=slot.kind == "balance",
        )

    def solve_meso(self, meso: int, previous: dict[tuple[int, int], str]) -> selection.Solution:
        """Solve on the best-scored few candidates per slot first (a small model closes at the
        root, ecosystem.md §2); if that leaves any soft target short, solve again on every
        candidate, starting from the first answer, and keep the better of the two. "Optimal" is
        the solver's word for the model it solved (within MIP_GAP)."""
        small = self._problem(meso, previous, CANDIDATES_PER_SLOT)
        self._check_possible(small)
        sol = selection.solve(small)
        if not _short(sol):
            return sol
        full = self._problem(meso, previous, None)
        full = replace(full, hint=dict(sol.chosen))
        again = selection.solve(full)
        better = again if (again.objective or -math.inf) >= (sol.objective or -math.inf) else sol
        return replace(better, seconds=sol.seconds + again.seconds)

    def _problem(
        self, meso: int, previous: dict[tuple[int, int], str], per_slot: int | None
    ) -> selection.Problem:
        refs: list[selection.SlotRef] = []
        for i, spec in enumerate(self.t.sessions):
            for k, slot in enumerate(spec.slots):
                every = [
                    self._candidate(ex, slot, spec.label, meso, previous.get((i, k)))
                    for ex in self.pool
                    if cands.fits_slot(ex, slot)
                ]
                every.sort(key=lambda c: (-c.score, c.exercise_id))
                limit = len(every) if per_slot is None else per_slot
                top = every[:limit]
                # Keep last mesocycle's pick in the running so that the warm start fits.
                top += [c for c in every[limit:] if c.exercise_id == previous.get((i, k))]
                key = (slot.kind, slot.role, slot.patterns, slot.unilateral, slot.side, slot.group)
                # Otago-style work repeats the same exercises every session [OTAGO-MAN].
                varied = slot.role not in (
                    "otago",
                    "functional",
                    "chair-stand",
                    "balance",
                    "mobility",
                )
                core = slot.role in ("main", "functional", "otago", "balance", "plyo")
                refs.append(
                    selection.SlotRef(
                        i, k, slot.required, slot.group, tuple(top), "|".join(map(str, key)),
                        varied, 3.0 if core else 1.0,
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
        return selection.Problem(
            slots=tuple(refs),
            budgets_s=budgets,
            adjacent=adjacent,
            muscle_targets=dict(self.t.muscle_targets),
            balance_days=self.t.balance_days,
            otago_actions=self.t.otago_actions,
            time_limit_s=self.inp.time_limit_s,
            hint=dict(previous),
        )

    def _check_possible(self, problem: selection.Problem) -> None:
        """Refuse outright what no choice of exercises can fix: a session too short for a warm-up
        and one exercise (the issue's "4 minutes, five goals")."""
        first_required = [
            r for r in problem.slots if r.required and r.session == 0 and r.candidates
        ]
        cheapest = (
            min((c.seconds for c in first_required[0].candidates), default=0.0)
            if first_required
            else 0.0
        )
        need = self.fixed_seconds(0) + cheapest
        if self.p.minutes * 60 < need:
            goals = len(self.p.goals)
            more = f", or name fewer goals ({goals} given; each adds work)" if goals > 2 else ""
            raise InvalidInput(
                f"{self.p.minutes} min per session cannot hold a "
                f"{WARMUP_IDS[self.warmups[0]] // 60}-min "
                f"warm-up (R4 [JEFFREYS07]) and one exercise (≈ {math.ceil(cheapest / 60)} min)",
                f"raise --minutes to at least {math.ceil(need / 60)}{more}",
            )

    def _explain(self, sol: selection.Solution, meso: int) -> None:
        for i, k in sol.unfilled:
            spec = self.t.sessions[i]
            slot = spec.slots[k]
            has = any(cands.fits_slot(ex, slot) for ex in self.pool)
            what = f"{slot.role} work ({'/'.join(slot.patterns)})"
            if not has:
                self.warn(
                    None,
                    f"no exercise for {what} fits the equipment and limitations — relax: "
                    f"add equipment (--equipment dumbbell,box,band…)",
                )
            else:
                self.warn(
                    "R3",
                    f"session {i + 1} ({spec.focus}) has no time for {what} — "
                    "relax: raise --minutes or name fewer goals",
                )
        for m, short in sol.muscle_short.items():
            rule = "R10" if self.t.family == "hypertrophy" else "R11"
            self.warn(
                rule,
                f"{m} gets {short:g} weekly sets fewer than its target "
                f"({self.t.muscle_targets[m][0]:g}) — relax: raise --minutes or --days",
            )
        for m, over in sol.muscle_over.items():
            self.warn("R10", f"{m} exceeds its weekly cap by {over:g} sets")
        if sol.balance_days_short:
            self.warn(
                "R22",
                f"balance fits on only {self.t.balance_days - sol.balance_days_short} "
                f"days a week; ≥ 3 are advised [WHO20] [OTAGO-MAN] — relax: raise --days "
                f"to 3 or add home balance practice",
            )
        if sol.otago_short:
            self.warn(
                "R24",
                "fewer than 4 of the 5 Otago muscle actions fit — relax: raise --minutes "
                "or add ankle weights/bands (--equipment ankle-weights,band)",
            )

    # --- weeks -----------------------------------------------------------------------------------
    def build(self) -> Plan:
        sols: dict[int, selection.Solution] = {}
        previous: dict[tuple[int, int], str] = {}
        for meso in sorted({w.meso for w in self.weeks}):
            sol = self.solve_meso(meso, previous)
            self._explain(sol, meso)
            sols[meso] = sol
            previous = dict(sol.chosen)
        self.lp_load: dict[tuple[str, str], float] = {}
        self.seen: set[tuple[str, str]] = set()
        self.prev_plyo: int | None = None
        self.first_nordic: int | None = None
        out_weeks = [self._week(w, sols[w.meso]) for w in self.weeks]
        self._feasibility_notes(out_weeks)
        statuses = {s.status for s in sols.values()}
        status = (
            "optimal"
            if statuses == {"optimal"}
            else "feasible"
            if "infeasible" not in statuses
            else "infeasible"
        )
        if status != "optimal":
            self.warn(
                None,
                f"the solver stopped at its {self.inp.time_limit_s:g}-s limit with a "
                f"{status} (not proven optimal) choice of exercises",
            )
        report = SolverReport(
            status=status,
            seconds=round(sum(s.seconds for s in sols.values()), 4),
            objective=round(sum(s.objective or 0.0 for s in sols.values()), 4),
        )
        fall = is_fall_prevention(self.p, self.sig)
        extras: dict[str, object] = {
            "fall_prevention": fall,
            "high_risk": self.sig.frail or self.sig.fall_risk,
            "squat_ratio": round(self.squat_ratio, 3) if self.squat_ratio else None,
            "components": list(self.t.components),
            "title": self.t.title,
            "signals": list(self.sig.sources),
        }
        if self.t.walking:
            extras["walking"] = {
                "per_week": dosing.WALKING_PER_WEEK,
                "minutes": dosing.WALKING_MINUTES,
                "pace": "comfortable" if (self.sig.frail or self.sig.fall_risk) else "brisk",
                "why": "walk ≥ 2×/week for 30 min, may be 3 × 10 min [OTAGO-MAN]; no brisk "
                "walking for high-risk people [SHERRINGTON11]",
            }
        if self.sig.frail:
            self.warn(
                None,
                "slow Timed Up and Go or a recent fall: supported exercises only; a "
                "clinician review is suggested before starting [STEADI]",
            )
        plan = Plan(
            athlete=self.inp.athlete,
            family=self.t.family,
            goal_weights={g: round(w, 4) for g, w in self.p.goals},
            weeks=tuple(out_weeks),
            solver=report,
            sources=tuple(cite((*self.t.sources, "ZOURDOS16", "WGER2480"))),
            warnings=(),
            profile=self.p.as_json(),
            extras=extras,
        )
        plan = replace(plan, warnings=tuple(self.warnings))
        # The checker has the last word: whatever it still finds is said, never hidden.
        for v in rules.check(plan, self.all):
            if not rules._warned(plan, v.rule):
                where = f"week {v.week}" if v.week else "plan"
                self.warn(
                    v.rule,
                    f"{where}: {v.message} ({rules.RULES[v.rule]}) — the generator "
                    f"could not avoid this with these inputs",
                )
                plan = replace(plan, warnings=tuple(self.warnings))
        return plan

    def _feasibility_notes(self, out_weeks: list[Week]) -> None:
        if self.t.balance_days and self.p.days < dosing.BALANCE_DAYS:
            self.warn(
                "R22",
                f"{self.p.days} session(s) a week cannot put balance on ≥ 3 days "
                "[WHO20] [OTAGO-MAN] — relax: --days 3, or practise balance at home",
            )
        if is_fall_prevention(self.p, self.sig):
            if self.p.weeks < dosing.FALL_PREVENTION_MIN_WEEKS:
                self.warn(
                    "R23",
                    f"{self.p.weeks} weeks is shorter than the 11–12 weeks that "
                    "worked best [LESINSKI15] — relax: --weeks 12",
                )
            low = [
                w.week
                for w in out_weeks
                if self._strength_balance_minutes(w) < dosing.FALL_PREVENTION_MIN_MINUTES_WEEK
            ]
            if low:
                least = min(self._strength_balance_minutes(w) for w in out_weeks)
                self.warn(
                    "R23",
                    f"weeks {_span(low)} hold as little as {least:.0f} min of strength and "
                    "balance, below the ≥ 90 min/week that worked best [LESINSKI15] "
                    "(≥ 2–3 h/week [SHERRINGTON11] [SHERRINGTON19]) — relax: raise "
                    "--minutes or --days",
                )
        if any(s.copenhagen for s in self.t.sessions) and self.p.season != "in" and self.p.days < 2:
            self.warn(
                "R28",
                "Copenhagen adduction is done 2–3×/week before the season [HAROY19]; "
                "one session a week cannot hold that — relax: --days 2",
            )
        if "fifa-11-plus" in self.t.components and self.p.days < 2:
            self.warn("R26", "the 11+ warm-up belongs in ≥ 2 sessions a week [FIFA11] "
                      "[SOLIGARD08]; one session cannot hold that — relax: --days 2")  # fmt: skip
        if any(s.nordic for s in self.t.sessions) and not self.nordic:
            self.warn("R27", "no Nordic hamstring exercise fits your equipment/limitations")
        if any(s.copenhagen for s in self.t.sessions) and not self.copenhagen:
            self.warn("R28", "no Copenhagen adduction exercise fits your equipment/limitations")

    def _strength_balance_minutes(self, w: Week) -> float:
        secs = sum(
            seconds_of(b, _is_unilateral(self.all.get(b.exercise_id)))
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
            blocks: list[Block] = [warmup_block(self.warmups[i])]
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
                    d = replace(
                        d, intensity=ex.impact if ex.impact in dosing.PLYO_CLASSES else "low"
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
            secs = sum(seconds_of(b, _is_unilateral(self.all.get(b.exercise_id))) for b in ordered)
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
            "slow-eccentric",
            dosing.REST_ACCESSORY_S,
            reps=reps,
            why=f"Nordic hamstring protocol week {week} [PETERSEN11]; about half the hamstring "
            "injuries [VANDYK19]",
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
            "short-lever" if "long" not in ex.id else "long-lever",
            0,
            reps=reps,
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
        )

    def _load(
        self, ex: Exercise, d: Dose, reps: int | None, focus: str, w: WeekInfo
    ) -> float | None:
        """Starting load from the best recent e1RM (first exposure only; the progression rule
        moves it from there): %1RM blocks use the percentage, RIR/RPE blocks the RTS chart."""
        e1rm = self.inp.e1rm_kg.get(ex.id)
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


def _short(sol: selection.Solution) -> bool:
    """Did the solver leave any soft target unmet (a slack in the optimum)?"""
    return bool(
        sol.unfilled or sol.muscle_short or sol.muscle_over or sol.balance_days_short
        or sol.otago_short
    )  # fmt: skip


def _span(weeks: list[int]) -> str:
    """[1, 2, 3, 7] → "1–3, 7"."""
    runs: list[list[int]] = []
    for n in weeks:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def generate(inp: Inputs, exercises: Iterable[Exercise]) -> Plan:
    """The plan for ``inp`` over the catalog ``exercises``; same inputs and seed → same plan."""
    return _Planner(inp, exercises).build()
