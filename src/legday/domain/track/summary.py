"""One athlete's analysis as the JSON document of docs/contracts/analyze.md.

Masses follow the athletes convention: a key without suffix is in the athlete's unit, ``…_kg`` is
kilograms. Every figure's definition and source is listed under ``definitions``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from legday.domain.records import AthleteInfo
from legday.domain.science.e1rm import DEFINITION as E1RM_DEFINITION
from legday.domain.track import energy, guidelines, neglect, strength, symmetry
from legday.domain.track.columns import REGIONS, ExerciseTable, SessionColumns, SetColumns
from legday.domain.track.definitions import DEFINITIONS
from legday.domain.track.load import ACWR_CRITICISM, flags_for, load_metrics
from legday.domain.track.volume import week_groups, weekly_by_exercise
from legday.domain.units import from_kg
from legday.domain.weeks import EPOCH_SHIFT, day_number, from_day_number, week_label


@dataclass(frozen=True)
class AthleteData:
    """Everything one athlete's analysis reads (athlete index 0 in the columns)."""

    info: AthleteInfo
    sets: SetColumns
    sessions: SessionColumns
    table: ExerciseTable
    plan: Mapping[str, Any] | None = None
    tests: Sequence[Mapping[str, Any]] = field(default_factory=tuple)  # {"date","test_id","lsi"}
    profile: Mapping[str, Any] = field(default_factory=dict)
    unknown_names: Mapping[str, int] = field(default_factory=dict)  # raw name → working sets


def _goals(data: AthleteData) -> tuple[str, ...]:
    """The person's goals: the current plan's, else the profile's (empty when unknown)."""
    plan_goals = (data.plan or {}).get("goals") or data.profile.get("goals") or ()
    if isinstance(plan_goals, Mapping):
        return tuple(str(g) for g in plan_goals)
    if isinstance(plan_goals, str):
        return tuple(g.strip() for g in plan_goals.split(",") if g.strip())
    return tuple(str(g) for g in plan_goals)


def _plan_patterns(data: AthleteData) -> frozenset[str] | None:
    """Catalog patterns of the current plan's exercises (None without a plan)."""
    ids = (data.plan or {}).get("exercise_ids")
    if not ids:
        return None
    table = data.table
    return frozenset(table.facts[table.code(str(i))].pattern for i in ids)


