"""Frames stage: movements + resolutions → the four GeoDataFrames of the contract.

Built by hand from invented places, so the stage is tested alone.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from mapper import schema
from mapper.frames import build_frames
from mapper.model import Article, Count, Endpoint, Evidence, Figure, Mention, Movement, Place, Resolution
from mapper.pipeline import Extraction

TEXT = (
    "About 300 families fled Northtown for Southville and Eastport on Monday. "
    "Up to 9,000 people could leave Northtown in all. Nobody knows where Zzyzx is."
)


def _span(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def _mention(word: str, nth: int = 0) -> Mention:
    start, end = _span(word, nth)
    return Mention(text=word, start=start, end=end, key=word.lower())


PLACES = {
    "Northtown": Place("test:north", "Northtown", "city", "XA", 10.0, 20.0, population=5000, source="test"),
    "Southville": Place("test:south", "Southville", "town", "XA", 9.0, 20.5, source="test"),
    "Eastport": Place("test:east", "Eastport", "admin1", "XA", 10.2, 22.0, source="test"),
}
ARTICLE = Article(text=TEXT, id="a1")


def _evidence(sentence: str) -> Evidence:
    start = TEXT.index(sentence)
    return Evidence("a1", sentence, start, start + len(sentence))


def _count(text: str, **kw) -> Count:
    start = TEXT.index(text)
    return Count(text=text, start=start, end=start + len(text), **kw)


S1 = "About 300 families fled Northtown for Southville and Eastport on Monday."
S2 = "Up to 9,000 people could leave Northtown in all."


@pytest.fixture
def frames():
    mentions = [_mention("Northtown"), _mention("Southville"), _mention("Eastport"), _mention("Northtown", 1), _mention("Zzyzx")]
    resolutions = [
        Resolution(m, PLACES.get(m.text), confidence=0.9 if m.text in PLACES else 0.0)
        for m in mentions
    ]
    movement = Movement(
        origins=(Endpoint(mentions[0]),),
        destinations=(Endpoint(mentions[1]), Endpoint(mentions[2])),
        figures=(
            Figure(_count("About 300 families", value=300, approximate=True, qualifier="about", unit="families"), "event", "completed", _evidence(S1)),
            Figure(_count("Up to 9,000 people", value=9000, high=9000, qualifier="up to"), "cumulative", "planned", _evidence(S2)),
        ),
        evidence=(_evidence(S1), _evidence(S2)),
        event_id="e1",
    )
    only_origin = Movement(origins=(Endpoint(mentions[3]),), destinations=(), evidence=(_evidence(S2),))
    unplaced = Movement(origins=(Endpoint(mentions[4]),), destinations=(Endpoint(mentions[1]),), evidence=(_evidence(S1),))
    return build_frames(ARTICLE, resolutions, [movement, only_origin, unplaced])


@pytest.mark.parametrize("name", ["mentions", "places", "flows", "events"])
def test_frames_honour_the_contract(frames, name):
    schema.validate(name, frames[name])
    assert list(frames[name].columns[: len(schema.FRAME_COLUMNS[name])]) == list(schema.FRAME_COLUMNS[name])


def test_unresolved_mentions_are_kept_without_geometry(frames):
    mentions = frames["mentions"]
    assert len(mentions) == 5
    zzyzx = mentions[mentions.text == "Zzyzx"].iloc[0]
    assert zzyzx.geometry is None and pd.isna(zzyzx.place_id)


def test_places_are_distinct_with_mention_counts(frames):
    places = frames["places"].set_index("place_id")
    assert places.loc["test:north", "n_mentions"] == 2
    assert set(places.index) == {"test:north", "test:south", "test:east"}


def test_one_figure_for_two_destinations_is_shared_not_divided(frames):
    flows = frames["flows"]
    shared = flows[flows.origin == "Northtown"]
    assert sorted(shared.destination) == ["Eastport", "Southville"]
    assert shared.group_id.nunique() == 1 and shared.shared.all()
    # each edge carries the whole figure: nothing divided, nothing summed
    assert list(shared["count"]) == [300, 300]
    figures = json.loads(shared.iloc[0].figures)
    assert [(f["value"], f["high"], f["scope"], f["status"]) for f in figures] == [
        (300, None, "event", "completed"),
        (9000, 9000, "cumulative", "planned"),
    ]
    assert figures[1]["sentence"] == S2


def test_flow_lines_run_from_origin_to_destination(frames):
    row = frames["flows"].iloc[0]
    coords = list(row.geometry.coords)
    assert coords[0] == (20.0, 10.0)
    assert coords[-1] in {(20.5, 9.0), (22.0, 10.2)}


def test_evidence_points_into_the_article(frames):
    for _, row in frames["flows"].iterrows():
        assert TEXT[row.char_start : row.char_end] == row.sentence


def test_one_known_end_is_an_event_and_nothing_is_guessed(frames):
    events = frames["events"]
    # the origin-only movement, and the movement whose origin could not be placed
    assert sorted(zip(events.place, events.role)) == [("Northtown", "origin"), ("Southville", "destination")]
    assert "Zzyzx" not in set(frames["flows"].origin)


def test_exports_are_deterministic_and_complete(frames, tmp_path):
    ex = Extraction(**frames, articles=(ARTICLE,))
    first, second = ex.to_json(), Extraction(**frames, articles=(ARTICLE,)).to_json()
    assert first == second
    data = json.loads(first)
    assert set(data) == {"mentions", "places", "flows", "events"}
    assert all(fc["type"] == "FeatureCollection" for fc in data.values())
    assert set(schema.FLOW_COLUMNS) <= set(data["flows"]["features"][0]["properties"])


@pytest.mark.parametrize("suffix", ["json", "geojson", "gpkg", "csv", "parquet"])
def test_to_file_writes_every_format(frames, tmp_path, suffix):
    ex = Extraction(**frames, articles=(ARTICLE,))
    out = ex.to_file(tmp_path / f"out.{suffix}")
    assert out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left
    if suffix == "gpkg":
        import pyogrio

        assert {name for name, _ in pyogrio.list_layers(out)} == {"mentions", "places", "flows", "events"}


def test_arrow_evidence_is_the_sentence_naming_the_destination():
    # the figure comes from S2; the destination is named in S1
    origin, destination = _mention("Northtown", 1), _mention("Southville")
    movement = Movement(
        origins=(Endpoint(origin),),
        destinations=(Endpoint(destination),),
        figures=(Figure(_count("Up to 9,000 people", value=9000, high=9000), "cumulative", "planned", _evidence(S2)),),
        evidence=(_evidence(S2), _evidence(S1)),
    )
    resolutions = [Resolution(origin, PLACES["Northtown"], 0.9), Resolution(destination, PLACES["Southville"], 0.9)]
    flow = build_frames(ARTICLE, resolutions, [movement])["flows"].iloc[0]
    assert flow.sentence == S1 and TEXT[flow.char_start : flow.char_end] == S1
    assert flow.count_text == "Up to 9,000 people"
    assert json.loads(flow.figures)[0]["sentence"] == S2


def test_period_and_publication_date_become_iso_columns():
    import datetime as dt

    from mapper.model import Period

    origin, destination = _mention("Northtown"), _mention("Southville")
    on_monday = _span("on Monday")
    movement = Movement(
        origins=(Endpoint(origin),),
        destinations=(Endpoint(destination),),
        evidence=(_evidence(S1),),
        period=Period(dt.date(2031, 3, 3), dt.date(2031, 3, 3), "on Monday", *on_monday),
    )
    article = Article(text=TEXT, id="a1", published=dt.date(2031, 3, 5))
    resolutions = [Resolution(origin, PLACES["Northtown"], 0.9), Resolution(destination, PLACES["Southville"], 0.9)]
    flow = build_frames(article, resolutions, [movement])["flows"].iloc[0]
    assert (flow.date_start, flow.date_end, flow.date_text, flow.date_precision) == ("2031-03-03", "2031-03-03", "on Monday", "day")
    assert flow.published == "2031-03-05"


@pytest.mark.parametrize(
    "geometry",
    [(0.0, 0.0), (12.5, 41.9), (-179.99, -89.5), ((1.0, 2.0), (3.0, 4.5)), ((-73.9, 40.7), (2.35, 48.86))],
)
def test_wkb_hex_is_what_shapely_writes(geometry):
    import shapely
    from shapely.geometry import LineString, Point

    from mapper.frames import wkb_hex

    shape = LineString(geometry) if isinstance(geometry[0], tuple) else Point(geometry)
    assert wkb_hex(geometry) == shapely.to_wkb(shape, hex=True)
    assert shapely.from_wkb(bytes.fromhex(wkb_hex(geometry))).equals(shape)


def test_frames_take_coordinates_or_geometries():
    from shapely.geometry import Point

    from mapper.frames import frame_from_rows

    rows = [{"text": "a", "geometry": (1.0, 2.0)}, {"text": "b", "geometry": None}, {"text": "c", "geometry": Point(3, 4)}]
    frame = frame_from_rows(rows, "mentions")
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.iloc[0].equals(Point(1, 2)) and frame.geometry.iloc[1] is None
    assert frame.geometry.iloc[2].equals(Point(3, 4))
