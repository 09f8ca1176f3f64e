"""What the planner says when a rule cannot be met with these inputs: the warning in plain words,
the numbers behind it, and structured remedies (legday.domain.plan.remedy) that never ask for
what the person already gave. Mixed into the planner."""

from __future__ import annotations

import math
from typing import Any

from legday.domain.catalog.model import Exercise
from legday.domain.plan import candidates as cands
from legday.domain.plan import dosing, selection_problem
from legday.domain.plan.families import Template
from legday.domain.plan.family_slots import Slot
from legday.domain.plan.model import Week
from legday.domain.plan.profile import PlanProfile, Signals, is_fall_prevention
from legday.domain.plan.remedy import PlanRefused, Remedy


def span(weeks: list[int]) -> str:
    """[1, 2, 3, 7] → "1–3, 7"."""
    runs: list[list[int]] = []
    for n in weeks:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


class GapNotes:
    p: PlanProfile
    sig: Signals
    t: Template
    pool: list[Exercise]
    all: dict[str, Exercise]
    nordic: list[Exercise]
    copenhagen: list[Exercise]
    warmups: list[str]
    warnings: list[str]
    remedies: list[dict[str, Any]]
    # R3 gaps already said: (session, slot words) → (minutes short, warning, remedy entry)
    r3_said: dict[tuple[int, str], tuple[float, str, dict[str, Any] | None]]

    def warn(self, rule: str | None, text: str) -> None:
        line = f"{rule}: {text}" if rule else text
        if line not in self.warnings:
            self.warnings.append(line)

    def relax(self, rule: str | None, text: str, options: list[Remedy]) -> None:
        """A warning with what to change; options the person already meets are dropped."""
        kept = [r for r in options if self._asks_something_new(r)]
        tail = " — to change: " + " or ".join(r.words() for r in kept) if kept else ""
        self.warn(rule, text + tail)
        if kept:
            entry = {"rule": rule, "options": [r.as_json() for r in kept]}
            if entry not in self.remedies:
                self.remedies.append(entry)

    def _asks_something_new(self, r: Remedy) -> bool:
        if r.field == "days" and r.bound is not None:
            return self.p.days > r.bound if r.at_most else self.p.days < r.bound
        if r.field == "minutes" and r.bound is not None:
            return self.p.minutes < r.bound
        if r.field == "weeks" and r.bound is not None:
            return self.p.weeks < r.bound
        if r.field == "equipment":
            return bool(set(r.items) - set(self.p.equipment))
        if r.field == "goals":
            return len(self.p.goals) > 1
        return True

    def add_equipment(self, ids: list[str]) -> Remedy | None:
        """Equipment not listed yet that the catalog's fitting exercises use (at most three)."""
        have = set(self.p.equipment) | cands.ALWAYS_THERE
        want: list[str] = []
        for eid in ids:
            ex = self.all.get(eid)
            if ex is not None:
                want += [e for e in ex.equipment if e not in have and e not in want]
        return Remedy("equipment", items=tuple(want[:3])) if want else None

    def more_minutes(self, extra_s: float) -> Remedy:
        return Remedy("minutes", bound=self.p.minutes + max(1, math.ceil(extra_s / 60)))

    # --- refusal ---------------------------------------------------------------------------------
    def refuse(self, fixed_parts: list[tuple[str, float]], cheapest: float) -> None:
        """Refuse a session too short for its warm-up and one exercise, naming the parts."""
        parts = [*fixed_parts, ("the shortest exercise", cheapest)]
        need = sum(s for _, s in parts)
        if self.p.minutes * 60 >= need:
            return
        words = " + ".join(f"{label} {s / 60:.1f} min" for label, s in parts)
        options = [Remedy("minutes", bound=math.ceil(need / 60))]
        if len(self.p.goals) > 2:
            options.append(Remedy("goals"))
        raise PlanRefused(
            f"{self.p.minutes} min per session cannot hold {words} = {need / 60:.1f} min",
            tuple(parts),
            tuple(options),
        )

    # --- after solving ---------------------------------------------------------------------------
    def explain(self, sol: selection_problem.Solution, problem: selection_problem.Problem) -> None:
        for i, k in sol.unfilled:
            spec = self.t.sessions[i]
            slot = spec.slots[k]
            what = (
                f"extra {slot.side}-side work" if slot.side
                else f"{slot.role} work ({'/'.join(slot.patterns)})"
            )  # fmt: skip
            if not any(cands.fits_slot(ex, slot) for ex in self.pool):
                fitting = [e.id for e in self.all.values() if cands.fits_slot(e, slot)]
                extra = self.add_equipment(fitting)
                self.relax(
                    None,
                    f"no exercise for {what} fits the equipment and limitations",
                    [extra] if extra else [],
                )
                continue
            ref = next(r for r in problem.slots if (r.session, r.index) == (i, k))
            cheapest = min((c.seconds for c in ref.candidates), default=0.0)
            used = sum(
                c.seconds
                for r in problem.slots
                if r.session == i
                for c in r.candidates
                if sol.chosen.get((r.session, r.index)) == c.exercise_id
                and sol.trimmed.get((r.session, r.index), 0) == c.trim
            )
            left = problem.budgets_s[i] - used
            if left >= cheapest:
                continue  # time was there: the choice fell to other targets, not to time
            # One warning per session and missing slot over the whole plan: the mesocycle that
            # lacks the most time speaks for the others.
            short = cheapest - max(0.0, left)
            before = self.r3_said.get((i, what))
            if before is not None:
                if short <= before[0]:
                    continue
                self.warnings[:] = [w for w in self.warnings if w != before[1]]
                self.remedies[:] = [r for r in self.remedies if r is not before[2]]
            n_warn, n_rem = len(self.warnings), len(self.remedies)
            self.relax(
                "R3",
                f"session {i + 1} ({spec.focus}) has {max(0.0, left) / 60:.1f} min left at its "
                f"fullest week, less than the {cheapest / 60:.1f} min of {what}",
                [self.more_minutes(short), Remedy("goals")],
            )
            line = self.warnings[-1] if len(self.warnings) > n_warn else ""
            entry = self.remedies[-1] if len(self.remedies) > n_rem else None
            self.r3_said[(i, what)] = (short, line, entry)
        for m, short in sol.muscle_short.items():
            rule = "R10" if self.t.family == "hypertrophy" else "R11"
            self.relax(
                rule,
                f"{m} gets {short:g} weekly sets fewer than its target "
                f"({self.t.muscle_targets[m][0]:g})",
                [
                    Remedy("minutes", bound=self.p.minutes + 15),
                    Remedy("days", bound=self.p.days + 1),
                ],
            )
        for m, over in sol.muscle_over.items():
            self.relax("R10", f"{m} exceeds its weekly cap by {over:g} sets", [Remedy("goals")])
        if sol.balance_days_short:
            self.relax(
                "R22",
                f"balance fits on only {self.t.balance_days - sol.balance_days_short} days a "
                "week; ≥ 3 are advised [WHO20] [OTAGO-MAN]",
                [Remedy("days", bound=dosing.BALANCE_DAYS), Remedy("home-practice")],
            )
        if sol.otago_short:
            otago = [e.id for e in self.all.values() if e.pattern in dosing.OTAGO_ACTIONS]
            extra = self.add_equipment(otago)
            self.relax(
                "R24",
                "fewer than 4 of the 5 Otago muscle actions fit",
                [self.more_minutes(300), *([extra] if extra else [])],
            )

    def feasibility_notes(
        self, out_weeks: list[Week], minutes_of: Any, home_minutes: float = 0.0
    ) -> None:
        if self.t.balance_days and self.p.days < dosing.BALANCE_DAYS:
            self.relax(
                "R22",
                f"{self.p.days} session(s) a week cannot put balance on ≥ 3 days "
                "[WHO20] [OTAGO-MAN]",
                [Remedy("days", bound=dosing.BALANCE_DAYS), Remedy("home-practice")],
            )
        if is_fall_prevention(self.p, self.sig):
            if self.p.weeks < dosing.FALL_PREVENTION_MIN_WEEKS:
                self.relax(
                    "R23",
                    f"{self.p.weeks} weeks is shorter than the 11–12 weeks that worked best "
                    "[LESINSKI15]",
                    [Remedy("weeks", bound=12)],
                )
            # The prescribed home practice is scheduled exercise too (R23 counts it).
            low = [
                w.week
                for w in out_weeks
                if minutes_of(w) + home_minutes < dosing.FALL_PREVENTION_MIN_MINUTES_WEEK
            ]
            if low:
                least = min(minutes_of(w) for w in out_weeks)
                self.relax(
                    "R23",
                    f"the sessions of weeks {span(low)} hold as little as {least:.0f} min of "
                    "strength and balance, below the ≥ 90 min/week that worked best "
                    "[LESINSKI15]; the home practice adds the rest",
                    [
                        self.more_minutes(
                            (dosing.FALL_PREVENTION_MIN_MINUTES_WEEK - least) * 60 / self.p.days
                        ),
                        Remedy("days", bound=self.p.days + 1),
                    ],
                )
        protocol_days = [Remedy("days", bound=2)]
        if any(s.copenhagen for s in self.t.sessions) and self.p.season != "in" and self.p.days < 2:
            self.relax(
                "R28",
                "Copenhagen adduction is done 2–3×/week before the season [HAROY19]; one "
                "session a week cannot hold that",
                protocol_days,
            )
        if "fifa-11-plus" in self.t.components and self.p.days < 2:
            self.relax(
                "R26",
                "the 11+ warm-up belongs in ≥ 2 sessions a week [FIFA11] [SOLIGARD08]; one "
                "session cannot hold that",
                protocol_days,
            )
        for key, found in (("nordic", self.nordic), ("copenhagen", self.copenhagen)):
            wanted = any(getattr(s, key) for s in self.t.sessions)
            if wanted and not found:
                ids = [e.id for e in self.all.values() if key in e.id]
                extra = self.add_equipment(ids)
                name = "Nordic hamstring" if key == "nordic" else "Copenhagen adduction"
                self.relax(
                    "R27" if key == "nordic" else "R28",
                    f"no {name} exercise fits the equipment and limitations",
                    [extra] if extra else [],
                )

    def otago_notes(self, first: Week, problem: selection_problem.Problem) -> None:
        """Otago's sessions hold all five strength exercises [OTAGO-MAN]; a shorter session
        holds fewer, each then done less often than three times a week. Said with the session
        length that would hold them all: the missing exercises' time, plus R34's balance share
        of that extra time."""
        if self.t.family != "older-adult" or not first.sessions:
            return
        doable = {c.action for r in problem.slots for c in r.candidates if c.action}
        if not doable:
            return
        held = [
            {
                ex.pattern
                for b in s.blocks
                if (ex := self.all.get(b.exercise_id)) is not None
                and b.kind == "accessory"
                and ex.pattern in doable
            }
            for s in first.sessions
        ]
        fewest = min(len(h) for h in held)
        if fewest >= len(doable):
            return
        cheapest: dict[str, float] = {}
        for r in problem.slots:
            for c in r.candidates:
                if c.action:
                    cheapest[c.action] = min(cheapest.get(c.action, math.inf), c.seconds)
        most_missing = max(sum(cheapest[a] for a in doable - h) for h in held)
        extra_min = math.ceil(most_missing / 60 / (1 - dosing.FALL_BALANCE_SHARE))
        times = [sum(a in h for h in held) for a in sorted(doable)]
        lo, hi = fewest, max(len(h) for h in held)
        held_words = f"{lo}" if lo == hi else f"{lo}–{hi}"
        often = f"{min(times)}" if min(times) == max(times) else f"{min(times)}–{max(times)}"
        self.relax(
            None,
            f"{self.p.minutes}-min sessions hold {held_words} of the {len(doable)} Otago strength "
            f"exercises next to their balance work; Otago does all of them in every session "
            f"[OTAGO-MAN], here each comes {often}× a week instead of {len(held)}×",
            [Remedy("minutes", bound=self.p.minutes + extra_min)],
        )

    def rule_remedies(self, rule: str) -> list[Remedy]:
        """What to change when the checker still finds ``rule`` broken after generation."""
        if rule == "R47":
            # The ACL pathway's knee work missing for want of equipment is not fixed by time.
            need = [Slot("accessory", ("knee-extension",), "open-chain"),
                    Slot("accessory", ("knee-flexion",), "accessory")]  # fmt: skip
            lacking = [sl for sl in need if not any(cands.fits_slot(e, sl) for e in self.pool)]
            fitting = [e.id for e in self.all.values() for sl in lacking if cands.fits_slot(e, sl)]
            extra = self.add_equipment(fitting) if lacking else None
            if extra is not None:
                return [extra]
        more_time = Remedy("minutes", bound=self.p.minutes + 15)
        more_days = Remedy("days", bound=self.p.days + 1)
        fewer_days = Remedy("days", bound=max(1, self.p.days - 1), at_most=True)
        table: dict[str, list[Remedy]] = {
            "R3": [more_time, Remedy("goals")],
            "R6": [fewer_days],
            "R7": [fewer_days],
            "R8": [Remedy("days", bound=3, at_most=True)],
            "R10": [more_days, more_time],
            "R11": [Remedy("days", bound=2), more_time],
            "R22": [Remedy("days", bound=3), Remedy("home-practice")],
            "R23": [more_time, more_days, Remedy("weeks", bound=12)],
            "R26": [Remedy("days", bound=2), Remedy("minutes", bound=30)],
            "R27": [more_days],
            "R28": [Remedy("days", bound=2)],
        }
        return table.get(rule, [more_time, more_days, Remedy("goals")])