def _num(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


def _mass(kg: float, unit: str) -> float:
    return from_kg(kg, "lb" if unit == "lb" else "kg")


def _select(cols: SetColumns, keep: Any) -> SetColumns:
    return SetColumns(
        **{f: getattr(cols, f)[keep] for f in SetColumns.__dataclass_fields__}  # same fields
    )


def analyse(
    data: AthleteData, date_from: date | None, date_to: date | None, *, today: date
) -> dict[str, Any]:
    """The analysis document of one athlete (docs/contracts/analyze.md); ``today`` stands in
    for the end of an empty history."""
    import numpy as np

    info, table, unit = data.info, data.table, data.info.unit
    all_days = data.sessions.day
    if date_to is not None:
        before_end = all_days <= day_number(date_to)
    else:
        before_end = np.ones(all_days.shape[0], dtype=bool)
    lo = day_number(date_from) if date_from else None
    hi = day_number(date_to) if date_to else None
    in_range_sets = np.ones(len(data.sets), dtype=bool)
    if lo is not None:
        in_range_sets &= data.sets.day >= lo
    if hi is not None:
        in_range_sets &= data.sets.day <= hi
    sets = _select(data.sets, in_range_sets)
    s_days = all_days[before_end & ((all_days >= lo) if lo is not None else True)]
    first = int(s_days.min()) if s_days.shape[0] else None
    last = int(s_days.max()) if s_days.shape[0] else None
    range_lo = lo if lo is not None else first
    range_hi = hi if hi is not None else last

    ew = weekly_by_exercise(sets, table)
    groups = week_groups(ew, table)
    contacts = symmetry.contacts_per_week(sets, table)
    weeks_out, audit_in = _weeks(groups, table, contacts, s_days, range_lo, range_hi, unit)
    pattern_weeks: dict[str, int] = {}
    for j, p in enumerate(table.patterns):
        pattern_weeks[p] = int((groups.sets_by_pattern[:, j] > 0).sum())
    lower_days = _lower_days_per_week(sets, table, s_days)
    lower_ton = float(groups.tonnage_by_region[:, 0].sum())
    audit = neglect.audit(
        neglect.AuditInput(
            training_weeks=audit_in["weeks"],
            lower_sets=audit_in["lower"],
            all_sets=audit_in["all"],
            lower_tonnage=lower_ton,
            all_tonnage=float(groups.tonnage_by_region.sum()),
            pattern_weeks=pattern_weeks,
            muscle_sets=audit_in["muscles"],
            lower_days_per_week=lower_days,
            balance_days_per_week=_balance_days_per_week(sets, table, s_days),
            age=info.age_on(from_day_number(range_hi)) if range_hi is not None else info.age_years,
            profile_days=_int_or_none(data.profile.get("days")),
            profile_minutes=_int_or_none(data.profile.get("minutes")),
            goals=_goals(data),
            plan_patterns=_plan_patterns(data),
            unknown_sets=dict(data.unknown_names),
        )
    )

    series = strength.e1rm_series(ew, table)
    e1rm = {
        ex: [
            {"week": r["week"], "e1rm": _mass(r["e1rm"], unit), "e1rm_kg": r["e1rm"]} for r in rows
        ]
        for ex, rows in series.items()
    }
    best = strength.best_by_exercise(series)
    age = info.age_on(from_day_number(range_hi)) if range_hi is not None else info.age_years
    g_weeks = (
        guidelines.weekly_days(sets, table, s_days.tolist(), range_lo, range_hi)
        if range_lo is not None and range_hi is not None
        else []
    )
    as_of = from_day_number(range_hi) if range_hi is not None else today
    return {
        "athlete": {"name": info.name, "unit": unit, "body_mass_kg": info.body_mass_kg},
        "range": {
            "from": from_day_number(range_lo).isoformat() if range_lo is not None else None,
            "to": from_day_number(range_hi).isoformat() if range_hi is not None else None,
        },
        "weeks": weeks_out,
        "neglect": {
            "lower_set_share": audit.lower_set_share,
            "lower_tonnage_share": audit.lower_tonnage_share,
            "missing_patterns": audit.missing_patterns,
            "never_trained_patterns": audit.never_patterns,
            "rarely_trained_patterns": audit.rare_patterns,
            "weeks_without_legs": audit.weeks_without_legs,
            "training_weeks": len(audit_in["weeks"]),
            "muscles": audit.muscles,
            "verdict": audit.verdict,
            "verdict_level": audit.verdict_level,
            "reasons": audit.reasons,
            "goals": audit.goals,
            "fix": audit.fix.as_json() if audit.fix else None,
            "audited_patterns": audit.audited_patterns,
            "unknown_exercises": audit.unknown_names,
            "lower_set_share_without_unknown": audit.lower_set_share_known,
        },
        "e1rm": e1rm,
        "e1rm_definition": E1RM_DEFINITION,
        "strength": {
            "prs": [
                {
                    **p,
                    "e1rm": _mass(p["e1rm"], unit),
                    "e1rm_kg": p["e1rm"],
                    "previous": _mass(p["previous"], unit),
                    "previous_kg": p["previous"],
                }
                for p in strength.personal_records(series)
            ],
            "best_e1rm_kg": best,
            "relative_strength": strength.relative_strength(best, info.body_mass_kg),
            "scores": _scores_in(strength.sbd_scores(best, info.body_mass_kg, info.sex), unit),
        },
        "load": _load_rows(data.sessions, lo, hi, data.sets),
        "load_sessions_unrated": _unrated(data.sessions, lo, hi),
        "acwr_criticism": ACWR_CRITICISM,
        "symmetry": symmetry.unilateral_symmetry(sets, table) + [dict(t) for t in data.tests],
        "guidelines": guidelines.summarise(g_weeks, age),
        "adherence": guidelines.plan_adherence(
            data.plan, guidelines.exercise_days(sets, table, s_days.tolist()), as_of
        ),
        "energy": _energy(sets, data.sessions, table, info.body_mass_kg, lo, hi),
        "definitions": DEFINITIONS,
    }


def _scores_in(scores: dict[str, Any] | None, unit: str) -> dict[str, Any] | None:
    """The score's lifts in the athlete's unit (``lifts``) with the kg values beside them."""
    if scores is None:
        return None
    lifts_kg = dict(scores["lifts"])
    return {
        **scores,
        "lifts": {k: _mass(v, unit) for k, v in lifts_kg.items()},
        "lifts_kg": lifts_kg,
        "total": _mass(float(scores["total_kg"]), unit),
    }


def _energy(
    sets: SetColumns,
    sessions: SessionColumns,
    table: ExerciseTable,
    body_mass_kg: float | None,
    lo: int | None,
    hi: int | None,
) -> dict[str, Any]:
    import numpy as np

    keep = np.ones(len(sessions), dtype=bool)
    if lo is not None:
        keep &= sessions.day >= lo
    if hi is not None:
        keep &= sessions.day <= hi
    picked = SessionColumns(
        **{f: getattr(sessions, f)[keep] for f in SessionColumns.__dataclass_fields__}
    )
    rows = energy.session_energy(sets, picked, table, body_mass_kg)
    known = [r["kcal"] for r in rows if r["kcal"] is not None]
    return {
        "sessions": rows,
        "total_kcal": sum(known) if known else None,
        "sessions_without_estimate": len(rows) - len(known),
        "source": "kcal = MET × 3.5 × kg / 200 × minutes (docs/evidence/formulas.md#met-energy)",
    }


def _unrated(sessions: SessionColumns, lo: int | None, hi: int | None) -> int:
    """Sessions in the range without a session RPE or a duration: they add no Foster load."""
    import numpy as np

    keep = np.isnan(sessions.rpe) | np.isnan(sessions.minutes)
    if lo is not None:
        keep &= sessions.day >= lo
    if hi is not None:
        keep &= sessions.day <= hi
    return int(keep.sum())


def _int_or_none(v: Any) -> int | None:
    try:
        return int(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def _weeks(
    groups: Any,
    table: ExerciseTable,
    contacts: Mapping[int, float],
    session_days: Any,
    lo: int | None,
    hi: int | None,
    unit: str,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Every ISO week of the range (zeros for weeks without training) and the audit's inputs."""
    if lo is None or hi is None:
        return [], {"weeks": [], "lower": [], "all": [], "muscles": {}}
    row_of = {int(w): g for g, w in enumerate(groups.week.tolist())}
    trained = {(int(d) + EPOCH_SHIFT) // 7 for d in session_days.tolist()}
    out: list[dict[str, Any]] = []
    audit: dict[str, Any] = {"weeks": [], "lower": [], "all": [], "muscles": {}}
    muscles_hist: dict[str, list[float]] = {m: [] for m in table.muscles}
    for w in range((lo + EPOCH_SHIFT) // 7, (hi + EPOCH_SHIFT) // 7 + 1):
        g = row_of.get(w)
        row: dict[str, Any] = {"week": week_label(w)}
        if g is None:
            row |= {"sets_by_muscle": {}, "sets_by_pattern": {}, "tonnage_by_region": {},
                    "lower_set_share": None, "lower_sets": 0, "working_sets": 0}  # fmt: skip
        else:
            lower, total = float(groups.lower_sets[g]), float(groups.all_sets[g])
            row |= {
                "sets_by_muscle": {
                    m: float(v)
                    for m, v in zip(table.muscles, groups.hard_by_muscle[g], strict=True)
                    if v
                },
                "sets_by_pattern": {
                    p: float(v)
                    for p, v in zip(table.patterns, groups.sets_by_pattern[g], strict=True)
                    if v
                },
                "tonnage_by_region": {
                    r: _mass(float(v), unit)
                    for r, v in zip(REGIONS, groups.tonnage_by_region[g], strict=True)
                    if v
                },
                "lower_set_share": lower / total if total else None,
                "lower_sets": lower,
                "working_sets": total,
            }
        row["contacts"] = contacts.get(w, 0.0)
        row["trained"] = w in trained
        out.append(row)
        if w in trained:
            audit["weeks"].append(row["week"])
            audit["lower"].append(row["lower_sets"])
            audit["all"].append(row["working_sets"])
            for j, m in enumerate(table.muscles):
                muscles_hist[m].append(float(groups.hard_by_muscle[g, j]) if g is not None else 0.0)
    audit["muscles"] = muscles_hist
    return out, audit


def _balance_days_per_week(sets: SetColumns, table: ExerciseTable, session_days: Any) -> float:
    """Mean number of days with a balance working set per ISO week with training."""
    import numpy as np

    if "balance" not in table.patterns:
        return 0.0
    balance = sets.working & (table.pattern_of[sets.exercise] == table.patterns.index("balance"))
    days = np.unique(sets.day[balance])
    weeks = {(int(d) + EPOCH_SHIFT) // 7 for d in session_days.tolist()}
    return float(days.shape[0]) / len(weeks) if weeks else 0.0


def _lower_days_per_week(sets: SetColumns, table: ExerciseTable, session_days: Any) -> float:
    """Mean number of days with lower-body hard sets per ISO week with training."""
    import numpy as np

    lower = guidelines.strengthening(sets, table) & table.is_lower[sets.exercise]
    days = np.unique(sets.day[lower])
    weeks = {(int(d) + EPOCH_SHIFT) // 7 for d in session_days.tolist()}
    return float(days.shape[0]) / len(weeks) if weeks else 0.0


def _load_rows(
    sessions: SessionColumns, lo: int | None, hi: int | None, sets: SetColumns | None = None
) -> list[dict[str, Any]]:
    """Daily load rows for the days of the range inside the athlete's span, computed on the whole
    history: the ratios look back over the days before the range, and a rest day after the range
    is still inside the span when the athlete trained later. A day whose 28-day window holds an
    unrated session has no ratio and no flag; it says how many days are unrated and, labelled as
    an estimate, the ratio of working sets (acute 7 / chronic 28 days) instead."""
    import numpy as np

    lm = load_metrics(sessions, 1)
    if lm.first[0] < 0:
        return []
    per_day = np.zeros(lm.n_days)
    if sets is not None and len(sets):
        col = sets.day[sets.working] - lm.start_day
        ok = (col >= 0) & (col < lm.n_days)
        per_day = np.bincount(col[ok], minlength=lm.n_days).astype(np.float64)
    unrated = lm.unrated_28d if lm.unrated_28d is not None else np.zeros((1, lm.n_days))
    rows = []
    for c in range(int(lm.first[0]), int(lm.last[0]) + 1):
        d = lm.start_day + c
        if (lo is not None and d < lo) or (hi is not None and d > hi):
            continue
        coupled, ewma = _num(lm.acwr_rolling[0, c]), _num(lm.acwr_ewma[0, c])
        rows.append(
            {
                "date": from_day_number(d).isoformat(),
                "load": float(lm.load[0, c]),
                "minutes": float(lm.minutes[0, c]),
                "acwr_rolling": coupled,
                "acwr_rolling_uncoupled": _num(lm.acwr_uncoupled[0, c]),
                "acwr_ewma": ewma,
                "monotony": _num(lm.monotony[0, c]),
                "strain": _num(lm.strain[0, c]),
                "flags": flags_for(coupled) + flags_for(ewma, "ewma"),
                "unrated_days_28d": int(unrated[0, c]),
                "acwr_sets_estimate": _sets_estimate(per_day, c, int(lm.first[0]), unrated[0, c]),
            }
        )
    return rows


def _sets_estimate(per_day: Any, c: int, first: int, unrated: float) -> float | None:
    """Working-set ACWR (acute 7 / chronic 28 days) on a day whose session-RPE ratio is missing
    because of unrated sessions — an estimate, labelled ``acwr_sets_estimate``."""
    if not unrated or c - first < 27:
        return None
    chronic = float(per_day[c - 27 : c + 1].sum()) / 28
    if chronic <= 0:
        return None
    return float(per_day[c - 6 : c + 1].sum()) / 7 / chronic
