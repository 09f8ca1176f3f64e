"""Two tenants and the people around them, for the access tests.

Roles: anonymous; athlete A and athlete B; coaches of A whose link is invited, accepted
(view_training + log_for_athlete) or revoked; a coach of B (accepted); a server admin with no
link. Users are made through the use-cases (fast) and signed in as the server signs in.
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from typing import Any

from legday.app import accounts, api_tokens, care_links, logbook, registration, set_fields
from legday.app.db import Database, open_database
from legday.domain.access import Actor
from legday.web.app import create_app
from legday.web.deps import COOKIE
from tests.web.conftest import BASE, PASSWORD, new_client

# A Strong export in miniature: two sessions; one name the catalog knows, one it cannot.
STRONG = (
    b'"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";'
    b'"Weight (kg)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"\n'
    b'"1";"2026-11-02 18:00:00";"Legs";"3000";"Squat (Barbell)";"1";"100";"5";"";"";"";"";""\n'
    b'"1";"2026-11-02 18:00:00";"Legs";"3000";"Grandpa Wobble Lift";"1";"40";"10";"";"";"";"";""\n'
    b'"2";"2026-11-05 18:00:00";"Legs";"2800";"Squat (Barbell)";"1";"102.5";"5";"";"";"";"";""\n'
)

ROLES = (
    "anon",
    "A",
    "B",
    "coachA_invited",
    "coachA",
    "coachA_revoked",
    "coachB",
    "physio",
    "admin",
)
_seq = itertools.count()
PLAN_FLAGS = {"goals": ["strength"], "days": 3, "minutes": 60, "equipment": ["barbell", "bench"]}


def cheap_hasher() -> Any:
    """Tests make dozens of accounts: the lowest argon2id cost keeps them fast (test_auth
    checks the real parameters)."""
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@dataclass
class Member:
    role: str
    email: str
    user_id: int
    athlete_id: int
    actor: Actor
    token: str = ""
    csrf: str = ""


@dataclass
class World:
    db_url: str
    db: Database
    app: Any
    people: dict[str, Member] = field(default_factory=dict)
    session_a: int = 0
    session_b: int = 0
    link_a: int = 0  # the accepted coach link to A
    client_athlete: int = 0  # the athlete id of the physio's practice-held client

    def user(self, role: str, admin: bool = False) -> Member:
        email = f"{role.lower()}{next(_seq)}@example.org"
        u = registration.register(self.db, email, PASSWORD, role, is_admin=admin)
        assert u.athlete_id is not None
        m = Member(role, email, u.id, u.athlete_id, Actor(u.id, is_admin=admin))
        self.sign_in(m)
        self.people[role] = m
        return m

    def sign_in(self, m: Member) -> None:
        signed = accounts.sign_in(self.db, m.email, PASSWORD, "127.0.0.9")
        m.token, m.csrf = signed.token, signed.csrf_token

    def client(self, role: str) -> Any:
        """A client with the role's cookie and CSRF header (a fresh jar for every request)."""
        c = new_client(self.app)
        if role != "anon":
            m = self.people[role]
            c.cookies.set(COOKIE, m.token)
            c.headers["X-CSRF-Token"] = m.csrf
            c.headers["Origin"] = BASE
        return c

    def session_of(self, role: str) -> int:
        m = self.people[role]
        made = logbook.create_session(
            self.db,
            m.actor,
            m.athlete_id,
            set_fields.SessionFields(name="leg day"),
            [set_fields.SetFields("back-squat", 100.0, 5)],
        )
        return int(made.body["id"])

    def link(self, member: str, athlete: str, then: str | None) -> int:
        m, a = self.people[member], self.people[athlete]
        v = care_links.invite(
            self.db,
            m.actor,
            role="coach",
            scopes=["view_training", "log_for_athlete"],
            athlete_email=a.email,
        )
        if then in ("accepted", "revoked"):
            care_links.accept(self.db, a.actor, v.id)
        if then == "revoked":
            care_links.revoke(self.db, a.actor, v.id)
        return v.id

    def fresh_invite_to_a(self) -> int:
        """A new invited link to A from a new account (so each call has its own)."""
        outsider = self.user(f"outsider{next(_seq)}")
        v = care_links.invite(
            self.db,
            outsider.actor,
            role="physio",
            scopes=None,
            athlete_email=self.people["A"].email,
        )
        return v.id

    def new_client(self) -> int:
        """A client record held by the physio (no account; consent witnessed)."""
        from datetime import date

        from legday.app import practice

        v = practice.create_client(
            self.db,
            self.people["physio"].actor,
            "Mrs Client",
            given_on=date(2026, 12, 1),
            purpose="home exercise programme after a fall",
            witness="her daughter",
        )
        return v.athlete_id

    def fresh_token_of_a(self) -> int:
        v = api_tokens.create_token(self.db, self.people["A"].email, PASSWORD, "127.0.0.9")
        return v.id

    def assessment_of(self, role: str) -> int:
        """A fresh recorded test (30-second chair stand) of the role's athlete."""
        from legday.app import assess

        m = self.people[role]
        v = 10 + next(_seq) % 20
        rec = assess.record(
            self.db,
            m.actor,
            m.athlete_id,
            "chair-stand-30s",
            {"value": v},
            age=70,
            sex="female",
            again=True,
        )
        return rec.id

    def home_day_of(self, role: str) -> str:
        """A day (ISO) with a fresh home session of the role's athlete, within the last weeks."""
        from datetime import date, timedelta

        from legday.app import home_programme

        m = self.people[role]
        day = date.today() - timedelta(days=1 + next(_seq) % 40)
        home_programme.record(
            self.db, m.actor, m.athlete_id, day, "partly", 3, True, today=date.today()
        )
        return day.isoformat()

    def mapping_of(self, role: str) -> int:
        """A fresh name mapping of the role's athlete; its id."""
        from legday.app import mappings

        m = self.people[role]
        raw = f"Wobble Lift {next(_seq)}"
        mappings.map_exercise(self.db, m.actor, m.athlete_id, raw, "goblet-squat")
        return next(
            x.id for x in mappings.list_mappings(self.db, m.actor, m.athlete_id) if x.raw == raw
        )

    def upload_of(self, role: str) -> int:
        """A file the role uploaded for import (waiting for its commit)."""
        from legday.app import jobs

        v = jobs.submit(
            self.db,
            self.people[role].actor,
            "import",
            {"filename": "strong.csv"},
            STRONG,
            queued=False,
        )
        return v.id

    def finished_job_of(self, role: str) -> int:
        """A job of the role, done, with a file to fetch."""
        from legday.app import jobs

        v = jobs.submit(self.db, self.people[role].actor, "report", {"format": "html"})
        done = jobs.Outcome(result={}, data=b"<p>report</p>", media_type="text/html", name="r.html")
        worker = jobs.Worker(self.db, {"report": lambda *a: done})
        assert worker.run_once()
        return v.id

    def set_op(self, athlete: str) -> dict[str, Any]:
        return {
            "op": "create",
            "client_id": str(uuid.uuid4()),
            "client_session_id": str(uuid.uuid4()),
            "athlete_id": self.people[athlete].athlete_id,
            "exercise_id": "back-squat",
            "load_kg": 60,
            "reps": 8,
            "logged_at": "2026-12-01T18:00:00",
        }


