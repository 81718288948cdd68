"""Places as displacement news writes them (issues 14 and 15): lists, feature words, rivers,
second-level areas, and namesakes abroad in a story clearly set elsewhere.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from mapper.geocode.gazetteer import PROVINCE_POINT_SOURCE
from mapper.geocode.resolve import resolve
from mapper.places.toponyms import find_mentions


def found(text: str) -> dict[str, object]:
    """Each toponym mention's text → its resolution (None when unplaced)."""
    return {r.mention.text: r for r in resolve(text, find_mentions(text)) if r.mention.kind == "toponym"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Shelters opened in Barnsley, Rochdale and Bury after the storm.", "Bury"),
        ("Families were moved from Oldham or Bury to drier ground.", "Bury"),
    ],
)
def test_a_locative_word_governs_a_whole_list(text, name):
    assert name in [m.text for m in find_mentions(text)]


def test_a_list_of_streets_is_not_a_list_of_towns():
    assert "Bury" not in [m.text for m in find_mentions("The crash happened at Elm and Bury streets.")]


def test_a_shared_plural_feature_word_makes_each_name_that_kind():
    rs = found("Water was cut off in Tyler and Wetzel counties overnight.")
    assert rs["Wetzel counties"].mention.feature_hint == "admin2"
    assert rs["Wetzel counties"].place.name == "Wetzel County"
    # the list's first name is a county too, and the one beside Wetzel
    assert rs["Tyler"].place.feature_type == "admin2"
    assert rs["Tyler"].place.admin1 == rs["Wetzel counties"].place.admin1


@pytest.mark.parametrize(
    ("text", "river"),
    [
        ("Boats were launched on the River Ouse as it burst its banks.", "River Ouse"),
        ("Families living along the Paraguay river were moved to higher ground.", "Paraguay river"),
    ],
)
def test_rivers_are_named_and_never_taken_for_a_namesake(text, river):
    rs = found(text)
    assert rs[river].mention.feature_hint == "water"
    assert rs[river].place is None or rs[river].place.feature_type != "country"


def test_river_road_is_a_road():
    assert all(m.feature_hint != "water" for m in find_mentions("Police closed River Road on Sunday."))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Thousands fled across the mountains to Ingushetia.", "Ingushetia"),
        ("Members of Gerakan Aceh Merdeka met envoys. Aceh was calm afterwards.", "Aceh"),
    ],
)
def test_a_province_is_found_by_its_other_name_and_is_nobody_s_surname(text, name):
    ms = [m for m in find_mentions(text) if m.text == name]
    assert ms and ms[-1].start == text.rindex(name)


def test_a_province_s_other_name_that_is_part_of_its_name_needs_a_cue():
    assert find_mentions("Cases of West Nile virus were confirmed.") == ()


@pytest.mark.parametrize(
    ("text", "name", "cc"),
    [
        ("Hundreds of families were moved to Langkat regency after the floods.", "Langkat regency", "ID"),
        ("The landslide struck Karbi Anglong district, officials in Assam said.", "Karbi Anglong district", "IN"),
    ],
)
def test_second_level_areas_without_a_namesake_town_sit_at_their_province(text, name, cc):
    r = found(text)[name]
    assert r.place.feature_type == "admin2" and r.place.country_code == cc
    assert r.place.source == PROVINCE_POINT_SOURCE  # approximate, and it says so


def test_a_second_level_area_known_only_by_name_needs_a_cue():
    assert "Lembata" not in [m.text for m in find_mentions("Lembata elders met on Monday.")]
    assert "Lembata" in [m.text for m in find_mentions("Aid reached people in Lembata on Monday.")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a small namesake village abroad
        ("Rivers burst their banks in Leeds, Bradford, Wakefield and Halifax in England, and Yorkshire "
         "was worst hit.", "Yorkshire"),
        # a province named by compass words alone, in another country
        ("Storms flooded Preston, Lancaster, Blackpool and Carlisle in England; the North West had a "
         "month's rain in a day.", "North West"),
    ],
)
def test_a_namesake_in_a_country_the_story_is_not_set_in_is_left_unplaced(text, name):
    assert found(text)[name].place is None


@pytest.mark.parametrize(
    ("text", "name", "cc"),
    [
        # a US story: the small town is in the country of the others
        ("Crews from Wheeling, Moundsville and Charleston reached New Martinsville, West Virginia.",
         "New Martinsville", "US"),
        # a wide area named by compass words is still the area ("Middle East" is no province)
        ("Refugees from Aleppo, Homs and Idlib in Syria crossed into Turkey and the wider Middle East.",
         "Middle East", None),
    ],
)
def test_the_story_s_own_places_are_kept(text, name, cc):
    r = found(text)[name]
    assert r.place is not None and r.place.country_code == cc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials from the Red Cross said 300 families had fled.", []),
        ("The families sheltered in Red Cross, North Carolina.", ["Red Cross", "North Carolina"]),
    ],
)
def test_a_hamlet_named_with_ordinary_words_needs_a_cue(text, expected):
    assert [m.text for m in find_mentions(text)] == expected


@pytest.mark.parametrize(
    "text",
    ["March 3, 2016 (LIMA) – Officials said the river rose.", "LIMA, Peru - Officials said the river rose."],
)
def test_a_short_capitalised_dateline_is_its_town(text):
    assert found(text)["LIMA"].place.country_code == "PE"


def test_a_short_acronym_is_still_no_place():
    assert found("The agency (UN) said (AFP) - nothing more.") == {}


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("At Leipzig the shelters were full by noon.", "Leipzig"),
        ("As Leipzig flooded, families left by train.", "Leipzig"),
        ("An Oslo official said the camp was closed.", "Oslo"),
    ],
)
def test_an_english_word_that_is_also_an_arabic_article_does_not_start_the_name(text, mention):
    assert [m.text for m in find_mentions(text)] == [mention]


def test_a_stated_village_is_never_a_second_level_area_at_its_provinces_point():
    from mapper.geocode.gazetteer import at_province_point, get_gazetteer

    gz = get_gazetteer()
    # Any name known only as a second-level area placed at its province's point.
    name = next(r.place.name for key in ("mbeya", "langkat", "karbi anglong", "bulolo", "mbozi")
                for r in [c for c in gz.candidates(key, normalised=True)] if at_province_point(r.place)
                and all(at_province_point(c.place) for c in gz.candidates(key, normalised=True)))
    text = f"About 40 households fled the {name} village after the river rose."
    (r,) = [r for r in resolve(text, find_mentions(text)) if r.mention.text.endswith("village")]
    assert r.place is None
