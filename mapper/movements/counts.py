"""Counts of people as the text states them: "some 3,000", "up to 15,000", "thousands".

A small grammar of our own (no library handles "some / up to / thousands /
dozens" honestly): a numeric core (digits, digits with a multiplier, number
words, or a vague quantity word), a qualifier on its left that may make it a
bound or an approximation, a range partner ("between A and B", "A to B"), and a
unit noun on its right. Things that look like numbers but are not counts —
years, dates, times, ages, percentages, money, distances, durations, labels
("Route 66"), ordinals — are dropped. A value is only ever a number written in
the text; vague quantities carry no value.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from mapper.model import Count
from mapper.movements import lexicon as lx

__all__ = ["find_counts", "parse_number_words", "NUMBER_WORDS"]

# --------------------------------------------------------------------------------
# Number words
# --------------------------------------------------------------------------------
_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "lakh": 100_000, "lakhs": 100_000, "crore": 10_000_000, "crores": 10_000_000}
NUMBER_WORDS = {**_SMALL, **_TENS, **_SCALES, "dozen": 12}
_MULTIPLIERS = {"million": 1e6, "millions": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9,
                "bn": 1e9, "thousand": 1e3, "k": 1e3, "hundred": 1e2,
                "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7}

_WORD_ALT = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_TENS_ALT = "|".join(_TENS)
_UNITS_ALT = "|".join(k for k in _SMALL if _SMALL[k] < 10 and k != "zero")
# A number spelled out: "two hundred and fifty", "forty-five", "a dozen", "half a million".
_WORDS_RE = (
    rf"(?:(?:a|one|half\s+a)\s+)?(?:(?:{_TENS_ALT})[-\s](?:{_UNITS_ALT})|{_WORD_ALT})"
    rf"(?:(?:\s+and\s+|\s+|-)(?:(?:{_TENS_ALT})[-\s](?:{_UNITS_ALT})|{_WORD_ALT}))*"
)

# PDF-extracted text glues words together ("at least140,000"): a qualifier may touch the digits.
_GLUED_QUALIFIER = "|".join(f"(?<={q})" for q in ("around", "about", "least", "between", "than", "some", "nearly", "almost", "to", "with"))
_DIGITS_RE = (
    "(?:(?<![\\w.,:/])|" + _GLUED_QUALIFIER + ")"
    r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,])|\d+)(?:\.\d+)?"
)
_MULT_RE = r"(?:\s*(?:million|millions|billion|thousand|hundred|lakhs?|crores?)\b|(?:mn|bn|m|k)\b)"
_VAGUE_RE = (
    r"(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions)"
    r"|(?:several|a\s+few|many|some)\s+(?:hundred|thousand|million|dozen)(?!\w)"
    r"|thousands|hundreds|millions|dozens|scores(?=\s+of\b))"
)

_CORE = re.compile(
    rf"(?P<vague>\b{_VAGUE_RE})"
    rf"|(?P<digits>{_DIGITS_RE})(?P<mult>{_MULT_RE})?"
    rf"|(?P<words>\b{_WORDS_RE})\b",
    re.IGNORECASE,
)

# Phone numbers, fractions, times, scores, codes: digits that never count anything.
_NOT_QUANTITY = re.compile(
    r"\(\d{3}\)\s*\d{3}[-.\s]\d{4}|\b\d{3}[-.]\d{3}[-.]\d{4}\b|\b\d{3}-\d{4}\b|\b\d+/\d+(?:/\d+)?\b|\b\d{1,2}:\d{2}\b"
    # "from one militant to another", "one after another": an idiom, no count
    r"|\b[Oo]ne\s+(?:[\w-]+\s+)?(?:to|after)\s+(?:another|the\s+other)\b"
)
_QUAL_ALT = "|".join(re.escape(q) for q in sorted(lx.QUALIFIERS, key=len, reverse=True))
_LEFT_QUAL = re.compile(rf"\b(?P<q>{_QUAL_ALT})\s*$", re.IGNORECASE)
_LEFT_BETWEEN = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|and|or)\s*$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]|[^\sA-Za-z0-9]")
_PREV_WORD = re.compile(r"([A-Za-z][A-Za-z.'’-]*)\W*$")


def parse_number_words(phrase: str) -> float | None:
    """Value of a spelled-out number ("two hundred and fifty" → 250), or None.

    Parameters
    ----------
    phrase : str
        Number words, possibly with hyphens and "and"; "a"/"half a" allowed in front.

    Returns
    -------
    float or None
        The value, or None when the phrase is not a well-formed number.
    """
    words = [w for w in re.split(r"[\s-]+", phrase.lower()) if w and w != "and"]
    if not words:
        return None
    factor = 1.0
    if words[0] == "half" and len(words) > 1 and words[1] == "a":
        factor, words = 0.5, words[2:]
    elif words[0] == "a":
        words = words[1:]
        if not words or words[0] not in _SCALES and words[0] != "dozen":
            return None
        words = ["one", *words]
    total = current = 0.0
    seen = False
    for w in words:
        if w in _SMALL or w in _TENS:
            current += _SMALL.get(w, 0) + _TENS.get(w, 0)
            seen = True
        elif w == "dozen":
            current = (current or 1) * 12
            seen = True
        elif w == "hundred":
            current = (current or 1) * 100
            seen = True
        elif w in _SCALES:
            total += (current or 1) * _SCALES[w]
            current = 0
            seen = True
        else:
            return None
    return (total + current) * factor if seen else None


def _digits_value(digits: str, mult: str | None) -> float:
    value = float(re.sub(r"[,\s\u00a0\u202f]", "", digits))
    return _scaled(value, mult) if mult else value


def _scaled(value: float, mult: str) -> float:
    """*value* times the multiplier word, rounded: 4.1 × 1e6 is 4099999.9999999995 in binary floating point,
    and the count is 4,100,000."""
    return round(value * _MULTIPLIERS[mult.strip().lower()], 6)


def _unit_after(text: str, pos: int, limit: int) -> tuple[str | None, str | None, int, str | None, bool]:
    """Read the unit noun after a number.

    Returns ``(unit, unit_text, end, per, is_measure)``: ``unit`` None means no
    noun (the number stands for people, "12,000 were moved"); ``is_measure``
    means the number is a distance/duration/money/share and not a count.
    """
    window = text[pos:min(limit, pos + 90)]
    noun = None if _glued_measure(window) else _unit_noun(window, pos)
    if noun is None:
        return None, None, pos, None, True
    unit, unit_text, end = noun
    per, end = _rate(text, end, limit)
    return unit, unit_text, end, per, False


def _glued_measure(window: str) -> bool:
    """A measure written onto the number: "35.6feet", "13years", "1,100-hectare", "5-year-old", "40%".

    PDF text loses the space, and a hyphen makes the number an adjective of the
    noun it measures ("a 5-year-old"); only "-strong" ("a 300-strong group") counts.
    """
    glued = re.match(r"(?:-|\s)?([A-Za-z]+)", window)
    if window[:1] == "-" and glued and glued.group(1).lower() != "strong":
        return True
    if glued and window[:1].isalpha() and glued.group(1).lower() in lx.MEASURE_WORDS:
        return True
    return bool(re.match(r"\s*(?:%|per\s*cent|percent|pc\b|per-cent|:\d|\.\d|year-old|-year)", window, re.I))


_PLACE_PREPOSITIONS = frozenset("in near from to at into across around outside inside".split())


def _unit_noun(window: str, pos: int) -> tuple[str | None, str | None, int] | None:
    """The counted noun in the first few words of ``window``: ``(unit, unit_text, end)``, or None for a measure.

    Adjectives, participles and names may stand between the number and its
    noun ("3,000 newly displaced Ruritanian villagers"); a verb, a word such as
    "were" that follows a count of people, or a third skipped word ends the
    search. With no unit noun, the first other word (or a later plural) is
    kept as an "other" unit ("200 houses").
    """
    tokens = list(_WORD.finditer(window))
    end = pos
    skipped = 0
    first_other: tuple[str, int] | None = None
    i = 0
    while i < len(tokens) and i < 6:
        tok = tokens[i]
        w = tok.group()
        lw = w.lower()
        if i == 0 and (lw in lx.MEASURE_WORDS or lw in lx.MONTHS):
            # "30 miles", "10 days", "20 May"; "per" may start a rate ("5 per day") instead.
            if lw == "per":
                break
            return None
        if lw in ("of",) and i + 1 < len(tokens) and tokens[i + 1].group().lower() in ("them", "whom", "those", "these"):
            return "people", None, pos + tokens[i + 1].end()
        if lw in _PLACE_PREPOSITIONS:
            break  # "four villages near Kasese", "4,000 in Kasese": the counted noun, if any, came before
        if lw not in lx.UNIT_NOUNS and len(lw) > 6:
            lw = _unglue(lw)
        if lw in lx.UNIT_NOUNS:
            return _head_noun(tokens, i, lx.UNIT_NOUNS[lw], pos)
        if w[0].isupper() and len(w) > 3 and _is_demonym_plural(w):
            if _adjective_demonym(tokens, i):
                skipped += 1
                i += 1
                continue
            return "people", w, pos + tok.end()
        if lw in lx.IMPLICIT_PEOPLE_FOLLOWERS and lw not in ("more", "others"):
            break
        if lw in ("more", "others"):
            end = pos + tok.end()
            if lw == "others":
                return "people", w, end
            i += 1
            continue
        if lw.endswith(("ed", "ing")) and lw not in lx.UNIT_MODIFIERS:
            nxt = tokens[i + 1].group().lower() if i + 1 < len(tokens) else ""
            if nxt not in lx.UNIT_NOUNS and nxt not in lx.UNIT_MODIFIERS:
                break  # a verb: "2,000 waiting at the border"
        if lw in lx.UNIT_MODIFIERS or lw.endswith(("ly", "ed", "ing")) or (w[0].isupper() and len(w) > 2):
            skipped += 1
            i += 1
            continue
        if not w[0].isalpha():
            break
        if first_other is None or lw.endswith("s"):
            first_other = (w, pos + tok.end())
        skipped += 1
        if skipped >= 3:
            break
        i += 1
    if first_other is None:
        return None, None, end
    if first_other[0].lower() in lx.MEASURE_WORDS:
        return None
    return "other", first_other[0], first_other[1]


def _head_noun(tokens: list[re.Match], i: int, unit: str, pos: int) -> tuple[str, str, int]:
    """The last unit noun of the run starting at token ``i``: "3,000 displaced people" counts people.

    "displaced" is itself a unit noun ("3,000 displaced") but never the head of a run.
    """
    unit_text, end = tokens[i].group(), pos + tokens[i].end()
    if unit_text.lower() == "displaced" and i + 1 < len(tokens) and tokens[i + 1].group().lower() in lx.ANIMALS:
        return "other", tokens[i + 1].group(), pos + tokens[i + 1].end()  # "three dozen displaced dogs"
    while i + 1 < len(tokens) and tokens[i + 1].group().lower() in lx.UNIT_NOUNS and tokens[i + 1].group().lower() != "displaced":
        i += 1
        unit_text = tokens[i].group()
        unit, end = lx.UNIT_NOUNS[unit_text.lower()], pos + tokens[i].end()
    return unit, unit_text, end


def _adjective_demonym(tokens: list[re.Match], i: int) -> bool:
    """A demonym used as an adjective, the noun still to come: "11 Chinese provincial regions".

    A plural in -s ("25,000 Iraqis live in camps") is the people themselves ("Swiss" is no plural).
    """
    word = tokens[i].group()
    if word.endswith("s") and not word.endswith("ss"):
        return False
    nxt = tokens[i + 1].group() if i + 1 < len(tokens) else ""
    return nxt[:1].islower() and nxt.lower() not in lx.IMPLICIT_PEOPLE_FOLLOWERS and nxt.lower() not in lx.UNIT_NOUNS


def _rate(text: str, end: int, limit: int) -> tuple[str | None, int]:
    """The period of a rate after the unit ("500 people a day"), and where the count now ends."""
    rate = re.match(r"\s*(?:a|per|each|every|an)\s+(day|week|month|hour|night)\b|\s*(daily|weekly|monthly)\b",
                    text[end:min(limit, end + 20)], re.I)
    if not rate:
        return None, end
    return lx.RATE_WORDS[(rate.group(1) or rate.group(2)).lower()], end + rate.end()


_GLUE_HEADS = ("people", "persons", "families", "households", "displacements", "refugees", "residents")


def _unglue(word: str) -> str:
    """Undo PDF damage around a unit noun: "fami-lies", "peoplewere", "displacedpeople"."""
    plain = word.replace("-", "")
    if plain in lx.UNIT_NOUNS:
        return plain
    for head in _GLUE_HEADS:
        if plain.startswith(head) or plain.endswith(head):
            return head
    return word


_DEMONYM_SUFFIX = re.compile(r"(?:ians|ans|ese|is|ers|ites|ards|ots|ks|tis|ns)$")


def _is_demonym_plural(word: str) -> bool:
    return bool(_DEMONYM_SUFFIX.search(word)) and not word.isupper()


# Money written with a sign or code before the amount: "US$3", "Rs 500", "Sh3 billion", "KSh 200,000".
_CURRENCY_LEFT = re.compile(
    r"(?:US|A|C|NZ|HK|S)\$\s*$|\b(?:Rs|USD|EUR|GBP|INR|Ksh|KSh|Kshs|Sh|Shs|Tsh|TSh|USh|UGX|KES|TZS|Rp|Tk|NGN|ZAR|N)\.?\s*$"
)


_DECIMAL_RANGE_RE = re.compile(r"\s*(?:to|-|–|and)\s*\d[\d.,]*\s*(?:million|billion|thousand|mn|bn|m|k)\b", re.IGNORECASE)


def _is_non_count_context(text: str, start: int, core: str, is_digits: bool, value: float | None) -> bool:
    """Years, dates, money, labels: decided from the words left of the number."""
    left = text[max(0, start - 25):start]
    if left.rstrip().endswith(tuple(lx.CURRENCY_SIGNS)) or _CURRENCY_LEFT.search(left):
        return True
    if re.search(r"\b(?:one|1)\s+(?:in|out\s+of)\s+$", left, re.IGNORECASE):
        return True  # "one in five residents": a ratio
    if left.endswith("#"):
        return True
    if is_digits and core.isdigit() and len(core) <= 3 and re.search(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+,\s*$", left) \
            and re.match(r"\s*,", text[start + len(core):]):
        return True  # "Sham Kumar, 54, fled": an age between commas after a person's name
    pw = _PREV_WORD.search(left)
    prev = pw.group(1).lower().rstrip(".") if pw else ""
    directly = bool(pw) and left[pw.end(1):].strip() in ("", ".")
    if directly and (prev in lx.MONTHS or prev in lx.WEEKDAYS):
        return True
    if directly and (prev in lx.LABEL_WORDS or prev + "." in lx.LABEL_WORDS):
        return True
    if re.search(r"[A-Za-z]-$", left):  # "COVID-19", "F-16", "Nok-Ten"
        return True
    # "on 8 and 9 November": the first day of a date range.
    if re.match(r"\s*(?:and|-|–|to)\s*\d{1,2}(?:st|nd|rd|th)?\s+(?:%s)\b" % "|".join(lx.MONTHS),
                text[start + len(core):start + len(core) + 24], re.IGNORECASE):
        return True
    if is_digits and "." in core and not re.search(r"[a-z]", core, re.I) and not _DECIMAL_RANGE_RE.match(
            text, start + len(core)):
        return True  # decimals without a multiplier are not head counts ("2.3 to 4.1 million" is a range)
    return False


def _is_year(core: str, value: float | None) -> bool:
    return bool(re.fullmatch(r"1[5-9]\d\d|20\d\d", core.strip())) and value is not None


class _Number(NamedTuple):
    """A numeric core that may be a count, before its qualifier, range partner and unit are read."""

    start: int
    end: int
    kind: str  # "digits", "words" or "vague"
    value: float | None  # None for vague quantities
    core: str


class _Reading(NamedTuple):
    """What the words around a number make of it: its bounds and where the count's text starts and ends."""

    start: int  # at the qualifier or "between" when there is one
    end: int  # at the second number of a range
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None
    approximate: bool
    is_range: bool


