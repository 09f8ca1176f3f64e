"""Values that are possible but implausible (a typo, the wrong unit) are refused unless confirmed;
the plausible range of each input lives in its data file with the reason for its bounds."""

from __future__ import annotations

import pytest

from legday.domain.assess import registry
from legday.domain.assess.scoring import ImplausibleValue, score
from legday.domain.errors import FileFormatError, InvalidInput


def test_a_nordic_in_kgf_is_refused_with_the_likely_cause() -> None:
    # 30 kgf ≈ 294 N: typed as "30 N" it would read as a far too weak hamstring.
    with pytest.raises(ImplausibleValue, match="below the plausible range 80–750 N") as exc:
        score("nordic", {"left": 30, "right": 300})
    assert "kgf" in str(exc.value.hint) and exc.value.input == "left" and exc.value.bound == 80
    assert isinstance(exc.value, InvalidInput)  # the shells report it like any bad input


def test_a_150_cm_cmj_is_refused() -> None:
    with pytest.raises(ImplausibleValue, match="above the plausible range 3–90 cm"):
        score("cmj", {"height-cm": 150})


@pytest.mark.parametrize(("left", "ok"), [(80, True), (79.9, False), (750, True), (750.5, False)])
def test_the_bounds_are_inclusive(left: float, ok: bool) -> None:
    if ok:
        assert score("nordic", {"left": left, "right": 400}).value == min(left, 400)
    else:
        with pytest.raises(ImplausibleValue):
            score("nordic", {"left": left, "right": 400})


def test_confirmed_it_is_scored_and_says_so() -> None:
    s = score("nordic", {"left": 30, "right": 300}, confirm=True)
    assert s.value == 30 and "injury-risk" in s.flags
    assert any("confirmed" in w and "80–750" in w for w in s.warnings)
    assert not any("confirmed" in w for w in score("nordic", {"left": 300, "right": 300}).warnings)


def test_impossible_values_stay_impossible_even_when_confirmed() -> None:
    with pytest.raises(InvalidInput, match="impossible"):
        score("nordic", {"left": 5, "right": 300}, confirm=True)


def test_every_plausible_range_has_its_reason_and_sits_inside_the_possible() -> None:
    ranged = 0
    for spec in registry.all_tests():
        for i in spec.inputs.values():
            if i.plausible is None:
                continue
            ranged += 1
            lo, hi = i.plausible
            assert i.min is not None and i.max is not None and i.min <= lo <= hi <= i.max
            assert len(i.plausible_why) > 30, (spec.id, i.name)
    assert ranged >= 20


def _spec(inp: dict[str, object]) -> dict[str, object]:
    return {"id": "x", "name": "x", "scorer": "tug", "unit": "s", "better": "lower",
            "needs": [], "protocol": "p", "formula": "f", "sources": {"a": {"citation": "A"}},
            "inputs": {"value": {"help": "h", "min": 0, "max": 10, **inp}}}  # fmt: skip


@pytest.mark.parametrize(
    ("inp", "problem"),
    [({"plausible": [1, 5]}, "plausible_why"), ({"plausible": [5, 1], "plausible_why": "w"},
     "low, high"), ({"plausible": [1, 50], "plausible_why": "w"}, "exceeds")],
)  # fmt: skip
def test_plausible_ranges_are_checked_on_load(inp: dict[str, object], problem: str) -> None:
    with pytest.raises(FileFormatError, match=problem):
        registry.parse("x.toml", _spec(inp))
