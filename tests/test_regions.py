"""Compass-word parts of areas ("eastern Chad") as movement endpoints."""

from __future__ import annotations

import pytest
from shapely.geometry import Point

import mapper
from mapper import outlines
from mapper.geocode.regions import direction_before, directional_area
from mapper.model import Place


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fled to eastern ", "east"),
        ("fled to northern ", "north"),
        ("crossed into north-eastern ", "northeast"),
        ("crossed into north eastern ", "northeast"),
        ("reached southwest ", "southwest"),
        ("in south-west ", "southwest"),
        ("went to the ", None),
        ("a feast ", None),
        ("fled to North ", None),  # capitalised: part of a name ("North Macedonia")
        ("", None),
    ],
)
def test_direction_before(text, expected):
    assert direction_before(text + "Chad", len(text)) == expected


def _country(cc: str, name: str) -> Place:
    shape = outlines.country_shape(cc)
    c = shape.representative_point()
    return Place(f"test:{cc}", name, "country", cc, c.y, c.x)


@pytest.mark.parametrize("direction", ["north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"])
def test_directional_area_lies_inside_and_toward_the_direction(direction):
    whole = _country("TD", "Chad")
    shape = outlines.country_shape("TD")
    part = directional_area(whole, direction)
    assert part is not None
    assert part.feature_type == "region" and part.country_code == "TD"
    assert part.place_id == f"test:TD#{direction}"
    assert part.name.endswith("ern Chad")
    assert "derived" in part.source and whole.place_id in part.source
    assert shape.buffer(0.01).contains(Point(part.lon, part.lat))
    c = shape.centroid
    if "north" in direction:
        assert part.lat > c.y
    if "south" in direction:
        assert part.lat < c.y
    if "east" in direction:
        assert part.lon > c.x
    if "west" in direction:
        assert part.lon < c.x


@pytest.mark.parametrize("feature_type", ["city", "camp", "admin2"])
def test_points_have_no_parts(feature_type):
    assert directional_area(Place("test:1", "Somewhere", feature_type, "TD", 12.0, 18.0), "north") is None


def test_unknown_direction():
    assert directional_area(_country("TD", "Chad"), "up") is None


def test_a_flow_ends_in_the_named_part_while_the_mention_keeps_the_whole_country():
    text = "About 3,000 people fled from Khartoum to eastern Chad last week, aid workers said."
    ex = mapper.extract(text)
    assert len(ex.flows) == 1
    flow = ex.flows.iloc[0]
    assert flow.destination == "eastern Chad"
    end = Point(flow.geometry.coords[-1])
    chad = outlines.country_shape("TD")
    assert chad.buffer(0.01).contains(end) and end.x > chad.centroid.x
    # The toponym itself still names the whole country ...
    chad_mention = ex.mentions[ex.mentions.text == "Chad"].iloc[0]
    assert chad_mention.feature_type == "country"
    # ... and the derived part is listed among the places, with how it was made.
    part = ex.places[ex.places.place_id == flow.destination_id].iloc[0]
    assert part.feature_type == "region" and part.source.startswith("derived")
    assert part.n_mentions == 1


def test_names_that_begin_with_a_compass_word_stay_whole():
    ex = mapper.extract("Hundreds of families fled from Belfast to Northern Ireland's coast, police said.")
    assert not ex.places.place_id.str.contains("#").any()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a province that shares its name with its main town: the bare name is the town
        ("Thousands fled from Latakia to eastern Aleppo on Monday.", "Aleppo"),
        ("Thousands fled from Latakia to northern Aleppo province on Monday.", "northern Aleppo"),
    ],
)
def test_a_compass_word_before_a_town_named_like_its_province(text, expected):
    ex = mapper.extract(text)
    assert ex.flows.iloc[0].destination == expected


# The part is measured in plain Python (workers need no shapely); shapely checks it here.
_DIRECTIONS = ["north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"]