def find_counts(text: str, start: int = 0, end: int | None = None) -> tuple[Count, ...]:
    """Find counts of people (and families, fighters, buses...) in ``text[start:end]``.

    Parameters
    ----------
    text : str
        The article text; offsets of the returned counts are into this string.
    start, end : int
        The span to search (e.g. one sentence).

    Returns
    -------
    tuple of Count
        In text order. ``value`` is the number as written (None for vague
        quantities such as "thousands" and for pure ranges), ``low``/``high``
        are set only where the wording implies a bound, ``approximate`` marks
        "some/about/around/estimated", ``unit`` is one of people, families,
        households, fighters, children, buses, vehicles or other (``unit_text``
        None when no noun follows: "12,000 were moved"), ``per`` is the rate
        period ("day") when given.

    Examples
    --------
    >>> c = find_counts("Up to 3,000 people fled.")[0]
    >>> (c.value, c.high, c.qualifier, c.unit)
    (3000.0, 3000.0, 'up to', 'people')
    """
    if end is None:
        end = len(text)
    numbers = _numbers(text, start, end)
    counts: list[Count] = []
    label_end: int | None = None  # end of the last number read as a label, for the next in a list
    i = 0
    while i < len(numbers):
        number = numbers[i]
        reading = _reading(text, start, number, numbers[i + 1] if i + 1 < len(numbers) else None)
        i += 2 if reading.is_range else 1
        noun = _noun_of(text, end, number, reading)
        if noun is None:
            continue
        unit, unit_text, uend, per = noun
        if unit is None and _is_label(text, number, reading, label_end):
            label_end = reading.end
            continue
        if unit is None:
            # "dozens more" after "one bus": an elliptical count takes the unit of the one before.
            if counts and re.match(r"\s*more\b", text[reading.end:reading.end + 6], re.I) and counts[-1].unit_text:
                unit = counts[-1].unit
            else:
                unit = "people"
        cend = max(uend, reading.end)
        counts.append(Count(
            text=text[reading.start:cend], start=reading.start, end=cend,
            value=reading.value, low=reading.low, high=reading.high, qualifier=reading.qualifier,
            approximate=reading.approximate, vague=number.kind == "vague", unit=unit, unit_text=unit_text, per=per,
        ))
    return tuple(counts)


