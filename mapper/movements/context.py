"""Where the story is: the ends a clause takes from the sentences around it.

A clause of people leaving that names no place happened where the story is
(the origin of the movement just reported, else the last place named that is
not a dateline, an agent, an aside or a container); a return "home" goes back
there. Every end found this way is marked ``how="context"``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from mapper.model import Endpoint, Mention
from mapper.movements.candidate import Candidate, endpoint_key
from mapper.movements.roles import (DESTINATION, STREET_RE, compared_with, is_modifier_after, measured_from,
                                    spoken_from, spread_to)

__all__ = ["LEAVING", "context_place", "inherited_origin", "home_again", "stock_place", "is_locus"]


LEAVING = frozenset({"flee", "leave", "evacuate", "displace", "move"})
# Nouns that name displaced people counted as a stock ("close to 50,000 IDPs").
_DISPLACED_NOUNS = frozenset("idps idp refugees evacuees displaced returnees".split())


# "CITY, May 11 (Agency) --", "CITY (Agency) —", "(CITY) –": where the report was filed.
# After the place: a date ("CHANGSHA, May 11"), or a country or state ("COTABATO CITY, Philippines"),
# an agency in brackets, then a dash (a spaced hyphen too).
_DATELINE_RE = re.compile(r"(?:\s+[A-Z]{2,}\b){0,2}(?:,\s+\w+\.?\s+\d{1,2}|,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"
                          r"\s*(?:\([^()]{1,30}\))?"
                          r"\s*(?:--|—|–|\s-\s)")


# A state acting abroad; the country of a mission, an envoy or a minister's office.
_ACTING_RE = re.compile(
    r"\s+(?:has\s+|have\s+|had\s+)?(?:sent|deployed|donated|pledged|offered|accused|condemned|signed|dispatched)\b")
_OFFICE_OF_RE = re.compile(r"\b(?:[Mm]ission|[Aa]mbassador|[Ee]nvoy|[Dd]elegation)\s+(?:to|in)\s+(?:the\s+)?$"
                           r"|\b(?:[Mm]inist(?:er|ry)|[Ss]ecretary|[Dd]epartment)\s+(?:of|for)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?$")


_NON_PLACE_HEAD_RE = re.compile(
    r"\s+(?:dollars?|yuan|government|army|forces|troops|military|officials?|authorities|media|president|"
    r"minister|ministry|police|embassy|consulate|regime|leaders?|border guards?|coast ?guards?|"
    r"prefecture|team|officers?|road|highway|motorway|street|avenue)\b", re.IGNORECASE)


def is_dateline(text: str, m: Mention) -> bool:
    """Whether a mention is the dateline of a report ("CITY (Agency) —"): where it was filed, not
    where anything moved."""
    line_start = text.rfind("\n", 0, m.start) + 1
    before = text[line_start:m.start].strip(" (")
    # After a photo credit in brackets a dateline is written in capitals: "(Photo/AP) ATLANTA (AP) —".
    opens = not before or text[m.start - 1:m.start] == "(" or before.endswith(")") and m.text.isupper()
    if not opens and re.fullmatch(r"[A-Z][A-Z .'’-]+,", before):
        opens = True  # "COTABATO CITY, Philippines —": the dateline's country or state
    return bool(opens and _DATELINE_RE.match(text, m.end))


def is_locus(text: str, m: Mention, prev: Mention | None) -> bool:
    """Whether a mention names where things happen (not a dateline, an agent, a container, or a
    distance's reference point)."""
    if STREET_RE.search(m.text) or is_modifier_after(text, m, m.end + 30) or _NON_PLACE_HEAD_RE.match(text, m.end):
        return False
    if is_dateline(text, m) or measured_from(text, m):
        return False  # "20 km from X": X only says where something else is
    if spoken_from(text, m) or _ACTING_RE.match(text, m.end) \
            or _OFFICE_OF_RE.search(text, max(0, m.start - 30), m.start) or compared_with(text, m):
        return False  # "said by phone from X", "X sent troops", "the UN Mission to X": not where people were
    line_start = text.rfind("\n", 0, m.start) + 1
    if text.count("(", line_start, m.start) > text.count(")", line_start, m.start):
        return False  # "(19 million U.S. dollars)", "(UNHCR, Geneva)": an aside
    # "Bor, the capital of Jonglei state", "Moore, Oklahoma", "the Diffa region of Niger": the
    # container only locates ("Niger's Diffa region": the possessor is a modifier, above).
    if prev is None:
        return True
    gap = text[prev.end:m.start]
    if re.fullmatch(r"['’]s?\s+", gap) and (_CONTAINER_GAP_RE.search(text, max(0, prev.start - 60), prev.start)
                                            or _AREA_OF_RE.search(text, max(0, prev.start - 60), prev.start)):
        return False  # "Bor, the capital of South Sudan's Jonglei state": a container still
    return not (_CONTAINER_GAP_RE.fullmatch(gap) or _AREA_OF_RE.fullmatch(text, prev.end - len(_last_word(prev)), m.start))


def _last_word(m: Mention) -> str:
    return m.text.rsplit(None, 1)[-1]


_CONTAINER_GAP_RE = re.compile(r",\s+(?:the\s+)?(?:[\w-]+\s+){0,4}(?:of|in)\s+(?:[\w-]+\s+)?$|,\s+$")
# "Yingjiang County in southwest China", "the Diffa region of Niger": the place named after the
# area's own word contains it (the area word ends the first name or follows it).
_AREA_OF_RE = re.compile(
    r"(?:\b[\w'’.-]+\s+)?(?:region|province|district|state|county|governorate|department|prefecture|municipality|township)"
    r"\s+(?:of|in)\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+)?$",
    re.IGNORECASE)


def context_place(text: str, ordered: list[Mention], before: int, arrived: set[str]) -> Mention | None:
    """Where the story is when a sentence names no place: the last place named before *before*.

    A report of people leaving that names no place ("Local governments have
    relocated 50,400 people") happened where the story last was; before the
    first place is named, the first place the story names. Datelines, agents
    ("X authorities"), asides in brackets, containers ("Y" in "X, Y") and places
    people were said to reach are not where they left.
    """
    toponyms, prev = [], None
    for m in ordered:
        if m.kind == "toponym":
            if is_locus(text, m, prev) and endpoint_key(Endpoint(mention=m)) not in arrived:
                toponyms.append(m)
            prev = m
    earlier = [m for m in toponyms if m.end <= before]
    if earlier:
        return earlier[-1]
    return toponyms[0] if toponyms else None


def inherited_origin(text: str, cand: Candidate, ordered: list[Mention], recent: list[tuple[Mention, str]],
                      last_origin: tuple[list[Endpoint], int] | None, index: int) -> list[Endpoint]:
    """The origin of a clause that names none, from the story around it (``how="context"``).

    A clause that refers back to the movers ("they", "many of the fighters")
    continues the movement reported within the last four sentences and takes
    its origin, also when it names where they went. A clause of people leaving
    that names no place at all takes that origin too, else the place the story
    is at (:func:`context_place`). Measured on dev2/tune and check: carrying
    origins more freely into clauses with a destination made false flows
    (edge precision 0.79 → 0.59) and lost events.
    """
    # "X officials say several areas are being evacuated": for an evacuation, whoever moved.
    local = _local_agent(text, cand, ordered) if cand.cls in LEAVING and not cand.destinations else None
    if local is not None and cand.cls == "evacuate":
        return [Endpoint(mention=local, how="context")]
    if not (cand.movers or cand.figures) or cand.cls == "stay":
        return []  # where displaced people stay says nothing of where they came from
    dkeys = {endpoint_key(e) for e in cand.destinations}
    recent_origin = last_origin is not None and index - last_origin[1] <= 4
    if recent_origin and cand.refers_back and _going_back(text, cand):
        # "their return / repatriation to X": they go back from where they went, not from where they fled
        # Only the movement just reported (its ends come last, destinations after origins) counts.
        went = recent[-1:] if recent and recent[-1][1] == DESTINATION else []
        return [Endpoint(mention=m, how="context") for m, _r in went if endpoint_key(Endpoint(mention=m)) not in dkeys]
    if recent_origin and cand.refers_back and not cand.generic_origin and not cand.other_places:
        return [replace(e, how="context") for e in last_origin[0] if endpoint_key(e) not in dkeys]
    if cand.destinations or cand.cls not in LEAVING:
        # Measured: giving a clause with a named destination and a generic origin ("from the
        # affected areas") the story's place found 4 more edges of 37 but cost edge precision
        # (0.71 -> 0.63 on dev + dev2) and events: annotators leave such origins unnamed.
        return []
    if local is not None:
        return [Endpoint(mention=local, how="context")]
    if recent_origin:
        return [replace(e, how="context") for e in last_origin[0]]
    arrived = {endpoint_key(Endpoint(mention=m)) for m, r in recent if r == DESTINATION}
    locus = context_place(text, ordered, cand.trigger_start, arrived)
    if locus is None:
        return []
    # "the city" says one place; where an event spread is no list of the story's places
    one = _ONE_PLACE_RE.search(text, cand.start, cand.end) or spread_to(text, 0, locus)
    return [Endpoint(mention=m, how="context") for m in ([locus] if one else _listed_with(text, ordered, locus))]


_ONE_PLACE_RE = re.compile(r"\b(?:the|this|that)\s+(?:city|town|village|district|province|county|capital|area)\b",
                           re.IGNORECASE)
_LIST_SEP = re.compile(r"\s*,\s*")
_LIST_LAST = re.compile(r"\s*,?\s+(?:and|or|&)\s+")


def _listed_with(text: str, ordered: list[Mention], locus: Mention) -> list[Mention]:
    """The story's place, with the places listed before it when it ends a list ("hit A, B and C"): a
    sentence that names no place happened in all of them (one shared count, never split)."""
    toponyms = [m for m in ordered if m.kind == "toponym"]
    i = next((k for k, m in enumerate(toponyms) if m is locus), None)
    if i is None or i == 0 or not _LIST_LAST.fullmatch(text, toponyms[i - 1].end, locus.start):
        return [locus]
    out = [toponyms[i - 1], locus]
    for k in range(i - 2, -1, -1):
        if not _LIST_SEP.fullmatch(text, toponyms[k].end, out[0].start):
            break
        out.insert(0, toponyms[k])
    return out


_LOCAL_AGENT_RE = re.compile(r"\s+(?:county\s+|city\s+|town\s+)?(?:officials|authorities|police|firefighters|"
                             r"fire\s+(?:officials|department|chief)|mayor|sheriff)\b", re.IGNORECASE)


def _local_agent(text: str, cand: Candidate, ordered: list[Mention]) -> Mention | None:
    """ "X officials say several areas are being evacuated", "..., X police said": a place's own
    officials speak of it.

    Only one such place in the sentence, and no other place before the trigger.
    """
    inside = [m for m in ordered if m.kind == "toponym" and cand.sentence.start <= m.start < cand.sentence.end]
    agents = [m for m in inside if _LOCAL_AGENT_RE.match(text, m.end)]
    if len(agents) != 1 or any(m.start < cand.trigger_start for m in inside if m is not agents[0]):
        return None
    return agents[0]


def _going_back(text: str, cand: Candidate) -> bool:
    """A return or a repatriation: people going back to where they came from."""
    return cand.cls == "return" or text[cand.trigger_start:cand.trigger_end].lower().startswith("repatriat")


_HOME_RE = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:to\s+)?(?:their|his|her|its)?\s*(?:own\s+)?(?:homes?|houses?|villages?|hometowns?|"
    r"(?:areas?|places?|communities|villages?) of origin)\b", re.IGNORECASE)


