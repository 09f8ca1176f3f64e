"""Which catalog exercises may fill which slot for this person, and how much the planner likes
each one (goal match, level fit, a seeded tie-break and variety across mesocycles)."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from functools import cache

from legday.domain.catalog.model import Exercise
from legday.domain.plan import dosing
from legday.domain.plan.family_slots import LOADED_EQUIPMENT, OLDER_BALANCE_AGE, Slot
from legday.domain.plan.profile import PlanProfile, Signals

# Catalog levels run 1–5 (legday's coaching judgement in the data files); highest level offered
# per training status — legday's choice, one step above "can learn it safely".
LEVEL_MAX: dict[str, int] = {"beginner": 2, "intermediate": 4, "advanced": 5}
LEVEL_TARGET: dict[str, int] = {"beginner": 1, "intermediate": 3, "advanced": 4}
GOAL_BENEFIT: dict[str, str] = {
    "strength": "strength",
    "hypertrophy": "strength",
    "power": "power",
    "balance": "balance",
    "injury-prevention": "injury-prevention",
    "health": "health",
    "mobility": "mobility",
}
LOADED = LOADED_EQUIPMENT
# Anything that adds a measurable external load (the Train issue's loaded-equipment set); only
# these exercises can carry a %1RM prescription (R31).
EXTERNAL_LOAD = LOADED | {"ankle-weights", "medicine-ball", "sled"}
BAR_LOADED = frozenset({"barbell", "trap-bar"})  # plate-loaded bars: the 2.5-kg LP steps [SL5X5]
# Novice linear progression coaches the barbell basics (back squat, deadlift: catalog level 3)
# from the first session (docs/evidence/families.md#novice-strength [SL5X5]); risky or complex items
# keep the cap.
NOVICE_MAIN_LEVEL_MAX = 3
# Families whose point is a named programme's drills (Otago items are the older-adult content);
# elsewhere those drills belong in the warm-up routine, not in the strength or power slots.
PROGRAMME_FAMILIES = frozenset({"older-adult"})
# Ranking weights (legday's choices, in the units of ``score``): a programme drill in a lifting
# slot falls below any standard exercise; loadable main lifts rise above body-weight ones.
DRILL_PENALTY = 8.0
MAIN_LOADABLE = 3.0
MAIN_BAR = 1.5
MAIN_BILATERAL = 0.5
# The standard lift of a pattern is the hub its variations branch from: the catalog links it to
# more progressions/regressions and people know it under more names (back squat vs safety-bar
# squat). Weight per link or name, capped so the hub never outweighs a goal match.
MAIN_HUB_WEIGHT = 0.2
MAIN_HUB_CAP = 16
HYPERTROPHY_LOADABLE = 3.0  # hypertrophy accessories that can take load rank higher
POWER_LIFT_PENALTY = 2.0
OTAGO_FUNCTIONAL = 2.0  # ranking weight (legday): above the tie-break, below a goal match
KNOWN_LIFT = 8.0  # ranking weight (legday): a known lift outranks the pattern's hub lift
ONE_LEG_BALANCE = 3.0  # ranking weight (legday): above a level step, below a goal match
TIE_BREAK = 1.5  # seeded tie-break range (below two level steps)
MAIN_TIE_BREAK = 0.75


PROTOCOL_PATTERN: dict[str, str] = {"nordic": "knee-flexion", "copenhagen": "hip-adduction"}


# R37: a %1RM is known only for bilateral lifts on a bar, Smith or machine (1RM tables are for
# tested lifts [NSCA-ESS]); dumbbell, kettlebell, goblet, single-leg and body-weight work is dosed
# by effort (RIR/RPE) with a rep range.
PCT_EQUIPMENT = frozenset({"barbell", "trap-bar", "smith", "machine"})
PCT_EXCLUDED = frozenset({"dumbbell", "kettlebell"})


def pct_1rm_ok(ex: Exercise) -> bool:
    """May the exercise carry a %1RM prescription (R37)?"""
    eq = set(ex.equipment)
    return (
        ex.laterality == "bilateral"
        and bool(eq & PCT_EQUIPMENT)
        and not eq & PCT_EXCLUDED
        and "goblet" not in ex.id
        and "landmine" not in ex.id
    )


# A wall is everywhere (home, gym, field): wall stretches and sits need no listing (legday).
ALWAYS_THERE = frozenset({"none", "wall"})


def externally_loadable(ex: Exercise) -> bool:
    """Can the exercise carry an external load (so that a %1RM means something)?"""
    return bool(set(ex.equipment) & EXTERNAL_LOAD)


@cache
def _programme_items() -> dict[str, str]:
    """Catalog id → the short name of the programme that lists it (``FIFA``, ``Otago``)."""
    from legday.domain.catalog.programmes import programmes

    out: dict[str, str] = {}
    for prog in programmes().values():
        for eid in prog.exercise_ids():
            out.setdefault(eid, prog.name.split()[0])
    return out


def is_programme_drill(ex: Exercise) -> bool:
    """A programme's own variant of a movement: listed in a structured programme (FIFA 11+, Otago)
    and named after it ("Squat with Toe Raise (FIFA 11+ …)"). Standard exercises that a programme
    also lists (Nordic curl, sit-to-stand, calf raise) are not drills."""
    short = _programme_items().get(ex.id)
    return short is not None and short.lower() in ex.name.lower()


def hub_degree(ex: Exercise, links: Mapping[str, int]) -> int:
    """Progression-graph links (``links``: id → times other exercises name it) plus aliases."""
    return len(ex.progressions) + len(ex.regressions) + links.get(ex.id, 0) + len(ex.aliases)


def graph_links(exercises: Iterable[Exercise]) -> dict[str, int]:
    out: dict[str, int] = {}
    for ex in exercises:
        for other in (*ex.progressions, *ex.regressions):
            out[other] = out.get(other, 0) + 1
    return out


def main_lift_priority(ex: Exercise, links: Mapping[str, int] | None = None) -> float:
    """How well an exercise serves as a main lift, from its catalog data: externally loadable
    (so it can progress by load), bar-loaded (the finest, most standard steps [SL5X5]),
    bilateral (the heaviest loads) and the pattern's hub lift rank first."""
    if not externally_loadable(ex):
        return 0.0
    out = MAIN_LOADABLE
    if set(ex.equipment) & BAR_LOADED:
        out += MAIN_BAR
    if ex.laterality == "bilateral":
        out += MAIN_BILATERAL
    if links is not None:
        out += MAIN_HUB_WEIGHT * min(hub_degree(ex, links), MAIN_HUB_CAP)
    return out