def _numbers(text: str, start: int, end: int) -> list[_Number]:
    """The numeric cores in ``text[start:end]`` that may be counts, in text order.

    Phone numbers, fractions and times are masked first; years, dates, money,
    labels and metres are dropped by what stands around them.
    """
    masked = [(p.start(), p.end()) for p in _NOT_QUANTITY.finditer(text, start, end)]
    numbers = []
    for m in _CORE.finditer(text, start, end):
        if masked and any(a <= m.start() < b for a, b in masked):
            continue
        if m.group("vague"):
            numbers.append(_Number(m.start(), m.end(), "vague", None, m.group()))
        elif m.group("digits"):
            if (number := _digits_number(text, m)) is not None:
                numbers.append(number)
        elif m.group().lower() in _SCALES:
            continue  # a scale word alone counts nothing ("Sh3 Billion": the amount's tail)
        else:
            value = parse_number_words(m.group())
            if value is not None and not _is_non_count_context(text, m.start(), m.group(), False, value):
                numbers.append(_Number(m.start(), m.end(), "words", value, m.group()))
    return numbers


def _digits_number(text: str, m: re.Match) -> _Number | None:
    """A number written in digits, or None when it is metres, a date, money, a label or a year."""
    s, e = m.span()
    core = m.group()
    mult = m.group("mult")
    if mult and mult.strip().lower() == "m" and "." not in m.group("digits"):
        # "100m" is metres unless people follow ("2m people").
        after = text[e:e + 30].lower().split()
        if not after or lx.UNIT_NOUNS.get(after[0].strip(",.")) != "people":
            mult = None
            e = m.end("digits")
            core = m.group("digits")
            if text[e:e + 1].isalpha():
                return None
    value = _digits_value(m.group("digits"), mult)
    if _is_non_count_context(text, s, core, True, value):
        return None
    if _is_year(core, value) and not _year_counts_movers(text, s, e):
        return None
    return _Number(s, e, "digits", value, core)


