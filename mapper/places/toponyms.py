"""Find place names (and demonyms) in raw text, with character offsets.

Recognition is gazetteer-driven: runs of capitalised words (with the connectors
that occur inside names: "Bosnia and Herzegovina", "Rio de Janeiro", "al Qusayr")
are looked up, longest first, in the offline gazetteer's name index. Filters
remove ordinary words that happen to be place names ("May", "Human", "Many"):
a frequent English word is kept only where the text treats it as a place
(after "in"/"from"/"to"..., or as "X, Y"). A feature word after a name
("Daraa province", "Raqqa city", "Zaatari camp") becomes part of the mention
and sets its ``feature_hint``. Demonyms ("Syrian", "Russians") are returned
with ``kind="demonym"``.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from mapper.geocode.gazetteer import Gazetteer, at_province_point, get_gazetteer
from mapper.geocode.names import (
    ARTICLES, FEATURE_WORDS, PLURAL_FEATURE_WORDS, PRE_FEATURE_WORDS, name_key, stated_kind,
)
from mapper.geocode.relative import RELATIVE_RE, mentions_distances
from mapper.model import Mention
from mapper.places.ellipsis import shared_directions

__all__ = ["find_mentions"]

# A word: letters/digits, with inner apostrophes ("Wa'er", "O'Connor"); hyphens separate words,
# but not a possessive "'s" ("Syria's") or a contraction ("We're", "I've").
# A word ends where a capitalised heading was glued on by lost line breaks ("TerengganuIMPACTS as of").
_WORD_RE = re.compile(r"(?:\w(?![A-Z]{2}))*?[a-z](?=[A-Z]{2,})|\w+(?:['’ʿ‘ʾ](?!(?:s|S|re|ve|ll|d|m|t)\b)\w+)*")
# What may separate two words of one name: a space, "St. " style period + space, a hyphen ("al-Qusayr").
#: What may stand between two words of one name: a space or two, a tab, a hyphen, after an
#: optional period ("St. Louis").
_NAME_GAPS = frozenset({" ", "  ", ". ", ".  ", "\t", ".\t", "-", "‐", "‑"})
_MAX_WORDS = 6

#: Lower-case words that occur inside multi-word place names.
_CONNECTORS = frozenset(
    "of de del della di da do dos das du des la le les el al and upon on sur am an der den im y e en ar as ad ash at "
    "aan bin ibn bani the au aux sous lès zu nad pod van von ter ten op".split()
) | ARTICLES  # "Port-au-Prince", "Deir ez-Zor", "Bergen op Zoom"
#: Words before a common-word name that show the text means a place.
_LOCATIVE = frozenset(
    "in from to near at into outside inside across toward towards via through around reached entered left "
    "fled leaving between flee flees fleeing escaped reach reaching enter entering leave leaves".split()
)
#: Last words of newspapers' names: a place name before them is part of the title.
_PRESS = frozenset("Times Post Journal Herald Tribune Gazette Chronicle Observer Telegraph Courier "
                   "Examiner Inquirer Sentinel Ledger Daily".split())
_STREET_ABBREVIATIONS = frozenset("st ave rd dr blvd hwy ln pkwy".split())
#: After a name: the rest of a list that ends in a shared plural feature word, "(, Daraa) and Hama provinces".
_NAME = r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*"
_LIST_REACH = 400  # characters a list may run on after a name (bounds the work on endless lists)
_LIST_FEATURE = re.compile(
    rf"(?:,\s+{_NAME})*,?\s+(?:and|&|or)\s+{_NAME}\s+({'|'.join(sorted(PLURAL_FEATURE_WORDS))})\b")
#: Right before a name: a bearing ("south of X") or where a person is from ("Smith, 18, of X").
_BEFORE_PLACE = re.compile(
    r"(?:\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east"
    r"|south-west)\s+of|\d,\s+of)\s+$", re.I)
#: Words before "to" that make it no motion: "according to X" names a source, not a place.
_NOT_MOTION_TO = frozenset("according thanks due owing compared similar addition".split())
_MONTHS_DAYS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
#: Capitalised words that may stand next to a place name without making it part of another name.
_QUALIFIERS = frozenset(
    "north south east west northern southern eastern western central northeast northwest southeast southwest "
    "northeastern northwestern southeastern southwestern upper lower greater downtown rural urban coastal "
    "historic metropolitan metro uptown midtown "
    "in at from to of and or the for on by near as with".split()
)
#: Feature words that extend a name even when capitalised ("Daraa Province"); "City" and "State"
#: do not ("Dublin City" council, "Ohio State" university).
_CAP_FEATURES = frozenset("province governorate district county region camp".split())
_HEAD_ARTICLES = frozenset({"al", "el"})
#: "X is a town in ...", "X, a village (aldea) of ...": the text says what X is, and where.
_DEFINED_AS = re.compile(stated_kind(4) + r"(?:\s*\([^)]*\))?\s+(?:in|of|within|on|near)\b", re.I)
#: Abbreviated titles and months: "Gov." and "Sgt." are not places, and the next name is a person.
_TITLES = frozenset(
    "mr mrs ms dr gov sen rep sgt lt col gen capt cpl pvt det ofc cmdr adm maj supt insp rev fr pres "
    "jan feb mar apr jun jul aug sep sept oct nov dec pct inc corp ltd co jr sr no".split()
)
#: Titles written in full before a person's name ("Mayor Lincoln", "Coach Welch").
_FULL_TITLES = frozenset(
    "President Senator Governor Mayor Judge Justice Sheriff Deputy Officer Trooper Detective Sergeant "
    "Captain Lieutenant Colonel Chief Commissioner Councilman Councilwoman Councillor Coach Pastor "
    "Reverend Father Bishop Rabbi Imam Sheikh Professor Doctor Minister Premier Chancellor King Queen "
    "Prince Princess Pope Ambassador Secretary Attorney Representative Congressman Congresswoman "
    "Superintendent Principal Commander Admiral Prosecutor Magistrate Speaker Sir Dame".split()
)
_HOLIDAYS = frozenset("christmas easter halloween thanksgiving ramadan eid hanukkah passover lent".split())
_HOLIDAY_AFTER = re.compile(r"['’]s\s+(?:Day|Eve)\b")
_SAINTS_INSTITUTION = re.compile(r"['’]s\s+[A-Z]")
#: Lower-case nouns after which a capitalised word is an adjective, not a place.
_ATTRIBUTIVE = frozenset(
    "administration administrations countries nations world nationality nationals games facilities "
    "projects organizers organisers committee athletes torch village movement dynasty era presidency "
    "campaign supporters dinner news".split()
)
#: An organisation's people: "Red Cross volunteers", "Red Crescent officials".
_AGENTS = frozenset("officials official volunteers volunteer workers worker staff spokesman spokeswoman "
                    "spokesperson teams team chief head president director society".split())
#: An organisation's premises: "a Red Cross shelter", "the Salvation Army centre".
_ORGANISATION_PLACES = frozenset("shelter shelters centre centres center centers camp camps tent tents office offices "
                                 "hospital hospitals clinic clinics building warehouse".split())
_SPEECH = frozenset("said says told added explained stated noted wrote asked replied testified".split())
#: Nationalities that a hyphenated origin qualifies ("Asian-Canadian", "African-Americans").
_HYPHENATED_HOSTS = frozenset("american americans canadian canadians australian australians".split())
#: Origins that make such a compound an identity; a country's ("Russian-American crew") may
#: be a joint one, and stays two peoples.
_ORIGIN_PREFIXES = frozenset("native anglo afro euro african asian arab latin hispanic".split())
_NOT_START = frozenset({"the", "a", "an"})
#: Arabic articles that are also English words, written apart from the name ("At", "As", "An").
_ENGLISH_ARTICLES = frozenset({"at", "as", "an"})
#: What follows the town of a dateline: "JUBA, South Sudan", "JUBA -", "(JUBA) –".
_DATELINE_AROUND = re.compile(r"\)?\s*[-–—]\s|,\s+[A-Z]|\)")


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:;”"


def find_mentions(text: str, *, gazetteer: Gazetteer | None = None) -> tuple[Mention, ...]:
    """Find place mentions and demonyms in *text*.

    Parameters
    ----------
    text : str
        Raw article text.
    gazetteer : Gazetteer, optional
        Defaults to :func:`~mapper.geocode.gazetteer.get_gazetteer`.

    Returns
    -------
    tuple of Mention
        Sorted by start offset, non-overlapping. ``text[m.start:m.end] == m.text``.
    """
    gz = gazetteer or get_gazetteer()
    ck = (id(gz), text)
    hit = _RECENT.get(ck)
    if hit is not None:
        return hit
    out = _find(text, gz)
    # The resolver asks again for the same text, and a batch worker reads a chunk of articles
    # twice (once to parse their sentences together): keep the last few dozen results.
    _RECENT[ck] = out
    while len(_RECENT) > 64:
        _RECENT.pop(next(iter(_RECENT)))
    return out


_RECENT: dict[tuple[int, str], tuple[Mention, ...]] = {}
_ETHNIC_BEFORE = re.compile(r"\bethnic\s+$", re.IGNORECASE)
#: "X, a Bantu ethnic group," / "X, a nomadic tribe.": the text says X is a people.
_PEOPLE_APPOSITION = re.compile(
    r"\s*,\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:ethnic\s+(?:group|minority|community)|tribe|(?:sub-?)?clan)s?"
    r"(?=\s*[,.;:)]|\s+(?:that|who|whose|which|of)\b)", re.IGNORECASE)


# "Ras al-Ain", "Hamam al-Alil": an Arabic article joins the next word to the name, so a name found
# without it is only the first word of one the gazetteer lacks ("Ras" is no place; Rasht is not it).
_NAME_GOES_ON = re.compile(r"\s+(?:al|el|ad|ar|as|ash|at|az|ez|an|ul|ud)[-‐‑][A-Z]")
_STORM_BEFORE = re.compile(r"\b(?:Typhoon|Hurricane|Cyclone|Storm|Depression)\s+$")
_HYPHEN_HEAD_RE = re.compile(r"\b([A-Z][a-z]+)[-‐‑]$")


def _named_otherwise(text: str, start: int, gz: Gazetteer) -> bool:
    """Whether the words before a name make it a people ("clashes between ethnic Ingush and Ossetians"),
    a storm ("Typhoon Haiyan") or the end of a hyphenated name whose first part is no place ("Chan-Hom")."""
    return bool(_ETHNIC_BEFORE.search(text, max(0, start - 12), start)
                or _STORM_BEFORE.search(text, max(0, start - 24), start)) or _hyphenated_tail(text, start, gz)


def _hyphenated_tail(text: str, start: int, gz: Gazetteer) -> bool:
    """Whether a name follows a hyphen and a capitalised word that names no place ("Chan-Hom")."""
    head = _HYPHEN_HEAD_RE.search(text, max(0, start - 20), start)
    if head is not None and head.group(1).endswith("o"):
        return False  # combining forms: "the Indo-Pakistan border", "Sino-Russian"
    return head is not None and not gz.candidates(name_key(head.group(1)), normalised=True) \
        and gz.demonym(head.group(1)) is None


def _find(text: str, gz: Gazetteer) -> tuple[Mention, ...]:
    words = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]
    caps = [w[0].isupper() for _, _, w in words]
    spans, starts = _candidate_spans(text, words, caps)
    found, persons = _recognise(text, words, caps, spans, starts, gz)
    # A surname seen after a first name ("Michael Adkins") is a person everywhere in the text,
    # but for "in Adkins"; "went to Adkins’s home" is the person's.
    out = [(m.start, m.end, m) for i, j, m in found
           if not (m.key in persons and i == j
                   and not (_after_locative(text, words, i) and not _POSSESSIVE.match(text, m.end)))]
    # Names the gazetteer lacks but the text locates ("X, 30 km north of Y"), wherever they occur.
    out = _described(text, words, caps, out, gz)
    out = _with_streets_and_waters(text, words, caps, out, gz)
    out = shared_directions(text, out, gz)
    out = [t for t in out if not (t[2].kind == "toponym" and (_named_otherwise(text, t[0], gz)
                                                              or _NAME_GOES_ON.match(text, t[1])))]
    # "Luba, a Bantu ethnic group": a people wherever the name recurs (one name keeps one sense).
    peoples = {m.key for _, end, m in out if m.kind == "toponym" and _PEOPLE_APPOSITION.match(text, end)}
    return tuple(m for _, _, m in out if m.key not in peoples)


def _joins(text: str, words, caps) -> list[bool]:
    """``joins[k]``: word k may continue the name that word k-1 is in (the gap between them allows it)."""
    n = len(words)
    joins = [False] * n
    for k in range(1, n):
        w = words[k][2]
        if caps[k] or w in _CONNECTORS:
            gap = text[words[k - 1][1]:words[k][0]]
            # "U.S.", "W.Va.": initials joined by bare periods.
            joins[k] = gap in _NAME_GAPS or (gap == "." and len(words[k - 1][2]) <= 2)
        elif w == "s" or w == "S":
            joins[k] = text[words[k - 1][1]:words[k][0]] in ("'", "’")  # "Cox's Bazar": a possessive inside a name
    return joins


def _candidate_spans(text: str, words, caps) -> tuple[dict[tuple[int, int], str], dict[int, list[int]]]:
    """Word spans that may be names, keyed: ``spans[(i, j)]`` and, for each start, its ends longest first.

    A span starts on a capitalised word (or "al"/"el" before one) and ends on a
    capitalised word, or on the feature word some names are known only with
    ("Azraq camp", "Mahama refugee camp").
    """
    n = len(words)
    joins = _joins(text, words, caps)
    spans: dict[tuple[int, int], str] = {}
    starts: dict[int, list[int]] = {}
    for i in range(n):
        if not _may_start(text, words, caps, i):
            continue
        s = words[i][0]
        ends = []
        for j in range(i, min(n, i + _MAX_WORDS)):
            if j > i and not joins[j]:
                break
            if caps[j]:
                key = name_key(text[s:words[j][1]])
                if key:
                    spans[(i, j)] = key
                    ends.append(j)
                k = j + 1
                if k < n and words[k][2] == "refugee" and k + 1 < n and text[words[k][1]:words[k + 1][0]] == " ":
                    k += 1
                if k < n and words[k][2] in FEATURE_WORDS and text[words[j][1]:words[j + 1][0]] == " ":
                    # "Wetzel counties" (a list's last name) is known as "Wetzel County"
                    singular = PLURAL_FEATURE_WORDS.get(words[k][2])
                    key = name_key(text[s:words[k][0]] + singular if singular else text[s:words[k][1]])
                    if key:
                        spans[(i, k)] = key
                        ends.append(k)
        if ends:
            starts[i] = sorted(set(ends), reverse=True)
    return spans, starts


def _may_start(text: str, words, caps, i: int) -> bool:
    """Whether a name may begin at word ``i``: capitalised (not "The"), or an article joined to one ("al-Qusayr")."""
    s, e, w = words[i]
    if caps[i]:
        if w.lower() in _NOT_START:
            return False
        if w.lower() in _ENGLISH_ARTICLES and i + 1 < len(words) and text[e:words[i + 1][0]] == " ":
            return False  # "At Leipzig", "An Oakford man": English words; "An Najaf" is then found as "Najaf"
        # "Sen. Byron Dorgan, D-N.D.": the party, then the state
        return not (w in ("D", "R", "I") and text[e:e + 1] == "-" and _PARTY_BEFORE.search(text, max(0, s - 3), s))
    if not (i + 1 < len(words) and caps[i + 1]):
        return False
    lw = w.lower()
    return lw in _HEAD_ARTICLES or (lw in ARTICLES and text[e:words[i + 1][0]] in ("-", "‐", "‑"))


def _recognise(text: str, words, caps, spans, starts, gz: Gazetteer) -> tuple[list[tuple[int, int, Mention]], set[str]]:
    """Mentions of known names and demonyms, left to right, longest first; and the keys read as persons' names."""
    n = len(words)
    demonyms = gz.demonym_keys
    known = gz.known_keys(spans.values())
    abbrevs = gz.abbreviation_keys
    found: list[tuple[int, int, Mention]] = []
    persons: set[str] = set()
    i = 0
    while i < n:
        # most words start no name: skip them without a call
        best = _longest_known(text, words, caps, spans, starts[i], i, demonyms, known, gz) if i in starts else None
        if best is None:
            i += 1
            continue
        j, key, kind = best
        if kind == "toponym":
            verdict = _plausible(text, words, i, j, key, gz)
            if verdict == "person":
                persons.add(key)
            if verdict is not True:
                i = j + 1
                continue
        elif i == j and _surname(text, words, i, gz):
            i += 1  # "Monica French said": a surname, not a people
            continue
        elif i == j and _identity_compound(text, words, i):
            i += 1  # "African-American", "Native Americans": an identity, not a country's people
            continue
        s = words[i][0]
        e, hint = _extent(text, words, caps, i, j, key, kind, abbrevs)
        found.append((i, j, Mention(text=text[s:e], start=s, end=e, key=key, feature_hint=hint, kind=kind)))
        i = j + 1
        while i < n and words[i][0] < e:
            i += 1
    return found, persons


