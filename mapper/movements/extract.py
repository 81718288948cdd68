"""Movements from text: who moved from where to where, how many, and what the number means.

:func:`find_movements` reads an article sentence by sentence:

1. **Candidates** (:func:`_candidate_sentences`): sentences with a movement
   trigger (:mod:`~mapper.movements.triggers`) or that name displaced people.
2. **Grammar** (:func:`_readings`): the sentences that also name a place are
   parsed together (:mod:`~mapper.movements.parse`); the parse says each
   place's role and who each trigger moves (:mod:`~mapper.movements.grammar`).
3. **Clauses** (:mod:`~mapper.movements.clauses`): each clause with a trigger
   whose movers are people becomes a candidate with its ends (the parse's
   roles, else the words' roles: :mod:`~mapper.movements.roles`) and its
   figures (:mod:`~mapper.movements.figures`).
4. **Context** (:mod:`~mapper.movements.context`): a clause of people leaving
   that names no place takes where the story is; its ends say ``how="context"``.
5. **Tallies** (:mod:`~mapper.movements.tallies`): verbless lists of displaced
   people place by place ("Province A: 530 households") are stocks, each with
   its own count.
6. **When** (:mod:`~mapper.movements.periods`) and **events**
   (:mod:`~mapper.movements.events`): restatements merged, a whole kept apart
   from its parts, one shared count for several destinations, never split.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mapper.model import Article, Endpoint, Evidence, Mention, Movement, Period, Sentence
from mapper.movements import lexicon as lx
from mapper.movements.candidate import Candidate
from mapper.movements.clauses import clause_mentions, clauses
from mapper.movements.context import home_again, inherited_origin, is_dateline, stock_place
from mapper.movements.counts import NUMBER_WORDS
from mapper.movements.dates import find_dates
from mapper.movements.events import merge_events, split_gapped, split_subsets
from mapper.movements.figures import clause_figures, scope_of, status_of
from mapper.movements.periods import candidate_period
from mapper.movements.tallies import tallies
from mapper.movements.roles import (ANAPHOR_RE, DESTINATION, LOCATED, ORIGIN, ROUTE, STREET_RE, antecedent, clause_role,
                                    distance_reference, generic_roles, holds_displaced, shelters_in, similar_to,
                                    spoken_from, spread_to, taken_from, town_of)
from mapper.movements.triggers import (DISPLACED_RE, TRIGGER_RE, TriggerSpan, find_triggers, lower_same_offsets,
                                       negated, subject_blocks)

__all__ = ["find_movements", "parse_ahead"]


# Movers referred back to ("many of the fighters", "they", "the rest"): the clause continues an event.
_ANAPHORIC_MOVERS_RE = re.compile(
    r"\b(?:they|them|those|these|of whom|the rest|others|(?:many|most|some|half|all|several|thousands|hundreds) of (?:the|these|those|them)|"
    r"the (?:[\w,]+ )?(?:people|residents|families|fighters|rebels|evacuees|refugees|displaced|civilians|villagers|migrants|group|inhabitants|survivors))\b",
    re.IGNORECASE)


# A counted part ("25 of them", "half of these"); vague parts ("many of them") continue the movement.
_PART_OF_RE = re.compile(r"\b(?:\d[\d,.]*|(?:[\w-]+[-\s])?(?:" + "|".join(NUMBER_WORDS) + r")|half|"
                         r"a\s+(?:third|quarter|fifth)|(?:one|two)[-\s](?:thirds?|quarters?))\s+of\s+(?:them|whom|these|those)\b",
                         re.IGNORECASE)


_MOVERS_RE = re.compile(
    r"\b(?:" + "|".join(sorted((w for w, u in lx.UNIT_NOUNS.items() if u in ("people", "families", "fighters", "children", "households")),
                               key=len, reverse=True))
    + r"|they|them|those|many|most|others|thousands|hundreds|dozens|evacuees?)\b|\b\d", re.IGNORECASE)


def _clause_candidate(article: Article, sentence: Sentence, start: int, end: int,
                      mentions: list[Mention], recent: list[tuple[Mention, str]],
                      earlier: list[Mention], found: list[re.Match], grammar=None,
                      after_movement: bool = False) -> Candidate | None:
    """The movement one clause reports, with its named ends and its figures; None if it reports none."""
    text = article.text
    trigs = _people_triggers(text, start, end, mentions, found, grammar, after_movement)
    if not trigs:
        return None
    # A movement verb, when the clause has one, before a count of displaced people it also names.
    main, cls = min(trigs, key=lambda t: (t[1] == "stay" and DISPLACED_RE.fullmatch(t[0].group()) is not None,
                                          t[0].start()))
    # Streets bound evacuation zones ("from X Drive to Y Road"); they are not where people went.
    toponyms = [m for m in mentions if m.kind == "toponym" and not STREET_RE.search(m.text) and not is_dateline(text, m)]
    roles = _place_roles(text, start, end, toponyms, grammar)
    cand = Candidate(sentence=sentence, start=start, end=end, trigger=text[main.start():main.end()], cls=cls,
                     trigger_start=main.start(), trigger_end=main.end())
    cand.other_places = any(r in (ROUTE, LOCATED) for _m, r in roles)
    cand.refers_back = bool(_ANAPHORIC_MOVERS_RE.search(text, start, min(end, main.end() + 25))) or bool(
        grammar and any(m.start() in grammar.refers_back for m, _c in trigs))
    # "25 of them went to Y": a counted part of the people counted before, never their whole.
    cand.subset = cand.refers_back and bool(_PART_OF_RE.search(text, start, main.start()))
    cand.movers = cand.refers_back or bool(grammar and grammar.movers.get(main.start()) == "people") or (
        grammar is None and bool(_PEOPLE_BEFORE_RE.search(text, max(start, main.start() - 40), main.start())
                                 or _BARE_PEOPLE_RE.fullmatch(text, start, main.start())))
    located = _named_ends(cand, roles)
    _anaphoric_ends(text, cand, toponyms, roles, recent, earlier)
    located = _stative_destination(text, cand, roles, located)
    _located_end(text, cand, located)
    _gapped_origins(text, cand, toponyms)
    demonyms = [m for m in mentions if m.kind == "demonym"]
    if not (cand.origins and cand.destinations):
        _demonym_origin(text, cand, demonyms)
    if not cand.origins and cls in ("host", "arrive", "stay"):
        _received_demonym(text, cand, demonyms)
    if not cand.origins and cls in ("flee", "leave"):
        _fled_conflict_demonym(text, cand, demonyms)
    cand.generic_origin, cand.generic_destination = generic_roles(text, start, end, toponyms)
    cand.evidence = Evidence(article_id=article.id, sentence=sentence.text, start=sentence.start, end=sentence.end)
    cand.status = status_of(text, start, end, main, cls)
    cand.figures = clause_figures(text, start, end, trigs, cand.status, cand.evidence)
    cand.scope = cand.figures[0].scope if cand.figures else scope_of(text, start, end, cls, None)
    # Remove self-loops: the same place as origin and destination is a locative slip.
    okeys = {e.mention.key or e.mention.text for e in cand.origins}
    cand.destinations = [e for e in cand.destinations if (e.mention.key or e.mention.text) not in okeys]
    return cand


# Things that move where people are not said to.
_THINGS_RE = re.compile(
    r"\b(?:troops|soldiers|teams|rescuers|personnel|convoys?|aid|cargo|barges?|ships?|vessels?|aircraft|planes?|"
    r"flights?)\b", re.IGNORECASE)
# Hazards move too ("the storm moved to X"), but they are never evacuated or displaced:
# "the storm prompted evacuations in X" moves people.
_HAZARDS_RE = re.compile(r"\b(?:storm|hurricane|cyclone|typhoon|fire|blaze|wildfire|floodwaters?)\b", re.IGNORECASE)
_PEOPLE_ONLY = frozenset({"evacuate", "displace"})
# Vehicles that carry people but are stopped move nobody.
_HALTED_RE = re.compile(r"\b(?:halted|stopped|held up|delayed|cancell?ed|suspended|stranded|stuck|grounded|diverted)\b",
                        re.IGNORECASE)


def _people_triggers(text: str, start: int, end: int, mentions: list[Mention], found: list[re.Match], grammar,
                     after_movement: bool) -> list[tuple]:
    """The clause's triggers that move people: not things, not one person's travels, not negated."""
    pool = find_triggers(text, start, end, found) if grammar is None else [
        (TriggerSpan(text, t.start, t.end), t.cls) for t in grammar.triggers if start <= t.start and t.end <= end]
    trigs = [(m, c) for m, c in pool
             if not _blocked_movers(text, start, m, c, mentions, grammar, after_movement)
             and not negated(text, start, end, m)]
    if not trigs:
        return []
    if all(m.group().lower().startswith("carr") for m, _c in trigs) and _HALTED_RE.search(text, start, end):
        return []  # "trains carrying hundreds of people had to be halted": travel stopped, nobody displaced
    people = _MOVERS_RE.search(text, start, end)
    if not people and (_THINGS_RE.search(text[start:end]) or _HAZARDS_RE.search(text[start:end])
                       and any(c not in _PEOPLE_ONLY for _, c in trigs)):
        return []  # things move here, people are not said to
    if not people and re.search(r"\b(?:he|she|I)\b", text[start:trigs[0][0].start()]):
        return []  # one person's travels
    # Carrying verbs need people to carry: "rain brought flooding to X" is no movement.
    return [(m, c) for m, c in trigs if c != "move" or people or any(d.kind == "demonym" for d in mentions)
            or grammar is not None and grammar.movers.get(m.start()) == "people"]


def _named_ends(cand: Candidate, roles: list[tuple[Mention, str | None]]) -> list[Mention]:
    """Put the places with a role among the clause's ends; return the places that only locate it ("in X")."""
    seen: set[tuple[str, str]] = set()
    located: list[Mention] = []
    for m, role in roles:
        if role is None:
            continue
        if role == LOCATED:
            located.append(m)
            continue
        key = (role, m.key or m.text.lower())
        if key in seen:
            continue
        seen.add(key)
        ep = Endpoint(mention=m, how="explicit")
        {ORIGIN: cand.origins, DESTINATION: cand.destinations, ROUTE: cand.route}[role].append(ep)
    return located


