"""The whole pipeline on text of our own: offsets, pieces, options."""

from __future__ import annotations

import json

import pytest

import mapper
from mapper.model import Count, Evidence, Figure, Movement, Endpoint, Mention, shift_offsets
from mapper.pipeline import extract_records

PARAGRAPH = (
    "Some 1,200 people fled Aleppo for Idlib on Tuesday, aid workers said.\n\n"
    "Hundreds of families left Mosul for Erbil after the shelling.\n\n"
    "The weather in Lisbon was mild.\n\n"
)
ROUTES = [("Aleppo", "Idlib"), ("Mosul", "Erbil"), ("Kandahar", "Quetta"), ("Goma", "Bukavu"),
          ("Juba", "Gulu"), ("Mariupol", "Zaporizhzhia"), ("Maiduguri", "Yola"), ("Kharkiv", "Poltava")]


def _story() -> str:
    """Distinct movements, one paragraph each (repeats would be merged as restatements)."""
    return "".join(
        f"About {i + 2},{i}00 people fled {a} for {b} last week, officials said.\n\nThe market in {b} reopened.\n\n"
        for i, (a, b) in enumerate(ROUTES)
    )


def test_shift_offsets_moves_every_offset_and_nothing_else():
    m = Mention("Aleppo", 3, 9, "aleppo")
    c = Count("some 5", 0, 6, value=5)
    mv = Movement(origins=(Endpoint(m),), destinations=(), figures=(Figure(c, evidence=Evidence("a", "s", 0, 20)),))
    out = shift_offsets(mv, 100)
    assert out.origins[0].mention.start == 103 and out.origins[0].mention.end == 109
    assert out.figures[0].count.start == 100 and out.figures[0].count.value == 5
    assert out.figures[0].evidence.start == 100 and out.figures[0].evidence.end == 120
    assert shift_offsets(mv, 0) is mv


@pytest.mark.parametrize("piece_chars", [150, 400, 10_000_000])
def test_pieces_give_offsets_into_the_whole_text(piece_chars):
    text = _story()
    article = mapper.read_article(text, as_text=True, article_id="long")
    records = extract_records(article, piece_chars=piece_chars)
    assert len(records["mentions"]) >= 3 * len(ROUTES)
    for row in records["mentions"]:
        assert text[row["char_start"] : row["char_end"]] == row["text"]
    assert len(records["flows"]) == len(ROUTES)
    for row in records["flows"] + records["events"]:
        assert text[row["char_start"] : row["char_end"]] == row["sentence"]
        for f in json.loads(row["figures"]):
            assert text[f["count_start"] : f["count_end"]] == f["text"]


def test_pieces_find_what_the_whole_finds():
    text = _story()
    article = mapper.read_article(text, as_text=True, article_id="same")
    whole = extract_records(article)
    pieces = extract_records(article, piece_chars=300)
    key = lambda rows: sorted((r["char_start"], r["char_end"], r["place_id"]) for r in rows)  # noqa: E731
    assert key(pieces["mentions"]) == key(whole["mentions"])
    edges = lambda rows: sorted((r["origin_id"], r["destination_id"], r["count"]) for r in rows)  # noqa: E731
    assert edges(pieces["flows"]) == edges(whole["flows"])


