"""Which progression rule an exercise follows, and the scheme it starts from.

Rule choice (first that applies): the athlete's per-exercise choice (``"<id>:rule"``); warm-up
blocks → repeat (done as planned); the plan block's ``progression`` when the dose can carry it;
then the dose: holds (``seconds``) → holds, plyometrics (``contacts``) → contacts, distance work →
repeat; a block with a rep range → double; body-weight work graded by plan levels → repeat; a
block with an RPE/RIR target → rpe; otherwise, from history: a novice barbell lift in sets of
≤ 6 → linear [SL5X5] (docs/evidence/doses.md#periodization legday mapping: novice → linear
progression), RPE logged on most sets → rpe, anything else → double progression
(docs/evidence/doses.md#volume-landmarks: double progression on all exercises of hypertrophy plans).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from legday.domain.catalog.model import Exercise
from legday.domain.plan.model import Block
from legday.domain.train.equipment_loading import BARBELL_EQUIPMENT, is_loaded
from legday.domain.train.progression import RuleName, RuleParams, Scheme, SessionPerformance
from legday.domain.train.progression.params import rule_override, split_key


def _level(value: object) -> int | None:
    """A support level from a plan block: a number, ``"level 2"`` / ``"L2"``, or an Otago letter
    A–D; descriptive labels (``"acceleration-20m"``, ``"static-stretch"``) are not levels."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        text = value.strip().lower().replace("level", "").replace(" ", "").lstrip("l")
        if text.isdigit():
            return int(text)
        if len(text) == 1 and text in "abcd":
            return "abcd".index(text) + 1  # Otago levels A–D
    return None


def scheme_from_block(b: Block) -> Scheme:
    rpe: float | None = None
    if b.intensity_key == "rpe" and isinstance(b.intensity, float):
        rpe = b.intensity
    elif b.intensity_key == "rir" and isinstance(b.intensity, float):
        rpe = 10.0 - b.intensity
    lo, hi = b.rep_range if b.rep_range else (None, None)
    return Scheme(
        sets=max(1, b.sets),
        reps=b.reps,
        rep_min=lo,
        rep_max=hi,
        seconds=float(b.seconds) if b.seconds else None,
        contacts=b.contacts,
        rpe=rpe,
        level=_level(b.intensity) if b.intensity_key == "level" else None,
    )


def scheme_from_history(sessions: Sequence[SessionPerformance], rule: RuleName) -> Scheme:
    """The shape of the last session (its set count and the reps it aimed for)."""
    last = sessions[-1]
    reps = [x.reps for x in last.sets if x.reps]
    secs = [x.seconds for x in last.sets if x.seconds]
    contacts = [x.contacts for x in last.sets if x.contacts]
    n = max(1, len(last.sets))
    if rule == "double":
        return Scheme(sets=n)  # the range comes from the parameters
    return Scheme(
        sets=n,
        reps=max(reps) if reps and rule in ("linear", "rpe") else None,
        seconds=min(secs) if secs and rule == "repeat" else None,
        contacts=min(contacts) if contacts and rule == "repeat" else None,
    )


def _dose_of(ex: Exercise | None, block: Block | None) -> str:
    """What one set is measured in: the plan block's own dose first, else the catalog's."""
    if block is not None:
        if block.seconds:
            return "seconds"
        if block.contacts:
            return "contacts"
    return ex.dose if ex else "reps"


def _fits(rule: RuleName, dose: str, loaded: bool) -> bool:
    """Whether ``rule`` can progress an exercise dosed in ``dose`` (a plan may ask for a rule
    the dose cannot carry, e.g. contacts for a sprint measured in metres)."""
    if rule == "holds":
        return dose == "seconds"
    if rule == "contacts":
        return dose == "contacts"
    if rule in ("linear", "rpe", "waves"):
        return dose == "reps" and loaded
    return rule == "repeat" or dose == "reps"


# Rep range when a lifter's own sets sit outside the default 8–12 (legday choice): heavy work of
# r reps climbs r → r + 3 (e.g. 5–8), high-rep work r → r + 5 (e.g. 20–25).
HEAVY_RANGE_WIDTH = 3
HIGH_RANGE_WIDTH = 5


def range_chosen(overrides: Mapping[str, object], exercise_id: str) -> bool:
    keys = {"double.rep_min", "double.rep_max"}
    return any(
        split_key(str(k))[1] in keys and split_key(str(k))[0] in (None, exercise_id)
        for k in overrides
    )


def range_from_history(
    scheme: Scheme, sessions: Sequence[SessionPerformance], params: RuleParams
) -> Scheme:
    """The double-progression range for a lifter whose last sets sit outside the default range
    (a 5 × 5 squatter is not asked for 8–12 at the same load)."""
    reps = [x.reps for x in sessions[-1].sets if x.reps]
    if not reps:
        return scheme
    top = max(reps)
    if top < params.count("double.rep_min"):
        return replace(scheme, rep_min=top, rep_max=top + HEAVY_RANGE_WIDTH)
    if top > params.count("double.rep_max"):
        return replace(scheme, rep_min=top, rep_max=top + HIGH_RANGE_WIDTH)
    return scheme


def choose_rule(
    ex: Exercise | None,
    block: Block | None,
    sessions: Sequence[SessionPerformance],
    overrides: Mapping[str, object],
    level: str,
    exercise_id: str,
) -> RuleName:
    """The rule for one exercise (order in the module docstring)."""
    chosen = rule_override(overrides, exercise_id)
    if chosen is not None:
        return chosen
    dose = _dose_of(ex, block)
    loaded = is_loaded(ex)
    if block is not None and block.kind == "warmup":
        return "repeat"  # a warm-up is done as planned, never progressed on its own
    if block is not None and block.progression is not None:
        forced = rule_override({exercise_id + ":rule": block.progression}, exercise_id)
        if forced is not None and _fits(forced, dose, loaded):
            return forced
    if dose == "seconds":
        return "holds"
    if dose == "contacts":
        return "contacts"
    if dose == "distance":
        return "repeat"
    if block is not None:
        if block.rep_range is not None:
            return "double"
        if not loaded and block.intensity_key == "level":
            return "repeat"  # body-weight work graded by the plan's own levels (e.g. Nordics)
        if block.intensity_key in ("rpe", "rir") and loaded:
            return "rpe"
        if block.reps is not None and block.reps <= 6 and level == "beginner" and loaded:
            return "linear"
        return "double"
    last = sessions[-1] if sessions else None
    if last is not None and loaded:
        rated = sum(1 for x in last.sets if x.rpe is not None)
        if rated * 2 >= len(last.sets) > 0:
            return "rpe"
        top_reps = max((x.reps or 0 for x in last.sets), default=0)
        barbell = ex is not None and bool(set(ex.equipment) & BARBELL_EQUIPMENT)
        if barbell and 0 < top_reps <= 6 and level == "beginner":
            return "linear"
    return "double"
