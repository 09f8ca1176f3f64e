"""A test app for the phone side of the gym page: the real pages router and database, a viewer
set by dependency override, and a sync endpoint that records what it is sent and answers like
the server's contract (created | duplicate | updated | deleted, or 401 when told to)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from legday.app.db import Database


class Recorder:
    """The sync contract's answers, kept in memory: the ops received and the sets they leave."""

    def __init__(self) -> None:
        self.batches: list[list[dict[str, Any]]] = []
        self.sets: dict[str, dict[str, Any]] = {}
        self.signed_out = False

    def answer(self, ops: list[dict[str, Any]]) -> list[dict[str, str]]:
        self.batches.append(ops)
        out = []
        for op in ops:
            cid = op["client_id"]
            if op["op"] == "create":
                status = "duplicate" if cid in self.sets else "created"
                self.sets.setdefault(cid, op)
            elif op["op"] == "update":
                self.sets[cid] = {**self.sets.get(cid, {}), **op}
                status = "updated"
            else:
                self.sets.pop(cid, None)
                status = "deleted"
            out.append({"client_id": cid, "status": status})
        return out


def make_app(
    db_url: str,
    recorder: Recorder,
    unit: str = "kg",
    prepare: Callable[[Database, int], None] | None = None,
) -> Any:
    """The test app; ``prepare(db, athlete_id)`` may add history or a plan for the athlete."""
    from legday.app import athletes
    from legday.app.db import open_database
    from legday.web import pages
    from legday.web.pages.viewer import Viewer, current_viewer

    db = open_database(db_url)
    fields = athletes.AthleteFields(birth_date=date(1990, 1, 1), sex="female", unit=unit)
    athlete_id = athletes.add(db, db.local_actor(), "Ada", fields).id
    if prepare is not None:
        prepare(db, athlete_id)

    app = FastAPI()
    app.state.db_url = db_url
    app.state.read_url = None
    app.include_router(pages.router)

    @app.post("/api/v1/sync")
    async def sync(request: Request) -> JSONResponse:
        if recorder.signed_out:
            return JSONResponse({"title": "sign in"}, status_code=401)
        doc = await request.json()
        return JSONResponse({"results": recorder.answer(doc["ops"])})

    viewer = Viewer(db.local_actor(), "ada@example.org", "Ada", athlete_id, "Europe/Berlin")
    app.dependency_overrides[current_viewer] = lambda: viewer
    return app


def log_set(page: Any, exercise: str, load: str, reps: str) -> None:
    form = page.get_by_test_id("set-form")
    form.locator("[name=exercise]").fill(exercise)
    form.locator("[name=load]").fill(load)
    form.locator("[name=reps]").fill(reps)
    page.get_by_test_id("log-set").click()
