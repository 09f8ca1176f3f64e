"""Plan use-cases: generate and save, show, why, export, check, import. Each opens one
transaction and returns plain data; the plan itself is the JSON contract of the Plan issue."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from legday.app import assess, athletes
from legday.app.db import Database
from legday.app.plan_results import PlanImported, PlanWhy
from legday.app.results import PlanCheck, PlanDocument
from legday.domain.access import Actor
from legday.domain.catalog import load as load_catalog
from legday.domain.catalog.model import Exercise
from legday.domain.errors import FileFormatError, InvalidInput, NotFound
from legday.domain.plan import explain as explain_mod
from legday.domain.plan import rules
from legday.domain.plan.generate import Inputs
from legday.domain.plan.generate import generate as generate_plan
from legday.domain.plan.model import Plan, plan_from_json
from legday.domain.plan.profile import (
    PROFILE_KEYS,
    build_profile,
    equipment_given,
    equipment_note,
    infer_equipment,
    signals_from,
)
from legday.store import analysis as history_store
from legday.store import plans as store
from legday.store.models import Athlete
from legday.store.models import Plan as PlanRow

HISTORY_DAYS = 180  # "best recent" e1RM: the last ~6 months of sets (legday choice)
# sets above 10 reps are too far from a 1RM to seed a load
# (docs/evidence/formulas.md#one-rep-max-estimators)
E1RM_MAX_REPS = 10
# Dates and the athlete's own facts are not remembered: a new plan starts from today's values.
PERSISTED = ("start", "competition", "age", "sex", "mass_kg")
PERSISTED_KEYS = tuple(k for k in PROFILE_KEYS if k not in PERSISTED)


@dataclass(frozen=True)
class Saved:
    plan_id: int
    plan: Plan
    body: dict[str, Any]


def exercises() -> dict[str, Exercise]:
    return {e.id: e for e in load_catalog()}


def read_profile(data: bytes, filename: str) -> dict[str, Any]:
    """The profile keys of a TOML file's bytes (optionally under a ``[plan]`` table), as a layer
    for :func:`generate`; ``filename`` only names the file in errors. The keys are checked when
    the profile is built."""
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise FileFormatError(filename, None, f"not valid TOML ({exc})", "TOML 1.0") from None
    layer = doc.get("plan", doc)
    if not isinstance(layer, dict):
        raise FileFormatError(filename, None, "[plan] is not a table", "key = value lines")
    return dict(layer)


def best_e1rm(s: Session, athlete_id: int, today: date) -> dict[str, float]:
    """Best Epley e1RM per exercise from working sets (kg): the best of the last HISTORY_DAYS
    when the exercise was done then, else the best of any age — an old log still says more
    about a starting load than nothing (the issue: logged sets of any age set ``load_kg``)."""
    from legday.domain.science import e1rm

    since = datetime.combine(today - timedelta(days=HISTORY_DAYS), datetime.min.time())
    recent: dict[str, float] = {}
    old: dict[str, float] = {}
    for eid, load, reps, when in history_store.lifts(s, athlete_id, E1RM_MAX_REPS):
        value = round(e1rm.estimate(load, reps), 2)
        bucket = recent if when is not None and when >= since else old
        if value > bucket.get(eid, 0.0):
            bucket[eid] = value
    return {**old, **recent}


def tested_e1rm(rep_maxes: Mapping[str, Mapping[str, Any]]) -> dict[str, float]:
    """The e1RM (kg, the score's ``value``) of the latest rep-max test per exercise it names
    (``legday.app.assess.rep_maxes``); tests that name no exercise are left out."""
    out: dict[str, float] = {}
    for eid, score in rep_maxes.items():
        value = score.get("value")
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            out[eid] = round(float(value), 2)
    return out


def recent_exercises(s: Session, athlete_id: int, today: date) -> set[str] | None:
    """Catalog ids of everything logged in the HISTORY_DAYS up to the athlete's latest session
    (what they trained with last — an export imported months later still counts); None when
    nothing at all was logged."""
    latest = history_store.latest_start(s, athlete_id, today)
    if latest is None:
        return None
    return history_store.exercises_since(s, athlete_id, latest - timedelta(days=HISTORY_DAYS))


def _flags_layer(flags: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in flags.items() if v not in (None, (), [])}


def generate(
    db: Database,
    actor: Actor,
    athlete_id: int,
    flags: Mapping[str, Any] | None = None,
    profile_layer: Mapping[str, Any] | None = None,
    family: str | None = None,
    today: date | None = None,
) -> Saved:
    """Build the athlete's plan from their profile, latest tests and history; save it as the
    current plan (earlier plans stay, marked not current) and remember the profile used.
    ``profile_layer`` (a profile file's keys, :func:`read_profile`) lies between the stored
    profile and ``flags``."""
    today = today or date.today()
    file_layer = dict(profile_layer or {})
    flag_layer = _flags_layer(flags or {})
    cat = exercises()
    with db.write(actor) as s:
        a = athletes.get(s, athlete_id)
        stored = dict(athletes.profile_of(a).plan)
        layers: list[Mapping[str, Any]] = [stored, file_layer, flag_layer]
        notes: list[str] = []
        if not equipment_given(layers):
            # No equipment named: what the athlete logged says what they can use (the
            # inferred list is not remembered, so it follows their history).
            done = recent_exercises(s, a.id, today)
            inferred = None if done is None else infer_equipment(cat[e] for e in done if e in cat)
            if inferred:
                layers.insert(0, {"equipment": list(inferred)})
            notes.append(equipment_note(inferred))
        profile = build_profile(athletes.info(a), layers, today)
        results = assess.latest_results(s, a.id)
        signals = signals_from(results, profile.age, profile.sex)
        history = best_e1rm(s, a.id, today)
        for eid, value in tested_e1rm(assess.rep_maxes(s, a.id)).items():
            # A tested rep max is the better estimate when it is the higher one.
            history[eid] = max(value, history.get(eid, 0.0))
        plan = generate_plan(Inputs(profile, signals, a.name, history, family), cat.values())
        plan = replace(plan, warnings=(*notes, *plan.warnings))
        body = plan.as_json()
        row = store.make_current(
            s,
            a.id,
            family=plan.family,
            start_date=profile.start,
            weeks=profile.weeks,
            seed=profile.seed,
            inputs={
                "profile": profile.as_json(),
                "signals": list(signals.sources),
                "history_e1rm_kg": history,
            },
            body=body,
        )
        merged = {**stored, **file_layer, **flag_layer}
        kept = {k: v for k, v in merged.items() if k in PERSISTED_KEYS}
        kept["goals"] = dict(profile.goals)
        if a.owner_id == actor.user_id:
            # the athlete's remembered settings are theirs: a coach or physio planning through
            # a care link (write_plan) leaves them as they are (and may not change the row)
            athletes.store_profile(a, athletes.profile_of(a).with_plan(kept))
        s.flush()
        return Saved(row.id, plan, body)


def current(s: Session, a: Athlete) -> PlanRow:
    row = store.current(s, a.id)
    if row is None:
        raise NotFound(f"{a.name} has no plan yet", "make one with `legday plan generate`")
    return row


def show(db: Database, actor: Actor, athlete_id: int, week: int | None = None) -> PlanDocument:
    """The current plan; with ``week``, only that week."""
    with db.read(actor) as s:
        a = athletes.get(s, athlete_id)
        row = current(s, a)
        body = dict(row.body)
        plan_id, unit = row.id, a.unit
    all_weeks = body.get("weeks", [])
    if week is not None:
        weeks = [w for w in all_weeks if w.get("week") == week]
        if not weeks:
            raise InvalidInput(f"week {week} is not in the plan", f"use 1–{len(all_weeks)}")
        body["weeks"] = weeks
    return PlanDocument(plan_id, unit, len(all_weeks), body)


@dataclass(frozen=True)
class CurrentPlan:
    """The athlete's current plan, read back, with the unit their loads are shown in."""

    plan_id: int
    plan: Plan
    unit: str  # the athlete's mass unit

    def as_json(self) -> dict[str, Any]:
        """The plan document (docs/plan-format.md) with its id."""
        return {"plan_id": self.plan_id, **self.plan.as_json()}


def load_current(db: Database, actor: Actor, athlete_id: int) -> CurrentPlan:
    with db.read(actor) as s:
        a = athletes.get(s, athlete_id)
        row = current(s, a)
        return CurrentPlan(row.id, plan_from_json(row.body), a.unit)


def why(db: Database, actor: Actor, athlete_id: int, exercise: str) -> PlanWhy:
    """Where an exercise (id or name, or a warm-up routine) is in the current plan, its dose,
    and the rules and sources behind it."""
    cur = load_current(db, actor, athlete_id)
    plan_id, plan = cur.plan_id, cur.plan
    exs = exercises()
    eid = explain_mod.resolve(exercise, plan, exs)
    return PlanWhy.from_explained(plan_id, explain_mod.explain(plan, eid, exs))


def check(db: Database, actor: Actor, athlete_id: int) -> PlanCheck:
    """The rule checker (docs/evidence/rules.md) on the stored plan (also after a coach edited and
    imported it)."""
    cur = load_current(db, actor, athlete_id)
    plan_id, plan = cur.plan_id, cur.plan
    found = rules.check(plan, exercises())
    return PlanCheck(
        athlete=plan.athlete,
        plan_id=plan_id,
        ok=not found,
        violations=[v.as_json() for v in found],
        warnings=list(plan.warnings),
    )


def import_plan(
    db: Database, actor: Actor, athlete_id: int, data: bytes, filename: str, force: bool = False
) -> PlanImported:
    """Check an edited plan JSON like a generated one and store it as the current plan. A plan
    that breaks a rule is refused (``plan_checks.PlanBreaksRules``, nothing stored) unless
    ``force``; a forced plan keeps its violations so ``next`` can warn while it is current."""
    from legday.app.plan_checks import PlanBreaksRules, summary

    try:
        doc = json.loads(data.decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise FileFormatError(
            filename, getattr(exc, "lineno", None), "not valid JSON", "a plan JSON"
        ) from None
    plan = plan_from_json(doc)
    found = rules.check(plan, exercises())
    broken = summary(found)
    if broken and not force:
        raise PlanBreaksRules(broken)
    with db.write(actor) as s:
        a = athletes.get(s, athlete_id)
        body = plan.as_json()
        body["athlete"] = a.name
        body["solver"] = {"status": "edited", "seconds": 0.0, "objective": None}
        first = plan.weeks[0].sessions[0].date if plan.weeks and plan.weeks[0].sessions else None
        row = store.make_current(
            s,
            a.id,
            family=plan.family,
            start_date=first,
            weeks=len(plan.weeks),
            seed=None,
            inputs={
                "imported_from": filename.replace("\\", "/").rsplit("/", 1)[-1],
                "forced_violations": [r.as_json() for r in broken],
            },
            body=body,
        )
        return PlanImported(a.name, row.id, list(found), broken, bool(broken))


PLAN_MEDIA_TYPES = {
    "ics": "text/calendar",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "json": "application/json",
}


@dataclass(frozen=True)
class PlanExport:
    """The current plan as a file's bytes; the shell writes or sends them."""

    athlete: str
    plan_id: int
    format: str
    media_type: str
    data: bytes
    sessions: int

    @property
    def filename(self) -> str:
        """The file's name for a download: ``legday-plan-12.ics``."""
        return f"legday-plan-{self.plan_id}.{self.format}"

    def as_json(self) -> dict[str, Any]:
        """What was exported (not the bytes)."""
        return {
            "athlete": self.athlete,
            "plan_id": self.plan_id,
            "format": self.format,
            "media_type": self.media_type,
            "sessions": self.sessions,
        }


def export(db: Database, actor: Actor, athlete_id: int, fmt: str) -> PlanExport:
    """The current plan as iCalendar, a printable sheet (HTML/PDF) or JSON."""
    fmt = fmt.lower()
    if fmt not in PLAN_MEDIA_TYPES:
        raise InvalidInput(f"format {fmt!r} is not known", "use ics, html, pdf or json")
    cur = load_current(db, actor, athlete_id)
    plan_id, plan, unit = cur.plan_id, cur.plan, cur.unit
    data: bytes
    if fmt == "json":
        data = (json.dumps(plan.as_json(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    elif fmt == "ics":
        from legday.interop import ics

        data = ics.to_ics(plan, plan_id, exercises(), "lb" if unit == "lb" else "kg")
    else:
        from legday.interop import plan_sheet

        html = plan_sheet.render_html(plan, exercises(), "lb" if unit == "lb" else "kg")
        data = html.encode("utf-8") if fmt == "html" else plan_sheet.to_pdf(html)
    sessions = sum(len(w.sessions) for w in plan.weeks)
    return PlanExport(plan.athlete, plan_id, fmt, PLAN_MEDIA_TYPES[fmt], data, sessions)
