"""Movements from text: triggers, roles, coordination, anaphora, scope/status, merging.

Mentions are built by hand here (the places stage is tested on its own), so
these tests pin the movement rules alone. Place names are invented.
"""

from __future__ import annotations

import re

import pytest

from mapper.model import Article, Mention
from mapper.movements.extract import find_movements
from mapper.read.sentences import split_sentences

_HINTS = {"district": "district", "province": "admin1", "town": "town", "camp": "camp"}
TOPONYMS = ("Rivertown", "Lakeport", "Hillcrest", "Northland", "Eastvale district", "Eastvale",
            "Oakford", "Stonebridge", "Ruritania", "Port Amber", "Greenfield province")
DEMONYMS = ("Ruritanians", "Northlanders")


def mentions_of(text: str) -> tuple[Mention, ...]:
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for name in sorted(TOPONYMS + DEMONYMS, key=len, reverse=True):
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append(m.span())
            last = name.split()[-1]
            found.append(Mention(text=name, start=m.start(), end=m.end(), key=name.split()[0].lower(),
                                 feature_hint=_HINTS.get(last),
                                 kind="demonym" if name in DEMONYMS else "toponym"))
    return tuple(sorted(found, key=lambda m: m.start))


def run(text: str):
    article = Article(text=text, id="t")
    return find_movements(article, split_sentences(text), mentions_of(text))


def ends(mv):
    return ([e.mention.text for e in mv.origins], [e.mention.text for e in mv.destinations])


def test_shared_destinations_are_one_movement_with_one_count():
    text = "At least 300 fighters and their families left Rivertown on Monday, heading to Lakeport and to the town of Hillcrest."
    (mv,) = run(text)
    assert ends(mv) == (["Rivertown"], ["Lakeport", "Hillcrest"])
    assert mv.shared
    (fig,) = mv.figures
    assert (fig.count.value, fig.count.low, fig.count.unit) == (300, 300, "fighters")


@pytest.mark.parametrize(
    ("text", "origins", "destinations"),
    [
        ("Hundreds of families fled Rivertown for Lakeport.", ["Rivertown"], ["Lakeport"]),
        ("Some 4,000 people escaped from Oakford into Northland.", ["Oakford"], ["Northland"]),
        ("Residents of Oakford were bused to Stonebridge.", ["Oakford"], ["Stonebridge"]),
        ("Lakeport residents were evacuated to Hillcrest.", ["Lakeport"], ["Hillcrest"]),
        ("About 900 evacuees from Rivertown arrived in Port Amber on Friday.", ["Rivertown"], ["Port Amber"]),
        ("The evacuees left Oakford and headed towards Stonebridge.", ["Oakford"], ["Stonebridge"]),
        ("Hundreds of people fled to Lakeport in Northland from Rivertown.", ["Rivertown"], ["Lakeport"]),
        ("Families fled Rivertown to camps in Northland.", ["Rivertown"], ["Northland"]),
        ("Displaced people from Hillcrest sought refuge in Stonebridge.", ["Hillcrest"], ["Stonebridge"]),
        ("People fled Oakford to Lakeport, Hillcrest and Stonebridge.", ["Oakford"], ["Lakeport", "Hillcrest", "Stonebridge"]),
        ("Thousands displaced by fighting in Oakford have taken refuge in Northland's Greenfield province.",
         ["Oakford"], ["Greenfield province"]),
        ("The displaced have left Oakford for Lakeport, as well as Hillcrest and Stonebridge.",
         ["Oakford"], ["Lakeport", "Hillcrest", "Stonebridge"]),
        ("The shelling in Oakford has driven 3,000 people to Lakeport.", ["Oakford"], ["Lakeport"]),
        ("Over 900 people have been evacuated in Oakford after the river burst its banks.", ["Oakford"], []),
        ("Some 1,200 migrants crossed into Northland from Ruritania over the past year.", ["Ruritania"], ["Northland"]),
        ("Evacuees from Oakford are being housed in schools in Lakeport.", ["Oakford"], ["Lakeport"]),
        ("Thousands fled the town of Oakford for the relative safety of Lakeport.", ["Oakford"], ["Lakeport"]),
        ("Some 2,000 people have been evacuated from low-lying areas of Oakford.", ["Oakford"], []),
        ("Lakeport is hosting 80,000 refugees from Ruritania.", ["Ruritania"], ["Lakeport"]),
        ("Oakford was evacuated on Sunday.", ["Oakford"], []),
        ("The families were taken by bus from Oakford to a camp near Lakeport.", ["Oakford"], ["Lakeport"]),
        ("About 700 people were airlifted out of Oakford to Lakeport.", ["Oakford"], ["Lakeport"]),
        ("Authorities evacuated Oakford and Hillcrest.", ["Oakford", "Hillcrest"], []),
        ("Hundreds of residents fled Oakford, a town near Lakeport, on Friday.", ["Oakford"], []),
    ],
)
def test_roles(text, origins, destinations):
    (mv,) = run(text)
    assert ends(mv) == (origins, destinations)


