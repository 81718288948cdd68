"""Acceptance: the seed article, end to end (issue 2, "Done when").

These expectations are about one real article; the code under mapper/ knows
nothing of it: places come from the gazetteer, movements from general rules.
"""

from __future__ import annotations

import json
import math
import re

import pytest


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "dozen": 12, "hundred": 100, "thousand": 1000, "million": 1e6,
}


def _numbers_in(text: str) -> set[float]:
    """Numbers written in *text*, in digits or as words."""
    digits = {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}
    words = {v for w, v in NUMBER_WORDS.items() if re.search(rf"\b{w}s?\b", text, re.IGNORECASE)}
    return digits | words


@pytest.fixture(scope="module")
def ex(seed_extraction):
    return seed_extraction.validate()


def test_the_district_resolves_to_the_curated_entry_with_a_source(ex):
    rows = ex.mentions[ex.mentions.text.str.contains("Waer")]
    assert len(rows) >= 3
    assert rows.place_id.nunique() == 1
    point = rows.geometry.iloc[0]
    assert _km(point.y, point.x, 34.737, 36.665) <= 3.0
    place = ex.places.set_index("place_id").loc[rows.place_id.iloc[0]]
    assert place.feature_type == "district"
    assert place.source and place.source.strip()


def test_two_flows_one_shared_group_from_the_district(ex):
    flows = ex.flows
    assert len(flows) == 2, flows[["origin", "destination"]]
    assert flows.group_id.nunique() == 1 and flows.shared.all()
    assert flows.origin_id.nunique() == 1
    waer = ex.mentions[ex.mentions.text.str.contains("Waer")].place_id.iloc[0]
    assert flows.origin_id.iloc[0] == waer
    ends = {row.destination: row.geometry.coords[-1] for row in flows.itertuples()}
    governorate = [name for name in ends if "Idlib" in name]
    assert governorate, ends
    assert ex.places.set_index("name").loc[governorate[0], "feature_type"] == "admin1"
    town = [xy for name, xy in ends.items() if name not in governorate][0]
    assert _km(town[1], town[0], 36.82, 38.01) <= 5.0


def test_the_group_carries_both_figures_with_their_meaning(ex):
    figures = json.loads(ex.flows.figures.iloc[0])
    by_number = {f["value"]: f for f in figures if f["value"] is not None}
    phase, total = by_number[2500], by_number[20000]
    assert phase["approximate"] and phase["scope"] == "event"
    assert total["high"] == 20000 and total["qualifier"] == "up to"
    assert total["scope"] == "cumulative" and total["status"] == "planned"
    # never summed, never divided
    assert set(ex.flows["count"].dropna()) <= {2500, 20000}
    for f in figures:
        assert ex.articles[0].text[f["char_start"] : f["char_end"]] == f["sentence"]


def test_no_flow_from_background_mentions_or_stayers(ex):
    named = set(ex.flows.origin) | set(ex.flows.destination)
    assert not {"Damascus", "Aleppo"} & named
    stayers = ex.articles[0].text.index("Some will stay")
    assert not ((ex.flows.char_start <= stayers) & (ex.flows.char_end > stayers)).any()


def test_every_number_shown_is_in_the_article(ex):
    written = _numbers_in(ex.articles[0].text)
    for frame in (ex.flows, ex.events):
        for row in frame.itertuples():
            for f in json.loads(row.figures):
                for n in (f["value"], f["low"], f["high"]):
                    assert n is None or float(n) in written
