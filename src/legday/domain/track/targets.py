"""Evidence-based weekly set targets per lower-body muscle (docs/evidence/doses.md#weekly-volume and
docs/evidence/doses.md#volume-landmarks).

- ≥ 10 weekly hard sets per muscle for hypertrophy: Schoenfeld, Ogborn & Krieger 2017, J Sports
  Sci 35(11):1073–1082 (continuous dose-response significant; the category result a trend).
- MV (maintenance), MEV and MAV: Israetel / Renaissance Periodization volume landmarks as
  summarised by melvio/lifting-volumes-overview (2024) — a practitioner heuristic, not a trial
  result.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHOENFELD17_SETS = 10.0  # ≥ 10 weekly sets per muscle (docs/evidence/doses.md#weekly-volume)


@dataclass(frozen=True, slots=True)
class MuscleTarget:
    group: str  # everyday name
    muscles: tuple[str, ...]  # catalog muscles; the group's weekly sets = the max over them
    mv: float  # maintenance volume (RP)
    mev: float  # minimum effective volume (RP)
    mav: tuple[float, float]  # maximum adaptive volume range (RP)
    growth: float = SCHOENFELD17_SETS
    source: str = (
        "RP-LAND via MELVIO (docs/evidence/doses.md#volume-landmarks); ≥10 sets "
        "SCHOENFELD17 (docs/evidence/doses.md#weekly-volume)"
    )


# docs/evidence/doses.md#volume-landmarks table: quads 6/8/12–18, hamstrings 3/4/10–16, glutes
# 0/0/4–12, calves 6/8/12–16. Calves are two catalog muscles trained together; counting both would
# double every calf raise, so the group takes the larger of the two.
TARGETS: tuple[MuscleTarget, ...] = (
    MuscleTarget("quads", ("quadriceps",), 6, 8, (12, 18)),
    MuscleTarget("hamstrings", ("hamstrings",), 3, 4, (10, 16)),
    MuscleTarget("glutes", ("gluteus-maximus",), 0, 0, (4, 12)),
    MuscleTarget("calves", ("gastrocnemius", "soleus"), 6, 8, (12, 16)),
)


def rating(sets_per_week: float, t: MuscleTarget) -> str:
    """below-maintenance / maintenance / growth (≥ 10) / above-mav, against one target."""
    if sets_per_week > t.mav[1]:
        return "above-mav"
    if sets_per_week >= t.growth:
        return "growth"
    if sets_per_week >= t.mv and sets_per_week > 0:
        return "maintenance"
    return "below-maintenance"
