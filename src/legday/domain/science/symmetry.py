"""Limb symmetry index (docs/evidence/formulas.md#limb-symmetry-index)."""

from __future__ import annotations

import math

from legday.domain.errors import InvalidInput

# Return-to-sport rule: LSI > 90 % (Gokeler A et al., KSSTA 2017;25(1):192–199; Welling W et al.,
# KSSTA 2018;26(12):3636–3644 — both write a strict ">"). Exactly 90.0 % therefore fails.
RTS_LSI_PCT = 90.0


def lsi(involved: float, uninvolved: float) -> float:
    """LSI (%) = involved (or non-dominant) limb ÷ uninvolved (or dominant) limb × 100.
    Worked example (docs/evidence/formulas.md#limb-symmetry-index): 170 cm vs 190 cm → 89.47 %."""
    for name, v in (("involved", involved), ("uninvolved", uninvolved)):
        if not math.isfinite(v) or v < 0:
            raise InvalidInput(f"{name} limb value {v:g} is not a measurement", "give a value ≥ 0")
    if uninvolved == 0:
        raise InvalidInput("the uninvolved limb value is 0", "an LSI needs a non-zero reference")
    return involved / uninvolved * 100


def meets_rts(lsi_pct: float) -> bool:
    """True when the LSI passes the > 90 % return-to-sport convention (strictly above 90)."""
    return round(lsi_pct, 6) > RTS_LSI_PCT  # floating-point noise must not pass 90.0