def level_cap(p: PlanProfile, sig: Signals, slot: Slot | None, family: str) -> int:
    older = (p.age is not None and p.age >= 65) or sig.fall_risk
    if older:
        return 2
    if slot is not None and slot.role == "main" and family == "strength-novice-linear":
        return max(LEVEL_MAX[p.level], NOVICE_MAIN_LEVEL_MAX)
    return LEVEL_MAX[p.level]


def level_ok(ex: Exercise, p: PlanProfile, sig: Signals, slot: Slot | None, family: str) -> bool:
    """The level cap for this person and slot; the raised novice main-lift cap covers loadable,
    impact-free lifts only (no jumps or complex body-weight skills)."""
    cap = level_cap(p, sig, slot, family)
    if ex.level <= min(cap, level_cap(p, sig, None, family)):
        return True
    return ex.level <= cap and ex.impact == "none" and externally_loadable(ex)


def shock_allowed(p: PlanProfile, squat_ratio: float | None) -> bool:
    """R20: shock drills only for 16–64-year-olds above novice with squat 1RM ≥ 1.5 × body mass
    ([ALLER95] age; [S2 PERFONE] ratio; older/novice exclusions are legday's safety choice)."""
    if p.age is not None and not dosing.SHOCK_MIN_AGE <= p.age < dosing.SHOCK_MAX_AGE:
        return False
    return (
        p.level != "beginner"
        and squat_ratio is not None
        and squat_ratio >= dosing.SHOCK_SQUAT_RATIO
    )


