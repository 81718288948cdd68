"""Recognition of place names and demonyms in raw text (sentences written for these tests)."""

from __future__ import annotations

import pytest

from mapper.places.toponyms import find_mentions


def spans(text):
    return [(m.text, m.kind, m.feature_hint) for m in find_mentions(text)]


def toponyms(text):
    return [m.text for m in find_mentions(text) if m.kind == "toponym"]


def test_offsets_match_text_and_are_sorted():
    text = "Families walked from Aleppo to Gaziantep, then took buses toward Istanbul."
    ms = find_mentions(text)
    assert [m.text for m in ms] == ["Aleppo", "Gaziantep", "Istanbul"]
    assert all(text[m.start:m.end] == m.text for m in ms)
    assert [m.start for m in ms] == sorted(m.start for m in ms)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aid reached Daraa province on Monday.", ("Daraa province", "toponym", "admin1")),
        ("Convoys left Hama city before dawn.", ("Hama city", "toponym", "city")),
        ("New arrivals were sent to Kakuma refugee camp last week.", ("Kakuma refugee camp", "toponym", "camp")),
        ("Residents of the al-Wa'er district said the siege had ended.", ("al-Wa'er district", "toponym", "district")),
        ("They moved on to the town of Azaz.", ("Azaz", "toponym", "town")),
    ],
)
def test_feature_words_set_the_hint(text, expected):
    assert expected in spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "May was a hard month. Many families left in March.",
        "Some said the Human Rights Council would meet.",
        "Photo by: Reuters. Thousands waited at the gate.",
        "Officials said the Observatory for Human Rights counted the dead.",
        "The UN and the IS were mentioned.",
    ],
)
def test_no_false_toponyms_on_ordinary_words(text):
    assert toponyms(text) == []


def test_demonyms_are_kept_apart():
    ms = find_mentions("Syrian families and Russian officers met Kenyans near Mombasa.")
    kinds = {m.text: m.kind for m in ms}
    assert kinds == {"Syrian": "demonym", "Russian": "demonym", "Kenyans": "demonym", "Mombasa": "toponym"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Rain fell over Bosnia and Herzegovina.", "Bosnia and Herzegovina"),
        ("She flew to Rio de Janeiro.", "Rio de Janeiro"),
        ("Jordan's border stayed shut.", "Jordan"),
        ("He was born in St. Louis.", "St. Louis"),
    ],
)
def test_multiword_and_possessive_names(text, name):
    assert name in toponyms(text)


def test_common_word_place_kept_after_a_locative_preposition():
    assert "Mobile" in toponyms("The storm moved inland after it hit Mobile, Alabama.")


@pytest.mark.parametrize(("text", "name"), [("the Indo-Pakistan border", "Pakistan"), ("in Guinea-Bissau", "Guinea-Bissau")])
def test_a_hyphen_after_a_combining_form_or_in_a_name_keeps_the_place(text, name):
    assert name in toponyms(text)


@pytest.mark.parametrize("text", ["Residents of Kalehe fled to the hills.", "The entire population of Kalehe fled."])
def test_a_district_known_only_by_name_is_a_place_of_its_people(text):
    # an area the gazetteer places only at its province's point needs a cue; its residents are one
    assert "Kalehe" in toponyms(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Officials in the U.S. and the U.K. agreed.", "U.S."),
        ("Rain flooded roads near Charleston, W.Va. on Friday.", "W.Va."),
        ("The bus crossed into B.C. at dawn.", "B.C."),
        ("Traffic stopped at Mobile, Ala. overnight.", "Ala."),
    ],
)
def test_abbreviations_keep_their_period(text, name):
    assert name in toponyms(text)