def build(db_url: str) -> World:
    db = open_database(db_url)
    w = World(db_url, db, create_app(db_url))
    for role in ROLES[1:]:
        w.user(role, admin=role == "admin")
    w.link("coachA_invited", "A", None)
    w.link_a = w.link("coachA", "A", "accepted")
    w.link("coachA_revoked", "A", "revoked")
    w.link("coachB", "B", "accepted")
    w.session_a = w.session_of("A")
    w.session_b = w.session_of("B")
    w.client_athlete = w.new_client()
    from legday.app import planning

    a = w.people["A"]
    planning.generate(w.db, a.actor, a.athlete_id, PLAN_FLAGS)
    return w


# Written on refusals by design: the access log, and the sign-in throttle's failure counter.
NOT_SNAPSHOT = ("access_log", "login_attempt")


def snapshot(db_url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but those in NOT_SNAPSHOT."""
    from sqlalchemy import create_engine, inspect, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(db_url, poolclass=NullPool)
    try:
        with engine.connect() as c:
            names = [n for n in inspect(c).get_table_names() if n not in NOT_SNAPSHOT]
            return {
                n: sorted(
                    (tuple(map(repr, r)) for r in c.execute(text(f'SELECT * FROM "{n}"'))),
                )
                for n in names
            }
    finally:
        engine.dispose()


_templates: dict[str, tuple[str, World]] = {}


def cloned(db_url: str) -> World:
    """The world built once per backend and copied into ``db_url``'s database for each test
    (building it takes a second or two; copying a few milliseconds)."""
    import copy
    import sqlite3

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from legday.app.db import forget_open_databases

    backend = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    if backend not in _templates:
        if backend == "sqlite":
            import tempfile

            tpl = f"sqlite:///{tempfile.mkdtemp(prefix='legday-world-')}/world.db"
        else:
            from tests.conftest import new_pg_database

            tpl = new_pg_database()
        _templates[backend] = (tpl, build(tpl))
    forget_open_databases()  # no connection may stay open on the template while it is copied
    tpl, world = _templates[backend]
    if backend == "sqlite":
        src, dst = make_url(tpl).database, make_url(db_url).database
        assert src and dst
        with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
            a.backup(b)
    else:
        name = make_url(db_url).database
        admin = create_engine(
            make_url(db_url).set(database="postgres"), isolation_level="AUTOCOMMIT"
        )
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE "{name}"'))
            c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{make_url(tpl).database}"'))
        admin.dispose()
    # The copy's sign-ins are fresh: a session seen long ago (the template may be minutes old in
    # a long run) would be touched by its first request, and a refused request must write nothing.
    from datetime import UTC, datetime

    engine = create_engine(db_url)
    with engine.begin() as c:
        now = datetime.now(UTC).replace(tzinfo=None)
        c.execute(text("UPDATE web_session SET last_seen_at = :now"), {"now": now})
    engine.dispose()
    w = copy.copy(world)
    w.db_url, w.db, w.app = db_url, open_database(db_url), create_app(db_url)
    w.people = dict(world.people)
    return w