def _longest_known(text: str, words, caps, spans, ends, i: int, demonyms, known, gz: Gazetteer) -> tuple[int, str, str] | None:
    """``(j, key, kind)`` of the longest span from word ``i`` that names a people or a place, or None."""
    n = len(words)
    for j in ends:
        key = spans[(i, j)]
        if key in demonyms:
            return j, key, "demonym"
        if key in known:
            if j > i and not caps[j] and spans.get((i, j - 1)) in demonyms:
                continue  # "the French town of X": a people's adjective, then the place's kind
            if j > i and words[j][2] == "City" and j + 1 < n and words[j + 1][2] in _CITY_OFFICES \
                    and _is_settlement(spans.get((i, j - 1)), gz) \
                    and not _city_named_alone(text, words[i][0], words[j][1]):
                continue  # "Dublin City Council" is Dublin's council ("Kansas City Council" stays)
            return j, key, "toponym"
    return None


def _extent(text: str, words, caps, i: int, j: int, key: str, kind: str, abbrevs) -> tuple[int, str | None]:
    """Where the mention of words ``i..j`` ends and its feature hint: over "Calif.", "Daraa province", "the town of X"."""
    s, e = words[i][0], words[j][1]
    hint = FEATURE_WORDS.get(words[j][2]) if not caps[j] else None
    if kind == "toponym" and hint is None:
        if text[e:e + 1] == "." and (key in abbrevs or (
                i < j and len(words[j][2]) == 1 and words[j][2].isupper() and text[e - 2:e - 1] == ".")):
            e += 1  # "Calif.", "U.S.", "Washington D.C."
        e, hint = _feature_after(text, words, j, e)
        if hint is None:
            hint = _feature_before(text, s)
        if hint is None and (listed := _LIST_FEATURE.match(text, e, e + _LIST_REACH)):
            hint = FEATURE_WORDS[listed.group(1)]  # "Daraa and Quneitra provinces": Daraa is one too
    return e, hint


