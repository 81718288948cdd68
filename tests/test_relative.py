"""Places the text locates by distance and bearing: "X, 40 km north-east of Y"."""

from __future__ import annotations

import pytest

import mapper
from mapper.geocode.relative import offset, parse_relative
from mapper.geocode.resolve import haversine_km
from mapper.places.toponyms import find_mentions


@pytest.mark.parametrize(
    ("gap", "km", "bearing"),
    [
        (", about 40 km north-east of ", 40.0, 45.0),
        (", 200 kilometres southwest of ", 200.0, 225.0),
        (", which is about 100 kilometers west of the ", 100.0, 270.0),
        (" is 10 miles south of ", 16.09344, 180.0),
        (", some 25 km (15 miles) north of ", 25.0, 0.0),
        (", 1,200 km east of ", 1200.0, 90.0),
        (" lies 8km northwest of ", 8.0, 315.0),
    ],
)
def test_parse_relative(gap, km, bearing):
    rel = parse_relative(gap)
    assert rel is not None
    assert rel.km == pytest.approx(km)
    assert rel.bearing == bearing
    assert rel.text.endswith(" of")


@pytest.mark.parametrize("gap", [", ", " in ", ", 40 km from ", ", 40 people north of ", ", north of ", ", 0 km north of "])
def test_not_a_relative_location(gap):
    assert parse_relative(gap) is None


@pytest.mark.parametrize("bearing", [0, 45, 90, 135, 180, 225, 270, 315])
def test_offset_walks_the_distance(bearing):
    lat, lon = offset(10.0, 20.0, 100.0, bearing)
    assert haversine_km(10.0, 20.0, lat, lon) == pytest.approx(100.0, abs=0.1)


def test_offset_wraps_the_antimeridian():
    lat, lon = offset(0.0, 179.9, 50.0, 90.0)
    assert -180.0 <= lon < -179.0


TEXT = ("Residents of Qarbek, about 40 km north-east of Kabul, fled to Kabul on Monday. "
        "About 300 families from Qarbek have arrived so far.")


def test_an_unknown_name_the_text_locates_is_a_mention_everywhere():
    found = [m.text for m in find_mentions(TEXT)]
    assert found.count("Qarbek") == 2


def test_it_is_placed_where_the_text_says_with_a_low_confidence():
    ex = mapper.extract(TEXT)
    rows = ex.mentions[ex.mentions.text == "Qarbek"]
    assert len(rows) == 2 and rows.place_id.nunique() == 1
    row = rows.iloc[0]
    assert row.confidence <= 0.3
    kabul = ex.mentions[ex.mentions.text == "Kabul"].iloc[0].geometry
    expected = offset(kabul.y, kabul.x, 40.0, 45.0)
    assert haversine_km(row.geometry.y, row.geometry.x, *expected) < 1.0
    place = ex.places[ex.places.place_id == row.place_id].iloc[0]
    assert place.source.startswith("approximate: about 40 km north-east of Kabul")
    assert place.feature_type == "other"


def test_the_description_picks_the_namesake_that_lies_there():
    # Bare "Lebanon" is the country; 30 miles east of Nashville it is the Tennessee town.
    ex = mapper.extract("Hundreds left Lebanon, 30 miles east of Nashville, as the river rose.")
    row = ex.mentions[ex.mentions.text == "Lebanon"].iloc[0]
    assert row.country_code == "US" and row.feature_type != "country"
    assert row.confidence >= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Yesterday, 20 km north of Kabul, a bus overturned.",
        "Monday, 20 km north of Kabul, a bus overturned.",
    ],
)
def test_ordinary_words_before_a_distance_are_not_places(text):
    assert [m.text for m in find_mentions(text)] == ["Kabul"]


def test_distances_from_an_area_place_nothing():
    ex = mapper.extract("People fled Qarbek, 300 km north of Afghanistan, to Kabul.")
    assert ex.mentions[ex.mentions.text == "Qarbek"].place_id.isna().all()


def test_namesakes_at_one_point_do_not_break_the_choice():
    # A city and its district share a point; either is where the text says.
    ex = mapper.extract("Families fled Mosul, 80 km west of Erbil, on Friday.")
    row = ex.mentions[ex.mentions.text == "Mosul"].iloc[0]
    assert row.country_code == "IQ"


def test_a_state_named_before_the_distance_stays_the_state():
    ex = mapper.extract("Crews evacuated Santa Clarita, California, 35 miles northwest of Los Angeles, on Friday.")
    row = ex.mentions[ex.mentions.text == "California"].iloc[0]
    assert row.feature_type == "admin1" and row.confidence > 0.5


def test_a_wrong_bearing_still_finds_the_namesake_at_that_distance():
    # Lebanon, Tennessee lies east of Nashville, not west; the distance is about right.
    ex = mapper.extract("Hundreds left Lebanon, 30 miles west of Nashville, as the river rose.")
    row = ex.mentions[ex.mentions.text == "Lebanon"].iloc[0]
    assert row.country_code == "US" and row.feature_type != "country"
    assert 0.3 < row.confidence < 0.8
