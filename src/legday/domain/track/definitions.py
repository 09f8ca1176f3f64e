"""What each figure of an athlete's analysis means, with its source: the words the JSON document
and the report's captions carry beside the numbers."""

from __future__ import annotations

from legday.domain.science.e1rm import DEFINITION as E1RM_DEFINITION

DEFINITIONS: dict[str, str] = {
    "sets_by_muscle": "weekly hard sets per muscle: Σ muscle weight (primary 1.0, secondary 0.5) "
    "over working sets with RPE ≥ 7 when logged (else RIR ≤ 3, else every working set); "
    "warm-ups excluded (docs/evidence/load-monitoring.md; Pelland et al. 2024 fractional counting, "
    "docs/evidence/doses.md#weekly-volume)",
    "sets_by_pattern": "working sets per catalog movement pattern, warm-ups excluded",
    "tonnage_by_region": "Σ load × reps of external loads per exercise region ('lower' = any "
    "exercise that trains the legs), in the athlete's unit",
    "lower_set_share": "lower-body working sets / all working sets "
    "(docs/evidence/load-monitoring.md)",
    "weeks_without_legs": "ISO weeks (%G-W%V) with ≥ 1 session and no lower-body working set",
    "targets": "weekly sets per muscle: ≥ 10 for growth (Schoenfeld et al. 2017); MV/MEV/MAV "
    "practitioner landmarks (Israetel/RP via melvio, docs/evidence/doses.md#volume-landmarks)",
    "e1rm": "weekly best " + E1RM_DEFINITION,
    "load": "Foster session-RPE load = session RPE × minutes, each session once, every day of "
    "the athlete's span, rest days 0 (Foster et al. 2001)",
    "acwr_rolling": "mean of the last 7 daily loads / mean of the last 28 (coupled; Gabbett 2016)",
    "acwr_rolling_uncoupled": "mean of the last 7 / mean of the 21 days before them "
    "(Lolli et al. 2019)",
    "acwr_ewma": "EWMA(λ=2/8) / EWMA(λ=2/29), y₀ = x₀, undefined for the first 27 days "
    "(Williams et al. 2017)",
    "monotony": "ISO week mean / sample SD (ddof 1) of its 7 daily loads; undefined when SD = 0 "
    "(Foster 1998); strain = weekly total × monotony",
    "unrated_days_28d": "days in the 28 days ending that day with a session without a session "
    "RPE or length: missing data, not rest; while > 0 no ratio, monotony, strain or flag is given",
    "acwr_sets_estimate": "an ESTIMATE shown only where unrated days hide the ratio: working sets "
    "of the last 7 days / 7 over those of the last 28 / 28",
    "flags": "acwr_low < 0.8, acwr_high > 1.3, acwr_spike > 1.5 (Gabbett 2016); ewma_* the same "
    "for the EWMA ratio",
    "symmetry": "LSI = weaker / stronger side × 100 "
    "(docs/evidence/formulas.md#limb-symmetry-index), > 90 % convention "
    "(Gokeler et al. 2017; Welling et al. 2018)",
    "energy": "per session: set-weighted mean catalog MET × 3.5 × body mass / 200 × minutes "
    "(docs/evidence/formulas.md#met-energy); no estimate without a duration, a MET value or body "
    "mass",
    "guidelines": "WHO 2020: muscle strengthening ≥ 2 days/week; older adults balance and "
    "strength ≥ 3 days/week (Bull et al. 2020)",
}
