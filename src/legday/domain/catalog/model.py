"""Exercise records and the closed vocabularies every catalog entry is checked against."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Region = Literal["lower", "upper", "core", "full"]
Impact = Literal["none", "low", "moderate", "high", "shock"]
Laterality = Literal["bilateral", "unilateral"]

REGIONS: tuple[str, ...] = ("lower", "upper", "core", "full")
IMPACTS: tuple[str, ...] = ("none", "low", "moderate", "high", "shock")
LATERALITIES: tuple[str, ...] = ("bilateral", "unilateral")

PATTERNS: tuple[str, ...] = (
    "squat", "hinge", "lunge", "step-up", "single-leg-squat", "knee-extension", "knee-flexion",
    "hip-extension", "hip-abduction", "hip-adduction", "calf", "tibialis", "plyometric",
    "sprint-agility", "balance", "mobility", "carry", "upper-push", "upper-pull", "core", "other",
)  # fmt: skip
# Patterns that train the legs; the neglect audit and the planner both read this.
LOWER_PATTERNS: tuple[str, ...] = PATTERNS[:16]

EQUIPMENT: tuple[str, ...] = (
    "none", "band", "dumbbell", "kettlebell", "barbell", "trap-bar", "machine", "cable", "smith",
    "box", "bench", "chair", "wall", "ankle-weights", "sled", "stability-pad", "medicine-ball",
    "pull-up-bar",
)  # fmt: skip

BENEFITS: tuple[str, ...] = (
    "strength", "balance", "power", "metabolic", "mobility", "injury-prevention", "health",
)  # fmt: skip

LIMITATIONS: tuple[str, ...] = (
    "knee-pain", "low-back-pain", "ankle-sprain", "hip-pain", "balance-impairment",
    "osteoporosis", "pregnancy", "shoulder-pain", "wrist-pain", "hamstring-strain",
    "hamstring-strain-history", "acl-reconstruction", "knee-osteoarthritis",
)  # fmt: skip
# The phase each limitation id means. A catalog contraindication names a limitation id, so it
# means that id's phase: "hamstring-strain" is a current (acute) strain, which stops Nordics and
# heavy hinges, while a healed one ("hamstring-strain-history") is the strongest risk factor for
# the next strain and calls for eccentric hamstring work (Petersen 2011, Am J Sports Med 39:2296;
# van Dyk 2019, Br J Sports Med 53:1362). "history" phases contraindicate nothing.
LIMITATION_PHASES: dict[str, str] = {
    **{lim: "current" for lim in LIMITATIONS},
    "hamstring-strain-history": "history",
    "acl-reconstruction": "rehabilitation",  # months after surgery, until return to sport
    "knee-osteoarthritis": "chronic",
}
CONTRAINDICATION_VOCAB: tuple[str, ...] = tuple(
    lim for lim in LIMITATIONS if LIMITATION_PHASES[lim] != "history"
)

# Muscles, finer than peers' "Legs"/"Calves": the lower limb is split the way the training
# literature reports it (gluteus medius/minimus, adductors, hip flexors, tibialis anterior apart).
LOWER_MUSCLES: tuple[str, ...] = (
    "quadriceps", "hamstrings", "gluteus-maximus", "gluteus-medius", "adductors", "hip-flexors",
    "gastrocnemius", "soleus", "tibialis-anterior",
)  # fmt: skip
CORE_MUSCLES: tuple[str, ...] = (
    "rectus-abdominis", "obliques", "transverse-abdominis", "erector-spinae",
)  # fmt: skip
UPPER_MUSCLES: tuple[str, ...] = (
    "pectorals", "anterior-deltoid", "lateral-deltoid", "posterior-deltoid", "latissimus-dorsi",
    "trapezius", "rhomboids", "rotator-cuff", "biceps", "triceps", "forearms", "neck",
    "serratus-anterior",
)  # fmt: skip
MUSCLES: tuple[str, ...] = LOWER_MUSCLES + CORE_MUSCLES + UPPER_MUSCLES

# Everyday names for groups of muscles (what `--muscle calves` or a user's "glutes" means).
MUSCLE_GROUPS: dict[str, tuple[str, ...]] = {
    "quads": ("quadriceps",),
    "glutes": ("gluteus-maximus", "gluteus-medius"),
    "calves": ("gastrocnemius", "soleus"),
    "abs": ("rectus-abdominis", "obliques", "transverse-abdominis"),
    "lower-back": ("erector-spinae",),
    "back": ("latissimus-dorsi", "trapezius", "rhomboids", "erector-spinae"),
    "chest": ("pectorals",),
    "shoulders": ("anterior-deltoid", "lateral-deltoid", "posterior-deltoid", "rotator-cuff"),
    "arms": ("biceps", "triceps", "forearms"),
    "legs": LOWER_MUSCLES,
}

DOSES: tuple[str, ...] = ("reps", "seconds", "contacts", "distance")

MUSCLE_WEIGHT_PRIMARY = 1.0
MUSCLE_WEIGHT_SECONDARY = 0.5


@dataclass(frozen=True, slots=True)
class MuscleLoad:
    muscle: str
    # 1.0 primary, 0.5 secondary (docs/evidence/load-monitoring.md: weekly hard sets per muscle)
    weight: float


@dataclass(frozen=True, slots=True)
class Exercise:
    id: str
    name: str
    region: Region
    pattern: str
    muscles: tuple[MuscleLoad, ...]
    laterality: Laterality
    equipment: tuple[str, ...]
    level: int
    impact: Impact
    benefits: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    contraindications: tuple[str, ...] = ()
    contacts_per_rep: int | None = None
    met: float | None = None
    met_code: str | None = None
    regressions: tuple[str, ...] = ()
    progressions: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    # How the exercise is dosed: "reps" (load × reps), "seconds" (holds), "contacts" (plyometric),
    # "distance" (sprints, carries).
    dose: Literal["reps", "seconds", "contacts", "distance"] = "reps"
    # Without added load, can a healthy adult end a set of 8–15 reps with ≤ 3 reps in reserve?
    # (a split squat can, an air squat or a standing knee curl cannot; legday's coaching
    # judgement, docs/evidence/pathways.md#bodyweight-and-home). Only read for unloaded work.
    hard_unloaded: bool = False

    @property
    def primary_muscles(self) -> tuple[str, ...]:
        return tuple(m.muscle for m in self.muscles if m.weight >= MUSCLE_WEIGHT_PRIMARY)

    @property
    def is_lower(self) -> bool:
        return self.region == "lower" or self.pattern in LOWER_PATTERNS