def _anaphoric_ends(text: str, cand: Candidate, toponyms: list[Mention], roles, recent, earlier) -> None:
    """ "out of the district", "returned to the town": the place the noun refers back to."""
    start, end = cand.start, cand.end
    for a in ANAPHOR_RE.finditer(text, start, end):
        if any(m.start <= a.start() < m.end for m in toponyms):
            continue
        left = text[max(start, a.start() - 45):a.start()].lower()
        # "out of the district", "evacuate downtown areas of the city": the cue, then parts of the place.
        parts = r"(?:(?:[\w-]+\s+){0,2}(?:areas?|parts?|neighbou?rhoods?|districts?|outskirts|suburbs)\s+(?:of|in)\s+)?"
        if re.search(r"\b(?:from|out of|left|leave|leaving|fled|flee|fleeing|evacuated?|evacuating|vacating|vacated|"
                     r"abandoned|escaped|(?:residents|people|inhabitants|villagers|families|population)\s+of|"
                     r"(?:fighting|conflict|violence|war|clashes|insecurity|unrest)\s+in)\s+" + parts
                     + "$", left) or _ANAPHOR_EVACUATED_RE.match(text, a.end()):
            role = ORIGIN  # "out of the district", "residents of the county", "fleeing conflict in the country"
        elif re.search(r"\b(?:to|into|towards|reach|reached|entered|returned to|back to)\s+" + parts + "$", left):
            role = DESTINATION
        else:
            continue
        noun = a.group("noun").lower()
        ante = _named_country(a.start(), earlier + toponyms) if noun == "country" else \
            antecedent(noun, a.start(), recent, earlier + toponyms, roles, text)
        if ante is None:
            continue
        target = cand.origins if role == ORIGIN else cand.destinations
        if any((e.mention.key or e.mention.text) == (ante.key or ante.text) for e in target):
            continue
        target.append(Endpoint(mention=ante, how="anaphora"))


