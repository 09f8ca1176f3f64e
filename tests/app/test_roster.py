"""The roster's rows carry typed flags: a coach linked with the health scope sees the athlete's
readiness check-in as a ``Readiness`` (its z-scores typed too), and one linked without it sees
none; an athlete not linked to the coach is not on the roster at all. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

from legday.app import care_links, readiness, registration, roster
from legday.app.db import open_database
from legday.domain.access import Actor

PASSWORD = "correct horse battery staple 42"
AS_OF = date.today() - timedelta(days=10)
NAMES = ("fatigue", "sleep", "soreness", "stress", "mood")
# Totals 18, 19, 17, 18, 20, 16, 18 (mean 18, SD 1.2910), then 15: z = (15 - 18) / 1.2910.
BASELINE = [(3, 3), (4, 3), (2, 3), (3, 3), (4, 4), (2, 2), (3, 3)]


def _items(*answers: int) -> dict[str, int]:
    return dict(zip(NAMES, answers, strict=True))


def test_roster_rows_carry_typed_readiness_and_test_flags(db_url: str) -> None:
    db = open_database(db_url)
    people = {}
    for who in ("ann", "ben", "coach", "other"):
        u = registration.register(db, f"{who}@example.org", PASSWORD, who.title())
        people[who] = (Actor(u.id), u.athlete_id)
    ann, ann_athlete = people["ann"]
    for i, (f, s) in enumerate(BASELINE):
        day = AS_OF - timedelta(days=7 - i)
        readiness.record(db, ann, ann_athlete, _items(f, s, 4, 4, 4), day=day)
    readiness.record(db, ann, ann_athlete, _items(2, 2, 3, 4, 4), day=AS_OF)
    coach, _ = people["coach"]
    scopes = {"ann": ["view_training", "view_health"], "ben": ["view_training"]}
    for who, wanted in scopes.items():
        link = care_links.invite(
            db, coach, role="coach", scopes=wanted, athlete_email=f"{who}@example.org"
        )
        care_links.accept(db, people[who][0], link.id)

    view = roster.roster(db, coach, AS_OF)
    rows = {r.athlete: r for r in view.athletes}
    assert set(rows) == {"Ann", "Ben"}  # the coach's own athlete and Other are not linked
    r = rows["Ann"].readiness
    assert isinstance(r, roster.Readiness) and r.flagged and not r.stale and r.total == 15
    assert isinstance(r.total_z, roster.ZScore) and r.total_z.z is not None
    assert abs(r.total_z.z - (15 - 18) / 1.2910) < 0.01
    assert all(isinstance(z, roster.ZScore) for z in r.item_z.values())
    assert rows["Ben"].readiness is None  # no view_health: his check-ins are not the coach's
    assert rows["Ann"].test_flags == [] and rows["Ben"].test_flags == []
    doc = view.as_json()
    assert doc["as_of"] == AS_OF.isoformat()
    assert {a["athlete"]: a["readiness"] is not None for a in doc["athletes"]} == {
        "Ann": True,
        "Ben": False,
    }
    # Someone linked to nobody has an empty roster.
    assert roster.roster(db, people["other"][0], AS_OF).athletes == []


def test_open_test_flags_become_typed_flags() -> None:
    """A club row's flag documents become ``TestFlag`` values with the same fields."""
    from legday.app.results import ClubRow

    row = ClubRow(
        athlete="Ann", athlete_id=1, as_of="2026-01-02", last_day=None,
        days_since_last_session=None, stale=False, acwr_rolling=None,
        acwr_rolling_uncoupled=None, acwr_estimate=None, unrated_days_28d=0, flags=[],
        test_flags=[{"test_id": "nordic", "flag": "asymmetry", "taken_on": "2026-01-01"}],
        readiness=None, lower_set_share_28d=None, load_7d=0.0, load_28d=0.0, attention=1,
        attention_reasons=["open test flag"],
    )  # fmt: skip
    typed = roster._row(row)
    assert typed.test_flags == [roster.TestFlag("nordic", "asymmetry", "2026-01-01")]
    assert typed.attention_reasons == ["open test flag"] and typed.readiness is None
