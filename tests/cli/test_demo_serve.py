"""`legday demo --serve`: the demo database gets logins for an athlete, a coach and a physio, each
showing their pages; the server itself is `legday serve` (tested with the server)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.helpers import run_cli


def test_demo_serve_prints_logins_that_open_every_role_s_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.web.conftest import new_client

    import legday.cli.demo_cmd as demo_cmd
    from legday.web.app import create_app

    served: list[tuple[Any, ...]] = []
    monkeypatch.setattr(demo_cmd, "_serve", lambda *a: served.append(a))
    out = tmp_path / "demo"
    r = run_cli("demo", "--out", str(out), "--json", "--serve", "--port", "8123")
    assert r.exit_code == 0, r.stderr
    doc = r.json()
    assert served == [(out / "demo.db", "127.0.0.1", 8123)]
    logins = {x["role"]: x for x in doc["logins"][:3]}
    assert set(logins) == {"athlete", "coach", "physio"}

    app = create_app(f"sqlite:///{out / 'demo.db'}")
    for role, login in logins.items():
        client = new_client(app)
        signed = client.post(
            "/login",
            data={"email": login["email"], "password": login["password"], "next": "/dashboard"},
            follow_redirects=False,
        )
        assert signed.status_code == 303, (role, signed.text)
        page = client.get("/dashboard" if role == "athlete" else "/roster")
        assert page.status_code == 200, (role, page.text)
        for name in login["sees"]:
            assert name in page.text, (role, name)
