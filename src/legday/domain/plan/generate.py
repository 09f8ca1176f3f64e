"""Generate a plan: family template → one solved weekly template per mesocycle → weekly doses by
rule → sessions with warm-ups, protocols and durations → the rule checker (docs/evidence/rules.md),
whose findings the plan carries as warnings (never a silently broken plan)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from legday.domain.catalog.model import Exercise
from legday.domain.plan import candidates as cands
from legday.domain.plan import dosing, rules, selection, selection_problem
from legday.domain.plan.families import Template, build_template
from legday.domain.plan.gaps import GapNotes
from legday.domain.plan.home import HomePractice, home_practice
from legday.domain.plan.mesocycles import weeks
from legday.domain.plan.model import Plan, SolverReport, Week
from legday.domain.plan.problem import CANDIDATES_PER_SLOT, ProblemBuilder
from legday.domain.plan.profile import TAPER_WEEKS, PlanProfile, Signals, is_fall_prevention
from legday.domain.plan.remedy import Remedy
from legday.domain.plan.sessions import (
    WARMUP_FIFA11,
    WARMUP_IDS,
    WARMUP_NAMES,
    WARMUP_OTAGO,
    WARMUP_RAMP,
    block_seconds,
    specific_warmup_seconds,
)
from legday.domain.plan.sources import cite
from legday.domain.plan.weekbuild import (
    WeekBuilder,
)
from legday.domain.terms import slot

# Minutes: the 11+ takes ~20 [FIFA11]; a 30-min in-season session keeps it and trains ~10 min
# after it (legday's floor; with less time a 5-min RAMP warm-up replaces it).
FIFA11_MIN_SESSION = 30


@dataclass(frozen=True, slots=True)
class Inputs:
    profile: PlanProfile
    signals: Signals
    athlete: str
    e1rm_kg: Mapping[str, float]  # best recent e1RM per exercise id (from stored sets)
    family: str | None = None


class _Planner(WeekBuilder, GapNotes, ProblemBuilder):
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
        self.remedies: list[dict[str, object]] = []
        self.r3_said = {}
        self.problems: dict[int, selection_problem.Problem] = {}
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
            self.relax(
                "R26",
                f"the FIFA 11+ warm-up takes ~20 min [FIFA11]; sessions of "
                f"{self.p.minutes} min leave no time to train after it, so a 5-min RAMP "
                "warm-up is used",
                [Remedy("minutes", bound=FIFA11_MIN_SESSION)],
            )
        return out

    # --- fixed blocks ----------------------------------------------------------------------------
    def _nordic_peak_s(self) -> float:
        """The longest Nordic block of the plan (the protocol's peak week that the plan reaches)."""
        most = 0.0
        for step in range(1, min(self.p.weeks, len(dosing.NORDIC_PROTOCOL) + 1) + 1):
            _, sets, reps = self.nordic_dose(step)
            if sets:
                most = max(most, block_seconds(sets, reps, None, None, dosing.REST_NORDIC_S))
        return most

    def _copenhagen_peak_s(self) -> float:
        reps = dosing.copenhagen_reps(self.p.weeks)
        return block_seconds(1, reps, None, None, 0, unilateral=True)

    def _loaded_main(self) -> bool:
        """A specific warm-up (ramp sets of the first lift) only when that lift takes a load."""
        return bool(set(self.p.equipment) & cands.LOADED)

    def _nordic_per_week(self) -> int:
        if not self.nordic:
            return 0
        return max(self.nordic_dose(k)[0] for k in range(1, len(dosing.NORDIC_PROTOCOL) + 2))

    def fixed_seconds(self, i: int) -> float:
        return sum(s for _, s in self.fixed_parts(i))

    # --- selection -------------------------------------------------------------------------------
    def solve_meso(
        self, meso: int, previous: dict[tuple[int, int], str]
    ) -> selection_problem.Solution:
        """Solve on the best-scored few candidates per slot first (a small model closes at the
        root, docs/evidence/engineering.md#solver-scale); if that leaves any soft target short,
        solve again on every candidate, starting from the first answer, and keep the better of the
        two. "Optimal" is the solver's word for the model it solved (within MIP_GAP)."""
        small = self._problem(meso, previous, CANDIDATES_PER_SLOT)
        if self._need_s(small) > self.p.minutes * 60 and WARMUP_FIFA11 in self.warmups:
            # The 11+ leaves no room for one exercise: a RAMP warm-up instead keeps the request
            # feasible at every length the shorter warm-up fits (R38 monotone feasibility).
            self.warmups = [WARMUP_RAMP for _ in self.warmups]
            self.warn(
                "R26",
                f"the FIFA 11+ takes ~20 min [FIFA11]; with {self.p.minutes} min a session "
                "could not also hold its exercises, so a 5-min RAMP warm-up is used",
            )
            small = self._problem(meso, previous, CANDIDATES_PER_SLOT)
        self._check_possible(small)
        sol = selection.solve(small)
        self.problems[meso] = small
        if not _short(sol):
            return sol
        full = self._problem(meso, previous, None)
        full = replace(full, hint=dict(sol.chosen))
        again = selection.solve(full)
        better = again if (again.objective or -math.inf) >= (sol.objective or -math.inf) else sol
        if better is again:
            self.problems[meso] = full
        return replace(better, seconds=sol.seconds + again.seconds)

    def _cheapest_s(self, problem: selection_problem.Problem) -> float:
        first_required = [
            r for r in problem.slots if r.required and r.session == 0 and r.candidates
        ]
        return (
            min((c.seconds for c in first_required[0].candidates), default=0.0)
            if first_required
            else 0.0
        )

    def _need_s(self, problem: selection_problem.Problem) -> float:
        return self.fixed_seconds(0) + self._cheapest_s(problem)

    def _check_possible(self, problem: selection_problem.Problem) -> None:
        """Refuse outright what no choice of exercises can fix: a session too short for its
        warm-up, fixed blocks and one exercise (the issue's "4 minutes, five goals"); the
        refusal lists the parts, which add up (R38)."""
        self.refuse(self.fixed_parts(0), self._cheapest_s(problem))

    def fixed_parts(self, i: int) -> list[tuple[str, float]]:
        """The fixed blocks of session ``i`` by name; their seconds sum to ``fixed_seconds``."""
        spec = self.t.sessions[i]
        parts = [(f"the {WARMUP_NAMES[self.warmups[i]]}", float(WARMUP_IDS[self.warmups[i]]))]
        if any(s.kind == "strength" for s in spec.slots) and self._loaded_main():
            parts.append(("ramp sets", specific_warmup_seconds()))
        if spec.nordic and self.nordic and i in self.hosts[: self._nordic_per_week()]:
            parts.append(("the Nordic block", self._nordic_peak_s()))
        if (
            spec.copenhagen
            and self.copenhagen
            and i in self.copenhagen_hosts()[: self.copenhagen_per_week()]
        ):
            parts.append(("the Copenhagen block", self._copenhagen_peak_s()))
        return parts

    # --- weeks -----------------------------------------------------------------------------------
    def _tested_out_of_reach(self) -> None:
        """A rep max or logged sets on a lift whose equipment is not in the list: the plan
        cannot use that number, and the list may simply be incomplete (a back-squat rep max
        means a barbell at hand somewhere). Said with the equipment that would use it."""
        have = set(self.p.equipment) | cands.ALWAYS_THERE
        for eid in sorted(self.e1rm):
            ex = self.all.get(eid)
            if ex is None or set(ex.equipment) <= have:
                continue
            missing = tuple(e for e in ex.equipment if e not in have)
            self.relax(
                None,
                f"a {eid} result is recorded (it needs {', '.join(missing)}), but the "
                f"{slot('equipment')} lists none of that: the plan cannot load from it; if you "
                "have it, add it",
                [Remedy("equipment", items=missing)],
            )

    def build(self) -> Plan:
        self._tested_out_of_reach()
        sols: dict[int, selection_problem.Solution] = {}
        previous: dict[tuple[int, int], str] = {}
        for meso in sorted({w.meso for w in self.weeks}):
            sol = self.solve_meso(meso, previous)
            self.explain(sol, self.problems[meso])
            sols[meso] = sol
            previous = dict(sol.chosen)
        self.lp_load: dict[tuple[str, str], float] = {}
        self.seen: set[tuple[str, str]] = set()
        self.prev_plyo: int | None = None
        self.first_nordic: int | None = None
        self.nordic_step = 0
        self.cph_step = 0
        out_weeks = [self._week(w, sols[w.meso]) for w in self.weeks]
        home = self._home(out_weeks) if is_fall_prevention(self.p, self.sig) and out_weeks else None
        self.feasibility_notes(
            out_weeks, self._strength_balance_minutes, home.home_minutes if home else 0.0
        )
        if out_weeks:
            self.otago_notes(out_weeks[0], self.problems[self.weeks[0].meso])
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
                f"the solver stopped at its work limit (nodes, iterations) with a "
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
        if "acl-reconstruction" in self.p.limitations:
            # R47: cutting, shock jumps and the 11+ level 3 wait for the return-to-sport
            # battery (≥ 3 hop tests and quadriceps strength, LSI ≥ 90 % [GRINDEM16]).
            extras["return_to_sport"] = self.sig.return_to_sport
            extras["return_to_sport_open"] = list(self.sig.rts_detail)
            if not self.sig.return_to_sport:
                self.warn(
                    None,
                    "after ACL reconstruction: no cutting, sprinting or high-impact jumps until "
                    "the return-to-sport battery is met (3 hop tests and quadriceps strength, "
                    "each ≥ 90 % of the other leg) [GRINDEM16]",
                )
        if self.t.walking:
            extras["walking"] = {
                "per_week": dosing.WALKING_PER_WEEK,
                "minutes": dosing.WALKING_MINUTES,
                "pace": "comfortable" if (self.sig.frail or self.sig.fall_risk) else "brisk",
                "why": "walk ≥ 2×/week for 30 min, may be 3 × 10 min [OTAGO-MAN]; no brisk "
                "walking for high-risk people [SHERRINGTON11]",
            }
        if home is not None:
            extras["home_practice"] = home.as_json()
        if "knee-osteoarthritis" in self.p.limitations:
            extras["pain_monitoring"] = dosing.PAIN_MONITORING
            self.warn(None, "knee osteoarthritis: " + dosing.PAIN_MONITORING[0].lower()
                      + dosing.PAIN_MONITORING[1:])  # fmt: skip
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
                self.relax(
                    v.rule,
                    f"{where}: {v.message} ({rules.RULES[v.rule]}); the generator could "
                    "not avoid this with these inputs",
                    self.rule_remedies(v.rule),
                )
                plan = replace(plan, warnings=tuple(self.warnings))
        return replace(plan, extras={**plan.extras, "remedies": list(self.remedies)})

    def _home(self, out_weeks: list[Week]) -> HomePractice:
        """R34: the sessions' balance + functional minutes (the least week) topped up by daily
        home balance bouts, stated against ≥ 3 h a week; the gap, if any, is a warning."""
        least = min(self._strength_balance_minutes(w) for w in out_weeks)
        balance = [b for w in out_weeks[:1] for s in w.sessions for b in s.blocks
                   if b.kind == "balance"]  # fmt: skip
        ids = tuple(dict.fromkeys(b.exercise_id for b in balance))
        support = balance[0].description if balance else None
        hp = home_practice(least, ids, support)
        if hp.gap_minutes > 0:
            self.warn(
                "R34",
                f"sessions and home practice hold {hp.total_minutes:g} min of balance and "
                f"functional exercise a week, {hp.gap_minutes:g} min short of the ≥ "
                f"{hp.target_minutes} min that prevented the most falls [SHERRINGTON17]",
            )
        return hp


def _short(sol: selection_problem.Solution) -> bool:
    """Did the solver leave any soft target unmet (a slack in the optimum)?"""
    return bool(
        sol.unfilled or sol.muscle_short or sol.muscle_over or sol.balance_days_short
        or sol.otago_short
    )  # fmt: skip


def generate(inp: Inputs, exercises: Iterable[Exercise]) -> Plan:
    """The plan for ``inp`` over the catalog ``exercises``; same inputs and seed → same plan."""
    return _Planner(inp, exercises).build()
