"""Athlete use-cases: add, list, show, edit, remove — by id, as an actor — and ``lookup``, the
name lookup a shell may offer its user (the CLI's athlete option)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from legday.app import athlete_views
from legday.app.athlete_lookup import clean_name, find
from legday.app.athlete_lookup import lookup as lookup
from legday.app.athlete_views import AthleteView as AthleteView
from legday.app.athlete_views import list_all as list_all
from legday.app.db import Database
from legday.domain.access import Actor
from legday.domain.athlete_profile import KNOWN as PROFILE_PARTS
from legday.domain.athlete_profile import AthleteProfile, check_months
from legday.domain.catalog.model import LIMITATIONS
from legday.domain.errors import Conflict, InvalidInput, NotFound
from legday.domain.records import LEVELS, SEXES, AthleteInfo
from legday.store import athletes as stored
from legday.store.athletes import record
from legday.store.models import Athlete
from legday.store.tenancy import actor_of


@dataclass(frozen=True)
class AthleteFields:
    """What a user may set on an athlete; ``None`` in an edit means "leave as it is"."""

    birth_date: date | None = None
    age_years: int | None = None
    sex: str | None = None
    body_mass_kg: float | None = None
    height_cm: float | None = None
    level: str | None = None
    unit: str | None = None
    limitations: tuple[str, ...] | None = None
    # Months since an ACL reconstruction: kept with the plan inputs in the profile, where
    # `plan generate` reads it (AthleteProfile.months_since_surgery).
    months_since_surgery: int | None = None


def info(a: Athlete) -> AthleteInfo:
    """The domain's view of a stored athlete."""
    return athlete_views.info(record(a))


def view(a: Athlete, today: date | None = None) -> AthleteView:
    return athlete_views.view(record(a), today)


def profile_of(a: Athlete) -> AthleteProfile:
    """The athlete's stored profile as the typed value (the one place it is read)."""
    return AthleteProfile.from_json(a.profile)


def store_profile(a: Athlete, profile: AthleteProfile) -> None:
    """Write ``profile`` on the athlete row (the one place it is written)."""
    a.profile = profile.as_json()


def _normal(f: AthleteFields) -> AthleteFields:
    """The short forms users type (``f``/``m``, ``lbs``) as the stored long forms."""
    from dataclasses import replace

    from legday.domain.records import parse_sex
    from legday.domain.units import parse_unit

    sex = parse_sex(f.sex) if f.sex is not None else None
    unit = parse_unit(f.unit) if f.unit is not None else None
    return replace(f, sex=sex, unit=unit)


def _validate(f: AthleteFields) -> None:
    if f.birth_date is not None and f.birth_date > date.today():
        raise InvalidInput(f"birth date {f.birth_date} is in the future")
    if f.age_years is not None and not 5 <= f.age_years <= 110:
        raise InvalidInput(f"age {f.age_years} is outside 5–110 years")
    if f.sex is not None and f.sex not in SEXES:
        raise InvalidInput(f"sex {f.sex!r} is not known", "use female or male")
    if f.body_mass_kg is not None and not 20 <= f.body_mass_kg <= 350:
        raise InvalidInput(f"body mass {f.body_mass_kg} kg is outside 20–350 kg")
    if f.height_cm is not None and not 100 <= f.height_cm <= 250:
        raise InvalidInput(f"height {f.height_cm} cm is outside 100–250 cm")
    if f.level is not None and f.level not in LEVELS:
        raise InvalidInput(f"level {f.level!r} is not known", "use " + ", ".join(LEVELS))
    if f.unit is not None and f.unit not in ("kg", "lb"):
        raise InvalidInput(f"unit {f.unit!r} is not known", "use kg or lb")
    for lim in f.limitations or ():
        if lim not in LIMITATIONS:
            raise InvalidInput(f"limitation {lim!r} is not known", "use " + ", ".join(LIMITATIONS))
    if f.months_since_surgery is not None:
        check_months(f.months_since_surgery)


