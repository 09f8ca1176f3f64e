"""The plan as plain data: plan → weeks → sessions → blocks, and its JSON contract (
docs/plan-format.md). Extra keys (``progression``, ``load_kg``, ``side``,
``rep_range``, ``description``, ``why``) ride along for the Train issue and `plan why`; readers
ignore what they do not know.

Block contract details:
- An exercise block names a catalog exercise in ``exercise_id`` (every id resolves in the catalog).
- A warm-up routine block has ``routine`` instead of ``exercise_id``: ``"ramp"`` (the RAMP general
  warm-up [JEFFREYS07]) or a structured programme of ``legday.domain.catalog.programmes``
  (``"fifa-11-plus"``, ``"otago"``); its ``seconds`` is the routine's length.
- The dose per set is ``reps``, ``seconds``, ``contacts`` or ``distance_m`` (sprints: ``sets``
  repeats of ``distance_m`` metres, each ``reps`` = 1 run).
- ``intensity`` holds one of ``pct_1rm`` | ``rpe`` | ``rir`` | ``level`` | ``pct_work``; a level
  is a number (1 = easiest) and its words, when it has any, are in ``description``. ``pct_1rm``
  appears only on exercises that can be externally loaded (R31). ``pct_work`` is a warm-up set's
  share of the same exercise's work weight in that session (in %), for lifts dosed by effort.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from legday.domain.errors import InvalidInput
from legday.domain.terms import slot

BLOCK_KINDS: tuple[str, ...] = ("warmup", "power", "strength", "accessory", "balance", "mobility")
# The order rule R5 wants inside a session (docs/evidence/rules.md#r5, [ACSM09]).
KIND_ORDER: dict[str, int] = {k: i for i, k in enumerate(BLOCK_KINDS)}
INTENSITY_KEYS: tuple[str, ...] = ("pct_1rm", "rpe", "rir", "level", "pct_work")
PROGRESSIONS: tuple[str, ...] = (
    "linear", "double", "rpe", "waves", "holds", "contacts", "repeat",
)  # fmt: skip
# Warm-up routines a block may name instead of an exercise: the RAMP general warm-up and the
# catalog's structured programmes (legday.domain.catalog.programmes).
ROUTINES: tuple[str, ...] = ("ramp", "fifa-11-plus", "otago")
# Ids older plans used for the same routines (read back as routines).
LEGACY_ROUTINE_IDS: dict[str, str] = {
    "warmup-ramp": "ramp",
    "warmup-fifa-11-plus": "fifa-11-plus",
    "warmup-otago": "otago",
}


@dataclass(frozen=True, slots=True)
class Block:
    kind: str
    exercise_id: str  # "" for a routine block (the JSON then has ``routine`` instead)
    sets: int
    intensity_key: str
    intensity: float | str
    rest_s: int
    reps: int | None = None
    seconds: int | None = None
    contacts: int | None = None  # per set
    progression: str | None = None
    rep_range: tuple[int, int] | None = None
    load_kg: float | None = None
    side: str | None = None  # "left"/"right" for side-specific extra work
    why: str | None = None  # the rule and source behind this block (explain.py reads it)
    routine: str | None = None  # a warm-up routine (ROUTINES) instead of an exercise
    distance_m: int | None = None  # per set (sprints)
    description: str | None = None  # the words of a numeric level ("two hands support")

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        if self.routine is not None:
            out["routine"] = self.routine
        else:
            out["exercise_id"] = self.exercise_id
        out["sets"] = self.sets
        if self.reps is not None:
            out["reps"] = self.reps
        if self.seconds is not None:
            out["seconds"] = self.seconds
        if self.contacts is not None:
            out["contacts"] = self.contacts
        if self.distance_m is not None:
            out["distance_m"] = self.distance_m
        out["intensity"] = {self.intensity_key: self.intensity}
        out["rest_s"] = self.rest_s
        if self.progression is not None:
            out["progression"] = self.progression
        if self.rep_range is not None:
            out["rep_range"] = list(self.rep_range)
        if self.load_kg is not None:
            out["load_kg"] = self.load_kg
        if self.side is not None:
            out["side"] = self.side
        if self.description is not None:
            out["description"] = self.description
        if self.why is not None:
            out["why"] = self.why
        return out


@dataclass(frozen=True, slots=True)
class Session:
    day: int  # ISO weekday of ``date`` (1 = Monday)
    date: date
    focus: str
    est_minutes: float
    blocks: tuple[Block, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "day": self.day,
            "date": self.date.isoformat(),
            "focus": self.focus,
            "est_minutes": self.est_minutes,
            "blocks": [b.as_json() for b in self.blocks],
        }


@dataclass(frozen=True, slots=True)
class Week:
    week: int
    deload: bool
    sessions: tuple[Session, ...]
    phase: str = "loading"

    def as_json(self) -> dict[str, Any]:
        return {
            "week": self.week,
            "deload": self.deload,
            "phase": self.phase,
            "sessions": [s.as_json() for s in self.sessions],
        }


@dataclass(frozen=True, slots=True)
class SolverReport:
    status: str  # "optimal" | "feasible" | "rules" (no solver needed)
    seconds: float
    objective: float | None = None

    def as_json(self) -> dict[str, Any]:
        return {"status": self.status, "seconds": self.seconds, "objective": self.objective}


@dataclass(frozen=True, slots=True)
class Plan:
    athlete: str
    family: str
    goal_weights: dict[str, float]
    weeks: tuple[Week, ...]
    solver: SolverReport
    sources: tuple[str, ...]
    warnings: tuple[str, ...]
    profile: dict[str, Any] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)  # walking prescription, off-day notes

    def as_json(self) -> dict[str, Any]:
        return {
            "athlete": self.athlete,
            "family": self.family,
            "goal_weights": dict(self.goal_weights),
            "weeks": [w.as_json() for w in self.weeks],
            "solver": self.solver.as_json(),
            "sources": list(self.sources),
            "warnings": list(self.warnings),
            "profile": dict(self.profile),
            "extras": dict(self.extras),
        }

    def with_warnings(self, more: list[str]) -> Plan:
        return replace(self, warnings=self.warnings + tuple(more))


def _int(d: dict[str, Any], key: str, where: str, required: bool = True) -> int | None:
    v = d.get(key)
    if v is None:
        if required:
            raise InvalidInput(f"{where}: '{key}' is missing", f"see {slot('plan_json')}")
        return None
    if isinstance(v, bool) or not isinstance(v, int | float) or int(v) != v or v < 0:
        raise InvalidInput(f"{where}: '{key}' is {v!r}", "expected a whole number ≥ 0")
    return int(v)


def block_from_json(d: Any, where: str) -> Block:
    if not isinstance(d, dict):
        raise InvalidInput(f"{where} is not an object", "expected a block object")
    kind = d.get("kind")
    if kind not in BLOCK_KINDS:
        raise InvalidInput(f"{where}: kind {kind!r} is not known", "use " + ", ".join(BLOCK_KINDS))
    ex = d.get("exercise_id")
    routine = d.get("routine")
    if routine is None and isinstance(ex, str) and ex in LEGACY_ROUTINE_IDS:
        routine, ex = LEGACY_ROUTINE_IDS[ex], None
    if routine is not None:
        if routine not in ROUTINES:
            raise InvalidInput(
                f"{where}: routine {routine!r} is not known", "use " + ", ".join(ROUTINES)
            )
        ex = ""
    elif not isinstance(ex, str) or not ex:
        raise InvalidInput(
            f"{where}: exercise_id is missing",
            "expected a catalog exercise id (or a warm-up routine: " + ", ".join(ROUTINES) + ")",
        )
    inten = d.get("intensity")
    if not isinstance(inten, dict) or len(inten) != 1 or next(iter(inten)) not in INTENSITY_KEYS:
        raise InvalidInput(
            f"{where}: intensity {inten!r} is not understood",
            "expected one of " + ", ".join(INTENSITY_KEYS) + ' e.g. {"rpe": 7}',
        )
    key, value = next(iter(inten.items()))
    if key != "level" and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise InvalidInput(f"{where}: intensity {key} = {value!r}", "expected a number")
    if key == "pct_work" and (kind != "warmup" or not 0 < value < 100):
        raise InvalidInput(
            f"{where}: intensity pct_work = {value!r} on a {kind} block",
            "pct_work is a warm-up set's share of the work weight: on warmup blocks, "
            "between 0 and 100",
        )
    reps, seconds, contacts, distance = (
        _int(d, k, where, False) for k in ("reps", "seconds", "contacts", "distance_m")
    )
    if reps is None and seconds is None and contacts is None and distance is None:
        raise InvalidInput(
            f"{where}: needs reps, seconds, contacts or distance_m", "give one of them per set"
        )
    rr = d.get("rep_range")
    rep_range = (int(rr[0]), int(rr[1])) if isinstance(rr, list) and len(rr) == 2 else None
    load = d.get("load_kg")
    return Block(
        kind=str(kind),
        exercise_id=ex,
        sets=_int(d, "sets", where) or 0,
        intensity_key=key,
        intensity=value if key == "level" else float(value),
        rest_s=_int(d, "rest_s", where) or 0,
        reps=reps,
        seconds=seconds,
        contacts=contacts,
        progression=d.get("progression") if d.get("progression") in PROGRESSIONS else None,
        rep_range=rep_range,
        load_kg=float(load)
        if isinstance(load, int | float) and not isinstance(load, bool)
        else None,
        side=d.get("side") if d.get("side") in ("left", "right") else None,
        why=d.get("why") if isinstance(d.get("why"), str) else None,
        routine=str(routine) if routine is not None else None,
        distance_m=distance,
        description=d.get("description") if isinstance(d.get("description"), str) else None,
    )


def plan_from_json(d: Any) -> Plan:
    """Read the JSON contract back (a stored plan, or one a coach edited and imports)."""
    if not isinstance(d, dict) or not isinstance(d.get("weeks"), list):
        raise InvalidInput("this is not a legday plan", "expected an object with a 'weeks' list")
    weeks: list[Week] = []
    for wi, w in enumerate(d["weeks"], 1):
        if not isinstance(w, dict) or not isinstance(w.get("sessions"), list):
            raise InvalidInput(f"week #{wi} has no 'sessions' list", "expected the plan contract")
        sessions: list[Session] = []
        for si, s in enumerate(w["sessions"], 1):
            where = f"week {wi} session {si}"
            if not isinstance(s, dict) or not isinstance(s.get("blocks"), list):
                raise InvalidInput(f"{where} has no 'blocks' list", "expected the plan contract")
            try:
                day_date = date.fromisoformat(str(s.get("date")))
            except ValueError:
                raise InvalidInput(
                    f"{where}: date {s.get('date')!r}", "expected YYYY-MM-DD"
                ) from None
            est = s.get("est_minutes", 0)
            blocks = tuple(
                block_from_json(b, f"{where} block {bi}") for bi, b in enumerate(s["blocks"], 1)
            )
            sessions.append(
                Session(
                    day=day_date.isoweekday(),
                    date=day_date,
                    focus=str(s.get("focus", "")),
                    est_minutes=float(est) if isinstance(est, int | float) else 0.0,
                    blocks=blocks,
                )
            )
        weeks.append(
            Week(
                week=_int(w, "week", f"week #{wi}") or wi,
                deload=bool(w.get("deload", False)),
                sessions=tuple(sessions),
                phase=str(w.get("phase", "loading")),
            )
        )
    solver: dict[str, Any] = d["solver"] if isinstance(d.get("solver"), dict) else {}
    goals: dict[str, Any] = d["goal_weights"] if isinstance(d.get("goal_weights"), dict) else {}
    return Plan(
        athlete=str(d.get("athlete", "")),
        family=str(d.get("family", "custom")),
        goal_weights={str(k): float(v) for k, v in goals.items() if isinstance(v, int | float)},
        weeks=tuple(weeks),
        solver=SolverReport(
            status=str(solver.get("status", "edited")),
            seconds=float(solver.get("seconds", 0.0) or 0.0),
            objective=solver.get("objective"),
        ),
        sources=tuple(str(x) for x in d.get("sources", []) if isinstance(x, str)),
        warnings=tuple(str(x) for x in d.get("warnings", []) if isinstance(x, str)),
        profile=dict(d.get("profile") or {}),
        extras=dict(d.get("extras") or {}),
    )
