"""In headless Chromium: an area across the date line is drawn within its real extent, at every zoom.

Each endpoint area's drawn path (its SVG box on screen, read back as
longitudes through the map) must lie within where the area really reaches
(``render_fixtures.DATELINE_AREAS``), at the fitted view and zoomed in on the
area; a band around the world would be as wide as the map.
"""

from __future__ import annotations

import pytest

from browser import open_map, screenshot
from mapper.maps.folium_map import render
from mapper.maps.html import save_html
from render_fixtures import DATELINE_AREAS, dateline_extraction
from test_dateline import within_real_extent

pytestmark = pytest.mark.browser

# For every area path: its place's name, the longitudes its screen box spans, and the place's longitude.
DRAWN_JS = """(zoom) => {
  const api = window.mapperMaps[0], map = api.map, places = api.data.places, out = [];
  map.eachLayer((layer) => {
    if (!layer._path || !layer._path.classList.contains('mapper-area')) { return; }
    const p = places[api.data.areas.find((a) => a._layer === layer).p];
    if (zoom !== null) { map.setView([p.lat, p.lon], zoom, { animate: false }); }
    const box = layer._path.getBoundingClientRect(), origin = map.getContainer().getBoundingClientRect();
    const west = map.containerPointToLatLng([box.left - origin.left, box.top - origin.top]).lng;
    const east = map.containerPointToLatLng([box.right - origin.left, box.top - origin.top]).lng;
    out.push({ name: p.name, west: west, east: east, lon: p.lon, width: box.width });
  });
  return out;
}"""

# Tie each area's Leaflet layer to its entry in the payload (drawn in the same order).
TAG_JS = """() => {
  const api = window.mapperMaps[0], layers = [];
  api.map.eachLayer((layer) => { if (layer._path && layer._path.classList.contains('mapper-area')) { layers.push(layer); } });
  layers.forEach((layer, i) => { api.data.areas[i]._layer = layer; });
  return layers.length;
}"""


@pytest.fixture(scope="module")
def dateline_map(tmp_path_factory):
    path = tmp_path_factory.mktemp("maps") / "dateline.html"
    save_html(render(dateline_extraction(), tiles=None), path)
    return path


@pytest.mark.parametrize("zoom", [None, 3, 5, 7])
def test_areas_across_the_date_line_draw_within_their_real_extent(browser, dateline_map, zoom):
    mp = open_map(browser, dateline_map)
    try:
        assert mp.page.evaluate(TAG_JS) == len(DATELINE_AREAS)
        drawn = mp.page.evaluate(DRAWN_JS, zoom)
        if zoom is None:
            screenshot(mp, "dateline-areas")
        assert sorted(d["name"] for d in drawn) == sorted(DATELINE_AREAS)
        for d in drawn:
            if zoom is None:
                assert d["width"] > 0, d  # the fitted view shows every area
            elif d["width"] == 0:
                continue  # wholly outside this view
            # Leaflet cuts a path to the view: a box can only shrink, never pass the area's real ends
            assert within_real_extent(d["west"], d["east"], DATELINE_AREAS[d["name"]][1]), d
        assert mp.errors == []
    finally:
        mp.close()
