"""Roles read from the dependency parse: one sentence of our own per construction.

Each case names the construction of :mod:`mapper.movements.grammar` it tests,
in general terms; the place names are invented, the parser is the real one.
"""

from __future__ import annotations

import re

import pytest

from mapper.model import Article, Mention
from mapper.movements.extract import find_movements
from mapper.movements.grammar import Trigger, read_sentence
from mapper.movements.parse import parse
from mapper.read.sentences import split_sentences

PLACES = ("Oakford", "Lakeport", "Hillcrest", "Northland", "Stonebridge", "Ruritania", "Port Amber",
          "Greenfield province", "Westbury camp", "OAKFORD")
DEMONYMS = ("Ruritanians",)
TRIGGERS = {"fled": "flee", "flee": "flee", "fleeing": "flee", "escaped": "flee", "left": "leave",
            "evacuated": "evacuate", "evacuation": "evacuate", "evacuations": "evacuate",
            "displaced": "displace", "moved": "move", "went": "move", "bused": "move", "relocated": "move",
            "arrived": "arrive", "entered": "arrive", "crossed": "arrive", "hosts": "host", "houses": "host",
            "returned": "return", "headed": "head", "escape": "flee", "made": "head",
            "relocation": "move", "evicted": "displace", "sought": "arrive", "on their way": "head",
            "returnees": "return", "return": "return", "landed": "arrive", "arrivals": "arrive"}


def mentions_of(text: str) -> tuple[Mention, ...]:
    out = []
    for name in PLACES + DEMONYMS:
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            out.append(Mention(text=name, start=m.start(), end=m.end(), key=name.lower(),
                               kind="demonym" if name in DEMONYMS else "toponym"))
    return tuple(sorted(out, key=lambda m: m.start))


def roles(text: str) -> dict[str, str]:
    """Place → role, read from the parse of a one-sentence text."""
    triggers = [Trigger(m.start(), m.end(), TRIGGERS[m.group().lower()])
                for m in re.finditer(r"\b(?:" + "|".join(TRIGGERS) + r")\b", text, re.IGNORECASE)]
    places = [m for m in mentions_of(text) if m.kind == "toponym"]
    reading = read_sentence(parse([text])[0], 0, places, triggers)
    return {m.text: reading.roles[(m.start, m.end)].role for m in places if (m.start, m.end) in reading.roles}


