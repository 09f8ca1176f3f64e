"""Scoring for the older-adult tests: chair stand, 8-ft up-and-go, TUG, 4-stage balance,
single-leg stance. Norm numbers live in the data files; only the rules are here."""

from __future__ import annotations

from typing import Any

from legday.domain.assess.common import (
    Measurement,
    band,
    base,
    lower_is_better_note,
    need_sex,
    rate,
)
from legday.domain.assess.model import Score, TestSpec
from legday.domain.records import Sex


def _against_normal_range(
    spec: TestSpec, m: Measurement, value: float
) -> tuple[Score, Sex, dict[str, Any]]:
    """``value`` rated against the Rikli & Jones range (table ``normal``) of the person's sex and
    age band; the band's row comes back for what else it holds."""
    s = base(spec, m, value)
    sex = need_sex(spec, m)
    row = band(spec, "normal", m, s.warnings)
    lo, hi = row[sex]
    s.normal_range = (float(lo), float(hi))
    s.rating = rate(value, lo, hi, spec.better)
    return s, sex, row


def chair_stand(spec: TestSpec, m: Measurement) -> Score:
    """Rikli & Jones range → rating; STEADI cut-off → fall-risk (score < cut-off)."""
    value = m.num("value")
    s, sex, row = _against_normal_range(spec, m, value)
    cut = band(spec, "steadi", m, [])[sex]
    s.derived["age_band"] = list(row["age"])
    s.derived["steadi_below_average_if_under"] = cut
    s.derived["normal_range_percentiles"] = [25, 75]
    if value < cut:
        s.flags.append("fall-risk")
    if value == 0:
        s.warnings.append("a score of 0 means the person could not stand without using the arms")
    return s


def up_and_go(spec: TestSpec, m: Measurement) -> Score:
    """Rikli & Jones range (lower is better) → rating; disputed cells carry a warning."""
    value = m.num("value")
    s, sex, row = _against_normal_range(spec, m, value)
    lower_is_better_note(s)
    s.derived["age_band"] = list(row["age"])
    alt = row.get(f"{sex}_alt")
    if alt is not None:
        lo, hi = row[sex]
        alt_source = spec.sources[row[f"{sex}_alt_source"]]
        other = rate(value, alt[0], alt[1], spec.better)
        s.derived["alternative_range"] = list(alt)
        s.warnings.append(
            f"the {sex} {row['age'][0]}–{row['age'][1]} range is {row[f'{sex}_status']}: "
            f"{lo}–{hi} s (CRAN score, Rikli & Jones 1999) is used; {alt[0]}–{alt[1]} s "
            f"({alt_source.key}) would rate this '{other}'"
        )
    return s


def tug(spec: TestSpec, m: Measurement) -> Score:
    """STEADI: ≥ 12 s is fall risk; no normal range."""
    value = m.num("value")
    s = base(spec, m, value)
    cut = spec.table("steadi").value
    s.derived["steadi_fall_risk_at_or_over_s"] = cut
    lower_is_better_note(s)
    if value >= cut:
        s.flags.append("fall-risk")
    if m.age is not None and m.age < 60:
        s.warnings.append(
            f"the STEADI {cut:g} s cut-off was set for older adults; at age {m.age} it is a rough "
            "guide only"
        )
    return s


def four_stage(spec: TestSpec, m: Measurement) -> Score:
    """STEADI: tandem stance (stage 3) not held 10 s → fall risk."""
    stage = int(m.num("stage"))
    s = base(spec, m, float(stage))
    table = spec.table("steadi")
    names: list[str] = table.data["stage_names"]
    s.derived["stages_held"] = names[:stage]
    if stage < 4:
        s.derived["failed_stage"] = names[stage]
        held = m.opt("seconds")
        if held is not None:
            s.derived["seconds_in_failed_stage"] = held
    if stage < table.value:
        s.flags.append("fall-risk")
    return s


def single_leg_stance(spec: TestSpec, m: Measurement) -> Score:
    """Springer 2007 age-group mean (no SDs retrieved → no rating); Bohannon 2006 for ≥ 60."""
    value = m.num("value")
    s = base(spec, m, value)
    row = band(spec, "springer", m, s.warnings)
    mean = float(row["value"])
    s.derived["age_band"] = list(row["age"])
    s.derived["springer_mean_s"] = mean
    s.derived["percent_of_mean"] = round(value / mean * 100, 1)
    assert m.age is not None  # band() has checked it
    boh = spec.table("bohannon").rows
    match = [r for r in boh if r["age"][0] <= m.age <= r["age"][1]]
    if match:
        s.derived["bohannon_mean_s"] = float(match[0]["value"])
    s.warnings.append(
        "Springer 2007 SDs and ranges are UNVERIFIED, so no normal range or rating is given; "
        "compare with the age-group mean"
    )
    short = spec.table("short").value
    s.derived["short_stance_under_s"] = short
    if value < short:
        s.flags.append("short-stance")
    if value >= 45:
        s.warnings.append("45 s is the protocol's ceiling: the true ability may be higher")
    return s


def steadi_screen(spec: TestSpec, m: Measurement) -> Score:
    """STEADI's three questions: any yes → screen-positive; a fall in the past year → also
    fall-history."""
    answers = {q: m.word(q) for q in ("fell", "unsteady", "worried")}
    yes = [q for q, a in answers.items() if a == "yes"]
    s = base(spec, m, float(len(yes)))
    s.derived["yes_answers"] = yes
    s.derived["screen"] = "positive" if yes else "negative"
    if yes:
        s.flags.append("screen-positive")
    if answers["fell"] == "yes":
        s.flags.append("fall-history")
    return s
