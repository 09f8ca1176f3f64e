"""The checkable rules of programming.md §9 as a checker: ``check(plan, exercises)`` returns the
violations, each naming its rule (R1…R30), week, session date and what is wrong.

Interpretations (written down because §9 leaves them open):
- "goal X" (R9, R10) means X is the plan's heaviest goal (ties count); R16 any weight on X.
- R12's "consecutive exposures" are those of the same exercise in sessions with the same focus: a
  daily-undulating week prescribes different intensities on different days by design [RHEA02].
- R15 (5/3/1 waves) and R30 (planned session RPE) apply to plans with a wave template or planned
  session RPE; the generator makes neither, so they are not checked. R18 applies when the profile
  names a competition date.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from legday.domain.catalog.model import Exercise
from legday.domain.plan import dosing
from legday.domain.plan.model import KIND_ORDER, Block, Plan, Session
from legday.domain.plan.profile import FIELD_COURT_SPORTS
from legday.domain.plan.sessions import WARMUP_FIFA11, WARMUP_IDS

LOWER_STRENGTH_PATTERNS = frozenset(
    {
        "squat",
        "hinge",
        "lunge",
        "step-up",
        "single-leg-squat",
        "knee-extension",
        "knee-flexion",
        "hip-extension",
        "hip-abduction",
        "hip-adduction",
        "calf",
        "tibialis",
    }
)
MUSCLE_GROUPS: dict[str, tuple[str, ...]] = {
    "quadriceps": ("quadriceps",),
    "hamstrings": ("hamstrings",),
    "glutes": ("gluteus-maximus",),
    "calves": ("gastrocnemius", "soleus"),
}
RULES: dict[str, str] = {
    "R1": "equipment the user listed",
    "R2": "no contraindicated exercise",
    "R3": "session length and sessions per week",
    "R4": "warm-up ≥ 5 min first",
    "R5": "block order",
    "R6": "≥ 48 h between heavy sessions for a muscle",
    "R7": "no plyometrics on consecutive days",
    "R8": "novice dose",
    "R9": "heavy squat/hinge weekly",
    "R10": "hypertrophy weekly sets",
    "R11": "≥ 2 strength days; maintenance volume",
    "R12": "load rise ≤ 10 %",
    "R13": "novice LP increments",
    "R14": "double progression reset",
    "R15": "5/3/1 waves",
    "R16": "scheduled deloads",
    "R17": "deload cuts",
    "R18": "taper",
    "R19": "foot-contact cap",
    "R20": "no shock drills when unsafe",
    "R21": "plyometric intensity one class a week",
    "R22": "balance on ≥ 3 days",
    "R23": "≥ 90 min/week strength + balance",
    "R24": "Otago muscle actions",
    "R25": "no high impact; walking",
    "R26": "11+ warm-up ≥ 2×/week",
    "R27": "Nordic protocol",
    "R28": "Copenhagen protocol",
    "R29": "static stretch dose",
    "R30": "load spikes",
}


@dataclass(frozen=True, slots=True)
class Violation:
    rule: str
    week: int | None
    date: date | None
    message: str

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "week": self.week,
            "date": self.date.isoformat() if self.date else None,
            "message": self.message,
        }


def effort_rpe(b: Block) -> float | None:
    """RPE of a block on the RIR scale (RPE = 10 − RIR [ZOURDOS16]); None for %1RM or levels."""
    if b.intensity_key == "rpe" and isinstance(b.intensity, float):
        return b.intensity
    if b.intensity_key == "rir" and isinstance(b.intensity, float):
        return 10.0 - b.intensity
    return None


def heavy_intensity(key: str, value: float | str, reps: int | None) -> bool:
    """§9 *heavy*: %1RM ≥ 80, or RPE ≥ 8, or RIR ≤ 2 for rep targets ≤ 6."""
    if isinstance(value, str):
        return False
    if key == "pct_1rm":
        return value >= 80
    if key == "rpe":
        return value >= 8
    if key == "rir":
        return value <= 2 and reps is not None and reps <= 6
    return False


def plyo_class(ex: Exercise | None) -> int | None:
    if ex is None or ex.pattern != "plyometric":
        return None
    return dosing.PLYO_CLASS_RANK.get(ex.impact, 0)


def is_heavy(b: Block, ex: Exercise | None) -> bool:
    if b.kind == "power":
        c = plyo_class(ex)
        return c is not None and c >= dosing.PLYO_CLASS_RANK["high"]
    return b.kind != "warmup" and heavy_intensity(b.intensity_key, b.intensity, b.reps)


def hard_sets(b: Block) -> float:
    """§9 *hard set*: RPE ≥ 7 / RIR ≤ 3 / %1RM ≥ 60 (warm-ups never count)."""
    if b.kind == "warmup" or isinstance(b.intensity, str):
        return 0.0
    if b.intensity_key == "pct_1rm":
        return float(b.sets) if b.intensity >= 60 else 0.0
    rpe = effort_rpe(b)
    return float(b.sets) if rpe is not None and rpe >= 7 else 0.0


def rules_direct(ex: Exercise, group: str) -> bool:
    """The group is a primary muscle of the exercise (direct work)."""
    return any(m in MUSCLE_GROUPS[group] for m in ex.primary_muscles)


def muscle_weight(ex: Exercise, group: str) -> float:
    names = MUSCLE_GROUPS[group]
    return max((m.weight for m in ex.muscles if m.muscle in names), default=0.0)


def weekly_sets(sessions: tuple[Session, ...], exs: Mapping[str, Exercise], group: str) -> float:
    total = 0.0
    for s in sessions:
        for b in s.blocks:
            ex = exs.get(b.exercise_id)
            if ex is not None and b.kind in ("strength", "accessory"):
                total += hard_sets(b) * muscle_weight(ex, group)
    return total


def _top_goals(plan: Plan) -> set[str]:
    if not plan.goal_weights:
        return set()
    top = max(plan.goal_weights.values())
    return {g for g, w in plan.goal_weights.items() if w >= top - 1e-9}


def _warned(plan: Plan, rule: str) -> bool:
    return any(w.startswith(rule + ":") or f"({rule})" in w for w in plan.warnings)


def check(plan: Plan, exercises: Mapping[str, Exercise]) -> list[Violation]:
    """Every §9 rule that applies to the plan's profile; an empty list means the plan passes."""
    c = _Checker(plan, exercises)
    c.run()
    return c.out


