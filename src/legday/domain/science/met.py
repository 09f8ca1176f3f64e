"""MET values by 2011 Compendium code (data/met_2011.toml; docs/evidence/met.md).

Use with :func:`legday.domain.science.energy.kcal`. There is no Compendium code for sled pushing,
plyometrics or balance training as such (docs/evidence/met.md#not-in-the-compendium): callers must
pick a proxy and say so. 2024 Compendium values were not retrieved and are not encoded."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from legday.domain.errors import NotFound


@dataclass(frozen=True)
class MetActivity:
    code: str
    met: float
    activity: str
    source: str


@cache
def activities() -> dict[str, MetActivity]:
    """Every encoded activity by code."""
    text = (resources.files("legday.domain.science") / "data" / "met_2011.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    source = str(raw["source"])
    return {
        code: MetActivity(code, float(a["met"]), str(a["activity"]), source)
        for code, a in raw["activities"].items()
    }


def activity(code: str) -> MetActivity:
    """The activity with 2011 Compendium ``code`` (e.g. ``02052``, squats, 5.0 MET)."""
    found = activities().get(code.strip())
    if found is None:
        raise NotFound(
            f"no MET value for Compendium code {code!r}",
            "known codes: " + ", ".join(sorted(activities())),
        )
    return found
