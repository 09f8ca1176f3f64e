"""The athlete's own things: the profile that sets the unit (kg/lb), age and sex the norms need
(``/profile``), the daily readiness check-in (``/readiness``) and the export of everything stored
(``/export.json``, ``/export.csv``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from legday.domain.errors import InvalidInput, LegdayError
from legday.web.deps import COOKIE, client_ip, database
from legday.web.pages.render import render, zone
from legday.web.pages.viewer import Viewer, require_viewer
from legday.web.words import for_page

router = APIRouter(include_in_schema=False)


def _me(request: Request, viewer: Viewer) -> Any:
    from legday.app import athletes

    return athletes.show(database(request), viewer.actor, viewer.athlete_id)


@router.get("/profile")
async def profile_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    me = await run_in_threadpool(_me, request, viewer)
    return render(request, "profile.html", {"me": me, "error": None, "saved": False})


@router.post("/profile")
async def profile_save(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    from legday.app import athletes
    from legday.domain.units import Unit, to_kg

    form = await request.form()

    def text(key: str) -> str | None:
        value = str(form.get(key) or "").strip()
        return value or None

    def save() -> None:
        unit = text("unit") or "kg"
        if unit not in ("kg", "lb"):
            raise InvalidInput(f"unit {unit!r} is not known", "kg or lb")
        born = text("birth_date")
        mass = text("body_mass")
        try:
            birth = date.fromisoformat(born) if born else None
            # the mass is typed in the unit the form was shown in, not the one being chosen
            typed_in: Unit = "lb" if text("mass_unit") == "lb" else "kg"
            body = to_kg(float(mass.replace(",", ".")), typed_in) if mass else None
        except ValueError:
            raise InvalidInput("the birth date or the body mass is not readable",
                               "a date as YYYY-MM-DD and a mass as a number") from None  # fmt: skip
        fields = athletes.AthleteFields(
            birth_date=birth, sex=text("sex"), body_mass_kg=body, level=text("level"), unit=unit
        )
        athletes.edit(database(request), viewer.actor, viewer.athlete_id, fields)

    try:
        await run_in_threadpool(save)
    except LegdayError as exc:
        me = await run_in_threadpool(_me, request, viewer)
        error = for_page(exc)
        return render(request, "profile.html", {"me": me, "error": error, "saved": False}, 400)
    me = await run_in_threadpool(_me, request, viewer)
    return render(request, "profile.html", {"me": me, "error": None, "saved": True})


@router.get("/readiness")
async def readiness_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    from legday.app.readiness import instrument

    inst = instrument().as_json()
    return render(request, "readiness.html", {"inst": inst, "result": None, "error": None})


@router.post("/readiness")
async def readiness_record(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    from legday.app.readiness import instrument, record

    inst = instrument().as_json()
    form = await request.form()
    today = datetime.now(zone(viewer.time_zone)).date()

    def save() -> dict[str, Any]:
        items: dict[str, int] = {}
        for key in inst["items"]:
            raw = str(form.get(key) or "")
            if raw:
                if not raw.isdigit():
                    raise InvalidInput(f"{key} {raw!r} is not a rating", "1 to 5")
                items[key] = int(raw)
        done = record(database(request), viewer.actor, viewer.athlete_id, items, day=today)
        return done.as_json()

    try:
        result = await run_in_threadpool(save)
    except LegdayError as exc:
        error = for_page(exc)
        return render(
            request, "readiness.html", {"inst": inst, "result": None, "error": error}, 400
        )
    return render(request, "readiness.html", {"inst": inst, "result": result, "error": None})


async def _export(request: Request, viewer: Viewer, fmt: str, media: str) -> Response:
    from legday.app.exporting import export_athlete

    def build() -> Any:
        return export_athlete(database(request), viewer.actor, viewer.athlete_id, fmt)

    result = await run_in_threadpool(build)
    return Response(
        result.text,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="legday-export.{fmt}"'},
    )


@router.get("/export.json")
async def export_json(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    return await _export(request, viewer, "json", "application/json")


@router.get("/export.csv")
async def export_csv(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    return await _export(request, viewer, "csv", "text/csv; charset=utf-8")


@router.get("/account/export.zip")
async def account_zip(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    """The whole account as one zip (the server's account export: JSON, CSV and the plan's .ics)."""
    from legday.app.account_export import export_account

    data = await run_in_threadpool(
        export_account, database(request), viewer.actor, client_ip(request)
    )
    return Response(
        data,
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="legday-export.zip"'},
    )


@router.post("/account/delete")
async def account_delete(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    """Delete the account after the password is given again; then back to the sign-in page."""
    from legday.app.accounts import delete_account

    form = await request.form()
    password = str(form.get("password") or "")
    try:
        await run_in_threadpool(
            delete_account, database(request), viewer.actor, password, client_ip(request)
        )
    except LegdayError as exc:
        me = await run_in_threadpool(_me, request, viewer)
        error = for_page(exc)
        ctx = {"me": me, "error": error, "saved": False}
        return render(request, "profile.html", ctx, status_code=400)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/", secure=True, httponly=True, samesite="lax")
    return response
