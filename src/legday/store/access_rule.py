"""THE access rule, written once as SQL text: which athletes an actor may use for a scope.

``legday.store.tenancy`` builds every ORM filter from it, and the plain reads on the standard
sqlite3 driver (``legday.store.plain``) put it into their WHERE clauses; this module imports no
SQLAlchemy, so those commands start without it (docs/architecture.md#actors). The actor's id and
the scope are written into the text as literals: an integer and one of ``Scope``'s fixed values,
so nothing a user typed reaches the SQL, and each statement needs no parameters of its own."""

from __future__ import annotations

from legday.domain.access import Actor, Scope


def visible_sql(actor: Actor, scope: Scope | None) -> str:
    """A SELECT of one column, ``id``: the athletes ``actor`` may use for ``scope``.

    An athlete's owner may do everything their credential allows; another account only through
    an accepted care link that holds the scope. ``scope=None`` asks which athletes the actor may
    know exist at all (their names on a roster): any accepted link will do. A server admin gets
    nothing from being an admin."""
    if scope is not None and not actor.allows(scope):
        return "SELECT athlete.id AS id FROM athlete WHERE 1 = 0"
    user = int(actor.user_id)
    linked = "SELECT care_link.athlete_id AS id FROM care_link"
    if scope is not None:
        linked += " JOIN care_link_scope ON care_link_scope.care_link_id = care_link.id"
    linked += f" WHERE care_link.member_id = {user} AND care_link.status = 'accepted'"
    if scope is not None:
        linked += f" AND care_link_scope.scope = '{Scope(scope).value}'"
    return f"SELECT athlete.id AS id FROM athlete WHERE athlete.owner_id = {user} UNION {linked}"
