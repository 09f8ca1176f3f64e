"""The name lookup a shell may offer its user (the CLI's athlete option): the actor's athlete
called NAME in any case, or their only athlete. Plain SQL through ``legday.app.reading``, so a
command that only reads starts without SQLAlchemy; every use-case then takes the id."""

from __future__ import annotations

from typing import TYPE_CHECKING

from legday.domain.access import Actor
from legday.domain.errors import InvalidInput, NotFound
from legday.domain.terms import slot
from legday.store import plain
from legday.store.plain import AthleteRecord, Rows

if TYPE_CHECKING:
    from legday.app.reading import RowSource


def clean_name(name: str) -> str:
    """A name as stored: inner runs of white space as one space, none around it."""
    clean = " ".join(name.split())
    if not clean:
        raise InvalidInput("an athlete needs a name")
    if len(clean) > 200:
        raise InvalidInput("an athlete's name is at most 200 characters")
    return clean


def find(u: Rows, name: str | None) -> AthleteRecord:
    """The actor's athlete called ``name`` (case-insensitive second chance); with no name, the
    actor's only athlete."""
    if name is None:
        rows = plain.first_athletes(u, 2)
        if len(rows) == 1:
            return rows[0]
        if not rows:
            raise NotFound("there is no athlete yet", "add one with `legday athlete add NAME`")
        raise InvalidInput(
            "there is more than one athlete", f"say which one with {slot('athlete')}"
        )
    found = plain.athlete_named(u, clean_name(name))
    if found is None:
        # Case-insensitive second chance, since people type names from memory.
        found = plain.athlete_named(u, clean_name(name), any_case=True)
    if found is None:
        raise NotFound(f"no athlete called {name!r}", "see `legday athlete list`")
    return found


def lookup(db: RowSource, actor: Actor, name: str | None) -> int:
    """The id of the actor's athlete called ``name`` (or of their only athlete)."""
    with db.rows(actor) as u:
        return find(u, name).id