def allowed(
    ex: Exercise,
    p: PlanProfile,
    sig: Signals,
    squat_ratio: float | None,
    protocol: bool = False,
    family: str = "",
) -> bool:
    """Equipment (R1), contraindications (R2), level, impact for older/frail people (R25) and
    shock drills (R20). Protocol exercises (Nordic, Copenhagen) skip the level cap: the protocol
    itself starts them at an easy dose. With ``family``, an exercise allowed only as that
    family's main lift passes too (``level_ok`` then decides per slot)."""
    if not set(ex.equipment) <= set(p.equipment) | ALWAYS_THERE:
        return False
    if family and family not in PROGRAMME_FAMILIES and is_programme_drill(ex):
        return False  # a programme's drills live in its routine (11+, Otago), not in lifting

    if set(ex.contraindications) & set(p.limitations):
        return False
    older = (p.age is not None and p.age >= 65) or sig.fall_risk
    main = Slot("strength", (ex.pattern,), "main")
    if not protocol and not level_ok(ex, p, sig, main if family else None, family):
        return False
    if ex.impact == "shock" and not shock_allowed(p, squat_ratio):
        return False
    if "knee-osteoarthritis" in p.limitations and ex.impact in ACL_GATED_IMPACTS:
        return False  # high-impact jumps load an osteoarthritic knee most (legday choice)
    if acl_gated(p, sig) and (
        ex.impact in ACL_GATED_IMPACTS or (ex.pattern == "sprint-agility" and ex.impact == "high")
    ):
        # R47: no cutting, sprinting or shock/high plyometrics after ACL reconstruction until
        # the return-to-sport battery is met [GRINDEM16]; landings and hops stay low→moderate.
        return False
    if older and ex.impact in ("high", "shock"):
        return False
    if sig.frail and ex.impact == "moderate":
        return False
    if ex.pattern == "plyometric":
        top = dosing.PLYO_CLASS_RANK[dosing.PLYO_MAX_CLASS[p.level]]
        if ex.impact != "shock" and dosing.PLYO_CLASS_RANK.get(ex.impact, 0) > top:
            return False
    return True


ACL_GATED_IMPACTS = frozenset({"high", "shock"})


def acl_gated(p: PlanProfile, sig: Signals) -> bool:
    """After ACL reconstruction, until the return-to-sport battery is met (R47)."""
    return "acl-reconstruction" in p.limitations and not sig.return_to_sport


# Lifting roles whose sets are dosed to an effort target (RIR within a rep range).
EFFORT_ROLES = frozenset({"main", "secondary", "hinge", "accessory"})


def effort_reachable(ex: Exercise, slot: Slot, p: PlanProfile) -> bool:
    """Unloaded lifting work must be hard enough to reach its effort target, RIR ≤ 3 within
    8–15 reps (docs/evidence/pathways.md#bodyweight-and-home [ACSM09]): the catalog marks the
    variants that are (split squat, single-leg bridge, slider curl; not air squats, a standing
    knee curl or a body-weight single-leg RDL, which balance limits first). A band is chosen to
    reach the target, and older adults' functional and Otago work is exempt (their dose starts
    light [OTAGO-MAN])."""
    if slot.role not in EFFORT_ROLES or slot.kind not in ("strength", "accessory"):
        return True
    if externally_loadable(ex) or (p.age is not None and p.age >= 65):
        return True
    if slot.role == "main" and set(p.equipment) & LOADED:
        return False  # with loads at hand the main lift progresses by load [ACSM09]
    if "band" in ex.equipment:
        return True
    return ex.hard_unloaded


