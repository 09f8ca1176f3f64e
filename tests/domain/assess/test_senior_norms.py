"""Older-adult tests against the published tables, cell by cell.

The tables below are typed from docs/evidence/norms.md, independently of the data files:
every age band at both of its edge ages, both sexes, both bounds of each range and one step
outside each bound."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legday.domain.assess.scoring import score

# docs/evidence/norms.md#30-second-chair-stand (Rikli & Jones 30-s chair stand, normal range): band
# → (women, men)
CHAIR = [
    ((60, 64), (12, 17), (14, 19)),
    ((65, 69), (11, 16), (12, 18)),
    ((70, 74), (10, 15), (12, 17)),
    ((75, 79), (10, 15), (11, 17)),
    ((80, 84), (9, 14), (10, 15)),
    ((85, 89), (8, 13), (8, 14)),
    ((90, 94), (4, 11), (7, 12)),
]
# docs/evidence/norms.md#steadi-chair-stand (STEADI: below average if score < n): band → (women,
# men)
STEADI = [
    ((60, 64), 12, 14),
    ((65, 69), 11, 12),
    ((70, 74), 10, 12),
    ((75, 79), 10, 11),
    ((80, 84), 9, 10),
    ((85, 89), 8, 8),
    ((90, 94), 4, 7),
]
# docs/evidence/norms.md#8-foot-up-and-go (8-ft up-and-go, s); men's disputed cells use the CRAN
# `score` column.
UP_AND_GO = [
    ((60, 64), (4.4, 6.0), (3.8, 5.6)),
    ((65, 69), (4.8, 6.4), (4.3, 5.9)),
    ((70, 74), (4.9, 7.1), (4.4, 6.2)),
    ((75, 79), (5.2, 7.4), (4.6, 7.2)),
    ((80, 84), (5.7, 8.7), (5.2, 7.6)),
    ((85, 89), (6.2, 9.6), (5.5, 8.9)),
    ((90, 94), (7.3, 11.5), (6.2, 10.0)),
]
# docs/evidence/norms.md#single-leg-stance (Springer 2007, eyes open, best of 3, mean s)
SPRINGER = [((18, 39), 44.7), ((40, 49), 41.9), ((50, 59), 41.2), ((60, 69), 32.1),
            ((70, 79), 21.5), ((80, 99), 9.4)]  # fmt: skip


def _cells(table: list[tuple[tuple[int, int], tuple[float, float], tuple[float, float]]]):  # type: ignore[no-untyped-def]
    for (a_lo, a_hi), women, men in table:
        for age in (a_lo, a_hi):
            yield age, "female", women
            yield age, "male", men


@pytest.mark.parametrize(("age", "sex", "rng"), list(_cells(CHAIR)))
def test_chair_stand_range_cell(age: int, sex: str, rng: tuple[int, int]) -> None:
    lo, hi = rng
    for value, expected in ((lo - 1, "below"), (lo, "normal"), (hi, "normal"), (hi + 1, "above")):
        if value < 0:
            continue
        s = score("chair-stand-30s", {"value": value}, age=age, sex=sex)
        assert s.rating == expected, (value, s.rating)
        assert s.normal_range == (lo, hi)


@pytest.mark.parametrize(
    ("age", "sex", "cut"),
    [(age, sex, cut) for (lo, hi), w, m in STEADI for age in (lo, hi)
     for sex, cut in (("female", w), ("male", m))],
)  # fmt: skip
def test_chair_stand_steadi_fall_risk(age: int, sex: str, cut: int) -> None:
    assert "fall-risk" in score("chair-stand-30s", {"value": cut - 1}, age=age, sex=sex).flags
    assert "fall-risk" not in score("chair-stand-30s", {"value": cut}, age=age, sex=sex).flags


@pytest.mark.parametrize(("age", "sex", "rng"), list(_cells(UP_AND_GO)))
def test_up_and_go_range_cell(age: int, sex: str, rng: tuple[float, float]) -> None:
    fast, slow = rng
    cases = ((fast - 0.1, "above"), (fast, "normal"), (slow, "normal"), (slow + 0.1, "below"))
    for value, expected in cases:
        s = score("up-and-go-8ft", {"value": round(value, 1)}, age=age, sex=sex)
        assert s.rating == expected, (value, s.rating)
        assert s.normal_range == pytest.approx(rng)
        assert s.derived["lower_is_better"] is True


@pytest.mark.parametrize(("age", "alt"), [(65, (4.3, 5.7)), (72, (4.2, 6.0)), (89, (5.3, 8.9))])
def test_up_and_go_disputed_cells_warn_with_the_other_source(
    age: int, alt: tuple[float, float]
) -> None:
    s = score("up-and-go-8ft", {"value": 5.0}, age=age, sex="male")
    assert any("UNVERIFIED" in w and f"{alt[0]}–{alt[1]}" in w for w in s.warnings)
    undisputed = score("up-and-go-8ft", {"value": 5.0}, age=77, sex="male")
    assert not any("UNVERIFIED" in w for w in undisputed.warnings)


def test_up_and_go_disputed_cell_says_how_the_other_source_rates() -> None:
    # Men 70–74: 6.1 s is inside 4.4–6.2 (used) but slower than 4.2–6.0 (topendsports).
    s = score("up-and-go-8ft", {"value": 6.1}, age=70, sex="male")
    assert s.rating == "normal"
    assert any("would rate this 'below'" in w for w in s.warnings)


@pytest.mark.parametrize(("band", "mean"), SPRINGER)
def test_single_leg_stance_means(band: tuple[int, int], mean: float) -> None:
    for age in band:
        s = score("single-leg-stance", {"value": 10}, age=age)
        assert s.derived["springer_mean_s"] == mean
        assert s.derived["percent_of_mean"] == pytest.approx(round(1000 / mean, 1))
        assert s.rating is None


def test_single_leg_stance_bohannon_beside_springer_over_60() -> None:
    # docs/evidence/norms.md#single-leg-stance: Bohannon 2006 means 27.0 (60–69), 17.2 (70–79), 8.5
    # (80–99).
    bands = (((60, 69), 27.0), ((70, 79), 17.2), ((80, 99), 8.5))
    for age, mean in ((a, m) for band, m in bands for a in band):
        assert score("single-leg-stance", {"value": 5}, age=age).derived["bohannon_mean_s"] == mean
    assert "bohannon_mean_s" not in score("single-leg-stance", {"value": 5}, age=59).derived


@pytest.mark.parametrize(("value", "risk"), [(11.9, False), (12.0, True), (30, True), (8, False)])
def test_tug_steadi_cutoff(value: float, risk: bool) -> None:
    s = score("tug", {"value": value})
    assert ("fall-risk" in s.flags) is risk
    assert s.rating is None


@pytest.mark.parametrize(
    ("stage", "risk"), [(0, True), (1, True), (2, True), (3, False), (4, False)]
)
def test_four_stage_balance_tandem_rule(stage: int, risk: bool) -> None:
    assert ("fall-risk" in score("four-stage-balance", {"stage": stage}).flags) is risk


@given(
    age=st.integers(min_value=60, max_value=94),
    sex=st.sampled_from(["female", "male"]),
    value=st.integers(min_value=0, max_value=50),
)
def test_chair_stand_rating_matches_the_typed_table(age: int, sex: str, value: int) -> None:
    (women, men) = next((w, m) for (lo, hi), w, m in CHAIR if lo <= age <= hi)
    lo, hi = women if sex == "female" else men
    expected = "below" if value < lo else "above" if value > hi else "normal"
    assert (
        score("chair-stand-30s", {"value": value}, age=age, sex=sex, confirm=True).rating
        == expected
    )
