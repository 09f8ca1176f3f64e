"""The leg-neglect audit: how much of the training was lower body, which leg patterns were never or
rarely trained, which weeks had training but no legs, a verdict and the plan that fixes it.

Definitions (docs/evidence/load-monitoring.md): lower-body share = lower-body working sets / all
working sets, per ISO week and overall (tonnage share likewise over external load × reps); "weeks
without legs" = ISO weeks with at least one session and no lower-body working set.

Verdict rules (each names its source):
- ``neglected`` — quads or hamstrings average below their maintenance volume (RP MV: 6 and 3
  weekly hard sets, docs/evidence/doses.md#volume-landmarks) over the weeks with training, or no
  lower-body sets at all;
- ``below-target`` — maintenance reached but quads or hamstrings under 10 weekly sets
  (Schoenfeld et al. 2017), or lower-body strength on fewer than 2 days a week (WHO 2020), or an
  audited pattern never or rarely trained;
- ``on-target`` — none of the above.
"Rarely" is a legday heuristic, stated as such: a pattern trained in fewer than one in four weeks
with training.

The audit fits the person: with a current plan only the patterns that plan trains are audited
(the plan, not a generic list, says what this person should do); without one, plyometrics are
audited only for people under 65 whose goals (when known) include power — WHO 2020 asks older
adults for balance and strength, not jumps. When most working sets are already lower body, a low
dose is "below target", never "neglected". Sets of exercise names the catalog does not know are
listed by name; the lower-body share is given with and without them, since an unmatched leg
exercise counts as non-leg work.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from legday.domain.track.targets import SCHOENFELD17_SETS, TARGETS, MuscleTarget

# The patterns the audit checks (docs/contracts/analyze.md#audited-patterns), each with the catalog
# patterns that count for it.
AUDIT_PATTERNS: dict[str, tuple[str, ...]] = {
    "squat": ("squat",),
    "hinge": ("hinge",),
    "lunge-or-single-leg": ("lunge", "step-up", "single-leg-squat"),
    "knee-flexion": ("knee-flexion",),
    "calf": ("calf",),
    "hip-adduction": ("hip-adduction",),
    "hip-abduction": ("hip-abduction",),
    "balance": ("balance",),
    "plyometric": ("plyometric",),
}
VERDICT_GROUPS = ("quads", "hamstrings")
RARE_SHARE = 0.25  # legday heuristic: trained in < 1 of 4 training weeks counts as "rarely"
# WHO 2020: muscle-strengthening on ≥ 2 days a week
# (docs/evidence/doses.md#who-2020-activity-guidelines)
WHO_STRENGTH_DAYS = 2
WHO_BALANCE_DAYS = 3  # WHO 2020: older adults, balance and strength on ≥ 3 days a week
OLDER_ADULT_AGE = 65  # WHO 2020 older-adult recommendations apply from 65
# docs/evidence/families.md#minimum-dose: 2 days/week × ~30 min
MIN_DOSE_DAYS, MIN_DOSE_MINUTES = 2, 30


@dataclass(frozen=True)
class AuditInput:
    """One athlete's weekly figures over the analysed range (weeks with training only)."""

    training_weeks: Sequence[str]  # ISO labels of weeks with ≥ 1 session
    lower_sets: Sequence[float]  # per training week
    all_sets: Sequence[float]
    lower_tonnage: float
    all_tonnage: float
    pattern_weeks: Mapping[str, int]  # catalog pattern → number of weeks it had working sets
    muscle_sets: Mapping[str, Sequence[float]]  # catalog muscle → hard sets per training week
    lower_days_per_week: float  # mean days with lower-body sets per training week
    balance_days_per_week: float = 0.0  # mean days with balance work per training week
    age: int | None = None
    profile_days: int | None = None
    profile_minutes: int | None = None
    goals: Sequence[str] = ()  # the person's goals (plan or profile), empty when unknown
    plan_patterns: frozenset[str] | None = None  # catalog patterns of the current plan
    unknown_sets: Mapping[str, int] = field(default_factory=dict)  # raw name → working sets


@dataclass(frozen=True)
class PlanFix:
    """The plan that fixes what the audit found: these goals, on this many days a week, this many
    minutes a session. Each shell words it (the CLI as a ``plan generate`` command line)."""

    goals: tuple[str, ...]
    days: int
    minutes: int

    def as_json(self) -> dict[str, Any]:
        return {"goals": list(self.goals), "days": self.days, "minutes": self.minutes}