def _with_streets_and_waters(text: str, words, caps, out: list, gz: Gazetteer) -> list:
    """Add streets, roads, rivers and lakes: named, even if the gazetteer cannot place them.

    A longer gazetteer name wins over a relief or street name inside it ("Rocky
    Mountain House" the town, not "Rocky Mountain"); one as long wins over a
    "Mount"/"Fort" name ("Fort Worth"), but a river stays a river ("the Rock
    River rose" is not the hamlet).
    """
    extra = _streets_and_waters(text, words, caps) + _state_roads(text, gz)
    if not extra:
        return out
    extra = [x for x in extra
             if not any(s <= x[0] and x[1] <= e and (e - s > x[1] - x[0] or (
                 e - s == x[1] - x[0] and (x[2].feature_hint != "water" or _curated(m.key, gz))))
                        for s, e, m in out)]
    kept = [t for t in out if not any(s < t[1] and t[0] < e for s, e, _ in extra)]
    return sorted(kept + extra, key=lambda t: t[0])


def _city_named_alone(text: str, start: int, end: int) -> bool:
    """True when the text also writes "X City" (at *start*..*end*) with no office after it
    ("Boulder City and Henderson"): the town is called X City, and so is its council."""
    return any(not _OFFICE_AFTER.match(text, m.end())
               for m in re.finditer(r"\b%s\b" % re.escape(text[start:end]), text))