def _named_country(pos: int, toponyms: list[Mention]) -> Mention | None:
    """ "fled the country": the country named last before *pos*, if any."""
    from mapper.geocode.gazetteer import get_gazetteer

    gz = get_gazetteer()
    for m in sorted((t for t in toponyms if t.end <= pos), key=lambda t: t.start, reverse=True):
        best = gz.candidates(m.key or m.text, normalised=bool(m.key))
        if best and best[0].place.feature_type == "country":
            return m
    return None


def _stative_destination(text: str, cand: Candidate, roles, located: list[Mention]) -> list[Mention]:
    """ "Evacuees from X are housed in Y": with a named origin, a stative "in Y" is where they are."""
    if not cand.origins or cand.destinations:
        return located
    for m, role in roles:
        if role == LOCATED and m.start > cand.trigger_start and re.search(
                r"\b(?:housed|hosted|sheltered|sheltering|staying|living|accommodated|settled)\b(?:\s+[\w-]+){0,4}\s+in\s+(?:[\w-]+\s+){0,3}$",
                text[max(cand.start, m.start - 60):m.start], re.IGNORECASE):
            cand.destinations.append(Endpoint(mention=m, how="explicit"))
            return [x for x in located if x is not m]
    return located


_NOT_SAME_CLAUSE = r"\b(?:as|when|after|because|following|since|before|where|which|who|that|amid|while|during|but)\b"