@dataclass(frozen=True)
class Audit:
    lower_set_share: float | None
    lower_tonnage_share: float | None
    missing_patterns: list[str]
    rare_patterns: list[str]
    never_patterns: list[str]
    weeks_without_legs: list[str]
    muscles: list[dict[str, Any]]
    verdict: str
    verdict_level: str
    reasons: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    fix: PlanFix | None = None
    audited_patterns: list[str] = field(default_factory=list)
    unknown_names: list[dict[str, Any]] = field(default_factory=list)  # {"name", "sets"}
    lower_set_share_known: float | None = None  # without the sets of unknown names


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole > 0 else None


def _group_weekly(t: MuscleTarget, muscle_sets: Mapping[str, Sequence[float]], n: int) -> float:
    if n == 0:
        return 0.0
    per_week = [
        max((muscle_sets.get(m, [0.0] * n)[i] for m in t.muscles), default=0.0) for i in range(n)
    ]
    return sum(per_week) / n


POWER_GOALS = frozenset({"power"})  # goals whose programmes train jumps (plan goal vocabulary)


def audited_patterns(x: AuditInput) -> dict[str, tuple[str, ...]]:
    """The pattern groups this person is audited on (see the module docstring)."""
    if x.plan_patterns is not None:
        return {k: v for k, v in AUDIT_PATTERNS.items() if set(v) & x.plan_patterns}
    older = x.age is not None and x.age >= OLDER_ADULT_AGE
    goals = {g.split(":")[0] for g in x.goals}
    jumps = not older and (not goals or bool(goals & POWER_GOALS))
    return {k: v for k, v in AUDIT_PATTERNS.items() if k != "plyometric" or jumps}


def audit(x: AuditInput) -> Audit:
    n = len(x.training_weeks)
    total_lower = float(sum(x.lower_sets))
    total_all = float(sum(x.all_sets))
    unknown = float(sum(x.unknown_sets.values()))
    without = [w for w, lo in zip(x.training_weeks, x.lower_sets, strict=True) if lo == 0]
    never: list[str] = []
    rare: list[str] = []
    audited = audited_patterns(x)
    for name, pats in audited.items():
        # Weeks are counted per catalog pattern; a group's count is the largest of its members
        # (a lower bound on the weeks the group was trained, never an over-count).
        weeks = max((x.pattern_weeks.get(p, 0) for p in pats), default=0)
        if weeks == 0:
            never.append(name)
        elif n and weeks / n < RARE_SHARE:
            rare.append(name)
    muscles: list[dict[str, Any]] = []
    avg_of: dict[str, float] = {}
    for t in TARGETS:
        avg = _group_weekly(t, x.muscle_sets, n)
        avg_of[t.group] = avg
        muscles.append(
            {
                "muscle": t.group,
                "sets_per_week": avg,
                "mv": t.mv,
                "mev": t.mev,
                "mav": list(t.mav),
                "growth": t.growth,
                "source": t.source,
            }
        )
    reasons: list[str] = []
    volume_short = False  # too few leg sets or days (as opposed to missing patterns only)
    if n == 0 or total_all == 0:
        level = "no-training"  # nothing, or only warm-ups: no working set to audit
    elif total_lower == 0:
        level = "neglected"
        reasons.append("no lower-body working sets at all")
    else:
        level = "on-target"
        # Quads and hamstrings carry the verdict: the two groups with both an RP maintenance
        # volume and the ≥ 10-set evidence (docs/evidence/doses.md#weekly-volume and
        # docs/evidence/doses.md#volume-landmarks). When most of the work is already legs, a low
        # dose is not neglect of the legs.
        mostly_legs = total_lower / total_all > 0.5
        for g, mv in ((t.group, t.mv) for t in TARGETS if t.group in VERDICT_GROUPS):
            if avg_of[g] < mv:
                if mostly_legs:
                    level, volume_short = "below-target", True
                else:
                    level = "neglected"
                reasons.append(f"{g} {avg_of[g]:.1f} hard sets/week, below maintenance ({mv:g})")
        if level != "neglected":
            for g in VERDICT_GROUPS:
                if avg_of[g] < SCHOENFELD17_SETS:
                    level, volume_short = "below-target", True
                    reasons.append(f"{g} {avg_of[g]:.1f} hard sets/week, under 10 for growth")
            if x.lower_days_per_week < WHO_STRENGTH_DAYS:
                level, volume_short = "below-target", True
                reasons.append(
                    f"lower-body strength on {x.lower_days_per_week:.1f} days/week (WHO: ≥ 2)"
                )
            if never or rare:
                level = "below-target"
    older = x.age is not None and x.age >= OLDER_ADULT_AGE
    balance_short = older and n > 0 and x.balance_days_per_week < WHO_BALANCE_DAYS
    if balance_short:
        reasons.append(f"balance on {x.balance_days_per_week:.1f} days/week (WHO: ≥ 3 from age 65)")
        if level == "on-target":
            level = "below-target"
    if never:
        reasons.append("never trained: " + ", ".join(never))
    if rare:
        reasons.append("rarely trained: " + ", ".join(rare))
    share = _share(total_lower, total_all)
    share_known = _share(total_lower, total_all - unknown) if unknown else share
    names = [
        {"name": k, "sets": int(v)}
        for k, v in sorted(x.unknown_sets.items(), key=lambda kv: (-kv[1], kv[0]))
        if v
    ]
    if names:
        shown = ", ".join(f"{u['name']} ({u['sets']})" for u in names[:5])
        more = f" and {len(names) - 5} more" if len(names) > 5 else ""
        known = f"{share_known * 100:.0f}%" if share_known is not None else "—"
        reasons.append(
            f"{int(unknown)} working sets of names the catalog does not know were counted as "
            f"non-leg work: {shown}{more}; without them the lower-body share is {known}"
        )
    verdict = _verdict_text(level, share, len(without), n, reasons)
    volume_short = volume_short or level == "neglected"
    goals = implied_goals(level, never + rare, x.age, volume_short, balance_short)
    return Audit(
        lower_set_share=share,
        lower_tonnage_share=_share(x.lower_tonnage, x.all_tonnage),
        missing_patterns=never + rare,
        rare_patterns=rare,
        never_patterns=never,
        weeks_without_legs=without,
        muscles=muscles,
        verdict=verdict,
        verdict_level=level,
        reasons=reasons,
        goals=goals,
        fix=plan_fix(x, goals),
        audited_patterns=list(audited),
        unknown_names=names,
        lower_set_share_known=share_known,
    )