def _year_counts_movers(text: str, s: int, e: int) -> bool:
    """A number shaped like a year that counts movers: "2017 families fled", never "in 2017 families fled"."""
    nxt = text[e:e + 20].lower().split()
    if not (nxt and lx.UNIT_NOUNS.get(nxt[0].strip(",.")) in lx.MOVER_UNITS):
        return False
    return not re.search(r"\b(?:in|since|by|until|of|from|during|before|after|year|mid|early|late)\s*$", text[max(0, s - 10):s], re.I)


def _reading(text: str, start: int, number: _Number, partner: _Number | None) -> _Reading:
    """The bounds the wording gives ``number``: a range with the number after it, else its qualifier."""
    reading = _range(text, number, partner)
    if reading.is_range:
        return reading
    q = _LEFT_QUAL.search(text[max(start, number.start - 20):number.start])
    if not q:
        return reading
    qualifier = q.group("q").lower()
    bound, approximate = lx.QUALIFIERS[qualifier]
    value = reading.value
    # Vague words keep their qualifier but no value, so never an invented bound.
    return reading._replace(
        start=max(start, number.start - 20) + q.start(),
        low=value if value is not None and bound == "low" else None,
        high=value if value is not None and bound == "high" else None,
        qualifier=qualifier, approximate=approximate,
    )