@pytest.mark.parametrize(
    ("construction", "text", "expected"),
    [
        ("source phrase", "About 300 families fled from Oakford on Monday.", {"Oakford": "origin"}),
        ("source phrase, multi-word", "Hundreds of people were moved out of Oakford.", {"Oakford": "origin"}),
        ("goal phrase", "The residents were bused to Lakeport overnight.", {"Lakeport": "destination"}),
        ("route phrase", "Thousands fled via Hillcrest to Lakeport.", {"Hillcrest": "route", "Lakeport": "destination"}),
        ("location of a departure", "More than 900 people were evacuated in Oakford after the dam broke.", {"Oakford": "origin"}),
        ("location of an arrival", "The first convoy of families arrived in Lakeport at dawn.", {"Lakeport": "destination"}),
        ("object of a leaving verb", "Some 5,000 residents fled Oakford as the fighting spread.", {"Oakford": "origin"}),
        ("object of a reaching verb", "Dozens of families entered Northland on foot.", {"Northland": "destination"}),
        ("subject of a passive", "Oakford was evacuated as the wildfire approached.", {"Oakford": "origin"}),
        ("subject of a hosting verb", "Lakeport now hosts about 60,000 refugees.", {"Lakeport": "destination"}),
        ("examples share the role of the noun they name", "Thousands of people fled several villages, including Oakford "
         "and Hillcrest, on Monday.", {"Oakford": "origin", "Hillcrest": "origin"}),
        ("an evacuation order issued for a place", "An evacuation order was issued for Oakford on Sunday.",
         {"Oakford": "origin"}),
        ("the place an evacuation is ordered for", "An evacuation was ordered for the valley, including Oakford.",
         {"Oakford": "origin"}),
        ("a place in a zone bounded by roads is not where it ends",
         "The evacuation from Lakeport to Stonebridge Road, including Oakford, has ended.",
         {"Lakeport": "origin"}),
        ("the movers' own verb of being says where they went", "Some 2,000 people who fled Oakford are now in Lakeport.",
         {"Oakford": "origin", "Lakeport": "destination"}),
        ("where the cause struck", "Residents fled as fighting raged in Oakford on Tuesday.", {"Oakford": "origin"}),
        ("people landing on an island", "More than 800 migrants landed on Hillcrest on Monday.", {"Hillcrest": "destination"}),
        ("a cleft puts the goal on the copula", "It is to Lakeport that the last families of Oakford are to be evacuated.",
         {"Lakeport": "destination", "Oakford": "origin"}),
        ("a cleft puts the source on the copula", "It was from Oakford that most of the families fled.", {"Oakford": "origin"}),
        ("people of a place carried by a verb of expectation",
         "The remaining residents of Oakford are expected to be evacuated on Friday.", {"Oakford": "origin"}),
        ("people of a place go back to it", "Residents of Oakford are expected to return next week.", {"Oakford": "destination"}),
        ("people named by their place go back to it", "Oakford residents returned home on Monday.", {"Oakford": "destination"}),
        ("subject of a hosting verb, a camp", "Westbury camp houses 1,200 displaced families.", {"Westbury camp": "destination"}),
        ("subject of an evacuating agent", "Lakeport evacuated 16,000 people ahead of the storm.", {"Lakeport": "origin"}),
        ("an evacuating agent with a source phrase is no origin", "Northland evacuated 500 of its citizens from Oakford.",
         {"Oakford": "origin"}),
        ("place that locates a noun", "Over 2,000 families were evacuated from their homes in Oakford.", {"Oakford": "origin"}),
        ("place that locates a noun, 'of'", "Thousands fled the town of Oakford for the hills.", {"Oakford": "origin"}),
        ("of the people who moved, modifier", "Oakford residents were bused to Lakeport.", {"Oakford": "origin", "Lakeport": "destination"}),
        ("of the people who moved, 'of'", "Residents of Oakford were moved to Lakeport.", {"Oakford": "origin", "Lakeport": "destination"}),
        ("where the movers are", "People in Oakford were evacuated by boat.", {"Oakford": "origin"}),
        ("cause of the movement, object", "Thousands of people fled fighting in Oakford last week.", {"Oakford": "origin"}),
        ("cause of the movement, subject", "Floods in Oakford displaced 3,000 people.", {"Oakford": "origin"}),
        ("coordination", "The families went to Lakeport and Hillcrest.", {"Lakeport": "destination", "Hillcrest": "destination"}),
        ("relative place", "They returned to Oakford, where floods had displaced 2,000 people.", {"Oakford": "destination"}),
        ("fronted location", "In Oakford, about 1,000 people were evacuated on Sunday.", {"Oakford": "origin"}),
        ("location of the goal", "Seventeen of them went to a shelter in Lakeport.", {"Lakeport": "destination"}),
        ("carried by a verb, 'forced ... to flee'", "The shelling forced 3,000 people to flee Oakford.", {"Oakford": "origin"}),
        ("carried by a verb, 'take place'", "Evacuations have taken place in Oakford and Hillcrest.", {"Oakford": "origin", "Hillcrest": "origin"}),
        ("the movement empties a place", "The evacuation of Oakford began at noon.", {"Oakford": "origin"}),
        ("a container only locates", "Some 400 people fled to Lakeport in Greenfield province.", {"Lakeport": "destination"}),
        ("particle verb", "Some 400 families crossed over into Northland overnight.", {"Northland": "destination"}),
        ("'make one's way'", "The survivors made their way to Lakeport on foot.", {"Lakeport": "destination"}),
        ("purpose clause of escape", "Thousands left their villages to escape fighting in Oakford.", {"Oakford": "origin"}),
        ("struck by the cause", "About 800 people were evacuated after the cyclone struck Oakford.", {"Oakford": "origin"}),
        ("fronted location of a counted trigger noun",
         "In Lakeport, the number of new arrivals from Oakford has reached 60,000.",
         {"Lakeport": "destination", "Oakford": "origin"}),
        ("reached by the cause", "Thousands fled as the floods reached Oakford.", {"Oakford": "origin"}),
        ("reached by the cause, in a condition", "Up to 6,000 people could be displaced if fighting reaches Oakford.",
         {"Oakford": "origin"}),
        ("nominalisation with located movers", "The floods forced the relocation of 54,000 residents in Oakford.",
         {"Oakford": "origin"}),
        ("participle with a located cause", "Nearly 3,000 people displaced by floods in Oakford have returned home.",
         {"Oakford": "origin"}),
        ("a place hung on a date", "More than 700 people remained displaced as of 10 February in Oakford and Hillcrest.",
         {"Oakford": "origin", "Hillcrest": "origin"}),
        ("eviction is displacement", "About 1,200 people were forcibly evicted by the police in Oakford.", {"Oakford": "origin"}),
        ("a noun naming the kind of movement", "The floods prompted an evacuation order for residents of Oakford.",
         {"Oakford": "origin"}),
        ("places between which the destination lies", "Thousands sought refuge in rural areas between Oakford and Lakeport.",
         {"Oakford": "destination", "Lakeport": "destination"}),
        ("a thing's own direction is no movement's", "About 30 passengers were evacuated from the Route 611 service to Lakeport.",
         {}),
        ("a trigger of several words takes its verb's arguments",
         "About 500 people left Oakford and are on their way to government-held territory in Lakeport.",
         {"Oakford": "origin", "Lakeport": "destination"}),
        ("a direction keeps its meaning when misattached", "Some 5,000 people have fled to a camp in Northland from Oakford.",
         {"Northland": "destination", "Oakford": "origin"}),
        # the small model reads "to resettlement sites" as an infinitive with an object: a noun in -ment, -tion
        # or -sion is no verb, and the place of its sites is where people went
        ("a noun after 'to' the parser took for a verb", "About 500 families were relocated to resettlement sites in Lakeport.",
         {"Lakeport": "destination"}),
        ("a noun after 'to' the parser took for a verb, with an origin",
         "The government moved 3,000 people from Oakford to resettlement areas in Lakeport.",
         {"Oakford": "origin", "Lakeport": "destination"}),
    ],
)
def test_construction(construction, text, expected):
    assert roles(text) == expected, construction


