"""The physio's clinic: practice-held client records (``/clients``: list, create with the consent
record; ``/clients/ID``: the client with the STEADI battery, a plan, the home programme and a
claim code), and the home programme of any athlete the viewer may see (``/home-programme``:
adherence and pain per home session with the trend; ``/home-programme/sheet``: the one-page
printed sheet with cues). Foreign ids answer 404 like missing ones; each look at someone else's
home sessions is in their access log."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from legday.domain.access import Scope
from legday.domain.errors import InvalidInput, LegdayError
from legday.web.deps import database
from legday.web.guard import open_athlete
from legday.web.pages.plan_form import plan_layer
from legday.web.pages.render import render, zone
from legday.web.pages.viewer import Viewer, require_viewer
from legday.web.words import for_page

router = APIRouter(include_in_schema=False)

# the plan a physio makes for a client: balance first, then strength (the fall-prevention path
# takes over at the ages and screens docs/evidence/pathways.md#fall-prevention names)
CLIENT_GOALS = ("balance", "strength")


def _message(exc: LegdayError) -> str:
    return for_page(exc)


def _today(viewer: Viewer) -> date:
    return datetime.now(zone(viewer.time_zone)).date()


def _date(text: str, what: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{what} {text!r} is not a date", "YYYY-MM-DD") from None


# ------------------------------------------------------------------------------ client records


async def _clients(request: Request, viewer: Viewer, error: str | None = None,
                   status: int = 200, form: dict[str, str] | None = None) -> Response:  # fmt: skip
    from legday.app.practice import list_clients

    found = await run_in_threadpool(list_clients, database(request), viewer.actor)
    ctx = {"clients": found, "error": error, "form": form or {}, "today": _today(viewer)}
    return render(request, "clients.html", ctx, status_code=status)


@router.get("/clients")
async def clients_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    return await _clients(request, viewer)


@router.post("/clients")
async def clients_create(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    from legday.app.practice import create_client

    form = await request.form()
    typed = {k: str(form.get(k) or "") for k in
             ("name", "birth_date", "sex", "given_on", "purpose", "witness")}  # fmt: skip

    def create() -> int:
        given = _date(typed["given_on"], "the day consent was given")
        if given is None:
            raise InvalidInput("the day consent was given is missing", "a date as YYYY-MM-DD")
        made = create_client(
            database(request),
            viewer.actor,
            typed["name"],
            given_on=given,
            purpose=typed["purpose"],
            witness=typed["witness"],
            birth_date=_date(typed["birth_date"], "the birth date"),
            sex=typed["sex"] or None,
        )
        return made.athlete_id

    try:
        athlete_id = await run_in_threadpool(create)
    except LegdayError as exc:
        return await _clients(request, viewer, _message(exc), 400, typed)
    return RedirectResponse(f"/clients/{athlete_id}", status_code=303)


async def _client(request: Request, viewer: Viewer, athlete_id: int, **extra: Any) -> Response:
    from legday.app.home_programme import load
    from legday.app.practice import list_clients

    db = database(request)

    def read() -> dict[str, Any]:
        held = list_clients(db, viewer.actor, athlete_id)[0]
        return {"client": held, "home": load(db, viewer.actor, athlete_id, _today(viewer))}

    ctx: dict[str, Any] = {"code": None, "expires": None, "error": None, "tz": viewer.time_zone}
    ctx.update(await run_in_threadpool(read))
    ctx.update(extra)
    return render(request, "client.html", ctx, status_code=400 if ctx["error"] else 200)


@router.get("/clients/{athlete_id}")
async def client_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], athlete_id: int
) -> Response:
    return await _client(request, viewer, athlete_id)


@router.post("/clients/{athlete_id}/claim-code")
async def client_claim_code(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], athlete_id: int
) -> Response:
    """A one-time code for the client to take the record into an account of their own; shown
    once, on this answer."""
    from legday.app.practice import claim_code

    issued = await run_in_threadpool(claim_code, database(request), viewer.actor, athlete_id)
    return await _client(request, viewer, athlete_id, code=issued.code, expires=issued.expires_at)


@router.post("/clients/{athlete_id}/plan")
async def client_plan(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], athlete_id: int
) -> Response:
    """The client's plan, made by the physio (their link holds ``write_plan``)."""
    from legday.app.planning import generate
    from legday.app.practice import list_clients

    form = await request.form()
    layer = plan_layer(form, goals=list(CLIENT_GOALS))
    if form.get("knee_oa"):
        layer["limitations"] = ["knee-osteoarthritis"]
    db = database(request)

    def make() -> None:
        list_clients(db, viewer.actor, athlete_id)  # a client record the viewer holds, or 404
        generate(db, viewer.actor, athlete_id, layer, today=_today(viewer))

    try:
        await run_in_threadpool(make)
    except InvalidInput as exc:
        return await _client(request, viewer, athlete_id, error=_message(exc))
    return RedirectResponse(f"/clients/{athlete_id}", status_code=303)


# ------------------------------------------------------------------------------ home programme


def _home(request: Request, viewer: Viewer, athlete: int | None) -> Any:
    from legday.app.home_programme import load

    db = database(request)
    aid = athlete or viewer.athlete_id
    if aid != viewer.athlete_id:
        open_athlete(request, db, viewer.actor, aid, Scope.VIEW_HEALTH, "read home sessions of")
    return load(db, viewer.actor, aid, _today(viewer))


@router.get("/home-programme")
async def home_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], athlete: int | None = None
) -> Response:
    home = await run_in_threadpool(_home, request, viewer, athlete)
    ctx = {"home": home, "error": None, "own": home.athlete_id == viewer.athlete_id}
    return render(request, "home_programme.html", ctx)


@router.post("/home-programme")
async def home_record(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    from legday.app.home_programme import record

    form = await request.form()
    raw_athlete = str(form.get("athlete") or "").strip()
    athlete = int(raw_athlete) if raw_athlete.isdigit() else viewer.athlete_id
    back = "/home-programme" + ("" if athlete == viewer.athlete_id else f"?athlete={athlete}")

    def save() -> None:
        pain_text = str(form.get("pain_during") or "").strip()
        if pain_text and not pain_text.isdigit():
            raise InvalidInput(f"pain {pain_text!r} is not a rating", "a whole number 0 to 10")
        settled = str(form.get("settled") or "")
        record(
            database(request),
            viewer.actor,
            athlete,
            _date(str(form.get("done_on") or ""), "the day") or _today(viewer),
            str(form.get("adherence") or ""),
            int(pain_text) if pain_text else None,
            {"yes": True, "no": False}.get(settled),
            str(form.get("notes") or ""),
            today=_today(viewer),
        )

    try:
        await run_in_threadpool(save)
    except InvalidInput as exc:
        home = await run_in_threadpool(_home, request, viewer, athlete)
        ctx = {"home": home, "error": _message(exc), "own": athlete == viewer.athlete_id}
        return render(request, "home_programme.html", ctx, status_code=400)
    return RedirectResponse(back + "#home-days", status_code=303)


@router.get("/home-programme/sheet")
async def home_sheet(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], athlete: int | None = None
) -> Response:
    """The printable one-page sheet: the exercises with their cues, the home practice, the pain
    rule where it applies and a tick grid for four weeks."""
    home = await run_in_threadpool(_home, request, viewer, athlete)
    return render(request, "home_sheet.html", {"home": home})
