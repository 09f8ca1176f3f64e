"""`legday serve`: the club and clinic server (FastAPI on uvicorn, from the ``server`` extra)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from legday.cli.common import console, fail, state

# The factory uvicorn imports in each worker process (workers cannot share an app object).
APP_FACTORY = "legday.web.app:create_app"

# The connections a server process keeps open, unless the admin sets these variables. A request
# thread that finds the pool empty opens a connection and closes it after the request; on
# PostgreSQL that is a new server process each time, and at 200 logged sets/s with the CLI's
# default (5 kept) it made the p99 745 ms instead of 123 (docs/server.md#cost-of-a-set). Four
# workers × 20 stay under PostgreSQL's default max_connections of 100.
SERVER_POOL = {"LEGDAY_DB_POOL_SIZE": "16", "LEGDAY_DB_MAX_OVERFLOW": "4"}


def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (a proxy with TLS in front).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="Database URL (overrides the global --db and LEGDAY_DATABASE_URL)."
        ),
    ] = None,
    read_db: Annotated[
        str | None,
        typer.Option(
            "--read-db",
            help="A PostgreSQL streaming replica for coach rosters, reports and analysis "
            "(default: LEGDAY_READ_DATABASE_URL).",
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", min=1, max=64, help="Worker processes (PostgreSQL: about 2 per core)."
        ),
    ] = 1,
    proxy_headers: Annotated[
        bool,
        typer.Option(
            "--proxy-headers/--no-proxy-headers",
            help="Trust X-Forwarded-Proto/For from a reverse proxy on this machine.",
        ),
    ] = True,
) -> None:
    """Run the server for clubs and clinics (the REST API under /api/v1 and the pages)."""
    try:
        import uvicorn
    except ModuleNotFoundError:
        fail("the server needs its extra: pip install 'legday[server]'")
    for var, value in SERVER_POOL.items():  # before any engine is made, in every worker
        os.environ.setdefault(var, value)
    from legday.app.db import open_database
    from legday.app.sqlite_writers import SHARED_WRITERS_ENV

    replica = read_db or os.environ.get("LEGDAY_READ_DATABASE_URL") or None
    # Migrate a new database, refuse an old or foreign one (and a replica behind it) now.
    opened = open_database(db or state.db_url, read_url=replica)
    url = opened.url
    opened.dispose()
    if replica:
        os.environ["LEGDAY_READ_DATABASE_URL"] = replica
    if workers > 1 and url.startswith("sqlite") and ":memory:" in url:
        fail("an in-memory SQLite database cannot be shared by several workers")
    os.environ["LEGDAY_DATABASE_URL"] = url  # every worker process opens the same database
    if workers > 1 and url.startswith("sqlite"):
        os.environ[SHARED_WRITERS_ENV] = "1"  # their writers queue on one lock file
    console().print(f"legday serving on http://{host}:{port} ({workers} worker(s))")
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=proxy_headers,
        forwarded_allow_ips="127.0.0.1",
        server_header=False,
        # loop and http stay "auto": uvloop and httptools (the extra) when installed, else
        # asyncio and h11
        log_level="warning",
    )


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
