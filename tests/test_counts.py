"""Counts keep their meaning: value, bounds, qualifier, vagueness, unit; non-counts dropped."""

from __future__ import annotations

import pytest

from mapper.movements.counts import find_counts, parse_number_words


def _one(text):
    counts = find_counts(text)
    assert len(counts) == 1, counts
    return counts[0]


@pytest.mark.parametrize(
    ("text", "count_text", "value", "low", "high", "qualifier", "approximate", "vague", "unit"),
    [
        ("Some 4,300 people boarded the buses.", "Some 4,300 people", 4300, None, None, "some", True, False, "people"),
        ("Up to 15,000 residents may leave.", "Up to 15,000 residents", 15000, None, 15000, "up to", False, False, "people"),
        ("More than 800 families fled.", "More than 800 families", 800, 800, None, "more than", False, False, "families"),
        ("At least 12 buses left the camp.", "At least 12 buses", 12, 12, None, "at least", False, False, "buses"),
        ("Nearly 9,100 villagers were moved.", "Nearly 9,100 villagers", 9100, None, 9100, "nearly", False, False, "people"),
        ("An estimated 61,000 refugees crossed.", "An estimated 61,000 refugees", 61000, None, None, "an estimated", True, False, "people"),
        ("Between 300 and 700 people left.", "Between 300 and 700 people", None, 300, 700, None, False, False, "people"),
        ("Officials said 3,000 to 4,000 residents fled.", "3,000 to 4,000 residents", None, 3000, 4000, None, False, False, "people"),
        ("Thousands of people fled the shelling.", "Thousands of people", None, None, None, None, False, True, "people"),
        ("Tens of thousands of Ruritanians crossed.", "Tens of thousands of Ruritanians", None, None, None, None, False, True, "people"),
        ("Hundreds of fighters surrendered.", "Hundreds of fighters", None, None, None, None, False, True, "fighters"),
        ("Dozens of buses waited.", "Dozens of buses", None, None, None, None, False, True, "buses"),
        ("About 1.4 million people were told to go.", "About 1.4 million people", 1_400_000, None, None, "about", True, False, "people"),
        ("Some 130 000 people were moved.", "Some 130 000 people", 130_000, None, None, "some", True, False, "people"),
        ("Two hundred and forty villagers left.", "Two hundred and forty villagers", 240, None, None, None, False, False, "people"),
        ("A dozen children were carried out.", "A dozen children", 12, None, None, None, False, False, "children"),
        ("Another 700 households left.", "Another 700 households", 700, None, None, "another", False, False, "households"),
        ("Roughly 350 rebels boarded.", "Roughly 350 rebels", 350, None, None, "roughly", True, False, "fighters"),
        ("Nearly 2,000 newly displaced people arrived.", "Nearly 2,000 newly displaced people", 2000, None, 2000, "nearly", False, False, "people"),
        ("More than 500 of them reached the coast.", "More than 500 of them", 500, 500, None, "more than", False, False, "people"),
    ],
)
def test_count_meaning(text, count_text, value, low, high, qualifier, approximate, vague, unit):
    c = _one(text)
    assert c.text == count_text
    assert text[c.start:c.end] == c.text
    assert (c.value, c.low, c.high) == (value, low, high)
    assert (c.qualifier, c.approximate, c.vague, c.unit) == (qualifier, approximate, vague, unit)


def test_rate():
    c = _one("About 2,000 people a day cross the river.")
    assert c.per == "day" and c.value == 2000


@pytest.mark.parametrize(
    "text",
    [
        "In the city, 7,215 were moved to higher ground.",
        # an irregular past tense is the people's verb, not the counted noun
        "About 7,215 made their way to higher ground.",
        "About 7,215 found shelter in schools.",
    ],
)
def test_number_without_noun_counts_people(text):
    c = _one(text)
    assert c.value == 7215 and c.unit == "people" and c.unit_text is None


def test_families_are_not_people():
    counts = find_counts("Some 300 families, or 1,500 people, left.")
    assert [(c.value, c.unit) for c in counts] == [(300, "families"), (1500, "people")]


