"""`legday serve` on SQLite: writers of several workers queue on a lock file, one worker's do not
need it (and a person's own commands never make it)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from legday.app.db import forget_open_databases
from legday.app.sqlite_writers import SHARED_WRITERS_ENV
from legday.cli.main import app
from legday.cli.serve_cmd import SERVER_POOL


def _serve_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> str | None:
    """The shared-writers setting the workers would start with."""
    import uvicorn

    seen: dict[str, str | None] = {}

    def run(*_a: Any, **_kw: Any) -> None:  # the server itself is tested in tests/web
        seen["shared"] = os.environ.get(SHARED_WRITERS_ENV)

    monkeypatch.setattr(uvicorn, "run", run)
    # serve sets these in os.environ for its workers: recorded here so they are undone after
    for var in ("LEGDAY_DATABASE_URL", SHARED_WRITERS_ENV, *SERVER_POOL):
        monkeypatch.setenv(var, "")
        monkeypatch.delenv(var)
    url = f"sqlite:///{tmp_path / 'club.db'}"
    try:
        result = CliRunner().invoke(app, ["--db", url, "serve", "--port", "8123", *args])
    finally:
        forget_open_databases()
    assert result.exit_code == 0, result.output
    return seen["shared"]


def test_several_sqlite_workers_share_the_writer_lock_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _serve_env(tmp_path, monkeypatch, "--workers", "2") == "1"


def test_one_worker_needs_no_lock_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _serve_env(tmp_path, monkeypatch) is None
    assert not (tmp_path / "club.db-writer").exists()