def _described(text: str, words, caps, out: list, gz: Gazetteer) -> list:
    """Add mentions of unknown names that the text locates by distance and bearing."""
    if not mentions_distances(text):
        return out
    ends = {w[1]: k for k, w in enumerate(words)}
    names: set[str] = set()
    for m in RELATIVE_RE.finditer(text):
        if not text[m.end():m.end() + 1].isupper():
            continue  # measured from something that is not a name
        j = ends.get(m.start())
        if j is None or not caps[j]:
            continue
        i = j
        while i > 0 and j - i < 3 and caps[i - 1] and text[words[i - 1][1]:words[i][0]] == " " \
                and words[i - 1][2].lower() not in _QUALIFIERS:
            i -= 1
        s, e = words[i][0], words[j][1]
        if any(ms < e and s < me for ms, me, _ in out):
            continue  # the gazetteer found it (or part of it) already
        first = words[i][2].lower()
        if first in _NOT_START or first in _MONTHS_DAYS or first in _HOLIDAYS or first in _TITLES:
            continue
        if i == j and (gz.is_common_word(first) or len(first) < 3):
            continue  # "Yesterday, 20 km north of ...": not a name
        names.add(text[s:e])
    if not names:
        return out
    found = list(out)
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            if not any(ms < m.end() and m.start() < me for ms, me, _ in found):
                found.append((m.start(), m.end(), Mention(text=name, start=m.start(), end=m.end(),
                                                          key=name_key(name), kind="toponym")))
    return sorted(found, key=lambda t: t[0])


_PREPS = frozenset("in at from to of and or the for on by near as with".split())
#: Words that end a street or road name ("Main Street", "Wichita Drive", "Highway 19").
_STREETS = frozenset(
    "street st avenue ave road rd drive dr boulevard blvd highway hwy lane ln parkway pkwy trail "
    "turnpike freeway expressway pike".split()
)
#: After a road or river word, these make it an institution: "Florida Highway Patrol" is Florida's.
_INSTITUTION_AFTER = frozenset("Patrol Department Authority Commission Administration Agency District Council".split())
#: Words that begin an institution's name after a place: "Mount Pleasant Civic Center" is in Mount Pleasant.
_INSTITUTION_WORDS = _INSTITUTION_AFTER | frozenset(
    "City Civic Center Centre High School Police Fire Citizens Hospital University College Church Chamber "
    "Library Museum Airport Stadium Regional Public Community County".split())
#: What follows "<Town> City" when it names the town's offices, not a place called "<Town> City".
_CITY_OFFICES = frozenset("Council Councillor Councilman Councilwoman Manager Hall Commission Commissioners Schools "
                          "Police Attorney Clerk Administrator Engineer Planner Planning".split())
_OFFICE_AFTER = re.compile(r"\s+(?:%s)\b" % "|".join(sorted(_CITY_OFFICES)))
#: Words after a town's name that begin something of the town's ("the Canaan Board of Finance").
_TOWNS_OWN = frozenset("Board Volunteer Senior Seniors Correctional Judicial".split()) | _INSTITUTION_WORDS | _CITY_OFFICES
#: Road words a number may follow as part of the name ("County Road 43", "State Highway 360").
_NUMBERED = frozenset("road highway hwy route".split())
_ROAD_NUMBER = re.compile(r" [1-9]\d{0,3}[A-Z]?\b(?![.,]\d)")
#: A state's code or abbreviation and a road number: "KY 52", "W.Va. 61".
_ROAD_STATE = r"(?:[A-Z][a-z]{0,3}\.\s?)?[A-Z][a-z]{0,3}\.|[A-Z]{2}"
_STATE_ROAD = re.compile(rf"\b({_ROAD_STATE})[- ]([1-9]\d{{0,2}})\b(?![.,:/-]?\d|\s*(?:%|percent|year\b)|\s+[a-z]+s\b)")
_ROAD_NUMBER_ALONE = re.compile(r"[- ][1-9]\d{0,2}\b")
_ROAD_PREFIX_BEFORE = re.compile(rf"\b(?:{_ROAD_STATE})$")
#: Words that end the name of water or relief ("Neches River", "Flat Creek").
_WATERS = {"river": "water", "creek": "water", "lake": "water", "bay": "water", "canal": "water",
           "mountains": "landmark", "mountain": "landmark", "valley": "landmark", "park": "landmark"}
#: Words that begin such names ("Lake Lanier", "Highway 19", "Mount Hood").
_LEADING = {"lake": "water", "river": "water", "highway": "landmark", "interstate": "landmark", "route": "landmark",
            "mount": "landmark", "fort": "landmark", "port": "landmark"}


def _streets_and_waters(text: str, words, caps) -> list[tuple[int, int, Mention]]:
    out = []
    n = len(words)
    k = 0
    while k < n:
        # every street, water and relief word here is capitalised, but for "the Paraguay river"
        if not caps[k] and words[k][2] != "river":
            k += 1
            continue
        lw = words[k][2].lower()
        hint = None
        s = e = None
        institution = k + 1 < n and words[k + 1][2] in _INSTITUTION_AFTER and text[words[k][1]:words[k + 1][0]] == " "
        if (lw in _STREETS or lw in _WATERS) and k > 0 and not institution:
            # Back over up to three capitalised words (or an ordinal: "First Avenue").
            i = k
            while i - 1 >= 0 and k - (i - 1) <= 3 and text[words[i - 1][1]:words[i][0]] == " " and caps[i - 1] \
                    and words[i - 1][2].lower() not in _NOT_START and words[i - 1][2].lower() not in _PREPS:
                i -= 1
            if i < k and not _sentence_initial(text, words[i][0]) or i < k - 1:
                s, e = words[i][0], words[k][1]
                hint = "landmark" if lw in _STREETS else _WATERS[lw]
                if lw in _STREET_ABBREVIATIONS and text[e:e + 1] == ".":
                    e += 1
                elif lw in _NUMBERED:
                    number = _ROAD_NUMBER.match(text, e)
                    if number:  # "County Road 43": the number is part of the name
                        e = number.end()
        if s is None and lw in _LEADING and k + 1 < n and text[words[k][1]:words[k + 1][0]] == " " \
                and (caps[k + 1] or words[k + 1][2].isdigit()) and not institution \
                and not (lw == "river" and words[k + 1][2].lower() in _STREETS):  # "River Road" is a road
            j = k + 1
            while j + 1 < n and j - k < 3 and text[words[j][1]:words[j + 1][0]] == " " and caps[j + 1] \
                    and words[j + 1][2] not in _INSTITUTION_WORDS:  # "Mount Pleasant City Council"
                j += 1
            s, e = words[k][0], words[j][1]
            hint = _LEADING[lw]
            k = j
        if s is not None:
            out.append((s, e, Mention(text=text[s:e], start=s, end=e, key=name_key(text[s:e]),
                                      feature_hint=hint, kind="toponym")))
        k += 1
    return out