@pytest.mark.parametrize(
    "text",
    [
        "Some residents will stay in Rivertown and hand over their weapons.",
        "An aid convoy entered Rivertown on Tuesday with food for 40,000 people.",
        "Troops moved to Lakeport after the talks.",
        "The storm moved towards Lakeport overnight.",
        "The government calls the evacuation deals in Rivertown and in Oakford a success.",
        "About 2,000 people remain trapped in Hillcrest.",
        "Ten people were killed in Oakford on Sunday.",
        "The ship sailed from Port Amber to Lakeport with grain.",
        "Police will stay and carry out duties inside Eastvale district.",
        "An activist who recently moved to Lakeport from Oakford spoke to reporters.",
        "He drove to Lakeport to enter university after leaving the army.",
        "Heavy rain brought more flooding to parts of Northland.",
        "The cyclone is heading towards Port Amber.",
        "Flight 212 from Oakford to Lakeport was evacuated after a smoke alarm.",
        "Donations to the Lakeport Tribune rose after people were displaced in the storm.",
        "The barge was returning to Lakeport from Port Amber when the line broke.",
        "The levee broke, leaving Oakford facing more flooding.",
        "Up to 300 tourists, including several Northlanders, sought shelter at the terminal.",
        "The injured were taken to the hospital in Lakeport.",
    ],
)
def test_non_flows(text):
    assert run(text) == ()


def test_locative_modifiers_are_not_endpoints():
    (mv,) = run("They fled to Greenfield province in Northland's north and to Lakeport along Northland's border with Ruritania.")
    assert [e.mention.text for e in mv.destinations] == ["Greenfield province", "Lakeport"]


def test_anaphora_and_context_carry_the_origin_across_sentences():
    text = ("Buses left Eastvale district on Saturday. "
            "By the time it is over, up to 12,000 people will have left the district. "
            "Many of them are to head for Greenfield province and for Lakeport.")
    (mv,) = run(text)
    assert [(e.mention.text, e.how) for e in mv.origins][0][0].startswith("Eastvale")
    assert [e.mention.text for e in mv.destinations] == ["Greenfield province", "Lakeport"]
    (fig,) = mv.figures
    assert fig.count.high == 12000 and fig.scope == "cumulative" and fig.status == "planned"
    assert fig.evidence.sentence.startswith("By the time")
    assert len(mv.evidence) == 3


def test_anaphor_endpoint_names_its_antecedent():
    text = "Fighting hit Eastvale district. Some 700 people fled out of the district on foot."
    (mv,) = run(text)
    (origin,) = mv.origins
    assert origin.how == "anaphora" and origin.mention.text == "Eastvale district"


