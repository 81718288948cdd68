"""Roles of places read from the words around them: the fallback of the parse.

Where the parse gives a place no role (:mod:`mapper.movements.grammar`), the
words on its left say it, skipping the noun phrase it heads ("to the besieged
town of X"): "from / out of / fled / leaving / X residents" make an origin;
"to / towards / into / for (after head, leave) / reach / arrive in / X-bound"
a destination; "via / through" a route; "X in Y", "X, Y", "Y's northwest"
make Y only locate X; a place coordinated with an endpoint shares its role;
"in X" is a location (:data:`LOCATED`) that the clause reads by its trigger.
"the district" after a cue is an anaphor for the last place of that kind.
"""

from __future__ import annotations

import re

from mapper.model import Mention
from mapper.movements import lexicon as lx
from mapper.movements.triggers import TOKEN_RE

__all__ = ["ORIGIN", "DESTINATION", "ROUTE", "LOCATED", "ANAPHOR_RE", "STREET_RE", "DEMONYM_ADJ", "clause_role",
           "generic_roles", "antecedent", "is_modifier_after", "distance_reference", "measured_from", "spoken_from",
           "spread_to", "taken_from", "town_of", "compared_with", "similar_to", "holds_displaced", "shelters_in"]


ORIGIN, DESTINATION, ROUTE, LOCATED = "origin", "destination", "route", "in"


ANAPHOR_RE = re.compile(
    r"\b(?:the|that|this)\s+(?:(?:two|three|besieged|embattled|stricken|flooded|same|whole|entire|nearby)\s+)?"
    r"(?P<noun>" + "|".join(sorted(lx.ANAPHORA_NOUNS, key=len, reverse=True)) + r")\b(?!\s+of\b)(?!['’]s)",
    re.IGNORECASE,
)


STREET_RE = re.compile(r"\b(?:Road|Rd|Drive|Dr|Street|St|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Highway|Hwy|Way|Court|Place)\.?$")


DEMONYM_ADJ = re.compile(r"(?:i|ian|an|ese|ish)$")


