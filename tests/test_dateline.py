"""Areas across the date line draw as the areas themselves, not as bands around the world.

The United States (with the Aleutians west of 180°), Russia (Chukotka), Fiji,
Alaska and Kiribati are checked against where they really reach (an atlas's
extremes, ``render_fixtures.DATELINE_AREAS``): their outlines, the map's
payload, the static export, and the basemap. The browser half is in
``test_dateline_browser.py``.
"""

from __future__ import annotations

import json

import pytest

import numpy as np

from mapper import dateline, outlines
from mapper.geocode.regions import directional_area
from mapper.model import Place
from render_fixtures import DATELINE_AREAS, dateline_extraction

TOLERANCE = 0.6  # degrees: simplified outlines, rounded coordinates


def within_real_extent(lo: float, hi: float, real: tuple[float, float]) -> bool:
    """Whether [lo, hi] lies inside the real extent, in whichever turn of the world it was drawn."""
    turns = 360.0 * round(((real[0] + real[1]) / 2 - (lo + hi) / 2) / 360.0)
    return real[0] - TOLERANCE <= lo + turns and hi + turns <= real[1] + TOLERANCE


# ------------------------------------------------------------------------ the geometry
def test_a_ring_stepping_across_the_line_continues_past_it():
    ring = [(179.0, -16.0), (-179.0, -16.0), (-179.0, -17.0), (179.0, -17.0), (179.0, -16.0)]
    assert dateline.crosses([[ring]])
    assert dateline.unwrap_ring(ring) == [(179.0, -16.0), (181.0, -16.0), (181.0, -17.0), (179.0, -17.0), (179.0, -16.0)]
    assert not dateline.crosses([[dateline.unwrap_ring(ring)]])


def test_a_ring_around_a_pole_is_closed_through_it():
    coast = [(-180.0, -70.0), (-60.0, -65.0), (60.0, -68.0), (180.0, -70.0)]
    ring = dateline.unwrap_ring(coast + [coast[0]])
    assert ring[0] == ring[-1] and (-180.0, -90.0) in ring
    assert max(x for x, _ in ring) - min(x for x, _ in ring) == 360.0


@pytest.mark.parametrize(
    ("near", "expected"),
    [
        (None, [(-100.0, -90.0), (-188.0, -186.0)]),  # the largest part stays, the islet joins it
        (-95.0, [(-100.0, -90.0), (-188.0, -186.0)]),
        (175.0, [(260.0, 270.0), (172.0, 174.0)]),  # drawn around a point on the islet's side
    ],
)
def test_gather_brings_the_parts_of_an_area_to_one_side(near, expected):
    big = [[(-100.0, 30.0), (-90.0, 30.0), (-90.0, 40.0), (-100.0, 40.0), (-100.0, 30.0)]]
    islet = [[(172.0, 52.0), (174.0, 52.0), (174.0, 53.0), (172.0, 52.0)]]
    gathered = dateline.gather([big, islet], near=near)
    assert [(min(x for x, _ in p[0]), max(x for x, _ in p[0])) for p in gathered] == expected


def test_gather_leaves_areas_away_from_the_line_and_half_world_areas_alone():
    chad = outlines.area_polygons(Place("t:TD", "Chad", "country", "TD", 15.0, 19.0))
    assert dateline.gather(chad) == chad
    shelves = [[[(x, -70.0), (x + 2, -70.0), (x + 2, -72.0), (x, -70.0)]] for x in (-170.0, -60.0, 60.0, 170.0)]
    assert dateline.gather(shelves) == shelves


@pytest.mark.parametrize(("lon", "wrapped"), [(0.0, 0.0), (180.0, 180.0), (-180.0, -180.0), (190.3, -169.7),
                                              (-187.5, 172.5), (540.0, -180.0)])
def test_wrap_longitude(lon, wrapped):
    assert dateline.wrap_longitude(lon) == pytest.approx(wrapped)


# ------------------------------------------------------------------------ the outlines of real areas
@pytest.mark.parametrize("name", list(DATELINE_AREAS))
def test_area_outlines_lie_within_their_real_extent(name):
    place, real = DATELINE_AREAS[name]
    polygons = outlines.area_polygons(place)
    xs = [x for rings in polygons for x, _ in rings[0]]
    assert not dateline.crosses(polygons)
    assert within_real_extent(min(xs), max(xs), real), (min(xs), max(xs))
    shape = outlines.area_shape(place)
    assert shape.is_valid and within_real_extent(shape.bounds[0], shape.bounds[2], real)


@pytest.mark.parametrize("name", list(DATELINE_AREAS))
def test_the_map_draws_each_area_around_its_point(name):
    from mapper.maps.folium_map import build_payload

    payload = build_payload(dateline_extraction())
    (area,) = [a for a in payload["areas"] if payload["places"][a["p"]]["name"] == name]
    lons = [lon for poly in area["rings"] for _, lon in poly[0]]
    point = payload["places"][area["p"]]["lon"]
    real = DATELINE_AREAS[name][1]
    assert within_real_extent(min(lons), max(lons), real)
    assert min(lons) - TOLERANCE <= point <= max(lons) + TOLERANCE  # the same turn of the world as its point


def test_the_static_export_draws_areas_within_their_real_extent():
    from matplotlib.colors import to_hex

    from mapper.maps import geometry
    from mapper.maps.static import static_figure

    fig = static_figure(dateline_extraction())
    (ax,) = fig.axes
    areas = [p for p in ax.patches if p.get_linestyle() != "solid" and to_hex(p.get_edgecolor()) == "#4a4a4a"]
    assert len(areas) >= len(DATELINE_AREAS)
    reals = [real for _, real in DATELINE_AREAS.values()]
    for patch in areas:
        x = patch.get_xy()[:, 0]
        lo, hi = (float(v) for v in geometry.inverse_mercator([x.min(), x.max()], [0, 0])[0])
        assert any(within_real_extent(lo, hi, real) for real in reals), (lo, hi)
        assert hi - lo < 180  # no band around the world
    basemap = [p for p in ax.patches if to_hex(p.get_facecolor()) == "#f3f1ec"]
    world = 2 * geometry.mercator(180.0, 0.0)[0]
    assert basemap and all(np.ptp(p.get_xy()[:, 0]) < 0.5 * world for p in basemap)


def test_the_basemaps_draw_the_world_once_without_bands():
    for shape in outlines.countries_shapes():  # the static export's basemap
        for poly in shape.geoms:
            lo, _, hi, _ = poly.bounds
            assert -180.0 <= lo and hi <= 180.0 and hi - lo < 180.0, poly.bounds
    topo = json.loads(outlines.countries_topojson())  # the HTML map's basemap, drawn by Leaflet as it is
    for g in topo["objects"]["countries"]["geometries"]:
        assert not dateline.crosses(outlines._geometry_polygons(topo, g)), g.get("properties")


def test_eastern_russia_is_the_far_east_and_on_the_map():
    part = directional_area(DATELINE_AREAS["Russia"][0], "east")
    assert -180.0 <= part.lon <= 180.0
    assert part.lon > 130.0 or part.lon < -170.0


@pytest.mark.parametrize("hasc", ["AK", "KI"])
def test_the_shipped_admin1_outlines_do_lie_on_both_sides(hasc):
    # what the tests above repair is in the data: these outlines reach both ends of the map
    data = outlines._admin1()
    lons = [lon for poly in json.loads(data["shapes"][hasc]) for ring in outlines._decode(poly, data["precision"])
            for _, lon in ring]
    assert min(lons) < -170.0 and max(lons) > 170.0