def fits_slot(ex: Exercise, slot: Slot) -> bool:
    if ex.pattern not in slot.patterns:
        return False
    if slot.target and not set(slot.target) & set(ex.primary_muscles):
        return False
    if slot.role == "ankle-mobility":
        return ex.dose in ("reps", "seconds") and not ex.id.startswith(("otago", "general"))
    if slot.unilateral and ex.laterality != "unilateral":
        return False
    if slot.two_legs and ex.laterality == "unilateral":
        return False
    if "nordic" in ex.id or "copenhagen" in ex.id:
        return False  # protocol exercises are placed by their protocol, not by the selector
    if slot.role == "otago":
        # The Otago strength list (knee extensors and flexors, hip abductors, calf and toe
        # raises, each held at a chair) [OTAGO-MAN]: not band squats or band walks, which load
        # deep knee flexion or step without support for a frail, unsteady person.
        return _programme_items().get(ex.id) == "Otago" and ex.dose == "reps"
    if slot.role == "open-chain":
        # Open-chain knee extension (leg extension), not a closed-chain squat variant (R47).
        return ex.dose == "reps" and "squat" not in ex.id
    if slot.kind == "mobility":
        # Static-stretch blocks are dosed as holds [GARBER11]: stretches held for time only.
        return ex.dose == "seconds" and "stretch" in ex.id and not ex.id.startswith("general")
    if slot.role == "sprint":
        return ex.dose == "distance"  # sprints are repeats of a distance
    if slot.kind == "power":
        return ex.dose in ("contacts", "reps", "distance")
    if slot.role in ("main", "secondary"):
        return ex.dose == "reps"  # progressive lifts need a rep dose
    if slot.kind in ("strength", "accessory"):
        return ex.dose in ("reps", "seconds")
    return True


def score(
    ex: Exercise,
    slot: Slot,
    p: PlanProfile,
    seed: int,
    meso: int,
    previous: str | None,
    has_history: bool = False,
    family: str = "",
    links: Mapping[str, int] | None = None,
) -> float:
    """Higher is better. Goal match dominates; level fit and a seeded tie-break order the rest;
    an exercise that held this slot last mesocycle loses a little (variety [HARRIES15]) unless
    the slot is a progression lift that must stay the same (LP groups). Main lifts prefer
    loadable standard lifts; programme drills stay out of lifting and power slots outside the
    families built on them (they are in the warm-up routine)."""
    # Objective weights are legday's ranking choices, not doses: a filled slot is worth ~10, a
    # full goal match 4, a level step 0.8; the seeded tie-break stays below one level step × 2.
    s = 10.0
    for goal, weight in p.goals:
        if goal == "power" and slot.kind in ("strength", "accessory"):
            continue  # power is trained in the power slots; strength slots want strength lifts
        if GOAL_BENEFIT[goal] in ex.benefits:
            s += 4.0 * weight
    target = LEVEL_TARGET[p.level]
    if slot.role == "main" and family == "strength-novice-linear":
        # the coached barbell basics (docs/evidence/families.md#novice-strength)
        target = NOVICE_MAIN_LEVEL_MAX
    s -= abs(ex.level - target) * 0.8
    if slot.role == "main":
        s += main_lift_priority(ex, links)  # main lifts are loadable so that they can progress
    elif slot.role in ("secondary", "hinge"):
        # The power plan's hinge (R45) too: with loads, a loaded hinge that can progress.
        s += main_lift_priority(ex, links) / 2
    elif slot.role == "accessory" and family == "hypertrophy" and externally_loadable(ex):
        # double progression adds load [SCHOENFELD17] (docs/evidence/families.md#hypertrophy)
        s += HYPERTROPHY_LOADABLE
    lifting = slot.role in (
        "main", "secondary", "accessory", "plyo", "landing", "sprint", "chair-stand",
    )  # fmt: skip
    if lifting and family not in PROGRAMME_FAMILIES and is_programme_drill(ex):
        s -= DRILL_PENALTY
    if (
        slot.kind in ("strength", "accessory")
        and ex.dose == "seconds"
        and "metabolic" in ex.benefits
    ):
        s -= DRILL_PENALTY  # timed conditioning (fast stair climbing) is not a strength block
    if slot.kind in ("strength", "accessory") and "power" in ex.benefits:
        # Ballistic/Olympic lifts are dosed light and fast, 3–6 reps [ACSM09]
        # (docs/evidence/doses.md#acsm-resistance-training power row), not in the strength slots'
        # heavy or 8–12-rep sets.
        s -= POWER_LIFT_PENALTY
    if (
        slot.kind in ("strength", "accessory")
        and ex.pattern == "hinge"
        and "hamstrings" not in ex.primary_muscles
    ):
        # A hinge trains the hamstrings through their length (RDL, not a rack pull from the
        # knees) [SCHOENFELD17], in every family: hip extensors for jumping and sprinting
        # [COMFORT14]; hip thrusts (hip-extension) serve the glutes. A lifter's own sumo pull
        # still wins through KNOWN_LIFT.
        s -= DRILL_PENALTY
    if (
        slot.kind == "balance"
        and family not in PROGRAMME_FAMILIES
        and (p.age or 0) < OLDER_BALANCE_AGE
        and ex.laterality == "unilateral"
    ):
        # A young athlete's balance work stands on one leg (single-leg stance, reaches: the
        # Y-Balance's own task [PLISKY06]); a tandem stance is an older adult's step.
        s += ONE_LEG_BALANCE
    if slot.role in ("otago", "functional") and "health" in ex.benefits:
        s += 1.0
    if slot.role == "functional" and _programme_items().get(ex.id) == "Otago":
        s += OTAGO_FUNCTIONAL  # the programme's knee bends / sit-to-stand [OTAGO-MAN]
    if ex.pattern == "plyometric" and meso > 0:
        # Later mesocycles lean to harder drills (a ranking weight, legday's choice); the cap of
        # one class a week still applies (R21;
        # docs/evidence/doses.md#holds-balance-and-plyometric-progressions, [EBBEN07]).
        s += 2.5 * dosing.PLYO_CLASS_RANK.get(ex.impact, 0) * min(meso, 2)
    if has_history and slot.role in ("main", "secondary", "hinge"):
        # The lifter's own lift (a recorded rep max or logged sets) wins its pattern: it starts
        # from a known load and is the lift the person knows (legday spec); worth more than a
        # goal match plus the hub ranking, so a squat tested at 80 kg is not traded for a front
        # squat that only has an RIR.
        s += KNOWN_LIFT
    rng = random.Random(f"{seed}:{meso}:{slot.role}:{ex.id}")
    # Main lifts: the standard lift should win on its merits, so the tie-break is halved there.
    s += rng.random() * (MAIN_TIE_BREAK if slot.role == "main" else TIE_BREAK)
    if previous == ex.id:
        # Main lifts stay (their loads progress from block to block); the rest rotates.
        # So does the sit-to-stand of the fall-prevention sessions: Otago's staple [OTAGO-MAN].
        s += 2.0 if slot.group or slot.role in ("main", "functional") else -3.0
    return round(s, 4)


