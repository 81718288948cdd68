"""When: date expressions in text, resolved to calendar periods.

One compiled regular expression finds absolute dates ("May 20, 2017",
"20 May 2017", "2017-05-20", "in March 2016", "in 2015") and relative ones
("on Saturday", "yesterday", "last week", "earlier this month", "in recent
months", "at the end of last year", "three days ago"); a small table of rules
turns each into a :class:`~mapper.model.Period`. Relative dates are resolved
against the article's publication date and only then: without it they give
nothing, never a guess.

Decisions (each one is a test in ``tests/test_dates.py``):

* **Weekdays.** "on Saturday" / "Saturday" is the last such day on or before
  publication (an article published on a Saturday that says "on Saturday"
  means that day). "last Saturday" is strictly before publication, "next
  Saturday" strictly after. After a future cue in the same sentence ("will",
  "is due to", "are expected to", "scheduled", "planned for") a bare weekday is
  the first such day on or after publication.
* **Dates without a year** ("May 20", "in March"): the latest occurrence that
  starts no later than a month after publication (news reports the recent past
  and the near future); after a future cue, the first that has not ended.
  "February 29" without a year is only read in a window with a leap day.
* **"since X"** is a period from the start of X to the publication date, with
  X's precision ("since 2015" → 2015-01-01 … published, precision ``year``);
  without a publication date it gives nothing (its end is unknown).
  "until / before / after / by X" give nothing: they bound a time, they do not
  say when.
* **Spans.** "last week / month / year" are the previous calendar unit; "this
  week / month / year" the current one ("earlier this month": its first day
  … published; "later this year": published … its last day); "the past week",
  "the last 10 days", "over the past three months" end on the publication
  date; vague spans ("in recent months", "the past few weeks") are taken as
  three units. "N days/weeks/months/years ago" is that day / week / month /
  year. "yesterday" is the day before publication; "today", "tonight", "this
  morning" the day itself; "last night" and "overnight" the two days around
  the night.
* **Parts of a period.** "early" = first third, "mid" = middle third, "late"
  = last third; "the beginning/start of" a year is its January and "the end
  of" a year its December (precision ``month``); of a month, its first or
  last ten days or so (precision ``day``).
* **Decades** need a preposition too: "in the 1990s" is 1990-1999, "in the
  early 2000s" 2000-2003, "mid" the 4th-6th years, "late" the last three.
* **Not dates.** A year needs a preposition or a month ("in 2015", "since
  2015", "mid-2015", "May 2015"): bare numbers, counts ("2000 homes"), ages
  ("32-year-old"), durations ("for ten years", "the seventh year of the war")
  and ordinals are never read. Month names and weekdays must be capitalised
  ("may" is a verb; "Good Friday", "the Sunday Times" are names). Slashed
  dates ("05/06/2017") are ambiguous between conventions and are skipped.

Precision is ``"day"``, ``"month"`` or ``"year"``: the grain of ``start`` and
``end`` (a week is a run of days, precision ``day``).
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re

from mapper.model import Period

__all__ = ["find_dates", "resolve_period"]

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_MONTH_NUM = {m.lower(): i for i, m in enumerate(_MONTHS, 1)}
_MONTH_NUM.update({m[:3].lower(): i for i, m in enumerate(_MONTHS, 1)})
_MONTH_NUM["sept"] = 9
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_NUM = {d.lower(): i for i, d in enumerate(_WEEKDAYS)}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                 "thirty": 30, "few": 3, "a few": 3, "several": 3, "couple": 2, "a couple": 2}
# A vague span ("in recent months") is read as three units: a convention, stated in the docs.
_VAGUE_SPAN = 3

_FULL = "|".join(_MONTHS)
_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
_MON = rf"(?:(?:{_FULL})\b|{_ABBR})"
_WD = "|".join(_WEEKDAYS)
# "Tue, February 9, 2016": short weekdays only in front of a full date (alone, "Sun" and "Wed" are words).
_WD_PREFIX = r"(?:" + _WD + r"|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?)"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)[0-9]{2}"
_NUM = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|(?:a\s+)?few|several|(?:a\s+)?couple\s+of)"
# Words after a year that make it a count ("in 2000 homes").
_COUNT_NOUNS = (r"people|persons|individuals|families|households|homes|houses|buildings|residents|refugees|"
                r"migrants|civilians|children|fighters|troops|soldiers|villagers|students|men|women|others|tents|"
                r"tonnes|tons|km|kilometres|kilometers|miles|metres|meters|feet|dead|killed|injured")

_DATE_RE = re.compile(
    rf"""
    (?<![\w,.'’-])
    (?:(?P<pre>(?i:since|in|on|during|throughout|at|over|around|within|for|from|until|till|before|after|by|through))\s+)?
    (?:(?P<mod>(?i:(?:the\s+)?(?:very\s+)?(?:(?:end|close|beginning|start|middle)\s+of|(?:early|late)(?:\s+on)?|mid-?|middle)))[\s-]*)?
    (?:
        (?P<iso>(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12][0-9]|3[01]))(?![\d-])
      | (?:(?P<mdy_wd>{_WD_PREFIX}),?\s+)?(?P<mdy_m>{_MON})\s+(?P<mdy_d>{_DAY})
            (?:\s*(?:-|–|to|and)\s*(?P<mdy_d2>{_DAY}))?(?![\d]|[,.][0-9]|\s*(?::|\.\d|[ap]\.?m\b))
            (?:,?\s+(?P<mdy_y>{_YEAR})(?!\d|,\d))?
      | (?:(?P<dmy_wd>{_WD_PREFIX}),?\s+)?(?:the\s+)?(?P<dmy_d>{_DAY})(?:\s*(?:-|–|to|and)\s*(?P<dmy_d2>{_DAY}))?
            \s+(?:of\s+)?(?P<dmy_m>{_MON})(?:,?\s+(?P<dmy_y>{_YEAR})(?!\d|,\d))?
      | (?P<my_m>{_MON}),?\s+(?P<my_y>{_YEAR})(?!\d|,\d)
      | (?P<mly_m>{_FULL})\s+(?:of\s+)?(?P<mly_rel>(?i:last|this|next))\s+(?i:year)\b
      | (?:the\s+)?(?P<dec>(?:19|20)[0-9]0)['’]?s\b
      | (?P<yr>{_YEAR})(?!\d|,\d|\.\d|\s*[-–/]\s*\d|['’]?s\b|\s+(?:{_COUNT_NOUNS})\b)
      | (?:(?P<mon_rel>(?i:last|next|this|past))\s+)?(?P<mon>{_FULL})\b(?!\s+\d)
      | (?:(?P<wd_rel>(?i:last|next|this|past|previous))\s+)?(?P<wd>{_WD})(?!\w)
            (?:\s*(?:-|–|and|to|through|or)\s*(?P<wd2>{_WD})(?!\w))?
      | (?P<dw>(?i:yesterday|today|tonight|overnight|last\s+night|(?:earlier|later)\s+(?:today|in\s+the\s+day)|this\s+(?:morning|afternoon|evening)))\b
      | (?P<ear>(?i:earlier|later))\s+(?i:this|in\s+the)\s+(?P<ear_u>(?i:week|month|year))\b
      | (?P<wkend>(?i:the\s+weekend))\b
      | (?P<the_u>(?i:the\s+(?:week|month|year)))\b(?!\s+(?:of|before|after|when|since|in|that|which))
      | (?P<span>(?i:(?:the\s+)?(?:last|past|previous|recent|coming|next)))\s+(?:(?P<span_n>(?i:{_NUM}))\s+)?(?P<span_u>(?i:days|weeks|months|years))\b(?!\s+(?:of|before|after)\b)
      | (?P<rec>(?i:recent))\s+(?P<rec_u>(?i:days|weeks|months|years))\b
      | (?P<unit_rel>(?i:(?:the\s+)?(?:last|this|next|past|previous|coming|current)))\s+(?P<unit_u>(?i:weekend|week|month|year))\b
      | (?P<ago_n>(?i:{_NUM}))\s+(?P<ago_u>(?i:days?|weeks?|months?|years?))\s+(?i:ago)\b
    )
    (?:\s+(?P<part>(?i:morning|afternoon|evening|night|noon|midday|dawn)))?
    """,
    re.VERBOSE,
)

# A bare weekday or month that is part of a name.
_NAME_BEFORE = re.compile(r"(?:Good|Black|Bloody|Super|Holy|Easter|Ash|Palm|Maundy|Shrove|Cyber)\s+$")
_NAME_AFTER = re.compile(r"\s+(?:Times|Telegraph|Express|Mail|Herald|Post|Mirror|Independent|Star|Tribune|Night\s+Live|School|Service|Mass|Prayers?|Agreement|Accord|Revolution|Movement)\b")
_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|(?:is|are)\s+(?:\w+\s+)?(?:due|scheduled|set|slated)\s+to|(?:is|are)\s+(?:\w+\s+)?(?:expected|planned|going)\s+to|"
    r"(?:scheduled|planned|set)\s+for|plans?\s+to)\b",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"[.!?;]\s[^.!?;]*$")
_REJECT_PRE = frozenset({"until", "till", "before", "after", "by", "through"})

_ONE_DAY = _dt.timedelta(days=1)

# Every date expression holds a month (any form starts with these letters), a year, or one of the
# words below ("day" is in weekdays, "today", "yesterday"; "night" in "tonight", "overnight").
_ANCHOR_RE = re.compile(r"(?:J(?:an|u[nl])|Feb|Ma[ry]|A(?:pr|ug)|Sep|Oct|Nov|Dec|(?:19|20)\d\d)")
_ANCHOR_WORDS = ("day", "night", "week", "month", "year", "ago", "morning", "afternoon", "evening", "recent")
_LEAD, _TAIL = 60, 50


# --------------------------------------------------------------------------------
# Calendar helpers
# --------------------------------------------------------------------------------
def _month_end(y: int, m: int) -> _dt.date:
    return _dt.date(y, m, calendar.monthrange(y, m)[1])


def _month(y: int, m: int) -> tuple[_dt.date, _dt.date]:
    return _dt.date(y, m, 1), _month_end(y, m)


def _add_months(d: _dt.date, n: int) -> _dt.date:
    """``d`` moved by ``n`` calendar months; the day is clamped (31 March - 1 month = 28/29 Feb)."""
    k = d.year * 12 + d.month - 1 + n
    y, m = divmod(k, 12)
    return _dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _year(y: int) -> tuple[_dt.date, _dt.date]:
    return _dt.date(y, 1, 1), _dt.date(y, 12, 31)


def _current(unit: str, d: _dt.date) -> tuple[_dt.date, _dt.date]:
    """The calendar week, month or year that holds ``d``."""
    if unit == "week":
        return _week(d)
    if unit == "month":
        return _month(d.year, d.month)
    return _year(d.year)


def _week(d: _dt.date) -> tuple[_dt.date, _dt.date]:
    monday = d - _dt.timedelta(days=d.weekday())
    return monday, monday + _dt.timedelta(days=6)


def _safe_date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _day_num(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def _num(word: str | None, default: int) -> int | None:
    if not word:
        return default
    w = " ".join(word.lower().split())
    if w.endswith(" of"):
        w = w[:-3]
    if w.isdigit():
        n = int(w)
        return n if 0 < n <= 400 else None
    return _NUMBER_WORDS.get(w)


# --------------------------------------------------------------------------------
# Resolution
# --------------------------------------------------------------------------------
def _pick_year(make, published: _dt.date, future: bool) -> tuple[_dt.date, _dt.date] | None:
    """The occurrence of a year-less date (``make(year) -> (start, end) | None``) meant by the text."""
    options = [r for r in (make(published.year + k) for k in (1, 0, -1)) if r is not None]
    if future:
        # The first occurrence that has not ended by publication.
        later = [r for r in options if r[1] >= published]
        return min(later) if later else None
    horizon = _add_months(published, 1)
    past = [r for r in options if r[0] <= horizon]
    return max(past) if past else None


def _apply_mod(mod: str, span: tuple[_dt.date, _dt.date], precision: str, unit: str | None):
    """Narrow a month/year/week to the part ``mod`` names ("early", "mid", "the end of")."""
    key = mod.lower().replace("the ", "").replace("very ", "").strip(" -")
    key = key.replace(" on", "").replace(" of", "").strip()
    start, end = span
    if unit == "year":
        y = start.year
        months = {"early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12),
                  "beginning": (1, 1), "start": (1, 1), "end": (12, 12), "close": (12, 12)}.get(key)
        if months is None:
            return span, precision
        return (_dt.date(y, months[0], 1), _month_end(y, months[1])), "month"
    if unit == "decade":
        years = {"early": (0, 3), "mid": (4, 6), "middle": (4, 6), "late": (7, 9)}.get(key)
        if years is None:
            return span, precision
        return (_dt.date(start.year + years[0], 1, 1), _dt.date(start.year + years[1], 12, 31)), "year"
    if unit == "month":
        y, m = start.year, start.month
        last = calendar.monthrange(y, m)[1]
        days = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20), "middle": (11, 20),
                "late": (21, last), "end": (21, last), "close": (21, last)}.get(key)
        if days is None:
            return span, precision
        return (_dt.date(y, m, days[0]), _dt.date(y, m, days[1])), "day"
    if unit == "week" and end - start == _dt.timedelta(days=6):
        part = {"early": (0, 2), "beginning": (0, 2), "start": (0, 2), "mid": (2, 4), "middle": (2, 4),
                "late": (4, 6), "end": (4, 6), "close": (4, 6)}.get(key)
        if part is None:
            return span, precision
        return (start + _dt.timedelta(days=part[0]), start + _dt.timedelta(days=part[1])), "day"
    return span, precision


def _rolling(published: _dt.date, n: int, unit: str, forward: bool) -> tuple[tuple[_dt.date, _dt.date], str]:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        delta = _dt.timedelta(days=n)
        other = published + delta if forward else published - delta
    elif unit == "week":
        delta = _dt.timedelta(days=7 * n)
        other = published + delta if forward else published - delta
    elif unit == "month":
        other = _add_months(published, n if forward else -n)
    else:
        other = _add_months(published, 12 * n if forward else -12 * n)
    precision = {"day": "day", "week": "day", "month": "month", "year": "year"}[unit]
    return ((published, other) if forward else (other, published)), precision


def _resolve(m: re.Match, published: _dt.date | None, future: bool):
    """``((start, end), precision, unit)`` for one match, or None when it says no date.

    ``unit`` is the calendar unit the period is (day, week, month, year,
    decade), which "early/mid/late" may narrow; None for runs of days that are
    no such unit ("the past 10 days", "the weekend").
    """
    g = m.group
    if g("iso"):
        d = _safe_date(int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))
        return ((d, d), "day", "day") if d else None
    for p in ("mdy", "dmy"):
        if g(f"{p}_m"):
            return _days_of_month(m, p, published, future)
    if g("my_m"):
        return _month(int(g("my_y")), _MONTH_NUM[g("my_m").rstrip(".").lower()]), "month", "month"
    if g("mly_m"):
        if published is None:
            return None
        y = published.year + {"last": -1, "next": 1}.get(g("mly_rel").lower(), 0)
        return _month(y, _MONTH_NUM[g("mly_m").lower()]), "month", "month"
    if g("dec") or g("yr"):
        return _year_or_decade(m)
    if published is None:
        return None  # everything below is relative to the publication date
    for group, read in _RELATIVE:
        if g(group):
            return read(m, published, future)
    return None


def _days_of_month(m: re.Match, p: str, published: _dt.date | None, future: bool):
    """"May 20", "20-22 May 2017": a day or a run of days; without a year, the occurrence meant (see _pick_year)."""
    g = m.group
    month = _MONTH_NUM[g(f"{p}_m").rstrip(".").lower()]
    d1 = _day_num(g(f"{p}_d"))
    d2 = _day_num(g(f"{p}_d2")) if g(f"{p}_d2") else d1
    if d2 < d1:
        return None

    def make(y, month=month, d1=d1, d2=d2):
        a, b = _safe_date(y, month, d1), _safe_date(y, month, d2)
        return (a, b) if a and b else None

    if g(f"{p}_y"):
        span = make(int(g(f"{p}_y")))
    elif published is None:
        return None
    else:
        span = _pick_year(make, published, future)
    return (span, "day", "day") if span else None


def _year_or_decade(m: re.Match):
    """"in 2015", "in the 1990s": only after a preposition or a part ("mid-2015"), else a bare number."""
    g = m.group
    if not (g("pre") or g("mod")):
        return None  # a bare number: never read as a year
    if g("dec"):
        y = int(g("dec"))
        return (_dt.date(y, 1, 1), _dt.date(y + 9, 12, 31)), "year", "decade"
    return _year(int(g("yr"))), "year", "year"


def _month_named(m: re.Match, p: _dt.date, future: bool):
    """"in March", "last March": a month without a year, placed by its relation to publication."""
    g = m.group
    rel = (g("mon_rel") or "").lower()
    if not (rel or g("pre") or g("mod")):
        return None  # "March" alone is too often a name or a verb
    month = _MONTH_NUM[g("mon").lower()]
    if rel == "this":
        span = _month(p.year, month)
    elif rel == "next":
        span = _month(p.year if month > p.month else p.year + 1, month)
    elif rel in ("last", "past"):
        span = _month(p.year if month < p.month else p.year - 1, month)
    else:
        span = _pick_year(lambda y: _month(y, month), p, future)
    return (span, "month", "month") if span else None


def _weekday(m: re.Match, p: _dt.date, future: bool):
    """"on Saturday", "last Monday", "Thursday and Friday": the day (or run of days) nearest publication in the direction meant."""
    g = m.group
    wd = _WEEKDAY_NUM[g("wd").lower()]
    rel = (g("wd_rel") or "").lower()
    back = (p.weekday() - wd) % 7
    ahead = (wd - p.weekday()) % 7
    if rel in ("last", "past", "previous"):
        d = p - _dt.timedelta(days=back or 7)
    elif rel == "next":
        d = p + _dt.timedelta(days=ahead or 7)
    elif rel == "this":
        d = _week(p)[0] + _dt.timedelta(days=wd)
    elif future:
        d = p + _dt.timedelta(days=ahead)
    else:
        d = p - _dt.timedelta(days=back)
    if g("wd2"):
        # "Thursday and Friday": the run of days from the first to the second.
        last = d + _dt.timedelta(days=(_WEEKDAY_NUM[g("wd2").lower()] - wd) % 7)
        if last > p and not future and rel not in ("next", "this"):
            d, last = d - _dt.timedelta(days=7), last - _dt.timedelta(days=7)
        return (d, last), "day", "day"
    return (d, d), "day", "day"


def _day_word(m: re.Match, p: _dt.date, future: bool):
    """"yesterday", "today", "last night": days counted from publication."""
    w = " ".join(m.group("dw").lower().split())
    if w == "yesterday":
        return (p - _ONE_DAY, p - _ONE_DAY), "day", "day"
    if w in ("last night", "overnight"):
        return (p - _ONE_DAY, p), "day", "day"
    return (p, p), "day", "day"


def _earlier_later(m: re.Match, p: _dt.date, future: bool):
    """"earlier this month", "later in the year": the current unit up to, or from, publication."""
    u = m.group("ear_u").lower()
    span = _current(u, p)
    span = (span[0], p) if m.group("ear").lower() == "earlier" else (p, span[1])
    return span, ("day" if u == "week" else u), u


def _weekend(m: re.Match, p: _dt.date, future: bool):
    """"over the weekend": the weekend just gone (or under way when published on a Saturday or Sunday)."""
    if (m.group("pre") or "").lower() not in ("over", "during", "at", "on"):
        return None
    monday = _week(p)[0] - (_dt.timedelta(days=0) if p.weekday() >= 5 else _dt.timedelta(days=7))
    return (monday + _dt.timedelta(days=5), min(p, monday + _dt.timedelta(days=6))), "day", None


def _the_unit(m: re.Match, p: _dt.date, future: bool):
    """"late in the year", "the end of the month": the current unit, only with a part that narrows it."""
    if not m.group("mod"):
        return None  # "the year" alone refers to no particular year
    u = m.group("the_u").split()[-1].lower()
    return _current(u, p), ("day" if u == "week" else u), u


def _span(m: re.Match, p: _dt.date, future: bool):
    """"the past three months", "in recent weeks", "the coming days": N units ending (or starting) at publication."""
    g = m.group
    word = (g("span") or g("rec")).lower().split()[-1]
    n = _num(g("span_n"), _VAGUE_SPAN if word == "recent" or not g("span_n") else 1)
    if n is None:
        return None
    unit = g("span_u") or g("rec_u")
    if not g("span_n") and word in ("last", "previous", "past", "coming", "next") and g("span"):
        n = _VAGUE_SPAN  # "the past months": a few
    span, precision = _rolling(p, n, unit, forward=word in ("coming", "next"))
    return span, precision, None


def _unit_relative(m: re.Match, p: _dt.date, future: bool):
    """"last week", "this year", "next weekend": a calendar unit shifted from publication's; "the past week" rolls instead."""
    g = m.group
    rel = g("unit_rel").lower().split()[-1]
    u = g("unit_u").lower()
    if u == "weekend":
        monday = _week(p)[0] + _dt.timedelta(days={"last": -7, "previous": -7, "past": -7, "next": 7, "coming": 7}.get(rel, 0))
        return (monday + _dt.timedelta(days=5), monday + _dt.timedelta(days=6)), "day", None
    if rel == "past" or (rel in ("last", "previous") and g("unit_rel").lower().startswith("the")):
        # "the past week", "in the last month": the days up to publication, not the calendar unit.
        span, precision = _rolling(p, 1, u, forward=False)
        return span, precision, None
    shift = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    if u == "week":
        monday = _week(p)[0] + _dt.timedelta(days=7 * shift)
        return (monday, monday + _dt.timedelta(days=6)), "day", "week"
    if u == "month":
        first = _add_months(_dt.date(p.year, p.month, 1), shift)
        return _month(first.year, first.month), "month", "month"
    return _year(p.year + shift), "year", "year"


def _ago(m: re.Match, p: _dt.date, future: bool):
    """"three days ago", "two years ago": the day, week, month or year that far before publication."""
    n = _num(m.group("ago_n"), 1)
    if n is None:
        return None
    u = m.group("ago_u").lower().rstrip("s")
    if u == "day":
        d = p - _dt.timedelta(days=n)
        return (d, d), "day", "day"
    if u == "week":
        return _week(p - _dt.timedelta(days=7 * n)), "day", "week"
    if u == "month":
        d = _add_months(p, -n)
        return _month(d.year, d.month), "month", "month"
    return _year(p.year - n), "year", "year"


# The relative forms, each read against the publication date, by the group its alternative names.
_RELATIVE = (
    ("mon", _month_named), ("wd", _weekday), ("dw", _day_word), ("ear", _earlier_later),
    ("wkend", _weekend), ("the_u", _the_unit), ("span", _span), ("rec", _span),
    ("unit_rel", _unit_relative), ("ago_n", _ago),
)


def resolve_period(m: re.Match, published: _dt.date | None, text: str, lo: int = 0) -> Period | None:
    """The :class:`Period` one match of the date pattern stands for (None when it is not a date).

    ``lo`` is where the scanned span begins (cues before it are not read).
    """
    pre = (m.group("pre") or "").lower()
    if pre in _REJECT_PRE:
        return None
    s = m.start()
    before = text[max(lo, s - 80):s]
    if (m.group("wd") or m.group("mon")) and not (m.group("wd_rel") or m.group("mon_rel") or pre or m.group("mod")):
        if _NAME_BEFORE.search(before) or _NAME_AFTER.match(text, m.end()):
            return None
    if m.group("dw") and m.group("dw")[0] == "T" and (re.search(r"[A-Z][\w.]*[ \t]+$", before)
                                                      or re.match(r"\s+(?:programme|program|show|newspaper)\b", text[m.end():])):
        return None  # "USA Today", "Russia Today": a name
    clause = _SENTENCE_START.search(before)
    clause_text = before[clause.start() + 2:] if clause else before
    future = pre == "for" or bool(_FUTURE.search(clause_text))
    got = _resolve(m, published, future)
    if got is None:
        return None
    (start, end), precision, unit = got
    if m.group("mod") and unit in ("decade", "year", "month", "week"):
        (start, end), precision = _apply_mod(m.group("mod"), (start, end), precision, unit)
    if pre == "since":
        if published is None or start > published:
            return None
        end = published
    return Period(start=start, end=end, text=m.group(), char_start=m.start(), char_end=m.end(), precision=precision)


def find_dates(text: str, published: _dt.date | None, start: int = 0, end: int | None = None) -> tuple[Period, ...]:
    """Date expressions in ``text[start:end]``, each resolved to a period.

    Parameters
    ----------
    text : str
        The text (an article); offsets of the result are into it.
    published : datetime.date or None
        The publication date, against which relative dates ("on Saturday",
        "last month") are resolved. Without it only absolute dates are returned.
    start, end : int, optional
        The span to read (a sentence of the article).

    Returns
    -------
    tuple of Period
        In text order; ``text`` is the expression as written, with its
        preposition ("since 2015", "on Saturday").

    Examples
    --------
    >>> import datetime
    >>> [p.start.isoformat() for p in find_dates("They left on Saturday.", datetime.date(2017, 5, 22))]
    ['2017-05-20']
    """
    if isinstance(published, _dt.datetime):
        published = published.date()
    if end is None:
        end = len(text)
    out = []
    for lo, hi in _windows(text, start, end):
        for m in _DATE_RE.finditer(text, lo, hi):
            period = resolve_period(m, published, text, start)
            if period is not None:
                out.append(period)
    return tuple(out)


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` that may hold a date: around the words every date contains.

    The full pattern is slow to try at every word; every expression it matches
    holds a month name, a year or one of a few words ("day", "week"...), found
    here with plain substring search. A window reaches far enough to the left
    for the longest lead-in ("throughout the very beginning of last year") and
    to the right for the longest tail ("May 20-31", "Sunday afternoon").
    """
    hits = [m.start() for m in _ANCHOR_RE.finditer(text, start, end)]
    low = text[start:end].lower()
    if len(low) != end - start:
        return [(start, end)]  # lower-casing changed lengths ("İ"): offsets would drift; read it all
    for word in _ANCHOR_WORDS:
        i = low.find(word)
        while i >= 0:
            hits.append(start + i)
            i = low.find(word, i + len(word))
    if not hits:
        return []
    hits.sort()
    spans: list[tuple[int, int]] = []
    for h in hits:
        lo, hi = max(start, h - _LEAD), min(end, h + _TAIL)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return spans