class _Checker:
    def __init__(self, plan: Plan, exercises: Mapping[str, Exercise]) -> None:
        self.plan = plan
        self.ex = exercises
        pr = plan.profile
        self.level = str(pr.get("level", "beginner"))
        self.age: int | None = pr.get("age")
        self.days = int(pr.get("days", 0) or 0)
        self.minutes = float(pr.get("minutes", 0) or 0)
        self.equipment = set(pr.get("equipment") or []) | {"none"}
        self.limitations = set(pr.get("limitations") or [])
        self.sport = str(pr.get("sport") or "")
        self.season = str(pr.get("season") or "off")
        self.top = _top_goals(plan)
        self.fall = bool(plan.extras.get("fall_prevention"))
        self.out: list[Violation] = []

    def v(self, rule: str, week: int | None, day: date | None, msg: str) -> None:
        self.out.append(Violation(rule, week, day, msg))

    def run(self) -> None:
        for name in sorted(dir(self)):
            if name.startswith("r") and name[1:].isdigit():
                getattr(self, name)()
        self.out.sort(key=lambda x: (int(x.rule[1:]), x.week or 0, x.date or date.min))

    def blocks(self) -> list[tuple[int, Session, Block]]:
        return [(w.week, s, b) for w in self.plan.weeks for s in w.sessions for b in s.blocks]

    # --- R1–R5: every plan ---------------------------------------------------------------------
    def r01(self) -> None:
        for wk, s, b in self.blocks():
            if b.exercise_id in WARMUP_IDS:
                continue
            ex = self.ex.get(b.exercise_id)
            if ex is None:
                self.v("R1", wk, s.date, f"{b.exercise_id} is not a catalog exercise")
                continue
            missing = set(ex.equipment) - self.equipment
            if missing:
                self.v("R1", wk, s.date, f"{ex.id} needs {', '.join(sorted(missing))}")

    def r02(self) -> None:
        for wk, s, b in self.blocks():
            ex = self.ex.get(b.exercise_id)
            if ex is not None and set(ex.contraindications) & self.limitations:
                bad = ", ".join(sorted(set(ex.contraindications) & self.limitations))
                self.v("R2", wk, s.date, f"{ex.id} is contraindicated with {bad}")

    def r03(self) -> None:
        for w in self.plan.weeks:
            if w.sessions and self.days and len(w.sessions) != self.days:
                self.v("R3", w.week, None, f"{len(w.sessions)} sessions, profile says {self.days}")
            for s in w.sessions:
                if self.minutes and s.est_minutes > 1.05 * self.minutes:
                    self.v("R3", w.week, s.date, f"{s.est_minutes:g} min > 1.05 × {self.minutes:g}")

    def r04(self) -> None:
        for w in self.plan.weeks:
            for s in w.sessions:
                if not any(b.kind in ("strength", "power") for b in s.blocks):
                    continue
                warm = 0
                for b in s.blocks:
                    if b.kind != "warmup":
                        break
                    if b.exercise_id in WARMUP_IDS:
                        warm += (b.seconds or 0) * b.sets
                if warm < dosing.WARMUP_GENERAL_S:
                    self.v(
                        "R4", w.week, s.date, f"warm-up {warm / 60:g} min before the first block"
                    )

    def r05(self) -> None:
        for w in self.plan.weeks:
            for s in w.sessions:
                ranks = [
                    KIND_ORDER["power"] if self.fall and b.kind == "balance" else KIND_ORDER[b.kind]
                    for b in s.blocks
                ]
                if any(a > b for a, b in itertools.pairwise(ranks)):
                    kinds = " → ".join(b.kind for b in s.blocks)
                    self.v("R5", w.week, s.date, f"block order {kinds}")

    # --- R6–R7: spacing --------------------------------------------------------------------------
    def r06(self) -> None:
        last: dict[str, tuple[date, int]] = {}
        for w in self.plan.weeks:
            for s in sorted(w.sessions, key=lambda x: x.date):
                muscles: set[str] = set()
                for b in s.blocks:
                    ex = self.ex.get(b.exercise_id)
                    if (
                        ex is not None
                        and b.kind == "strength"
                        and ex.pattern in LOWER_STRENGTH_PATTERNS
                        and is_heavy(b, ex)
                    ):
                        muscles |= set(ex.primary_muscles)
                for m in sorted(muscles):
                    if m in last and (s.date - last[m][0]).days < 2:
                        self.v(
                            "R6",
                            w.week,
                            s.date,
                            f"heavy {m} again after {(s.date - last[m][0]).days} day",
                        )
                    last[m] = (s.date, w.week)

    def _plyo_day(self, s: Session) -> bool:
        return any(
            (c := plyo_class(self.ex.get(b.exercise_id))) is not None and c >= 1
            for b in s.blocks
            if b.kind == "power"
        )

    def r07(self) -> None:
        days = sorted({s.date for w in self.plan.weeks for s in w.sessions if self._plyo_day(s)})
        for a, b in itertools.pairwise(days):
            if (b - a).days < 2:
                self.v("R7", None, b, f"plyometric days {a} and {b} are consecutive")

    # --- R8–R11: doses ---------------------------------------------------------------------------
    def _lower_days(self, sessions: tuple[Session, ...]) -> int:
        return sum(
            1
            for s in sessions
            if any(
                (ex := self.ex.get(b.exercise_id)) is not None
                and b.kind in ("strength", "accessory")
                and ex.pattern in LOWER_STRENGTH_PATTERNS
                for b in s.blocks
            )
        )

    def r08(self) -> None:
        if self.level != "beginner" or not self.top & {"strength", "hypertrophy", "health"}:
            return
        for w in self.plan.weeks:
            n = self._lower_days(w.sessions)
            if w.sessions and not 2 <= n <= 3 and not (self.days < 2 and n == self.days):
                self.v("R8", w.week, None, f"{n} lower-body resistance days (novice: 2–3)")
            for s in w.sessions:
                for b in s.blocks:
                    if b.kind not in ("strength", "accessory") or b.reps is None:
                        continue
                    if b.sets > 3:
                        self.v("R8", w.week, s.date, f"{b.exercise_id}: {b.sets} sets (novice ≤ 3)")
                    if not 5 <= b.reps <= 12 and b.exercise_id not in self._protocol_ids():
                        self.v(
                            "R8", w.week, s.date, f"{b.exercise_id}: {b.reps} reps (novice 5–12)"
                        )

    def _protocol_ids(self) -> set[str]:
        return {i for i in self.ex if "nordic" in i or "copenhagen" in i}

    def r09(self) -> None:
        if "strength" not in self.top or self.level == "beginner":
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
        if "hypertrophy" not in self.top:
            return
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

    # --- R12–R14: progression --------------------------------------------------------------------
    def _series(self) -> dict[tuple[str, str], list[tuple[int, Session, Block]]]:
        out: dict[tuple[str, str], list[tuple[int, Session, Block]]] = {}
        for w in self.plan.weeks:
            if w.deload:
                continue
            for s in sorted(w.sessions, key=lambda x: x.date):
                for b in s.blocks:
                    if b.kind in ("strength", "accessory", "power"):
                        out.setdefault((b.exercise_id, s.focus), []).append((w.week, s, b))
        return out

    def _steps(self, value: Any) -> list[tuple[int, Session, Block, Block]]:
        """Consecutive prescriptions of each series that both carry a value (load or %1RM):
        (week, session, earlier block, later block). Exposures without one are skipped."""
        out: list[tuple[int, Session, Block, Block]] = []
        for items in self._series().values():
            last: Block | None = None
            for wk, s, b in items:
                if value(b) is None:
                    continue
                if last is not None:
                    out.append((wk, s, last, b))
                last = b
        return out

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
        for w in self.plan.weeks:
            total = sum(
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
            n = sum(1 for s in w.sessions if any(b.exercise_id == WARMUP_FIFA11 for b in s.blocks))
            if w.sessions and n < 2 and not _warned(self.plan, "R26"):
                self.v("R26", w.week, None, f"11+ warm-up in {n} sessions (want ≥ 2)")

    def r27(self) -> None:
        first: int | None = None
        weeks_with = 0
        for w in self.plan.weeks:
            nb = [b for s in w.sessions for b in s.blocks if "nordic" in b.exercise_id]
            if not nb:
                continue
            first = w.week if first is None else first
            weeks_with += 1
            sessions, sets, reps = dosing.nordic_week(w.week - first + 1)
            if len(nb) > sessions:
                self.v("R27", w.week, None, f"Nordic in {len(nb)} sessions (protocol: {sessions})")
            for b in nb:
                if b.sets * (b.reps or 0) > sets * reps:
                    self.v(
                        "R27",
                        w.week,
                        None,
                        f"Nordic {b.sets} × {b.reps} > protocol {sets} × {reps}",
                    )
        if first is not None:
            span = len(self.plan.weeks) - first + 1
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
                and b.intensity == "static-stretch"
                and (not lo <= secs <= hi or secs * b.sets < 60)
            ):
                self.v("R29", wk, s.date, f"{b.exercise_id}: {b.sets} × {b.seconds} s stretch")
        if "mobility" in self.plan.goal_weights:
            for w in self.plan.weeks:
                n = sum(1 for s in w.sessions if any(b.kind == "mobility" for b in s.blocks))
                if w.sessions and n < 2 and self.days >= 2:
                    self.v("R29", w.week, None, f"mobility on {n} days (want ≥ 2)")


def _load(b: Block) -> float | None:
    return b.load_kg


def _pct(b: Block) -> float | None:
    return b.intensity if b.intensity_key == "pct_1rm" and isinstance(b.intensity, float) else None


def _contacts(b: Block) -> int:
    return (b.contacts or 0) * b.sets if b.kind == "power" else 0


def _block_minutes(b: Block, exs: Mapping[str, Exercise]) -> float:
    from legday.domain.plan.sessions import seconds_of

    ex = exs.get(b.exercise_id)
    return seconds_of(b, ex is not None and ex.laterality == "unilateral") / 60.0


def _warned_any(plan: Plan, rule: str) -> bool:
    return _warned(plan, rule)
