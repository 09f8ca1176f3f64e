"""The progression settings an athlete can see and change (``profile["progression"]``): each rule's
parameters with their defaults, meanings and sources, per-exercise overrides and rule choices.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from legday.app.training_views import unit_of
from legday.domain.access import Actor
from legday.domain.catalog import load as load_catalog
from legday.domain.errors import InvalidInput
from legday.domain.train.progression.params import (
    BY_KEY,
    RULES,
    SPECS,
    check_rule,
    check_value,
    resolve,
    split_key,
)

if TYPE_CHECKING:
    from legday.app.db import Database
    from legday.store.models import Athlete


@dataclass(frozen=True)
class RuleSettings:
    athlete: str
    unit: str
    settings: list[dict[str, Any]]
    exercise_overrides: dict[str, Any]
    rules: list[str]

    def as_json(self) -> dict[str, Any]:
        return {
            "athlete": self.athlete,
            "unit": self.unit,
            "settings": self.settings,
            "exercise_overrides": self.exercise_overrides,
            "rules": self.rules,
        }


def _settings(a: Athlete) -> RuleSettings:
    from legday.app import athletes

    stored = athletes.profile_of(a).progression
    eff = resolve(stored, None, unit_of(a), a.level)
    rows = [
        {
            "key": spec.key,
            "value": eff[spec.key],
            "default": spec.default_for(unit_of(a)),
            "changed": spec.key in stored,
            "meaning": spec.meaning,
            "source": spec.source,
        }
        for spec in SPECS
    ]
    scoped = {k: v for k, v in stored.items() if split_key(k)[0] is not None}
    return RuleSettings(a.name, a.unit, rows, scoped, list(RULES))


def rule_settings(db: Database, actor: Actor, athlete_id: int) -> RuleSettings:
    from legday.app import athletes

    with db.read(actor) as s:
        return _settings(athletes.get(s, athlete_id))


def change_rules(
    db: Database, actor: Actor, athlete_id: int, assignments: Sequence[str]
) -> RuleSettings:
    """Apply ``key=value`` settings (``key=default`` removes an override) in one transaction.
    Keys: those of ``legday.domain.train.progression.params``, optionally scoped
    ``exercise-id:key``; ``exercise-id:rule`` picks an exercise's rule."""
    changes: dict[str, float | str | None] = {}
    for text in assignments:
        if "=" not in text:
            raise InvalidInput(
                f"{text!r} is not a setting", "write key=value, e.g. linear.increment_kg=5"
            )
        raw_key, value = (x.strip() for x in text.split("=", 1))
        ex, key = split_key(raw_key)
        full = f"{ex}:{key}" if ex else key
        if value.lower() == "default":
            changes[full] = None
        elif key == "rule":
            if ex is None:
                raise InvalidInput("a rule is chosen per exercise", "write EXERCISE-ID:rule=double")
            changes[full] = check_rule(value)
        elif key in BY_KEY:
            changes[full] = check_value(key, value)
        else:
            check_value(key, value)  # raises with the list hint
    from legday.app import athletes

    with db.write(actor) as s:
        a = athletes.get(s, athlete_id)
        if any(split_key(k)[0] for k in changes):
            cat = load_catalog()
            for k in changes:
                ex_id = split_key(k)[0]
                if ex_id is not None and ex_id not in cat:
                    cat.get(ex_id)  # NotFound with the closest ids
        profile = athletes.profile_of(a)
        stored = dict(profile.progression)
        for k, v in changes.items():
            if v is None:
                stored.pop(k, None)
            else:
                stored[k] = v
        athletes.store_profile(a, profile.with_progression(stored))
        s.flush()
        return _settings(a)
