"""Left/right, jump and rep-max tests: thresholds at their edges (docs/evidence/norms.md,
docs/evidence/formulas.md), hand-worked values."""

from __future__ import annotations

import pytest

from legday.domain.assess.scoring import score
from legday.domain.errors import InvalidInput


@pytest.mark.parametrize(
    ("population", "phase", "threshold"),
    [("australian-football", "start", 256), ("australian-football", "end", 279),
     ("soccer", "start", 337), ("other", "start", 256)],
)  # fmt: skip
def test_nordic_thresholds(population: str, phase: str, threshold: float) -> None:
    def flagged(weaker: float) -> bool:
        inputs = {"left": weaker, "right": 400, "population": population, "phase": phase}
        return "injury-risk" in score("nordic", inputs).flags

    assert flagged(threshold - 1)
    assert not flagged(threshold)


def test_nordic_soccer_has_no_end_of_preseason_threshold() -> None:
    with pytest.raises(InvalidInput, match="soccer"):
        score("nordic", {"left": 300, "right": 300, "population": "soccer", "phase": "end"})


def test_nordic_imbalance_is_an_asymmetry_not_a_risk() -> None:
    s = score("nordic", {"left": 300, "right": 400})
    assert s.value == 300
    assert s.derived["imbalance_pct"] == 25.0  # (400 − 300) / 400
    assert s.derived["lsi_pct"] == 75.0
    # Opar 2015: imbalance did not predict injury, so it is a remedy flag, never injury-risk.
    assert s.flags == ["asymmetry"]
    assert any("soccer threshold" in w for w in s.warnings)  # 300 N < 337 N


@pytest.mark.parametrize(("left", "flag"), [(360, False), (359, True)])
def test_nordic_imbalance_edge_is_ten_percent(left: float, flag: bool) -> None:
    # 360 vs 400: exactly 10 % weaker (LSI 90 %) is not flagged; 359 N is 10.25 % weaker.
    assert ("asymmetry" in score("nordic", {"left": left, "right": 400}).flags) is flag


@pytest.mark.parametrize(
    ("left", "right", "rater", "flag"),
    [(10, 11.9, "same", False), (10, 12.0, "same", True),
     (10, 11.6, "different", False), (10, 11.7, "different", True)],
)  # fmt: skip
def test_knee_to_wall_mdc(left: float, right: float, rater: str, flag: bool) -> None:
    s = score("knee-to-wall", {"left": left, "right": right, "rater": rater})
    assert ("asymmetry" in s.flags) is flag
    assert s.derived["left_deg_approx"] == 36.0  # 10 cm × 3.6°/cm


@pytest.mark.parametrize(("left", "right", "flag"), [(90, 100, True), (90.1, 100, False)])
def test_hop_lsi_strict_90(left: float, right: float, flag: bool) -> None:
    assert ("asymmetry" in score("single-leg-hop", {"left": left, "right": right}).flags) is flag


def test_hop_worked_example_and_involved_side() -> None:
    s = score("single-leg-hop", {"left": 170, "right": 190})
    assert s.value == pytest.approx(89.47, abs=0.005)
    # Naming the longer side as involved gives 190/170 = 111.76 %.
    named = score("single-leg-hop", {"left": 190, "right": 170, "involved": "left"})
    assert named.value == pytest.approx(111.76, abs=0.005)


def test_hop_percentile_against_high_school_norms() -> None:
    # Male mean 187.8 % of limb length: a 187.8 cm hop on a 100 cm limb is the 50th percentile,
    # mean + 1 SD (220.9 %) the 84.1st.
    at_mean = score("single-leg-hop", {"left": 187.8, "right": 187.8, "limb-length-cm": 100},
                    sex="male")  # fmt: skip
    assert at_mean.percentile == 50.0
    plus_sd = score("single-leg-hop", {"left": 220.9, "right": 220.9, "limb-length-cm": 100},
                    sex="male")  # fmt: skip
    assert plus_sd.percentile == pytest.approx(84.1, abs=0.05)
    female = score("single-leg-hop", {"left": 129.7, "right": 140, "limb-length-cm": 100},
                   sex="female")  # fmt: skip
    assert female.percentile == pytest.approx(15.9, abs=0.05)  # 157.5 − 27.8 = mean − 1 SD


@pytest.mark.parametrize(("right", "flag"), [(64, False), (64.1, True)])
def test_y_balance_anterior_edge(right: float, flag: bool) -> None:
    assert ("asymmetry" in score("y-balance", {"left": 60, "right": right}).flags) is flag


def test_y_balance_composite_girls() -> None:
    full = {"left": 62, "right": 62, "pm-left": 100, "pm-right": 100, "pl-left": 96,
            "pl-right": 96, "limb-length-cm": 90}  # fmt: skip
    s = score("y-balance", full, sex="female")
    # docs/evidence/formulas.md#y-balance-composite
    assert s.derived["composite_left_pct"] == pytest.approx(95.56, abs=0.005)
    assert "injury-risk" not in s.flags
    # 84.5 + 100 + 69 = 253.5 / 270 = 93.89 % < 94 %
    low = {**full, "left": 84.5, "right": 84.5, "pl-left": 69, "pl-right": 69}
    assert "injury-risk" in score("y-balance", low, sex="female").flags
    assert "injury-risk" not in score("y-balance", low, sex="male").flags


def test_y_balance_composite_needs_every_part() -> None:
    with pytest.raises(InvalidInput, match="limb-length-cm"):
        score("y-balance", {"left": 60, "right": 62, "pm-left": 90})


def test_cmj_power_by_sayers_with_mass() -> None:
    s = score("cmj", {"height-cm": 40}, mass_kg=75)
    assert s.value == 40
    # docs/evidence/formulas.md#sayers-peak-power
    assert s.derived["peak_power_w"] == pytest.approx(3770.5)
    assert s.derived["harman_peak_power_w"] == pytest.approx(3354.0)
    assert s.derived["harman_average_power_w"] == pytest.approx(1180.0)
    assert s.derived["lewis_average_power_w"] == pytest.approx(1030.05, abs=0.05)
    assert s.rating is None and any("baseline" in w for w in s.warnings)
    assert "peak_power_w" not in score("squat-jump", {"height-cm": 40}).derived


def test_rep_max() -> None:
    s = score("rep-max", {"load": 100, "reps": 5}, mass_kg=80)
    assert s.value == pytest.approx(116.67, abs=0.005)
    assert s.derived["all_formulas"]["brzycki"] == pytest.approx(112.5)
    assert s.derived["ratio_to_body_mass"] == pytest.approx(1.46)  # 116.67 / 80
    beyond = score("rep-max", {"load": 100, "reps": 12, "formula": "lombardi"})
    assert any("beyond" in w for w in beyond.warnings)
