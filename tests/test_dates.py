"""When: date expressions resolved against the publication date; never a guessed date."""

from __future__ import annotations

import datetime as dt

import pytest

from mapper.model import Article
from mapper.movements.dates import find_dates
from mapper.movements.extract import find_movements
from mapper.places.toponyms import find_mentions
from mapper.read.sentences import split_sentences

D = dt.date
MON = D(2019, 3, 11)  # a Monday
SAT = D(2019, 3, 16)  # a Saturday


def _one(text, published):
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------------
# Absolute dates: read with or without a publication date
# --------------------------------------------------------------------------------
@pytest.mark.parametrize("published", [None, MON])
@pytest.mark.parametrize(
    ("text", "expr", "start", "end", "precision"),
    [
        ("The convoy left Vetro on April 3, 2018.", "on April 3, 2018", D(2018, 4, 3), D(2018, 4, 3), "day"),
        ("The convoy left Vetro on 3 April 2018.", "on 3 April 2018", D(2018, 4, 3), D(2018, 4, 3), "day"),
        ("Families crossed on the 3rd of April, 2018.", "on the 3rd of April, 2018", D(2018, 4, 3), D(2018, 4, 3), "day"),
        ("Boats arrived 2018-04-03 at dawn.", "2018-04-03", D(2018, 4, 3), D(2018, 4, 3), "day"),
        ("They fled in March 2016 to the coast.", "in March 2016", D(2016, 3, 1), D(2016, 3, 31), "month"),
        ("They fled in 2015 to the coast.", "in 2015", D(2015, 1, 1), D(2015, 12, 31), "year"),
        ("Residents left in early 2014.", "in early 2014", D(2014, 1, 1), D(2014, 4, 30), "month"),
        ("Residents left in mid-2014.", "in mid-2014", D(2014, 5, 1), D(2014, 8, 31), "month"),
        ("Evacuations ran from 18 to 22 June 2014.", "from 18 to 22 June 2014", D(2014, 6, 18), D(2014, 6, 22), "day"),
        ("Evacuations ran June 19-25, 2016 in the valley.", "June 19-25, 2016", D(2016, 6, 19), D(2016, 6, 25), "day"),
        ("Most left by bus on Saturday, 25 July 2015.", "on Saturday, 25 July 2015", D(2015, 7, 25), D(2015, 7, 25), "day"),
        ("They were displaced in the early 2000s by fighting.", "in the early 2000s", D(2000, 1, 1), D(2003, 12, 31), "year"),
        ("They were displaced in the 1990s.", "in the 1990s", D(1990, 1, 1), D(1999, 12, 31), "year"),
        ("Storm hits the coast Tue, February 9, 2016 at noon.", "Tue, February 9, 2016", D(2016, 2, 9), D(2016, 2, 9), "day"),
        ("Aid came at the end of 2012.", "at the end of 2012", D(2012, 12, 1), D(2012, 12, 31), "month"),
        ("Nobody was left by late October 2014, in late October 2014.", "in late October 2014", D(2014, 10, 21), D(2014, 10, 31), "day"),
    ],
)
def test_absolute_dates(text, expr, start, end, precision, published):
    p = _one(text, published)
    assert (p.text, p.start, p.end, p.precision) == (expr, start, end, precision)
    assert text[p.char_start:p.char_end] == expr


