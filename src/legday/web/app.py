"""The application factory: ``create_app(db_url)``; ``legday serve`` runs it under uvicorn.

Routers live beside this module, one per resource. The HTML pages (``legday.web.pages``) are
included when that package is installed beside the API.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from legday import __version__
from legday.web import problems
from legday.web.headers import SecurityHeaders

API = "/api/v1"
# Imports and other uploads larger than this are refused before they are read (ASVS 5.2.1).
MAX_BODY_BYTES = 50 * 1024 * 1024

ROUTER_MODULES: tuple[str, ...] = (
    "legday.web.routes.meta",
    "legday.web.routes.auth",
    "legday.web.routes.me",
    "legday.web.routes.training",
    "legday.web.routes.comments",
    "legday.web.routes.care_links",
    "legday.web.routes.admin",
    "legday.web.routes.roster",
    "legday.web.routes.clients",
    "legday.web.routes.plans",
    "legday.web.routes.assessments",
    "legday.web.routes.exercises",
    "legday.web.routes.reports",
    "legday.web.routes.imports",
    "legday.web.routes.jobs",
    "legday.web.routes.home_sessions",
)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Open the database's pool, then run the background job worker while the server runs
    (one thread per process)."""
    from legday.app.db import open_server_pool

    open_server_pool(app.state.db_url, app.state.read_url)
    worker = None
    if app.state.run_jobs:
        from datetime import timedelta

        from legday.app.db import open_database
        from legday.app.jobs import STALE_AFTER, Worker
        from legday.web.jobs import HANDLERS

        # LEGDAY_JOB_STALE_SECONDS: how long a job's worker may stay silent before another
        # takes the job back (the kill -9 test shortens it).
        stale = os.environ.get("LEGDAY_JOB_STALE_SECONDS")
        worker = Worker(
            open_database(app.state.db_url, read_url=app.state.read_url),
            HANDLERS,
            timedelta(seconds=float(stale)) if stale else STALE_AFTER,
        )
        worker.start()
    try:
        yield
    finally:
        if worker is not None:
            worker.stop()


def create_app(
    db_url: str | None = None, read_url: str | None = None, *, run_jobs: bool = True
) -> FastAPI:
    """The legday server for the database at ``db_url`` (default: LEGDAY_DATABASE_URL, else the
    data folder's file, as the CLI), reading rosters, reports and analysis from the streaming
    replica at ``read_url`` when there is one (default: LEGDAY_READ_DATABASE_URL). With
    ``run_jobs`` a worker thread runs background jobs while the app is served."""
    app = FastAPI(
        lifespan=_lifespan,
        title="legday",
        version=__version__,
        summary="Evidence-based leg training for clubs and clinics.",
        openapi_url=f"{API}/openapi.json",
        docs_url=None,  # Swagger UI needs inline script and a CDN: the CSP refuses both
        redoc_url=None,
        max_body_size=MAX_BODY_BYTES,
    )
    app.state.db_url = db_url or os.environ.get("LEGDAY_DATABASE_URL") or None
    app.state.read_url = read_url or os.environ.get("LEGDAY_READ_DATABASE_URL") or None
    app.state.run_jobs = run_jobs
    problems.install(app)
    app.add_middleware(SecurityHeaders)
    for name in ROUTER_MODULES:
        app.include_router(importlib.import_module(name).router)
    pages = _pages_router()
    if pages is not None:
        app.include_router(pages)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def api_routes(app: FastAPI) -> list[APIRoute]:
    """Every endpoint of the app, routers included (the route x role matrix walks this)."""
    found: list[APIRoute] = []

    def walk(routes: Any, prefix: str) -> None:
        for r in routes:
            if isinstance(r, APIRoute):
                found.append(r)
            elif hasattr(r, "original_router"):
                walk(r.original_router.routes, prefix + r.include_context.prefix)

    walk(app.routes, "")
    return found


def _pages_router() -> Any:
    try:
        module = importlib.import_module("legday.web.pages")
    except ModuleNotFoundError as exc:
        if exc.name not in ("legday.web.pages", "legday.web"):
            raise
        return None
    return getattr(module, "router", None)


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document (OpenAPI 3.1) with the Problem schema every error answer refers to."""
    if app.openapi_schema is None:
        doc = get_openapi(
            title=app.title,
            version=app.version,
            summary=app.summary,
            routes=app.routes,
        )
        doc["paths"] = {p: v for p, v in doc.get("paths", {}).items() if p.startswith(API)}
        schemas = doc.setdefault("components", {}).setdefault("schemas", {})
        problem = problems.Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(problem.pop("$defs", {}))
        schemas["Problem"] = problem
        app.openapi_schema = doc
    return app.openapi_schema
