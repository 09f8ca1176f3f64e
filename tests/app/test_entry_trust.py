"""Issue 13: logging that cannot silently corrupt a history — gym mode fills what was just lifted,
implausible entries and exact repeats are refused unless confirmed, gym sessions keep the minutes
the athlete states, session ids are never reused, `next` finds older history and never
prescribes a warm-up heavier than the work sets."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text
from tests.helpers import aid, me, run_cli

from legday.app import athletes, gym, training
from legday.app.athletes import AthleteFields
from legday.app.db import Database, open_database
from legday.app.entry_checks import Implausible, Repeated
from legday.app.next_session import next_session
from legday.domain.errors import InvalidInput
from legday.store import migrate
from legday.store.engine import make_engine
from legday.store.models import SetEntry, TrainingSession

NOW = datetime(2026, 3, 10, 18, 30)
DAY = NOW.date()


@pytest.fixture
def db(db_url: str) -> Database:
    d = open_database(db_url)
    athletes.add(d, me(d), "Ann", AthleteFields(level="beginner", body_mass_kg=60))
    return d


def _rows(db: Database, session_id: int) -> list[tuple[float | None, str, int | None]]:
    with db.read(db.local_actor()) as s:
        q = select(SetEntry).where(SetEntry.session_id == session_id).order_by(SetEntry.seq)
        return [(r.load_kg, r.load_basis, r.reps) for r in s.scalars(q)]


# --- item 1: gym mode fills what was just lifted ------------------------------------------------


def test_enter_after_a_loaded_set_keeps_that_load_and_next_credits_it(db: Database) -> None:
    # Seen in use: no load prescribed (history was body weight), `8 16`, then Enter stored
    # "bw × 10" for a goblet squat done with a 16 kg bell.
    training.log_session(
        db, me(db), aid(db, "Ann"), "goblet-squat bwx10x3", day=DAY - timedelta(days=3), now=NOW
    )
    gs = gym.start(db, me(db), aid(db, "Ann"), now=NOW)
    assert gs.items[0]["sets"][0]["load_kg"] is None
    planned = gs.items[0]["sets"][1]["reps"]
    r = gym.record(db, me(db), gs.session_id, gym.parse_entry("8 16").actual)
    assert r.session is not None
    assert (
        r.session.items[0]["sets"][1]["load_kg"] == 16.0
    )  # the prescription follows the load used
    gym.record(db, me(db), gs.session_id)  # Enter
    gym.record(db, me(db), gs.session_id)
    gym.close(db, me(db), gs.session_id, 7, 40)
    assert _rows(db, gs.session_id) == [
        (16.0, "external", 8),
        (16.0, "external", planned),
        (16.0, "external", planned),
    ]
    nxt = next_session(db, me(db), aid(db, "Ann"), DAY).as_json()["exercises"][0]
    assert [x["load_kg"] for x in nxt["sets"]] == [16.0] * 3


def test_enter_on_a_loaded_exercise_with_no_load_anywhere_is_refused(db: Database) -> None:
    training.log_session(
        db, me(db), aid(db, "Ann"), "back-squat 100x5x3", day=DAY - timedelta(days=2), now=NOW
    )
    gs = gym.start(db, me(db), aid(db, "Ann"), now=NOW)
    # a plan block for a machine never used before comes without a load (the stored snapshot
    # gym mode reads: the state is the database's, never a client-held copy)
    with db.write(me(db)) as s:
        t = s.get(TrainingSession, gs.session_id)
        assert t is not None
        ref = dict(t.plan_ref or {})
        item = {**ref["gym"]["items"][0], "exercise_id": "leg-press", "name": "Leg Press"}
        item["sets"] = [{**x, "load_kg": None, "load": None} for x in item["sets"]]
        ref["gym"] = {**ref["gym"], "items": [item, *ref["gym"]["items"][1:]]}
        t.plan_ref = ref
    with pytest.raises(InvalidInput, match="has no load yet"):
        gym.record(db, me(db), gs.session_id)
    with db.read(db.local_actor()) as s:
        assert s.scalar(select(SetEntry.id).where(SetEntry.session_id == gs.session_id)) is None
    r = gym.record(db, me(db), gs.session_id, gym.parse_entry("10 120").actual)
    assert r.session is not None
    assert r.load_kg == 120.0 and r.session.items[0]["sets"][1]["load_kg"] == 120.0


# --- item 2: implausible entries ----------------------------------------------------------------


def test_log_refuses_a_load_far_above_the_best_e1rm_unless_confirmed(db: Database) -> None:
    training.log_session(
        db, me(db), aid(db, "Ann"), "back-squat 100x5x3", day=DAY - timedelta(days=7), now=NOW
    )
    # best e1RM (Epley) 100 × (1 + 5/30) = 116.7 kg; × 1.5 = 175 kg; 180 kg is a typo
    with pytest.raises(Implausible, match=r"1\.5 × your best e1RM"):
        training.log_session(db, me(db), aid(db, "Ann"), "back-squat 180x5", day=DAY, now=NOW)
    assert training.session_count(db, me(db), aid(db, "Ann")) == 1
    training.log_session(
        db, me(db), aid(db, "Ann"), "back-squat 170x1", day=DAY, now=NOW
    )  # under 175: fine
    v = training.log_session(
        db, me(db), aid(db, "Ann"), "back-squat 180x5", day=DAY, now=NOW, confirm=True
    )
    assert v.sets[0].load_kg == 180.0


def test_log_refuses_many_reps_with_a_load_and_world_record_strength(db: Database) -> None:
    with pytest.raises(Implausible, match="60 reps with a load"):
        training.log_session(db, me(db), aid(db, "Ann"), "leg-extension 30x60", day=DAY, now=NOW)
    # no history; 60 kg body mass: 300 × (1 + 3/30) = 330 kg = 5.5 × body mass… 310 kg × 3 is
    # 341 kg, 5.7 × — above every relative squat on record
    with pytest.raises(Implausible, match="world record"):
        training.log_session(db, me(db), aid(db, "Ann"), "back-squat 310x3", day=DAY, now=NOW)
    training.log_session(
        db, me(db), aid(db, "Ann"), "back-squat 280x3", day=DAY, now=NOW
    )  # 5.1 ×: possible
    training.log_session(db, me(db), aid(db, "Ann"), "leg-extension 30x40", day=DAY, now=NOW)


def test_log_cli_names_the_confirm_option(db_url: str) -> None:
    db = open_database(db_url)
    athletes.add(db, me(db), "Ann", AthleteFields())
    run_cli("log", "back-squat 100x5x3", "--athlete", "Ann", "--date", "2026-03-01", db=db_url)
    bad = run_cli("log", "back-squat 1000x5", "--athlete", "Ann", "--date", "2026-03-02", db=db_url)
    assert bad.exit_code == 1 and "--confirm" in bad.stderr and "typo" in bad.stderr
    ok = run_cli(
        "log", "back-squat 500x1", "--athlete", "Ann", "--date", "2026-03-02", "--confirm",
        "--json", db=db_url,
    )  # fmt: skip
    assert ok.exit_code == 0 and ok.json()["session"]["sets"][0]["load_kg"] == 500.0


def test_gym_mode_refuses_a_typo_until_confirmed(db: Database) -> None:
    training.log_session(
        db, me(db), aid(db, "Ann"), "back-squat 100x5x3", day=DAY - timedelta(days=2), now=NOW
    )
    gs = gym.start(db, me(db), aid(db, "Ann"), now=NOW)
    with pytest.raises(Implausible):
        gym.record(db, me(db), gs.session_id, gym.parse_entry("5 1025").actual)
    assert gs.cursor() == (0, 0)
    r = gym.record(db, me(db), gs.session_id, gym.parse_entry("5 250").actual, confirm=True)
    assert r.load_kg == 250.0


# --- item 4: exact repeats ----------------------------------------------------------------------


def test_an_exact_repeat_is_refused_unless_again(db: Database) -> None:
    first = training.log_session(
        db, me(db), aid(db, "Ann"), "back-squat 100x5x3 @8", day=DAY, now=NOW
    )
    with pytest.raises(Repeated, match=f"session {first.id}"):
        training.log_session(db, me(db), aid(db, "Ann"), "back-squat 100x5x3 @8", day=DAY, now=NOW)
    assert training.session_count(db, me(db), aid(db, "Ann")) == 1
    training.log_session(
        db, me(db), aid(db, "Ann"), "back-squat 100x5x3 @8", day=DAY - timedelta(1), now=NOW
    )
    training.log_session(
        db, me(db), aid(db, "Ann"), "back-squat 100x5x2 @8", day=DAY, now=NOW
    )  # not the same
    training.log_session(
        db, me(db), aid(db, "Ann"), "back-squat 100x5x3 @8", day=DAY, now=NOW, again=True
    )
    assert training.session_count(db, me(db), aid(db, "Ann")) == 4


def test_log_cli_names_the_again_option(db_url: str) -> None:
    athletes.add(open_database(db_url), me(open_database(db_url)), "Ann", AthleteFields())
    args = ("log", "rdl 80x8x3", "--athlete", "Ann", "--date", "2026-03-02")
    assert run_cli(*args, db=db_url).exit_code == 0
    twice = run_cli(*args, db=db_url)
    assert twice.exit_code == 1 and "--again" in twice.stderr
    assert run_cli(*args, "--again", db=db_url).exit_code == 0


# --- item 10: ids, minutes, older history --------------------------------------------------------


def test_session_ids_are_never_reused_after_a_delete(db: Database) -> None:
    training.log_session(db, me(db), aid(db, "Ann"), "back-squat 100x5", day=DAY, now=NOW)
    last = training.log_session(db, me(db), aid(db, "Ann"), "rdl 80x8", day=DAY, now=NOW)
    training.delete_session(db, me(db), last.id)
    new = training.log_session(db, me(db), aid(db, "Ann"), "leg-press 120x10", day=DAY, now=NOW)
    assert new.id > last.id


def test_the_migration_keeps_the_sets_of_an_existing_sqlite_file(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    try:
        migrate.upgrade(engine, "0001")
        with engine.begin() as c:
            c.execute(text("INSERT INTO athlete (id, name, level, unit, limitations, profile) "
                           "VALUES (1, 'Ann', 'beginner', 'kg', '[]', '{}')"))  # fmt: skip
            c.execute(text("INSERT INTO training_session (id, athlete_id, started_at, source, "
                           "status, warnings) VALUES (7, 1, '2026-03-01 10:00:00', 'legday', "
                           "'closed', '[]')"))  # fmt: skip
            c.execute(text("INSERT INTO set_entry (session_id, athlete_id, seq, exercise_raw, "
                           "exercise_occurrence, position, set_type, load_basis, side, reps, "
                           "load_kg) VALUES (7, 1, 1, 'back-squat', 1, 1, 'working', 'external', "
                           "'both', 5, 100)"))  # fmt: skip
        migrate.upgrade(engine)
        with engine.connect() as c:
            assert c.execute(text("SELECT count(*) FROM set_entry")).scalar() == 1
            assert "AUTOINCREMENT" in str(
                c.execute(
                    text("SELECT sql FROM sqlite_master WHERE name='training_session'")
                ).scalar()
            )
    finally:
        engine.dispose()


def test_gym_mode_keeps_the_minutes_the_athlete_states(db: Database) -> None:
    training.log_session(
        db, me(db), aid(db, "Ann"), "back-squat 100x5x3", day=DAY - timedelta(days=2), now=NOW
    )
    gs = gym.start(
        db, me(db), aid(db, "Ann"), now=NOW - timedelta(hours=5)
    )  # the wall clock says 5 hours
    gym.record(db, me(db), gs.session_id)
    closed = gym.close(db, me(db), gs.session_id, 6)
    with db.read(db.local_actor()) as s:
        t = s.get(TrainingSession, gs.session_id)
        assert t is not None and t.duration_s is None and closed.minutes is None
    gs2 = gym.start(db, me(db), aid(db, "Ann"), now=NOW)
    gym.record(db, me(db), gs2.session_id)
    assert gym.close(db, me(db), gs2.session_id, 6, 45).minutes == 45
    with db.read(db.local_actor()) as s:
        t = s.get(TrainingSession, gs2.session_id)
        assert t is not None and t.duration_s == 45 * 60


def test_next_finds_history_older_than_a_year(db: Database) -> None:
    long_ago = date(2024, 1, 15)
    training.log_session(db, me(db), aid(db, "Ann"), "back-squat 100x5x3", day=long_ago, now=NOW)
    doc = next_session(db, me(db), aid(db, "Ann"), DAY).as_json()
    assert doc["source"] == "history" and doc["exercises"][0]["exercise_id"] == "back-squat"
    # two years off: the return-after-a-break cut applies, below the 100 kg last lifted
    assert 0 < doc["exercises"][0]["sets"][0]["load_kg"] < 100


def test_a_mistyped_database_path_is_not_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = tmp_path / "typo" / "legday.db"
    r = run_cli("sessions", "list", db=f"sqlite:///{wrong}")
    assert r.exit_code == 1 and "no legday database" in r.stderr and str(wrong) in r.stderr
    assert not wrong.exists()
    monkeypatch.setenv("LEGDAY_HOME", str(tmp_path / "mistyped-home"))
    r = run_cli("records", "--json")
    assert r.exit_code == 1 and "no legday database" in r.stderr
    assert not any((tmp_path / "mistyped-home").rglob("*.db"))
    made = run_cli("athlete", "add", "Ann", db=f"sqlite:///{wrong}")  # a writing command creates
    assert made.exit_code == 0 and wrong.exists()
    assert run_cli("athlete", "list", db=f"sqlite:///{wrong}").exit_code == 0


def test_a_competition_before_the_start_says_so(db: Database) -> None:
    from legday.app import planning

    flags = {"days": 3, "weeks": 4, "start": date(2026, 12, 7), "competition": date(2026, 11, 30)}
    with pytest.raises(InvalidInput, match="is before the start 2026-12-07"):
        planning.generate(db, me(db), aid(db, "Ann"), flags, today=date(2026, 11, 24))


# --- item 3: shorthand for exercises without external load --------------------------------------


def test_nordic_3x5_is_three_sets_of_five(db: Database) -> None:
    v = training.log_session(
        db, me(db), aid(db, "Ann"), "nordic 3x5; box-jump 4x5", day=DAY, now=NOW
    )
    nordic = [x for x in v.sets if x.exercise_id == "nordic-hamstring-curl"]
    assert [(x.load_kg, x.load_basis, x.reps) for x in nordic] == [(None, "bodyweight", 5)] * 3
    assert len([x for x in v.sets if x.exercise_id == "box-jump"]) == 4
    assert "nordic 3x5 is three sets of 5 reps" in run_cli("log", "--help").stdout
