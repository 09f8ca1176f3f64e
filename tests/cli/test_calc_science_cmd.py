"""`legday calc e1rm|jump-power|bmr|kcal|score`: JSON contracts with docs/evidence/formulas.md
worked examples."""

from __future__ import annotations

import pytest
from tests.helpers import run_cli


def _json(*args: str) -> dict[str, object]:
    r = run_cli("calc", *args, "--json")
    assert r.exit_code == 0, r.stderr
    doc: dict[str, object] = r.json()
    return doc


def test_e1rm() -> None:
    assert _json("e1rm", "--load", "100", "--reps", "5") == {
        "e1rm": 116.67, "formula": "epley", "unit": "kg"}  # fmt: skip
    assert _json("e1rm", "--load", "100", "--reps", "5", "--formula", "wathan")["e1rm"] == 116.58
    # 200 lb × 36 / 32 = 225 lb, answered in lb
    assert _json("e1rm", "--load", "200", "--reps", "5", "--formula", "brzycki", "--unit",
                 "lb") == {"e1rm": 225.0, "formula": "brzycki", "unit": "lb"}  # fmt: skip


def test_e1rm_beyond_range_warns_on_stderr() -> None:
    r = run_cli("calc", "e1rm", "--load", "100", "--reps", "15", "--json")
    assert r.exit_code == 0 and r.json()["e1rm"] == 150.0
    assert "warning:" in r.stderr


def test_jump_power() -> None:
    assert _json("jump-power", "--height-cm", "40", "--mass-kg", "75") == {
        "peak_power_w": 3770.5, "equation": "sayers"}  # fmt: skip
    assert _json("jump-power", "--height-cm", "40", "--mass-kg", "75", "--equation", "harman") == {
        "peak_power_w": 3354.0, "equation": "harman", "average_power_w": 1180.0}  # fmt: skip
    lewis = _json("jump-power", "--height-cm", "40", "--mass-kg", "75", "--equation", "lewis")
    assert lewis["average_power_w"] == pytest.approx(1030.05)


def test_bmr() -> None:
    base = ("bmr", "--mass-kg", "80", "--height-cm", "180", "--age", "30")
    assert _json(*base, "--sex", "male") == {"kcal_per_day": 1780.0, "equation": "mifflin"}
    hb = _json(*base, "--sex", "female", "--equation", "harris-benedict")
    assert hb["kcal_per_day"] == pytest.approx(1615.09, abs=0.005)
    km = _json("bmr", "--mass-kg", "80", "--equation", "katch-mcardle", "--body-fat-pct", "15")
    assert km == {"kcal_per_day": 1838.8, "equation": "katch-mcardle"}


def test_kcal_and_score() -> None:
    assert _json("kcal", "--met", "5", "--mass-kg", "80", "--minutes", "30") == {"kcal": 210.0}
    # 02052 squats = 5.0 MET (docs/evidence/met.md), same answer
    squats = _json("kcal", "--activity", "02052", "--mass-kg", "80", "--minutes", "30")
    assert squats == {"kcal": 210.0}
    assert _json("score", "--total-kg", "700", "--mass-kg", "100", "--sex", "male",
                 "--formula", "dots") == {"score": 430.86, "formula": "dots"}  # fmt: skip
    assert _json("score", "--total-kg", "1000", "--mass-kg", "100", "--sex", "male") == {
        "score": 608.59, "formula": "wilks"}  # fmt: skip
    gl = _json("score", "--total-kg", "122.5", "--mass-kg", "70.5", "--sex", "female",
               "--formula", "ipf-gl", "--event", "bench")  # fmt: skip
    assert gl == {"score": 96.78, "formula": "ipf-gl"}


@pytest.mark.parametrize(
    "args",
    [
        ("e1rm", "--load", "-5", "--reps", "5"),
        ("e1rm", "--load", "100", "--reps", "5", "--formula", "magic"),
        ("jump-power", "--height-cm", "900", "--mass-kg", "75"),
        ("bmr", "--mass-kg", "80", "--equation", "mifflin"),
        ("bmr", "--mass-kg", "80", "--equation", "katch-mcardle"),
        ("kcal", "--met", "5", "--mass-kg", "80", "--minutes", "0"),
        ("kcal", "--mass-kg", "80", "--minutes", "10"),
        ("kcal", "--activity", "99999", "--mass-kg", "80", "--minutes", "10"),
        ("score", "--total-kg", "500", "--mass-kg", "80", "--sex", "x"),
    ],
)
def test_bad_input_is_one_line(args: tuple[str, ...]) -> None:
    r = run_cli("calc", *args)
    assert r.exit_code == 1
    assert r.stderr.strip().startswith("error:") and len(r.stderr.strip().splitlines()) == 1
