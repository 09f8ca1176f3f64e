"""`legday next`: the athlete's next session — from the current plan when there is one (its first
session not yet done), else from recent history and each exercise's progression rule — and the
progression settings the athlete can see and change (``profile["progression"]``).

History means closed sessions only (an open gym-mode session is work in progress), working sets
only (``working`` and ``failure`` sets; warm-ups and drop sets do not drive progression).
"""

from __future__ import annotations

from collections import defaultdict, namedtuple
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from legday.domain.access import Actor, Scope
from legday.domain.athlete_profile import AthleteProfile
from legday.domain.catalog import Exercise
from legday.domain.catalog import load as load_catalog
from legday.domain.errors import NotFound
from legday.domain.plan import level_progress
from legday.domain.plan.model import Block, plan_from_json
from legday.domain.plan.sessions import WARMUP_NAMES
from legday.domain.science.e1rm import DEFINITION as E1RM_DEFINITION
from legday.domain.train.prescription import (
    NextSession,
    SessionItem,
    cap_warmups,
    loading_for,
    prescribe_item,
    ramp_warmups,
    rotation_next,
)
from legday.domain.train.progression import SessionPerformance, SetPerformance
from legday.domain.units import Unit, display_mass
from legday.store import plain
from legday.store.plain import AthleteRecord, PlanRecord, Rows

if TYPE_CHECKING:  # SQLAlchemy stays unimported on the plain read path (legday.app.reading)
    from sqlalchemy.orm import Session

    from legday.app.reading import RowSource
    from legday.store.models import Athlete

HISTORY_DAYS = 365  # how far back rules replay (a year covers any progression worth replaying)
ROTATION_SESSIONS = 6  # recent sessions inspected to find an A/B(/C) rotation
PROGRESS_SET_TYPES = ("working", "failure")


def catalog_get(exercise_id: str) -> Exercise | None:
    cat = load_catalog()
    return cat.get(exercise_id) if exercise_id in cat else None


def _unit(a: AthleteRecord | Athlete) -> Unit:
    return "lb" if a.unit == "lb" else "kg"