@pytest.mark.parametrize(
    "text",
    [
        "Scott Adkins told reporters the shelter was full. Adkins left at noon.",
        "Gov. Sanford spoke to the press.",
        "Shoppers crowded the Wal-Mart on Monday.",
        "Families gathered for Christmas dinner.",
        # a common first name before a surname that is also a town; the surname stays a person
        "James Walker won the seat. Walker thanked voters.",
        "Officers said Tyrise M. Bell ran. Bell was caught later.",
        # a name used as an adjective
        "Critics said the Obama administration acted late.",
        "Ministers of several Arab countries met on Monday.",
        # an organisation's premises; a name the text calls a people
        "Evacuees may stay at a Red Cross shelter.",
        # storms' names, also after a hyphen ("Chan-Hom")
        "Typhoon Haiyan struck at dawn.",
        "The rains ended after Chan-Hom, which forced many to leave.",
        "Clashes between the Twa and Luba, a Bantu ethnic group, went on. Luba elders met on Monday.",
    ],
)
def test_people_shops_and_holidays_are_not_places(text):
    assert toponyms(text) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a known name before an unknown one that is at most a village's is the start of a longer name the
        # gazetteer lacks, not the first word's place
        ("Families arrived in Ain Issa camp.", []),
        ("The whole town of Santa Olga was destroyed.", []),
        ("Guests left the Paris Hilton hotel.", []),
        # beside an area or a large city, each name is its own place
        ("Police in Nairobi Kenya said so.", ["Nairobi", "Kenya"]),
        ("Shelling hit Aleppo Syria overnight.", ["Aleppo", "Syria"]),
    ],
)
def test_a_name_that_begins_a_longer_unknown_name_is_not_its_first_words_place(text, names):
    assert toponyms(text) == names


def test_person_name_that_is_a_town_needs_a_cue():
    assert toponyms("Kevin said the road was closed.") == []
    assert "Kevin" in toponyms("The convoy reached Kevin, Montana, at dusk.")


def test_streets_and_rivers_are_named_with_a_hint():
    ms = {m.text: m.feature_hint for m in find_mentions("Water rose along the Jordan River and closed Tunis Road.")}
    assert ms.get("Jordan River") == "water"
    assert ms.get("Tunis Road") == "landmark"


def test_institution_names_keep_their_place():
    assert "Kenya" in toponyms("The Kenya Red Cross opened a clinic.")


def test_hyphenated_compounds_split():
    assert toponyms("UN-backed talks began in Geneva and Turkey-Syria border posts reopened.") == [
        "Geneva", "Turkey", "Syria"]


def test_possessive_inside_a_name_and_names_known_with_their_feature_word():
    names = toponyms("Boats reached Cox's Bazar while families moved into the Azraq camp.")
    assert names == ["Cox's Bazar", "Azraq camp"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Evacuees drove east to Rocky Mountain House on Friday.", "Rocky Mountain House"),
        ("Smoke reached Rocky Mountain House and Red Deer by noon.", "Rocky Mountain House"),
    ],
)
def test_town_named_after_relief_is_one_name(text, name):
    assert name in toponyms(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Texas officials ordered the evacuation.", "Texas"),
        ("Syria nationals crossed at dawn.", "Syria"),
        ("Crews worked across Walker County overnight.", "Walker County"),
        ("James Walker drove to Lincoln, Nebraska, on Friday.", "Lincoln"),
    ],
)
def test_places_survive_the_person_and_adjective_rules(text, name):
    assert name in toponyms(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Crews closed County Road 43 near the river.", "County Road 43"),
        ("Traffic on State Highway 360 stopped.", "State Highway 360"),
        ("They drove down Mill Road 2,000 times.", "Mill Road"),  # a count, not a road number
    ],
)
def test_a_road_number_is_part_of_the_road_name(text, name):
    ms = {m.text: m.feature_hint for m in find_mentions(text)}
    assert ms.get(name) == "landmark"


@pytest.mark.parametrize(
    "text",
    [
        "Officers said Michael Thomas, 24, faces five charges.",
        "Mayor Michael Harding spoke to the chamber.",
    ],
)
def test_a_tiny_province_named_like_a_person_does_not_make_the_person_a_place(text):
    # "Michael" is also a sheading of the Isle of Man (an admin-1 area of no population).
    assert "Michael" not in [m.text for m in find_mentions(text)]