def _state_roads(text: str, gz: Gazetteer) -> list[tuple[int, int, Mention]]:
    """Roads named by a US state and a number ("W.Va. 61", "KY 52"): a road, not the state."""
    out = []
    for m in _road_matches(text):
        prefix = m.group(1)
        if not any(
                c.place.feature_type == "admin1" and c.place.country_code == "US"
                for c in gz.candidates(name_key(prefix), normalised=True)):
            continue
        out.append((m.start(), m.end(), Mention(text=m.group(), start=m.start(), end=m.end(),
                                                key=name_key(m.group()), feature_hint="landmark", kind="toponym")))
    return out


def _road_matches(text: str):
    """:data:`_STATE_ROAD` matches, found from their numbers (digits are rarer than capitals)."""
    end = -1
    for n in _ROAD_NUMBER_ALONE.finditer(text):
        if n.start() < end:
            continue
        prefix = _ROAD_PREFIX_BEFORE.search(text, max(0, n.start() - 12), n.start())
        m = _STATE_ROAD.match(text, prefix.start()) if prefix else None
        if m is not None and m.end() == n.end():
            end = m.end()
            yield m


def _after_preposition(text: str, words, i: int) -> bool:
    return i > 0 and words[i - 1][2] in ("of", "in", "from", "at", "near") and text[words[i - 1][1]:words[i][0]] == " "


_POSSESSIVE = re.compile(r"['’]s?\b")
#: A legislator's party mark follows a comma or a bracket: "Dorgan, D-N.D.", "(R-Texas)".
_PARTY_BEFORE = re.compile(r"[,(]\s*$")
#: An era after a year: "between 250 and 100 B.C.".
_ERA = re.compile(r"B\.?C\.?E?|A\.?D|C\.?E")
_ERA_STARTS = frozenset("B BC BCE A AD C CE".split())
_NUMBER_BEFORE = re.compile(r"\d(?:s|th)?\s*$")
#: Lower-case words after a name that make it a place: its people, area and offices.
_PEOPLE_OF_PLACE = re.compile(r"(?:['’]s)?\s+(?:area|areas|residents?|natives?|inhabitants|population|outskirts|suburbs|police|mayor|firefighters|"
                              r"city council|city officials|town officials)\b")