def test_demonym_origin_is_flagged():
    (mv,) = run("Thousands of Ruritanians crossed into Northland last week.")
    (origin,) = mv.origins
    assert origin.how == "demonym" and origin.mention.text == "Ruritanians"
    assert [e.mention.text for e in mv.destinations] == ["Northland"]


@pytest.mark.parametrize(
    ("text", "scope", "status"),
    [
        ("About 2,000 people a day cross from Ruritania into Northland.", "rate", "completed"),
        ("More than 40,000 people have fled Oakford to Lakeport since Monday.", "cumulative", "completed"),
        ("Some 5,000 people fled Oakford to Lakeport on Sunday.", "event", "completed"),
        ("Authorities ordered 1.2 million people to evacuate from Port Amber to Hillcrest.", "event", "planned"),
        ("Around 800 people are fleeing Oakford towards Stonebridge.", "event", "ongoing"),
        ("Northland hosts 600,000 refugees from Ruritania.", "stock", "completed"),
        ("Some 31 people who crossed from Ruritania into Northland were pushed back.", "event", "blocked"),
        ("The mayor told reporters that about 600 people had been evacuated from Oakford to Lakeport.", "event", "completed"),
        ("Buses carrying about 500 people have left Oakford and are on their way to Lakeport.", "event", "ongoing"),
        # A cause made them move: done, though an infinitive follows (movers may take several words).
        ("The drought has forced 20,000 herders to leave Oakford for Lakeport.", "event", "completed"),
        ("Shelling forced hundreds of families in Oakford to flee to Lakeport.", "event", "completed"),
        ("About 200 pupils had to be evacuated from Oakford to Lakeport.", "event", "completed"),
        ("About 200 pupils will have to be evacuated from Oakford to Lakeport.", "event", "planned"),
        ("Rising water could force 3,000 people to leave Oakford for Lakeport.", "event", "planned"),
        # an evacuation ordered has not happened yet
        ("The governor ordered the evacuation of 5,000 people from Oakford to Lakeport.", "event", "planned"),
        ("About 5,000 residents are under mandatory evacuation from Oakford to Lakeport.", "event", "planned"),
        # recommended and advised evacuations, and evacuation zones, are plans
        ("Voluntary evacuations were recommended for 300 people from Oakford to Lakeport.", "event", "planned"),
        ("The evacuation zone includes 300 homes in Oakford, whose residents may go to Lakeport.", "event", "planned"),
        # "to" before a determiner is a preposition, not an infinitive
        ("The attacks led to the evacuation of 5,000 people from Oakford to Lakeport.", "event", "completed"),
        ("About 5,000 people are estimated to have fled Oakford for Lakeport.", "event", "completed"),
    ],
)
def test_scope_and_status(text, scope, status):
    (mv,) = run(text)
    (fig,) = mv.figures
    assert (fig.scope, fig.status) == (scope, status)


def test_restatements_merge_with_all_their_evidence():
    text = "Some 3,000 people fled Oakford to Stonebridge. The 3,000 who fled Oakford reached Stonebridge by night."
    (mv,) = run(text)
    assert len(mv.evidence) == 2
    assert {f.evidence.sentence for f in mv.figures} == {s.text for s in split_sentences(text)}


def test_origin_only_report_gives_its_figures_to_the_movement_with_destinations():
    text = "About 1,500 people left Oakford on Monday. Oakford residents are being told to go to Lakeport."
    (mv,) = run(text)
    assert ends(mv) == (["Oakford"], ["Lakeport"])
    assert [f.count.value for f in mv.figures] == [1500]
    assert mv.figures[0].evidence.sentence.startswith("About 1,500")


def test_evidence_offsets_and_numbers_come_from_the_text():
    text = ("Floods hit Rivertown\nOver 6,500 residents were evacuated from Rivertown to Lakeport. "
            "Another 2,100 families left Oakford for Stonebridge; nearly 900 went to Hillcrest.")
    moves = run(text)
    assert moves
    digits = {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)}
    for mv in moves:
        for ev in mv.evidence:
            assert text[ev.start:ev.end] == ev.sentence
        for f in mv.figures:
            assert text[f.count.start:f.count.end] == f.count.text
            assert text[f.evidence.start:f.evidence.end] == f.evidence.sentence
            assert set(f.count.numbers()) <= digits


