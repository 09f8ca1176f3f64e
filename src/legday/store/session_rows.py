"""Plain SQL (``legday.store.plain``) on a SQLAlchemy unit of work: the ORM path of the same
statements the standard-driver path runs, inside the session's transaction and as its actor."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import TextClause, text
from sqlalchemy.orm import Session

from legday.domain.access import Actor
from legday.store.lite import sqlite_param
from legday.store.tenancy import actor_of


@lru_cache(maxsize=2048)
def _statement(sql: str) -> TextClause:
    """``text(sql)``, built once per statement text: building it again on every call was ~10 %
    of a request that logs one set (its statements repeat, the actor's id written into them)."""
    return text(sql)


class SessionRows:
    """``legday.store.plain.Writes`` on the session's connection: writes belong to the unit of
    work and commit or roll back with it."""

    def __init__(self, s: Session) -> None:
        self._s = s
        self._actor = actor_of(s)
        self._dialect = s.get_bind().dialect.name
        self._sqlite = self._dialect == "sqlite"

    @property
    def actor(self) -> Actor:
        return self._actor

    def rows(self, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        # Plain statements do not autoflush: what this unit of work wrote so far must count.
        self._s.flush()
        return [
            tuple(r) for r in self._s.connection().execute(_statement(sql), self._values(params))
        ]

    @property
    def dialect(self) -> str:
        return self._dialect

    def execute(self, sql: str, params: Mapping[str, Any]) -> None:
        self._s.flush()
        self._s.connection().execute(_statement(sql), self._values(params))

    def execute_many(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        self._s.flush()
        self._s.connection().execute(_statement(sql), [self._values(r) for r in rows])

    def execute_rows(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._s.flush()
        if rows:
            mark = "?" if self._s.get_bind().dialect.paramstyle == "qmark" else "%s"
            self._s.connection().exec_driver_sql(sql.replace("?", mark), list(rows))

    def insert_id(self, sql: str, params: Mapping[str, Any]) -> int:
        self._s.flush()
        return int(self._s.connection().execute(_statement(sql), self._values(params)).scalar_one())

    def _values(self, params: Mapping[str, Any]) -> dict[str, Any]:
        return {k: sqlite_param(v) for k, v in params.items()} if self._sqlite else dict(params)