def test_a_large_province_named_like_a_person_stays_a_place():
    assert "Victoria" in [m.text for m in find_mentions("Bushfires in Victoria forced thousands to leave.")]


@pytest.mark.parametrize("text", ["Crowds in Dublin marked St. Patrick's Day.", "Parades for St. George’s Day began."])
def test_a_saints_day_is_not_a_place(text):
    assert not [m.text for m in find_mentions(text) if m.text.startswith("St.")]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Shelling hit Mosul Monday and Kirkuk Tuesday.", ["Mosul", "Kirkuk"]),  # a weekday is no surname
        ("A crash was reported in Alexandria Friday night.", ["Alexandria"]),
    ],
)
def test_a_weekday_after_a_name_does_not_hide_it(text, names):
    assert [m.text for m in find_mentions(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Troopers of the Florida Highway Patrol closed the road.", ["Florida"]),
        ("The Jordan River Authority said water was short.", ["Jordan"]),
        ("Cars queued on Highway 19 north of the bridge.", ["Highway 19"]),
    ],
)
def test_a_road_or_river_word_before_an_institution_names_the_institutions_place(text, names):
    assert [m.text for m in find_mentions(text)] == names


def test_a_street_named_after_two_towns_names_no_person():
    text = ("Work on Old Alton Edwardsville Road began. The City of Edwardsville has three districts, "
            "and downtown Edwardsville grew.")
    assert [m.text for m in find_mentions(text)].count("Edwardsville") == 2


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The meeting was held at the Mount Pleasant Civic Center.", "Mount Pleasant"),
        ("Fort Worth Police said two men were held.", "Fort Worth"),
    ],
)
def test_a_town_named_mount_or_fort_before_an_institution_is_the_town(text, name):
    (m,) = find_mentions(text)
    assert m.text == name and m.feature_hint is None  # the gazetteer's town, not an unplaced landmark


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dublin City Council heard a first reading on Monday.", "Dublin"),
        ("Kansas City Council voted on Monday.", "Kansas City"),  # Kansas alone is the state
        ("Families moved to Dublin City in 2009.", "Dublin City"),
    ],
)
def test_a_towns_city_council_is_the_town(text, name):
    assert [m.text for m in find_mentions(text)] == [name]


@pytest.mark.parametrize(
    ("text", "name", "hint"),
    [
        ("On Monday the Rock River stood at more than 24 feet.", "Rock River", "water"),  # not the hamlet
        ("Families fled across Lake Chad by boat.", "Lake Chad", None),  # a curated place
    ],
)
def test_a_river_stays_a_river_unless_curated(text, name, hint):
    (m,) = [m for m in find_mentions(text) if m.text == name]
    assert m.feature_hint == hint


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The fire spread quickly, according to Taylor, who leads the crews.", []),
        ("The Oakford Daily Herald reported that families left Lakeport.", ["Lakeport"]),
        ("Pupils at St. Mary's Catholic School in Rochester were sent home.", ["Rochester"]),
        ("Ships docked at St. John's, Newfoundland, on Monday.", ["St. John", "Newfoundland"]),
    ],
)
def test_sources_newspapers_and_saints_institutions_are_not_places(text, names):
    assert [m.text for m in find_mentions(text)] == names