def test_elliptical_count_takes_the_unit_before_it():
    counts = find_counts("One truck left and dozens more were due.")
    assert [c.unit for c in counts] == ["vehicles", "vehicles"]
    assert counts[1].vague and counts[1].value is None


@pytest.mark.parametrize(
    "text",
    [
        "The war is in its ninth year.",
        "It started on March 3, 2019 and again on 4 April.",
        "Fighting resumed in 2016 and since 1998.",
        "About 45 per cent of homes and 30% of roads were hit.",
        "The fund gave $3 million and 2,000 euros.",
        "The camp is 40 km away, some 25 miles from the border.",
        "A 7-year-old boy, aged 12, was found; the 2,300-hectare fire burned for 9 days.",
        "The bus left at 1400 GMT on Route 9 after the COVID-19 rules.",
        "It was one of the worst floods; the river rose 3.5 metres.",
        "The county spent Sh3 Billion and KSh 200,000 on the works.",
        "Amina Yusuf, 54, said she would stay.",
        "She was passed from one militant to another, then moved from one camp to the other.",
        "A budget of Shs 40 million and UGX 5,000 was set; billion-dollar plans followed.",
        "Platforms 7 to 12 were cleared; residents of blocks 3 and 4 and wards 5 and 6 left.",
        "(3) respecting the rights of refugees; 4) a census.",
        "Roughly one in five residents fled.",
    ],
)
def test_non_counts(text):
    assert find_counts(text) == ()


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("two hundred", 200), ("a dozen", 12), ("forty-five", 45), ("three thousand five hundred", 3500),
     ("half a million", 500_000), ("a thousand", 1000), ("seven", 7), ("banana", None)],
)
def test_number_words(phrase, value):
    assert parse_number_words(phrase) == value


def test_offsets_and_window():
    text = "Intro. Some 900 people fled. Later 40 families left."
    second = text.index("Later")
    counts = find_counts(text, second)
    assert [c.value for c in counts] == [40]
    assert text[counts[0].start:counts[0].end] == "40 families"


def test_every_value_is_written_in_the_text():
    import re
    text = "Up to 1.2 million people, some 2,500 fighters and 150 000 refugees, between 30 and 40 buses."
    written = {float(n.replace(",", "").replace(" ", "")) for n in re.findall(r"\d[\d, ]*\d|\d", text)}
    written |= {1_200_000}
    for c in find_counts(text):
        assert set(c.numbers()) <= written


def test_displaced_animals_are_no_people():
    (c,) = find_counts("Nearly three dozen displaced dogs were taken in.")
    assert c.unit == "other"


@pytest.mark.parametrize(
    ("text", "unit", "unit_text"),
    [
        # a place after a preposition is never the counted noun, whatever its ending ("-ese")
        ("Residents of four villages near Kasese left.", "other", "villages"),
        ("About 4,000 in Kasese fled.", "people", None),
        ("About 4,000 Congolese fled.", "people", "Congolese"),
    ],
)
def test_the_counted_noun_comes_before_a_preposition(text, unit, unit_text):
    (c,) = find_counts(text)
    assert (c.unit, c.unit_text) == (unit, unit_text)


@pytest.mark.parametrize(("text", "value"), [("Floods Displace 5,000 in Kasese", 5000), ("Floods Displace 5000 in Kasese", None)])
def test_a_count_with_a_thousands_comma_is_no_label(text, value):
    assert [c.value for c in find_counts(text)] == ([value] if value else [])


def test_a_count_after_a_place_and_a_comma_is_still_a_count():
    (c,) = find_counts("In Kasese, 3,000, mostly women, fled.")
    assert (c.value, c.unit) == (3000, "people")


@pytest.mark.parametrize(
    ("text", "value", "low", "high"),
    [
        ("Some 4.1 million Angolans fled.", 4_100_000, None, None),  # not 4099999.9999999995
        ("Between 2.3 and 4.1 million people fled.", None, 2_300_000, 4_100_000),
        ("From 1.5 to 2 million people fled.", None, 1_500_000, 2_000_000),
    ],
)
def test_decimal_counts_with_a_multiplier(text, value, low, high):
    (c,) = find_counts(text)
    assert (c.value, c.low, c.high) == (value, low, high)
