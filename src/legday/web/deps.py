"""Dependencies every route shares: the database, and who is asking.

The pages (legday.web.pages) reuse ``current_actor`` / ``optional_actor`` so that the HTML and the
API authenticate the same way.
"""

from __future__ import annotations

from fastapi import Request

from legday.app.db import Database, open_database


def database(request: Request) -> Database:
    """The server's database, opened once per process (schema checked on first use)."""
    return open_database(request.app.state.db_url)
