"""Offline logging against the real server (its app factory, session cookie, CSRF check and
``POST /api/v1/sync``): go offline, log 3 sets, reload without signal, come back — exactly 3 sets
are stored; the same batch sent again still leaves 3."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from tests.web.pages.browser import account_with_history, browser, serve, sign_in
from tests.web.pages.recorder import log_set

pytestmark = pytest.mark.browser


def stored_sets(url: str, actor: Any) -> list[tuple[str, float | None, int | None, str]]:
    from legday.app.db import open_database
    from legday.store.models import SetEntry, TrainingSession

    db = open_database(url)
    with db.read(actor) as s:
        rows = s.execute(
            select(SetEntry.exercise_id, SetEntry.load_kg, SetEntry.reps, TrainingSession.source)
            .join(TrainingSession, SetEntry.session_id == TrainingSession.id)
            .order_by(SetEntry.id)
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def stored_sessions(url: str, actor: Any) -> int:
    from legday.app.db import open_database
    from legday.store.models import TrainingSession

    with open_database(url).read(actor) as s:
        return int(s.scalar(select(func.count()).select_from(TrainingSession)) or 0)


def test_three_sets_logged_offline_are_stored_exactly_once(tmp_path: Path) -> None:
    from legday.web.app import create_app

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    actor = account_with_history(url, "ada@example.org", "Ada", None)
    app = create_app(url)
    batches: list[str] = []
    with serve(app) as base, browser() as b:
        context = b.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        page.on(
            "request",
            lambda r: batches.append(r.post_data or "") if r.url.endswith("/api/v1/sync") else None,
        )
        sign_in(page, base, "ada@example.org")
        page.wait_for_selector("html[data-offline-ready]", state="attached", timeout=15_000)

        context.set_offline(True)
        log_set(page, "back-squat", "100", "5")
        log_set(page, "back-squat", "100", "5")
        log_set(page, "romanian-deadlift", "80", "8")
        expect(page.get_by_test_id("pending-count")).to_have_text("3")
        page.reload()
        expect(page.get_by_test_id("set-row")).to_have_count(3)
        assert page.get_by_test_id("pending-count").inner_text() == "3"
        assert stored_sets(url, actor) == []

        context.set_offline(False)
        page.evaluate("window.dispatchEvent(new Event('online'))")
        expect(page.get_by_test_id("pending-count")).to_have_text("0", timeout=15_000)
        expected = [
            ("back-squat", 100.0, 5, "web"),
            ("back-squat", 100.0, 5, "web"),
            ("romanian-deadlift", 80.0, 8, "web"),
        ]
        assert stored_sets(url, actor) == expected
        assert stored_sessions(url, actor) == 1  # one gym session: one phone session id

        # the batch that went through, sent again (a phone that never heard the answer)
        sent = [json.loads(x) for x in batches if x]
        full = next(d for d in sent if len(d["ops"]) == 3)
        answer = page.evaluate(
            """async (body) => {
                const token = document.querySelector('meta[name=csrf-token]').content;
                const r = await fetch('/api/v1/sync', {method: 'POST', body: JSON.stringify(body),
                  headers: {'Content-Type': 'application/json', 'X-CSRF-Token': token}});
                return await r.json();
            }""",
            full,
        )
        assert [r["status"] for r in answer["results"]] == ["duplicate"] * 3
        assert stored_sets(url, actor) == expected

        # online again after a reload, the rows come from the server, not the outbox
        page.reload()
        assert page.get_by_test_id("set-row").count() == 3
        assert page.get_by_test_id("pending-count").inner_text() == "0"
        context.close()
