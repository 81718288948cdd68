"""Draw the seed article's map and save the README screenshot (docs/seed-map.png).

Usage: python3 scripts/screenshot_seed.py   (needs Debian's chromium and the test extras)
The map is drawn without tiles, so the picture is the same offline.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def screenshot_map(html: Path, out: Path, *, width: int = 1200, height: int = 760) -> Path:
    """Open a map file in headless Chromium once it has drawn, and save what it shows as *out*."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(html.as_uri())
        page.wait_for_function("document.querySelector('[data-mapper-ready]') !== null")
        page.wait_for_timeout(300)
        page.screenshot(path=str(out))
        browser.close()
    return out


def main() -> int:
    from mapper.cli import main as mapper_main

    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    out = ROOT / "docs" / "seed-map.png"
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "seed.html"
        if mapper_main(["map", str(seed), "-o", str(html), "--no-tiles"]) != 0:
            return 1
        screenshot_map(html, out)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
