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
    if mult:
        value *= _MULTIPLIERS[mult.strip().lower()]
    return value


def _unit_after(text: str, pos: int, limit: int) -> tuple[str | None, str | None, int, str | None, bool]:
    """Read the unit noun after a number.

    Returns ``(unit, unit_text, end, per, is_measure)``: ``unit`` None means no
    noun (the number stands for people, "12,000 were moved"); ``is_measure``
    means the number is a distance/duration/money/share and not a count.
    """
    window = text[pos:min(limit, pos + 90)]
    # Glued or hyphenated measures: "35.6feet", "13years", "1,100-hectare", "5-year-old".
    glued = re.match(r"(?:-|\s)?([A-Za-z]+)", window)
    if window[:1] == "-" and glued and glued.group(1).lower() != "strong":
        return None, None, pos, None, True
    if glued and window[:1].isalpha() and glued.group(1).lower() in lx.MEASURE_WORDS:
        return None, None, pos, None, True
    if re.match(r"\s*(?:%|per\s*cent|percent|pc\b|per-cent|:\d|\.\d|year-old|-year)", window, re.I):
        return None, None, pos, None, True
    tokens = list(_WORD.finditer(window))
    unit = unit_text = None
    end = pos
    skipped = 0
    first_other: tuple[str, int] | None = None
    i = 0
    while i < len(tokens) and i < 6:
        tok = tokens[i]
        w = tok.group()
        lw = w.lower()
        if i == 0 and lw in lx.MEASURE_WORDS:
            # "30 miles", "10 days", "20 May" handled by caller; "per" may start a rate.
            if lw == "per":
                break
            return None, None, pos, None, True
        if i == 0 and lw in lx.MONTHS:
            return None, None, pos, None, True
        if lw in ("of",) and i + 1 < len(tokens) and tokens[i + 1].group().lower() in ("them", "whom", "those", "these"):
            unit, unit_text, end = "people", None, pos + tokens[i + 1].end()
            break
        if lw not in lx.UNIT_NOUNS and len(lw) > 6:
            lw = _unglue(lw)
        if lw in lx.UNIT_NOUNS:
            unit, unit_text, end = lx.UNIT_NOUNS[lw], w, pos + tok.end()
            # "3,000 displaced people": the head noun is the last of the run.
            while i + 1 < len(tokens) and tokens[i + 1].group().lower() in lx.UNIT_NOUNS and tokens[i + 1].group().lower() != "displaced":
                i += 1
                unit_text = tokens[i].group()
                unit, end = lx.UNIT_NOUNS[unit_text.lower()], pos + tokens[i].end()
            break
        if w[0].isupper() and len(w) > 3 and _is_demonym_plural(w):
            nxt = tokens[i + 1].group() if i + 1 < len(tokens) else ""
            if nxt[:1].islower() and nxt.lower() not in lx.IMPLICIT_PEOPLE_FOLLOWERS and nxt.lower() not in lx.UNIT_NOUNS:
                # "11 Chinese provincial regions": an adjective, the noun comes later.
                skipped += 1
                i += 1
                continue
            unit, unit_text, end = "people", w, pos + tok.end()
            break
        if lw in lx.IMPLICIT_PEOPLE_FOLLOWERS and lw not in ("more", "others"):
            break
        if lw in ("more", "others"):
            end = pos + tok.end()
            if lw == "others":
                unit, unit_text = "people", w
                break
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
        if first_other is None:
            first_other = (w, pos + tok.end())
        elif lw.endswith("s"):
            first_other = (w, pos + tok.end())
        skipped += 1
        if skipped >= 3:
            break
        i += 1
    if unit is None and first_other is not None:
        unit, unit_text, end = "other", first_other[0], first_other[1]
        if unit_text.lower() in lx.MEASURE_WORDS:
            return None, None, pos, None, True
    per = None
    rate = re.match(r"\s*(?:a|per|each|every|an)\s+(day|week|month|hour|night)\b|\s*(daily|weekly|monthly)\b",
                    text[end:min(limit, end + 20)], re.I)
    if rate:
        per = lx.RATE_WORDS[(rate.group(1) or rate.group(2)).lower()]
        end = end + rate.end()
    return unit, unit_text, end, per, False


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


def _is_non_count_context(text: str, start: int, core: str, is_digits: bool, value: float | None) -> bool:
    """Years, dates, money, labels: decided from the words left of the number."""
    left = text[max(0, start - 25):start]
    if left.rstrip().endswith(tuple(lx.CURRENCY_SIGNS)) or re.search(r"(?:US|A|C|NZ|HK|S)\$\s*$|\b(?:Rs|USD|EUR|GBP|INR|Ksh|N)\.?\s*$", left):
        return True
    if left.endswith("#"):
        return True
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
    if is_digits and "." in core and not re.search(r"[a-z]", core, re.I):
        return True  # decimals without a multiplier are not head counts
    return False


