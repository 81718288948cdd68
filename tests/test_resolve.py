"""Context-aware resolution (sentences written for these tests)."""

from __future__ import annotations

import pytest

from mapper.geocode.resolve import haversine_km, resolve
from mapper.model import Mention
from mapper.places.toponyms import find_mentions


def resolved(text):
    ms = find_mentions(text)
    return {r.mention.text: r for r in resolve(text, ms)}


def test_one_resolution_per_mention_in_order():
    text = "Buses left Homs for Idlib and Damascus."
    ms = find_mentions(text)
    rs = resolve(text, ms)
    assert [r.mention for r in rs] == list(ms)


def test_district_with_feature_word_resolves_to_curated_district():
    r = resolved("Fighters left the Wa'er district of Homs under a local truce.")["Wa'er district"]
    assert r.place.place_id == "curated:al-waer-homs"
    assert haversine_km(r.place.lat, r.place.lon, 34.737, 36.665) < 3


def test_province_hint_picks_admin1_and_bare_name_picks_city():
    rs = resolved("Shelling hit Idlib province while Hama stayed calm. Later Aleppo was cut off.")
    assert rs["Idlib province"].place.feature_type == "admin1"
    assert rs["Idlib province"].place.country_code == "SY"
    assert rs["Aleppo"].place.feature_type == "city"


@pytest.mark.parametrize(
    ("text", "cc"),
    [
        # news style writes bare "Congo" for the Democratic Republic; beside Brazzaville it is the other
        ("In Congo, 5,000 people fled their homes.", "CD"),
        ("Rebels attacked Beni in eastern Congo.", "CD"),
        ("Refugees arrived in Brazzaville, Congo.", "CG"),
    ],
)
def test_bare_congo(text, cc):
    assert resolved(text)["Congo"].place.country_code == cc


def test_a_territory_is_a_second_level_area():
    # "X territory" names the DR Congo's second level, not a province abroad of the same name
    r = resolved("Nearly 40,000 people remain displaced in Beni territory.")["Beni territory"]
    assert (r.place.country_code, r.place.feature_type) == ("CD", "admin2")


@pytest.mark.parametrize(
    ("text", "mention", "cc"),
    [
        ("Flooding forced people out of Paris, Texas, on Sunday.", "Paris", "US"),
        ("Officials in Kenya said Garissa and Dadaab were full.", "Garissa", "KE"),
        ("Clashes in Syria spread from Homs to Hama.", "Hama", "SY"),
    ],
)
def test_context_steers_country(text, mention, cc):
    assert resolved(text)[mention].place.country_code == cc


def test_container_after_comma():
    r = resolved("Storms damaged roofs in Springfield, Illinois.")["Springfield"]
    assert r.place.admin1 == "Illinois"


def test_unknown_name_is_unresolved_not_guessed():
    text = "They reached Qwzxvbnm at night."
    m = Mention(text="Qwzxvbnm", start=13, end=21, key="qwzxvbnm")
    (r,) = resolve(text, (m,))
    assert r.place is None and r.confidence == 0.0


def test_confidence_and_alternatives():
    r = resolved("Many fled to Damascus.")["Damascus"]
    assert 0 < r.confidence <= 1
    assert r.place.country_code == "SY"
    assert all(a.place_id != r.place.place_id for a in r.alternatives)


def test_demonym_resolves_to_its_country():
    rs = resolve("Syrians crossed.", find_mentions("Syrians crossed."))
    assert rs[0].place.place_id == "geonames:163843"


def test_streets_are_named_but_not_placed():
    (r,) = [r for r in resolve("Families camped on Tunis Road.", find_mentions("Families camped on Tunis Road."))
            if r.mention.text == "Tunis Road"]
    assert r.place is None


def test_gold_span_demonym_resolves_to_country():
    text = "Kenyan officials met at the border."
    (r,) = resolve(text, (Mention(text="Kenyan", start=0, end=6, key="kenyan"),))
    assert r.place.country_code == "KE" and r.place.feature_type == "country"


def test_place_stated_inside_a_county_without_namesake_there():
    text = "Qwzxville is a village in Laurel County, Kentucky, United States."
    m = Mention(text="Qwzxville", start=0, end=9, key="qwzxville")
    (r,) = resolve(text, (m,))
    # No entry is called Qwzxville: the text's own container places it, flagged as approximate.
    assert r.place is None or r.place.source.startswith("approximate")
    known = "Springfield is a city in Sangamon County, Illinois."
    ms = find_mentions(known)
    rs = {x.mention.text: x for x in resolve(known, ms)}
    assert rs["Springfield"].place.admin1 == "Illinois"
    assert not rs["Springfield"].place.source.startswith("approximate")


