"""Issue 15: wide areas keep their names, and named facilities fall back to a stated container.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from mapper.geocode.names import mention_for_span
from mapper.geocode.resolve import haversine_km, resolve
from mapper.places.toponyms import find_mentions

_AREAS = {"country", "admin1", "region"}


def _resolved(text):
    return {r.mention.text: r for r in resolve(text, find_mentions(text))}


def _gold(text, *names):
    """Resolve given spans, as the benchmark does with gold spans."""
    ms = tuple(mention_for_span(text, text.index(n), text.index(n) + len(n)) for n in names)
    return {r.mention.text: r for r in resolve(text, ms)}


@pytest.mark.parametrize(
    ("text", "name", "wide"),
    [
        # a country named in a story set elsewhere, beside a state holding a namesake town
        ("Families who fled Lebanon were resettled in Ohio last spring.", "Lebanon", "country"),
        ("Two brothers from Jordan opened a bakery in Minnesota.", "Jordan", "country"),
        ("Asylum seekers from Peru waited at a shelter in Indiana.", "Peru", "country"),
        # a dateline naming the capital does not make the country its capital
        ("KUWAIT CITY - Kuwait will take in 300 families, officials said on Sunday.", "Kuwait", "country"),
        ("PANAMA CITY - Panama has closed its southern border to migrants.", "Panama", "country"),
        # continents, oceans, seas and macro-regions
        ("Boats crossed the Pacific to reach Australia.", "Pacific", "ocean"),
        ("A ship carrying migrants sank in the Atlantic off Senegal.", "Atlantic", "ocean"),
        ("Fishermen pulled survivors from the Red Sea near Yemen.", "Red Sea", "sea"),
        ("Ministers from the Asia-Pacific met in Lima to discuss refugees.", "Asia-Pacific", "macro-region"),
        ("Drought has displaced herders across the Levant and the Maghreb.", "Levant", "macro-region"),
        ("Drought has displaced herders across the Levant and the Maghreb.", "Maghreb", "macro-region"),
        ("Returnees from the Middle East were counted in Maryland.", "Middle East", "macro-region"),
        ("Aid flights left Asia for Kenya on Monday.", "Asia", "continent"),
    ],
)
def test_a_wide_area_name_is_the_area_in_weak_context(text, name, wide):
    for r in (_resolved(text)[name], _gold(text, name)[name]):
        assert r.place is not None and r.place.feature_type in _AREAS, r.place
        assert r.place.feature_type == "country" if wide == "country" else r.place.feature_type == "region"


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("The fair opens in Mexico, Missouri, on Friday.", "Mexico", "Missouri"),
        ("Lebanon is a city in Boone County, Indiana.", "Lebanon", "Indiana"),
        ("Deputies from Boone County searched a house in Lebanon on Friday.", "Lebanon", "Indiana"),
    ],
)
def test_a_namesake_town_needs_the_text_to_name_its_container_or_kind(text, name, admin1):
    r = _resolved(text)[name]
    assert r.place.feature_type not in _AREAS
    assert admin1 is None or r.place.admin1 == admin1


@pytest.mark.parametrize(
    ("text", "adjective", "town", "cc"),
    [
        ("Floods hit the English city of York on Monday.", "English", "York", "GB"),
        ("The French town of Calais cleared a camp.", "French", "Calais", "FR"),
        ("Rain fell on the Welsh town of Bangor.", "Welsh", "Bangor", "GB"),
    ],
)
def test_a_peoples_adjective_is_their_country_or_area_never_a_village(text, adjective, town, cc):
    rs = _resolved(text)
    assert rs[adjective].mention.kind == "demonym"
    assert rs[adjective].place.feature_type in _AREAS and rs[adjective].place.country_code == cc
    assert rs[town].place.country_code == cc


def test_a_province_named_like_a_sea_is_the_province_with_its_feature_word():
    r = _resolved("Flooding hit Red Sea state in Sudan.")["Red Sea state"]
    assert (r.place.feature_type, r.place.country_code) == ("admin1", "SD")


def test_a_country_described_by_distance_from_a_town_is_the_namesake_there():
    text = "Hundreds left Lebanon, 30 miles east of Nashville, as the river rose."
    r = _resolved(text)["Lebanon"]
    assert r.place.country_code == "US"


@pytest.mark.parametrize(
    ("text", "name", "at", "found"),
    [
        ("Crowds gathered on Qwzx Street in Mombasa after the floods.", "Qwzx Street", (-4.05, 39.67), True),
        ("Crowds gathered on Qwzx Street in Homs after the shelling.", "Qwzx Street", (34.73, 36.72), True),
        ("The Qwzx River in Queensland burst its banks.", "Qwzx River", None, True),
        # recognition finds streets and waters; a building is placed when it is given (gold spans)
        ("Patients were moved from Aleppo's Qwzx Hospital overnight.", "Qwzx Hospital", (36.2, 37.16), False),
        ("Students at Qwzx University in Nairobi held a vigil.", "Qwzx University", (-1.28, 36.82), False),
    ],
)
def test_a_facility_the_gazetteer_lacks_falls_back_to_its_stated_container(text, name, at, found):
    for r in (_resolved(text)[name], _gold(text, name)[name]) if found else (_gold(text, name)[name],):
        assert r.place is not None and r.place.source.startswith("approximate")
        assert r.place.name == name and 0 < r.confidence <= 0.2
        assert at is None or haversine_km(r.place.lat, r.place.lon, *at) < 30


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Crowds gathered on Qwzx Street after the shelling.", "Qwzx Street"),
        ("Students at Qwzx University held a vigil.", "Qwzx University"),
        # a country is too coarse a point for a building
        ("Patients were moved to Qwzx Hospital in Syria.", "Qwzx Hospital"),
    ],
)
def test_a_facility_without_a_stated_town_or_province_stays_unplaced(text, name):
    assert _gold(text, name)[name].place is None


def test_a_later_mention_of_the_facility_follows_the_first():
    text = "Crowds gathered on Qwzx Street in Homs. By night Qwzx Street was empty."
    rs = [r for r in resolve(text, find_mentions(text)) if r.mention.text == "Qwzx Street"]
    assert len(rs) == 2 and rs[0].place == rs[1].place and rs[0].place is not None


def test_a_small_place_of_the_facilitys_name_inside_the_container_is_kept():
    # a suburb named like a creek: the entry inside the stated state is the one meant
    text = "Horses were held at Eastern Creek in New South Wales."
    r = _gold(text, "Eastern Creek")["Eastern Creek"]
    assert r.place is not None and not r.place.source.startswith("approximate")
    assert r.place.admin1 == "New South Wales"
