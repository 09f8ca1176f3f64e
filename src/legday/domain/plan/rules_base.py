"""Shared definitions of the rule checker (docs/evidence/rules.md): what counts as heavy, a hard
set, a plyometric day; the checker's state; the helpers every rule module uses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from legday.domain.catalog.model import Exercise
from legday.domain.plan import dosing
from legday.domain.plan.model import Block, Plan, Session

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
    "R31": "% 1RM only on externally loaded work",
    "R32": "healed hamstring strain gets Nordics; a current one none",
    "R33": "fall path only by STEADI",
    "R34": "fall-prevention balance share and weekly minutes",
    "R35": "balance for ≥ 65-year-olds",
    "R36": "levels held, advanced by criteria",
    "R37": "% 1RM only on bilateral bar and machine lifts",
    "R38": "feasibility monotone in minutes and days",
    "R39": "in-season maintenance",
    "R40": "deloads reduce protocol work",
    "R41": "rest fits the load",
    "R42": "body-weight work moves up the progression graph",
    "R43": "no muscle at RIR ≤ 1 on consecutive days",
    "R44": "peaking without all-out doubles",
    "R45": "power plans jump and hinge",
    "R46": "the 11+'s Nordics count toward the protocol",
    "R47": "ACL pathway",
    "R48": "runners train calves and abductors",
    "R49": "asymmetry remedies",
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
    """*heavy* (docs/evidence/rules.md#definitions): %1RM ≥ 80, or RPE ≥ 8, or RIR ≤ 2 for rep
    targets ≤ 6."""
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
    """*hard set* (docs/evidence/rules.md#definitions): RPE ≥ 7 / RIR ≤ 3 / %1RM ≥ 60 (warm-ups
    never count)."""
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


def _load(b: Block) -> float | None:
    return b.load_kg


def _pct(b: Block) -> float | None:
    return b.intensity if b.intensity_key == "pct_1rm" and isinstance(b.intensity, float) else None


def _contacts(b: Block) -> int:
    return (b.contacts or 0) * b.sets if b.kind == "power" else 0


def _block_minutes(b: Block, exs: Mapping[str, Exercise]) -> float:
    from legday.domain.plan.sessions import seconds_of

    ex = exs.get(b.exercise_id)
    from legday.domain.plan.candidates import externally_loadable

    loaded = ex is None or externally_loadable(ex) or "nordic" in ex.id
    return seconds_of(b, ex is not None and ex.laterality == "unilateral", loaded) / 60.0


def _warned_any(plan: Plan, rule: str) -> bool:
    return _warned(plan, rule)


class CheckerBase:
    def __init__(self, plan: Plan, exercises: Mapping[str, Exercise]) -> None:
        self.plan = plan
        self.ex = exercises
        pr = plan.profile
        self.level = str(pr.get("level", "beginner"))
        self.age: int | None = pr.get("age")
        self.days = int(pr.get("days", 0) or 0)
        self.minutes = float(pr.get("minutes", 0) or 0)
        self.equipment = set(pr.get("equipment") or []) | {"none", "wall"}  # a wall is always there
        self.limitations = set(pr.get("limitations") or [])
        self.sport = str(pr.get("sport") or "")
        self.season = str(pr.get("season") or "off")
        self.top = _top_goals(plan)
        self.fall = bool(plan.extras.get("fall_prevention"))
        self.out: list[Violation] = []

    def nordic_weeks(self) -> list[tuple[int, bool, int, int]]:
        """(week, deload, Nordic reps in the week, separate Nordic blocks): the 11+ warm-ups'
        own Nordics count (R46, level reps upper bounds [FIFA11])."""
        out: list[tuple[int, bool, int, int]] = []
        for w in self.plan.weeks:
            reps = blocks = 0
            for s in w.sessions:
                for b in s.blocks:
                    ex = self.ex.get(b.exercise_id)
                    if "nordic" in b.exercise_id and (ex is None or ex.pattern == "knee-flexion"):
                        reps += b.sets * (b.reps or 0)
                        blocks += 1
                    elif b.routine == "fifa-11-plus":
                        lvl = int(b.intensity) if isinstance(b.intensity, float) else 1
                        reps += dosing.FIFA11_NORDIC_REPS.get(lvl, dosing.FIFA11_NORDIC_REPS[3])
            out.append((w.week, w.deload, reps, blocks))
        return out

    def _meet_week(self, sessions: tuple[Session, ...]) -> bool:
        """The competition week: no sessions are planned on or after the meet day (R44)."""
        comp = self.plan.profile.get("competition")
        if not comp or not sessions:
            return False
        meet = date.fromisoformat(str(comp))
        first = min(s.date for s in sessions)
        return first <= meet < first + timedelta(days=7)

    def v(self, rule: str, week: int | None, day: date | None, msg: str) -> None:
        self.out.append(Violation(rule, week, day, msg))

    def run(self) -> None:
        for name in sorted(dir(self)):
            if name.startswith("r") and name[1:].isdigit():
                getattr(self, name)()
        self.out.sort(key=lambda x: (int(x.rule[1:]), x.week or 0, x.date or date.min))

    def blocks(self) -> list[tuple[int, Session, Block]]:
        return [(w.week, s, b) for w in self.plan.weeks for s in w.sessions for b in s.blocks]

    def _plyo_day(self, s: Session) -> bool:
        return any(
            (c := plyo_class(self.ex.get(b.exercise_id))) is not None and c >= 1
            for b in s.blocks
            if b.kind == "power"
        )

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

    def _protocol_ids(self) -> set[str]:
        return {i for i in self.ex if "nordic" in i or "copenhagen" in i}

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
