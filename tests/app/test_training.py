"""Training use-cases on a real database: log, list, show, edit, delete, records."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import select
from tests.helpers import aid, me

from legday.app import athletes, training
from legday.app.athletes import AthleteFields
from legday.app.db import Database, open_database
from legday.domain.errors import InvalidInput, NotFound
from legday.store.models import DailyLoad, SetEntry, TrainingSession

NOW = datetime(2026, 3, 10, 18, 30)
EXAMPLE = (
    "back-squat 100x5x3 @8; rdl 80x8,8,7 rir2; split-squat 20x10/10 L/R; "
    "single-leg-stance 3x30s; box-jump 5x5"
)


@pytest.fixture
def db(db_url: str) -> Database:
    d = open_database(db_url)
    athletes.add(d, me(d), "Sam", AthleteFields())
    athletes.add(d, me(d), "Pat", AthleteFields(unit="lb"))
    return d


def _sets(db: Database, session_id: int) -> list[SetEntry]:
    with db.read(db.local_actor()) as s:
        q = select(SetEntry).where(SetEntry.session_id == session_id).order_by(SetEntry.seq)
        rows = list(s.scalars(q))
        s.expunge_all()  # keep the loaded values after the read transaction ends
        return rows


def _daily(db: Database, athlete: str) -> dict[date, tuple[float, float, int]]:
    with db.read(db.local_actor()) as s:
        a = athletes.by_name(s, athlete)
        rows = s.scalars(select(DailyLoad).where(DailyLoad.athlete_id == a.id))
        return {r.day: (r.load, r.minutes, r.all_sets) for r in rows}


def test_log_the_example(db: Database) -> None:
    v = training.log_session(
        db, me(db), aid(db, "Sam"), EXAMPLE, session_rpe=7, minutes=55, now=NOW
    )
    assert v.started_at == datetime(2026, 3, 10, 18, 30) and v.source == "legday"
    assert v.srpe_load == 385  # Foster: 7 × 55 min
    rows = _sets(db, v.id)
    # 3 squats + 3 RDLs + a left/right pair + 3 holds + 5 box-jump sets.
    assert len(rows) == 16 and [r.seq for r in rows] == list(range(1, 17))
    assert {r.athlete_id for r in rows} == {rows[0].athlete_id}
    ids = [r.exercise_id for r in rows]
    assert ids[:3] == ["back-squat"] * 3 and ids[3:6] == ["romanian-deadlift"] * 3
    assert [(r.side, r.reps, r.load_kg) for r in rows[6:8]] == [("left", 10, 20), ("right", 10, 20)]
    assert [(r.duration_s, r.load_basis, r.load_kg) for r in rows[8:11]] == [
        (30, "bodyweight", None)
    ] * 3
    # Box jumps are dosed in ground contacts (1 per rep in the catalog): 5 sets of 5 contacts.
    assert [(r.reps, r.contacts) for r in rows[11:]] == [(5, 5)] * 5
    assert [r.rpe for r in rows[:3]] == [8, 8, 8] and [r.rir for r in rows[3:6]] == [2, 2, 2]
    assert [r.position for r in rows[:3]] == [1, 2, 3] and rows[3].position == 1
    # The daily tables were refreshed in the same transaction.
    assert _daily(db, "Sam") == {date(2026, 3, 10): (385, 55, 16)}
    assert v.shorthand.startswith("back-squat 100x5x3 @8; rdl 80x8,8,7 rir2; split-squat 20x10/10")


def test_pounds_are_stored_in_kg_and_shown_in_lb(db: Database) -> None:
    v = training.log_session(
        db, me(db), aid(db, "Pat"), "back-squat 225x5; goblet squat 50kgx10", now=NOW
    )
    rows = _sets(db, v.id)
    assert rows[0].load_kg == pytest.approx(225 * 0.45359237)
    assert rows[1].load_kg == 50  # written in kg: kept in kg
    assert v.sets[0].load == 225 and v.sets[1].load == pytest.approx(110.23, abs=0.01)


def test_bad_lines_store_nothing(db: Database) -> None:
    for text in ("back-squat 100x5; squat 100x5 @11", "back-squat", ""):
        with pytest.raises(InvalidInput):
            training.log_session(db, me(db), aid(db, "Sam"), text, now=NOW)
    with pytest.raises(InvalidInput, match="future"):
        training.log_session(
            db, me(db), aid(db, "Sam"), "back-squat 100x5", day=date(2026, 3, 11), now=NOW
        )
    with pytest.raises(InvalidInput, match="session RPE"):
        training.log_session(
            db, me(db), aid(db, "Sam"), "back-squat 100x5", session_rpe=12, now=NOW
        )
    # A misspelt name fails with the catalog matcher's candidates (whatever its ranking is);
    # an unknown one says where to look.
    from legday.domain.catalog.matching import match_name

    with pytest.raises(InvalidInput, match="bak squat") as info:
        training.log_session(
            db, me(db), aid(db, "Sam"), "back-squat 100x5; bak squat 100x5", now=NOW
        )
    expected = [c.id for c in match_name("bak squat").candidates[:5]]
    assert expected and info.value.hint == f"did you mean {', '.join(expected)}? (write the id)"
    with pytest.raises(InvalidInput, match="no exercise called 'zzqx'"):
        training.log_session(db, me(db), aid(db, "Sam"), "zzqx 100x5", now=NOW)
    assert training.list_sessions(db, me(db), aid(db, "Sam")) == []
    assert _daily(db, "Sam") == {}


def test_names_resolve_through_ids_names_aliases_and_mappings(db: Database) -> None:
    from legday.app.mappings import map_exercise

    v = training.log_session(
        db,
        me(db),
        aid(db, "Sam"),
        "Back Squat 100x5; romanian_deadlift 80x8; RDL 80x8; Split Squat 20x10",
        now=NOW,
    )
    assert [x.exercise_id for x in v.sets] == [
        "back-squat", "romanian-deadlift", "romanian-deadlift", "split-squat"
    ]  # fmt: skip
    # The second RDL block is the exercise's second occurrence in the session.
    assert [r.exercise_occurrence for r in _sets(db, v.id)] == [1, 1, 2, 1]
    assert [x.exercise_raw for x in v.sets] == ["Back Squat", "romanian_deadlift", "RDL",
                                                "Split Squat"]  # fmt: skip
    map_exercise(db, me(db), aid(db, "Sam"), "big bad squat", "front-squat")
    w = training.log_session(db, me(db), aid(db, "Sam"), "big bad squat 80x5", now=NOW)
    assert w.sets[0].exercise_id == "front-squat"


def test_list_show_edit_delete(db: Database) -> None:
    a = training.log_session(
        db, me(db), aid(db, "Sam"), "back-squat 100x5x3", day=date(2026, 3, 1), now=NOW
    )
    b = training.log_session(
        db, me(db), aid(db, "Sam"), "rdl 80x8x3", day=date(2026, 3, 5), at=time(7, 15), minutes=40,
        session_rpe=6, now=NOW,
    )  # fmt: skip
    assert [s.id for s in training.list_sessions(db, me(db), aid(db, "Sam"))] == [
        b.id,
        a.id,
    ]  # newest first
    only = training.list_sessions(db, me(db), aid(db, "Sam"), date(2026, 3, 2), date(2026, 3, 5))
    assert [s.id for s in only] == [b.id] and only[0].srpe_load == 240
    assert only[0].exercises == ["romanian-deadlift"] and only[0].working_sets == 3
    with pytest.raises(InvalidInput):
        training.list_sessions(db, me(db), aid(db, "Sam"), date(2026, 3, 5), date(2026, 3, 1))

    shown = training.show_session(db, me(db), b.id)
    assert shown.started_at == datetime(2026, 3, 5, 7, 15) and len(shown.sets) == 3

    # Move session b to 3 March and replace its sets: both days are refreshed.
    e = training.edit_session(
        db,
        me(db),
        b.id,
        day=date(2026, 3, 3),
        text="back-squat w60x5 105x5x2",
        session_rpe=8,
        now=NOW,
    )
    assert e.started_at == datetime(2026, 3, 3, 7, 15)  # the time of day is kept
    assert [(x.set_type, x.load_kg) for x in e.sets] == [
        ("warmup", 60), ("working", 105), ("working", 105)
    ]  # fmt: skip
    assert e.srpe_load == 320  # 8 × 40
    days = _daily(db, "Sam")
    # The daily tables count working sets only (the warm-up is left out).
    assert date(2026, 3, 5) not in days and days[date(2026, 3, 3)] == (320, 40, 2)
    with pytest.raises(InvalidInput, match="nothing to change"):
        training.edit_session(db, me(db), b.id)
    with pytest.raises(NotFound):
        training.show_session(db, me(db), b.id, athlete_id=aid(db, "Pat"))  # not Pat's session

    gone = training.delete_session(db, me(db), b.id)
    assert gone.id == b.id
    assert [s.id for s in training.list_sessions(db, me(db), aid(db, "Sam"))] == [a.id]
    assert date(2026, 3, 3) not in _daily(db, "Sam")
    with db.read(db.local_actor()) as s:
        assert s.scalars(select(SetEntry).where(SetEntry.session_id == b.id)).all() == []
        assert s.get(TrainingSession, b.id) is None
    with pytest.raises(NotFound):
        training.show_session(db, me(db), 9999)


def test_records_and_new_records(db: Database) -> None:
    training.log_session(
        db, me(db), aid(db, "Sam"), "back-squat w60x5 100x5x3", day=date(2026, 3, 1), now=NOW
    )
    v = training.log_session(
        db,
        me(db),
        aid(db, "Sam"),
        "back-squat 105x3 110x1; box-jump 5x5",
        day=date(2026, 3, 4),
        now=NOW,
    )
    found = {(r.kind, r.reps): (r.value, r.previous) for r in v.new_records}
    # Before: 100×5 (so 1-, 3- and 5-rep maxes of 100). 105×3 is a new 3-rep max; 110×1 the
    # heaviest and the 1-rep max (the record held before the session was 100 for both).
    # e1RM: 105·(1 + 3/30) = 115.5 and 110 stay under 100·(1 + 5/30) = 116.67: none.
    assert found == {("heaviest", None): (110, 100), ("rep_max", 3): (105, 100),
                     ("rep_max", 1): (110, 100)}  # fmt: skip
    r = training.records(db, me(db), aid(db, "Sam"))
    assert r.formula == "epley" and [e.exercise_id for e in r.exercises] == ["back-squat"]
    sq = r.exercises[0]
    assert sq.heaviest.load == 110 and sq.heaviest.date == date(2026, 3, 4)
    assert [(m.reps, m.load) for m in sq.rep_maxes] == [(1, 110), (3, 105), (5, 100)]
    assert sq.e1rm is not None and sq.e1rm.value_kg == pytest.approx(116.67, abs=0.01)
    assert sq.e1rm.date == date(2026, 3, 1) and sq.sets_counted == 5
    assert r.as_json()["exercises"][0]["e1rm"]["date"] == "2026-03-01"
    # Brzycki: 100·36/32 = 112.5, 105·36/34 = 111.18, 110 → 112.5 from the fives.
    assert (
        training.records(db, me(db), aid(db, "Sam"), "brzycki").as_json()["exercises"][0]["e1rm"][
            "value_kg"
        ]
        == 112.5
    )
    assert training.records(db, me(db), aid(db, "Pat")).exercises == []
    # 107.5×4 later: a new 4-rep max, and the 3-rep max too (4 reps ≥ 3), proven by a 4-rep set.
    training.log_session(
        db, me(db), aid(db, "Sam"), "back-squat 107.5x4", day=date(2026, 3, 6), now=NOW
    )
    sq = training.records(db, me(db), aid(db, "Sam")).exercises[0]
    assert [(m.reps, m.load, m.set_reps) for m in sq.rep_maxes] == [
        (1, 110, 1), (3, 107.5, 4), (4, 107.5, 4), (5, 100, 5)
    ]  # fmt: skip


def test_drops_failures_and_comma_groups_are_stored_and_shown_back(db: Database) -> None:
    text = (
        "back-squat w60x5, 100x5 @8, 100x5 @8.5, 105x3 @9; leg-press 200x10 d160x8 d120x8 100x12f"
    )
    v = training.log_session(db, me(db), aid(db, "Sam"), text, day=date(2026, 3, 2), now=NOW)
    rows = _sets(db, v.id)
    assert [(r.set_type, r.load_kg, r.reps, r.rpe) for r in rows] == [
        ("warmup", 60, 5, None),
        ("working", 100, 5, 8),
        ("working", 100, 5, 8.5),
        ("working", 105, 3, 9),
        ("working", 200, 10, None),
        ("drop", 160, 8, None),
        ("drop", 120, 8, None),
        ("failure", 100, 12, None),
    ]
    # Drops and failures are working sets for the daily tables (7 of the 8 sets).
    assert _daily(db, "Sam")[date(2026, 3, 2)][2] == 7
    # Shown back without losing a set type: marks first, a comma after each effort.
    written = (
        "back-squat w60x5 100x5 @8, 100x5 @8.5, 105x3 @9; leg-press 200x10 d160x8 d120x8 f100x12"
    )
    shown = training.show_session(db, me(db), v.id)
    assert shown.shorthand == written
    assert [x.set_type for x in shown.sets][-3:] == ["drop", "drop", "failure"]
    # Writing the shown text back as the session's sets changes nothing.
    again = training.edit_session(db, me(db), v.id, text=shown.shorthand, now=NOW)
    assert [(r.set_type, r.load_kg, r.reps, r.rpe) for r in _sets(db, again.id)] == [
        (r.set_type, r.load_kg, r.reps, r.rpe) for r in rows
    ]


def test_edit_clears_notes_session_rpe_and_minutes(db: Database) -> None:
    b = training.log_session(
        db,
        me(db),
        aid(db, "Sam"),
        "rdl 80x8x3",
        day=date(2026, 3, 5),
        minutes=40,
        session_rpe=6,
        notes="felt heavy",
        now=NOW,
    )
    day = date(2026, 3, 5)
    assert _daily(db, "Sam")[day] == (240, 40, 3)  # 6 × 40

    e = training.edit_session(db, me(db), b.id, clear=["session_rpe"])
    assert (e.session_rpe, e.srpe_load, e.minutes, e.notes) == (None, None, 40, "felt heavy")
    assert _daily(db, "Sam")[day] == (0, 40, 3)  # no session RPE: no Foster load

    e = training.edit_session(db, me(db), b.id, session_rpe=7, minutes=30, clear=["notes"])
    assert (e.session_rpe, e.minutes, e.notes, e.srpe_load) == (7, 30, None, 210)  # 7 × 30
    assert _daily(db, "Sam")[day] == (210, 30, 3)

    e = training.edit_session(db, me(db), b.id, clear=["minutes"])
    assert (e.session_rpe, e.minutes, e.srpe_load) == (7, None, None)
    assert _daily(db, "Sam")[day] == (0, 0, 3)

    # Blank notes are no notes, when editing and when logging.
    assert training.edit_session(db, me(db), b.id, notes="ok").notes == "ok"
    assert training.edit_session(db, me(db), b.id, notes="  ").notes is None
    assert (
        training.log_session(db, me(db), aid(db, "Sam"), "rdl 80x8", notes="", now=NOW).notes
        is None
    )

    # Setting and clearing the same field, or clearing an unknown one, changes nothing.
    training.edit_session(db, me(db), b.id, notes="kept", minutes=45)
    with pytest.raises(InvalidInput, match="the notes and the option that clears the notes"):
        training.edit_session(db, me(db), b.id, notes="x", minutes=20, clear=["notes"])
    with pytest.raises(InvalidInput, match="RPE and the option that clears the session RPE"):
        training.edit_session(db, me(db), b.id, session_rpe=5, clear=["session_rpe"])
    with pytest.raises(InvalidInput, match="cannot clear sets"):
        training.edit_session(db, me(db), b.id, clear=["sets"])  # type: ignore[list-item]
    shown = training.show_session(db, me(db), b.id)
    assert (shown.notes, shown.minutes, shown.session_rpe) == ("kept", 45, 7)
    assert _daily(db, "Sam")[day] == (315, 45, 3)  # 7 × 45