def test_extract_takes_text_path_or_article(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(PARAGRAPH, encoding="utf-8")
    from_text = mapper.extract(PARAGRAPH, article_id="story")
    from_path = mapper.extract(path)
    from_article = mapper.extract(mapper.read_article(path))
    assert from_text.to_json() == from_path.to_json() == from_article.to_json()
    assert from_path.articles[0].id == "story"


def test_extract_many_concatenates_in_order():
    ex = mapper.extract_many([mapper.read_article(PARAGRAPH, as_text=True, article_id=i) for i in ("a", "b")])
    assert [a.id for a in ex.articles] == ["a", "b"]
    assert list(ex.mentions.article_id.unique()) == ["a", "b"]
    ex.validate()


def test_resolve_mentions_gives_one_row_per_span_in_order():
    text = "Refugees reached Erbil from Mosul; later some went to Zzyzxqq."
    spans = [(text.index("Mosul"), text.index("Mosul") + 5), (text.index("Erbil"), text.index("Erbil") + 5),
             (text.index("Zzyzxqq"), text.index("Zzyzxqq") + 7)]
    frame = mapper.resolve_mentions(text, spans)
    assert list(zip(frame.char_start, frame.char_end)) == spans
    assert list(frame.country_code[:2]) == ["IQ", "IQ"]
    assert frame.geometry.iloc[2] is None


def ends_and_scopes(text: str) -> tuple[list, list]:
    """The flows (origin, destination, scope) and events (place, role, scope) extracted from *text*."""
    ex = mapper.extract(text)
    return ([(r.origin, r.destination, r.scope) for r in ex.flows.itertuples()],
            [(r.place, r.role, r.scope) for r in ex.events.itertuples()])


@pytest.mark.parametrize(
    ("text", "flows", "events"),
    [
        # A receiving verb's people named by their demonym come from that people's country.
        ("Uganda has received 5,000 South Sudanese since July.", [("South Sudan", "Uganda", "cumulative")], []),
        ("Jordan is hosting 25,000 Syrians.", [("Syria", "Jordan", "stock")], []),
        ("Ethiopia received 3,000 Eritrean asylum seekers in May.", [("Eritrea", "Ethiopia", "event")], []),
        # People going home go to their people's country; "6,000 Congolese" counts people.
        ("Around 900 Afghans returned from Pakistan on Monday.", [("Pakistan", "Afghanistan", "event")], []),
        ("Some 300 Afghan families were deported from Iran on Monday.", [("Iran", "Afghanistan", "event")], []),
        ("More than 6,000 Congolese have fled into Zambia since August.",
         [("Democratic Republic of the Congo", "Zambia", "cumulative")], []),
        # A people in their own country say who moved, not where from.
        ("25,000 Iraqis live in camps around Mosul.", [], [("Mosul", "destination", "stock")]),
        # The noun that names displaced people is no stock beside a movement verb.
        ("Some 25,000 refugees fled to Kenya.", [], [("Kenya", "destination", "event")]),
        # "refugees from X in Y": where they are, unless Y holds X
        ("There are 30,000 refugees from Burundi in Rwanda.", [("Burundi", "Rwanda", "stock")], []),
        ("About 300 people fled from Kunduz in Afghanistan to Pakistan.", [("Kunduz", "Pakistan", "event")], []),
        ("About 2,000 people fled Kunduz to other parts of Afghanistan.", [], [("Kunduz", "origin", "event")]),
    ],
)
def test_demonyms_and_receiving_verbs(text, flows, events):
    assert ends_and_scopes(text) == (flows, events)


@pytest.mark.parametrize(
    ("text", "flows", "events"),
    [
        # "the country" after a leaving or reaching cue is the country named last before it
        ("Fighting spread across Burundi last year. Thousands fled the country to Tanzania.",
         [("Burundi", "Tanzania")], []),
        ("Conditions in Burundi improved. Some 5,000 refugees returned to the country in May.",
         [], [("Burundi", "destination")]),
        ("Burundi has received funding. Some 12,000 people are fleeing violent conflict in the country.",
         [], [("Burundi", "origin")]),
    ],
)
def test_the_country_is_the_country_named_before(text, flows, events):
    ex = mapper.extract(text)
    assert [(r.origin, r.destination) for r in ex.flows.itertuples()] == flows
    assert [(r.place, r.role) for r in ex.events.itertuples()] == events


@pytest.mark.parametrize(
    ("text", "flows", "events"),
    [
        # "the displaced" names the people, like "the IDPs": no report of a movement by itself
        ("Aid agencies are struggling to feed the displaced in Kenya.", [], []),
        ("Thousands of the displaced fled to Kenya.", [], [("Kenya", "destination", "event")]),
        ("The displaced from Kasese are staying in schools in Fort Portal.", [("Kasese", "Fort Portal", "stock")], []),
        # a distance says where a place lies, not where people left: "a camp 20 km from X" is near X
        ("Some 3,000 people fled to a camp 20 km from Kasese.", [], [("Kasese", "destination", "event")]),
        ("About 3,000 people fled from Kasese, 30 miles from Fort Portal.", [], [("Kasese", "origin", "event")]),
        ("About 900 people were evacuated from a village 15 km south of Kasese.", [], [("Kasese", "origin", "event")]),
        ("About 3,000 people fled from Kasese to Fort Portal, 50 km away.", [("Kasese", "Fort Portal", "event")], []),
        # "the X town of Y": Y is the place, X says where it lies, whatever role the words gave X
        ("Some 300 people fled their homes in the Arizona town of Yarnell.", [], [("Yarnell", "origin", "event")]),
        ("Some 300 people fled to the Turkana town of Lodwar.", [], [("Lodwar", "destination", "event")]),
        ("Some 300 people fled from the Turkana town of Lodwar to Kakuma.", [("Lodwar", "Kakuma", "event")], []),
        ("Some 300 people fled the Kasese district of Uganda.", [], [("Kasese District", "origin", "event")]),
        # a vehicle that carries people moves them; buses set on fire carry nobody
        ("Twenty buses carried 1,000 people from Kasese to Fort Portal.", [("Kasese", "Fort Portal", "event")], []),
        ("Boats carried 300 migrants from Libya to Italy.", [("Libya", "Italy", "event")], []),
        ("Trucks carried aid from Kasese to Fort Portal.", [], []),
        ("The bus carrying 40 passengers from Kasese to Fort Portal crashed.", [], []),
        # evacuations that go into effect, or are in effect, for a place empty it
        ("Mandatory evacuations go into effect for Brevard County at 3 p.m.", [], [("Brevard County", "origin", "event")]),
        ("Voluntary evacuations are in effect for parts of Brevard County.", [], [("Brevard County", "origin", "event")]),
        ("The new rules go into effect for Brevard County next week.", [], []),
        # displaced people hosted (passive) are where their hosts are
        ("Some 1,087 displaced people are being hosted by relatives in Kasese.", [], [("Kasese", "destination", "stock")]),
        ("In Kasese, 1,087 displaced people are being hosted by relatives.", [], [("Kasese", "destination", "stock")]),
        ("The summit was hosted in Kasese.", [], []),
        # the copula says where displaced people are, only with a place after it and displaced people before
        ("Some 12,000 people fled the fighting in March. Most are now in Kasese.", [],
         [("Kasese", "origin", "event"), ("Kasese", "destination", "stock")]),
        ("Some 12,000 IDPs are in Kasese.", [], [("Kasese", "destination", "stock")]),
        ("Thousands of people are in Kasese for the festival.", [], []),
        ("The leaders were in Kampala on Monday.", [], []),
        # the people joined somewhere are there; a camp set up near X is near X
        ("New arrivals joined some 20,000 refugees already in camps near Kassala.", [],
         [("Kassala", "destination", "event")]),
        ("He joined the army in Kassala in 2010.", [], []),
        ("Some 5,000 refugees live in camps run by the UN around Kassala.", [], [("Kassala", "destination", "stock")]),
        # people kidnapped from a place are not displaced from it, nor are they the movers' count
        ("Gunmen abducted 30 pupils from a school in Kasese, forcing villagers to flee to Fort Portal.", [],
         [("Fort Portal", "destination", "event")]),
        # where a speaker speaks from, a state acting abroad, a mission's country: no end, no story place
        ("Speaking from Geneva, the spokesman said 500 people fled their homes.", [], []),
        ("Floods hit the region, an official said by phone from Kampala. Some 400 residents had to leave their homes.",
         [], []),
        ("Uganda sent troops to the border. Thousands were forced from their homes.", [], []),
        ("Amina talks to The Associated Press in northern Uganda. She fled her captors last year.", [], []),
        ("The Minister of Interior said rivers rose. Around 700 people had to be evacuated from their homes.", [], []),
        ("The minister told reporters in Kampala that 3,000 people fled Kasese.", [], [("Kasese", "origin", "event")]),
        ("The UN Mission to South Sudan issued a statement. The government has registered 5,000 IDPs.", [], []),
        ("Floods hit Kasese on Monday. Some 400 residents had to leave their homes.", [],
         [("Kasese", "origin", "event")]),
        # places named to compare or to bound are not where the story is
        ("The state, which shares borders with Kenya and Rwanda, has seen attacks. "
         "Police said the attacks have forced 5,000 people to flee from their homes.", [], []),
        ("As in other Balkan countries, rivers burst their banks. In a similar situation to Serbia and Bulgaria, "
         "around 235 people had to be evacuated from their homes.", [], []),
        # the country beyond a border only names the border: people who go "to the border with X" neither
        # leave X nor reach it, and fighting "near the border with X" is on this side of it
        ("Some 1,500 people fled to the border with Uganda.", [], []),
        ("At least 2,000 villagers moved towards its border with Thailand.", [], []),
        ("Clashes erupted in Ituri near the border with Uganda. Some 4,000 people fled.", [], [("Ituri", "origin", "event")]),
        ("Clashes near the border with Uganda erupted in Ituri. Some 4,000 people fled.", [], [("Ituri", "origin", "event")]),
        # a camp that hosts displaced people, however it is said, is where they are
        ("Kakuma camp, which hosts 90,000 IDPs, was flooded.", [], [("Kakuma refugee camp", "destination", "stock")]),
        ("Rain destroyed tents in Kakuma camp, home to 9,000 displaced people.", [],
         [("Kakuma refugee camp", "destination", "stock")]),
        ("The camp for the displaced near Nyala houses 20,000 people.", [], [("Nyala", "destination", "stock")]),
        ("The stadium in Kampala houses 30,000 people.", [], []),
        ("Kasese, home to 300,000 people, was flooded.", [], []),
        ("Thousands fled to the hills of Kasese.", [], [("Kasese", "destination", "event")]),
        # where displaced people are: concentrated, scattered across, a capitalised participle that describes them
        ("IDPs are concentrated in Kasese and Bundibugyo.", [],
         [("Kasese", "destination", "stock"), ("Bundibugyo", "destination", "stock")]),
        ("Some 20,000 refugees are scattered across camps in Kasese.", [], [("Kasese", "destination", "stock")]),
        ("The troops are concentrated in Kasese.", [], []),
        ("Displaced families also live in Kasese district.", [], [("Kasese District", "destination", "stock")]),
        # a gapped second place with its own count ("and 2,000 in Y")
        ("Some 5,000 people were displaced in Kasese and 2,000 in Bundibugyo district.", [],
         [("Kasese", "origin", "event"), ("Bundibugyo District", "origin", "event")]),
        ("Some 5,000 people were displaced in Kasese and 2,000 were killed in Bundibugyo.", [],
         [("Kasese", "origin", "event")]),
        # people counted vaguely ("many people") in a sentence with no place moved where the story is
        ("Floods hit Kasese on Monday. Many people have been displaced.", [], [("Kasese", "origin", "event")]),
        # a counted people as the object of a displacing verb comes from its country
        ("The civil war displaced 4.1 million Angolans.", [], [("Angola", "origin", "event")]),
        ("The army evacuated 300 Kenyan soldiers.", [], []),
        # "towns such as X": examples share the noun's role
        ("Some 300 displaced families live in towns such as Fort Portal.", [], [("Fort Portal", "destination", "stock")]),
        ("Floods displaced 30,000 people in Kasese. Most families have since returned home.", [],
         [("Kasese", "origin", "event"), ("Kasese", "destination", "cumulative")]),
        # shelters opened in a place are where the displaced go
        ("Several shelters are open in Brunswick County for evacuees.", [], [("Brunswick County", "destination", "event")]),
        # what is denied did not happen
        ("Police denied reports that they were preparing to evacuate prisoners from the jail in Kasese.", [], []),
        ("Officials denied that residents had been evacuated from Kasese.", [], []),
        ("Some 3,000 people fled Kasese, officials said, denying reports of looting.", [],
         [("Kasese", "origin", "event")]),
        # a hazard is never evacuated: the evacuations it forced are people's
        ("The storm forced evacuations in Okinawa.", [], [("Okinawa", "origin", "event")]),
        ("The storm hit Okinawa, where it prompted evacuations.", [], [("Okinawa", "origin", "event")]),
        ("The storm moved to Okinawa.", [], []),
        # a "where" clause the parser hangs on the main verb still hangs on the place before it
        ("Gunmen attacked the camp in Goma where thousands of people have taken refuge.", [],
         [("Goma", "destination", "event")]),
        # the agent of a camp's participle does not hide where the camp is
        ("Hunger forced them to join 5,000 Somalis in camps built by UN agencies and the government around Baidoa.",
         [], [("Baidoa", "destination", "stock")]),
        # a hamlet named like an organisation is one beside its premises; a place stays one
        ("Evacuees went to Red Cross shelters in Dallas.", [], [("Dallas", "destination", "event")]),
        ("Some 40 people fled to Red Cross, a hamlet near Albemarle.", [], [("Red Cross", "destination", "event")]),
        # where the cause struck, for hazards named by any word ("rainfall", "explosion", "monsoon")
        ("Some 150,000 people were evacuated after heavy rainfall inundated villages in south China's Hainan Province.",
         [], [("Hainan", "origin", "event")]),
        ("About 2,000 people fled after an explosion rocked a depot in Lagos.", [], [("Lagos", "origin", "event")]),
        # "pour/stream into" in every tense; a town's downtown or waterfront is the town's
        ("Thousands of Burundians continue to pour into Tanzania's Nyarugusu camp.",
         [("Burundi", "Nyarugusu refugee camp", "event")], []),
        ("Rain poured on Kasese.", [], []),
        ("Authorities evacuated around 2,300 residents of Fort McMurray's downtown.", [],
         [("Fort McMurray", "origin", "event")]),
        # a named building is evacuated for the people inside; the place that locates it is the origin
        ("A suspicious package caused police to evacuate Trump Tower in New York City.", [],
         [("New York City", "origin", "event")]),
        ("The wounded were taken to a hospital in Goma.", [], []),
        # a group of residents of a place left it; a group reached by aid is no mover
        ("Hundreds of residents in low-lying areas of Lismore spent the night in evacuation centres.", [],
         [("Lismore", "origin", "event")]),
        ("Aid workers reached about 800 of the families in Kasese with tents.", [], []),
        # a group of people in a place is where its people are
        ("Thousands of people in South Carolina are seeking shelter at evacuation shelters across the state.", [],
         [("South Carolina", "destination", "event")]),
        # a place home to displaced people holds them, with their count; a town home to people is its population
        ("The camp at Dikwa is home to about 50,000 people displaced by the violence.", [],
         [("Dikwa", "destination", "stock")]),
        ("Mandera, home to 2,000 people, was evacuated.", [], [("Mandera", "origin", "event")]),
        # a verb that counts or aids counted displaced people says where they are
        ("Kasese recorded 1,500 displaced households.", [], [("Kasese", "destination", "stock")]),
        ("The Red Cross said it was assisting 1,500 displaced people in Kasese.", [],
         [("Kasese", "destination", "stock")]),
        ("Local groups asked for money to assist IDPs in Kasese.", [], []),
        ("Rebels killed 30 refugees in Kasese.", [], []),
        # people who remain homeless are displaced
        ("Over 1,500 people remain homeless in Kasese after the floods.", [], [("Kasese", "destination", "stock")]),
        ("Some 1,500 people remain in Kasese.", [], []),
        # "X and Y Z" that the parser takes for one name is still two places in one role
        ("About 3,000 people sought refuge in Mauritania and Burkina Faso.", [],
         [("Mauritania", "destination", "event"), ("Burkina Faso", "destination", "event")]),
        # an order that remains in effect for a place is no stay; displaced people who remain keep their count
        ("Evacuation orders remain in effect for parts of Santa Rosa.", [], [("Santa Rosa", "origin", "event")]),
        # taking people in hosts them; new arrivals are people; the people who fled stay where they stay
        ("Relatives in Kasese have taken in about 5,000 people.", [], [("Kasese", "destination", "event")]),
        ("Kasese received 5,000 new arrivals last week.", [], [("Kasese", "destination", "event")]),
        ("The 5,000 people who fled are staying in Kasese.", [], [("Kasese", "destination", "event")]),
        ("The stadium houses 30,000 people.", [], []),
        # a country that expels or deports people sends them out of itself, to their own country
        ("Tanzania expelled 500 Rwandans last month.", [("Tanzania", "Rwanda", "event")], []),
        ("Pakistan deported 2,000 Afghans in March.", [("Pakistan", "Afghanistan", "event")], []),
        # ... and so does one that sends people back or on: the agent is where they were
        ("Cameroon forcibly returned 100 refugees to Nigeria.", [("Cameroon", "Nigeria", "event")], []),
        ("Australia transferred 900 asylum seekers to Nauru.", [("Australia", "Nauru", "event")], []),
        ("Thailand repatriated 1,000 refugees to Myanmar last year.", [("Thailand", "Myanmar", "event")], []),
        ("Kenya returned 300 refugees to their homes.", [], [("Kenya", "origin", "event")]),
        ("Refugees returned to Nigeria.", [], [("Nigeria", "destination", "event")]),
        ("Kenya returned 300 Somalis.", [("Kenya", "Somalia", "event")], []),
        ("The UN returned 300 Somalis from Kenya.", [("Kenya", "Somalia", "event")], []),
        ("Syria returned the bodies of 30 soldiers.", [], []),
        # no arrow from an area to a place inside it: the agent moved people within its own land
        ("Iraq returned 5,000 IDPs to Mosul.", [], [("Iraq", "origin", "event"), ("Mosul", "destination", "event")]),
        # a forest or the bush near a place is where people took refuge
        ("Hundreds took refuge in the forest near Kalehe.", [], [("Kalehe", "destination", "event")]),
        # a share of displaced people stays where they live; a right to return is no movement;
        # vehicles carrying people that are stopped move nobody
        ("About 90 percent of all IDPs live in Kasese and Bundibugyo.", [],
         [("Kasese", "destination", "stock"), ("Bundibugyo", "destination", "stock")]),
        ("(3) respecting the rights of refugees to return to their homes in Kasese.", [], []),
        ("Refugees have the right to return to Kasese.", [], []),
        ("Trains carrying hundreds of people had to be halted near Kasese.", [], []),
        # the places an evacuation zone or order takes in are being evacuated
        ("The evacuation zone includes Freeport and Lake Jackson.", [],
         [("Freeport", "origin", "event"), ("Lake Jackson", "origin", "event")]),
        ("Evacuation orders cover Freeport.", [], [("Freeport", "origin", "event")]),
        ("Residents went to the evacuation centre in Freeport.", [], [("Freeport", "destination", "event")]),
        # "said 3,500 refugees from X" are refugees from X, not a speaker there; fighting that sends people fleeing
        ("UNHCR said 3,500 refugees from Burundi had arrived in Nyarugusu camp in Tanzania over the weekend.",
         [("Burundi", "Nyarugusu refugee camp", "event")], []),
        ("Heavy fighting in Tal Afar has sent at least 3,000 people fleeing towards Mosul.",
         [("Tall ‘Afar", "Mosul", "event")], []),
        # a people counted by "thousands of"; seeking asylum; people flown somewhere
        ("Thousands of Rohingya have fled into neighbouring Bangladesh.", [("Rakhine", "Bangladesh", "event")], []),
        ("Hundreds of Nicaraguans have sought asylum in Costa Rica.", [("Nicaragua", "Costa Rica", "event")], []),
        ("A group of 120 Afghan asylum seekers was flown from Greece to Turkey.", [("Greece", "Turkey", "event")], []),
        ("The plane had flown to Dubai.", [], []),
        # a town emptied of its people; shelters along the roads outside a town
        ("The town of Ramadi has been emptied of civilians.", [], [("Ramadi", "origin", "event")]),
        ("The tank was emptied of water in Goma.", [], []),
        ("Another 4,000 are living in makeshift shelters along the roads outside Maiduguri.", [],
         [("Maiduguri", "destination", "stock")]),
        # "the villages of X" cue a place; evacuees who will be housed somewhere are hosted there
        ("Residents of the flooded villages of Kalehe were moved to a school in Bukavu.", [("Kalehe", "Bukavu", "event")], []),
        ("Officials said the evacuees would be housed in tents in Goma until the waters recede.", [],
         [("Goma", "destination", "event")]),
        # "streamed out of"
        ("Tens of thousands of people have streamed out of Mosul since Sunday.", [], [("Mosul", "origin", "cumulative")]),
        # displaced people who settle somewhere stay there; disputes settle nobody
        ("The displaced, mostly from Beledweyne, have settled in Jowhar.", [("Beledweyne", "Jawhar", "stock")], []),
        ("The dispute was settled in Jowhar.", [], []),
        # a place that names a hall where people are housed; people camped at a school
        ("Those displaced are being housed at the Kilosa district council hall.", [], [("Kilosa", "destination", "event")]),
        ("Around 500 people are camped at a school in Kilosa town.", [], [("Kilosa", "destination", "stock")]),
        ("Villagers left their homes following Boko Haram attacks there.", [], []),
        # a region under its usual English name
        ("Thousands fled Oromia.", [], [("Oromia", "origin", "event")]),
        # an event in a place's history happened in the place
        ("It was the largest evacuation in Florida's history.", [], [("Florida", "origin", "event")]),
        # a headline in title case is parsed in sentence case; a count with a thousands comma is no label
        ("Floods Displace 5,000 in Kasese", [], [("Kasese", "origin", "event")]),
        ("Kenya Hosts 480,000 Refugees From Somalia", [("Somalia", "Kenya", "stock")], []),
        # displaced people described by a participle are a stock wherever the noun stands
        ("The number of displaced people in Kunduz has risen to 12,000.", [], [("Kunduz", "destination", "stock")]),
        # shelters or camps "across X" are spread over X, not a way through it
        ("Some 2,000 families remain in evacuation centres across Leyte.", [], [("Leyte", "destination", "stock")]),
        ("Some 400 evacuees are housed in shelters across Sonoma County.", [], [("Sonoma County", "destination", "event")]),
        # "outside (of) X", "near X" after a goal locate the goal, also after a verb of fleeing
        ("The families were relocated to a camp outside of Gulu.", [], [("Gulu", "destination", "event")]),
        ("Some 500 people fled to the hills just outside Gulu.", [], [("Gulu", "destination", "event")]),
        ("Some 500 people were evacuated to a school near Gulu.", [], [("Gulu", "destination", "event")]),
        ("About 300 people were evacuated from villages outside of Gulu.", [], [("Gulu", "origin", "event")]),
        ("Some 500 people fled their homes near Gulu.", [], [("Gulu", "origin", "event")]),
        ("More than 800 people escaped to the mountains above Gulu.", [], [("Gulu", "destination", "event")]),
        ("About 300 families fled their villages above Gulu.", [], [("Gulu", "origin", "event")]),
        # "sent N fleeing / streaming towards": the sending verb carries the movement, whatever the parse hangs on it
        ("Fighting in Mosul has sent 3,000 people fleeing.", [], [("Mosul", "origin", "event")]),
        ("Fighting in Mosul has sent 3,000 people streaming towards Erbil.", [("Mosul", "Erbil", "event")], []),
        # people "under evacuation orders": the copula carries the order to them and their places
        ("More than 60,000 people in Sonoma and Napa counties were under evacuation orders Tuesday.", [],
         [("Sonoma County", "origin", "event"), ("Napa County", "origin", "event")]),
        ("About 3,000 residents of Kasese remain under evacuation orders.", [], [("Kasese", "origin", "event")]),
        # a clause that opens with the people ("Residents fled.") has movers, who left the story's place
        ("Floods hit Kasese on Monday.\n\nResidents fled.", [], [("Kasese", "origin", "event")]),
        ("Floods hit Kasese on Monday.\n\nVillagers were evacuated by boat.", [], [("Kasese", "origin", "event")]),
        # the people's adjective on the conflict fled names where the movers left
        ("Refugees fleeing the Syrian conflict arrived in Greece.", [("Syria", "Greece", "event")], []),
        ("Millions have fled the Venezuelan crisis.", [], [("Venezuela", "origin", "event")]),
        ("The bloc faces a resurgent Russia and refugees fleeing the Syrian conflict.", [], [("Syria", "origin", "event")]),
        # the hurt are no count of movers, and the hurt taken to hospital no displaced people
        ("Nine people sustained minor injuries and another 11,300 have been relocated to safety in Kasese.", [],
         [("Kasese", "destination", "event")]),
        ("The group evacuated eight severely injured people to a hospital in the regional capital, Kasese.", [], []),
        ("Rescuers evacuated 12 wounded civilians to a field hospital in Kasese.", [], []),
        # a city's suburb, ward or quarter locates through the city that owns it
        ("About 150 families were evicted from an informal settlement in Harare's Mbare suburb.", [],
         [("Harare", "origin", "event")]),
        ("The army evacuated 5,000 people from the old quarter of Sanaa.", [], [("Sanaa", "origin", "event")]),
        # a cause's clause coordinated before the movement says where people left
        ("A landslide buried homes in Bududa, and survivors were relocated to Bulambuli.",
         [("Bududa", "Bulambuli", "event")], []),
        # "from X to Y" after a verb of extent says how far a thing reaches: nobody goes
        ("Fires erupted near Kasese and chased people from their homes as a heatwave stretching from Kenya to "
         "Rwanda blanketed the region.", [], [("Kasese", "origin", "event")]),
        # headline forms: "Force N From Homes", "forces N to evacuate" (done, not planned)
        ("Floods Force 10,000 From Homes in Kasese", [], [("Kasese", "origin", "event")]),
        # the flight in a relative clause on returners is their history: where they fled to they return from,
        # and where they fled from is the home they return to
        ("Many of those who fled to Uganda are now returning to South Sudan.", [("Uganda", "South Sudan", "event")], []),
        ("Some 5,000 refugees who fled Burundi last year have returned home.", [], [("Burundi", "destination", "event")]),
        # a bare return goes back where people were just said to have fled from; not to the story's place,
        # which may be where they sheltered, nor anywhere when they went back to school
        ("Fighting in Marawi displaced 300,000 people in May. Since then, some 70,000 have returned.", [],
         [("Marawi City", "origin", "event"), ("Marawi City", "destination", "cumulative")]),
        ("Fighting in Marawi displaced 300,000 people in May. Some 70,000 have returned, but many remain in camps.", [],
         [("Marawi City", "origin", "event"), ("Marawi City", "destination", "event")]),
        ("Fighting in Marawi displaced 300,000 people in May. Some 70,000 have returned to school.", [],
         [("Marawi City", "origin", "event")]),
        # a road named after a place is no place where the story is
        ("Regime forces advanced towards the Castello road in Aleppo.\n\nMillions have been displaced since the war began.",
         [], [("Aleppo", "origin", "cumulative")]),
        # "the army shelled villages near X and thousands crossed into Y": the parser hangs "thousands" on X,
        # but the count just before the verb is who moved, not the army
        ("The army shelled villages near Kasese and thousands crossed into Uganda.", [], [("Uganda", "destination", "event")]),
        ("A child was killed and around 75 were left homeless when floods hit houses in Kasese.", [],
         [("Kasese", "origin", "event")]),
        # a noun after "to" is no infinitive: nothing is planned
        ("The floods sent 5,000 people to evacuation centres in Leyte.", [], [("Leyte", "destination", "event")]),
        # any form of "send" moves the people it sends somewhere; aid and troops are no people
        ("Fighting emptied villages, sending 4,000 people to camps near Sittwe.", [], [("Sittwe", "destination", "event")]),
        ("Officials plan to send 500 families to Bundibugyo.", [], [("Bundibugyo", "destination", "event")]),
        ("Uganda is sending troops to Somalia.", [], []),
        # the story's place is the one its container holds, whichever order the text names them in
        ("Fighting flared in Niger's Diffa region. More than 5,000 people fled.", [], [("Diffa", "origin", "event")]),
        ("Fighting flared in the Diffa region of Niger. More than 5,000 people fled.", [], [("Diffa", "origin", "event")]),
        ("An earthquake jolted Yingjiang County in southwest China's Yunnan Province. More than 5,000 people fled.",
         [], [("Yingjiang", "origin", "event")]),
        ("Bodies were found in West Bengal and the western state of Gujarat. Around 1,200 people fled.",
         [], [("Gujarat", "origin", "event")]),
    ],
)
def test_constructions_of_unseen_news(text, flows, events):
    assert ends_and_scopes(text) == (flows, events)


@pytest.mark.parametrize(
    "text",
    [
        # where an event spread is no destination of the people it displaced
        "The revolt, which has displaced 40,000 people, has spread into Uganda and Rwanda.",
        "The insurgency has displaced 2 million people and has spilled over into Niger, Chad and Cameroon.",
        "The conflict, which forced 30,000 people from their homes, escalated into Kasese last month.",
    ],
)
def test_where_an_event_spread_is_no_destination(text):
    ex = mapper.extract(text)
    assert len(ex.flows) == 0
    assert "destination" not in set(ex.events.role)


def test_people_who_spill_over_do_arrive():
    ex = mapper.extract("Thousands of refugees spilled over into Kenya last week.")
    assert [(r.place, r.role) for r in ex.events.itertuples()] == [("Kenya", "destination")]


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen torched four buses sent to evacuate villagers from Kasese.",
        "Gunmen burned at least five buses that were to evacuate people from Kasese.",
        "Five buses were torched before they could evacuate people from Kasese.",
    ],
)
def test_buses_destroyed_are_no_count_of_movers(text):
    ex = mapper.extract(text)
    assert len(ex.events) and all(r.count_text is None or "bus" not in r.count_text for r in ex.events.itertuples())