# --------------------------------------------------------------------------------
# Relative dates: resolved against the publication date, nothing without it
# --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "published", "start", "end", "precision"),
    [
        ("Hundreds fled on Saturday.", MON, D(2019, 3, 9), D(2019, 3, 9), "day"),
        ("Hundreds fled Saturday night.", MON, D(2019, 3, 9), D(2019, 3, 9), "day"),
        ("Hundreds fled early on Monday.", MON, MON, MON, "day"),
        ("Hundreds fled yesterday.", MON, D(2019, 3, 10), D(2019, 3, 10), "day"),
        ("Hundreds fled today.", MON, MON, MON, "day"),
        ("Hundreds fled this morning.", MON, MON, MON, "day"),
        ("Hundreds fled last night.", MON, D(2019, 3, 10), MON, "day"),
        ("Hundreds fled overnight.", MON, D(2019, 3, 10), MON, "day"),
        ("Hundreds fled last week.", MON, D(2019, 3, 4), D(2019, 3, 10), "day"),
        ("Hundreds fled this week.", D(2019, 3, 13), D(2019, 3, 11), D(2019, 3, 17), "day"),
        ("Hundreds fled earlier this week.", D(2019, 3, 13), D(2019, 3, 11), D(2019, 3, 13), "day"),
        ("Hundreds fled over the weekend.", MON, D(2019, 3, 9), D(2019, 3, 10), "day"),
        ("Hundreds fled last month.", MON, D(2019, 2, 1), D(2019, 2, 28), "month"),
        ("Hundreds fled earlier this month.", MON, D(2019, 3, 1), MON, "month"),
        ("Hundreds fled since Monday.", D(2019, 3, 14), MON, D(2019, 3, 14), "day"),
        ("Hundreds fled at the end of last year.", MON, D(2018, 12, 1), D(2018, 12, 31), "month"),
        ("Hundreds fled late last year.", MON, D(2018, 9, 1), D(2018, 12, 31), "month"),
        ("Hundreds fled in recent months.", MON, D(2018, 12, 11), MON, "month"),
        ("Hundreds fled in recent days.", MON, D(2019, 3, 8), MON, "day"),
        ("Hundreds fled this year.", MON, D(2019, 1, 1), D(2019, 12, 31), "year"),
        ("Hundreds fled earlier this year.", MON, D(2019, 1, 1), MON, "year"),
        ("Hundreds fled last year.", MON, D(2018, 1, 1), D(2018, 12, 31), "year"),
        ("Hundreds fled in the last 10 days.", MON, D(2019, 3, 1), MON, "day"),
        ("Hundreds fled over the past three months.", MON, D(2018, 12, 11), MON, "month"),
        ("Hundreds fled three days ago.", MON, D(2019, 3, 8), D(2019, 3, 8), "day"),
        ("Hundreds fled two weeks ago.", MON, D(2019, 2, 25), D(2019, 3, 3), "day"),
        ("Hundreds fled a month ago.", MON, D(2019, 2, 1), D(2019, 2, 28), "month"),
        ("Hundreds fled in January.", MON, D(2019, 1, 1), D(2019, 1, 31), "month"),
        ("Hundreds fled in October.", MON, D(2018, 10, 1), D(2018, 10, 31), "month"),
        ("Hundreds fled last October.", MON, D(2018, 10, 1), D(2018, 10, 31), "month"),
        ("Hundreds fled in mid-February.", MON, D(2019, 2, 11), D(2019, 2, 20), "day"),
        ("Hundreds fled in October last year.", MON, D(2018, 10, 1), D(2018, 10, 31), "month"),
        ("Hundreds fled on March 2.", MON, D(2019, 3, 2), D(2019, 3, 2), "day"),
        ("Hundreds fled on 28 December.", D(2019, 1, 4), D(2018, 12, 28), D(2018, 12, 28), "day"),
    ],
)
def test_relative_dates(text, published, start, end, precision):
    p = _one(text, published)
    assert (p.start, p.end, p.precision) == (start, end, precision)
    assert p.start <= p.end


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds fled on Saturday.", "Hundreds fled yesterday.", "Hundreds fled last week.",
        "Hundreds fled last month.", "Hundreds fled earlier this month.", "Hundreds fled since Monday.",
        "Hundreds fled at the end of last year.", "Hundreds fled in recent months.", "Hundreds fled this year.",
        "Hundreds fled in January.", "Hundreds fled on March 2.", "Hundreds fled three days ago.",
        "Hundreds fled since 2015.", "Hundreds fled over the weekend.",
    ],
)
def test_relative_dates_need_a_publication_date(text):
    assert find_dates(text, None) == ()


# --------------------------------------------------------------------------------
# Boundaries: publication day, leap years, year ends
# --------------------------------------------------------------------------------
def test_on_saturday_published_on_a_saturday_is_that_day():
    assert _one("They crossed on Saturday.", SAT).start == SAT


def test_last_saturday_published_on_a_saturday_is_the_week_before():
    assert _one("They crossed last Saturday.", SAT).start == D(2019, 3, 9)


def test_next_saturday_is_after_publication():
    assert _one("They cross next Saturday.", SAT).start == D(2019, 3, 23)


@pytest.mark.parametrize("text", ["More will be bused out on Saturday.", "Buses are due to leave on Saturday."])
def test_a_future_cue_makes_a_weekday_the_coming_one(text):
    assert _one(text, MON).start == D(2019, 3, 16)


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("Convoys left Thursday and Friday.", D(2019, 3, 17), D(2019, 3, 14), D(2019, 3, 15)),
        ("Convoys left Thursday and Friday.", D(2019, 3, 15), D(2019, 3, 14), D(2019, 3, 15)),
        ("Convoys left from Saturday to Monday.", MON, D(2019, 3, 9), MON),
        ("Convoys left from Thursday to Saturday.", D(2019, 3, 15), D(2019, 3, 7), D(2019, 3, 9)),
    ],
)
def test_weekday_ranges_end_on_or_before_publication(text, published, start, end):
    p = _one(text, published)
    assert (p.start, p.end) == (start, end)


