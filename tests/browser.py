"""Headless Chromium for map tests (Debian ``chromium`` driven by Playwright).

Never runs ``playwright install``: it uses the system browser at
``$MAPPER_CHROMIUM`` or ``/usr/bin/chromium`` and skips when there is none.

Use the ``browser`` fixture (session) and :func:`open_map`::

    from browser import open_map, browser  # noqa: F401  (fixture)

    @pytest.mark.browser
    def test_x(browser, tmp_path):
        page = open_map(browser, path)
        assert page.errors == [] and page.requests == []
"""

from __future__ import annotations

import atexit
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    """The system Chromium, or None."""
    for candidate in (os.environ.get("MAPPER_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def launch():
    """Start Playwright and the system Chromium; returns ``(playwright, browser)``."""
    from playwright.sync_api import sync_playwright

    exe = chromium_path()
    if exe is None:
        raise RuntimeError("no chromium: install Debian's chromium or set MAPPER_CHROMIUM")
    pw = sync_playwright().start()
    try:
        return pw, pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
    except Exception:
        pw.stop()
        raise


_SHARED: list = []


def _close_shared() -> None:
    while _SHARED:
        pw, b = _SHARED.pop()
        try:
            b.close()
        finally:
            pw.stop()


def shared_browser():
    """One Chromium per test process, however many test modules import the fixture.

    Playwright's sync API cannot run twice at once in one thread, and each module
    that imports :func:`browser` gets its own session fixture: they share this one.
    """
    if not _SHARED:
        _SHARED.append(launch())
        atexit.register(_close_shared)
    return _SHARED[0][1]


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium for the session; skips cleanly when none is installed."""
    if chromium_path() is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e .[test])")
    yield shared_browser()


@dataclass
class MapPage:
    """An opened map: the Playwright page plus what happened while it loaded."""

    page: object
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    requests: list[str] = field(default_factory=list)  # every non-file request attempted
    dialogs: list[str] = field(default_factory=list)  # alert()/confirm() — an XSS would show here
    load_ms: float = 0.0

    def close(self):
        self.page.context.close()


def open_map(browser, path, *, allow_tiles: bool = False, width: int = 1200, height: int = 800,
             timeout_ms: int = 30000) -> MapPage:
    """Open a map file with every network request aborted and recorded.

    Parameters
    ----------
    browser : playwright Browser
    path : path of the HTML file
    allow_tiles : bool
        Record tile requests separately (``page.tile_requests``) instead of in ``requests``;
        they are aborted either way.
    """
    context = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")
    page = context.new_page()
    mp = MapPage(page)
    mp.tile_requests = []

    def on_route(route):
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
            return
        if allow_tiles and any(s in url for s in ("basemaps.cartocdn.com", "tile.openstreetmap.org", "/{z}/")):
            mp.tile_requests.append(url)
        else:
            mp.requests.append(url)
        route.abort()

    context.route("**/*", on_route)
    page.on("console", lambda msg: mp.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: mp.errors.append(f"pageerror: {exc}"))

    def on_dialog(dialog):
        mp.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    t0 = time.perf_counter()
    page.goto(Path(path).resolve().as_uri(), wait_until="load", timeout=timeout_ms)
    page.wait_for_function("document.querySelector('[data-mapper-ready]') !== null", timeout=timeout_ms)
    mp.load_ms = (time.perf_counter() - t0) * 1000
    return mp


def screenshot(mp: MapPage, name: str) -> Path:
    """Save a screenshot under ``test-artifacts/`` (git-ignored) and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    out = ARTIFACTS / f"{name}.png"
    mp.page.screenshot(path=str(out))
    return out
