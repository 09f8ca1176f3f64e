"""Generate a plan: family template → one solved weekly template per mesocycle → weekly doses by
rule → sessions with warm-ups, protocols and durations → the rule checker (docs/evidence/rules.md),
whose findings the plan carries as warnings (never a silently broken plan)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from legday.domain.catalog.model import Exercise
from legday.domain.errors import InvalidInput
from legday.domain.plan import candidates as cands
from legday.domain.plan import dosing, rules, selection
from legday.domain.plan.families import Slot, Template, build_template
from legday.domain.plan.model import Plan, SolverReport, Week
from legday.domain.plan.periodization import Dose, dose, weeks
from legday.domain.plan.profile import TAPER_WEEKS, PlanProfile, Signals, is_fall_prevention
from legday.domain.plan.sessions import (
    WARMUP_FIFA11,
    WARMUP_IDS,
    WARMUP_OTAGO,
    WARMUP_RAMP,
    block_seconds,
    specific_warmup_seconds,
)
from legday.domain.plan.sources import cite
from legday.domain.plan.weekbuild import WeekBuilder, body_weight_dose, is_unilateral

CANDIDATES_PER_SLOT = 8  # first, small model: best-scored candidates per slot
BUCKET_EXTRA = 2  # plus the best two of every other mix of target muscles
FIFA11_MIN_SESSION = 35  # minutes: the 11+ takes ~20 [FIFA11]; less leaves no room to train


@dataclass(frozen=True, slots=True)
class Inputs:
    profile: PlanProfile
    signals: Signals
    athlete: str
    e1rm_kg: Mapping[str, float]  # best recent e1RM per exercise id (from stored sets)
    family: str | None = None
    time_limit_s: float = 2.0


def _dose_seconds(d: Dose, unilateral: bool) -> float:
    return block_seconds(
        d.sets, d.reps, d.seconds, d.contacts, d.rest_s, unilateral, distance_m=d.distance_m
    )


def _hard(d: Dose) -> bool:
    if d.intensity_key == "level" or isinstance(d.intensity, str):
        return False
    if d.intensity_key == "pct_1rm":
        return d.intensity >= 60
    rpe = d.intensity if d.intensity_key == "rpe" else 10 - d.intensity
    return rpe >= 7


class _Planner(WeekBuilder):
    def __init__(self, inp: Inputs, exercises: Iterable[Exercise]) -> None:
        self.inp = inp
        self.e1rm = dict(inp.e1rm_kg)
        self.p = inp.profile
        self.sig = inp.signals
        self.all = {e.id: e for e in exercises}
        self.links = cands.graph_links(self.all.values())
        self.t: Template = build_template(self.p, self.sig, inp.family)
        self.squat_ratio = self._squat_ratio()
        self.pool = cands.pool(self.all.values(), self.p, self.sig, self.squat_ratio, self.t.family)
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
        if not cands.externally_loadable(ex):
            # Time and sets as they will be prescribed: reps to RIR, never %1RM (R31).
            if lo_d.intensity_key == "pct_1rm":
                lo_d = body_weight_dose(lo_d)
            if hi_d.intensity_key == "pct_1rm":
                hi_d = body_weight_dose(hi_d)
        uni = is_unilateral(ex)
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
            score=cands.score(
                ex,
                slot,
                self.p,
                self.p.seed,
                meso,
                prev,
                ex.id in self.inp.e1rm_kg,
                self.t.family,
                self.links,
            ),
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
        root, docs/evidence/engineering.md#solver-scale); if that leaves any soft target short,
        solve again on every candidate, starting from the first answer, and keep the better of the
        two. "Optimal" is the solver's word for the model it solved (within MIP_GAP)."""
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
                    and cands.level_ok(ex, self.p, self.sig, slot, self.t.family)
                ]
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
            self.warn(
                "R10",
                f"{m} exceeds its weekly cap by {over:g} sets — relax: fewer goals or a "
                "different --equipment mix",
            )
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
                    f"{where}: {v.message} ({rules.RULES[v.rule]}) — the generator could "
                    f"not avoid this with these inputs; relax: {self._relax(v.rule)}",
                )
                plan = replace(plan, warnings=tuple(self.warnings))
        return plan

    def _relax(self, rule: str) -> str:
        """The input to change for ``rule``; never one the user already gave as asked."""
        if rule == "R11" and self.p.days >= 2:
            return "raise --minutes or name fewer goals"
        return RELAX.get(rule, RELAX_ANY)

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
            self.warn(
                "R27",
                "no Nordic hamstring exercise fits your equipment/limitations — relax: add "
                "--equipment band or bench",
            )
        if any(s.copenhagen for s in self.t.sessions) and not self.copenhagen:
            self.warn(
                "R28",
                "no Copenhagen adduction exercise fits your equipment/limitations — relax: add "
                "--equipment bench",
            )


# Which input to change when a rule cannot be met (the issue: say which constraint to relax).
RELAX_ANY = "raise --minutes or --days, or name fewer goals"
RELAX: dict[str, str] = {
    "R1": "add the equipment with --equipment",
    "R3": "raise --minutes or name fewer goals",
    "R6": "use fewer --days so heavy sessions can be 48 h apart",
    "R7": "use fewer --days so jump days can be 48 h apart",
    "R8": "use 2–3 --days for a beginner",
    "R9": "add --equipment barbell or trap-bar, or raise --minutes",
    "R10": "raise --days to 3–4 or --minutes",
    "R11": "use --days 2 or more and raise --minutes",  # with --days ≥ 2: see _relax
    "R22": "--days 3 (balance on 3 days a week)",
    "R23": "raise --minutes or --days, or --weeks 12",
    "R24": "add --equipment ankle-weights,band or raise --minutes",
    "R26": "--days 2 and --minutes 35 or more for the 11+ warm-up",
    "R27": "more --days for the Nordic protocol",
    "R28": "--days 2 or more before the season",
    "R29": "--days 2 and a few more --minutes for stretching",
}


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