@pytest.mark.parametrize(
    ("text", "demonyms"),
    [
        ("Officer Monica French said the grant was late.", []),
        ("French said the issue was raised with the auditors.", []),
        ("French troops left the base.", ["French"]),
        ("Syrians said they would return home.", ["Syrians"]),  # a people speaking
    ],
)
def test_a_demonym_used_as_a_surname_is_not_a_people(text, demonyms):
    assert [m.text for m in find_mentions(text) if m.kind == "demonym"] == demonyms


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The ambassador to the U.N., Samantha Power, said it.", []),
        ("Residents can call Kenai Police Dispatch at any hour.", ["Kenai"]),
        ("According to the Geneva-based monitoring centre, 800 people fled.", ["Geneva"]),
        ("Parcels waited at the Jalalabad Post Office.", ["Jalalabad"]),
        # a town named by a common word, cued by its people or by a leaving or reaching verb
        ("Half of Split's population left during the war.", ["Split"]),
        ("Families were forced to flee Reading overnight.", ["Reading"]),
        # an alternate spelling of a town, cued by "for" after a leaving or heading verb
        ("The last 900 fighters left Homs for Rawanduz.", ["Homs", "Rawanduz"]),
        ("Some 300 families headed for Mendali on Monday.", ["Mendali"]),
    ],
)
def test_place_cues_around_abbreviations_agencies_and_offices(text, names):
    assert [m.text for m in find_mentions(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Nine-year-old Georgia Stevens skates daily. Georgia began at four, said her coach.", []),
        ("Chad Smith said the camp in Chad was full.", ["Chad"]),  # "in Chad" is the country
        ("Floods hit a house in Oakford, south of Cairns, on Monday.", ["Oakford", "Cairns"]),
        ("Wesley Brookes, 18, of Regina was charged.", ["Regina"]),
        ("The Xinhua news agency reported the landslide.", []),
    ],
)
def test_first_names_bearings_and_agencies(text, names):
    assert [m.text for m in find_mentions(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # respellings of a large place's main name need no cue
        ("Shelling hit Daraa on Monday.", ["Daraa"]),
        ("Clashes hit Raqqa and Khan Sheikhoun overnight.", ["Raqqa", "Khan Sheikhoun"]),
        ("Families fled Maungdaw and Buthidaung.", ["Maungdaw", "Buthidaung"]),
        # a name from another language, or a word made from a small town's name, still does
        ("Hamas said the truce held.", []),
        ("The Ismaili community met on Friday.", []),
    ],
)
def test_respellings_of_large_places_are_names_without_a_cue(text, names):
    assert [m.text for m in find_mentions(text)] == names


def test_a_list_shares_its_plural_feature_word():
    ms = find_mentions("Shelling hit Daraa, Idlib and Quneitra provinces on Monday.")
    assert [(m.text, m.feature_hint) for m in ms] == [
        ("Daraa", "admin1"), ("Idlib", "admin1"), ("Quneitra provinces", "admin1")]


def test_a_feature_word_after_a_name_is_a_place_cue():
    ms = find_mentions("Aid reached the Zaatari and Azraq camps.")
    assert [(m.text, m.feature_hint) for m in ms] == [("Zaatari", "camp"), ("Azraq camps", "camp")]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a weekday before a name is no first name: the city stays a city, here and later
        ("Shortly after 9 a.m. Sunday Sacramento firefighters reached the levee. "
         "The mayor of Sacramento asked residents to leave.", ["Sacramento", "Sacramento"]),
        # "May" is both: as a first name it still makes a person
        ("A fifth victim, May Vance, died of a heart attack.", []),
        # a city's name after a title, borne by nobody, is a nickname: the city's other mentions stay
        ("Friends called him Mr. Pittsburgh for forty years. The mayor of Pittsburgh said the city "
         "would miss him.", ["Pittsburgh"]),
        # a real surname after a title is a person everywhere in the text
        ("Gov. Sanford spoke first. Later Sanford told reporters the roads were open.", []),
    ],
)
def test_weekdays_and_nicknames_do_not_make_a_place_a_person(text, names):
    assert toponyms(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a person's name is a person's even after "to" when the person owns what follows
        ("Deputies arrested Daniel Keith Marlow, 41, on Friday. Officers went to Marlow’s Elm Street home, "
         "where Marlow told them nothing.", ["Elm Street"]),
        # with no person of that name in the text, the town's possessive stays the town
        ("Hundreds of families went to Marlow’s town hall for help after the flood.", ["Marlow"]),
        # and "in Marlow" is the town even where a person bears the name
        ("Deputies arrested Daniel Keith Marlow, 41, on Friday. Relatives who live in Marlow were told.",
         ["Marlow"]),
    ],
)
def test_a_persons_possessive_after_to_is_the_persons(text, names):
    assert toponyms(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a country's English alias is a place with no cue, like the country's own name
        ("Britain has pledged to resettle more families this year.", ["Britain"]),
        ("“Burma was never safe for us,” one woman said.", ["Burma"]),
        # and an alias inside an organisation's name is not the country
        ("She won the Accessible America award.", []),
    ],
)
def test_a_countrys_alias_is_as_famous_as_its_name(text, names):
    assert toponyms(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # two cities joined by a hyphen are a route between them, both places
        ("The airline resumed its Lisbon-Warsaw flights in May.", ["Lisbon", "Warsaw"]),
        # a town and its county
        ("She toured the Paris-Henry County Heritage Center.", ["Paris", "Henry County"]),
        # a compound of a town and something else is still one brand ("Wal-Mart")
        ("A Wal-Mart opened beside the highway.", []),
    ],
)
def test_two_cities_joined_by_a_hyphen_are_both_places(text, names):
    assert toponyms(text) == names


