"""Register, sign out and sign in through the pages of the real server (its app factory, its
session cookie), in chromium: a refused password is said on the form, the gym page needs a
session, and the pages read well at phone and desktop width."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web.pages.browser import axe_violations, browser, screenshots, serve

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


def test_register_sign_out_and_back_in(tmp_path: Path) -> None:
    from legday.web.app import create_app

    app = create_app(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with serve(app) as base, browser() as b:
        page = b.new_page(viewport={"width": 360, "height": 740})
        page.goto(f"{base}/train")
        assert page.url == f"{base}/login?next=/train"  # no session: sent to sign in

        page.get_by_role("link", name="Create an account").click()
        page.get_by_label("Your name").fill("Ada Lovelace")
        page.get_by_label("E-mail").fill("ada@example.org")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Create account").click()
        page.wait_for_url(f"{base}/train")
        assert "Ada Lovelace" in page.locator("main").inner_text()
        cookies = {c["name"]: c for c in page.context.cookies()}
        assert cookies["__Host-legday"]["httpOnly"] and cookies["__Host-legday"]["secure"]

        page.get_by_role("button", name="Sign out").click()
        page.wait_for_url(f"{base}/login")
        page.goto(f"{base}/train")
        assert page.url.startswith(f"{base}/login")

        page.locator("input[name=email]").fill("ada@example.org")
        page.locator("input[name=password]").fill("not the password")
        page.get_by_role("button", name="Sign in").click()
        assert page.get_by_role("alert").is_visible()
        assert page.locator("input[name=email]").input_value() == "ada@example.org"

        page.locator("input[name=password]").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{base}/train")


def test_a_taken_address_is_refused_on_the_form(tmp_path: Path) -> None:
    from legday.app.db import open_database
    from legday.app.registration import register
    from legday.web.app import create_app

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    register(open_database(url), "ada@example.org", PASSWORD, "Ada")
    app = create_app(url)
    with serve(app) as base, browser() as b:
        page = b.new_page()
        page.goto(f"{base}/register")
        page.get_by_label("Your name").fill("Another Ada")
        page.get_by_label("E-mail").fill("ada@example.org")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Create account").click()
        assert "already exists" in page.get_by_role("alert").inner_text()
        assert page.url == f"{base}/register"


def test_sign_in_and_register_pages_at_phone_and_desktop_width(tmp_path: Path) -> None:
    from legday.web.app import create_app

    app = create_app(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with serve(app) as base, browser() as b:
        page = b.new_page(bypass_csp=True)
        for name in ("login", "register"):
            page.goto(f"{base}/{name}")
            screenshots(page, name)
            assert axe_violations(page) == []
