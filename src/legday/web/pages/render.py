"""Jinja2 rendering of the pages: templates and filters in the athlete's unit and time zone."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from legday.domain.units import Unit, display_mass, format_mass

if TYPE_CHECKING:
    from fastapi import Request
    from fastapi.responses import HTMLResponse
    from jinja2 import Environment


@lru_cache(maxsize=1)
def environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("legday.web", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["mass"] = _mass
    env.filters["mass_value"] = _mass_value
    env.filters["clock"] = _clock
    env.filters["exercise_name"] = _exercise_name
    return env


def _exercise_name(exercise_id: str) -> str:
    """The catalog's name for an id (the id itself when the catalog does not know it)."""
    from legday.domain.catalog.registry import load

    catalog = load()
    return catalog.get(exercise_id).name if exercise_id in catalog else exercise_id


def _mass(value_kg: float | None, unit: Unit, digits: int = 2) -> str:
    return format_mass(value_kg, unit, digits)


def _mass_value(value_kg: float | None, unit: Unit, digits: int = 2) -> str:
    """The number alone, for a form field (empty for none)."""
    shown = display_mass(value_kg, unit, digits)
    return "" if shown is None else f"{shown:g}"


def zone(name: str | None) -> ZoneInfo:
    """The user's time zone; UTC when none is known or the name is not a zone."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _clock(when: datetime | None, tz: str | None = None) -> str:
    if when is None:
        return "—"
    aware = when if when.tzinfo else when.replace(tzinfo=ZoneInfo("UTC"))
    return aware.astimezone(zone(tz)).strftime("%Y-%m-%d %H:%M")


def render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """A full page (or, for an htmx request, the template's ``content`` block alone)."""
    from fastapi.responses import HTMLResponse

    env = environment()
    tmpl = env.get_template(template)
    ctx = {"request": request, "path": request.url.path, **context}
    found = getattr(request.state, "principal", None)
    ctx.setdefault("csrf_token", getattr(found, "csrf_token", None) or "")
    ctx.setdefault("user", getattr(request.state, "viewer", None))
    if request.headers.get("HX-Request") == "true" and "content" in tmpl.blocks:
        html = "".join(tmpl.blocks["content"](tmpl.new_context(ctx)))
    else:
        html = tmpl.render(ctx)
    return HTMLResponse(html, status_code=status_code)