# A return said with nothing after it but when: "some 70,000 have returned (since May)."
_BARE_RETURN_RE = re.compile(r"\s*(?:(?:since|in|on|during|over|after|last|this|so\s+far|already|now)\b[^,;:]{0,30})?"
                             r"\s*(?:[.;:,]|$)", re.IGNORECASE)


def home_again(text: str, cand: Candidate, ordered: list[Mention], recent: list[tuple[Mention, str]],
                last_origin: tuple[list[Endpoint], int] | None, index: int) -> list[Endpoint]:
    """Where people "returned home" or "went back to their villages": where they had left.

    The origin of the movement reported within the last four sentences, else
    the place the story is at; ``how="context"``. A bare return ("some 70,000
    have returned") goes back only to an origin just reported.
    """
    if cand.cls != "return" or not (cand.movers or cand.figures):
        return []
    recent_origin = last_origin is not None and index - last_origin[1] <= 4
    if recent_origin and _BARE_RETURN_RE.match(text, cand.trigger_end, cand.end):
        # "Fighting displaced 300,000 in X. Some 70,000 have returned.": back where they fled from (never the
        # story's place, which may be where they sheltered)
        return [replace(e, how="context") for e in last_origin[0]]
    if not _HOME_RE.match(text, cand.trigger_end):
        return []
    if recent_origin:
        return [replace(e, how="context") for e in last_origin[0]]
    locus = context_place(text, ordered, cand.trigger_start, set())
    return [Endpoint(mention=locus, how="context")] if locus is not None else []


def stock_place(text: str, cand: Candidate, ordered: list[Mention]) -> list[Endpoint]:
    """Where displaced people counted with no place are: "close to 50,000 IDPs", in the place the story is at.

    Only for a count of displaced people named as such (a stock), never for
    people said to stay or live somewhere unnamed.
    """
    if cand.cls != "stay" or not cand.figures or cand.trigger.lower() not in _DISPLACED_NOUNS:
        return []
    locus = context_place(text, ordered, cand.trigger_start, set())
    return [Endpoint(mention=locus, how="context")] if locus is not None else []

