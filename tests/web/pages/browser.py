"""Helpers of the page tests: Debian's chromium under Playwright, a server on a free loopback port,
screenshots checked non-blank, axe-core accessibility checks.

Playwright's own browser downloads are never used (they cannot be fetched here): chromium comes
from Debian (`.ci/run` installs it) and is started through ``executable_path``.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
ARTIFACTS = ROOT / "test-artifacts" / "pages"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def chromium_path() -> str:
    path = os.environ.get("LEGDAY_CHROMIUM") or shutil.which("chromium")
    if not path or not Path(path).exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but chromium is missing (apt-get install -y chromium)")
        pytest.skip("chromium is not installed (apt-get install -y chromium, or LEGDAY_CHROMIUM)")
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Run ``app`` with uvicorn in a thread on a free loopback port; yields its base URL."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the test server did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def non_blank(png: bytes) -> tuple[float, float]:
    """(grey-level variance, share of pixels that are not near-white) of a screenshot."""
    from PIL import Image, ImageStat

    img = Image.open(BytesIO(png)).convert("L")
    variance = ImageStat.Stat(img).var[0]
    inked = sum(img.histogram()[:240]) / max(1, img.width * img.height)
    return variance, inked


def screenshots(page: Any, name: str) -> dict[str, Path]:
    """Full-page screenshots at phone and desktop width, kept as artifacts and checked non-blank;
    the page is left at phone width."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    kept: dict[str, Path] = {}
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        png = page.screenshot(full_page=True)
        variance, inked = non_blank(png)
        assert variance > 100 and inked > 0.02, f"{name} at {label} width looks blank"
        path = ARTIFACTS / f"{name}-{label}.png"
        path.write_bytes(png)
        kept[label] = path
    # nothing sticks out sideways on a phone: no horizontal scrolling at 360 px
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        widest = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth
                             || e.scrollWidth > e.clientWidth + 1)
                .slice(-6)
                .map(e => `${e.tagName}.${e.className} ${e.scrollWidth}/${e.clientWidth}`)"""
        )
        raise AssertionError(f"{name} scrolls sideways by {overflow} px at 360 px: {widest}")
    return kept


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations of the page as it is now (WCAG 2.x A and AA)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))  # through the devtools protocol: no CSP
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {
              runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                              "best-practice"]},
            });
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.map(n => n.target.join(" "))}));
        }"""
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


@contextmanager
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


PASSWORD = "correct horse battery"


def account_with_history(db_url: str, email: str, name: str, sample: Path | None) -> Any:
    """A registered account (the server's use-case), its athlete's history imported from
    ``sample`` as that account; returns the account's actor."""
    from legday.app import importing
    from legday.app.accounts import sign_in
    from legday.app.db import open_database
    from legday.app.registration import register
    from legday.domain.access import Actor

    db = open_database(db_url)
    register(db, email, PASSWORD, name)
    user = sign_in(db, email, PASSWORD, "127.0.0.1").user
    who = Actor(user_id=user.id)
    if sample is not None:
        data = importing.read_file(sample)
        importing.import_bytes(db, who, int(user.athlete_id or 0), data, str(sample))
    return who


def sign_in(page: Any, base: str, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/train")