def _gapped_origins(text: str, cand: Candidate, toponyms: list[Mention]) -> None:
    """ "5,000 were displaced in X and 2,000 in Y": the verb left out, Y is a second origin with its own count."""
    for e in list(cand.origins):
        for m in toponyms:
            if m.start > e.mention.end and _GAPPED_IN_RE.fullmatch(text, e.mention.end, m.start) \
                    and all(o.mention is not m for o in cand.origins):
                cand.origins.append(Endpoint(mention=m, how="explicit"))


def _located_end(text: str, cand: Candidate, located: list[Mention]) -> None:
    """A bare "in X": where people left when no origin is named ("evacuated in X"), where they
    arrived for arrivals with no destination; after arrival words it was already a destination."""
    if not located:
        return
    main_start, main_end, cls = cand.trigger_start, cand.trigger_end, cand.cls
    after = [m for m in located if m.start >= main_end and m.start - main_end < 60
             and not re.search(_NOT_SAME_CLAUSE + r"|[,;(]", text[main_end:m.start])]
    if not cand.origins and cls in ("evacuate", "displace", "flee", "leave", "move"):
        frame = [m for m in located if m.start < main_start and re.fullmatch(
            r"\s*(?:elsewhere\s+|meanwhile,?\s+|and\s+)?in\s+(?:the\s+)?(?:[\w-]+\s+){0,3}",
            text[cand.start:m.start], re.IGNORECASE)]
        # "the fighting in X has driven thousands out": a place in the subject of a causative verb.
        subject = [m for m in located if m.start < main_start and main_start - m.end < 40
                   and not re.search(r"[,;(]|\b(?:as|when|after|because|which|who|that|said)\b", text[m.end:main_start])]
        if cls == "move":
            after = []  # "moved in X" says nothing of where they left; "In X, 900 were moved" does
        pick = after[0] if after else frame[-1] if frame else subject[-1] if subject else None
        if pick is not None:
            cand.origins.append(Endpoint(mention=pick, how="explicit"))
    elif not cand.destinations and cls in ("arrive", "host"):
        after = [m for m in located if m.start >= main_end and m.start - main_end < 60
                 and not re.search(_NOT_SAME_CLAUSE.replace("|during", "") + r"|[;(]", text[main_end:m.start])]
        if after:
            cand.destinations.append(Endpoint(mention=after[0], how="explicit"))


_DEMONYM_NOUN_RE = re.compile(
    r"s?\s+(?:[a-z]+\s+)?(?:refugees|migrants|nationals|citizens|civilians|families|people|asylum|troops|soldiers|forces|"
    r"fighters|rebels|opposition|regime|army|government|officials|military|police)?")
_DEMONYM_AGENT_RE = re.compile(
    r"s?\s+(?:troops|soldiers|forces|regime|army|government|officials|military|police|opposition|authorities|media|"
    r"observatory|rebels|fighters|militants|jihadists|settlers|leaders?|president|general)")