def test_yesterday_across_a_year_end():
    assert _one("They fled yesterday.", D(2019, 1, 1)).start == D(2018, 12, 31)


def test_last_month_in_january_is_december():
    p = _one("They fled last month.", D(2019, 1, 15))
    assert (p.start, p.end) == (D(2018, 12, 1), D(2018, 12, 31))


@pytest.mark.parametrize(
    ("published", "end"),
    [(D(2016, 3, 10), D(2016, 2, 29)), (D(2019, 3, 10), D(2019, 2, 28))],
)
def test_last_month_ends_on_the_right_day_in_leap_and_common_years(published, end):
    assert _one("They fled last month.", published).end == end


def test_a_leap_day_with_its_year():
    p = _one("They fled on February 29, 2016.", None)
    assert p.start == D(2016, 2, 29)


def test_an_impossible_leap_day_is_not_a_date():
    assert find_dates("They fled on February 29, 2019.", None) == ()


def test_a_leap_day_without_a_year_is_the_nearest_leap_year():
    assert _one("They fled on February 29.", D(2016, 3, 5)).start == D(2016, 2, 29)


def test_a_month_ago_from_the_31st_is_clamped():
    p = _one("They fled a month ago.", D(2019, 3, 31))
    assert (p.start, p.end) == (D(2019, 2, 1), D(2019, 2, 28))


def test_past_year_from_a_leap_day():
    p = _one("They fled over the past year.", D(2020, 2, 29))
    assert (p.start, p.end) == (D(2019, 2, 28), D(2020, 2, 29))


# --------------------------------------------------------------------------------
# "since X": from X to the publication date
# --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "start", "precision"),
    [
        ("Thousands have left since 2015.", D(2015, 1, 1), "year"),
        ("Thousands have left since March.", D(2019, 3, 1), "month"),
        ("Thousands have left since March 2017.", D(2017, 3, 1), "month"),
        ("Thousands have left since Monday.", D(2019, 3, 11), "day"),
        ("Thousands have left since January 5, 2018.", D(2018, 1, 5), "day"),
    ],
)
def test_since_is_a_period_up_to_publication(text, start, precision):
    p = _one(text, D(2019, 3, 14))
    assert (p.start, p.end, p.precision) == (start, D(2019, 3, 14), precision)
    assert p.text.startswith("since")


def test_since_a_year_without_publication_gives_nothing():
    assert find_dates("Thousands have left since 2015.", None) == ()


@pytest.mark.parametrize("text", ["They may stay until Saturday.", "Nobody left before 2015.", "Buses must go by March 3.",
                                  "All returned after May 2011."])
def test_bounds_are_not_dates(text):
    assert find_dates(text, MON) == ()


# --------------------------------------------------------------------------------
# Not dates: counts, ages, durations, ordinals, names
# --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The deal comes in the seventh year of the war.",
        "A 32-year-old teacher and her two children left.",
        "Some 2015 people crossed the river.",
        "Officials counted 2000 homes destroyed in 2000 homes.",
        "They have lived in the camp for ten years.",
        "Some 1,999 residents boarded buses.",
        "The plan may see 20 families move.",
        "Marchers may head for the capital.",
        "The 1990s were calm.",
        "Shops close on Good Friday.",
        "He told the Sunday Times the figure was wrong.",
        "The report by USA Today was wrong.",
        "They may leave, the families march to the border.",
        "The ferry left at 20:15 with 300 passengers.",
        "The year before, few had left.",
        "Convoys left on 05/06/2017 from the camp.",
    ],
)
def test_not_dates(text):
    assert find_dates(text, MON) == ()


def test_a_year_before_a_comma_and_a_count_is_still_a_year():
    p = _one("In 2015, 3,000 people fled.", None)
    assert (p.text, p.start) == ("In 2015", D(2015, 1, 1))


def test_offsets_respect_start_and_end():
    text = "Earlier text on Saturday. Hundreds fled on Sunday. Later text on Friday."
    s = text.index("Hundreds")
    e = text.index("Later") - 1
    found = find_dates(text, MON, s, e)
    assert [p.text for p in found] == ["on Sunday"]
    assert text[found[0].char_start:found[0].char_end] == "on Sunday"


def test_datetime_publication_is_read_as_its_date():
    p = _one("They fled yesterday.", dt.datetime(2019, 3, 11, 23, 30))
    assert p.start == D(2019, 3, 10)


# --------------------------------------------------------------------------------
# Wiring: a movement takes the date of its own sentence
# --------------------------------------------------------------------------------
def _movements(text, published):
    article = Article(text=text, id="t", published=published)
    return find_movements(article, split_sentences(text), find_mentions(text))


