"""Acceptance: the seed article's map, as `mapper map` draws it, in headless Chromium."""

from __future__ import annotations

import pytest

from browser import open_map, screenshot
from mapper.cli import main

pytestmark = pytest.mark.browser

SEED_JS = """() => ({
  leaflet: window.L && L.version,
  arrows: document.querySelectorAll('path.mapper-arrow').length,
  heads: document.querySelectorAll('path.mapper-head').length,
  counts: [...document.querySelectorAll('.mapper-count')].map(e => e.innerText),
  legend: !!document.querySelector('.mapper-legend'),
  areas: document.querySelectorAll('path.mapper-area').length,
})"""


@pytest.fixture(scope="module")
def seed_maps(seed_path, tmp_path_factory):
    folder = tmp_path_factory.mktemp("seedmap")
    offline, online = folder / "offline.html", folder / "online.html"
    assert main(["map", str(seed_path), "-o", str(offline), "--no-tiles"]) == 0
    assert main(["map", str(seed_path), "-o", str(online)]) == 0
    return offline, online


def test_seed_map_draws_with_no_network(browser, seed_maps):
    page = open_map(browser, seed_maps[0])
    try:
        c = page.page.evaluate(SEED_JS)
        assert page.errors == [] and page.requests == [] and page.dialogs == []
        assert c["leaflet"] == "1.9.4"
        assert c["arrows"] >= 2 and c["heads"] == c["arrows"]
        assert c["legend"] and c["areas"] >= 1  # the governorate drawn as its outline
        shared = [t for t in c["counts"] if "2,500" in t]
        assert len(shared) == 1 and "20,000" in shared[0]  # one label for the shared group
        screenshot(page, "seed-offline")
    finally:
        page.close()


def test_seed_map_with_tiles_asks_only_for_tiles(browser, seed_maps):
    page = open_map(browser, seed_maps[1], allow_tiles=True)
    try:
        assert page.requests == []  # anything but tiles would be a leak
        assert page.page.evaluate(SEED_JS)["arrows"] >= 2
    finally:
        page.close()
