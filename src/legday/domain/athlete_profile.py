"""The athlete's remembered settings as one typed, validated, frozen value.

Stored as a JSON object on the athlete (``athlete.profile``) and read and written only through
:meth:`AthleteProfile.from_json` / :meth:`AthleteProfile.as_json` (``legday.app.athletes``
holds the one place that does it). Three parts, each checked where it is parsed, so a bad value
is refused when it is stored rather than when a plan or a session first reads it:

- ``plan``: the plan inputs remembered from the last ``plan generate`` (keys of
  ``legday.domain.plan.profile.PROFILE_KEYS``), with the months since an ACL reconstruction;
- ``equipment_loading``: the athlete's own bar, plates and dumbbells
  (``legday.domain.train.plates``);
- ``progression``: overrides of the progression rules' settings, optionally per exercise
  (``legday.domain.train.progression.params``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from legday.domain.errors import InvalidInput
from legday.domain.units import Unit

if TYPE_CHECKING:
    from legday.domain.train.plates import LoadingSetup

MONTHS_RANGE = (0, 600)  # whole months since the operation: 0 to 50 years
KNOWN = ("plan", "equipment_loading", "progression")


class FrozenDict(dict[str, Any]):
    """A dict that refuses changes: the profile's parts stay as validated, and the value still
    serialises as a plain JSON object (``json.dumps``, ``dataclasses.asdict``)."""

    def _refuse(self, *_: object, **__: object) -> None:
        raise TypeError("the athlete profile is frozen: make a new one with its with_… methods")

    __setitem__ = __delitem__ = __ior__ = _refuse  # type: ignore[assignment]
    update = pop = popitem = clear = setdefault = _refuse  # type: ignore[assignment]


def _frozen(m: Mapping[str, Any]) -> Mapping[str, Any]:
    return FrozenDict(m)


def _object(doc: object, what: str) -> Mapping[str, Any]:
    if doc is None:
        return {}
    if not isinstance(doc, Mapping) or not all(isinstance(k, str) for k in doc):
        raise InvalidInput(f"{what} must be an object with text keys", f"see {__name__}")
    return doc


def check_months(months: object) -> int:
    """Whole months since surgery, 0–600."""
    if isinstance(months, bool) or not isinstance(months, int):
        raise InvalidInput(f"months since surgery {months!r} is not a whole number")
    lo, hi = MONTHS_RANGE
    if not lo <= months <= hi:
        raise InvalidInput(
            f"months since surgery {months} is outside {lo}–{hi}",
            "give whole months since the operation",
        )
    return months


def _check_plan(doc: Mapping[str, Any]) -> Mapping[str, Any]:
    from legday.domain.plan.profile import PROFILE_KEYS

    for key in doc:
        if key not in PROFILE_KEYS:
            raise InvalidInput(
                f"unknown plan profile key {key!r}", "use " + ", ".join(PROFILE_KEYS)
            )
    if doc.get("months_since_surgery") is not None:
        check_months(doc["months_since_surgery"])
    return _frozen(doc)


def _check_progression(doc: Mapping[str, Any]) -> Mapping[str, Any]:
    from legday.domain.train.progression.params import check_rule, check_value, split_key

    out: dict[str, float | str] = {}
    for full, value in doc.items():
        key = split_key(full)[1]
        out[full] = check_rule(value) if key == "rule" else check_value(key, value)
    return _frozen(out)


@dataclass(frozen=True)
class AthleteProfile:
    """What an athlete's record remembers besides their details (see the module docstring).
    ``other`` keeps keys an older legday stored, untouched; nothing reads them."""

    plan: Mapping[str, Any] = field(default_factory=dict)
    equipment_loading: Mapping[str, Any] | None = None
    progression: Mapping[str, float | str] = field(default_factory=dict)
    other: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, doc: object) -> AthleteProfile:
        """The stored JSON object, validated part by part."""
        from legday.domain.train.plates import setup_from_profile

        raw = _object(doc, "the athlete profile")
        plan = _check_plan(_object(raw.get("plan"), "the plan inputs"))
        loading = raw.get("equipment_loading")
        if loading is not None:
            setup_from_profile({"equipment_loading": _object(loading, "equipment_loading")}, "kg")
        progression = _check_progression(_object(raw.get("progression"), "progression"))
        other = {k: v for k, v in raw.items() if k not in KNOWN}
        return cls(
            plan=plan,
            equipment_loading=None if loading is None else _frozen(loading),
            progression=progression,
            other=_frozen(other),
        )

    def as_json(self) -> dict[str, Any]:
        """The stored shape (what :meth:`from_json` reads back)."""
        out: dict[str, Any] = dict(self.other)
        if self.plan:
            out["plan"] = dict(self.plan)
        if self.equipment_loading is not None:
            out["equipment_loading"] = dict(self.equipment_loading)
        if self.progression:
            out["progression"] = dict(self.progression)
        return out

    @property
    def months_since_surgery(self) -> int | None:
        value = self.plan.get("months_since_surgery")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def with_months_since_surgery(self, months: int) -> AthleteProfile:
        return replace(
            self, plan=_frozen({**self.plan, "months_since_surgery": check_months(months)})
        )

    def with_plan(self, inputs: Mapping[str, Any]) -> AthleteProfile:
        return replace(self, plan=_check_plan(inputs))

    def with_progression(self, overrides: Mapping[str, Any]) -> AthleteProfile:
        return replace(self, progression=_check_progression(overrides))

    def with_equipment_loading(self, loading: Mapping[str, Any] | None) -> AthleteProfile:
        if loading is None:
            return replace(self, equipment_loading=None)
        return AthleteProfile.from_json({**self.as_json(), "equipment_loading": loading})

    def loading(self, unit: Unit) -> LoadingSetup:
        """The athlete's :class:`~legday.domain.train.plates.LoadingSetup` (defaults for
        ``unit`` where they stored nothing)."""
        from legday.domain.train.plates import setup_from_profile

        return setup_from_profile(self.as_json(), unit)