@pytest.mark.parametrize(
    ("who", "text", "kind"),
    [
        ("a count", "About 3,000 people fled Oakford.", "people"),
        ("people named by a group word", "Thousands of villagers fled Oakford.", "people"),
        ("the object of an evacuating agent", "Police evacuated 300 residents from Oakford.", "people"),
        ("the controller of 'to flee'", "Authorities urged residents to flee Oakford.", "people"),
        ("things", "Troops moved to Oakford on Monday.", "thing"),
        ("one person", "He moved to Lakeport in 1969.", "person"),
        ("one person named by a noun that also counts people", "A returnee is a person displaced from Oakford.", "person"),
        ("persons counted", "Some 3,000 persons were displaced from Oakford.", "people"),
        ("one traveller, forced to move, is still one person", "A tourist was evacuated from Oakford.", "person"),
        ("a noun that names the movers itself", "The number of returnees from Ruritania reached 25,000.", "people"),
        ("people carried by a vehicle", "The convoy carrying 5,000 fighters left Oakford for Lakeport.", "people"),
    ],
)
def test_movers(who, text, kind):
    m = re.search(r"\b(?:" + "|".join(TRIGGERS) + r")\b", text)
    trig = Trigger(m.start(), m.end(), TRIGGERS[m.group().lower()])
    reading = read_sentence(parse([text])[0], 0, [x for x in mentions_of(text) if x.kind == "toponym"], [trig])
    assert reading.movers[trig.start] == kind, who


def movements(text: str):
    return find_movements(Article(text=text, id="t"), split_sentences(text), mentions_of(text))


def ends(mv):
    return ([e.mention.text for e in mv.origins], [e.mention.text for e in mv.destinations],
            [e.how for e in mv.origins])