def test_people_abducted_are_no_count_of_movers():
    ex = mapper.extract("Gunmen abducted 30 pupils from a school in Kasese, forcing 2,000 villagers to flee to Fort Portal.")
    assert list(ex.events.count_text) == ["2,000 villagers"]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Three people drowned in Kasese after floods, which triggered the evacuation of over 2,000 people.",
         "over 2,000 people"),
        ("Two children perished and 500 families fled Kasese.", "500 families"),
    ],
)
def test_the_drowned_are_no_count_of_movers(text, count):
    assert list(mapper.extract(text).events.count_text) == [count]


def test_a_gapped_place_keeps_its_own_count():
    ex = mapper.extract("Some 5,000 people were displaced in Kasese and 2,000 in Bundibugyo district.")
    assert list(zip(ex.events.place, ex.events.count_text)) == [("Kasese", "Some 5,000 people"),
                                                               ("Bundibugyo District", "2,000")]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # "to" before a noun of movement or shelter is a preposition; before a verb, an infinitive
        ("The floods sent 5,000 people to evacuation centres in Leyte.", "completed"),
        ("The rains led to relocation of 5,000 people in Leyte.", "completed"),
        ("The government plans to relocate 5,000 people from Leyte.", "planned"),
        # a name after "to" before a lower-case verb is no infinitive either
        ("About 200 residents who had fled to Goma returned to Kalehe.", "completed"),
        # a modal of possibility or need plans the movement; it is not under way
        ("Up to 700,000 people could flee Mosul.", "planned"),
        ("About 3,000 residents must leave Kasese by Friday.", "planned"),
        ("In May thousands fled Kasese.", "completed"),  # the month is no modal
        # ... but a modal perfect says it happened, as far as anyone knows
        ("Some 5,000 people may have fled Mosul.", "completed"),
        ("Up to 10,000 could have been displaced in Kasese.", "completed"),
    ],
)
def test_to_before_a_noun_plans_nothing(text, status):
    ex = mapper.extract(text)
    assert list(ex.events.status) + list(ex.flows.status) == [status]


