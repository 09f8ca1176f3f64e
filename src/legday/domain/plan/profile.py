"""Plan inputs: the profile (stored with the athlete, overridden by a TOML file and by flags) and
the signals the latest assessments send to the planner (docs/evidence/doses.md#steadi STEADI
mapping)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from legday.domain.catalog.model import EQUIPMENT, LIMITATIONS, Exercise
from legday.domain.errors import InvalidInput
from legday.domain.records import LEVELS, AthleteInfo, parse_sex
from legday.domain.terms import slot
from legday.domain.weeks import next_monday

GOALS: tuple[str, ...] = (
    "strength",
    "hypertrophy",
    "power",
    "balance",
    "injury-prevention",
    "health",
    "mobility",
)
SEASONS: tuple[str, ...] = ("off", "pre", "in")
TAPER_WEEKS = 2  # a 2-week taper before a competition [BOSQUET07]
# legday's list of field/court sports (docs/evidence/rules.md#definitions; "legday's, not a
# source's").
FIELD_COURT_SPORTS: frozenset[str] = frozenset(
    {
        "soccer",
        "football",
        "futsal",
        "basketball",
        "handball",
        "volleyball",
        "rugby",
        "hockey",
        "ice-hockey",
        "field-hockey",
        "netball",
        "australian-football",
        "american-football",
        "tennis",
    }
)
# Sports whose injury-prevention plans add the Copenhagen adduction programme ([HAROY19]:
# football; docs/evidence/rules.md#r28 adds ice hockey and groin-risk sports).
GROIN_RISK_SPORTS: frozenset[str] = frozenset(
    {"soccer", "football", "futsal", "ice-hockey", "hockey", "australian-football", "rugby"}
)
PROFILE_KEYS: tuple[str, ...] = (
    "age",
    "sex",
    "mass_kg",
    "level",
    "goals",
    "sport",
    "days",
    "minutes",
    "equipment",
    "limitations",
    "weeks",
    "start",
    "seed",
    "season",
    "competition",
    "months_since_surgery",
)


@dataclass(frozen=True, slots=True)
class PlanProfile:
    level: str
    goals: tuple[tuple[str, float], ...]  # weights sum to 1, largest first
    days: int
    minutes: int
    equipment: tuple[str, ...]
    limitations: tuple[str, ...]
    weeks: int
    start: date
    seed: int = 0
    age: int | None = None
    sex: str | None = None
    mass_kg: float | None = None
    sport: str | None = None
    season: str = "off"
    competition: date | None = None  # a test or meet: the plan ends with a 2-week taper
    months_since_surgery: int | None = None  # ACL reconstruction: months since the operation

    @property
    def goal_weights(self) -> dict[str, float]:
        return dict(self.goals)

    def weight(self, goal: str) -> float:
        return self.goal_weights.get(goal, 0.0)

    @property
    def field_sport(self) -> bool:
        return (self.sport or "") in FIELD_COURT_SPORTS

    @property
    def adult(self) -> bool:
        return self.age is None or self.age >= 18

    def as_json(self) -> dict[str, Any]:
        return {
            "age": self.age,
            "sex": self.sex,
            "mass_kg": self.mass_kg,
            "level": self.level,
            "goals": {g: round(w, 4) for g, w in self.goals},
            "sport": self.sport,
            "season": self.season,
            "days": self.days,
            "minutes": self.minutes,
            "equipment": list(self.equipment),
            "limitations": list(self.limitations),
            "weeks": self.weeks,
            "start": self.start.isoformat(),
            "seed": self.seed,
            "competition": self.competition.isoformat() if self.competition else None,
            "months_since_surgery": self.months_since_surgery,
        }


def parse_goals(value: Any) -> dict[str, float]:
    """``["strength:2", "balance"]``, ``"strength:2,balance"`` or ``{"strength": 2}`` → weights."""
    items: list[tuple[str, float]] = []
    if isinstance(value, Mapping):
        for k, v in value.items():
            if isinstance(v, bool) or not isinstance(v, int | float):
                raise InvalidInput(f"goal weight {k}={v!r} is not a number", "e.g. strength = 2")
            items.append((str(k), float(v)))
    else:
        texts = [value] if isinstance(value, str) else list(value or [])
        for text in texts:
            for part in str(text).split(","):
                part = part.strip()
                if not part:
                    continue
                name, _, w = part.partition(":")
                try:
                    weight = float(w) if w else 1.0
                except ValueError:
                    raise InvalidInput(
                        f"goal weight in {part!r} is not a number", "use GOAL or GOAL:WEIGHT"
                    ) from None
                items.append((name.strip().lower(), weight))
    out: dict[str, float] = {}
    for name, weight in items:
        if name not in GOALS:
            raise InvalidInput(f"goal {name!r} is not known", "use " + ", ".join(GOALS))
        if not 0 < weight <= 100:
            raise InvalidInput(
                f"goal weight {weight:g} for {name}", "expected a number in (0, 100]"
            )
        out[name] = out.get(name, 0.0) + weight
    return out


def _list(value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    texts = [value] if isinstance(value, str) else list(value)
    out: list[str] = []
    for t in texts:
        out.extend(p.strip().lower() for p in str(t).split(",") if p.strip())
    return tuple(dict.fromkeys(out))


def _number(d: Mapping[str, Any], key: str, lo: float, hi: float, unit: str) -> float | None:
    v = d.get(key)
    if v is None:
        return None
    try:
        x = float(v)
    except (TypeError, ValueError):
        raise InvalidInput(
            f"{key} {v!r} is not a number", f"expected {lo:g}–{hi:g} {unit}"
        ) from None
    if not lo <= x <= hi:
        raise InvalidInput(
            f"{key} {x:g} is outside {lo:g}–{hi:g} {unit}", f"give {key} in that range"
        )
    return x


def default_goals(age: int | None) -> dict[str, float]:
    """Older adults default to strength + balance ([WHO20] ≥ 65: multicomponent with balance),
    everyone else to general strength and health ([WHO20] muscle strengthening ≥ 2 d/wk)."""
    if age is not None and age >= 65:
        return {"strength": 1.0, "balance": 1.0}
    return {"strength": 1.0, "health": 0.5}


def equipment_given(layers: Iterable[Mapping[str, Any]]) -> bool:
    """Does any profile layer (stored, file, flags) name the equipment?"""
    return any(layer.get("equipment") not in (None, "", (), []) for layer in layers)


def infer_equipment(done: Iterable[Exercise]) -> tuple[str, ...]:
    """The equipment of the catalog exercises an athlete has logged (what they have access to),
    body weight aside; empty when they only did body-weight work."""
    return tuple(sorted({e for ex in done for e in ex.equipment} - {"none"}))


def equipment_note(inferred: tuple[str, ...] | None) -> str:
    """The plan warning that says where the equipment came from when the user named none.
    ``inferred`` is None without any logged history."""
    if inferred is None:
        return (
            "no equipment given and no training history: body-weight exercises only — pass "
            f"{slot('equipment')} (e.g. barbell,dumbbell,bench) to plan with more"
        )
    if not inferred:
        return (
            f"equipment inferred from your history: body weight only; pass {slot('equipment')} to "
            "change"
        )
    return (
        f"equipment inferred from your history: {', '.join(inferred)}; pass {slot('equipment')} "
        "to change"
    )


def build_profile(
    athlete: AthleteInfo, layers: list[Mapping[str, Any]], today: date
) -> PlanProfile:
    """Merge the athlete's own facts with profile layers (stored, TOML file, flags — later wins)."""
    merged: dict[str, Any] = {}
    for layer in layers:
        for key, value in layer.items():
            if key not in PROFILE_KEYS:
                raise InvalidInput(
                    f"unknown plan profile key {key!r}", "use " + ", ".join(PROFILE_KEYS)
                )
            if value is None or value == () or value == []:
                continue
            if key == "goals":
                # A layer that names goals replaces the goals below it.
                merged["goals"] = parse_goals(value)
            else:
                merged[key] = value
    age_f = _number(merged, "age", 5, 110, "years")
    age = int(age_f) if age_f is not None else athlete.age_on(today)
    sex_text = str(merged.get("sex") or athlete.sex or "") or None
    sex = parse_sex(sex_text) if sex_text is not None else None
    mass = _number(merged, "mass_kg", 20, 350, "kg")
    mass = mass if mass is not None else athlete.body_mass_kg
    level = str(merged.get("level") or athlete.level).lower()
    if level not in LEVELS:
        raise InvalidInput(f"level {level!r} is not known", "use " + ", ".join(LEVELS))
    goals = merged.get("goals") or default_goals(age)
    total = sum(goals.values())
    ordered = sorted(((g, w / total) for g, w in goals.items()), key=lambda gw: (-gw[1], gw[0]))
    days = _number(merged, "days", 1, 7, "days per week")
    minutes = _number(merged, "minutes", 1, 240, "minutes per session")
    weeks = _number(merged, "weeks", 1, 52, "weeks")
    seed = _number(merged, "seed", 0, 2**31 - 1, "")
    equipment = _list(merged.get("equipment"), "equipment") or ("none",)
    for e in equipment:
        if e not in EQUIPMENT:
            raise InvalidInput(f"equipment {e!r} is not known", "use " + ", ".join(EQUIPMENT))
    limitations = tuple(dict.fromkeys(athlete.limitations + _list(merged.get("limitations"), "")))
    for lim in limitations:
        if lim not in LIMITATIONS:
            raise InvalidInput(f"limitation {lim!r} is not known", "use " + ", ".join(LIMITATIONS))
    season = str(merged.get("season") or "off").lower()
    if season not in SEASONS:
        raise InvalidInput(f"season {season!r} is not known", "use off, pre or in")
    start = _date(merged.get("start"), "start") or next_monday(today)
    competition = _date(merged.get("competition"), "competition")
    total = int(weeks) if weeks is not None else 12
    if competition is not None:
        if competition < start:
            raise InvalidInput(
                f"competition {competition} is before the start {start}",
                f"give a competition at least {7 * (TAPER_WEEKS + 1)} days after the start",
            )
        # The plan covers the competition week, the meet day included (R44; [BOSQUET07] taper
        # in its last 2 weeks); sessions on or after the meet day are not planned.
        total = -(-(competition - start).days // 7)
        if total < TAPER_WEEKS + 1:
            raise InvalidInput(
                f"competition {competition} is {max(0, (competition - start).days)} days after "
                f"the start {start}",
                f"give a competition at least {7 * (TAPER_WEEKS + 1)} days after {slot('start')}",
                field="competition",
            )
        total = min(total, 52)
    sport = merged.get("sport")
    months = _number(merged, "months_since_surgery", 0, 600, "months")
    return PlanProfile(
        level=level,
        goals=tuple(ordered),
        days=int(days) if days is not None else 3,  # 3 d/wk: [OTAGO-MAN], novice LP [SL5X5]
        minutes=int(minutes) if minutes is not None else 45,
        equipment=tuple(sorted(set(equipment) | {"none"})),
        limitations=tuple(sorted(limitations)),
        weeks=total,
        start=start,
        seed=int(seed) if seed is not None else 0,
        age=age,
        sex=sex,
        mass_kg=mass,
        sport=str(sport).strip().lower().replace(" ", "-") if sport else None,
        season=season,
        competition=competition,
        months_since_surgery=int(months) if months is not None else None,
    )


def _date(raw: object, what: str) -> date | None:
    if raw is None:
        return None
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise InvalidInput(f"{what} {raw!r} is not a date", "expected YYYY-MM-DD") from None


# --- assessment signals (legday.domain.plan.signals; re-exported for older imports) ----------
from legday.domain.plan.signals import (  # noqa: E402
    FindingLike,
    ReturnToSportLike,
    Signals,
    signals_from,
    signals_from_findings,
)

__all__ = [
    "FindingLike", "PlanProfile", "ReturnToSportLike", "Signals", "build_profile",
    "is_fall_prevention", "signals_from", "signals_from_findings",
]  # fmt: skip

FALL_PATH_MIN_AGE = 60  # STEADI is written for ≥ 65; 60 is legday's margin (R33)
BALANCE_GOAL_FALL_AGE = 65  # a balance goal at ≥ 65 enters the fall path [WHO20] (R33)


def is_fall_prevention(p: PlanProfile, sig: Signals) -> bool:
    """R33: the fall path only by STEADI — age ≥ 60 with a positive screen or a STEADI test below
    its cut-off — or a balance goal at age ≥ 65 [STEADI]."""
    age = p.age if p.age is not None else 0
    if age >= FALL_PATH_MIN_AGE and sig.fall_risk:
        return True
    return age >= BALANCE_GOAL_FALL_AGE and p.weight("balance") > 0