def _only_with_ends(movements):
    ms = [m for m in movements if m.origins and m.destinations]
    assert len(ms) == 1, movements
    return ms[0]


def test_a_movement_takes_the_date_of_its_sentence():
    m = _only_with_ends(_movements("On Saturday, some 400 families fled Aleppo to Idlib.", MON))
    assert m.period is not None and m.period.start == D(2019, 3, 9)
    assert m.period.text == "On Saturday"


def test_a_movement_without_publication_keeps_only_absolute_dates():
    assert _only_with_ends(_movements("On Saturday, some 400 families fled Aleppo to Idlib.", None)).period is None
    m = _only_with_ends(_movements("On March 9, 2019, some 400 families fled Aleppo to Idlib.", None))
    assert m.period.start == D(2019, 3, 9)


def test_no_date_is_carried_from_another_sentence():
    text = "The talks ended on Friday. Some 400 families fled Aleppo to Idlib."
    assert _only_with_ends(_movements(text, MON)).period is None


def test_the_date_closest_to_the_trigger_wins():
    text = "Officials said on Monday that some 400 families fled Aleppo to Idlib on Saturday."
    assert _only_with_ends(_movements(text, D(2019, 3, 12))).period.start == D(2019, 3, 9)


def test_the_date_of_the_telling_is_not_the_movement_date():
    text = "Some 400 families fled Aleppo to Idlib, officials said on Monday."
    assert _only_with_ends(_movements(text, D(2019, 3, 12))).period is None


@pytest.mark.parametrize(
    "text",
    [
        "Some 400 families fled Aleppo to Idlib (Relief Wire, 3 May 2018).",
        "Officials ended the alert on Sunday after the storm, which forced 400 families to flee Aleppo to Idlib.",
        "Some 400 families fled Aleppo to Idlib, where a new camp opened in March 2018.",
        "Wire - Monday 11th March, 2019 RIVERTON (Wire) - Some 400 families fled Aleppo to Idlib.",
    ],
)
def test_dates_of_other_verbs_and_cited_sources_are_not_movement_dates(text):
    assert _only_with_ends(_movements(text, MON)).period is None


def test_the_publication_date_is_not_a_movement_date():
    m = _only_with_ends(_movements("Some 400 families fled Aleppo to Idlib.", MON))
    assert m.period is None


def test_since_gives_a_cumulative_period():
    m = _only_with_ends(_movements("More than 9,000 people have fled Aleppo to Idlib since January.", MON))
    assert (m.period.start, m.period.end, m.period.precision) == (D(2019, 1, 1), MON, "month")


# --------------------------------------------------------------------------------
# Seed-like check: the seed read with its caption date as publication date
# --------------------------------------------------------------------------------
def test_seed_flows_and_events_get_the_day_of_the_caption_or_on_saturday(seed_path):
    import mapper

    article = mapper.read_article(seed_path, published="2017-05-20")
    ex = mapper.extract(article)
    dated = ex.flows[ex.flows["date_start"].notna()]
    assert len(dated) >= 1
    assert set(dated["date_start"]) == {"2017-05-20"}
    assert set(dated["date_precision"]) == {"day"}
    assert set(ex.flows["published"]) == {"2017-05-20"}
    texts = set(ex.flows["date_text"].dropna()) | set(ex.events["date_text"].dropna())
    assert texts & {"May 20, 2017", "on Saturday"}


def test_seed_without_publication_keeps_the_caption_date_only(seed_path):
    import mapper

    ex = mapper.extract(mapper.read_article(seed_path))
    texts = set(ex.flows["date_text"].dropna()) | set(ex.events["date_text"].dropna())
    assert "on Saturday" not in texts
    assert texts <= {"May 20, 2017"}


# --------------------------------------------------------------------------------
# Property: any text, any publication day — periods are well formed, and without a
# publication date only the absolute dates remain (the same ones)
# --------------------------------------------------------------------------------
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis_profiles import PROFILE  # noqa: E402

_WORDS = ("on in since at the end of last this next past recent early late mid- Saturday Monday May March 2015 "
          "1999 20 31 29 February , . days weeks months years ago yesterday today night weekend week month year "
          "400 few several a couple and to - İ ( ) said which 2016-02-30 2016-02-29 Feb. 30th people").split()


@PROFILE
@given(words=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=16),
       published=st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 12, 31)))
def test_periods_are_well_formed_and_absolute_dates_need_no_publication(words, published):
    text = " ".join(words)
    with_pub = find_dates(text, published)
    for p in with_pub:
        assert p.start <= p.end
        assert text[p.char_start:p.char_end] == p.text
        assert p.precision in ("day", "month", "year")
    assert set(find_dates(text, None)) <= set(with_pub)