def _range(text: str, number: _Number, partner: _Number | None) -> _Reading:
    """The range ``number`` opens with ``partner`` ("between 40 and 250", "2,000 to 3,000", "2,000-3,000").

    Without one, the number alone: ``is_range`` False.
    """
    s, value = number.start, number.value
    alone = _Reading(s, number.end, value, None, None, None, False, False)
    if not (partner and partner.kind == number.kind != "vague" and value is not None and partner.value is not None):
        return alone
    gap = text[number.end:partner.start]
    between = _LEFT_BETWEEN.search(text[max(0, s - 12):s])
    # "A and B", "A or B" are two counts unless "between" or "from" opens the pair.
    if not _RANGE_JOIN.fullmatch(gap) or (re.fullmatch(r"\s+(?:and|or)\s+", gap, re.I) and not between):
        return alone
    # "2 to 3 million": the multiplier of the second applies to the first.
    if partner.value >= 1000 and value < 1000 and number.kind == "digits" and re.search(r"[a-z]", partner.core, re.I):
        mult = re.search(r"(million|billion|thousand|lakh|crore|mn|bn|m|k)\b", partner.core, re.I)
        if mult:
            value = _scaled(value, mult.group(1))
    if not partner.value > value:
        return alone._replace(value=value)
    text_start = max(0, s - 12) + between.start() if between else s
    return _Reading(text_start, partner.end, None, value, partner.value, None, False, True)


