"""`legday serve` keeps a server-sized connection pool unless the admin chose one."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from legday.app.db import forget_open_databases
from legday.cli.main import app
from legday.cli.serve_cmd import SERVER_POOL
from legday.store import engine


def _serve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    import uvicorn

    seen: dict[str, int] = {}

    def run(*_a: Any, **_kw: Any) -> None:  # the server itself is tested in tests/web
        seen.update(engine.pool_settings())

    monkeypatch.setattr(uvicorn, "run", run)
    # serve sets these in os.environ for its workers: recorded here so they are undone after
    for var in ("LEGDAY_DATABASE_URL", *SERVER_POOL):
        monkeypatch.setenv(var, os.environ.get(var, ""))
        if not os.environ[var]:
            monkeypatch.delenv(var)
    url = f"sqlite:///{tmp_path / 'club.db'}"
    try:
        result = CliRunner().invoke(app, ["--db", url, "serve", "--port", "8123"])
    finally:
        forget_open_databases()
    assert result.exit_code == 0, result.output
    return seen


def test_the_server_keeps_more_connections_than_the_cli_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for var in SERVER_POOL:
        monkeypatch.setenv(var, "1")
        monkeypatch.delenv(var)
    assert engine.pool_settings() == {}  # a CLI command: SQLAlchemy's own default
    assert _serve(tmp_path, monkeypatch) == {"pool_size": 16, "max_overflow": 4}


def test_an_admin_s_pool_size_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGDAY_DB_POOL_SIZE", "6")
    monkeypatch.setenv("LEGDAY_DB_MAX_OVERFLOW", "1")
    monkeypatch.delenv("LEGDAY_DB_MAX_OVERFLOW")
    assert _serve(tmp_path, monkeypatch) == {"pool_size": 6, "max_overflow": 4}