_MANY_OF_RE = re.compile(r"\b(?:thousands|hundreds|dozens|millions|scores)\s+of\s+(?:the\s+)?(?:[a-z-]+\s+)?$", re.IGNORECASE)


def _demonym_origin(text: str, cand: Candidate, demonyms: list[Mention]) -> None:
    """A demonym before the trigger names the movers' origin: "Ruritanians crossed into X".

    People going home ("900 Afghans returned from Pakistan", "Afghans were deported from
    Iran") go to that people's country: there the demonym names the destination.
    """
    main = cand.trigger_start
    for d in demonyms:
        counted = re.search(r"\d[\d,.]*(?:\s+(?:million|thousand))?\s+$", text[max(0, d.start - 20):d.start]) \
            or _MANY_OF_RE.search(text, max(0, d.start - 30), d.start)  # "thousands of Rohingya"
        plural = d.text[-1:].lower() == "s" or counted or re.match(r"s?\s+(?:[a-z-]+\s+)?[a-z]+s\b", text[d.end:d.end + 40]) \
            and not re.match(r"\s+(?:[a-z-]+\s+)?(?:is|was|has|sits|lives|says|said)\b", text[d.end:d.end + 30])
        single = re.search(r"\b(?:a|an|one|the)\s+$", text[max(0, d.start - 5):d.start], re.IGNORECASE) and d.text[-1:].lower() != "s"
        subset = re.search(r"\b(?:including|among them|such as|like)\s+(?:\w+\s+){0,2}$", text[max(0, d.start - 30):d.start], re.IGNORECASE)
        # "the war displaced 4.1 million Angolans", "X returned 300 Ruritanians": the counted object of a
        # displacing or returning verb
        moved_object = d.start > cand.trigger_end and counted and cand.cls in ("displace", "evacuate", "move", "return") \
            and d.start - cand.trigger_end < 40 \
            and not re.search(r"(?<!\d)[,;:.]|[,;:.](?!\d)", text[cand.trigger_end:d.start])  # "4.1" is no stop
        if not ((d.start < main or moved_object) and d.text[:1].isupper() and plural and not single and not subset):
            continue
        if not (moved_object or _DEMONYM_NOUN_RE.match(text[d.end:d.end + 30])) \
                or _DEMONYM_AGENT_RE.match(text[d.end:d.end + 30].lower()):
            continue
        if not moved_object and (main - d.end > 60 or re.search(r"[;:]|\b(?:said|says|called|urged)\b", text[d.end:main])):
            continue
        home = cand.cls == "return" or re.match(r"(?:deport|repatriat|expel)", cand.trigger, re.IGNORECASE)
        if home and not cand.destinations:
            cand.destinations.append(Endpoint(mention=d, how="demonym"))
        elif not home and not cand.origins:
            cand.origins.append(Endpoint(mention=d, how="demonym"))
        return


# After a receiving verb, the demonym of the people counted: "hosts 25,000 Syrians", "received
# 3,000 Ruritanian refugees".
_COUNT_BEFORE_RE = re.compile(r"\d[\d,.]*(?:\s+(?:million|thousand))?\s+(?:[\w-]+\s+)?$")
_PEOPLE_AFTER_RE = re.compile(r"\s+(?:refugees|migrants|asylum[- ]seekers|nationals|IDPs|returnees|families)\b")


def _received_demonym(text: str, cand: Candidate, demonyms: list[Mention]) -> None:
    """A receiving verb's movers named by their demonym come from that people's country."""
    for d in demonyms:
        if not (cand.trigger_end <= d.start < cand.trigger_end + 60 and d.end <= cand.end):
            continue
        if _COUNT_BEFORE_RE.search(text, max(cand.start, d.start - 30), d.start) or _PEOPLE_AFTER_RE.match(text, d.end):
            cand.origins.append(Endpoint(mention=d, how="demonym"))
            return


# "fleeing the Syrian conflict", "fled the brutal Ruritanian civil war": a people's conflict is in its country.
_CONFLICT_AFTER_RE = re.compile(r"\s+(?:civil\s+)?(?:war|conflict|crisis|violence|fighting|unrest|insurgency)\b", re.IGNORECASE)


