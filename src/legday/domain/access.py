"""Who is asking, and for what: the plain values the access rule is written in.

An :class:`Actor` is a signed-in account (or the CLI's local user); a :class:`Scope` is one kind of
access an athlete can grant through a care link (docs/architecture.md#actors). The rule that turns
them into "these athletes" is ``legday.store.tenancy.visible_athletes``: one function, in SQL, so
every query is filtered the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Scope(StrEnum):
    """What an accepted care link lets a coach or physio do with an athlete's data."""

    VIEW_TRAINING = "view_training"  # sessions, sets, plans, load
    VIEW_ASSESSMENTS = "view_assessments"  # test results
    VIEW_HEALTH = "view_health"  # pain, readiness, body mass
    WRITE_PLAN = "write_plan"
    COMMENT = "comment"
    LOG_FOR_ATHLETE = "log_for_athlete"  # sessions, sets and tests entered on their behalf


SCOPES: tuple[str, ...] = tuple(s.value for s in Scope)
LINK_ROLES: tuple[str, ...] = ("coach", "physio")
LINK_STATUSES: tuple[str, ...] = ("invited", "accepted", "declined", "revoked", "expired")


@dataclass(frozen=True)
class Actor:
    """The account a unit of work runs as.

    ``scopes`` narrows what a personal API token may do (None: whatever the account may do);
    ``is_admin`` lets a server admin manage accounts, never read athlete data (an admin is not a
    coach: it grants no athlete rows; docs/architecture.md#actors).
    """

    user_id: int
    is_admin: bool = False
    scopes: frozenset[Scope] | None = None

    def allows(self, scope: Scope) -> bool:
        """Whether the actor's credential covers ``scope`` at all (a token may not)."""
        return self.scopes is None or scope in self.scopes


# Assessments that are health data (need VIEW_HEALTH rather than VIEW_ASSESSMENTS to read).
HEALTH_TESTS: tuple[str, ...] = ("readiness",)