def test_resolution_is_deterministic_and_context_optional():
    text = "Aid reached Homs and Hama in Syria."
    ms = find_mentions(text)
    a = resolve(text, ms)
    b = resolve(text, ms, context=ms)
    assert [r.place.place_id for r in a] == [r.place.place_id for r in b]


def test_small_foreign_spelling_match_is_not_guessed():
    text = "Families walked from El Fasher in North Darfur, Sudan, to Tawila over three days."
    rs = {r.mention.text: r for r in resolve(text, find_mentions(text))}
    assert rs["El Fasher"].place.country_code == "SD"
    # The only entry spelled like Tawila is a village in Yemen: reported unresolved, not guessed.
    assert rs["Tawila"].place is None
    assert rs["Tawila"].alternatives


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        # Only a US post-office place bears the name; the story is about Alberta: leave it open.
        ("Crews in Alberta told people near Sand Coulee to go to Edmonton. Alberta and "
         "Saskatchewan opened shelters, officials in Calgary said.", "Sand Coulee", None),
        # The same name in a Montana story is the Montana place.
        ("Crews in Montana told people near Sand Coulee to go to Great Falls, Montana.", "Sand Coulee", "US"),
    ],
)
def test_us_postal_place_needs_us_context(text, mention, expected):
    r = resolved(text)[mention]
    if expected is None:
        assert r.place is None and r.alternatives
    else:
        assert r.place.country_code == expected


@pytest.mark.parametrize(
    ("text", "mention", "cc"),
    [
        ("Residents of al-Foua and Kafraya boarded buses in Idlib province.", "al-Foua", "SY"),
        ("Residents of al-Foua and Kafraya boarded buses in Idlib province.", "Kafraya", "SY"),
        ("Villagers fled Maungdaw in Rakhine for Bangladesh.", "Maungdaw", "MM"),
    ],
)
def test_curated_evacuation_towns(text, mention, cc):
    r = resolved(text)[mention]
    assert r.place.place_id.startswith("curated:") and r.place.country_code == cc


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("Fires burned near Springfield, Chatham and Decatur.", "Illinois"),
        ("Fires burned near Springfield, Chicopee and Holyoke.", "Massachusetts"),  # sure already
        ("Water rose in Columbia, Fulton and Jefferson City.", "Missouri"),
    ],
)
def test_places_that_lie_together_explain_each_other(text, admin1, monkeypatch):
    from mapper.geocode import resolve as module

    with_coherence = resolve(text, find_mentions(text))
    monkeypatch.setitem(module.WEIGHTS, "coherence", 0.0)
    without = resolve(text, find_mentions(text))
    assert {r.place.admin1 for r in with_coherence} == {admin1}
    # Mutual support makes the cluster surer of itself, never less sure.
    assert all(a.confidence >= b.confidence - 1e-9 for a, b in zip(with_coherence, without))
    assert sum(a.confidence for a in with_coherence) >= sum(b.confidence for b in without)


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Aid reached Mexico, Puebla and Toluca this week.", "Mexico"),
        ("Rain fell across Brazil, in Manaus and Belem.", "Brazil"),
    ],
)
def test_a_country_is_not_displaced_by_a_namesake_city_near_its_towns(text, mention):
    rs = {r.mention.text: r.place for r in resolve(text, find_mentions(text))}
    assert rs[mention].feature_type == "country"


@pytest.mark.parametrize(("abbreviation", "state"), [("NSW", "New South Wales"), ("Qld", "Queensland")])
def test_australian_state_abbreviations(abbreviation, state):
    from mapper import resolve_mentions

    text = f"Floods cut roads across {abbreviation} on Sunday."
    start = text.index(abbreviation)
    row = resolve_mentions(text, [(start, start + len(abbreviation))]).iloc[0]
    assert row["name"] == state and row.feature_type == "admin1"


def test_a_cluster_that_was_unsure_becomes_surer(monkeypatch):
    from mapper.geocode import resolve as module

    text = "Fires burned near Springfield, Chatham and Decatur."
    with_coherence = resolve(text, find_mentions(text))
    monkeypatch.setitem(module.WEIGHTS, "coherence", 0.0)
    without = resolve(text, find_mentions(text))
    assert with_coherence[0].confidence > without[0].confidence + 0.1


def _by_start(text):
    return {r.mention.start: r for r in resolve(text, find_mentions(text))}


def test_every_stated_container_must_hold_the_place():
    # Chester, New York (Orange County) is in New York but not in Warren County: the text
    # rules it out, so both mentions take the county's point, flagged as approximate.
    text = "Chester is a small town in Warren County, New York. The town of Chester has a lake."
    rs = _by_start(text)
    first, second = rs[0], rs[text.rindex("Chester")]
    assert first.place.source.startswith("approximate")
    assert second.place == first.place
    assert haversine_km(first.place.lat, first.place.lon, 43.6, -73.8) < 60


