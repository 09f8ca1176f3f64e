"""`legday readiness record|history` on SQLite and PostgreSQL: one check-in a day, stored as an
assessment, and `assess edit/delete` change every later flag."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.helpers import run_cli

TODAY = date.today()
# Seven earlier days (fatigue, sleep; soreness, stress and mood 4): totals 18, 19, 17, 18, 20,
# 16, 18 → mean 18, sample SD √(10/6) = 1.2910 (worked in tests/domain/assess/test_wellness.py).
ROWS = [(3, 3), (4, 3), (2, 3), (3, 3), (4, 4), (2, 2), (3, 3)]
ITEMS = ("fatigue", "sleep", "soreness", "stress", "mood")


def _args(answers: tuple[int, ...]) -> list[str]:
    out: list[str] = []
    for name, v in zip(ITEMS, answers, strict=True):
        out += [f"--{name}", str(v)]
    return out


def _record(db: str, answers: tuple[int, ...], day: date, *extra: str) -> Any:
    r = run_cli("readiness", "record", *_args(answers), "--date", day.isoformat(), "--json",
                *extra, db=db)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    return r.json()


def _setup(db: str) -> list[int]:
    assert run_cli("athlete", "add", "Ana", "--age", "24", "--sex", "female", "--mass-kg", "61",
                   "--unit", "kg", db=db).exit_code == 0  # fmt: skip
    ids = []
    for i, (f, s) in enumerate(ROWS):
        doc = _record(db, (f, s, 4, 4, 4), TODAY - timedelta(days=7 - i))
        ids.append(doc["check_in"]["id"])
    return ids


def _history(db: str, *extra: str) -> list[dict[str, Any]]:
    r = run_cli("readiness", "history", "--json", *extra, db=db)
    assert r.exit_code == 0, r.stderr
    entries: list[dict[str, Any]] = r.json()["check_ins"]
    return entries


def test_a_drop_against_the_own_baseline_is_flagged(db_url: str) -> None:
    _setup(db_url)
    doc = _record(db_url, (2, 2, 3, 4, 4), TODAY)
    e = doc["check_in"]
    assert e["total"] == 15 and e["baseline_n"] == 7
    assert e["total_z"]["z"] == -2.32  # −3 / 1.2910
    assert e["flagged"] and e["worse_items"] == ["fatigue", "sleep", "soreness"]
    assert doc["instrument"]["baseline"] == {
        "window_days": 28, "min_checkins": 7, "flag_z": -1.0,
        "rule": doc["instrument"]["baseline"]["rule"],
    }  # fmt: skip
    assert "McLean" in doc["instrument"]["sources"][0]
    first = _history(db_url)[0]
    assert first["building_baseline"] and first["baseline_n"] == 0 and not first["flagged"]


def test_text_names_the_instrument_the_scale_and_the_baseline_state(db_url: str) -> None:
    assert run_cli("athlete", "add", "Ana", "--unit", "kg", db=db_url).exit_code == 0
    first = (TODAY - timedelta(days=7)).isoformat()
    r = run_cli("readiness", "record", *_args((3, 3, 4, 4, 4)), "--date", first, db=db_url)
    assert r.exit_code == 0, r.stderr
    assert "18/25" in r.stdout and "building baseline (0 of 7)" in r.stdout
    for i, (f, s) in enumerate(ROWS[1:], start=1):
        _record(db_url, (f, s, 4, 4, 4), TODAY - timedelta(days=7 - i))
    r = run_cli("readiness", "record", *_args((2, 2, 3, 4, 4)), db=db_url)
    assert r.exit_code == 0, r.stderr
    assert "15/25" in r.stdout and "below usual" in r.stdout and "z -2.32" in r.stdout
    assert "McLean 2010" in r.stdout and "5 the" in r.stdout and "higher is better" in r.stdout
    h = run_cli("readiness", "history", db=db_url)
    assert "below usual" in h.stdout and "fatigue -1.2" in h.stdout and "McLean" in h.stdout


def test_one_check_in_a_day_unless_again(db_url: str) -> None:
    ids = _setup(db_url)
    day = TODAY - timedelta(days=1)  # the last baseline day already has one
    r = run_cli("readiness", "record", *_args((4, 4, 4, 4, 4)), "--date", day.isoformat(),
                db=db_url)  # fmt: skip
    assert r.exit_code == 1
    assert f"already recorded on {day} (id {ids[-1]})" in r.stderr and "--again" in r.stderr
    # the generic assessment path refuses it too, even with other answers
    r = run_cli("assess", "record", "readiness", *_args((1, 2, 3, 4, 5)), "--athlete", "Ana",
                "--date", day.isoformat(), db=db_url)  # fmt: skip
    assert r.exit_code == 1 and "already recorded" in r.stderr
    assert len(_history(db_url)) == 7
    _record(db_url, (4, 4, 4, 4, 4), day, "--again")
    assert len(_history(db_url)) == 8


def test_bad_answers_are_refused_with_the_scale(db_url: str) -> None:
    _setup(db_url)
    r = run_cli("readiness", "record", *_args((6, 4, 4, 4, 4)), db=db_url)
    assert r.exit_code == 1 and "--fatigue 6 is impossible" in r.stderr
    assert "between 1 and 5" in r.stderr
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    r = run_cli("readiness", "record", *_args((4, 4, 4, 4, 4)), "--date", tomorrow, db=db_url)
    assert r.exit_code == 1 and "future" in r.stderr
    assert len(_history(db_url)) == 7


def test_edit_and_delete_recompute_every_later_flag(db_url: str) -> None:
    ids = _setup(db_url)
    today_id = _record(db_url, (2, 2, 3, 4, 4), TODAY)["check_in"]["id"]
    # Correct today's answers: total 19, z = +1 / 1.2910 = +0.77, no flag.
    r = run_cli("assess", "edit", str(today_id), "--fatigue", "4", "--sleep", "3",
                "--soreness", "4", "--json", db=db_url)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    last = _history(db_url)[-1]
    assert last["total"] == 19 and last["total_z"]["z"] == 0.77 and not last["flagged"]
    # Edit a baseline day (the 20 becomes 16): totals 18, 19, 17, 18, 16, 16, 18, mean 122/7,
    # squared deviations 54/7 = 7.7143, variance 7.7143/6 = 1.2857, SD 1.1339; today's 19 is
    # z = (19 − 17.4286) / 1.1339 = +1.39.
    r = run_cli("assess", "edit", str(ids[4]), "--fatigue", "2", "--sleep", "2", db=db_url)
    assert r.exit_code == 0, r.stderr
    assert _history(db_url)[-1]["total_z"]["z"] == 1.39
    # Delete one baseline day: six earlier check-ins left, no flag, "building baseline (6 of 7)".
    r = run_cli("assess", "delete", str(ids[0]), "--yes", db=db_url)
    assert r.exit_code == 0, r.stderr
    last = _history(db_url)[-1]
    assert last["building_baseline"] and last["baseline_n"] == 6 and last["total_z"] is None
    # Moving a check-in onto a day that has one is refused as on recording.
    r = run_cli("assess", "edit", str(ids[1]), "--date", TODAY.isoformat(), db=db_url)
    assert r.exit_code == 1 and "already recorded" in r.stderr


def test_history_days_shows_the_last_days_judged_on_the_whole_history(db_url: str) -> None:
    _setup(db_url)
    _record(db_url, (2, 2, 3, 4, 4), TODAY)
    shown = _history(db_url, "--days", "2")
    assert [e["day"] for e in shown] == [(TODAY - timedelta(days=1)).isoformat(),
                                         TODAY.isoformat()]  # fmt: skip
    assert shown[-1]["baseline_n"] == 7 and shown[-1]["flagged"]
    r = run_cli("readiness", "history", "--days", "0", db=db_url)
    assert r.exit_code == 1 and "days" in r.stderr


def test_a_name_with_brackets_is_printed_as_typed(db_url: str) -> None:
    assert run_cli("athlete", "add", "[bold]Al[/bold]", "--unit", "kg", db=db_url).exit_code == 0
    r = run_cli("readiness", "record", *_args((4, 4, 4, 4, 4)), db=db_url)
    assert r.exit_code == 0, r.stderr
    assert "[bold]Al[/bold], " in r.stdout