@pytest.mark.parametrize("cc", ["TD", "ID", "CL", "NZ", "PH", "CA", "GR", "HR", "SO"])  # compact, archipelagos, long, ragged
def test_the_part_is_the_outline_cut_by_its_box(cc):
    from shapely.geometry import box

    from mapper.geocode import regions

    whole = _country(cc, cc)
    shape = outlines.country_shape(cc)
    minx, miny, maxx, maxy = shape.bounds
    for direction in _DIRECTIONS:
        part = regions._part(whole, direction)
        if part is None:  # a corner with (almost) no land, in thirds and in halves
            sy = 1 if direction.startswith("north") else -1 if direction.startswith("south") else 0
            sx = 1 if direction.endswith("east") else -1 if direction.endswith("west") else 0
            for n in (3, 2):
                x0, x1 = regions._band(minx, maxx, sx, n)
                y0, y1 = regions._band(miny, maxy, sy, n)
                assert shape.intersection(box(x0, y0, x1, y1)).area <= 0.02 * shape.area, direction
            continue
        cut, (lon, lat) = part
        piece = shape.intersection(box(*cut))
        area, _ = regions._point_in_part(outlines.area_polygons(whole), cut)
        assert area == pytest.approx(piece.area, rel=1e-6), direction
        assert piece.buffer(1e-6).contains(Point(lon, lat)), direction


@pytest.mark.parametrize(
    ("ring", "area", "centroid"),
    [
        # a U open to the north, cut by a box across its arms: two pieces, one ring with a seam
        ([(0, 0), (3, 0), (3, 3), (2, 3), (2, 1), (1, 1), (1, 3), (0, 3), (0, 0)], 4.0, (1.5, 2.0)),
        # clockwise, wholly inside the box
        ([(0, 0), (0, 1), (1, 1), (1, 0), (0, 0)], 1.0, (0.5, 0.5)),
    ],
)
def test_clipping_keeps_area_and_centroid(ring, area, centroid):
    from mapper.geocode import regions

    box = (-1, 1, 4, 4) if area == 4.0 else (-1, -1, 4, 4)
    a, cx, cy = outlines.polygons_moments([[regions._clip(ring, box)]])
    assert a == pytest.approx(area)
    assert (cx, cy) == pytest.approx(centroid)


def test_a_point_outside_a_u_shaped_part_moves_into_its_largest_piece():
    from mapper.geocode import regions

    u = [[[(0, 0), (3, 0), (3, 3), (2, 3), (2, 1), (1, 1), (1, 3), (0, 3), (0, 0)]]]
    area, (x, y) = regions._point_in_part(u, (-1, 1, 4, 4))  # the centroid (1.5, 2) lies in the gap
    assert area == pytest.approx(4.0)
    assert regions._inside(u, (-1, 1, 4, 4), x, y)


def test_measuring_a_part_imports_neither_numpy_nor_shapely():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from mapper.geocode.gazetteer import get_gazetteer\n"
        "from mapper.geocode.regions import directional_area\n"
        "chad = get_gazetteer().country('TD').place\n"
        "assert directional_area(chad, 'east') is not None\n"
        "print(sorted(m for m in ('numpy', 'shapely') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_country_outline_can_be_cut():
    # A few simplified outlines cross themselves; GEOS refuses to cut those unless repaired.
    from mapper.geocode.gazetteer import get_gazetteer

    for code in sorted({p.country_code for p in get_gazetteer() if p.feature_type == "country"}):
        shape = outlines.country_shape(code)
        assert shape is None or shape.is_valid, code


def test_a_part_of_a_country_whose_outline_crosses_itself_is_drawn():
    # Russia's simplified outline crosses itself: cutting it used to raise GEOSException.
    ex = mapper.extract("About 400 families fled from Kharkiv to northern Russia last month, officials said.")
    assert ex.flows.iloc[0].destination == "northern Russia"
    html = mapper.render(ex).get_root().render()
    assert "northern Russia" in html
