"""Which athletes an actor may see or change — decided here, once, for every query.

``visible_athletes`` is the access rule (owner, or an accepted care link holding the scope). The
session hooks below apply it to every ORM statement run in a unit of work that carries an actor
(``Database.read(actor)`` / ``write(actor)``): reads are filtered, so an id lookup of someone
else's row finds nothing and answers like a missing one; flushes and ORM inserts, updates and
deletes are refused unless the actor holds the write scope for every athlete they touch.
docs/architecture.md#actors explains the model.

The rule is SQL text (``legday.store.access_rule``), not a statement over the mapped classes: the
loader criteria target the mapped classes, and a rule built from them would filter itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, and_, column, event, or_, select, text
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria
from sqlalchemy.orm.interfaces import ORMOption

from legday.domain.access import HEALTH_TESTS, Actor, Scope
from legday.domain.errors import NotFound
from legday.store.access_rule import visible_sql
from legday.store.care_models import HomeSession, SessionComment
from legday.store.models import (
    Assessment,
    Athlete,
    DailyAggregate,
    DailyLoad,
    ExerciseMapping,
    Plan,
    SetEntry,
    TrainingSession,
)

ACTOR_KEY = "legday_actor"
MAINTAINING_KEY = "legday_maintaining"  # see maintaining()


# Per table holding athlete data: the scope to read its rows, and the scope to change them.
READ_SCOPE: dict[type[Any], Scope] = {
    TrainingSession: Scope.VIEW_TRAINING,
    SetEntry: Scope.VIEW_TRAINING,
    DailyAggregate: Scope.VIEW_TRAINING,
    DailyLoad: Scope.VIEW_TRAINING,
    ExerciseMapping: Scope.VIEW_TRAINING,
    Plan: Scope.VIEW_TRAINING,
    Assessment: Scope.VIEW_ASSESSMENTS,  # health tests (readiness) need VIEW_HEALTH instead
    SessionComment: Scope.VIEW_TRAINING,  # comments go with the session they are about
    HomeSession: Scope.VIEW_HEALTH,  # a pain rating is health data
}
WRITE_SCOPE: dict[type[Any], Scope] = {
    TrainingSession: Scope.LOG_FOR_ATHLETE,
    SetEntry: Scope.LOG_FOR_ATHLETE,
    DailyAggregate: Scope.LOG_FOR_ATHLETE,
    DailyLoad: Scope.LOG_FOR_ATHLETE,
    ExerciseMapping: Scope.LOG_FOR_ATHLETE,
    Plan: Scope.WRITE_PLAN,
    Assessment: Scope.LOG_FOR_ATHLETE,
    SessionComment: Scope.COMMENT,
    HomeSession: Scope.LOG_FOR_ATHLETE,
}


@lru_cache(maxsize=4096)
def visible_athletes(actor: Actor, scope: Scope | None) -> Select[tuple[int]]:
    """THE access rule (``legday.store.access_rule.visible_sql``, its one definition) as a
    SELECT of athlete ids, for statements built with SQLAlchemy. Built once per actor and scope
    (a statement is immutable; the rule's text depends on nothing else)."""
    rule = text(visible_sql(actor, scope)).columns(column("id", Integer)).subquery("visible")
    return select(rule.c.id)


def _within(column: Any, actor: Actor, scope: Scope | None) -> ColumnElement[bool]:
    return column.in_(visible_athletes(actor, scope))  # type: ignore[no-any-return]


def _assessment_rule(actor: Actor, scope: Scope) -> ColumnElement[bool]:
    health = Assessment.test_id.in_(HEALTH_TESTS)
    health_scope = Scope.VIEW_HEALTH if scope is Scope.VIEW_ASSESSMENTS else scope
    return or_(
        and_(health, _within(Assessment.athlete_id, actor, health_scope)),
        and_(~health, _within(Assessment.athlete_id, actor, scope)),
    )


@lru_cache(maxsize=4096)
def _criteria(actor: Actor, *, write: bool) -> tuple[ORMOption, ...]:
    """The loader options for an actor, built once per actor (building them took ~70 % of a
    server request that logs one set: dozens of statements each rebuilt the same rule)."""
    return tuple(_build_criteria(actor, write=write))


def _build_criteria(actor: Actor, *, write: bool) -> list[ORMOption]:
    scopes = WRITE_SCOPE if write else READ_SCOPE
    opts: list[ORMOption] = [
        with_loader_criteria(
            Athlete,
            _within(Athlete.id, actor, None) if not write else Athlete.owner_id == actor.user_id,
            include_aliases=True,
        )
    ]
    for cls, scope in scopes.items():
        rule = (
            _assessment_rule(actor, scope)
            if cls is Assessment
            else _within(cls.athlete_id, actor, scope)
        )
        opts.append(with_loader_criteria(cls, rule, include_aliases=True))
    return opts


@event.listens_for(Session, "do_orm_execute")
def _filter_statements(state: ORMExecuteState) -> None:
    actor = state.session.info.get(ACTOR_KEY)
    if actor is None or state.is_column_load or state.is_relationship_load:
        return  # the options below propagate to lazy and column loads on their own
    if state.session.info.get(MAINTAINING_KEY):
        return  # derived tables being brought up to date: checked on entry (maintaining)
    if state.is_select:
        state.statement = state.statement.options(*_criteria(actor, write=False))
    elif state.is_update or state.is_delete:
        state.statement = state.statement.options(*_criteria(actor, write=True))
    elif state.is_insert:
        _check_insert(state, actor)


def _check_insert(state: ORMExecuteState, actor: Actor) -> None:
    """An ORM-enabled INSERT (the bulk paths) may only add rows for athletes the actor may
    change; the athlete ids come from the parameters."""
    mapper = state.bind_mapper
    cls = mapper.class_ if mapper is not None else None
    scope = WRITE_SCOPE.get(cls) if cls is not None else None
    if scope is None:
        return
    params = state.parameters
    rows: Iterable[Mapping[str, Any]] = (
        params if isinstance(params, list) else [params] if isinstance(params, Mapping) else []
    )
    ids = {row["athlete_id"] for row in rows if "athlete_id" in row}
    values = getattr(state.statement, "_values", None) or {}
    for key, value in dict(values).items():
        if getattr(key, "key", key) == "athlete_id" and hasattr(value, "value"):
            ids.add(value.value)
    if not ids and not rows and not values:
        return  # INSERT … SELECT: the SELECT it copies from was filtered
    require(state.session, scope, ids)


@event.listens_for(Session, "before_flush")
def _guard_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    actor = session.info.get(ACTOR_KEY)
    if actor is None:
        return
    needed: dict[Scope, set[int]] = {}
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Athlete):
            if obj.owner_id is None:
                obj.owner_id = actor.user_id  # a new athlete belongs to whoever adds it
            if obj.owner_id != actor.user_id:
                raise NotFound(f"no athlete with id {obj.id}")
            continue
        scope = WRITE_SCOPE.get(type(obj))
        if scope is not None:
            needed.setdefault(scope, set()).add(obj.athlete_id)
    for scope, ids in needed.items():
        require(session, scope, ids)


