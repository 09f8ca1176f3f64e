"""2011 Compendium MET values: cells typed from docs/evidence/met.md, and the kcal they give."""

from __future__ import annotations

import pytest

from legday.domain.errors import NotFound
from legday.domain.science import energy, met

# docs/evidence/met.md tables, MET 2011 column
EXPECTED = {
    "02050": 6.0, "02052": 5.0, "02054": 3.5, "02020": 8.0, "02022": 3.8, "02030": 3.5,
    "02035": 4.3, "02040": 8.0, "02065": 9.0, "02068": 11.0, "02001": 2.3, "02101": 2.3,
    "02105": 3.0, "02140": 2.3, "02150": 2.5, "02160": 4.0, "17151": 2.0, "17152": 2.8,
    "17170": 3.0, "17190": 3.5, "17200": 4.3, "17133": 4.0, "17134": 8.8, "17130": 8.0,
    "17070": 3.5, "12170": 15.0, "15670": 3.0, "15552": 8.8, "15551": 11.8, "15550": 12.3,
}  # fmt: skip


def test_every_value() -> None:
    assert {c: a.met for c, a in met.activities().items()} == EXPECTED


def test_squats_for_half_an_hour() -> None:
    # 5.0 MET × 3.5 × 80 kg / 200 = 7 kcal/min → 210 kcal in 30 min
    # (docs/evidence/formulas.md#met-energy example).
    assert energy.kcal(met.activity("02052").met, 80, 30) == pytest.approx(210.0)


def test_retired_code_is_not_found() -> None:
    with pytest.raises(NotFound, match="02052"):
        met.activity("02130")  # retired in 2011 (docs/evidence/met.md)
