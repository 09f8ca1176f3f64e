"""What the training use-cases (``legday.app.training``) share: the plain views they return,
and conversions between stored sets and shorthand.

Stored shape: one ``TrainingSession`` (source ``legday``) and one ``SetEntry`` per set, in the order
written (``seq``); loads in kg. ``bw+10`` is stored as basis ``bodyweight`` with ``load_kg`` = the
added 10; ``bw-20`` as basis ``assistance`` with ``load_kg`` = 20. For exercises the catalog doses
in ground contacts, ``contacts`` = reps × the catalog's contacts per rep.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from legday.app.exercise_names import loadless_by_name
from legday.domain.records import SET_TYPES, SetRecord, SetType
from legday.domain.train.shorthand import ParsedEntry, ParsedSet
from legday.domain.units import Unit, display_mass, from_kg

if TYPE_CHECKING:  # SQLAlchemy stays unimported on `legday log`'s plain path (legday.app.logging)
    from sqlalchemy.orm import Session

    from legday.app.exercise_names import Resolver
    from legday.store.models import SetEntry

SESSION_RPE_MAX = 10.0  # Foster et al. 2001: session RPE on the CR-10 scale (0–10)
MAX_MINUTES = 24 * 60  # a session longer than a day is a typo (legday's guard)


# ------------------------------------------------------------------------------------ rows


@dataclass(slots=True)
class NewSet(SetRecord):
    """A set parsed from the shorthand, before it is stored: its data and its place in the
    session (``seq``); ``session_id`` once the session has one."""

    seq: int = 0
    athlete_id: int = 0
    session_id: int | None = None


class SessionHead(Protocol):
    """What a view shows of a stored session (a ``TrainingSession`` row, or the plain values
    the plain write path holds)."""

    @property
    def id(self) -> int: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def duration_s(self) -> int | None: ...
    @property
    def session_rpe(self) -> float | None: ...
    @property
    def notes(self) -> str | None: ...
    @property
    def source(self) -> str: ...
    @property
    def status(self) -> str: ...


class Named(Protocol):
    """What a view shows of an athlete (an ORM row or ``legday.store.plain.AthleteRecord``)."""

    @property
    def name(self) -> str: ...
    @property
    def unit(self) -> str: ...


@dataclass(frozen=True)
class NewSession:
    """A session the plain write path just stored, as a view reads it."""

    id: int
    started_at: datetime
    duration_s: int | None
    session_rpe: float | None
    notes: str | None
    source: str
    status: str


# ------------------------------------------------------------------------------------ views


@dataclass(frozen=True)
class SetView:
    seq: int
    exercise_id: str | None
    exercise_raw: str
    exercise_name: str | None
    set_type: str
    load_kg: float | None
    load: float | None  # in the athlete's unit, rounded for display
    load_basis: str
    reps: int | None
    rpe: float | None
    rir: float | None
    side: str
    duration_s: float | None
    distance_m: float | None
    contacts: int | None


@dataclass(frozen=True)
class SessionSummary:
    """One session in a list: what it was, without its sets."""

    id: int
    athlete: str
    started_at: datetime
    minutes: float | None
    session_rpe: float | None
    source: str
    status: str
    set_count: int
    working_sets: int
    exercises: list[str]

    @property
    def srpe_load(self) -> float | None:
        """Foster session-RPE load (AU) = session RPE × minutes (Foster et al. 2001)."""
        if self.session_rpe is None or self.minutes is None:
            return None
        return round(self.session_rpe * self.minutes, 1)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "athlete": self.athlete,
            "started_at": self.started_at.isoformat(),
            "date": self.started_at.date().isoformat(),
            "minutes": self.minutes,
            "session_rpe": self.session_rpe,
            "srpe_load": self.srpe_load,
            "source": self.source,
            "status": self.status,
            "set_count": self.set_count,
            "working_sets": self.working_sets,
            "exercises": self.exercises,
        }


@dataclass(frozen=True)
class NewRecord:
    """A record a logged set broke: its kind (``heaviest``, ``e1rm``, ``rep_max`` for ``reps``),
    the new value and the one held before the session, in kg and in the athlete's unit; ``seq``
    is the set's place in the session."""

    exercise_id: str
    kind: str
    reps: int | None
    value_kg: float
    value: float | None
    previous_kg: float
    previous: float | None
    seq: int

    def as_json(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass(frozen=True)
class SessionView:
    id: int
    athlete: str
    unit: Unit
    started_at: datetime
    minutes: float | None
    session_rpe: float | None
    notes: str | None
    source: str
    status: str
    sets: list[SetView] = field(default_factory=list)
    shorthand: str = ""
    new_records: list[NewRecord] = field(default_factory=list)

    def summary(self) -> SessionSummary:
        return summarize(
            self.id, self.athlete, self.started_at, self.minutes, self.session_rpe, self.source,
            self.status, [(x.exercise_id or x.exercise_raw, x.set_type) for x in self.sets],
        )  # fmt: skip

    @property
    def srpe_load(self) -> float | None:
        return self.summary().srpe_load

    @property
    def exercises(self) -> list[str]:
        return self.summary().exercises

    def summary_json(self) -> dict[str, Any]:
        return self.summary().as_json()

    def as_json(self) -> dict[str, Any]:
        return {
            **self.summary_json(),
            "unit": self.unit,
            "notes": self.notes,
            "shorthand": self.shorthand,
            "sets": [vars(x) for x in self.sets],
            "new_records": [r.as_json() for r in self.new_records],
        }


def summarize(
    session_id: int,
    athlete: str,
    started_at: datetime,
    minutes: float | None,
    session_rpe: float | None,
    source: str,
    status: str,
    sets: list[tuple[str, str]],
) -> SessionSummary:
    """A session's summary from its sets as (exercise label, set type), in logged order."""
    return SessionSummary(
        id=session_id,
        athlete=athlete,
        started_at=started_at,
        minutes=minutes,
        session_rpe=session_rpe,
        source=source,
        status=status,
        set_count=len(sets),
        working_sets=sum(1 for _, kind in sets if kind != "warmup"),
        exercises=list(dict.fromkeys(label for label, _ in sets)),
    )


def minutes_of(t: SessionHead) -> float | None:
    """The stored duration in minutes (to 0.01), as views show it."""
    return None if t.duration_s is None else round(t.duration_s / 60, 2)


# ------------------------------------------------------------------------------ conversions


def set_rows(
    entries: list[ParsedEntry], resolver: Resolver, athlete_id: int, unit: Unit
) -> list[NewSet]:
    from legday.domain.train.shorthand import format as write

    rows: list[NewSet] = []
    occurrences: dict[str, int] = {}
    for entry in entries:
        ex = resolver.exercise(entry.name)
        occurrences[ex.id] = occurrences.get(ex.id, 0) + 1
        source = write([entry], unit, resolver.loadless)
        for position, p in enumerate(entry.sets, 1):
            contacts = None
            if ex.dose == "contacts" and p.reps is not None:
                contacts = p.reps * (ex.contacts_per_rep or 1)
            rows.append(
                NewSet(
                    athlete_id=athlete_id,
                    seq=len(rows) + 1,
                    exercise_id=ex.id,
                    exercise_raw=entry.name[:300],
                    exercise_occurrence=occurrences[ex.id],
                    position=position,
                    set_type=p.set_type,
                    load_kg=p.load_kg,
                    load_basis=p.basis,
                    reps=p.reps,
                    rpe=p.rpe,
                    rir=p.rir,
                    side=p.side,
                    duration_s=p.duration_s,
                    distance_m=p.distance_m,
                    contacts=contacts,
                    source_row=source,
                )
            )
    return rows


def entries_of(sets: Iterable[SetEntry | NewSet], unit: Unit) -> list[ParsedEntry]:
    """Stored sets back to shorthand entries (loads in ``unit``, to 0.01), one per block."""
    out: list[ParsedEntry] = []
    block: list[ParsedSet] = []
    key: tuple[str, int] | None = None
    for x in sets:
        here = (x.exercise_raw, x.exercise_occurrence)
        if key is not None and here != key:
            out.append(ParsedEntry(key[0], tuple(block)))
            block = []
        key = here
        # Every stored type has a mark (w, d, f); a type outside the vocabulary reads as working.
        set_type: SetType = next((k for k in SET_TYPES if k == x.set_type), "working")
        block.append(
            ParsedSet(
                reps=x.reps,
                duration_s=x.duration_s,
                distance_m=x.distance_m,
                load=None if x.load_kg is None else round(from_kg(x.load_kg, unit), 2),
                load_unit=unit,
                basis="bodyweight"
                if x.load_basis == "bodyweight"
                else "assistance"
                if x.load_basis == "assistance"
                else "external",
                set_type=set_type,
                rpe=x.rpe,
                rir=x.rir,
                side="left" if x.side == "left" else "right" if x.side == "right" else "both",
            )
        )
    if key is not None:
        out.append(ParsedEntry(key[0], tuple(block)))
    return out


def _representable(x: SetEntry | NewSet) -> bool:
    """Whether the shorthand can write a stored set (imports may lack a dose or a load)."""
    doses = [v for v in (x.reps, x.duration_s, x.distance_m) if v is not None]
    if len(doses) != 1 or (x.reps is not None and x.reps < 1):
        return False
    return x.load_kg is not None if x.load_basis != "bodyweight" else True


def unit_of(a: Named) -> Unit:
    return "lb" if a.unit == "lb" else "kg"


def view(
    s: Session | None,
    t: SessionHead,
    a: Named,
    new: list[NewRecord] | None = None,
    written: list[NewSet] | None = None,
) -> SessionView:
    """The session as stored; ``written``: the sets this unit of work just stored, shown as
    they are (an actor who may log for an athlete but not read their training still sees
    what they logged)."""
    from legday.domain.catalog import load
    from legday.domain.train.shorthand import format as write

    catalog, unit = load(), unit_of(a)
    sets: list[SetEntry | NewSet]
    if written is not None:
        sets = sorted(written, key=lambda x: x.seq)
    else:
        from legday.store import sets as stored_sets

        assert s is not None  # a view of stored sets reads them in the unit of work
        sets = list(stored_sets.of_session(s, t.id))
    views = [
        SetView(
            seq=x.seq,
            exercise_id=x.exercise_id,
            exercise_raw=x.exercise_raw,
            exercise_name=catalog.get(x.exercise_id).name
            if x.exercise_id and x.exercise_id in catalog
            else None,
            set_type=x.set_type,
            load_kg=x.load_kg,
            load=display_mass(x.load_kg, unit, 2),
            load_basis=x.load_basis,
            reps=x.reps,
            rpe=x.rpe,
            rir=x.rir,
            side=x.side,
            duration_s=x.duration_s,
            distance_m=x.distance_m,
            contacts=x.contacts,
        )
        for x in sets
    ]
    shown = [x for x in sets if _representable(x)]
    shorthand = write(entries_of(shown, unit), unit, loadless_by_name()) if shown else ""
    return SessionView(
        id=t.id,
        athlete=a.name,
        unit=unit,
        started_at=t.started_at,
        minutes=minutes_of(t),
        session_rpe=t.session_rpe,
        notes=t.notes,
        source=t.source,
        status=t.status,
        sets=views,
        shorthand=shorthand,
        new_records=new or [],
    )
