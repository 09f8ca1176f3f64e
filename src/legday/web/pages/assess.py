"""Assessment entry: any test of the registry on one form built from its inputs, answered with the
rating against its norm band and the source (``/assess``); the STEADI fall-risk battery —
screening questions, Timed Up and Go, 30-second chair stand, 4-stage balance — on one screen for
the clinic (``/assess/steadi``), answered with the STEADI findings. A coach or physio enters tests
for an athlete whose accepted link lets them log (``?athlete=ID``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from legday.domain.errors import InvalidInput, LegdayError
from legday.web.deps import database
from legday.web.pages.render import render, zone
from legday.web.pages.viewer import Viewer, require_viewer
from legday.web.words import for_page

router = APIRouter(include_in_schema=False)

STEADI_TESTS = ("steadi-screen", "tug", "chair-stand-30s", "four-stage-balance")


def _tests() -> list[Any]:
    from legday.domain.assess.registry import all_tests

    return [t for t in all_tests() if t.id != "readiness"]


def _spec(test_id: str) -> Any:
    from legday.domain.assess.registry import get

    return get(test_id)


def _target(request: Request, viewer: Viewer, athlete: int | None) -> tuple[int, str]:
    from legday.app import athletes

    aid = athlete or viewer.athlete_id
    return aid, athletes.show(database(request), viewer.actor, aid).name


def _values(form: Any, spec: Any, prefix: str = "") -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, inp in spec.inputs.items():
        raw = str(form.get(prefix + key) or "").strip()
        if not raw:
            continue
        if inp.choices:
            values[key] = raw
            continue
        try:
            number = float(raw.replace(",", "."))
        except ValueError:
            raise InvalidInput(f"{inp.help or key}: {raw!r} is not a number") from None
        values[key] = int(number) if inp.integer and number.is_integer() else number
    return values


def _day(text: str, viewer: Viewer) -> date:
    if not text.strip():
        return datetime.now(zone(viewer.time_zone)).date()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{text!r} is not a date", "YYYY-MM-DD") from None


@router.get("/assess")
async def assess_page(
    request: Request,
    viewer: Annotated[Viewer, Depends(require_viewer)],
    test: str = "chair-stand-30s",
    athlete: int | None = None,
) -> Response:
    aid, name = await run_in_threadpool(_target, request, viewer, athlete)
    ctx = {"tests": _tests(), "spec": _spec(test), "athlete_id": aid, "athlete_name": name,
           "result": None, "error": None}  # fmt: skip
    return render(request, "assess.html", ctx)


@router.post("/assess")
async def assess_record(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    from legday.app.assess import record

    form = await request.form()
    athlete = int(str(form.get("athlete") or viewer.athlete_id))
    aid, name = await run_in_threadpool(_target, request, viewer, athlete)
    spec = _spec(str(form.get("test") or ""))
    ctx: dict[str, Any] = {"tests": _tests(), "spec": spec, "athlete_id": aid,
                           "athlete_name": name, "result": None, "error": None}  # fmt: skip
    try:
        values = _values(form, spec)
        taken = _day(str(form.get("taken_on") or ""), viewer)
        recorded = await run_in_threadpool(
            lambda: record(
                database(request),
                viewer.actor,
                aid,
                spec.id,
                values,
                taken_on=taken,
                confirm=bool(form.get("confirm")),
            )
        )
    except LegdayError as exc:
        ctx["error"] = for_page(exc)
        return render(request, "assess.html", ctx, status_code=400)
    ctx["result"] = recorded.as_json()
    return render(request, "assess.html", ctx)


@router.get("/assess/steadi")
async def steadi_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], athlete: int | None = None
) -> Response:
    aid, name = await run_in_threadpool(_target, request, viewer, athlete)
    ctx = {"specs": [_spec(t) for t in STEADI_TESTS], "athlete_id": aid, "athlete_name": name,
           "findings": None, "recorded": [], "error": None}  # fmt: skip
    return render(request, "steadi.html", ctx)


@router.post("/assess/steadi")
async def steadi_record(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    from legday.app.analytics import analyze
    from legday.app.assess import record

    form = await request.form()
    athlete = int(str(form.get("athlete") or viewer.athlete_id))
    aid, name = await run_in_threadpool(_target, request, viewer, athlete)
    specs = [_spec(t) for t in STEADI_TESTS]
    ctx: dict[str, Any] = {"specs": specs, "athlete_id": aid, "athlete_name": name,
                           "findings": None, "recorded": [], "error": None}  # fmt: skip
    db = database(request)

    def enter() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        taken = _day(str(form.get("taken_on") or ""), viewer)
        done = []
        for spec in specs:
            values = _values(form, spec, f"{spec.id}.")
            if not values:
                continue  # a test not done today is left out, not stored empty
            done.append(record(db, viewer.actor, aid, spec.id, values, taken_on=taken).as_json())
        if not done:
            raise InvalidInput("nothing was entered", "answer the questions or enter a test")
        screening = analyze(db, viewer.actor, aid).screening
        findings = [f.as_json() for f in screening.findings if f.source == "STEADI"]
        return done, findings

    try:
        ctx["recorded"], ctx["findings"] = await run_in_threadpool(enter)
    except LegdayError as exc:
        ctx["error"] = for_page(exc)
        return render(request, "steadi.html", ctx, status_code=400)
    return render(request, "steadi.html", ctx)