# "20 km from X", "30 miles north of X", "some 15 kilometres away from the town of X".
_DISTANCE_BEFORE_RE = re.compile(
    r"\b\d[\d,.]*\s*-?\s*(?:km|kms|kilomet(?:re|er)s?|miles?|mi)\b\.?\s+"
    r"(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:wards?)?\s+|away\s+|outside\s+)*"
    r"(?:from|of)\s+(?:the\s+(?:\w+\s+)?(?:city|town|village|capital|border)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
_BEFORE_DISTANCE_RE = re.compile(
    r"\b(?P<prep>to|into|towards|toward|from|out of)\s+(?:[\w'’-]+\s+){0,4}?(?:some\s+|about\s+|around\s+|nearly\s+)?$",
    re.IGNORECASE,
)


def measured_from(text: str, m: Mention) -> bool:
    """Whether a distance is measured from the place ("35 km away from X", "10 miles north of X")."""
    return _DISTANCE_BEFORE_RE.search(text, max(0, m.start - 90), m.start) is not None


def distance_reference(text: str, clause_start: int, m: Mention, mentions) -> str | None:
    """The role of a place that only measures where another lies ("a camp 20 km from X"), or "" if it is not one.

    The place is near the end the distance follows: "fled to a camp 20 km from X"
    makes X (near) the destination, "evacuated from a village 15 km south of X"
    the origin; after a named place ("from A, 30 miles from X") or anything
    else it is no end: the "from" of a distance says where it is measured from.
    """
    dist = _DISTANCE_BEFORE_RE.search(text, max(clause_start, m.start - 90), m.start)
    if dist is None:
        return ""
    left = text[clause_start:dist.start()]
    named = left.rstrip(" ,")
    if any(o.end == clause_start + len(named) for o in mentions if o is not m):
        return None
    prep = _BEFORE_DISTANCE_RE.search(left)
    if prep is None:
        return None
    return ORIGIN if prep.group("prep").lower() in ("from", "out of") else DESTINATION


def is_modifier_after(text: str, m: Mention, limit: int) -> bool:
    """"Y's northwest", "Y-based", "Y authorities": the place qualifies something else."""
    after = text[m.end:min(limit, m.end + 30)]
    pos = re.match(r"['’]s?\s+([A-Za-z-]+)", after)
    if pos:
        return pos.group(1).lower() not in lx.RESIDENT_NOUNS
    if re.match(r"-(?:based|backed|brokered|led|born|run|funded|allied|supported)\b", after):
        return True
    if town_of(text, m):
        return True
    name = re.match(r" ([A-Z][a-z]+)(?: ([A-Z][a-z]+))?", after)
    if name and (name.group(1).lower() not in _PLACE_WORDS or (name.group(2) or "").lower() in lx.NAME_TAIL_WORDS
                 or name.group(1).lower() in lx.NAME_TAIL_WORDS):
        return True  # "X Tribune", "X Airways", "X River Road": inside a name
    return False


# "(the X) town of Y": a settlement word after a place that makes it the container of the place Y
# ("the Arizona town of Y"); after an area word the place is the name ("the Kasese district of Uganda").
_SETTLEMENT = r"(?:border\s+)?(?:town|city|village|port|hamlet|settlement|enclave|neighbou?rhood|suburb|community)"
_TOWN_OF_RE = re.compile(rf"(?:\s+{_SETTLEMENT})?\s+of\s+(?:the\s+)?[A-Z]")
_SETTLEMENT_END_RE = re.compile(rf"\b{_SETTLEMENT}$", re.IGNORECASE)


def town_of(text: str, m: Mention) -> bool:
    """Whether the place only says where a settlement named after it lies ("the Arizona town of Yarnell")."""
    after = text[m.end:m.end + 40]
    hit = _TOWN_OF_RE.match(after)
    return hit is not None and (bool(_SETTLEMENT_END_RE.search(m.text)) or not after.startswith(" of"))


_PLACE_WORDS = frozenset(
    """province district city town village state region county camp governorate valley island islands
    river border crossing municipality prefecture township area territory monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august september
    october november december and on in at from to for""".split()
)


def clause_role(text: str, clause_start: int, clause_end: int, m: Mention, prev_roles: list[tuple[Mention, str | None]]) -> str | None:
    """The role of mention *m* from the words on its left (and a few on its right)."""
    role = _role_from_right(text, clause_end, clause_start, m)
    if role is not _LEFT:
        return role
    left = [(t.group(), t.start()) for t in TOKEN_RE.finditer(text, max(clause_start, m.start - 120), m.start)]
    prev = _previous_place(text, m, prev_roles)
    skipped = 0
    for i in range(len(left) - 1, -1, -1):
        if prev and left[i][1] < prev[0].end:
            break
        step = _left_step(text, left, i, prev, clause_start, m)
        if step is _ON:
            continue
        if step is _SKIP:
            skipped += 1
            if skipped > 7:
                return None
            continue
        return step
    return None


# What a word on the left says: read on (_ON), read on past a word of the noun phrase (_SKIP),
# or a role (None: no role). _LEFT: the words on the right leave it to the left.
_ON, _SKIP, _LEFT = object(), object(), object()


def _role_from_right(text: str, clause_end: int, clause_start: int, m: Mention):
    """What the words right after a place say: "X-bound", "X was evacuated", "X hosts", "X residents"."""
    after = text[m.end:m.end + 30]
    if re.match(r"-bound\b", after):
        return DESTINATION
    if re.match(r"\s+(?:was|were|has been|have been|had been|is being|are being)\s+(?:\w+ly\s+)?(?:evacuated|emptied|abandoned|deserted|depopulated)\b", after) \
            and not re.search(r"\b(?:to|from|into|of|in|at|near|for|via)\s+(?:the\s+)?$", text[max(clause_start, m.start - 12):m.start], re.IGNORECASE):
        return ORIGIN  # "X was evacuated"
    if re.match(r"(?:,\s+which)?\s+(?:is\s+|are\s+|has\s+been\s+|now\s+|currently\s+)*(?:hosting|hosts|hosted|sheltering|shelters|housing|houses|home to)\b", after):
        return DESTINATION  # "X hosts 80,000 refugees"
    if re.match(r"['’]s\s+(?:" + "|".join(lx.RESIDENT_NOUNS) + r")\b", after, re.IGNORECASE) or \
            re.match(r"\s+(?:" + "|".join(lx.BARE_RESIDENT_NOUNS) + r")\b", after, re.IGNORECASE):
        return ORIGIN
    if re.match(r"\s+(?:evacuation|exodus|evacuees|pull-?out|withdrawal)\b", after, re.IGNORECASE):
        return ORIGIN
    if is_modifier_after(text, m, clause_end):
        return None
    return _LEFT


def _previous_place(text: str, m: Mention, prev_roles) -> tuple[Mention, str | None] | None:
    """The place before *m* in the clause, for coordination and "X in Y" ("Niger's Diffa region" skipped)."""
    for pm, prole in reversed(prev_roles):
        if pm.end <= m.start:
            if re.fullmatch(r"['’]s?\s+(?:[\w-]+\s+){0,2}", text[pm.end:m.start]):
                continue  # "Niger's Diffa region": the possessive only locates this place
            return pm, prole
    return None


_NP_GAP = r"[\s,]*(?:(?:" + "|".join(lx.NP_WORDS) + r")[\s,]*)*"
_ROLE_LESS_NOUNS = frozenset(
    "refugee displacement evacuation transit reception relief temporary makeshift informal official safety security relative".split())


def _left_step(text: str, left: list, i: int, prev, clause_start: int, m: Mention):
    """What the *i*-th word on the left of a place says of its role."""
    tok, pos = left[i]
    low = tok.lower()
    nxt_low = left[i - 1][0].lower() if i > 0 else ""
    if low in ("and", "or", ",", "&") or (low == "as" and nxt_low == "well"):
        return _coordinated(text, low, pos, prev, m)
    if low == "of":
        if nxt_low == "out" or nxt_low in lx.ORIGIN_OF_NOUNS:
            return ORIGIN
        if nxt_low in lx.NP_WORDS or nxt_low in lx.GENERIC_PLACE_NOUNS or nxt_low in ("safety", "security", "shelter"):
            return _ON  # "the town of X", "the relative safety of X": keep reading left
        return None
    if low in lx.ORIGIN_PREPOSITIONS or low in lx.DESTINATION_PREPOSITIONS or low == "for":
        return _direction(text, left, i, prev)
    if low in ("in", "at", "inside", "within"):
        if nxt_low in lx.ARRIVAL_IN_WORDS:
            return DESTINATION
        if nxt_low in lx.STATIVE_IN_WORDS:
            return LOCATED  # "live in X": a destination only next to an arrival trigger
        if nxt_low in lx.GENERIC_PLACE_NOUNS:
            return _ON  # "camps in X": X locates a generic endpoint; its role is that of the generic.
        if prev is not None and re.fullmatch(_NP_GAP, text[prev[0].end:pos], re.IGNORECASE):
            return None  # "X in Y"
        return LOCATED
    if low in ("near", "outside", "around", "beside") and nxt_low in lx.GENERIC_PLACE_NOUNS:
        return _ON  # "a camp near X": X locates the generic endpoint
    if low in lx.ROUTE_PREPOSITIONS:
        return ROUTE
    if low in lx.ORIGIN_VERBS:
        return ORIGIN
    if low in lx.DESTINATION_VERBS:
        return DESTINATION
    if tok[0].isupper() and pos > clause_start and (re.search(r"['’]s?$", tok) or DEMONYM_ADJ.search(tok)
                                                    or (i == len(left) - 1 and re.fullmatch(r"\s", text[pos + len(tok):m.start]))):
        return _SKIP  # "Niger's Diffa region", "Iraqi Kurdistan": a qualifier inside the place's noun phrase.
    if low in lx.NP_WORDS or re.fullmatch(r"[a-z]+-[a-z]+", tok) or low in lx.GENERIC_PLACE_NOUNS or low in _ROLE_LESS_NOUNS:
        return _SKIP
    return None


def _coordinated(text: str, low: str, pos: int, prev, m: Mention):
    """Coordination with the previous place: "to X and (to) Y", "X, Y and Z" share a role; "X, Y": Y locates X."""
    if prev is None:
        return None
    gap = text[prev[0].end:pos]
    if not re.fullmatch(r"[\s,]*(?:(?:as|well|" + "|".join(lx.NP_WORDS) + r")[\s,]*)*", gap, re.IGNORECASE):
        return None
    if low == "," and not re.match(r"[^.;]{0,60}?\band\b|[^.;]{0,60}?\bor\b", text[m.end:m.end + 60]) and prev[1] != LOCATED:
        return None  # "X, Y" without a list: Y locates X
    return prev[1]


def _direction(text: str, left: list, i: int, prev):
    """ "from X", "to X", "for X" — unless the phrase belongs to a non-mover ("flight 994 from X to Y")."""
    low = left[i][0].lower()
    nxt_low = left[i - 1][0].lower() if i > 0 else ""
    if low != "for":
        k = i - 1
        while k >= 0 and (left[k][0][0].isdigit() or (prev and prev[0].start <= left[k][1] < prev[0].end)
                          or left[k][0].lower() in lx.ORIGIN_PREPOSITIONS | lx.DESTINATION_PREPOSITIONS):
            k -= 1
        if k >= 0 and left[k][0].lower() in lx.NON_MOVERS:
            return None
    if low in lx.ORIGIN_PREPOSITIONS:
        if nxt_low in ("far", "away") and i > 1 and left[i - 2][0].lower() not in lx.ORIGIN_VERBS \
                and left[i - 2][0].lower() not in ("fled", "moved", "displaced", "driven", "forced"):
            return ORIGIN if nxt_low == "away" else None
        return ORIGIN
    if low in lx.DESTINATION_PREPOSITIONS:
        return None if low == "to" and nxt_low in lx.NOT_DESTINATION_TO else DESTINATION
    if nxt_low in lx.FOR_DESTINATION_VERBS:
        return DESTINATION
    # "left X for Y", "for X and for Y"
    if prev is not None and prev[1] in (ORIGIN, DESTINATION) and re.fullmatch(
            r"[\s,]*(?:(?:and|or|then|" + "|".join(lx.NP_WORDS) + r")[\s,]*)*", text[prev[0].end:left[i][1]], re.IGNORECASE):
        return DESTINATION
    return None


def generic_roles(text: str, start: int, end: int, mentions: list[Mention]) -> tuple[bool, bool]:
    """Whether the clause names a non-toponym origin/destination ("from villages", "to safer areas")."""
    clause = text[start:end]
    spans = [(m.start - start, m.end - start) for m in mentions]

    def unnamed(pos: int) -> bool:
        return not any(a <= pos < b for a, b in spans)

    origin = any(unnamed(m.end() + 1) and not m.group(1)[0].isupper()
                 for m in re.finditer(r"\b(?:from|out of)\s+(?:their\s+|the\s+)?([a-z][a-z-]+)", clause)) or any(
        unnamed(m.start(1)) for m in re.finditer(r"\b(?:residents|people|inhabitants|villagers|population) of\s+(?:the\s+)?([A-Z][\w-]+)", clause))
    dest = any(unnamed(m.end() + 1)
               for m in re.finditer(r"\b(?:to|into|towards|in)\s+(?:\w+\s+){0,2}?(?:" + "|".join(lx.GENERIC_PLACE_NOUNS) + r")\b", clause))
    return origin, dest


# A possessive after a place: "Iowa's second largest city" is in Iowa, not Iowa itself.
_OWNER_RE = re.compile(r"['’]s\b")


def antecedent(noun: str, pos: int, recent: list[tuple[Mention, str]], toponyms: list[Mention],
                roles: list[tuple[Mention, str | None]], text: str = "") -> Mention | None:
    hints = lx.ANAPHORA_HINTS.get(noun, frozenset())
    # 1) an endpoint of this clause or of a recent movement with a matching hint, 2) any recent endpoint.
    pool = [(m, r) for m, r in roles if r in (ORIGIN, DESTINATION, LOCATED) and m.end <= pos] + [
        (m, r) for m, r in recent]
    pool.sort(key=lambda x: x[0].start)
    for m, _r in reversed(pool):
        if m.feature_hint and m.feature_hint in hints:
            return m
    for m, _r in reversed(pool):
        if not m.feature_hint or m.feature_hint not in ("country", "admin1") or noun in ("province", "state", "region"):
            return m
    # 3) the nearest earlier toponym with a matching hint.
    before = [t for t in toponyms if t.end <= pos]
    for m in reversed(before):
        if m.feature_hint and m.feature_hint in hints or m.text.lower().endswith(" " + noun):
            return m  # "... Brevard County. The county ...": the noun is the name's own last word
    # 4) "the city", "the town": the nearest earlier place named with no other kind ("Cedar Falls ... the
    # city"), not one that owns another ("X's largest city" is in X).
    plain = [m for m in before if not _OWNER_RE.match(text, m.end)]
    if noun in ("city", "town") and plain and plain[-1].feature_hint is None:
        return plain[-1]
    return None


# "the conflict has spread into X", "the crisis spilled over into X": an event widens, nobody moves.
_SPREAD_TO_RE = re.compile(
    r"\b(?P<subj>[\w'’-]+),?\s+(?:(?:has|have|had|was|were|is|are|also|now|since|then|quickly|further)\s+){0,3}"
    r"(?:spread|spreads|spreading|spill(?:ed|s|ing)?|spilt|extend(?:ed|s|ing)?|expand(?:ed|s|ing)?|escalat(?:ed|es|ing))"
    r"(?:\s+over)?\s+(?:\w+\s+){0,3}?(?:into|to|across|over|beyond|throughout)\s+(?:the\s+|neighbou?ring\s+)?"
    r"(?:[\w'’-]+(?:,\s+|\s+and\s+|\s+or\s+|\s+)){0,6}$",
    re.IGNORECASE,
)


def spread_to(text: str, clause_start: int, m: Mention) -> bool:
    """Whether the place is where an event, not people, spread ("the revolt spread into X and Y").

    People are the subject when the word before the verb names them ("refugees spilled into X").
    """
    hit = _SPREAD_TO_RE.search(text, max(clause_start, m.start - 160), m.start)
    if hit is None:
        return False
    # A word and a comma before the verb ends an aside ("the revolt, which displaced 40,000 people,"):
    # the subject is further back, and people are rarely said to spread.
    aside = text[hit.end("subj"):hit.end("subj") + 1] == ","
    return aside or lx.UNIT_NOUNS.get(hit.group("subj").lower()) not in ("people", "families", "children")


# "kidnapped 200 girls from their school in X": people taken, not displaced.
_TAKEN_FROM_RE = re.compile(
    r"\b(?:kidnap|abduct|snatch|seiz|stole|steal|loot|rob|smuggl|recruit)\w*\s+(?:[\w,'’-]+\s+){0,6}?"
    r"from\s+(?:[\w'’-]+\s+){0,4}?(?:in\s+|of\s+|near\s+)?$", re.IGNORECASE)


def taken_from(text: str, clause_start: int, m: Mention) -> bool:
    """Whether the place is where people or things were taken from by force, which displaces nobody."""
    return _TAKEN_FROM_RE.search(text, max(clause_start, m.start - 120), m.start) is not None


# "said by phone from X", "speaking from X": where a speaker is.
_SPEAKER_FROM_RE = re.compile(
    # (no count or people between: "said 3,500 refugees from X" are refugees from X)
    r"\b(?:said|says|speaking|spoke|talking|reporting|writing|wrote|told\s+\w+|(?:by\s+)?(?:tele)?phone)\s+"
    r"(?:(?!\d|(?:refugees|people|residents|migrants|families|civilians|evacuees|villagers|IDPs)\b)[\w,]+\s+){0,3}?"
    r"from\s+(?:the\s+)?$"
    # "talks to The Associated Press in X", "told reporters in X": where an interview took place
    r"|\b(?:talks?|talking|talked|spoke|speaks|speaking|told)\s+(?:to\s+)?(?:[\w.'’]+\s+){1,4}?in\s+(?:the\s+)?$",
    re.IGNORECASE)


def spoken_from(text: str, m: Mention) -> bool:
    """Whether the place is only where someone speaks from, no end of a movement."""
    return _SPEAKER_FROM_RE.search(text, max(0, m.start - 60), m.start) is not None


# "in a similar situation to X" (then up to nine words of a list before the place).
_SIMILAR = r"similar\s+(?:situation\s+)?to"
_TO_THE_PLACE = r"\s+(?:[\w,'’-]+\s+){0,9}?$"
# Places named only to compare or to bound: "shares borders with X", "near the border with X" (this side of
# it), "in a similar situation to X". Beyond a border come only names ("with Kenya, Uganda and X"): "near the
# border with Uganda erupted in X" is in X.
_NAMES_TO_THE_PLACE = r"\s+(?:(?-i:[A-Z])[\w'’.-]*,?\s+(?:and\s+|or\s+)?){0,9}?$"
_BESIDE_RE = re.compile(r"\b(?:(?:shares?\s+|sharing\s+)?(?:a\s+|its\s+|the\s+|their\s+)?(?:\w+\s+)?borders?\s+with"
                        + _NAMES_TO_THE_PLACE + "|(?:" + _SIMILAR + r"|unlike|compared\s+(?:to|with))" + _TO_THE_PLACE + ")",
                        re.IGNORECASE)


def compared_with(text: str, m: Mention) -> bool:
    """Whether the place is only compared with, or bounds, the place of the story."""
    return _BESIDE_RE.search(text, max(0, m.start - 100), m.start) is not None


# "in a similar situation to X": a comparison, whose "to" is no goal (the narrow form of compared_with: the
# wider one as a role filter cost a check event, benchmarks/README.md).
_SIMILAR_TO_RE = re.compile(r"\b" + _SIMILAR + _TO_THE_PLACE, re.IGNORECASE)


def similar_to(text: str, clause_start: int, m: Mention) -> bool:
    """Whether the place is what the story is compared with ("in a similar situation to X")."""
    return _SIMILAR_TO_RE.search(text, max(clause_start, m.start - 100), m.start) is not None


# "X, home to 9,000 displaced people", "X, which now hosts 90,000 IDPs": the place holds displaced people.
_HOME_TO_RE = re.compile(r",\s+(?:(?:which|that)\s+(?:is\s+)?(?:now\s+|currently\s+|still\s+)?)?"
                         r"(?:home\s+to|hosts?|houses?|shelters?|accommodates?)\s+(?:some\s+|about\s+|around\s+|nearly\s+|"
                         r"more\s+than\s+|over\s+|at\s+least\s+)?\d[\d,.]*(?:\s+(?:million|thousand))?\s+(?:[\w-]+\s+){0,2}?"
                         r"(?P<who>displaced|idps|refugees|evacuees|asylum|people|families|households)"
                         r"(?P<displaced>\s+(?:displaced|uprooted|who\s+(?:have\s+|had\s+)?fled))?", re.IGNORECASE)


def holds_displaced(text: str, m: Mention) -> bool:
    """Whether an apposition or relative clause right after the place says it holds displaced people.

    "X camp, home to 9,000 people" holds them; "X, home to 2,000 people" is a town's population,
    unless the people are said to be displaced ("home to 2,000 people displaced by the floods").
    """
    held = _HOME_TO_RE.match(text, m.end)
    if held is None:
        return False
    plain = held.group("who").lower() in ("people", "families", "households") and not held.group("displaced")
    return not plain or m.feature_hint == "camp" or m.text.lower().endswith("camp")


# "Several shelters are open in X", "evacuation centres have been set up in X": where evacuees go.
_SHELTERS_OPEN_RE = re.compile(
    r"\b(?:shelters?|evacuation\s+cent(?:re|er)s?|relief\s+camps?|evacuation\s+sites?)\s+(?:(?:are|were|is|was|have|has|had|"
    r"been|now|also)\s+){0,3}(?:open(?:ed)?|set\s+up|established|opened\s+up)\s+(?:(?:at|in)\s+(?:the\s+)?[\w'’ -]{0,40}?)?"
    r"(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)


def shelters_in(text: str, clause_start: int, m: Mention) -> bool:
    """Whether the place is where shelters for the displaced were opened (their destination)."""
    return _SHELTERS_OPEN_RE.search(text, max(clause_start, m.start - 120), m.start) is not None
