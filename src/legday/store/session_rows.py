"""Plain SQL (``legday.store.plain``) on a SQLAlchemy unit of work: the ORM path of the same
statements the standard-driver path runs, inside the session's transaction and as its actor."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from legday.domain.access import Actor
from legday.store.lite import sqlite_param
from legday.store.tenancy import actor_of


class SessionRows:
    def __init__(self, s: Session) -> None:
        self._s = s
        self._actor = actor_of(s)
        self._sqlite = s.get_bind().dialect.name == "sqlite"

    @property
    def actor(self) -> Actor:
        return self._actor

    def rows(self, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        # Plain statements do not autoflush: what this unit of work wrote so far must count.
        self._s.flush()
        values = {k: sqlite_param(v) for k, v in params.items()} if self._sqlite else dict(params)
        return [tuple(r) for r in self._s.connection().execute(text(sql), values)]
