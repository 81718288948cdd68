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