def _fled_conflict_demonym(text: str, cand: Candidate, demonyms: list[Mention]) -> None:
    """The people's adjective on the conflict fled names where the movers left."""
    for d in demonyms:
        gap = text[cand.trigger_end:d.start]
        if d.start >= cand.trigger_end and re.fullmatch(r"\s+(?:from\s+)?the\s+(?:[a-z-]+\s+){0,2}", gap) \
                and _CONFLICT_AFTER_RE.match(text, d.end):
            cand.origins.append(Endpoint(mention=d, how="demonym"))
            return


#: How places' roles are read: ``"hybrid"`` (the parse, else the clause rules), ``"parse"``
#: or ``"regex"`` (the clause rules alone). Only ``benchmarks/flows.py --roles`` changes it,
#: to measure the three (benchmarks/README.md).
ROLE_READING = "hybrid"


_ANAPHOR_EVACUATED_RE = re.compile(r"\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:now\s+|also\s+)?(?:under\s+(?:an?\s+)?"
                                   r"(?:\w+\s+)?evacuation|being\s+evacuated|evacuated)\b", re.IGNORECASE)
# Unparsed (no place named): people as the subject right before the trigger ("many people have been displaced").
_PEOPLE_BEFORE_RE = re.compile(r"\b(?:many|most|some|all|hundreds|thousands|dozens|scores|numerous|several|the|these|those)\s+"
                               r"(?:of\s+(?:the\s+)?)?(?:displaced\s+|affected\s+|evacuated\s+)?(?:people|residents|"
                               r"families|villagers|civilians|inhabitants|households)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
# "Residents fled.", "Villagers were evacuated": the clause opens with the people, no word before them.
_BARE_PEOPLE_RE = re.compile(r"\s*(?:local\s+|many\s+|most\s+)?(?:residents|villagers|civilians|inhabitants|families|"
                             r"households|people)\s+(?:\w+\s+){0,3}", re.IGNORECASE)
_GAPPED_IN_RE = re.compile(r"(?:\s+(?:district|province|county|region|state))?,?\s+and\s+(?:some\s+|about\s+|another\s+)?"
                           r"\d[\d,.]*(?:\s+(?:more|others|people|families|households))?\s+(?:in|at)\s+(?:the\s+)?")


def _place_roles(text: str, start: int, end: int, toponyms: list[Mention], grammar) -> list[tuple[Mention, str | None]]:
    """Each place's role in the clause; "the X town of Y" gives Y the role its words gave X."""
    roles: list[tuple[Mention, str | None]] = []
    held = None
    for m in toponyms:
        role = _combined_role(text, start, end, m, roles, grammar, toponyms)
        if held is not None and held[1] is not None and m.start - held[0].end < 40:
            role = held[1]
        held = None
        if town_of(text, m):
            held, role = (m, role), None
        roles.append((m, role))
    return roles


def _combined_role(text, start, end, m, roles, grammar, mentions=()):
    if (near := distance_reference(text, start, m, mentions)) != "":
        return near  # "a camp 20 km from X": X only says where the camp is
    if spread_to(text, start, m) or taken_from(text, start, m) or spoken_from(text, m) or similar_to(text, start, m):
        return None  # "the war spread into X and Y", "kidnapped 200 girls from X", "speaking from X"
    if holds_displaced(text, m) or shelters_in(text, start, m):
        return DESTINATION  # "X camp, home to 9,000 displaced people", "shelters are open in X"
    g = grammar.roles.get((m.start, m.end)) if grammar else None
    if g is not None and negated(text, start, end, TriggerSpan(text, g.trigger.start, g.trigger.end)):
        return None  # the place of a movement that did not happen ("the right to return to X")
    if ROLE_READING == "regex":
        return clause_role(text, start, end, m, roles)
    if ROLE_READING == "parse":
        return g.role if g else None
    if g is None and grammar is not None and (m.start, m.end) in grammar.rejected:
        return None  # the grammar says this place only locates another: no second opinion
    return g.role if g else clause_role(text, start, end, m, roles)


def _blocked_movers(text, start, m, c, mentions, grammar, after_movement: bool = False) -> bool:
    """The trigger's movers are things or one person (the parse says; else the words before it).

    A stay ("others live in X") reports displaced people only right after a
    movement; without the parse, nobody is known to stay.
    """
    kind = grammar.movers.get(m.start(), "unknown") if grammar and ROLE_READING != "regex" else "unknown"
    if kind == "people":
        return False
    if c == "stay":
        # "50,000 IDPs": the noun names displaced people itself.
        return not (kind == "anaphoric" and after_movement or DISPLACED_RE.fullmatch(m.group()))
    if kind in ("thing", "person"):
        return True
    return subject_blocks(text, start, m, c, mentions)


def _candidate_sentences(text: str, sentences: tuple[Sentence, ...], ordered: list[Mention]) -> list[tuple]:
    """The sentences that may report a movement: a trigger, or displaced people named.

    Each comes as ``(sentence, trigger matches, its mentions, index of its first mention)``.
    """
    out = []
    all_trigs = list(TRIGGER_RE.finditer(lower_same_offsets(text)))
    ti = mi = 0
    for sentence in sentences:
        while ti < len(all_trigs) and all_trigs[ti].start() < sentence.start:
            ti += 1
        k = ti
        while k < len(all_trigs) and all_trigs[k].start() < sentence.end:
            k += 1
        found = all_trigs[ti:k]
        if not found and (ROLE_READING == "regex" or not DISPLACED_RE.search(sentence.text)):
            continue
        while mi < len(ordered) and ordered[mi].end <= sentence.start:
            mi += 1
        j = mi
        while j < len(ordered) and ordered[j].start < sentence.end:
            j += 1
        out.append((sentence, found, ordered[mi:j], mi))
    return out


# "the number of displaced people in X has risen": a participle that describes the people names a
# stock the parse reads (grammar._stock_triggers), though no trigger word is left for the rules.
_DESCRIBED_DISPLACED_RE = re.compile(
    r"\b(?:displaced|uprooted|evacuated)\s+(?:people|persons|families|households|residents|villagers|civilians)\b",
    re.IGNORECASE)


def _to_parse(text: str, candidates: list[tuple]) -> list[tuple]:
    """The candidate sentences worth a parse, with their places and triggers.

    A sentence that names no place has no roles to read; who moved there is
    left to the clause rules, which saves the parser most sentences.
    """
    from mapper.movements.grammar import Trigger

    todo = []
    for sentence, found, mentions, _mi in candidates:
        toponyms = [m for m in mentions if m.kind == "toponym"]
        if not toponyms:
            continue
        trigs = [Trigger(m.start(), m.end(), c) for m, c in find_triggers(text, sentence.start, sentence.end, found, syntax=False)]
        if trigs or DISPLACED_RE.search(sentence.text) or _DESCRIBED_DISPLACED_RE.search(sentence.text):
            todo.append((sentence, toponyms, trigs))
    return todo


_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*")


def _parse_text(sentence: Sentence, toponyms: list[Mention]) -> str:
    """The sentence as the parser should see it: a headline in title case ("Floods Displace 5,000
    in Kasese") in sentence case, but for its place names, which the small model otherwise reads as
    one long name. Same length, so offsets hold."""
    words = list(_WORD_RE.finditer(sentence.text))
    caps = [w for w in words[1:] if w.group()[0].isupper()]
    if len(words) < 4 or len(caps) < 0.6 * (len(words) - 1):
        return sentence.text
    places = [(m.start - sentence.start, m.end - sentence.start) for m in toponyms]
    chars = list(sentence.text)
    for w in caps:
        if not w.group().isupper() and not any(a <= w.start() < b for a, b in places):
            chars[w.start()] = chars[w.start()].lower()
    return "".join(chars)


def _readings(text: str, candidates: list[tuple]) -> dict[int, object]:
    """The parse's reading of each candidate sentence that names a place, parsed in one batch."""
    if ROLE_READING == "regex":
        return {}
    from mapper.movements.grammar import read_sentence
    from mapper.movements.parse import parse

    todo = _to_parse(text, candidates)
    docs = parse([_parse_text(sentence, toponyms) for sentence, toponyms, _g in todo])
    return {sentence.index: read_sentence(doc, sentence.start, toponyms, trigs)
            for (sentence, toponyms, trigs), doc in zip(todo, docs)}


def parse_ahead(texts: Sequence[str]) -> None:
    """Parse, in one batch, the sentences of several articles that :func:`find_movements` will read.

    The parser is several times faster on many sentences at once than on one
    article's few; a corpus worker calls this for its chunk before extracting
    the articles one by one, which then find their parses kept
    (:func:`mapper.movements.parse.parse`). Nothing else changes.

    Parameters
    ----------
    texts : sequence of str
        Article texts.
    """
    from mapper.movements.parse import parse
    from mapper.places.toponyms import find_mentions
    from mapper.read.sentences import split_sentences

    if ROLE_READING == "regex":
        return
    todo = []
    for text in texts:
        ordered = sorted(find_mentions(text), key=lambda m: m.start)
        todo += [_parse_text(s, t) for s, t, _g in _to_parse(text, _candidate_sentences(text, split_sentences(text), ordered))]
    parse(todo)


def find_movements(article: Article, sentences: tuple[Sentence, ...], mentions: tuple[Mention, ...]) -> tuple[Movement, ...]:
    """Find the movements an article reports.

    Parameters
    ----------
    article : Article
        The article; all offsets are into ``article.text``.
    sentences : tuple of Sentence
        From :func:`mapper.read.sentences.split_sentences`.
    mentions : tuple of Mention
        Place and demonym mentions sorted by start
        (:func:`mapper.places.toponyms.find_mentions`).

    Returns
    -------
    tuple of Movement
        One per reported movement (event), in text order. Several destinations
        sharing one count are one movement; restatements are merged with all
        their evidence; ``event_id`` is stable within the article. Endpoints
        reference the given mentions (``how`` says whether the place was named,
        carried from context, an anaphor or a demonym).
    """
    text = article.text
    ordered = sorted(mentions, key=lambda m: m.start)
    cands: list[Candidate] = []
    recent: list[tuple[Mention, str]] = []  # endpoints of recent movements (for anaphora)
    last_origin: tuple[list[Endpoint], int] | None = None
    sentence_dates: dict[int, tuple[Period, ...]] = {}
    last_at: int | None = None  # the sentence of the last movement
    candidates = _candidate_sentences(text, sentences, ordered)
    readings = _readings(text, candidates)
    cands.extend(tallies(article, sentences, ordered))
    for sentence, found, sent_mentions, mi in candidates:
        grammar = readings.get(sentence.index)
        for start, end in clauses(sentence, text):
            in_clause = clause_mentions(sent_mentions, start, end, grammar)
            earlier = [m for m in ordered[max(0, mi - 12):mi] if m.kind == "toponym"]
            after = last_at is not None and sentence.index - last_at <= 2
            cand = _clause_candidate(article, sentence, start, end, in_clause, recent, earlier, found, grammar, after)
            if cand is None:
                continue
            explicit_origin = [e for e in cand.origins if e.how != "demonym"]
            if not cand.origins:
                cand.origins = inherited_origin(text, cand, ordered, recent, last_origin, sentence.index)
            if not cand.destinations and not cand.origins:
                cand.destinations = home_again(text, cand, ordered, recent, last_origin, sentence.index)
            if not cand.destinations and not cand.origins:
                cand.destinations = stock_place(text, cand, ordered)
            if not (cand.origins or cand.destinations):
                continue
            last_at = sentence.index
            if explicit_origin:
                last_origin = (explicit_origin, sentence.index)
            elif cand.origins and last_origin:
                last_origin = (last_origin[0], sentence.index)
            if sentence.index not in sentence_dates:
                sentence_dates[sentence.index] = find_dates(text, article.published, sentence.start, sentence.end)
            cand.period = candidate_period(text, cand, sentence_dates[sentence.index])
            for e in cand.origins:
                recent.append((e.mention, ORIGIN))
            for e in cand.destinations:
                recent.append((e.mention, DESTINATION))
            cands.extend(c for part in split_subsets(text, cand) for c in split_gapped(text, part))
    return tuple(merge_events(article, cands))
