"""A large history import in a real browser: the preview and the commit become background jobs
(the page polls the preview, then shows what the file holds); the import's page shows
its progress (htmx polls it every second) and, when finished, what was stored; exactly the
generated sets are in the database; another account's job answers 404."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.web.pages.browser import (
    account_with_history,
    axe_violations,
    browser,
    screenshots,
    serve,
    sign_in,
)

pytestmark = pytest.mark.browser

EXERCISES = ("Squat (Barbell)", "Romanian Deadlift (Barbell)", "Leg Press")


def strong_csv(days: int, sets_per_exercise: int = 5) -> bytes:
    """A Strong (Android) export with its unit column: one workout a day, each exercise with its
    sets, loads in kg."""
    lines = ["Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
             "Distance Unit;Seconds;Notes;Workout Notes;Workout Duration"]  # fmt: skip
    start = date(2005, 1, 3)
    for d in range(days):
        when = (start + timedelta(days=d)).isoformat() + " 18:00:00"
        for e, name in enumerate(EXERCISES):
            for n in range(1, sets_per_exercise + 1):
                load = 60 + (d % 20) * 2.5 + e * 10
                lines.append(f'{when};"Legs";"{name}";{n};{load};kg;{5 + n % 3};;;;0;"";"";60m')
    return ("\n".join(lines) + "\n").encode()


def test_a_large_file_is_imported_by_a_job_with_progress(tmp_path: Path, db_url: str) -> None:
    from sqlalchemy import create_engine, text

    from legday.web.app import create_app
    from legday.web.pages.imports import LARGE_BYTES

    days = 4000
    data = strong_csv(days)
    assert len(data) > LARGE_BYTES  # the job path, not the waiting one
    upload = tmp_path / "strong_export.csv"
    upload.write_bytes(data)
    url = db_url
    account_with_history(url, "ann@example.org", "Ann", None)
    account_with_history(url, "ben@example.org", "Ben", None)
    with serve(create_app(url)) as base, browser() as b:
        page = b.new_context().new_page()
        sign_in(page, base, "ann@example.org")
        page.goto(f"{base}/import")
        page.get_by_label("Export file").set_input_files(str(upload))
        page.get_by_role("button", name="Show what it holds").click()
        # the preview of a large file is a job too: the page polls it, then shows what it holds
        # (a quick machine may have it read before the first poll: no "Reading …" state to check)
        page.wait_for_url(f"{base}/import/previews/*")
        expect(page.get_by_test_id("sets-new")).to_have_text(str(days * 15), timeout=120_000)
        page.get_by_role("button", name=f"Import {days * 15} sets").click()
        page.wait_for_url(f"{base}/import/jobs/*")
        job_url = page.url
        progress = page.get_by_test_id("job-progress")
        assert progress.get_attribute("data-status") in ("queued", "running")
        expect(page.locator("h1")).to_have_text("Importing strong_export.csv")
        screenshots(page, "import-job-running")
        assert axe_violations(page) == []
        # htmx swaps the progress in while the job runs: watch what it says until it is done
        seen: set[str] = set()
        deadline = time.monotonic() + 180
        running = ("queued", "running")
        while progress.get_attribute("data-status") in running and time.monotonic() < deadline:
            stage = page.get_by_test_id("job-stage")
            if stage.count():
                seen.add(stage.inner_text())
            page.wait_for_timeout(150)
        assert seen, "the page never showed the job running"
        # Which stages a poll catches depends on the machine's speed (a quick import can pass its
        # counted phase between two polls), so only the stage wording is checked here.
        assert all(t.endswith("…") for t in seen), seen
        done = page.get_by_test_id("import-done")
        expect(done).to_contain_text(f"{days} sessions and {days * 15} sets", timeout=30_000)
        screenshots(page, "import-job-done")

        other = b.new_context().new_page()
        sign_in(other, base, "ben@example.org")
        answer = other.goto(job_url)
        assert answer is not None and answer.status == 404
        answer = other.goto(job_url + "/progress")
        assert answer is not None and answer.status == 404

    with create_engine(url).connect() as c:
        stored = c.execute(text("select count(*) from set_entry")).scalar_one()
        status = c.execute(text("select kind, status, error from job")).all()
    assert stored == days * 15
    assert sorted(tuple(r) for r in status) == [
        ("import", "done", None),
        ("import-preview", "done", None),
    ]