@pytest.mark.parametrize(
    ("text", "n_events"),
    [
        # who loses a job or a school is "displaced" without leaving home
        ("Two state agencies are helping students displaced by the closure of the college in Kasese.", 0),
        ("About 300 displaced workers in Kasese will receive retraining.", 0),
        # but the closure of a camp puts its people out
        ("About 5,000 people were displaced by the closure of the Dadaab refugee camp in Kenya.", 1),
        ("Some 300 students were displaced by the fire at their dormitory in Kasese.", 1),
    ],
)
def test_jobs_and_schools_lost_are_no_displacement(text, n_events):
    ex = mapper.extract(text)
    assert len(ex.events) + len(ex.flows) == n_events


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # the story says the event covers several provinces: the figure over its listed provinces is the country's
        ("Typhoon Matmo has affected 185 counties in eight provinces of China, including Liaoning, Jiangsu, "
         "Zhejiang and Anhui.\n\nAbout 289,000 residents have been relocated.", ["China"]),
        # no such words: the listed provinces share the figure
        ("China's weather office said the typhoon hit Liaoning, Jiangsu, Zhejiang and Anhui.\n\n"
         "About 289,000 residents have been relocated.",
         ["Liaoning", "Jiangsu", "Zhejiang", "Anhui"]),
        # a province named on its own keeps its own figure
        ("Floods hit five provinces in China.\n\nSichuan: 263,000 evacuated.", ["Sichuan"]),
    ],
)
def test_a_figure_over_several_provinces_is_the_countrys(text, places):
    assert list(mapper.extract(text).events.place) == places