def test_no_endpoints_no_movement():
    assert run("Thousands of people fled the fighting.") == ()


def test_destroyed_houses_are_not_figures():
    (mv,) = run("Over 2,000 houses were destroyed and some 900 families fled Oakford to Lakeport.")
    assert [(f.count.value, f.count.unit) for f in mv.figures] == [(900, "families")]


def test_context_origin_needs_movers_referred_back():
    # A new, unrelated figure with a destination does not inherit the last origin.
    text = "About 600 people fled Oakford on Monday. Years ago, tens of thousands fled towards Northland."
    moves = run(text)
    assert all(not (m.origins and m.destinations) for m in moves)


def test_context_origin_is_marked():
    text = "About 600 people fled Oakford on Monday. Most of them went to Lakeport."
    (mv,) = run(text)
    assert ends(mv) == (["Oakford"], ["Lakeport"])
    assert mv.evidence[-1].sentence == "Most of them went to Lakeport."


def test_seed_gold_scores_f1_one_through_the_benchmark(shared_dir, monkeypatch):
    """Issue 2: the seed's gold flows, scored by benchmarks/flows.py, give edge F1 = 1."""
    import importlib.util
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "flows.py"
    monkeypatch.syspath_prepend(str(path.parent))  # as when run as a script: its helper modules import
    spec = importlib.util.spec_from_file_location("flows_benchmark", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    doc = json.loads((shared_dir / "eval" / "flows" / "seed_gold.json").read_text(encoding="utf-8"))
    t = bench.score_flows([doc], verbose=False)
    assert bench._prf(t["pred_ok"], t["pred"], t["req_hit"], t["req"])[2] == 1.0
    assert t["count_ok"] == t["count_n"] > 0
    assert t["fabricated"] == 0


def test_each_figure_keeps_its_own_scope_and_status():
    text = ("Aid groups said 4,000 people have fled Oakford to Lakeport in the past week, "
            "with another 1,000 waiting to cross.")
    (mv,) = run(text)
    got = {f.count.value: (f.scope, f.status) for f in mv.figures}
    assert got == {4000: ("cumulative", "completed"), 1000: ("event", "planned")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fighting displaced 2,000 families in Oakford, bringing the total number of displaced people "
         "in the province to 40,000.", {2000: "event", 40000: "cumulative"}),
        ("Some 600 people fled Oakford to Lakeport on Monday, taking the number of those who left to 2,400.",
         {600: "event", 2400: "cumulative"}),
        ("Floods displaced 300 people in Oakford on Monday, raising the tally to 1,100.", {300: "event", 1100: "cumulative"}),
    ],
)
def test_a_running_total_is_cumulative_and_leaves_the_phase_alone(text, expected):
    (mv,) = run(text)
    assert {f.count.value: f.scope for f in mv.figures} == expected


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # The count columns show who moved, not who is still waiting.
        ("Aid groups said 4,000 people have fled Oakford to Lakeport in the past week, "
         "with another 1,000 waiting to cross.", 4000),
        # Of figures with the movement's status, this phase before the running total.
        ("Some 600 people left Oakford for Lakeport on Monday, bringing the total to 2,400.", 600),
        # a share of a population is no count of movers; the evacuated counted are
        ("Nearly half of Oakford's 200,000 residents fled to Lakeport.", None),
        ("Most of the 30,000 people evacuated from Oakford have been moved to Lakeport.", 30000),
        ("The majority of the 12,000 people internally displaced from Oakford have gone to Lakeport.", 12000),
        # the killed are no count of movers, in any tense ("kill 6 civilians")
        ("Gunmen kill 6 civilians near a camp in Lakeport where some 9,000 people have taken refuge.", 9000),
        # counts joined to the dead ("left 2,251 people and 73 soldiers dead") are the dead
        ("The war left 2,251 civilians and 73 soldiers dead and displaced 475,000 people from Oakford to Lakeport.",
         475000),
        # a part of the dead ("killed six civilians, including two children") is no count of movers
        ("Gunmen near Lakeport killed six civilians, including two children, and 900 people fled Oakford for Lakeport.",
         900),
        # displaced people who remain somewhere are counted; residents who remain are not movers
        ("Some 300 displaced families remain in Lakeport.", 300),
        # a death toll is no count of movers, in the same clause or not
        ("The death toll rose to 40 and the number of people who fled Oakford for Lakeport rose to 1,200.", 1200),
    ],
)
def test_the_count_shown_is_the_movements_own(text, shown):
    from mapper.frames import _count_columns

    (mv,) = run(text)
    assert _count_columns(mv)["count"] == shown


