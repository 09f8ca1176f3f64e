"""Powerlifting scores: OpenPowerlifting test vectors and worked examples
(docs/evidence/formulas.md#powerlifting-scores)."""

from __future__ import annotations

import pytest

from legday.domain.errors import InvalidInput
from legday.domain.science import scores


def test_wilks_vectors() -> None:
    r = scores.wilks(1000, 100, "male")
    assert r.coefficient == pytest.approx(0.608589071906651, rel=1e-12)
    assert r.score == pytest.approx(608.59, abs=0.005)
    assert scores.wilks(500, 60, "female").score == pytest.approx(557.44, abs=0.005)


@pytest.mark.parametrize(
    ("mass", "male", "female"),
    [(60, 0.9991, 1.3194), (80, 0.8179, 1.1380), (100, 0.7304, 1.0608)],
)
def test_wilks2020_published_table(mass: float, male: float, female: float) -> None:
    assert scores.wilks2020(100, mass, "male").coefficient == pytest.approx(male, abs=5e-5)
    assert scores.wilks2020(100, mass, "female").coefficient == pytest.approx(female, abs=5e-5)


def test_wilks2020_worked_example() -> None:
    assert scores.wilks2020(700, 100, "male").score == pytest.approx(511.28, abs=0.005)


def test_dots_worked_examples() -> None:
    assert scores.dots(700, 100, "male").score == pytest.approx(430.86, abs=0.005)
    assert scores.dots(400, 60, "female").score == pytest.approx(443.42, abs=0.005)


def test_ipf_gl_vectors() -> None:
    assert scores.ipf_gl(1035, 92.04, "male", "equipped").score == pytest.approx(112.85, abs=0.005)
    bench = scores.ipf_gl(122.5, 70.5, "female", "classic", "bench")
    assert bench.score == pytest.approx(96.78, abs=0.005)
    assert scores.score(700, 100, "male", "ipf-gl").score == pytest.approx(88.43, abs=0.005)


def test_clamping_is_said_not_silent() -> None:
    heavy = scores.dots(800, 230, "male")
    assert heavy.warnings and "210" in heavy.warnings[0]
    assert heavy.score == pytest.approx(scores.dots(800, 210, "male").score)


@pytest.mark.parametrize(
    "call",
    [
        lambda: scores.wilks(0, 80, "male"),
        lambda: scores.wilks(500, 80, "x"),
        lambda: scores.wilks(500, 10, "male"),
        lambda: scores.ipf_gl(300, 30, "female"),
        lambda: scores.score(300, 60, "female", "glossbrenner"),
    ],
)
def test_bad_input(call: object) -> None:
    with pytest.raises(InvalidInput):
        call()  # type: ignore[operator]