@pytest.mark.parametrize(
    ("construction", "text", "expected"),
    [
        ("stock: displaced people named where they are", "There are now 15,000 IDPs in Oakford.",
         [([], ["Oakford"], [])]),
        ("stock: a hosting verb with the origin", "Lakeport hosts 80,000 refugees from Ruritania.",
         [(["Ruritania"], ["Lakeport"], ["explicit"])]),
        ("stock: a phrasal hosting verb", "Northland has taken in 12,000 new refugees from Ruritania this year.",
         [(["Ruritania"], ["Northland"], ["explicit"])]),
        ("stock noun that moves is no stock", "Refugees in Oakford fled to Lakeport.",
         [(["Oakford"], ["Lakeport"], ["explicit"])]),
        ("stock: displaced people who remain in shelters",
         "More than 7,000 displaced people remained in schools in Oakford on Sunday.",
         [([], ["Oakford"], [])]),
        ("stock: people named before, right after a movement",
         "Thousands of families fled Hillcrest last year. Most of them live in Lakeport, others in Stonebridge.",
         [(["Hillcrest"], [], ["explicit"]), ([], ["Lakeport"], [])]),
        ("stayers are no movers", "About 50,000 people remain trapped in Oakford.", []),
        ("a 'refugee' modifier names no refugees", "Volunteers from the Oakford Refugee Appeal took aid to camps.", []),
        ("people in shelters: the shelter's verb takes the place",
         "Also in Oakford, 1,900 people were still in nine evacuation centres on Monday.",
         [([], ["Oakford"], [])]),
        ("pushed over a border", "About 3,800 people were pushed by drought over the border into Northland.",
         [([], ["Northland"], [])]),
        ("a part of the people counted, with its own destination",
         "About 3,000 people fled Oakford on Monday, 170 of whom went to a shelter in Lakeport.",
         [(["Oakford"], [], ["explicit"]), (["Oakford"], ["Lakeport"], ["explicit"])]),
        ("bare 'many' continues the movement reported just before",
         "Tens of thousands were displaced from Oakford last year. Many fled towards Northland.",
         [(["Oakford"], ["Northland"], ["explicit"])]),
        ("an agent moves the people of a place to another",
         "The army moved 3,000 residents of Oakford to Lakeport.", [(["Oakford"], ["Lakeport"], ["explicit"])]),
        ("people staying with host families are where the hosts are",
         "About 1,300 families are staying with host families in Greenfield province.",
         [([], ["Greenfield province"], [])]),
        ("people left in shelters", "Officials put 300 families in evacuation centres in Lakeport.", [([], ["Lakeport"], [])]),
        ("a camp that houses people shelters them", "The Westbury camp houses 1,150 families.", [([], ["Westbury camp"], [])]),
        ("left homeless is displaced", "The floods in Oakford left 32,000 homeless.", [(["Oakford"], [], ["explicit"])]),
        ("a causative verb moves its object out of its homes",
         "Fighting in Oakford has forced 2,000 families out of their homes.", [(["Oakford"], [], ["explicit"])]),
        ("a causative verb moves its object from its villages",
         "Renewed clashes drove some 900 people from their villages in Greenfield province.",
         [(["Greenfield province"], [], ["explicit"])]),
        ("a causative verb moves people from a named place",
         "Floods forced 300 people from Oakford.", [(["Oakford"], [], ["explicit"])]),
        ("a causative verb moves people out of a town described at length",
         "Floods forced 300 people from the eastern Ruritanian town of Oakford.", [(["Oakford"], [], ["explicit"])]),
        ("stock: displaced people counted with no place are where the story is",
         "Cyclone winds battered Oakford province. Officials counted close to 50,000 IDPs after the storm.",
         [([], ["Oakford"], [])]),
        ("a later sentence with no place inherits where the story is",
         "Heavy rain battered Oakford on Monday. Local officials relocated 5,000 residents.",
         [(["Oakford"], [], ["context"])]),
        ("a story set in a list of places: a later sentence with no place happened in all of them",
         "Heavy rain battered Oakford, Lakeport and Stonebridge on Monday. Officials relocated 5,000 residents.",
         [(["Oakford", "Lakeport", "Stonebridge"], [], ["context", "context", "context"])]),
        ("'the province' is the province named before, also as its residents' home or under evacuation",
         "Storms hit Greenfield province on Monday. Residents of the province were told to evacuate.",
         [(["Greenfield province"], [], ["anaphora"])]),
        ("a place under evacuation is left",
         "Storms hit Greenfield province on Monday. The province is under a voluntary evacuation order.",
         [(["Greenfield province"], [], ["anaphora"])]),
        ("... but 'the city' says one place",
         "Rivers rose in Oakford and Lakeport. Some 900 families in the low areas of the city were evacuated.",
         [(["Lakeport"], [], ["anaphora"])]),
        ("a verbless list of displaced people counts each place on its own",
         "Breakdown of IDP figures by province  Oakford: 530 households (3,000 people)  "
         "Lakeport (Westbury camp): 120 households  Ruritania: 40 families",
         [([], ["Oakford"], []), ([], ["Lakeport"], []), ([], ["Ruritania"], [])]),
        ("a list of people that names nobody displaced is no tally",
         "Population by town  Oakford: 4,000 people  Lakeport: 5,000 people", []),
        ("parts of 'the city' after a leaving verb are in the city named before, not in its owner",
         "The river will crest in Oakford, Northland's second largest city. Officials told people to evacuate "
         "downtown areas of the city.", [(["Oakford"], [], ["anaphora"])]),
        ("people living in displacement in a place", "An estimated 30,000 people were living in displacement in Oakford.",
         [([], ["Oakford"], [])]),
        ("people homeless in a place are displaced there", "Around 700 people are now homeless in Oakford.",
         [([], ["Oakford"], [])]),
        ("people who spent the night in shelters", "Roughly 2,500 people spent the night in shelters in Oakford.",
         [([], ["Oakford"], [])]),
        ("travellers forced to move are displaced", "Some 3,000 tourists were evacuated from Oakford.",
         [(["Oakford"], [], ["explicit"])]),
        ("a place's own officials speak of it", "Oakford officials say several areas are being evacuated.",
         [(["Oakford"], [], ["context"])]),
        ("a place's own police speak of it, at the end", "Several neighbourhoods were evacuated on Monday, Lakeport police said.",
         [(["Lakeport"], [], ["context"])]),
        ("a return that refers back starts where the movers went",
         "About 3,000 people fled Oakford to Lakeport in May. Many of them returned to Oakford in June.",
         [(["Oakford"], ["Lakeport"], ["explicit"]), (["Lakeport"], ["Oakford"], ["context"])]),
        ("'their repatriation' refers back to the movers", "About 3,000 people fled Oakford for Lakeport in May. "
         "Talks on their repatriation to Oakford stalled on Monday.",
         [(["Oakford"], ["Lakeport"], ["explicit"]), (["Lakeport"], ["Oakford"], ["context"])]),
        ("people driven across a border by a cause in a place",
         "Fighting in Oakford has driven thousands across the border. Most have gone to Northland.",
         [(["Oakford"], ["Northland"], ["explicit"])]),
        ("a later sentence continues the movement just reported",
         "About 2,000 people fled Oakford on Monday. Most of them went to Lakeport.",
         [(["Oakford"], ["Lakeport"], ["explicit"])]),
    ],
)
def test_context_and_stock(construction, text, expected):
    assert [ends(mv) for mv in movements(text)] == expected, construction