def test_kosovo_is_a_country():
    from mapper.geocode.gazetteer import get_gazetteer

    top = get_gazetteer().candidates("Kosovo")[0].place
    assert (top.feature_type, top.country_code) == ("country", "XK")


@pytest.mark.parametrize(
    ("text", "demonyms"),
    [
        # an identity names no country's people
        ("African-American families and Native Americans lost their homes.", []),
        ("An Asian-Canadian charity paid for the buses.", []),
        # a country's name before a hyphen may be a joint venture: both peoples stay
        ("A Russian-American crew docked with the station.", ["Russian", "American"]),
        # the people of a region or a province are its demonym
        ("South Ossetians fled north; Ohioans and West Africans sent help.", ["South Ossetians", "Ohioans", "West Africans"]),
    ],
)
def test_identities_and_the_peoples_of_regions(text, demonyms):
    assert [m.text for m in find_mentions(text) if m.kind == "demonym"] == demonyms


def test_a_wider_regions_adjective_does_not_vouch_for_the_next_word():
    # "European" is a demonym, but "European Centre" is an institution: "Centre" is no place
    assert toponyms("The European Centre for Disease Prevention and Control issued advice.") == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a legislator's party and state: the state is a place
        ("The bill was opposed by Sen. Ann Dorsey, D-N.J., and two others.", ["N.J."]),
        ("Rep. Tom Waller, R-W. Va., chairs the panel.", ["W. Va."]),
        ("Sen. Ruth Ames (R-Texas) voted no.", ["Texas"]),
        # not every capital letter before a hyphen is a party
        ("The Grade D-N scale was retired.", []),
    ],
)
def test_a_party_affiliation_names_the_state(text, names):
    assert toponyms(text) == names


@pytest.mark.parametrize(
    "text",
    ["President Nandi visited the plant. Later Nandi spoke about jobs.",
     "Mayor Lincoln opened the park. Lincoln thanked the volunteers."],
)
def test_a_title_written_in_full_makes_the_next_name_a_persons(text):
    assert toponyms(text) == []


