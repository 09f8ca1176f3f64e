"""The gym page with a plan: the prescription with its why, a set logged in two taps, the next set
pre-filled, a record announced, plates shown, and the page readable at both widths."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from legday.app.db import Database
from tests.web.pages.browser import axe_violations, browser, screenshots, serve
from tests.web.pages.recorder import Recorder, make_app

pytestmark = pytest.mark.browser


def with_plan(db: Database, athlete_id: int) -> None:
    """A Strong export (history with squats and presses) and a 3-day strength plan from today."""
    from legday.app import importing, planning
    from tests.conftest import samples_dir

    sample = (
        samples_dir() / "strong" / "strong_2025_workoutnum_semicolon_resttimer_note_letters.csv"
    )
    importing.import_bytes(
        db, db.local_actor(), athlete_id, importing.read_file(sample), str(sample)
    )
    today = date.today()
    layer = {
        "goals": ["strength"],
        "days": 3,
        "minutes": 45,
        "equipment": "barbell,dumbbell,machine,bench",
        "weeks": 8,
        "start": today,
    }
    planning.generate(db, db.local_actor(), athlete_id, layer, today=today)


def page_data(db_url: str) -> Any:
    from legday.app.db import open_database
    from legday.app.gym_page import load_page

    db = open_database(db_url)
    return load_page(db, db.local_actor(), 1, date.today())


def test_a_prescribed_set_is_logged_in_two_taps(tmp_path: Path) -> None:
    recorder = Recorder()
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    app = make_app(url, recorder, prepare=with_plan)
    expected = page_data(url)
    # the first prescribed working set with a load: what the two taps must log
    k, item, target = next(
        (k, i, st)
        for k, i in enumerate(expected.items)
        if i["kind"] != "warmup"
        for st in i["sets"]
        if st["load_kg"] and st["reps"]
    )
    with serve(app) as base, browser() as b:
        page = b.new_page(viewport={"width": 360, "height": 740})
        page.goto(f"{base}/train")
        assert expected.title[1:] in page.locator("#plan-heading").inner_text()
        assert item["why"] in page.locator(".prescription").inner_text()
        buttons = page.locator(f'.targets[data-item="{k}"] button[data-fill]')
        buttons.nth(target["set"] - 1).click()  # tap 1: the form takes the prescribed set
        page.get_by_test_id("log-set").click()  # tap 2
        row = page.get_by_test_id("set-row").first
        row.wait_for()
        load = f"{target['load_kg']:g} kg × {target['reps']}"
        assert load in row.inner_text()
        expect(page.locator("li.pending-row")).to_have_count(0)  # acknowledged by the sync
        (sent,) = recorder.sets.values()
        assert (sent["exercise_id"], sent["load_kg"], sent["reps"]) == (
            item["exercise_id"],
            target["load_kg"],
            target["reps"],
        )
        # the next set of that exercise is already in the form; the rest countdown runs
        if len(item["sets"]) > target["set"]:
            nxt = item["sets"][target["set"]]
            form = page.get_by_test_id("set-form")
            assert form.locator("[name=reps]").input_value() == str(nxt["reps"])
        if item["rest_s"]:
            assert re.fullmatch(r"\d+:\d\d", page.locator("#rest-left").inner_text())
            assert page.locator("#rest-left").inner_text() != "0:00"


def test_a_heavier_set_than_ever_is_announced(tmp_path: Path) -> None:
    recorder = Recorder()
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    app = make_app(url, recorder, prepare=with_plan)
    bests = page_data(url).bests_kg
    exercise, best = max(bests.items(), key=lambda kv: kv[1])
    with serve(app) as base, browser() as b:
        page = b.new_page(viewport={"width": 360, "height": 740})
        page.goto(f"{base}/train")
        form = page.get_by_test_id("set-form")
        form.locator("[name=exercise]").fill(exercise)
        form.locator("[name=load]").fill(f"{best:g}")  # equal to the best: no record
        form.locator("[name=reps]").fill("1")
        page.get_by_test_id("log-set").click()
        page.get_by_test_id("set-row").first.wait_for()
        assert page.locator("#record").is_hidden()
        form.locator("[name=load]").fill(f"{best + 2.5:g}")
        form.locator("[name=reps]").fill("1")
        page.get_by_test_id("log-set").click()
        page.locator("#record").wait_for()
        assert "New record" in page.locator("#record").inner_text()
        assert f"{round(best, 2):g} kg" in page.locator("#record").inner_text()


def test_the_planned_gym_page_at_phone_and_desktop_width(tmp_path: Path) -> None:
    app = make_app(f"sqlite:///{tmp_path / 'db.sqlite'}", Recorder(), prepare=with_plan)
    with serve(app) as base, browser() as b:
        page = b.new_page(bypass_csp=True)
        page.goto(f"{base}/train")
        screenshots(page, "train-plan")
        assert axe_violations(page) == []