@pytest.mark.parametrize(
    ("text", "name", "lat", "lon"),
    [
        # a compass word between "in" and the container
        ("Bolivar is an unincorporated community in northern Denton County, Texas.", "Bolivar", 33.2, -97.1),
        # "in the state of" between two containers
        ("Chamba is a town in Tehri Garhwal district in the state of Uttarakhand, India.", "Chamba", 30.1, 79.0),
    ],
)
def test_stated_container_phrasings(text, name, lat, lon):
    r = _by_start(text)[text.index(name)]
    assert r.place is not None and r.place.source.startswith("approximate")
    assert haversine_km(r.place.lat, r.place.lon, lat, lon) < 120


def test_a_list_of_places_is_not_a_chain_of_containers():
    text = "Shops opened in Nashville and Cordova, Tennessee, Richmond, Virginia, and Orlando, Florida."
    r = _by_start(text)[text.index("Cordova")]
    assert r.place.admin1 == "Tennessee" and not r.place.source.startswith("approximate")


def test_a_namesake_abroad_is_not_taken_against_the_text():
    # Every Lakeport the gazetteer knows is in North America; the text puts this one in Bolivia.
    text = "Lakeport is a village in Bolivia, close to the borders with Peru and Brazil."
    rs = _by_start(text)
    assert rs[0].place is None and rs[0].alternatives
    assert all(a.country_code != "BO" for a in rs[0].alternatives)


@pytest.mark.parametrize(
    "text, name, cc",
    [
        # the country that owns a place holds it: no namesake abroad, and the right one kept
        ("An earthquake struck New Zealand's South Island early on Monday.", "South Island", None),
        ("Floods hit Pakistan's Sindh province.", "Sindh", "PK"),
        ("Refugees reached Kenya's Dadaab camp.", "Dadaab", "KE"),
    ],
)
def test_a_country_holds_what_it_owns(text, name, cc):
    r = _by_start(text)[text.index(name)]
    assert (r.place.country_code if r.place else None) == cc


def test_a_stated_place_is_recognised_at_the_start_of_a_sentence():
    text = "Chester is a town in Warren County, New York."
    assert [m.text for m in find_mentions(text)][0] == "Chester"


def test_a_county_its_state_does_not_hold_was_misread():
    text = "Easton is a town in Fairfield County, Connecticut, United States."
    r = _by_start(text)[0]
    assert r.place.admin1 == "Connecticut"


@pytest.mark.parametrize("part", ["a suburb of", "a neighbourhood in", "a district of"])
def test_part_of_a_town_lies_beside_it(part):
    # Every Lakeport the gazetteer knows is in North America.
    text = f"Lakeport is {part} Harare, Zimbabwe. Water ran out in Lakeport."
    rs = _by_start(text)
    first = rs[0]
    assert first.place.source.startswith("approximate")
    assert haversine_km(first.place.lat, first.place.lon, -17.83, 31.05) < 30
    assert rs[text.rindex("Lakeport")].place == first.place


@pytest.mark.parametrize(
    ("text", "name", "place_id"),
    [
        ("Hundreds of migrants drowned crossing the Mediterranean to Italy.", "Mediterranean", "curated:mediterranean-sea"),
        ("Families who fled the Middle East reached Germany in the spring.", "Middle East", "curated:middle-east"),
        ("Boats drifted in the Andaman Sea for weeks before reaching Aceh.", "Andaman Sea", "curated:andaman-sea"),
    ],
)
def test_seas_and_world_regions_of_refugee_routes(text, name, place_id):
    # "Middle East" is also a village in Maryland: the curated region is what news means.
    assert resolved(text)[name].place.place_id == place_id


@pytest.mark.parametrize(
    ("text", "name", "feature_type"),
    [
        # provinces in a list: none lies in the next
        ("A state of emergency covers Tumbes, Cajamarca, Lima, Tacna and Moquegua regions.", "Lima", None),
        ("The right to flee a war zone, in Mosul, Kirkuk, or anywhere else, must be respected.", "Mosul", "city"),
        # no kind of place is stated: "the war in Yemen" does not contain Iraq
        ("As the world watches Syria and Iraq, the war in Yemen goes unreported.", "Iraq", "country"),
    ],
)
def test_lists_and_loose_phrases_are_not_containers(text, name, feature_type):
    r = _by_start(text)[text.index(name)]
    assert r.place is not None and not r.place.source.startswith("approximate")
    assert feature_type is None or r.place.feature_type == feature_type


