"""The gym page's outbox in a real browser, against a recording sync endpoint.

The page, its service worker and its scripts are the real ones; the sync endpoint here is a
recorder written for this test (it answers like the server's contract: created | duplicate |
updated | deleted, or 401 when told to), so the phone side can be checked on its own: what is kept
offline, what survives a reload without signal, what a 401 keeps, and that a set edited or deleted
before it was sent reaches the server as one create or not at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.web.pages.browser import axe_violations, browser, screenshots, serve
from tests.web.pages.recorder import Recorder, log_set, make_app

pytestmark = pytest.mark.browser


def wait_offline_ready(page: Any) -> None:
    """The service worker controls the page and holds a copy of it."""
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null")
    page.wait_for_selector("html[data-offline-ready]", state="attached", timeout=15_000)


def test_offline_sets_survive_a_reload_and_a_401_then_arrive_once(tmp_path: Path) -> None:
    recorder = Recorder()
    app = make_app(f"sqlite:///{tmp_path / 'db.sqlite'}", recorder)
    with serve(app) as base, browser() as b:
        context = b.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        page.goto(f"{base}/train")
        wait_offline_ready(page)
        pending = page.get_by_test_id("pending-count")
        assert pending.inner_text() == "0"

        context.set_offline(True)
        log_set(page, "back-squat", "100", "5")
        log_set(page, "back-squat", "102.5", "5")
        log_set(page, "Romanian deadlift", "80", "8")  # a name: the page maps it to its id
        page.wait_for_function(
            "document.querySelector('[data-testid=pending-count]').textContent === '3'"
        )
        assert page.get_by_test_id("set-row").count() == 3
        assert recorder.batches == []

        page.reload()  # without signal: the service worker's copy, the rows from the outbox
        page.wait_for_function("document.querySelectorAll('[data-testid=set-row]').length === 3")
        assert pending.inner_text() == "3"
        rows = page.get_by_test_id("set-row").all_inner_texts()
        assert any("102.5 kg × 5" in r for r in rows), rows

        # signed out meanwhile: the sets stay on the phone and the page says how many
        recorder.signed_out = True
        context.set_offline(False)
        page.evaluate("window.dispatchEvent(new Event('online'))")
        page.wait_for_selector("text=Sign in to send 3 sets")
        assert pending.inner_text() == "3"
        assert recorder.sets == {}

        recorder.signed_out = False
        page.evaluate("window.legdayOutbox.flush()")
        page.wait_for_function(
            "document.querySelector('[data-testid=pending-count]').textContent === '0'"
        )
        assert len(recorder.sets) == 3
        stored = sorted((s["exercise_id"], s["load_kg"], s["reps"]) for s in recorder.sets.values())
        assert stored == [
            ("back-squat", 100, 5),
            ("back-squat", 102.5, 5),
            ("romanian-deadlift", 80, 8),
        ]
        sessions = {s["client_session_id"] for s in recorder.sets.values()}
        assert len(sessions) == 1
        context.close()


def test_an_edit_or_delete_before_sending_folds_into_the_queue(tmp_path: Path) -> None:
    recorder = Recorder()
    app = make_app(f"sqlite:///{tmp_path / 'db.sqlite'}", recorder, unit="lb")
    with serve(app) as base, browser() as b:
        context = b.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        page.goto(f"{base}/train")
        wait_offline_ready(page)
        context.set_offline(True)
        log_set(page, "back-squat", "225", "5")
        log_set(page, "back-squat", "235", "3")
        rows = page.get_by_test_id("set-row")
        rows.nth(0).get_by_role("button", name="Edit").first.click()
        page.get_by_test_id("set-form").locator("[name=reps]").fill("6")
        page.get_by_test_id("log-set").click()
        rows.nth(1).get_by_role("button", name="Delete").first.click()
        page.wait_for_function("document.querySelectorAll('[data-testid=set-row]').length === 1")
        assert page.get_by_test_id("pending-count").inner_text() == "1"
        context.set_offline(False)
        page.evaluate("window.legdayOutbox.flush()")
        page.wait_for_function(
            "document.querySelector('[data-testid=pending-count]').textContent === '0'"
        )
        # one create with the edited values, the deleted set never sent
        assert [op["op"] for batch in recorder.batches for op in batch] == ["create"]
        (only,) = recorder.sets.values()
        assert only["reps"] == 6
        assert only["load_kg"] == pytest.approx(225 * 0.45359237, abs=1e-3)
        context.close()


def test_the_gym_page_reads_well_at_phone_and_desktop_width(tmp_path: Path) -> None:
    recorder = Recorder()
    app = make_app(f"sqlite:///{tmp_path / 'db.sqlite'}", recorder)
    with serve(app) as base, browser() as b:
        page = b.new_page(bypass_csp=True)
        page.goto(f"{base}/train")
        screenshots(page, "train-empty")
        assert axe_violations(page) == []
