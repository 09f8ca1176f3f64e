"""The page a password-reset link leads to (``/reset-password#CODE``, printed by `legday users
reset-link` or mailed): in a real browser the page's script puts the code from the address into
the form and takes it out of the address bar; the new password works and the old one no longer
does; a used or unknown code is refused with a message, and the form works without script."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from legday.app import password_reset
from legday.app.db import open_database
from tests.web.conftest import BASE, PASSWORD, new_client, sign_up
from tests.web.pages.browser import axe_violations, browser, screenshots, serve

NEW = "a brand new passphrase"


def _code(app: Any, email: str) -> str:
    found = password_reset.request_reset(open_database(app.state.db_url), email)
    assert found is not None
    return found.secret


def test_the_form_sets_a_new_password_once(app: Any) -> None:
    ann = sign_up(app, "ann@example.org")
    code = _code(app, ann.email)
    c = new_client(app)
    form = {"token": code, "password": NEW}
    done = c.post("/reset-password", data=form, headers={"Origin": BASE})
    assert done.status_code == 200 and 'data-testid="reset-done"' in done.text
    assert ann.get("/api/v1/me").status_code == 401  # every session ended
    login = {"email": ann.email, "password": NEW}
    assert c.post("/api/v1/auth/login", json=login).status_code == 200
    again = c.post("/reset-password", data=form, headers={"Origin": BASE})
    assert again.status_code == 400 and 'role="alert"' in again.text
    refused = c.post("/reset-password", data=form, headers={"Origin": "https://evil.example"})
    assert refused.status_code == 403


@pytest.mark.browser
def test_the_link_fills_the_code_and_leaves_the_address_bar(app: Any) -> None:
    ann = sign_up(app, "ann@example.org")
    code = _code(app, ann.email)
    with serve(app) as base, browser() as b:
        page = b.new_context().new_page()
        page.goto(f"{base}/reset-password#{code}")
        expect(page.get_by_label("The code from your link")).to_have_value(code)
        assert "#" not in page.url
        assert axe_violations(page) == []
        screenshots(page, "reset-password")
        page.get_by_label("New password").fill(NEW)
        page.get_by_role("button", name="Set the new password").click()
        expect(page.get_by_test_id("reset-done")).to_be_visible()
    c = new_client(app)
    login = {"email": ann.email, "password": PASSWORD}
    assert c.post("/api/v1/auth/login", json=login).status_code == 401