def _verdict_text(level: str, share: float | None, without: int, n: int, reasons: list[str]) -> str:
    if level == "no-training":
        if n:
            return (
                f"{n} training weeks but no working sets logged (only warm-ups): "
                "nothing to audit yet."
            )
        return "No training logged in this range: nothing to audit yet."
    pct = f"{share * 100:.0f}%" if share is not None else "0%"
    # "Neglected" compares legs with the rest; when most of the work is already legs, the
    # problem is the dose, not the balance between body parts.
    mostly_legs = share is not None and share > 0.5
    low_dose = mostly_legs and any("below maintenance" in r for r in reasons)
    head = {
        "neglected": "Your legs get less than a maintenance dose"
        if mostly_legs
        else "You have neglected your legs",
        "below-target": "Your legs get less than a maintenance dose"
        if low_dose
        else "Your legs get some work, but less than the evidence suggests",
        "on-target": "Your legs are trained in line with the evidence",
    }[level]
    text = (
        f"{head}: {pct} of working sets were lower body; "
        f"{without} of {n} training weeks had no leg work."
    )
    if reasons:
        text += " " + "; ".join(reasons) + "."
    return text


def implied_goals(
    level: str,
    missing: Sequence[str],
    age: int | None,
    volume_short: bool,
    balance_short: bool = False,
) -> list[str]:
    """The plan goals (the goals of docs/plan-format.md#goals, G[:weight]) that address what the
    audit found: too little leg volume asks for strength (and hypertrophy under 65, general health
    from 65); missing patterns ask for the goal whose programs train them."""
    if level in ("on-target", "no-training") and not missing:
        return []
    goals: dict[str, int] = {}
    older = age is not None and age >= OLDER_ADULT_AGE
    if volume_short:
        goals["strength"] = 2
        goals["health" if older else "hypertrophy"] = 1
    if ("balance" in missing or balance_short) and older:
        goals["balance"] = 2  # WHO 2020: balance on ≥ 3 days a week for older adults
    if ("knee-flexion" in missing or "hip-adduction" in missing) and not older:
        # Nordic / Copenhagen work (docs/evidence/families.md#injury-prevention)
        goals["injury-prevention"] = 1
    if "plyometric" in missing and not older and level != "neglected":
        goals["power"] = 1
    if not goals:
        goals["strength"] = 1
    return [f"{g}:{w}" if w != 1 else g for g, w in goals.items()]


def plan_fix(x: AuditInput, goals: Sequence[str]) -> PlanFix | None:
    """The plan that fixes what the audit found: its goals, at least the minimum dose of days
    and minutes (more when the person's profile asks for more)."""
    if not goals:
        return None
    older = x.age is not None and x.age >= OLDER_ADULT_AGE
    days = MIN_DOSE_DAYS
    if older and any(g.startswith("balance") for g in goals):
        days = 3  # WHO 2020: ≥ 3 days a week of balance and strength for older adults
    if x.profile_days:
        days = max(days, x.profile_days)
    minutes = x.profile_minutes or MIN_DOSE_MINUTES
    return PlanFix(tuple(goals), days, minutes)