def test_the_hurt_are_no_count_of_movers():
    ex = mapper.extract("Nine people sustained minor injuries and another 11,300 have been relocated to safety in Kasese.")
    assert list(ex.events.count_text) == ["another 11,300"]


def ends_and_counts(text: str) -> tuple[list, list]:
    """The flows (origin, destination, count text) and events (place, role, count text) of *text*."""
    ex = mapper.extract(text)
    return ([(r.origin, r.destination, _text(r.count_text)) for r in ex.flows.itertuples()],
            [(r.place, r.role, _text(r.count_text)) for r in ex.events.itertuples()])


def _text(value) -> str | None:
    return value if isinstance(value, str) else None  # a missing count is NA in the frame


@pytest.mark.parametrize(
    ("text", "flows", "events"),
    [
        # a counted part of people named before goes on with its own count, and the whole keeps its own
        ("Some 40 people were evacuated from Kasese, and 25 of them went to a shelter in Fort Portal.",
         [("Kasese", "Fort Portal", "25 of them")], [("Kasese", "origin", "Some 40 people")]),
        ("Some 40 people were evacuated from Kasese. Twenty-five of them went to Fort Portal.",
         [("Kasese", "Fort Portal", "Twenty-five of them")], [("Kasese", "origin", "Some 40 people")]),
        ("Some 40 people were evacuated from Kasese. Half of them went to Fort Portal.",
         [("Kasese", "Fort Portal", None)], [("Kasese", "origin", "Some 40 people")]),
        ("Some 40 people were evacuated from Kasese, 25 of whom went to a shelter in Fort Portal.",
         [("Kasese", "Fort Portal", "25 of whom")], [("Kasese", "origin", "Some 40 people")]),
        # the people themselves, referred back to, are the whole
        ("Some 40 people were evacuated from Kasese. They went to Fort Portal.",
         [("Kasese", "Fort Portal", "Some 40 people")], []),
    ],
)
def test_a_counted_part_never_takes_the_wholes_count(text, flows, events):
    assert ends_and_counts(text) == (flows, events)


def test_a_present_causative_is_done_not_planned():
    assert list(mapper.extract("Typhoon forces 100,000 to evacuate in Leyte").events.status) == ["completed"]


def test_people_now_returning_are_under_way():
    ex = mapper.extract("Many of those who fled to Uganda are now returning to South Sudan.")
    assert list(ex.flows.status) == ["ongoing"]