def _is_year(core: str, value: float | None) -> bool:
    return bool(re.fullmatch(r"1[5-9]\d\d|20\d\d", core.strip())) and value is not None


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
    raw: list[dict] = []
    masked = [(p.start(), p.end()) for p in _NOT_QUANTITY.finditer(text, start, end)]
    for m in _CORE.finditer(text, start, end):
        s, e = m.span()
        if masked and any(a <= s < b for a, b in masked):
            continue
        kind = "vague" if m.group("vague") else "digits" if m.group("digits") else "words"
        core = m.group()
        value: float | None
        if kind == "digits":
            mult = m.group("mult")
            if mult and mult.strip().lower() == "m" and "." not in m.group("digits"):
                # "100m" is metres unless people follow ("2m people").
                after = text[e:e + 30].lower().split()
                if not after or lx.UNIT_NOUNS.get(after[0].strip(",.")) != "people":
                    mult = None
                    e = m.end("digits")
                    core = m.group("digits")
                    if text[e:e + 1].isalpha():
                        continue
            value = _digits_value(m.group("digits"), mult)
            if _is_non_count_context(text, s, core, True, value):
                continue
            if _is_year(core, value):
                nxt = text[e:e + 20].lower().split()
                if not (nxt and lx.UNIT_NOUNS.get(nxt[0].strip(",.")) in lx.MOVER_UNITS):
                    continue
                if re.search(r"\b(?:in|since|by|until|of|from|during|before|after|year|mid|early|late)\s*$", text[max(0, s - 10):s], re.I):
                    continue
        elif kind == "words":
            value = parse_number_words(core)
            if value is None:
                continue
            if _is_non_count_context(text, s, core, False, value):
                continue
        else:
            value = None
        raw.append({"s": s, "e": e, "kind": kind, "value": value, "core": core})

    counts: list[Count] = []
    label_end: int | None = None
    i = 0
    while i < len(raw):
        r = raw[i]
        s, e, value = r["s"], r["e"], r["value"]
        low = high = None
        text_start = s
        # Ranges: "between 40 and 250", "2,000 to 3,000", "2,000-3,000".
        partner = raw[i + 1] if i + 1 < len(raw) else None
        is_range = False
        if partner and partner["kind"] == r["kind"] != "vague" and value is not None and partner["value"] is not None:
            gap = text[e:partner["s"]]
            if _RANGE_JOIN.fullmatch(gap + "") or re.fullmatch(r"\s*(?:-|–|—|to)\s*", gap, re.I) or (
                re.fullmatch(r"\s+and\s+", gap, re.I) and _LEFT_BETWEEN.search(text[max(0, s - 12):s])
            ):
                if re.fullmatch(r"\s+(?:and|or)\s+", gap, re.I) and not _LEFT_BETWEEN.search(text[max(0, s - 12):s]):
                    pass
                else:
                    pv = partner["value"]
                    # "2 to 3 million": the multiplier of the second applies to the first.
                    if pv >= 1000 and value < 1000 and r["kind"] == "digits" and re.search(r"[a-z]", partner["core"], re.I):
                        mult = re.search(r"(million|billion|thousand|lakh|crore|mn|bn|m|k)\b", partner["core"], re.I)
                        if mult:
                            value = value * _MULTIPLIERS[mult.group(1).lower()]
                    if pv > value:
                        low, high = value, pv
                        value = None
                        e = partner["e"]
                        is_range = True
                        bt = _LEFT_BETWEEN.search(text[max(0, s - 12):s])
                        if bt:
                            text_start = s - 12 + bt.start() if s >= 12 else bt.start()
                        i += 1
        qualifier = None
        approximate = False
        if not is_range:
            q = _LEFT_QUAL.search(text[max(start, s - 20):s])
            if q:
                qualifier = q.group("q").lower()
                bound, approximate = lx.QUALIFIERS[qualifier]
                text_start = s - (len(text[max(start, s - 20):s]) - q.start())
                if value is not None and bound == "low":
                    low = value
                elif value is not None and bound == "high":
                    high = value
                # "just over", "over" after a verb of rising is still a bound; fine.
        vague = r["kind"] == "vague"
        if vague:
            # Vague words keep their qualifier but no value and no invented bound.
            low = high = None
            value = None
        # Small spelled numbers need a unit noun to be counts ("one of the largest").
        unit, unit_text, uend, per, measure = _unit_after(text, e, end if end is not None else len(text))
        if measure:
            i += 1
            continue
        core_low = r["core"].lower()
        if r["kind"] == "words" and unit is None:
            if (r["value"] or 0) < 100 or core_low.startswith("one") and (r["value"] or 0) < 1000:
                i += 1
                continue
        if vague and re.match(r"\s*of\b", text[e:e + 4], re.I) and unit is None:
            # "thousands of ...": unit from the noun after "of"
            u2, ut2, uend2, per2, _ = _unit_after(text, e + re.match(r"\s*of", text[e:e + 4], re.I).end(), end)
            if u2 is not None:
                unit, unit_text, uend, per = u2, ut2, uend2, per2
        if unit is None and r["kind"] == "digits" and not qualifier and (
                re.search(r"[A-Z][A-Za-z]*\s$", text[max(0, text_start - 12):text_start])
                and not re.search(r"(?:^|[.!?]\s+)[A-Z][A-Za-z]*\s$", text[max(0, text_start - 14):text_start])
                or label_end is not None and re.fullmatch(r"\s*(?:,|and|or|&)\s*", text[label_end:text_start])):
            # "Note 7", "Flight 994", "Zones 8 and 14": a name with a number, not a head count.
            label_end = e
            i += 1
            continue
        if unit is None:
            # "dozens more" after "one bus": an elliptical count takes the unit of the one before.
            if counts and re.match(r"\s*more\b", text[e:e + 6], re.I) and counts[-1].unit_text:
                unit = counts[-1].unit
            else:
                unit = "people"
        cend = max(uend, e)
        counts.append(Count(
            text=text[text_start:cend], start=text_start, end=cend,
            value=value, low=low, high=high, qualifier=qualifier,
            approximate=approximate, vague=vague, unit=unit, unit_text=unit_text, per=per,
        ))
        i += 1
    return tuple(counts)
