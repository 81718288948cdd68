"""Sentence splitting: offsets, headlines, abbreviations, scraped text."""

from __future__ import annotations

import pytest

from mapper.read.sentences import split_sentences


def _texts(text):
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Floods force hundreds out\nThe river rose overnight. Families left.",
         ["Floods force hundreds out", "The river rose overnight.", "Families left."]),
        ("Gov. Ann Bell ordered residents out. They left.",
         ["Gov. Ann Bell ordered residents out.", "They left."]),
        ("The U.S. Army helped. The town emptied.",
         ["The U.S. Army helped.", "The town emptied."]),
        ("Aid reached the U.S. The border stayed shut.",
         ["Aid reached the U.S.", "The border stayed shut."]),
        ("It happened on Nov. 4 in the valley. Nobody stayed.",
         ["It happened on Nov. 4 in the valley.", "Nobody stayed."]),
        ("The deal was signed in Lakeport, Ruritania on June 3, 2019. Buses left the next day.",
         ["The deal was signed in Lakeport, Ruritania on June 3, 2019.", "Buses left the next day."]),
        ('"We had to go," she said. "Nothing is left."',
         ['"We had to go," she said.', '"Nothing is left."']),
        ("J. R. Okafor spoke to reporters. He was tired.",
         ["J. R. Okafor spoke to reporters.", "He was tired."]),
        ("The dam burst.Residents ran uphill.", ["The dam burst.", "Residents ran uphill."]),
        ("Storm report  Thousands were moved to shelters.  Roads closed",
         ["Storm report", "Thousands were moved to shelters.", "Roads closed"]),
        ("VILLAGERS FLEE RISING WATER Officials said 300 people left.",
         ["VILLAGERS FLEE RISING WATER", "Officials said 300 people left."]),
        ("Photo caption without a full stop\n\n\nBody text here.",
         ["Photo caption without a full stop", "Body text here."]),
    ],
)
def test_split(text, expected):
    assert _texts(text) == expected


def test_loose_pdf_spacing_is_not_a_boundary():
    assert len(split_sentences("In  early  June,  fires  forced  people  out.")) == 1


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "One line", "A. B. C.", "Ends with U.S.", "x" * 500])
def test_offsets_are_exact_and_indices_consecutive(text):
    sentences = split_sentences(text)
    for i, s in enumerate(sentences):
        assert s.index == i
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))