def load_history(
    u: Rows, athlete_id: int, today: date, exclude_session: int | None = None
) -> tuple[dict[str, list[SessionPerformance]], list[tuple[str, ...]]]:
    """Working sets per exercise (oldest session first) and the exercise lists of the most recent
    closed sessions (for the rotation). The window is the year before the latest closed session
    (not before today), so someone back after a long break still finds their history."""
    latest = plain.latest_start(
        u, athlete_id, datetime.combine(today + timedelta(days=1), time(0, 0)), closed_only=True
    )
    anchor = min(today, latest.date()) if latest is not None else today
    since = datetime.combine(anchor - timedelta(days=HISTORY_DAYS), datetime.min.time())
    # The columns the rules read, not ORM objects: building those for a year of sets took most
    # of `legday next`'s time (bench/bench_cli.py). Rows answer to the same attribute names.
    rows = plain.progress_rows(u, athlete_id, since)
    per_session: dict[int, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    days: dict[int, date] = {}
    order: list[int] = []
    entry: Any
    for entry in map(_SetRow._make, rows):
        started, sid = entry.started_at, entry.session_id
        if sid == exclude_session:
            continue
        if sid not in days:
            days[sid] = started.date()
            order.append(sid)
        if entry.set_type in PROGRESS_SET_TYPES and entry.exercise_id:
            per_session[sid][entry.exercise_id].append(entry)
    history: dict[str, list[SessionPerformance]] = defaultdict(list)
    templates: list[tuple[str, ...]] = []
    for sid in order:
        by_ex = per_session.get(sid, {})
        if not by_ex:
            continue
        templates.append(tuple(by_ex))
        for ex_id, entries in by_ex.items():
            history[ex_id].append(SessionPerformance(days[sid], _performances(ex_id, entries)))
    return dict(history), templates[-ROTATION_SESSIONS:]


# One row of load_history's query as a named tuple: reading its fields is several times
# cheaper than reading a SQLAlchemy Row's by name, and _performances reads each several times.
_SetRow = namedtuple(  # type: ignore[misc]  # fields named from the store's columns
    "_SetRow", [*plain.PROGRESS_FIELDS, "started_at", "session_id"]
)


def _performances(exercise_id: str, entries: Sequence[Any]) -> tuple[SetPerformance, ...]:
    """Sets as the rules see them: RIR → RPE (10 − RIR, Zourdos 2016); contacts from reps for
    plyometrics; a left/right pair of sets counts once, as its weaker side."""
    ex = catalog_get(exercise_id)
    per_rep = (ex.contacts_per_rep or 1) if ex else 1
    out: list[SetPerformance] = []
    last_side: tuple[str, int] | None = None
    for e in entries:
        rpe = e.rpe if e.rpe is not None else (10.0 - e.rir if e.rir is not None else None)
        contacts = e.contacts
        if contacts is None and ex is not None and ex.dose == "contacts" and e.reps:
            contacts = e.reps * per_rep
        p = SetPerformance(e.load_kg, e.reps, rpe, e.duration_s, contacts)
        # an L set followed by an R set (or R then L) is one set done on both sides
        pair = last_side is not None and last_side[0] != e.side
        if e.side in ("left", "right") and pair and out:
            prev = out[-1]
            out[-1] = SetPerformance(
                _min(prev.load_kg, p.load_kg), _min(prev.reps, p.reps), _max(prev.rpe, p.rpe),
                _min(prev.seconds, p.seconds), _min(prev.contacts, p.contacts),
            )  # fmt: skip
            last_side = None
            continue
        out.append(p)
        last_side = (e.side, e.position) if e.side in ("left", "right") else None
    return tuple(out)


def _min(a: Any, b: Any) -> Any:
    return b if a is None else a if b is None else min(a, b)


def _max(a: Any, b: Any) -> Any:
    return b if a is None else a if b is None else max(a, b)


def done_plan_sessions(u: Rows, athlete_id: int, plan_id: int) -> set[tuple[int, int]]:
    """(week, day) of the plan's sessions already trained (closed sessions carrying plan_ref)."""
    done: set[tuple[int, int]] = set()
    for ref in plain.closed_plan_refs(u, athlete_id):
        if isinstance(ref, Mapping) and ref.get("plan_id") == plan_id:
            week, day = ref.get("week"), ref.get("day")
            if isinstance(week, int) and isinstance(day, int):
                done.add((week, day))
    return done


def compute_in(
    s: Session, a: Athlete, today: date, exclude_session: int | None = None
) -> NextSession:
    """``compute`` inside an ORM unit of work (gym mode, the gym page), seeing what it wrote."""
    from legday.store.athletes import record
    from legday.store.session_rows import SessionRows

    return compute(SessionRows(s), record(a), today, exclude_session)


def compute(
    u: Rows, a: AthleteRecord, today: date, exclude_session: int | None = None
) -> NextSession:
    """The next session for athlete ``a`` (inside the caller's unit of work)."""
    unit = _unit(a)
    profile = AthleteProfile.from_json(a.profile)
    overrides = profile.progression
    setup = profile.loading(unit)
    history, templates = load_history(u, a.id, today, exclude_session)

    def item(ex_id: str, block: Block | None, deload: bool) -> SessionItem:
        return prescribe_item(
            ex_id,
            catalog_get(ex_id),
            block,
            history.get(ex_id, []),
            today=today,
            overrides=overrides,
            level=a.level,
            unit=unit,
            setup=setup,
            deload=deload,
        )

    plan = plain.current_plan(u, a.id)
    if plan is not None and plan.body:
        parsed = plan_from_json(plan.body)
        done = done_plan_sessions(u, a.id, plan.id)
        trained_on: dict[date, set[str]] = defaultdict(set)
        for ex_id, perfs in history.items():
            for perf in perfs:
                trained_on[perf.day].add(ex_id)
        for week in parsed.weeks:
            for ps in week.sessions:
                # done: trained from the plan (plan_ref), or logged on its day with its exercises
                # warm-up routine blocks (``routine``) are not exercises: named in the title
                # R36: a level advances by criteria met in training (legday.domain.plan)
                risk = bool(parsed.extras.get("high_risk"))
                exercise_blocks = [
                    level_progress.advance(b, history.get(b.exercise_id, []), risk)
                    for b in ps.blocks
                    if b.routine is None
                ]
                planned = {b.exercise_id for b in exercise_blocks}
                if (week.week, ps.day) in done or planned & trained_on.get(ps.date, set()):
                    continue
                items = tuple(item(b.exercise_id, b, week.deload) for b in exercise_blocks)
                loadings = {
                    i.exercise_id: loading_for(catalog_get(i.exercise_id), setup, unit)
                    for i in items
                }
                shares = {
                    k: b.intensity / 100.0
                    for k, b in enumerate(exercise_blocks)
                    if b.kind == "warmup" and b.intensity_key == "pct_work"
                    and isinstance(b.intensity, float)
                }  # fmt: skip
                items = cap_warmups(ramp_warmups(items, shares, loadings, unit), loadings, unit)
                title = f"plan week {week.week}, {ps.date:%A} ({ps.focus or parsed.family})"
                routines = [WARMUP_NAMES.get(b.routine, b.routine) for b in ps.blocks if b.routine]
                if routines:
                    title += f"; warm-up: {', '.join(routines)}"
                ref = {"plan_id": plan.id, "week": week.week, "day": ps.day}
                return NextSession("plan", items, week.deload, ref, title)
    finished = "every session of the current plan is done — " if plan is not None else ""
    chosen = rotation_next(templates)
    if not chosen:
        return NextSession("none", (), title=finished or "nothing logged yet and no plan")
    items = tuple(item(ex_id, None, False) for ex_id in chosen)
    return NextSession("history", items, title=finished + "from your recent sessions")


@dataclass(frozen=True)
class PrescribedSet:
    """One set of a prescription; the load in kg and in the athlete's unit (``load``)."""

    set: int
    load_kg: float | None
    load: float | None
    reps: int | None
    amrap: bool
    seconds: float | None
    contacts: int | None
    rpe: float | None
    level: int | None
    plates_per_side: list[float] | None


@dataclass(frozen=True)
class PrescribedExercise:
    """One exercise of the next session: what to do, by which rule, and why."""

    exercise_id: str
    name: str
    kind: str
    rule: str
    why: str
    notes: list[str]
    rest_s: int
    deload: bool
    stalled: bool
    switch_to: str | None
    sets: list[PrescribedSet]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class OpenSession:
    """A gym-mode session still in progress (``legday train`` resumes it)."""

    id: int
    started_at: datetime


@dataclass(frozen=True)
class NextSessionView:
    """`legday next`: the athlete's next session (as_json: the JSON document a shell prints)."""

    athlete: str
    unit: Unit
    date: date
    source: str  # "plan" | "history" | "none"
    title: str
    plan_ref: dict[str, Any] | None  # plan_id, week, day of the plan session prescribed
    deload_week: bool
    exercises: list[PrescribedExercise]
    e1rm_definition: str
    open_session: OpenSession | None
    # a plan stored despite breaking rules: said every time it prescribes (by rule, worst first),
    # as the plan's inputs stored them
    plan_violations: list[Any]

    def as_json(self) -> dict[str, Any]:
        doc = asdict(self)
        doc["date"] = self.date.isoformat()
        if self.open_session is not None:
            doc["open_session"]["started_at"] = self.open_session.started_at.isoformat()
        return doc


E1RM_NOTE = (
    E1RM_DEFINITION
    + "; where a prescription uses an RPE-adjusted e1RM (RTS chart) its reason says so and "
    "shows this one beside it"
)


def prescribed(i: SessionItem, unit: Unit) -> PrescribedExercise:
    p = i.prescription
    return PrescribedExercise(
        exercise_id=i.exercise_id,
        name=i.name,
        kind=i.kind,
        rule=i.rule,
        why=p.why,
        notes=list(p.notes),
        rest_s=i.rest_s,
        deload=p.deload,
        stalled=p.stalled,
        switch_to=p.switch_to,
        sets=[
            PrescribedSet(
                set=n,
                load_kg=t.load_kg,
                load=display_mass(t.load_kg, unit, 2),
                reps=t.reps,
                amrap=t.amrap,
                seconds=t.seconds,
                contacts=t.contacts,
                rpe=t.rpe,
                level=t.level,
                plates_per_side=list(plates) if plates is not None else None,
            )
            for n, (t, plates) in enumerate(zip(p.sets, i.plates, strict=True), 1)
        ],
    )


def item_json(i: SessionItem, unit: Unit) -> dict[str, Any]:
    """One prescribed exercise as JSON (what gym mode snapshots and the gym page shows)."""
    return prescribed(i, unit).as_json()


def next_session(
    db: RowSource, actor: Actor, athlete_id: int, today: date | None = None
) -> NextSessionView:
    """The next session of the athlete; ``open_session`` names a gym session still in progress
    (``legday train`` resumes it)."""
    day = today or date.today()
    with db.rows(actor) as u:
        a = plain.athlete(u, athlete_id, Scope.VIEW_TRAINING)
        if a is None:
            raise NotFound(f"no athlete with id {athlete_id}")
        n = compute(u, a, day)
        unit = _unit(a)
        open_one = plain.open_session(u, a.id)
        plan: PlanRecord | None = plain.current_plan(u, a.id)
        forced = plan.inputs.get("forced_violations") if plan is not None else None
        return NextSessionView(
            athlete=a.name,
            unit=unit,
            date=day,
            source=n.source,
            title=n.title,
            plan_ref=dict(n.plan_ref) if n.plan_ref else None,
            deload_week=n.deload_week,
            exercises=[prescribed(i, unit) for i in n.items],
            e1rm_definition=E1RM_NOTE,
            open_session=(OpenSession(*open_one) if open_one is not None else None),
            plan_violations=list(forced) if isinstance(forced, list) else [],
        )
