"""Use-case documents as JSON values: dates as ISO text, dataclasses as objects, and a
non-finite float (a value stored before imports refused them) as null — ``NaN`` is not JSON."""

from __future__ import annotations

import math
from typing import Any

from fastapi.encoders import jsonable_encoder


def jsonable(doc: Any) -> Any:
    return _finite(jsonable_encoder(doc))


def _finite(o: Any) -> Any:
    if isinstance(o, float):
        return o if math.isfinite(o) else None
    if isinstance(o, dict):
        return {k: _finite(v) for k, v in o.items()}
    if isinstance(o, list):
        return [_finite(v) for v in o]
    return o
