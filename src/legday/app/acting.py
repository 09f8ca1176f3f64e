"""Run the name-based use-cases as a signed-in account.

Most use-cases still find their athlete by name and open their units of work without an actor
(the CLI's local user). A web request must run them as the account that asked, so that the
access rule (legday.store.tenancy) filters everything they read and write: :func:`as_actor`
gives a handle on the same engine and writer lock whose units of work default to that account.
Until every use-case takes an actor, this is the bridge; it never widens access (an actor sees
what the rule lets it see, whichever handle it came through).
"""

from __future__ import annotations

import dataclasses

from legday.app.db import Database
from legday.domain.access import Actor
from legday.domain.errors import NotFound
from legday.store.models import Athlete


def as_actor(db: Database, actor: Actor) -> Database:
    """``db`` whose ``read()``/``write()`` without an actor run as ``actor`` (engine and writer
    lock shared with ``db``)."""
    return dataclasses.replace(db, _local=actor)


def athlete_name(db: Database, actor: Actor, athlete_id: int) -> str:
    """The name of athlete ``athlete_id`` as ``actor`` sees it (someone else's: NotFound)."""
    with db.read(actor) as s:
        a = s.get(Athlete, athlete_id)
        if a is None:
            raise NotFound(f"no athlete with id {athlete_id}")
        return a.name