@pytest.mark.parametrize(
    "text",
    [
        "Troops moved into Oakford on Monday.",
        "He drove to Lakeport to study in 1954.",
        "The storm brought heavy rain to Hillcrest.",
        "The rain forced the closure of schools in Oakford.",
        "The weather system brought tornadoes to Hillcrest on Monday.",
        "Two rockets landed in Oakford on Monday.",
        "Tourists spent the night in hotels in Oakford.",
        # travellers moved of their own will are no displaced people
        "Tourists flocked to Oakford for the holidays.",
        "About 2,000 students returned to classes in Lakeport.",
        "Voters returned to the polls in Oakford on Tuesday.",
        "The bodies of 30 migrants were returned to Lakeport.",
        # A dateline is where the report was filed, also after a photo credit.
        "OAKFORD (Agency) — Raging wildfires forced the evacuation of thousands of people.",
        "The fire spread. (Photo: J. Doe/Agency) OAKFORD (Agency) — Wildfires forced the evacuation of thousands.",
        "OAKFORD CITY, Ruritania - Wildfires forced the evacuation of thousands of people.",
        "OAKFORD, Ruritania (Agency) -- Raging wildfires forced the evacuation of thousands.",
    ],
)
def test_no_movement_of_people(text):
    assert movements(text) == ()


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("The floods in Oakford left 32,000 homeless.", "32,000"),
        ("Fires swept through Oakford, destroying hundreds of homes and forcing 3,000 people to flee.", "3,000 people"),
        ("In Oakford, 50,000 houses were destroyed, leaving 150,000 people without shelter.", "150,000 people"),
        ("Storms affected 310,000 people in Oakford, displacing more than 9,000.", "more than 9,000"),
        ("About 3,000 people fled Oakford, 170 of whom went to a shelter in Lakeport.", "170 of whom"),
        # victims, inmates and prisoners moved are people moved
        ("The government moved 3,000 flood victims from Oakford to Lakeport.", "3,000 flood victims"),
        ("Some 600 inmates were evacuated from the jail in Oakford.", "Some 600 inmates"),
    ],
)
def test_the_count_of_the_movers(text, count):
    last = movements(text)[-1]
    assert last.figures[0].count.text == count


def test_each_entry_of_a_tally_keeps_its_own_count():
    text = "Displaced people by district: Oakford: 530 households; Lakeport: 120 households."
    got = [([e.mention.text for e in mv.destinations], [f.count.value for f in mv.figures], mv.scope)
           for mv in movements(text)]
    assert got == [(["Oakford"], [530], "stock"), (["Lakeport"], [120], "stock")]