def pool(
    exercises: Iterable[Exercise],
    p: PlanProfile,
    sig: Signals,
    squat_ratio: float | None,
    family: str = "",
) -> list[Exercise]:
    out = [ex for ex in exercises if allowed(ex, p, sig, squat_ratio, family=family)]
    if family in PROGRAMME_FAMILIES and (sig.frail or sig.poor_balance):
        # A frail or unsteady person does the supported variant of a balance exercise when the
        # catalog has one [OTAGO-MAN]: not both, and never the unsupported one.
        ids = {ex.id for ex in out}
        out = [ex for ex in out if not (ex.pattern == "balance" and f"supported-{ex.id}" in ids)]
        # Likewise the Otago strength items done holding a chair (calf and toe raises) replace
        # their free-standing versions when there is a chair [OTAGO-MAN].
        held = {
            ex.pattern
            for ex in out
            if "chair" in ex.equipment and _programme_items().get(ex.id) == "Otago"
        }
        out = [
            ex
            for ex in out
            if not (
                ex.pattern in held
                and ex.pattern in dosing.OTAGO_ACTIONS
                and set(ex.equipment) <= ALWAYS_THERE
            )
        ]
    return out


def find_protocol(
    exercises: Mapping[str, Exercise], key: str, p: PlanProfile, sig: Signals
) -> list[Exercise]:
    """Protocol exercises by id key ("nordic", "copenhagen"), easiest first: the muscle action
    the protocol trains (a reverse Nordic is a quadriceps exercise) and a rep dose, as both
    protocols count repetitions ([PETERSEN11] [HAROY19])."""
    action = PROTOCOL_PATTERN.get(key)
    found = [
        ex
        for ex in exercises.values()
        if key in ex.id
        and (action is None or ex.pattern == action)
        and ex.dose == "reps"
        and allowed(ex, p, sig, None, True)
    ]
    return sorted(found, key=lambda e: (e.level, e.id))
