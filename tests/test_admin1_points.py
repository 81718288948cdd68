"""Admin-1 points: a label point on a small outlying island is replaced by one on the main part."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

shapely = pytest.importorskip("shapely")
from shapely.geometry import MultiPolygon, box  # noqa: E402

from mapper.geocode.gazetteer import get_gazetteer  # noqa: E402
from mapper.geocode.resolve import haversine_km  # noqa: E402

_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build_gazetteer_data.py"


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_gazetteer_data", _SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# A main island 4x4 degrees and an islet 0.5x0.5 degrees far to its south; a second island of half its size.
_MAIN, _ISLET, _HALF = box(0, 0, 4, 4), box(10, -6, 10.5, -5.5), box(6, 0, 8, 4)


@pytest.mark.parametrize(
    ("geom", "lat", "lon", "minor"),
    [
        (MultiPolygon([_MAIN, _ISLET]), -5.75, 10.25, True),   # label on the islet
        (MultiPolygon([_MAIN, _ISLET]), 2.0, 2.0, False),      # label on the main island
        (MultiPolygon([_MAIN, _HALF]), 2.0, 7.0, False),       # a large second part keeps its label
        (MultiPolygon([_MAIN, _ISLET]), 20.0, 20.0, False),    # outside the outline: left alone
        (_MAIN, 2.0, 2.0, False),
    ],
)
def test_label_on_minor_part(build, geom, lat, lon, minor):
    assert build._label_on_minor_part(geom, lat, lon) is minor


def test_main_part_point_is_inside_the_largest_part(build):
    lat, lon = build._main_part_point(MultiPolygon([_MAIN, _ISLET]))
    assert _MAIN.contains(shapely.geometry.Point(lon, lat))


@pytest.mark.parametrize(
    ("name", "cc", "lat", "lon", "km"),
    [
        # North Maluku's towns are on and around Halmahera, not on the Sula Islands.
        ("north maluku", "ID", 1.0, 128.0, 200),
        ("sakhalin", "RU", 50.0, 142.8, 300),
    ],
)
def test_island_provinces_have_main_island_points(name, cc, lat, lon, km):
    c = next(c for c in get_gazetteer().candidates(name) if c.place.feature_type == "admin1"
             and c.place.country_code == cc)
    assert haversine_km(c.place.lat, c.place.lon, lat, lon) < km


@pytest.mark.parametrize(
    ("name", "cc", "lat", "lon"),
    [
        # Natural Earth rows named after a neighbouring area but carrying another area's GeoNames id
        # must not give that name a second, distant sense.
        ("parwan", "AF", 35.0, 69.0),   # not Panjshir
        ("callao", "PE", -12.05, -77.1),  # not Puno
        ("durres", "AL", 41.4, 19.6),   # not Tirana
    ],
)
def test_area_names_are_not_borrowed_from_neighbours(name, cc, lat, lon):
    areas = [c for c in get_gazetteer().candidates(name) if c.place.feature_type == "admin1"
             and c.place.country_code == cc]
    assert areas
    assert all(haversine_km(c.place.lat, c.place.lon, lat, lon) < 120 for c in areas)


def test_names_other_area(build):
    keys = {("XX", "alpha"): {"XX.01"}, ("XX", "beta"): {"XX.02"}}
    assert build._names_other_area({"name": "Alpha"}, "XX.02", keys)
    assert not build._names_other_area({"name": "Beta"}, "XX.02", keys)
    assert not build._names_other_area({"name": "Gamma (Beta)"}, "XX.02", keys)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Nord-Kivu"], ["North Kivu"]),
        (["Southern Darfur"], ["South Darfur"]),
        (["West Equatoria"], ["Western Equatoria"]),
        (["Nord-Ouest", "North", "Northern"], []),
    ],
)
def test_english_direction_forms(build, names, expected):
    assert build._english_direction_forms(names) == expected


@pytest.mark.parametrize(
    ("name", "cc"),
    [("north kivu", "CD"), ("south darfur", "SD"), ("western equatoria", "SS")],
)
def test_directional_province_names_in_english(name, cc):
    cs = get_gazetteer().candidates(name)
    assert cs and cs[0].place.feature_type == "admin1" and cs[0].place.country_code == cc


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("bossaso", "bosaso", True),
        ("kismaayo", "kismayo", True),
        ("tichitt", "tichit", True),
        ("bosaso", "bosasa", False),
    ],
)
def test_spellings_apart_only_by_doubled_letters_are_one_name(build, a, b, same):
    assert (build._spelling_key(a) == build._spelling_key(b)) is same


@pytest.mark.parametrize(
    ("name", "cc", "lat", "lon"),
    [
        # Districts named after their town, spelt with a doubled letter the town's GeoNames name lacks:
        # at the town, not at the point of the province.
        ("bossaso", "SO", 11.28, 49.18),
        ("kismaayo", "SO", -0.36, 42.55),
    ],
)
def test_districts_spelt_apart_from_their_town_sit_at_it(name, cc, lat, lon):
    areas = [c for c in get_gazetteer().candidates(name) if c.place.feature_type == "admin2"
             and c.place.country_code == cc]
    assert areas
    assert all(haversine_km(c.place.lat, c.place.lon, lat, lon) < 25 for c in areas)