def get(s: Session, athlete_id: int) -> Athlete:
    """The athlete with ``athlete_id`` as the unit of work's actor sees it: someone else's athlete
    answers exactly like a missing one (the tenant filter hides it)."""
    found = stored.get(s, athlete_id)
    if found is None:
        raise NotFound(f"no athlete with id {athlete_id}")
    return found


def by_name(s: Session, name: str | None) -> Athlete:
    """The actor's athlete called ``name`` (any case), or their only athlete, as the ORM row
    (the rule is ``legday.app.athlete_lookup.find``)."""
    from legday.store.session_rows import SessionRows

    return get(s, find(SessionRows(s), name).id)


def add(db: Database, actor: Actor, name: str, fields: AthleteFields) -> AthleteView:
    fields = _normal(fields)
    _validate(fields)
    clean = clean_name(name)
    with db.write(actor) as s:
        owner = actor_of(s).user_id
        if stored.id_named(s, owner, clean) is not None:
            raise Conflict(f"an athlete called {clean!r} already exists")
        a = Athlete(
            name=clean,
            birth_date=fields.birth_date,
            age_years=None if fields.birth_date else fields.age_years,
            sex=fields.sex,
            body_mass_kg=fields.body_mass_kg,
            height_cm=fields.height_cm,
            level=fields.level or "beginner",
            unit=fields.unit or "kg",
            limitations=list(fields.limitations or ()),
            profile={},
        )
        if fields.months_since_surgery is not None:
            store_profile(
                a, AthleteProfile().with_months_since_surgery(fields.months_since_surgery)
            )
        s.add(a)
        s.flush()
        return view(a)


def show(db: Database, actor: Actor, athlete_id: int) -> AthleteView:
    with db.read(actor) as s:
        return view(get(s, athlete_id))


def edit(
    db: Database,
    actor: Actor,
    athlete_id: int,
    fields: AthleteFields,
    new_name: str | None = None,
) -> AthleteView:
    fields = _normal(fields)
    _validate(fields)
    with db.write(actor) as s:
        a = get(s, athlete_id)
        if new_name is not None:
            clean = clean_name(new_name)
            other = stored.id_named(s, a.owner_id, clean)
            if other is not None and other != a.id:
                raise Conflict(f"an athlete called {clean!r} already exists")
            a.name = clean
        if fields.birth_date is not None:
            a.birth_date, a.age_years = fields.birth_date, None
        elif fields.age_years is not None:
            a.birth_date, a.age_years = None, fields.age_years
        for attr in ("sex", "body_mass_kg", "height_cm", "level", "unit"):
            value = getattr(fields, attr)
            if value is not None:
                setattr(a, attr, value)
        if fields.limitations is not None:
            a.limitations = list(fields.limitations)
        if fields.months_since_surgery is not None:
            store_profile(a, profile_of(a).with_months_since_surgery(fields.months_since_surgery))
        s.flush()
        return view(a)


def remove(db: Database, actor: Actor, athlete_id: int) -> AthleteView:
    """Delete an athlete and everything recorded for them (sessions, sets, tests, plans)."""
    with db.write(actor) as s:
        a = get(s, athlete_id)
        gone = view(a)
        s.delete(a)
        return gone


def update_profile(
    db: Database, actor: Actor, athlete_id: int, changes: Mapping[str, Any]
) -> AthleteView:
    """Replace parts of the athlete's profile (``plan``, ``equipment_loading``,
    ``progression``: see AthleteProfile), each validated before anything is stored."""
    unknown = sorted(set(changes) - set(PROFILE_PARTS))
    if unknown:
        raise InvalidInput(
            f"the athlete profile has no part {unknown[0]!r}", "use " + ", ".join(PROFILE_PARTS)
        )
    with db.write(actor) as s:
        a = get(s, athlete_id)
        store_profile(a, AthleteProfile.from_json({**profile_of(a).as_json(), **changes}))
        s.flush()
        return view(a)