def test_a_new_count_with_its_own_verb_is_its_own_movement():
    # The onward group is not the first group: no shared count across both.
    text = "About 2,000 refugees crossed from Oakford to Lakeport on Monday, and hundreds moved on to Hillcrest."
    mvs = run(text)
    first = next(mv for mv in mvs if ends(mv)[1] == ["Lakeport"])
    assert not first.shared and [f.count.value for f in first.figures] == [2000]
    onward = [mv for mv in mvs if "Hillcrest" in ends(mv)[1]]
    assert onward and all(2000 not in [f.count.value for f in mv.figures] for mv in onward)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # more of the same movement stays in its clause, with its figure
        ("One bus left Rivertown for Lakeport, and dozens more were expected to follow to bring some 900 people out.",
         [900]),
        # a running total without a verb of its own, too
        ("Some 300 people left Rivertown for Lakeport on Monday, and up to 2,000 in all.", [300, 2000]),
    ],
)
def test_more_of_the_same_stays_one_movement(text, values):
    (mv,) = run(text)
    assert ends(mv) == (["Rivertown"], ["Lakeport"])
    assert sorted(f.count.value or f.count.high for f in mv.figures) == values


def test_people_are_shown_before_the_buses_they_rode():
    from mapper.frames import _primary
    from mapper.model import Count, Figure

    bus = Figure(Count("one bus", 0, 7, value=1, unit="buses"), status="completed")
    people = Figure(Count("some 900 people", 20, 35, value=900, approximate=True), status="ongoing")
    assert _primary((bus, people), "completed") is people
    assert _primary((bus,), "completed") is bus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Some 3,000 people fled Oakford to Lakeport, and 1,200 to Hillcrest.",
         {"Lakeport": [3000], "Hillcrest": [1200]}),
        ("Some 3,000 people fled Oakford to Lakeport and 1,200 to Hillcrest.",
         {"Lakeport": [3000], "Hillcrest": [1200]}),
        ("About 500 people fled Oakford to Lakeport, 300 to Hillcrest, and 200 to Stonebridge.",
         {"Lakeport": [500], "Hillcrest": [300], "Stonebridge": [200]}),
    ],
)
def test_each_count_goes_with_its_own_destination(text, expected):
    # "N to A, and M to B": the verb is left out of the second part; M is not a share of N.
    got = {}
    for mv in run(text):
        assert not mv.shared
        (dest,) = ends(mv)[1]
        got[dest] = [f.count.value for f in mv.figures]
        assert ends(mv)[0] == ["Oakford"]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a second verb with a second group is a movement of its own, whatever its verb
        ("The war displaced 1.2 million people within Ruritania and sent another 250,000 into Lakeport.",
         {("Ruritania", ""): [1_200_000]}),
        ("The war displaced 1.2 million people within Ruritania, and another 250,000 have fled into Lakeport.",
         {("Ruritania", ""): [1_200_000], ("", "Lakeport"): [250_000]}),
        ("Some 3,000 people fled Oakford and 500 crossed into Lakeport.",
         {("Oakford", ""): [3000], ("", "Lakeport"): [500]}),
        # two counts of one group before one verb are one clause; so are the dead
        ("Police said all 53 passengers and 7 crew members had been evacuated from Oakford.", {("Oakford", ""): [53]}),
        ("Some 3,000 people fled Oakford and 22 houses collapsed.", {("Oakford", ""): [3000]}),
        # a bare count before an irregular verb counts people; a list's place with its own count stands apart
        ("Some 800 went to Lakeport and 400 to Hillcrest.", {("", "Lakeport"): [800], ("", "Hillcrest"): [400]}),
        ("Refugees have arrived in Lakeport and Hillcrest, with Lakeport receiving 5,000.",
         {("", "Lakeport,Hillcrest"): []}),
        # ", with N ..." is a clause of its own when it has its own verb
        ("Most displaced people live in Oakford, with some 2,300 people in Hillcrest alone fleeing to Lakeport.",
         {("", "Oakford"): [], ("Hillcrest", "Lakeport"): [2300]}),
        # the parts of one group are no new clause
        ("About 300 people (including 44 older people and 139 children) were evacuated from Oakford.",
         {("Oakford", ""): [300]}),
        ("About 300 people, including 44 older people and 139 children, were evacuated from Oakford.",
         {("Oakford", ""): [300]}),
    ],
)
def test_a_second_group_keeps_its_own_count(text, expected):
    got = {}
    for mv in run(text):
        o, d = ends(mv)
        got[(",".join(o), ",".join(d))] = [f.count.value for f in mv.figures][:1]
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        "At least 300 fighters and their families left Rivertown on Monday, heading to Lakeport and to the town of Hillcrest.",
        "Some 3,000 people fled Oakford for Lakeport and Hillcrest, and up to 9,000 in all.",
    ],
)
def test_one_count_for_several_destinations_stays_shared(text):
    (mv,) = run(text)
    assert mv.shared and ends(mv)[1] == ["Lakeport", "Hillcrest"]