def test_a_river_in_a_province_carries_the_province_as_an_approximate_fallback():
    # Issue 15: a river the gazetteer lacks is placed where the text puts it, flagged as
    # approximate and with a low confidence (a province's point is far from most of a river).
    text = "The Condamine River in Queensland burst its banks near Chinchilla."
    r = _by_start(text)[text.index("Condamine")]
    assert r.mention.feature_hint == "water"
    assert r.place.source.startswith("approximate") and r.place.admin1 == "Queensland"
    assert r.confidence <= 0.1


def test_a_camp_named_in_a_list_of_camps_is_the_curated_camp():
    rs = {r.mention.text: r for r in resolve("Aid reached the Zaatari and Azraq camps.",
                                             find_mentions("Aid reached the Zaatari and Azraq camps."))}
    assert rs["Azraq camps"].place.place_id == "curated:azraq-camp"
    assert rs["Zaatari"].place.place_id == "curated:zaatari-camp"


@pytest.mark.parametrize(
    ("text", "mention", "place_id"),
    [
        # a union of states and a disputed region beat the village and the province that
        # share their names only by spelling or by an alternate name
        ("Most asylum seekers who reach the EU apply in two of its states.", "EU", "curated:european-union"),
        ("Shelling along the line of control drove families out of Kashmir.", "Kashmir", "curated:kashmir"),
        ("Families from the former Soviet Union settled in the north.", "Soviet Union", "curated:soviet-union"),
    ],
)
def test_unions_and_regions_named_in_displacement_news(text, mention, place_id):
    assert resolved(text)[mention].place.place_id == place_id


def test_a_village_called_like_a_union_keeps_its_name_where_it_is_written_so():
    r = resolved("Eu is a small town in Normandy, France.")["Eu"]
    assert (r.place.feature_type, r.place.country_code) == ("village", "FR")


def test_the_people_of_a_region_are_placed_in_the_region():
    r = resolved("Thousands of Tigrayans crossed into Sudan.")["Tigrayans"]
    assert (r.place.feature_type, r.place.country_code) == ("admin1", "ET")


@pytest.mark.parametrize(
    ("text", "mention", "cc"),
    [
        # plain "Gaza" is the Strip in news; Mozambique's province is written with its feature
        # word or beside its country
        ("Air strikes hit Gaza overnight and families fled south.", "Gaza", "PS"),
        ("Floods hit Gaza province on Monday.", "Gaza province", "MZ"),
        ("Flooding in Maputo and Gaza displaced thousands in Mozambique.", "Gaza", "MZ"),
    ],
)
def test_gaza_is_the_strip_unless_the_text_says_mozambique(text, mention, cc):
    assert resolved(text)[mention].place.country_code == cc


@pytest.mark.parametrize(("text", "mention"), [("Gangs drove families out of Port-au-Prince.", "Port-au-Prince"),
                                              ("Shelling hit Deir ez-Zor again.", "Deir ez-Zor")])
def test_names_joined_by_a_french_or_arabic_article_are_one_name(text, mention):
    assert resolved(text)[mention].place is not None


@pytest.mark.parametrize(
    ("text", "mention", "cc"),
    [
        ("Families fled El Fasher for Zamzam camp.", "Zamzam camp", "SD"),
        ("New arrivals crossed from Burundi and reached Nduta.", "Nduta", "TZ"),
        # a camp whose bare name is also a surname is known only with its feature words
        ("Refugees reached the Mahama refugee camp in Rwanda.", "Mahama refugee camp", "RW"),
    ],
)
def test_curated_camps(text, mention, cc):
    r = resolved(text)[mention]
    assert (r.place.feature_type, r.place.country_code) == ("camp", cc)


def test_a_camps_name_that_is_a_surname_alone_stays_a_person():
    assert "Mahama" not in resolved("Former president John Mahama spoke. Mahama thanked voters.")


@pytest.mark.parametrize(
    ("text", "mention", "cc"),
    [
        ("Floods in Sumatra displaced thousands.", "Sumatra", "ID"),
        ("A typhoon made landfall on Luzon.", "Luzon", "PH"),
        ("Clashes in the Rift Valley drove families from their farms.", "Rift Valley", "KE"),
    ],
)
def test_islands_and_former_provinces_are_regions(text, mention, cc):
    r = resolved(text)[mention]
    assert (r.place.feature_type, r.place.country_code) == ("region", cc)


def test_a_police_unit_is_not_a_valley():
    assert resolved("A SWAT team surrounded the house.") == {}


def test_a_camp_known_under_two_keys_is_one_candidate():
    # "Zamzam camp" is the camp's name and "Zamzam" one of its alternates
    from mapper.geocode.offline import OfflineGeocoder

    ids = [loc.raw["place_id"] for loc in OfflineGeocoder().geocode("Zamzam camp", exactly_one=False)]
    assert ids and len(ids) == len(set(ids))