@contextmanager
def maintaining(session: Session, athlete_ids: Iterable[int]) -> Iterator[None]:
    """Bring derived tables (the daily aggregates) up to date for ``athlete_ids``: they must
    follow EVERY set of the athlete, whoever logged it, so inside this block statements are not
    filtered — after checking that the actor may log for each athlete. Only the aggregate
    maintenance, whose statements all name the athlete, runs inside it; it returns nothing."""
    require(session, Scope.LOG_FOR_ATHLETE, athlete_ids)
    before = session.info.get(MAINTAINING_KEY)
    session.info[MAINTAINING_KEY] = True
    try:
        yield
    finally:
        session.info[MAINTAINING_KEY] = before


def actor_of(session: Session) -> Actor:
    """The actor a unit of work runs as."""
    actor = session.info.get(ACTOR_KEY)
    if not isinstance(actor, Actor):
        raise RuntimeError("a unit of work without an actor")  # a bug: Database always sets one
    return actor


def require(session: Session, scope: Scope, athlete_ids: Iterable[int]) -> None:
    """Refuse (as "not found") unless the session's actor holds ``scope`` for every athlete.

    New athletes added in this unit of work count as the actor's own."""
    actor = session.info.get(ACTOR_KEY)
    if actor is None:
        return
    wanted = {int(i) for i in athlete_ids if i is not None}
    if not wanted:
        return
    own_new = {o.id for o in session.new if isinstance(o, Athlete) and o.owner_id == actor.user_id}
    rule = visible_athletes(actor, scope).subquery()
    with session.no_autoflush:
        found = set(session.connection().scalars(select(rule.c[0]).where(rule.c[0].in_(wanted))))
    missing = wanted - found - own_new
    if missing:
        raise NotFound(f"no athlete with id {min(missing)}")