def test_a_gapped_second_origin_keeps_its_own_count():
    text = "Officials said 230 people had been evacuated from Oakford and 80 from Lakeport."
    got = {tuple(e.mention.text for e in mv.origins): [f.count.value for f in mv.figures] for mv in run(text)}
    assert got == {("Oakford",): [230], ("Lakeport",): [80]}


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("About 3,000 people fled Oakford to Lakeport in May.", "completed"),  # the month, not the modal
        ("Up to 3,000 people may be evacuated from Oakford.", "planned"),
    ],
)
def test_the_month_may_is_no_modal(text, status):
    (mv,) = run(text)
    assert mv.status == status


def test_a_count_carried_to_the_story_place_is_not_glued_to_a_movement_elsewhere():
    text = ("About 3,000 people fled Oakford to Lakeport on Monday. "
            "Separately, conflict displaced 11,000 people between 2006 and 2015, officials said.")
    got = [([e.mention.text for e in mv.origins], [e.mention.text for e in mv.destinations],
            [f.count.value for f in mv.figures]) for mv in run(text)]
    assert got == [(["Oakford"], ["Lakeport"], [3000]), (["Oakford"], [], [11000])]


def test_people_who_remain_in_displacement_are_counted():
    (mv,) = run("Some 5,000 people remained in protracted displacement in Oakford.")
    assert [f.count.value for f in mv.figures] == [5000]


def test_a_count_said_of_one_place_of_a_list_stays_with_that_place():
    text = ("Flooding has displaced people in Oakford, Lakeport and Stonebridge districts. "
            "In Stonebridge district, more than 30,000 people were forced to flee their homes.")
    counted = [mv for mv in run(text) if mv.figures]
    assert [[e.mention.text for e in mv.origins] for mv in counted] == [["Stonebridge"]]