def _noun_of(text: str, end: int, number: _Number, reading: _Reading) -> tuple[str | None, str | None, int, str | None] | None:
    """``(unit, unit_text, end, per)`` of the count, or None when the number counts nothing.

    A measure ("30 km") counts nothing, and neither does a small spelled number
    without a noun ("one of the largest").
    """
    unit, unit_text, uend, per, measure = _unit_after(text, reading.end, end)
    if measure:
        return None
    if number.kind == "words" and unit is None:
        if (number.value or 0) < 100 or number.core.lower().startswith("one") and (number.value or 0) < 1000:
            return None
    if number.kind == "vague" and unit is None and (of := re.match(r"\s*of\b", text[reading.end:reading.end + 4], re.I)):
        # "thousands of ...": the unit is the noun after "of".
        u2, ut2, uend2, per2, _ = _unit_after(text, reading.end + of.end(), end)
        if u2 is not None:
            unit, unit_text, uend, per = u2, ut2, uend2, per2
    return unit, unit_text, uend, per


_ENUMERATION_RE = re.compile(r"\d{1,2}\)")
#: Nouns that number their parts: the digits after them name one, they count nothing.
_LABEL_NOUNS = frozenset(
    """platform platforms gate gates ward wards zone zones block blocks floor floors level levels room rooms
    sector sectors section sections phase phases lane lanes exit exits unit units grade grades
    article articles chapter chapters flight flights terminal terminals category""".split()
)


def _is_label(text: str, number: _Number, reading: _Reading, label_end: int | None) -> bool:
    """A name with a number, not a head count: "Note 7", "Flight 994", "Zones 8 and 14".

    A capitalised word just before the digits makes a label unless it opens
    the sentence ("Some 300 ..."); a number listed right after a label is one too.
    """
    if number.kind != "digits" or reading.qualifier:
        return False
    text_start = reading.start
    if re.match(r"\d{1,3}(?:,\d{3})+\b", text[text_start:text_start + 16]):
        return False  # labels go unpunctuated ("Flight 994"); "Floods Displace 5,000" is a headline's count
    if _ENUMERATION_RE.match(text, text_start) and (text_start == 0 or text[text_start - 1] in "(\n \t"):
        return True  # "(3) respecting the rights of refugees", "2) evacuate": a list item's number
    before = _PREV_WORD.search(text, max(0, text_start - 16), text_start)
    if before and before.group(1).lower() in _LABEL_NOUNS:
        return True  # "platforms 7 to 12", "Zones 8 and 14", "wards 5 and 6": numbered parts
    return bool(
        re.search(r"[A-Z][A-Za-z]*\s$", text[max(0, text_start - 12):text_start])
        and not re.search(r"(?:^|[.!?]\s+)[A-Z][A-Za-z]*\s$", text[max(0, text_start - 14):text_start])
        or label_end is not None and re.fullmatch(r"\s*(?:,|and|or|&)\s*", text[label_end:text_start])
    )