def test_a_less_common_first_name_still_makes_a_person():
    # "Rick" is rarer as a first name than "James", and an ordinary word too, but mid-sentence
    # and capitalised before a surname it is a first name: McKinney is a person here and later
    assert toponyms("The coach, Rick McKinney, retired. McKinney coached for 30 years.") == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a state's abbreviation inside a headline or a sentence is the state
        ("Missing Ill. man found safe", ["Ill."]),
        ("Western Mass. farmers brace for frost", ["Mass."]),
        # but "Mass." that ends a sentence is the service
        ("She attended Mass. The priest spoke of peace.", []),
    ],
)
def test_an_abbreviation_inside_a_sentence_is_a_place(text, names):
    assert toponyms(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # the town is called "Boulder City": its council is still the town's
        ("The Boulder City Council voted. Boulder City and its neighbours will share the cost.",
         ["Boulder City", "Boulder City"]),
        # "Dublin City Council" is Dublin's council
        ("The Dublin City Council met in Dublin.", ["Dublin", "Dublin"]),
    ],
)
def test_a_town_called_x_city_keeps_its_name_before_its_council(text, names):
    assert toponyms(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a town named like a person or a word, shown a place by its people, area or police
        ("The 41-year-old Concord resident was taken to hospital.", ["Concord"]),
        ("Deputies and Hurricane police found the two hikers.", ["Hurricane"]),
        ("Jerry Hughes said he had called the Lindsay Police twice.", ["Lindsay"]),
        # a sentence's first word before "area residents" is no place
        ("Many area residents lost power.", []),
    ],
)
def test_its_people_area_or_police_make_a_name_a_place(text, names):
    assert toponyms(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Officials of Metro Vancouver banned the practice.", ["Vancouver"]),
        ("The shop stands in Historic Dublin, near the river.", ["Dublin"]),
        ("The United Way of Metropolitan Atlanta paid for it.", ["Atlanta"]),
    ],
)
def test_a_capitalised_qualifier_before_a_city_is_no_first_name(text, names):
    assert toponyms(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The mound was built between 250 and 100 B.C. by farmers.", []),
        ("Snow fell across coastal B.C. overnight.", ["B.C."]),
        # a middle initial between a rare first name and a town's name makes a person
        ("Voters chose Irvin E. Rhodes. Rhodes thanked them.", []),
    ],
)
def test_eras_and_middle_initials_are_not_places(text, names):
    assert toponyms(text) == names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a state's code and a number name a road, not the state
        ("Crews closed W.Va. 61 near the bridge.", [("W.Va. 61", "landmark")]),
        ("Take KY 52 east to the lake.", [("KY 52", "landmark")]),
        # a state and a count stay a state
        ("He moved from Ala. 35 years ago.", [("Ala.", None)]),
    ],
)
def test_a_state_and_a_number_name_a_road(text, expected):
    assert [(m.text, m.feature_hint) for m in find_mentions(text)] == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a small town's name that begins another name after "the" is that other thing
        ("The play opens at the Canaan Theater on Friday.", []),
        # but the town's own offices and areas stay the town's
        ("A meeting with the Canaan Board of Finance is set for May.", ["Canaan"]),
    ],
)
def test_a_small_towns_name_starting_another_name_is_not_the_town(text, names):
    assert toponyms(text) == names


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        # compass words that share one name: the first is the area, not a place called "North"
        ("Fighting displaced 3,000 people in North and South Kivu.", ["north kivu", "south kivu"]),
        ("Floods hit East and Central Java.", ["east java", "central java"]),
        ("Rains hit Upper and Lower Saxony.", ["lower saxony"]),
    ],
)
def test_compass_words_share_one_name(text, keys):
    assert [m.key for m in find_mentions(text) if m.kind == "toponym"] == keys


def test_a_people_called_ethnic_is_no_place():
    text = "The refugees fled after clashes between ethnic Ingush and Ossetians."
    assert [m.text for m in find_mentions(text) if m.kind == "toponym"] == []


def test_a_heading_glued_on_by_lost_line_breaks_ends_the_name():
    text = "The affected states are Johor, Perak and TerengganuIMPACTSas of Monday, 2,000 people were displaced."
    assert [m.text for m in find_mentions(text) if m.kind == "toponym"] == ["Johor", "Perak", "Terengganu"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # an Arabic article joins the next word to the name: its first word alone is no place
        ("Civilians fled to Hamam al-Alil.", []),
        ("Civilians fled from Mosul to Ras al-Ain.", ["Mosul"]),
        ("The evacuees are from Wadi al-Natrun in Beheira.", ["Beheira"]),
        # a name the gazetteer knows with its article stays whole
        ("Civilians fled Jisr al-Shughour.", ["Jisr al-Shughour"]),
    ],
)
def test_the_first_word_of_a_longer_arabic_name_is_no_place(text, names):
    assert [m.text for m in find_mentions(text) if m.kind == "toponym"] == names
