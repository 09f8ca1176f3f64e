"""Sign-in accounts for the demo database, so the demo served on the web shows every page at once:
each sample athlete becomes the athlete profile of an account, a coach account holds accepted
care links to two of them and a physio account to the third. Only for the demo's throwaway
database: the passwords are printed."""

from __future__ import annotations

from dataclasses import dataclass

from legday.app import accounts, care_links, registration
from legday.app.db import Database
from legday.domain.access import Actor
from legday.store import accounts as store

DEMO_PASSWORD = "legday demo password"  # printed beside each login; never a real account


@dataclass(frozen=True)
class DemoLogin:
    role: str  # athlete | coach | physio
    email: str
    password: str
    sees: list[str]  # the athletes this login shows


def _email(name: str) -> str:
    return name.lower().replace(" ", ".") + "@demo.legday.invalid"


def _give(db: Database, athlete_name: str, email: str) -> None:
    """Make the local user's athlete ``athlete_name`` the own profile of the account ``email``
    (registration made it an empty profile of its own, which goes)."""
    user = registration.register(db, email, DEMO_PASSWORD, athlete_name)
    with db.write(Actor(user_id=user.id)) as s:
        store.delete_athletes_of(s, user.id)
    with db.write(db.local_actor()) as s:  # the local user owns the demo athletes
        store.give_athletes_named(s, athlete_name, user.id)


def _link(db: Database, member_email: str, role: str, athlete_email: str) -> None:
    member = accounts.verify(db, member_email, DEMO_PASSWORD, "127.0.0.1")
    athlete = accounts.verify(db, athlete_email, DEMO_PASSWORD, "127.0.0.1")
    scopes = ["view_training", "view_assessments", "view_health", "comment", "log_for_athlete"]
    link = care_links.invite(
        db, Actor(user_id=member.id), role=role, scopes=scopes, athlete_email=athlete_email
    )
    care_links.accept(db, Actor(user_id=athlete.id), link.id)


def make_logins(
    db: Database, athlete: str, coached: list[str], treated: list[str]
) -> list[DemoLogin]:
    """Accounts for every named demo athlete, a coach of ``coached`` and a physio of
    ``treated``; returns the logins to print (``athlete``'s first)."""
    everyone = list(dict.fromkeys([athlete, *coached, *treated]))
    for name in everyone:
        _give(db, name, _email(name))
    registration.register(db, "coach@demo.legday.invalid", DEMO_PASSWORD, "Casey Coach")
    registration.register(db, "physio@demo.legday.invalid", DEMO_PASSWORD, "Pat Physio")
    for name in coached:
        _link(db, "coach@demo.legday.invalid", "coach", _email(name))
    for name in treated:
        _link(db, "physio@demo.legday.invalid", "physio", _email(name))
    return [
        DemoLogin("athlete", _email(athlete), DEMO_PASSWORD, [athlete]),
        DemoLogin("coach", "coach@demo.legday.invalid", DEMO_PASSWORD, coached),
        DemoLogin("physio", "physio@demo.legday.invalid", DEMO_PASSWORD, treated),
        *[DemoLogin("athlete", _email(n), DEMO_PASSWORD, [n]) for n in everyone if n != athlete],
    ]