#: "residents of X", "the villages of X": people live in the place named after "of".
_PEOPLE_OF = re.compile(r"\b(?:residents|inhabitants|population|villagers|natives|citizens|villages|towns|parts|outskirts|"
                        r"suburbs)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
#: "for" after a verb of leaving or heading: the name after it is where people went.
_DESTINATION_FOR = re.compile(
    r"\b(?:left|leave|leaves|leaving|head(?:ed|ing|s)?|bound|depart(?:ed|ing|s)?|set (?:off|out)|fled|flee|"
    r"evacuated|bus(?:s)?ed)\b(?:\s+[\w'’,-]+){0,4}?\s+for\s+(?:the\s+)?$", re.IGNORECASE)
#: A town's offices, capitalised: "the Lindsay Police" is the town's, as nobody's own.
_OFFICES_OF_PLACE = re.compile(r"\s+(?:Police|Fire Department|City Council|Town Council|Board of Selectmen)\b")
#: A period that does not end the sentence: the word is written as an abbreviation.
_ABBREVIATION_IN_TEXT = re.compile(r"\.(?:,|\s+[a-z0-9]|\s+\((?:AP|Reuters|CP)\))")


def _after_locative(text: str, words, i: int) -> bool:
    if i == 0 or _sentence_initial(text, words[i][0]):
        return False
    prev = words[i - 1][2].lower()
    return prev in _LOCATIVE and text[words[i - 1][1]:words[i][0]].strip() == ""


def _plausible(text: str, words, i: int, j: int, key: str, gz: Gazetteer):
    """True for a likely place name; False, or "person", for words that only look like one.

    Each check reads one kind of evidence and may give the verdict (or None, no
    opinion): the words before the name, the name it begins, the word after
    it, its shape as an era or initialism, and for one word alone, what the
    word is besides a place. A name no check objects to is a place.
    """
    for check in (_person_before, _longer_name, _word_after, _era_or_initialism, _ordinary_words, _one_word):
        verdict = check(text, words, i, j, key, gz)
        if verdict is not None:
            return verdict
    return True


def _person_before(text: str, words, i: int, j: int, key: str, gz: Gazetteer):
    """A title, a first name or a middle initial before the name: "President Obama", "Michael Adkins", "Tyrise M. Bell"."""
    n = len(words)
    # Part of a longer capitalised name ("Washington Post", "President Bush", "Michael Jackson")?
    if i > 0 and text[words[i - 1][1]:words[i][0]] == " ":
        prev = words[i - 1][2]
        lp = prev.lower()
        name_like = not _sentence_initial(text, words[i - 1][0]) or gz.word_frequency(lp) == 0
        # "President Obama", "Coach Welch": a title before one name makes it a person's.
        if i == j and prev in _FULL_TITLES and not (j + 1 < n and _is_cap(words[j + 1][2])) \
                and not _protected(key, gz, strict=True):
            return "person"
        # "Sunday Alexandria Police": a weekday is no first name ("May Vance" is a person).
        not_a_name = lp in _MONTHS_DAYS and gz.given_name_frequency(lp) == 0
        if _is_cap(prev) and lp not in _QUALIFIERS and name_like and not gz.demonym(prev) and not prev.isupper() \
                and not not_a_name:
            if not _protected(key, gz, strict=True):
                # "Michael Adkins", and "James Walker" too: a common first name is no ordinary word here.
                # A rarer one ("Ed", "Rick", "Drew") too, before a name that is not a famous place's.
                gf = gz.given_name_frequency(lp)
                # An unknown word before a province's name is no first name ("Organisasi Papua Merdeka").
                unknown_given = gz.word_frequency(lp) == 0 and not _province(key, gz)
                given = unknown_given or gf >= 0.1 or (gf >= 0.02 and not _protected(key, gz))
                # Inside a street's name ("Old Alton Edwardsville Road") nobody is named.
                in_street = j + 1 < n and words[j + 1][2].lower() in _STREETS
                return "person" if i == j and given and not in_street else False
    if i > 0 and text[words[i - 1][1]:words[i][0]] == ". " and words[i - 1][2].lower() in _TITLES:
        # "Sgt. Roberts", "Gov. Sanford", "Dr. Moll". A city's name that is nobody's surname is a
        # nickname ("Mr. Arlington"), which says nothing of the city's other mentions.
        nickname = gz.person_name_frequency(key) == 0 and _largest(key, gz) >= 100_000
        return False if nickname else "person"
    if i > 1 and i == j and text[words[i - 1][1]:words[i][0]] == ". " and len(words[i - 1][2]) == 1 \
            and words[i - 1][2].isupper() and text[words[i - 2][1]:words[i - 1][0]] == " " \
            and (gz.given_name_frequency(words[i - 2][2]) >= 0.1 or gz.word_frequency(words[i - 2][2].lower()) == 0) \
            and _is_cap(words[i - 2][2]) and not _protected(key, gz, strict=True):
        return "person"  # "Tyrise M. Bell", "Irvin E. Rhodes": a middle initial between two names
    return None


def _longer_name(text: str, words, i: int, j: int, key: str, gz: Gazetteer):
    """The name begins a feast's, a saint's institution's or a newspaper's: "St. Patrick's Day", "the Lansing State Journal"."""
    n = len(words)
    if _HOLIDAY_AFTER.match(text, words[j][1]):
        return False  # "St. Patrick's Day", "St. George's Day": a feast, not a place
    if words[i][2] in ("St", "Saint") and _SAINTS_INSTITUTION.match(text, words[j][1]):
        return False  # "St. John's Lutheran School", "St. Mary's Hospital"
    k = j + 1
    while k < n and k - j <= 3 and text[words[k - 1][1]:words[k][0]] == " " and _is_cap(words[k][2]):
        if words[k][2] in _PRESS and not (k + 1 < n and text[words[k][1]:words[k + 1][0]] == " "
                                          and _is_cap(words[k + 1][2])):
            return False  # "the Lansing State Journal reported": a newspaper, not a place ("Post Office" is not one)
        k += 1
    return None


def _word_after(text: str, words, i: int, j: int, key: str, gz: Gazetteer):
    """The word right after the name makes it a brand, a person's name, an adjective or a speaker."""
    n = len(words)
    if j + 1 >= n:
        return None
    gap = text[words[j][1]:words[j + 1][0]]
    nxt = words[j + 1][2]
    ln = nxt.lower()
    # "Wal-Mart", "Coca-Cola": a capitalised compound that is not two places.
    if gap in ("-", "‐", "‑") and _is_cap(nxt) and not _protected(key, gz, strict=True) \
            and not _protected(ln, gz, strict=True) and gz.demonym(nxt) is None \
            and not (_largest(key, gz) >= 100_000 and _largest(ln, gz) >= 100_000) \
            and not _county_follows(text, words, j + 1, gz):
        # ("the Paris-Berlin line" joins two cities, "the Paris-Henry County library" a town and its county)
        return False
    # "Georgia Stevens", "Chad Smith": a first name that is also a country or a town,
    # before a common surname. The name is a person's wherever the text uses it bare.
    if i == j and gap == " " and _is_cap(nxt) and not nxt.isupper() and ln not in _QUALIFIERS \
            and gz.given_name_frequency(key) >= 0.05 and gz.person_name_frequency(ln) >= 0.05 \
            and not (j + 2 < n and words[j + 2][2].lower() in _STREETS):
        return "person"
    # "George Bush", "Scott Roberts": a first name before a surname. Places inside
    # institution names ("Texas Department of Health") stay places.
    if gap == " " and _is_cap(nxt) and not nxt.isupper() and gz.word_frequency(ln) == 0 \
            and ln not in _QUALIFIERS and ln not in _CAP_FEATURES and ln not in gz.demonym_keys \
            and ln not in _MONTHS_DAYS:  # "in Alexandria Friday night"
        if not _protected(key, gz, strict=True) and not _notable(ln, gz):
            return False  # ("Ain Issa", "Santa Olga": a longer name the gazetteer lacks, not the first word's place)
    # "the Obama administration", "Arab countries", "Olympic facilities": a name used as an
    # adjective before these nouns is a person, a people or an event, unless a country or
    # province ("Texas officials" is Texas).
    if gap == " " and ln in _ATTRIBUTIVE and i == j and not _protected(key, gz, strict=True):
        return False
    # "Roberts said": people speak, places (other than countries and provinces) rarely do.
    if gap == " " and ln in _SPEECH and i == j and not _protected(key, gz) and not _after_preposition(text, words, i) \
            and _largest(key, gz) < 20_000:
        return "person"
    return None


def _era_or_initialism(text: str, words, i: int, j: int, key: str, gz: Gazetteer):
    """"100 B.C." is an era; initialisms ("U.N.", "E.U.") are places only as countries or known abbreviations."""
    if words[i][2] in _ERA_STARTS and _ERA.fullmatch(text, words[i][0], words[j][1]) \
            and _NUMBER_BEFORE.search(text, max(0, words[i][0] - 8), words[i][0]):
        return False  # "between 250 and 100 B.C.": an era, not British Columbia
    if i < j and all(len(words[k][2]) <= 2 and words[k][2].isupper() for k in range(i, j + 1)):
        # Initialisms ("U.N.", "E.U."): only countries and abbreviations the gazetteer knows ("U.S.", "N.Y.").
        return key in gz.abbreviation_keys or any(
            c.place.feature_type == "country" for c in gz.candidates(key, normalised=True))
    return None


def _ordinary_words(text: str, words, i: int, j: int, key: str, gz: Gazetteer):
    """"the Red Cross said", "Red Cross volunteers": a hamlet named with ordinary words, written
    as an organisation's name (after "the", before its people or their speech), is one."""
    if i == j or not all(gz.is_common_word(words[k][2].lower()) or words[k][2] in _CONNECTORS
                         for k in range(i, j + 1)):
        return None
    after = words[j + 1][2].lower() if j + 1 < len(words) else ""
    as_organisation = (i > 0 and words[i - 1][2].lower() == "the") or after in _AGENTS or after in _SPEECH
    if _largest(key, gz) >= 1000 or _protected(key, gz):
        return None
    # "stay at a Red Cross shelter": the locative governs the organisation's shelter, not the name.
    if after in _ORGANISATION_PLACES or as_organisation and not _locative_context(text, words, i, j):
        return False
    return None


def _one_word(text: str, words, i: int, j: int, key: str, gz: Gazetteer):
    """A one-word name that is also a month, a title, an acronym, a person's name or a common word needs a cue."""
    if i != j:
        return None
    n = len(words)
    w = words[i][2]
    lw = w.lower()
    if lw in _MONTHS_DAYS or lw in _HOLIDAYS or (lw in _TITLES and (
            text[words[j][1]:words[j][1] + 1] == "." or (j + 1 < n and _is_cap(words[j + 1][2])))):
        return False
    if len(key) < 2:
        return False
    if lw in _QUALIFIERS and j + 1 < n and text[words[j][1]:words[j + 1][0]] == " " and _is_cap(words[j + 1][2]):
        return False  # "Metro Vancouver", "Metro Police": a qualifier of the next name
    if i > 0 and words[i - 1][2] == "the" and j + 1 < n and text[words[j][1]:words[j + 1][0]] == " " \
            and _is_cap(words[j + 1][2]) and words[j + 1][2] not in _TOWNS_OWN \
            and words[j + 1][2].lower() not in FEATURE_WORDS and not _protected(key, gz) and _largest(key, gz) < 100_000:
        return False  # "the LaBelle Theater", "the Cascade Motel": a small town's name begins another name
    if key in gz.abbreviation_keys and _ABBREVIATION_IN_TEXT.match(text, words[j][1]):
        return True  # "Missing Ill. man", "Western Mass. stargazers": an abbreviation inside the sentence
    # All-caps short tokens are acronyms ("UN", "IS") unless they name a country, a
    # province or a curated area ("US", "UK", "NSW", "EU").
    if w.isupper() and len(w) <= 4 and _DATELINE_AROUND.match(text, words[j][1]) \
            and (_sentence_initial(text, words[i][0]) or text[words[i][0] - 1:words[i][0]] == "(") \
            and any(c.primary and c.place.population >= 100_000 for c in gz.candidates(key, normalised=True)):
        return True  # a dateline: "JUBA, South Sudan –", "October 2 (BAKU) -" (not "(CBS)")
    if w.isupper() and len(w) <= 4:
        return any(c.place.feature_type in ("country", "admin1") or c.place.place_id.startswith("curated:")
                   for c in gz.candidates(key, normalised=True))
    if gz.person_name_frequency(lw) >= 0.05 and not _protected(key, gz) and not _locative_context(text, words, i, j) \
            and not _OFFICES_OF_PLACE.match(text, words[j][1]):
        return False  # "Scott", "Kevin", "Hughes": mostly people
    cands = gz.candidates(key, normalised=True)
    if cands and not any(c.primary or _respelling(key, c) for c in cands) and not _protected(key, gz) \
            and not _locative_context(text, words, i, j):
        return False  # only ever an alternate name ("Hamas" for Hamm): needs a cue
    if _largest(key, gz) < 1000 and not _protected(key, gz) and not _locative_context(text, words, i, j):
        # Only hamlets and post offices bear this name ("Scott", "Kevin"): it needs a cue.
        return False
    if gz.is_common_word(lw) and not _protected(key, gz):
        if key in gz.abbreviation_keys and text[words[j][1]:words[j][1] + 1] == ".":
            return True  # "Ala." written as an abbreviation
        return _locative_context(text, words, i, j)
    return None


def _county_follows(text: str, words, k: int, gz: Gazetteer) -> bool:
    """True when words *k*, *k+1* are a county the gazetteer knows ("Henry County")."""
    if k + 1 >= len(words) or words[k + 1][2] not in ("County", "Parish") or text[words[k][1]:words[k + 1][0]] != " ":
        return False
    return any(c.place.feature_type == "admin2"
               for c in gz.candidates(name_key(f"{words[k][2]} {words[k + 1][2]}"), normalised=True))


def _surname(text: str, words, i: int, gz: Gazetteer) -> bool:
    """True when the one-word demonym at *i* is used as a surname ("Monica French", "French said")."""
    n = len(words)
    after_first_name = i > 0 and text[words[i - 1][1]:words[i][0]] == " " and _is_cap(words[i - 1][2]) \
        and gz.given_name_frequency(words[i - 1][2].lower()) >= 0.1
    # "Syrians said" is a people speaking; "French said" a person
    speaks = not words[i][2].endswith("s") and i + 1 < n and text[words[i][1]:words[i + 1][0]] == " " \
        and words[i + 1][2] in _SPEECH
    return after_first_name or speaks


def _identity_compound(text: str, words, i: int) -> bool:
    """True when the demonym at *i* is part of an identity such as "African-Americans",
    "Asian-Canadian" or "Native American", which names neither place's people."""
    n = len(words)
    w = words[i][2].lower()
    if w in _HYPHENATED_HOSTS and i > 0:
        gap = text[words[i - 1][1]:words[i][0]]
        prev = words[i - 1][2].lower()
        if (gap in ("-", "‐", "‑") and prev in _ORIGIN_PREFIXES) or (gap == " " and prev == "native"):
            return True
    if w in _ORIGIN_PREFIXES and i + 1 < n and text[words[i][1]:words[i + 1][0]] in ("-", "‐", "‑"):
        return words[i + 1][2].lower() in _HYPHENATED_HOSTS
    return False


def _respelling(key: str, c) -> bool:
    """True when *key* spells the candidate's main name another way ("Daraa" for Dar'ā,
    "Raqqa" for Ar Raqqah, "Buthidaung" for Buthidaung Town), not a name from another
    language ("Hamas" for Hamm) or a word made from the name."""
    if c.place.feature_type not in ("admin1", "admin2", "city") and c.place.population < 30_000:
        return False  # only a place large enough to be written about in many spellings
    main = name_key(c.place.name)
    if main.startswith(key + " "):
        return True
    if main[:-1] == key and main[-1] in "aeiou":
        return False  # "Ismaili" for Ismailia: a believer, not the town
    ratio = SequenceMatcher(None, key, main).ratio()
    return ratio >= (0.85 if len(key) <= 5 else 0.8)  # "Baha'i" is not Bahia


def _curated(key: str | None, gz: Gazetteer) -> bool:
    """True when the supplement (data/curated_places.csv) has a place called *key* ("Lake Chad")."""
    return bool(key) and any(c.place.place_id.startswith("curated:") for c in gz.candidates(key, normalised=True))


def _is_settlement(key: str | None, gz: Gazetteer) -> bool:
    """True when the best-known place called *key* is a city, town or village."""
    cands = gz.candidates(key, normalised=True) if key else ()
    return bool(cands) and cands[0].place.feature_type in ("city", "town", "village")


def _province(key: str, gz: Gazetteer) -> bool:
    """True when *key* is the main name of a sizeable admin-1 area (over 100,000 people)."""
    return any(c.primary and c.place.feature_type == "admin1" and c.place.population >= 100_000
               for c in gz.candidates(key, normalised=True))


_AREAS = frozenset({"country", "admin1", "admin2", "region", "district"})


def _notable(key: str, gz: Gazetteer) -> bool:
    """Whether *key* names an area or a city of 100,000: a place of its own beside another name ("Nairobi
    Kenya"), where a village's name is more likely the rest of a longer name ("Ain Issa")."""
    return any(c.primary and (c.place.feature_type in _AREAS or c.place.population >= 100_000)
               for c in gz.candidates(key, normalised=True))


def _largest(key: str, gz: Gazetteer) -> int:
    """Population of the largest place called *key* (areas count as large)."""
    best = 0
    for c in gz.candidates(key, normalised=True):
        if c.place.feature_type in _AREAS | {"camp", "crossing"} \
                and not at_province_point(c.place):  # an area known only by name needs a cue, as a hamlet does
            return 10**9
        best = max(best, c.place.population)
    return best


def _protected(key: str, gz: Gazetteer, strict: bool = False) -> bool:
    """Names famous enough to be places even when they are also words ("Chad", "Jordan").

    With *strict*, only countries and admin-1 areas count (used when the name
    stands next to another capitalised word: "Jordan Times" stays out,
    "Syria Civil Defence" is read as Syria).
    """
    freq = gz.word_frequency(key) if " " not in key else 0.0
    for c in gz.candidates(key, normalised=True):
        if c.place.place_id.startswith("curated:") and not strict:
            return True  # the supplement's spellings are each chosen by hand
        ft = c.place.feature_type
        if not c.primary:
            # A country's English alias ("Britain", "Burma", "Ivory Coast") is as famous as its
            # name, unless it is also a word or a person's name ("Island" for Iceland, "Holland").
            if ft == "country" and not strict and freq == 0 and gz.person_name_frequency(key) == 0 and len(key) > 3:
                return True
            # So is a province's other name ("Ingushetia" for Ingush), if it is no word nor a person's,
            # nor a part of the main name ("Nile" of River Nile names the river too).
            if ft == "admin1" and not strict and freq == 0 and gz.person_name_frequency(key) == 0 and len(key) > 3 \
                    and c.place.population >= 100_000 and key not in name_key(c.place.name).split():
                return True
            continue
        if ft == "country" or (ft == "region" and c.place.population >= 1_000_000):
            return True
        if strict:
            continue
        if (freq < 4.5 and c.place.population >= 500_000) or (freq < 5.0 and c.place.population >= 1_000_000):
            return True
        # A province, unless a small one bears a common first name (the Isle of Man's
        # "Michael" and "Patrick" do not make every Michael a place).
        if freq < 3.8 and ft == "admin1" and (c.place.population >= 500_000 or gz.person_name_frequency(key) < 0.1):
            return True
        if c.place.source.startswith("Wikipedia") or c.place.place_id.startswith("curated:"):
            return True
    return False


def _locative_context(text: str, words, i: int, j: int) -> bool:
    """True when the words around a span show it names a place."""
    if _feature_before(text, words[i][0]) is not None:
        return True  # "the town of X"
    if i > 0 and not _sentence_initial(text, words[i][0]):
        prev = words[i - 1][2].lower()
        if prev == "to" and i > 1 and words[i - 2][2].lower() in _NOT_MOTION_TO:
            return False  # "according to Taylor"
        if prev in _LOCATIVE and text[words[i - 1][1]:words[i][0]].strip() == "":
            # "in March" is handled by the month list; "in Mobile" is a place,
            # but "in Human Rights" is not: the name must end the capitalised run.
            if j + 1 < len(words) and _is_cap(words[j + 1][2]) and text[words[j][1]:words[j + 1][0]] == " " \
                    and words[j + 1][2].lower() not in _MONTHS_DAYS:  # "in Alexandria Friday night"
                return False
            return True
    if _DESTINATION_FOR.search(text, max(0, words[i][0] - 60), words[i][0]):
        return True  # "left Douma for X", "headed for X": "for" after a leaving verb names where to
    if _PEOPLE_OF.search(text, max(0, words[i][0] - 30), words[i][0]):
        return True  # "residents of X", "the entire population of X", "the villages of X": people live in places
    if _in_locative_list(text, words, i):
        return True  # "in Chorley, Salford and Bury": the preposition governs the whole list
    if _DEFINED_AS.match(text, words[j][1]):
        return True  # "Chester is a town in Warren County"
    if _LIST_FEATURE.match(text, words[j][1], words[j][1] + _LIST_REACH):
        return True  # "places like Jackson and Barrow counties"
    if j + 1 < len(words) and text[words[j][1]:words[j + 1][0]] == " " and words[j + 1][2] in FEATURE_WORDS:
        return True  # "the Azraq camps", "Hailey county": a feature word names the kind of place
    if _BEFORE_PLACE.search(text, max(0, words[i][0] - 40), words[i][0]):
        return True  # "south of Cairns", "Brookes, 18, of Regina"
    if text.startswith("-based", words[j][1]):
        return True  # "a Geneva-based agency"
    if _PEOPLE_OF_PLACE.match(text, words[j][1]) and not _sentence_initial(text, words[i][0]):
        return True  # "a Concord resident", "the Hayward area", "Hurricane police" ("Many area residents" is no place)
    # "<Place>, X" as in "Mobile, Ala"
    gap = text[words[i - 1][1]:words[i][0]] if i > 0 else ""
    if gap == ", " and _is_cap(words[i - 1][2]) or (gap == "., " and words[i - 1][2].lower() in _STREET_ABBREVIATIONS):
        return True  # "Mobile, Ala", "Memphis St., Alexandria" (not "the U.N., Samantha Power")
    # "X, <Capitalised>" as in "Reading, Pennsylvania"
    after = text[words[j][1]:words[j][1] + 2]
    if after == ", " and j + 1 < len(words) and _is_cap(words[j + 1][2]):
        return i == 0 or not _is_cap(words[i - 1][2])
    return False


def _in_locative_list(text: str, words, i: int) -> bool:
    """True when word *i* ends a list of names after a locative word: "in A, B and X", "from A or X"."""
    if i < 3 or words[i - 1][2] not in ("and", "or") or text[words[i - 1][1]:words[i][0]] != " ":
        return False
    if i + 1 < len(words) and words[i + 1][2].lower().removesuffix("s") in _STREETS:
        return False  # "at Orange and White streets": a list of streets
    k = i - 2
    while k > 0 and i - k <= 12 and _is_cap(words[k][2]):
        if text[words[k][1]:words[k + 1][0]] not in (" ", ", "):
            return False
        k -= 1
    return k < i - 2 and words[k][2].lower() in _LOCATIVE and text[words[k][1]:words[k + 1][0]] == " " \
        and words[k][2].lower() not in ("and", "between")


def _feature_after(text: str, words, j: int, end: int) -> tuple[int, str | None]:
    """Extend a mention over a following feature word: "Daraa province" → (end, "admin1")."""
    if j + 1 >= len(words):
        return end, None
    gap = text[end:words[j + 1][0]]
    if gap != " ":
        return end, None
    w1 = words[j + 1][2].lower()
    if w1 == "refugee" and j + 2 < len(words) and words[j + 2][2].lower() in ("camp", "camps", "settlement"):
        if text[words[j + 1][1]:words[j + 2][0]] == " ":
            return words[j + 2][1], "camp"
    if w1 == "border" and j + 2 < len(words) and words[j + 2][2].lower() == "crossing":
        if text[words[j + 1][1]:words[j + 2][0]] == " ":
            return words[j + 2][1], "crossing"
    if w1 in FEATURE_WORDS and " " not in w1 and (words[j + 1][2].islower() or w1 in _CAP_FEATURES):
        return words[j + 1][1], FEATURE_WORDS[w1]
    return end, None


def _feature_before(text: str, start: int) -> str | None:
    """Feature type from "the town of X", "the province of X"."""
    before = text[max(0, start - 20):start].lower()
    for phrase, ft in PRE_FEATURE_WORDS.items():
        if before.endswith(phrase + " "):
            return ft
    return None
