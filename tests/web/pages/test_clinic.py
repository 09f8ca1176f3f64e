"""The physio's clinic in a real browser: a client record made with its consent, the client's
plan with the knee-OA pain rule, home sessions with adherence and pain shown as a trend and
judged against the rule, the one-page printed sheet (one A4 page in chromium's PDF), a claim code;
another physio gets 404 for all of it."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.web.pages.browser import (
    account_with_history,
    axe_violations,
    browser,
    screenshots,
    serve,
    sign_in,
)

pytestmark = pytest.mark.browser


def pdf_pages(data: bytes, where: Path) -> int:
    """Pages of a PDF: poppler's pdfinfo where installed, and the page objects counted."""
    counted = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    tool = shutil.which("pdfinfo")
    if tool:
        where.write_bytes(data)
        out = subprocess.run([tool, str(where)], capture_output=True, text=True, check=True)
        found = re.search(r"^Pages:\s+(\d+)", out.stdout, re.MULTILINE)
        assert found is not None and int(found.group(1)) == counted
    return counted


def test_a_client_record_its_home_programme_and_sheet(tmp_path: Path) -> None:
    from legday.web.app import create_app

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    account_with_history(url, "physio@example.org", "Pat Physio", None)
    account_with_history(url, "other@example.org", "Olga Other", None)
    today = datetime.now(UTC).date()
    with serve(create_app(url)) as base, browser() as b:
        page = b.new_context().new_page()
        sign_in(page, base, "physio@example.org")
        page.goto(f"{base}/people")
        page.get_by_role("link", name="Clients held by your practice").click()
        page.wait_for_url(f"{base}/clients")
        form = page.get_by_test_id("client-form")
        form.get_by_label("Name").fill("Mrs Edith Example")
        form.get_by_label("Birth date").fill("1946-03-02")
        form.get_by_label("Sex").select_option("female")
        form.get_by_label("For what").fill("home exercise programme after a fall")
        form.get_by_label("Witnessed by").fill("her daughter")
        form.get_by_role("button", name="Create the record").click()
        page.wait_for_url(re.compile(rf"{base}/clients/\d+$"))
        client_url = page.url
        athlete_id = int(client_url.rsplit("/", 1)[1])
        expect(page.get_by_test_id("consent")).to_contain_text("her daughter")
        page.get_by_label("Knee osteoarthritis").check()
        page.get_by_role("button", name=re.compile("Make the plan")).click()
        page.wait_for_url(client_url)
        expect(page.get_by_test_id("client-plan")).to_be_visible()
        page.get_by_role("button", name="Make a claim code").click()
        code = page.get_by_test_id("claim-code")
        expect(code).to_contain_text(re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}"))
        screenshots(page, "client")
        assert axe_violations(page) == []
        page.goto(f"{base}/clients")
        expect(page.get_by_test_id("client-row")).to_have_count(1)
        screenshots(page, "clients")
        assert axe_violations(page) == []

        # three home sessions: fine, then too painful and not settled, then missed
        page.goto(f"{base}/home-programme?athlete={athlete_id}")
        expect(page.get_by_test_id("pain-rule")).to_contain_text("5 out of 10")
        entries = [(3, "done", "3", "yes"), (2, "partly", "7", "no"), (1, "not", "", "")]
        for back, adherence, pain, settled in entries:
            f = page.get_by_test_id("home-form")
            f.get_by_label("Day").fill((today - timedelta(days=back)).isoformat())
            f.locator(f"input[name=adherence][value={adherence}]").check()
            f.get_by_label("Pain during").select_option(pain)
            f.locator(f"input[name=settled][value='{settled}']").check()
            f.get_by_role("button", name="Save").click()
            page.wait_for_url(re.compile(r"/home-programme\?athlete=\d+#home-days$"))
        days = page.get_by_test_id("home-day")
        expect(days).to_have_count(3)
        expect(days.nth(1)).to_contain_text("pain 7/10")
        expect(page.get_by_test_id("home-flag")).to_have_count(1)
        expect(page.get_by_test_id("home-flag")).to_contain_text("pain above 5/10")
        expect(page.get_by_test_id("home-flag")).to_contain_text("not settled")
        expect(page.locator("[data-testid=pain-trend] circle")).to_have_count(2)
        screenshots(page, "home-programme")
        assert axe_violations(page) == []

        # correcting a day replaces it; a pain of 11 is refused and nothing changes
        f = page.get_by_test_id("home-form")
        f.get_by_label("Day").fill((today - timedelta(days=1)).isoformat())
        f.locator("input[name=adherence][value=done]").check()
        f.get_by_role("button", name="Save").click()
        expect(page.get_by_test_id("home-day")).to_have_count(3)
        expect(page.get_by_test_id("home-day").first).to_contain_text("· done")
        token = page.locator("meta[name=csrf-token]").get_attribute("content") or ""
        bad = page.request.post(f"{base}/home-programme", form={"csrf_token": token,
            "athlete": str(athlete_id), "adherence": "done", "pain_during": "11"},
            headers={"Origin": base})  # fmt: skip
        assert bad.status == 400

        page.goto(f"{base}/home-programme/sheet?athlete={athlete_id}")
        sheet = page.get_by_test_id("home-sheet")
        expect(sheet).to_contain_text("Mrs Edith Example")
        expect(sheet.locator(".exercises li").first).to_be_visible()
        expect(sheet.locator(".cue").first).not_to_be_empty()
        expect(sheet.locator(".rule")).to_contain_text("5 out of 10")
        screenshots(page, "home-sheet")
        assert axe_violations(page) == []
        pdf = page.pdf(format="A4", print_background=True)
        assert pdf_pages(pdf, tmp_path / "sheet.pdf") == 1

        other = b.new_context().new_page()
        sign_in(other, base, "other@example.org")
        for path in (
            f"/clients/{athlete_id}",
            f"/home-programme?athlete={athlete_id}",
            f"/home-programme/sheet?athlete={athlete_id}",
            "/clients/999999",
        ):
            answer = other.goto(base + path)
            assert answer is not None and answer.status == 404, path
        other.goto(f"{base}/clients")
        expect(other.get_by_test_id("client-row")).to_have_count(0)
        token = other.locator("meta[name=csrf-token]").get_attribute("content") or ""
        refused = other.request.post(f"{base}/home-programme", form={"csrf_token": token,
            "athlete": str(athlete_id), "adherence": "not"},
            headers={"Origin": base})  # fmt: skip
        assert refused.status == 404
