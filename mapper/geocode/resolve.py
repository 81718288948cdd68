"""Resolve place mentions to gazetteer entries, using what the article says.

:func:`resolve` runs eight steps, each adding one kind of evidence:

1. **candidates** (:func:`_gather`): every mention of the text, the given ones
   and the text's other place names, with the gazetteer entries of its name;
2. **priors** (:class:`_Priors`): each candidate's context-free plausibility
   (feature type, population, capital, main name vs alternate name) and the
   feature word next to the mention ("Daraa province" wants an admin-1 area,
   "Zaatari camp" a camp);
3. **context** (:func:`_area_votes`, :func:`_stated_containers`,
   :func:`_context_scores`): the countries and admin-1 areas the article is
   about (the areas and demonyms it names, and where its other places probably
   lie), and "X, Y", "X in Y", "X district of Y" where Y contains the candidate;
4. **coherence** (:func:`_with_proximity`, :func:`_coherent`): distance to the
   article's other places, as first resolved;
5. **relative placement** (:func:`_described`): "X, 30 km north of Y" puts X
   where the text says;
6. **type priors** (:func:`_wide_areas_first`): the name of a country,
   continent, ocean, sea or macro-region means that area unless the text names
   the namesake town's container ("Mexico, Missouri") or kind; weak context
   cannot outvote it (run after step 5, which may place such a name where the
   text says);
7. **stated containers** (:class:`_Containers`): "X is a village in Y County"
   with no X in Y County places X at Y, flagged as approximate; so is a street,
   building or river the gazetteer lacks that the text puts in a place
   ("Tunis Road in Westbury", "Oakford's Royal Hospital");
8. **choice** (:func:`_choose`): the best candidate, unless the article gives
   no reason for it.

A mention's own name never votes for itself. One name keeps one sense within
an article: the evidence of every mention of the same key is pooled. The
confidence is the softmax share of the best candidate; the next best are kept
as alternatives. A mention without any candidate stays unresolved
(``place=None``): nothing is guessed.

The context is the whole text: when the given mentions are not everything the
text names (e.g. gold spans in a benchmark), the text's other place names
are found and used as evidence too.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from mapper.geocode.gazetteer import Candidate, Gazetteer, at_province_point, get_gazetteer
from mapper.geocode.names import FEATURE_WORDS, PLURAL_FEATURE_WORDS, STATED_KIND_START, name_key, stated_kind
from mapper.geocode.relative import offset, parse_relative
from mapper.model import Mention, Place, Resolution
from mapper.schema import FEATURE_TYPES as _FEATURES

__all__ = ["resolve", "haversine_km", "WEIGHTS"]

_SETTLEMENT = {"city", "town", "village"}
_HINT_TYPES = {
    "admin1": {"admin1"},
    "admin2": {"admin2"},
    "district": {"district", "admin2"},
    "camp": {"camp"},
    "crossing": {"crossing"},
    "city": _SETTLEMENT,
    "town": _SETTLEMENT,
    "village": _SETTLEMENT,
    "region": {"region", "admin1"},
}
_CONTAINER_GAP = re.compile(
    r"^\s*,\s*$|^\s*\(\s*$"
    r"|^\s*,?\s*(?:in|of)\s+(?:the\s+)?"
    r"(?:(?:state|province|county|district|region|department|canton|prefecture|governorate|oblast)\s+of\s+)?$"
    # "X is a town in", "X, a village in the", "X was a city of"
    rf"|^(?P<stated>\s*{STATED_KIND_START}(?:[\w()-]+\s+){{0,10}}?(?:in|of|within)\s+(?:the\s+)?"
    # "... in northern Y County": a part of the container still contains X
    r"(?:(?:(?:north|south)[- ]?(?:east|west)?ern|(?:east|west)ern|(?:north|south)?[- ]?central)\s+)?)$",
    re.I,
)
#: Between a place and what it holds: "Oakford's Royal Hospital".
_POSSESSOR_GAP = re.compile(r"['’]s?\s+(?:(?:the|new|old|main|central|historic|famous)\s+)?", re.I)
_TOWN_KM = 30.0  # how far from a town's point its neighbourhoods and suburbs may lie
_RANK = {"country": 3, "admin1": 2, "admin2": 1}  # how large an area is, for chains of containers
#: A stated container needs a kind of place as the head of its phrase: "X is a small town in Y",
#: "X, a village (aldea) of Y"; not "X, the war in Y" nor "X, the latest attacks on a school in Y".
_PLACE_NOUN = re.compile(r"\s*" + stated_kind(3) + r"\b", re.I)
#: Nouns for a part of a town: "X is a suburb of Y" puts X in or beside the town Y.
_PART_OF_TOWN = re.compile(r"\b(?:neighbou?rhoods?|suburbs?|wards?|barrios?|quarters?|districts?|boroughs?|localit(?:y|ies))\b", re.I)
#: Areas, whose point is only a convention: no distance is measured from or to them.
_AREA_KINDS = frozenset({"country", "admin1", "region"})
#: What a street's, building's or water's name may be in the gazetteer: that feature, or an area
#: so named ("Manus Island", "Rhode Island"); a town needs 1,000 people ("Fort Hood", "Lake Charles").
_NAMED_FEATURES = frozenset({"landmark", "water", "camp", "crossing", "district", "country", "admin1", "admin2", "region"})
#: Containers a street or building is placed at when the gazetteer lacks it, with the confidence
#: each gives: a town or county holds it closely, a province loosely; a country is too coarse.
_FACILITY_CONFIDENCE = {"city": 0.2, "town": 0.2, "village": 0.2, "district": 0.2, "camp": 0.2, "admin2": 0.2,
                        "admin1": 0.1}
_POINTS_TOP = 4  # candidates per name that take part in the coherence term
_N_ALTERNATIVES = 5

#: Weights of the evidence terms. Tuned by coordinate search on the first half of each
#: geoparsing corpus (LGL, TR-News, GeoVirus, WikToR); benchmarks/geoparse.py --half second
#: reports the held-out halves.
WEIGHTS = {
    "hint_match": 3.0,
    "hint_miss": -1.0,
    "namesake": 1.5,
    "country": 7.0,
    "admin1": 7.0,
    "vote_area": 2.0,
    "vote_place": 0.3,
    "vote_demonym": 0.5,
    "anchor_margin": 0.5,
    "container": 2.0,
    "proximity": 4.0,
    "proximity_km": 50.0,
    "coherence": 2.0,
    "coherence_km": 50.0,
}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _contains(container: Candidate, c: Candidate) -> bool:
    cp, p = container.place, c.place
    if cp.place_id == p.place_id:
        return False
    if cp.feature_type == "country":
        return p.country_code == cp.country_code
    if cp.feature_type == "admin1":
        return bool(container.admin1_code) and c.admin1_code == container.admin1_code
    if cp.feature_type == "admin2":
        return c.admin1_code == container.admin1_code and (
            at_province_point(cp) or haversine_km(cp.lat, cp.lon, p.lat, p.lon) < 80)
    if cp.feature_type in ("city", "town", "district") and p.feature_type in ("district", "camp", "crossing"):
        return haversine_km(cp.lat, cp.lon, p.lat, p.lon) < 30
    return False


def _within(container: Candidate, c: Candidate) -> bool:
    """*c* lies in the area *container*, or in or beside the town *container*."""
    if container.place.feature_type in _SETTLEMENT:
        cp, p = container.place, c.place
        return cp.place_id == p.place_id or haversine_km(cp.lat, cp.lon, p.lat, p.lon) < _TOWN_KM
    return _contains(container, c)


def _softmax(values: list[float]) -> list[float]:
    top = max(values)
    ex = [math.exp(v - top) for v in values]
    z = sum(ex)
    return [e / z for e in ex]


def _candidates_for(m: Mention, key: str, gz: Gazetteer) -> tuple[Candidate, ...]:
    if m.kind == "demonym":
        c = gz.demonym_place(m.text)
        return (c,) if c else ()
    if not m.feature_hint and (c := gz.demonym_place(m.text)) is not None:
        # "Spanish", "Canadian": the country, not the villages that share the word.
        return (c,)
    cs = gz.candidates(key, normalised=True)
    if m.feature_hint in ("camp", "crossing", "district", "admin2"):
        # "the Azraq camps": the supplement knows the camp by its name with the feature word;
        # "Marshall and Wetzel counties": the list's feature word is Marshall's too.
        last = m.text.rsplit(None, 1)[-1].lower()
        word = PLURAL_FEATURE_WORDS.get(last, last) if last in FEATURE_WORDS and " " in m.text else \
            "county" if m.feature_hint == "admin2" else None
        if word and not key.endswith(" " + word):
            named = gz.candidates(f"{key} {word}", normalised=True)
            # One candidate per place, the first seen: the camp may be known under both keys.
            by_place: dict[str, Candidate] = {}
            for c in named + cs:
                by_place.setdefault(c.place.place_id, c)
            cs = tuple(by_place.values())
    if m.feature_hint in ("landmark", "water"):
        # "Main Street", "Neches River": only an entry that really is this feature, or a sizeable
        # place of that exact name ("Fort Hood"); never a namesake hamlet.
        return tuple(c for c in cs if c.place.feature_type in _NAMED_FEATURES or c.place.population >= 1000)
    if not cs and " " in key:
        # A given span may end with a feature word ("Daraa province", "Zaatari refugee camp").
        head, _, last = key.rpartition(" ")
        if last in FEATURE_WORDS:
            cs = gz.candidates(head.removesuffix(" refugee").removesuffix(" border"), normalised=True)
    if not cs:
        # Gold spans include demonyms ("Syrian" for Syria).
        c = gz.demonym_place(m.text)
        cs = (c,) if c else ()
    if m.feature_hint in ("village", "town", "city", "camp"):
        # "Mbozi village": a second-level area known only by its province's point is not it.
        cs = tuple(c for c in cs if not at_province_point(c.place))
    return cs


@dataclass(frozen=True)
class _Mentions:
    """Step 1, candidates: every mention of the text with its key and its candidates.

    The given mentions come first (``n_given`` of them), then the text's other
    place names, which only serve as evidence.
    """

    text: str
    allm: tuple[Mention, ...]
    n_given: int
    keys: tuple[str, ...]
    cands: tuple[tuple[Candidate, ...], ...]
    #: indices of ``allm`` in text order
    order: tuple[int, ...]
    #: indices of the mentions of each key that has candidates
    by_key: dict[str, list[int]]


def _gather(text: str, mentions: tuple[Mention, ...], context: tuple[Mention, ...], gz: Gazetteer) -> _Mentions:
    """Step 1, candidates: the given mentions and the context's others, each with its candidates."""
    taken = [(m.start, m.end) for m in mentions]
    extra = tuple(c for c in context if not any(c.start < e and s < c.end for s, e in taken))
    allm = tuple(mentions) + extra
    keys = tuple(m.key or name_key(m.text) for m in allm)
    cands = tuple(_candidates_for(m, k, gz) for m, k in zip(allm, keys))
    by_key: dict[str, list[int]] = defaultdict(list)
    for i in range(len(allm)):
        if cands[i]:
            by_key[keys[i]].append(i)
    order = tuple(sorted(range(len(allm)), key=lambda i: allm[i].start))
    return _Mentions(text, allm, len(mentions), keys, cands, order, by_key)


class _Priors:
    """Step 2, priors: each candidate's context-free score, with what the mention itself says.

    The gazetteer's prior (feature type, population, capital, main name) plus
    the feature word written with any mention of the name ("Daraa province"
    wants an admin-1 area); without one, a town that shares its name with the
    province it lies in ("Raqqa", "Daraa") is what a bare name means.
    """

    def __init__(self, ms: _Mentions) -> None:
        self.hints: dict[str, set[str]] = defaultdict(set)
        for m, k in zip(ms.allm, ms.keys):
            if m.feature_hint and m.kind == "toponym":
                self.hints[k].add(m.feature_hint)
        self.namesakes: set[str] = set()
        for cs in ms.cands:
            a1codes = {c.admin1_code for c in cs if c.place.feature_type == "admin1" and c.admin1_code}
            for c in cs:
                if c.place.feature_type in _SETTLEMENT and c.admin1_code in a1codes:
                    self.namesakes.add(c.place.place_id)
        # A name's candidates (one tuple per name, shared by its mentions) score alike in
        # every mention: compute them once.
        self._memo: dict[tuple[str, int], tuple[list[float], list[float]]] = {}

    def score(self, k: str, c: Candidate) -> float:
        s = c.prior
        hs = self.hints.get(k)
        if hs:
            ok = any(c.place.feature_type in _HINT_TYPES.get(h, ()) for h in hs)
            s += WEIGHTS["hint_match"] if ok else WEIGHTS["hint_miss"]
        elif c.place.place_id in self.namesakes:
            s += WEIGHTS["namesake"]
        return s

    def scores(self, k: str, cs: tuple[Candidate, ...]) -> tuple[list[float], list[float]]:
        """The scores of *cs* for key *k*, and their softmax shares."""
        hit = self._memo.get((k, id(cs)))
        if hit is None:
            b = [self.score(k, c) for c in cs]
            hit = self._memo[(k, id(cs))] = (b, _softmax(b))
        return hit


@dataclass(frozen=True)
class _Votes:
    """Step 3, context: how much each name votes for each country and admin-1 area.

    Remembered per key so that a name does not vote for itself. Areas the text
    names outright (countries, provinces, counties) weigh most; demonyms vote
    for their country.
    """

    cc: dict[str, dict[str, float]]
    a1: dict[str, dict[str, float]]
    cc_total: dict[str, float]
    a1_total: dict[str, float]
    cc_sum: float
    a1_sum: float

    def others_cc(self, k: str) -> tuple[dict[str, float], float]:
        """The key's own country votes, and the total of every other key's."""
        own = self.cc.get(k, {})
        return own, self.cc_sum - sum(own.values())


def _area_votes(ms: _Mentions, priors: _Priors) -> _Votes:
    """Step 3, context: each name's votes for countries and admin-1 areas, by its candidates' shares."""
    cc_votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    a1_votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    w_area, w_place, w_demonym = WEIGHTS["vote_area"], WEIGHTS["vote_place"], WEIGHTS["vote_demonym"]
    for m, k, cs in zip(ms.allm, ms.keys, ms.cands):
        if not cs:
            continue
        ps = priors.scores(k, cs)[1]
        if m.kind == "demonym":
            cc_votes[k][cs[0].place.country_code] += w_demonym
            continue
        for c, p in zip(cs, ps):
            ft = c.place.feature_type
            w = w_area if ft in ("country", "admin1", "admin2") else w_place
            if c.place.country_code:
                cc_votes[k][c.place.country_code] += w * p
            if c.admin1_code and ft != "country":
                a1_votes[k][c.admin1_code] += w * p
    cc_total: dict[str, float] = defaultdict(float)
    a1_total: dict[str, float] = defaultdict(float)
    for k in cc_votes:
        for cc, v in cc_votes[k].items():
            cc_total[cc] += v
    for k in a1_votes:
        for a1, v in a1_votes[k].items():
            a1_total[a1] += v
    return _Votes(cc_votes, a1_votes, cc_total, a1_total, sum(cc_total.values()), sum(a1_total.values()))


def _stated_containers(ms: _Mentions) -> tuple[dict[int, list[int]], dict[int, str]]:
    """Step 3, context: the mentions the text says contain each mention.

    "X, Y", "X in Y", "X (Y)", "X is a town in Y County, Z": the mentions that
    follow X through such gaps contain it. The second map keeps the phrase of
    "X is a town in Y", where the text states outright what contains X.
    """
    allm, text, order = ms.allm, ms.text, ms.order
    containers: dict[int, list[int]] = defaultdict(list)
    stated: dict[int, str] = {}
    for pos, a in enumerate(order):
        prev = a
        for b in order[pos + 1:pos + 4]:
            gap = _CONTAINER_GAP.match(text[allm[prev].end:allm[b].start])
            if allm[b].kind != "toponym" or not gap:
                break
            if gap.group("stated") and not _PLACE_NOUN.match(gap.group("stated")):
                break  # "Iraq, the war in Yemen": no kind of place is stated
            if prev == a and gap.group("stated"):
                stated[a] = gap.group("stated")
            containers[a].append(b)
            prev = b
    for a, b in zip(order, order[1:]):
        # "Oakford's Royal Hospital", "Nairobi's Kenyatta National Hospital": the owner holds it
        # "New Zealand's South Island", "Niger's Diffa region": a country holds what it owns
        owner_country = bool(ms.cands[a]) and ms.cands[a][0].place.feature_type == "country"
        if (allm[b].feature_hint in ("landmark", "water") or owner_country and allm[b].kind == "toponym") \
                and _POSSESSOR_GAP.fullmatch(text, allm[a].end, allm[b].start) \
                and allm[a].kind == "toponym" and b not in containers:
            containers[b].append(a)
            if allm[b].feature_hint not in ("landmark", "water"):
                stated[b] = text[allm[a].end:allm[b].start]  # as plain as "X is a town in <country>"
    return containers, stated


def _context_scores(ms: _Mentions, priors: _Priors, votes: _Votes,
                    containers: dict[int, list[int]]) -> dict[str, list[tuple[float, Candidate]]]:
    """Step 3, context: each name's candidates ranked by prior, votes and stated containers.

    A candidate gains the share of the other names' votes that its country and
    its admin-1 area hold, and a bonus when a mention the text says contains
    the name contains it. Distance to other places is not used yet.
    """
    w_country, w_admin1, w_container = WEIGHTS["country"], WEIGHTS["admin1"], WEIGHTS["container"]
    out: dict[str, list[tuple[float, Candidate]]] = {}
    for k, idxs in ms.by_key.items():
        cs = ms.cands[idxs[0]]
        own_cc, cct = votes.others_cc(k)
        own_a1 = votes.a1.get(k, {})
        a1t = votes.a1_sum - sum(own_a1.values())
        conts = [ms.cands[j][:2] for i in idxs for j in containers.get(i, ()) if ms.cands[j]]
        ranked = []
        for c, s in zip(cs, priors.scores(k, cs)[0]):
            p = c.place
            cc = p.country_code
            if cct > 1e-9 and cc:
                s += w_country * max(0.0, votes.cc_total.get(cc, 0.0) - own_cc.get(cc, 0.0)) / cct
            a1 = c.admin1_code
            if a1t > 1e-9 and a1 and p.feature_type != "admin1":
                s += w_admin1 * max(0.0, votes.a1_total.get(a1, 0.0) - own_a1.get(a1, 0.0)) / a1t
            if conts and any(_contains(y, c) for ys in conts for y in ys):
                s += w_container
            ranked.append((s, c))
        ranked.sort(key=lambda t: -t[0])
        out[k] = ranked
    return out


def _anchors(first: dict[str, list[tuple[float, Candidate]]]) -> list[tuple[float, float, str, str | None, str]]:
    """Step 4, coherence: every name's first choice that is a point or a county, when it is clear."""
    anchors = []
    for k, ranked in first.items():
        top = ranked[0][1]
        if top.place.feature_type in _AREA_KINDS or at_province_point(top.place):
            continue
        if len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= WEIGHTS["anchor_margin"]:
            anchors.append((top.place.lat, top.place.lon, k, top.place.country_code, top.admin1_code))
    return anchors


def _with_proximity(first: dict[str, list[tuple[float, Candidate]]]) -> dict[str, list[tuple[float, Candidate]]]:
    """Step 4, coherence: add each candidate's closeness to the other names' anchors.

    A point gains ``w · exp(-d/scale)`` for the nearest anchor of another
    name; a country or province gains ``w`` when such an anchor lies inside it.
    """
    anchors = _anchors(first)
    if not anchors:
        return first
    anchor_pts = [(math.radians(a[0]), math.radians(a[1]), a[2]) for a in anchors]
    return {k: _near_anchors(k, r, anchors, anchor_pts) for k, r in first.items()}


def _near_anchors(k: str, ranked: list[tuple[float, Candidate]], anchors, anchor_pts) -> list[tuple[float, Candidate]]:
    """The candidates of *k* with their closeness to the other keys' anchors added."""
    pts = [(la, math.cos(la), lo) for la, lo, ak in anchor_pts if ak != k]
    if not pts or len(ranked) == 1:
        return ranked
    w, scale = WEIGHTS["proximity"], WEIGHTS["proximity_km"]
    ccs = {a[3] for a in anchors if a[2] != k}
    a1s = {a[4] for a in anchors if a[2] != k}
    sin, asin = math.sin, math.asin
    band = 10.0 * scale / 6371.0088  # radians of latitude
    out = []
    for sc, c in ranked:
        p = c.place
        ft = p.feature_type
        if ft == "country" or (ft == "region" and p.country_code):
            # An area is as near as can be to the places inside it.
            if p.country_code in ccs:
                sc += w
        elif ft == "admin1":
            if c.admin1_code in a1s:
                sc += w
        elif ft != "region":
            la, lo = math.radians(p.lat), math.radians(p.lon)
            cl = math.cos(la)
            best = 4.0
            for pla, pcos, plo in pts:
                if -band < pla - la < band:  # farther, the bonus is below w/10,000
                    h = sin((pla - la) / 2) ** 2 + cl * pcos * sin((plo - lo) / 2) ** 2
                    if h < best:
                        best = h
            if best < 4.0:
                d = 2 * 6371.0088 * asin(min(1.0, math.sqrt(best)))
                sc += w * math.exp(-d / scale)
        out.append((sc, c))
    out.sort(key=lambda t: -t[0])
    return out


Ranked = dict[str, list[tuple[float, Candidate]]]


def _wide_areas_first(ms: _Mentions, priors: _Priors, ranked_by_key: Ranked,
                      containers: dict[int, list[int]]) -> Ranked:
    """Step 6, type priors: the name of a country, continent, ocean, sea or macro-region means that area.

    Weak context (the article's other places, a dateline naming the capital)
    cannot outvote it: a namesake town wins only where the text itself names
    the town's container ("Mexico, Missouri", "Lebanon is a town in Boone
    County", "Boone County" elsewhere in the text) or its kind ("the town of
    Jordan"). A province keeps its chance against a country ("Georgia"), and
    a sea or macro-region's name written with "province" or "state" ("Red Sea
    state") is the province.
    """
    out = dict(ranked_by_key)
    counties = [r[0][1] for r in ranked_by_key.values() if r[0][1].place.feature_type == "admin2"]
    for k, ranked in ranked_by_key.items():
        top = ranked[0][1]
        if top.wide or len(ranked) < 2:
            continue
        wide = next((t for t in ranked if t[1].wide), None)
        if wide is None:
            continue
        ft = top.place.feature_type
        if ft in _AREA_KINDS or ft == "admin2":
            if ft == "country" or wide[1].wide == "country" or priors.hints.get(k):
                continue  # a country against a province ("Georgia"), or "Red Sea state": context decides
        elif _container_named(ms, k, top, priors, ranked_by_key, containers) \
                or any(_contains(y, top) for y in counties):
            continue
        # Above the town by the margin a sure choice has: the area's confidence stays honest.
        out[k] = [(ranked[0][0] + 1.0, wide[1])] + [t for t in ranked if t is not wide]
    return out


def _container_named(ms: _Mentions, k: str, town: Candidate, priors: _Priors, ranked_by_key: Ranked,
                     containers: dict[int, list[int]]) -> bool:
    """True when the text names what contains *town* right after a mention of *k* ("X, Y", "X in Y"),
    or writes the kind of place it is ("the town of X")."""
    if any(town.place.feature_type in _HINT_TYPES.get(h, ()) for h in priors.hints.get(k, ())):
        return True
    for i in ms.by_key.get(k, ()):
        for j in containers.get(i, ()):
            r = ranked_by_key.get(ms.keys[j])
            if r and any(_within(y, town) for _, y in r[:2]):
                return True
    return False


def _described(ms: _Mentions, ranked_by_key: Ranked) -> dict[str, Resolution]:
    """Step 5, relative placement: "X, 30 km north of Y" puts X where the text says, once Y is placed."""
    allm, keys, order = ms.allm, ms.keys, ms.order
    described: dict[str, Resolution] = {}
    for pos, i in enumerate(order[:-1]):
        b = order[pos + 1]
        if allm[i].kind != "toponym" or keys[i] in described or keys[b] not in ranked_by_key:
            continue
        rel = parse_relative(ms.text[allm[i].end:allm[b].start])
        y = ranked_by_key[keys[b]][0][1].place if rel else None
        if y is None or y.feature_type in _AREA_KINDS:
            continue  # distances are measured from a point, not from an area's centre
        own = ranked_by_key.get(keys[i])
        if own and own[0][1].place.feature_type in _AREA_KINDS:
            continue  # "Town, California, 35 miles from Y": the distance is the town's, not the state's
        described[keys[i]] = _relative_resolution(allm[i], ranked_by_key.get(keys[i], []), y, rel)
    return described


@dataclass(frozen=True)
class _Containers:
    """Step 7, stated containers: what the text says contains each mention, and the ranking so far."""

    ms: _Mentions
    ranked_by_key: Ranked
    containers: dict[int, list[int]]
    stated: dict[int, str]
    gz: Gazetteer

    def chain(self, i: int) -> list[Candidate]:
        """The areas the text puts mention *i* in, innermost first, as far as they nest.

        "X, Fairfield County, Connecticut": a county that Connecticut does not hold was
        misread and is dropped. "Cordova, Tennessee, Richmond, Virginia" is a list: the
        chain ends where a smaller place follows a comma. A container is kept when it
        is confident or when the next one holds it.
        """
        ms = self.ms
        chain: list[tuple[Candidate, bool]] = []
        prev = i
        own_rank = max((_RANK.get(c.place.feature_type, 0) for c in ms.cands[i]), default=0)
        for j in self.containers.get(i, ()):
            gap, prev = ms.text[ms.allm[prev].end:ms.allm[j].start], j
            if not ms.cands[j] or ms.keys[j] not in self.ranked_by_key:
                continue
            r = self.ranked_by_key[ms.keys[j]]
            top = r[0][1]
            if not chain and i not in self.stated and own_rank >= _RANK.get(top.place.feature_type, 0) > 0 \
                    and gap.strip() == ",":
                return []  # "Lima, Tacna, Moquegua": provinces in a list, not one inside the next
            # Only a container we are sure of: "Kayseri, in central Turkey" must not find a "Central" province.
            sure = _softmax([sc for sc, _ in r])[0] >= 0.6
            if chain:
                last = chain[-1][0]
                if _contains(top, last):
                    chain[-1] = (last, True)
                elif _RANK.get(top.place.feature_type, 0) > _RANK.get(last.place.feature_type, 0) or "," not in gap:
                    chain.pop()  # the text says the last one lies in this one: it was misread
                else:
                    break
            chain.append((top, sure))
        return [c for c, ok in chain if ok]

    def placed(self, i: int) -> Resolution | None:
        """The text puts mention *i* inside an area none of its candidates lie in: place it there.

        None when the text's containers agree with a candidate (or there are none).
        A resolution without a place when the text puts a town in a country where no
        entry of its name lies.
        """
        ms, stated = self.ms, self.stated
        if ms.allm[i].feature_hint in ("landmark", "water"):
            return self.facility(i)
        chain = self.chain(i)
        ranked = self.ranked_by_key.get(ms.keys[i], [])
        conts = [c for c in chain if c.place.feature_type in ("admin2", "admin1")]
        if not conts and chain and chain[0].place.feature_type in _SETTLEMENT \
                and _PART_OF_TOWN.search(stated.get(i, "")):
            # "X is a neighbourhood of Y": X lies in or next to the town Y.
            conts = chain[:1]
        if not conts:
            countries = [c.place.country_code for c in chain if c.place.feature_type == "country"]
            if countries and i in stated and ranked and ranked[0][1].place.feature_type in _SETTLEMENT \
                    and not any(c.place.country_code == countries[0] for _, c in ranked):
                # "X is a village in Bolivia" and every X the gazetteer knows lies elsewhere:
                # a country's point is no place for a village, and a namesake abroad is wrong.
                return Resolution(ms.allm[i], None, 0.0, tuple(c.place for _, c in ranked[:_N_ALTERNATIVES]))
            return None
        if ranked and ranked[0][1].place.feature_type in ("country", "admin1", "region", "admin2") \
                and i not in stated:
            return None
        smallest = min(_RANK.get(y.place.feature_type, 0) for y in conts)
        if ranked and smallest and _RANK.get(ranked[0][1].place.feature_type, 0) >= smallest:
            return None  # a country is not inside a province, nor a province inside another
        # "X is a town in Warren County, New York": X lies in every one of them, so a
        # namesake elsewhere in New York is no answer.
        if any(all(_within(y, c) for y in conts) for _, c in ranked):
            return None
        # The most specific container: a county or town before a province.
        y = min(conts, key=lambda c: 0 if c.place.feature_type == "admin2" else 1)
        return _at_container(ms.allm[i], y, ranked)


    def facility(self, i: int) -> Resolution | None:
        """A street, building, river or island the gazetteer lacks, in the place the text puts it.

        "Tunis Road in Westbury", "the Neches River in Jasper County", "Oakford's
        Royal Hospital": at that place's point, with a low confidence and a
        ``source`` that says so. A country is too coarse a point, and without a
        stated container the mention stays unplaced: nothing is guessed.
        """
        ms = self.ms
        if ms.keys[i] in self.ranked_by_key:
            return None  # the gazetteer knows it ("Lake Charles", "Manus Island")
        chain = self.chain(i)
        sure = bool(chain)
        if not chain:
            # "Tunis Road in Westbury": a town that shares its name with its province is still
            # close enough for a street, if less sure
            first = next((self.ranked_by_key[ms.keys[j]][0][1] for j in self.containers.get(i, ())[:1]
                          if ms.keys[j] in self.ranked_by_key), None)
            chain = [first] if first is not None else []
        if not chain or chain[0].place.feature_type not in _FACILITY_CONFIDENCE:
            return None
        y = chain[0]
        # A small place of that very name inside the container is the one meant ("Eastern
        # Creek in New South Wales", a suburb): only a namesake elsewhere was ruled out.
        inside = [c for c in self.gz.candidates(ms.keys[i], normalised=True) if all(_within(z, c) for z in chain)]
        if inside:
            return Resolution(ms.allm[i], inside[0].place, 0.5, ())
        r = _at_container(ms.allm[i], y, [])
        return replace(r, confidence=_FACILITY_CONFIDENCE[y.place.feature_type] / (1 if sure else 2))


def _at_container(m: Mention, y: Candidate, ranked: list[tuple[float, Candidate]]) -> Resolution:
    """Mention *m* placed at its container *y*'s point, with a low confidence and a ``source`` that says so."""
    name = m.text
    if m.feature_hint and m.feature_hint not in ("landmark", "water"):
        name = re.sub(r"\s+\S+$", "", name) or name  # "Qwzx district": the name without its feature word
    place = Place(
        place_id=f"{y.place.place_id}/{name_key(name).replace(' ', '-')}",
        name=name,
        feature_type=m.feature_hint if m.feature_hint in _FEATURES else "other",
        country_code=y.place.country_code,
        lat=y.place.lat,
        lon=y.place.lon,
        admin1=y.place.admin1 if y.place.feature_type != "admin1" else y.place.name,
        population=0,
        source=f"approximate: at {y.place.name} ({y.place.place_id}), which the text says contains it",
    )
    conf = 0.3 if y.place.feature_type != "admin1" else 0.15
    return Resolution(m, place, conf, tuple(c.place for _, c in ranked[:_N_ALTERNATIVES]))


def _placed_in_containers(cont: _Containers) -> tuple[dict[int, Resolution], dict[str, Resolution]]:
    """Step 7, stated containers: the mentions placed by what the text says contains them.

    The second map carries what the text states outright ("X is a village in Y")
    to every mention of X that does not say otherwise.
    """
    ms = cont.ms
    placed_in: dict[int, Resolution] = {}
    by_text: dict[str, Resolution] = {}
    for i in ms.order:
        if ms.allm[i].kind == "toponym" and i in cont.containers:
            r = cont.placed(i)
            if r is not None:
                placed_in[i] = r
                # only what the text states outright, or where a street or building it names is
                if r.place is not None and (i in cont.stated or ms.allm[i].feature_hint in ("landmark", "water")):
                    by_text.setdefault(ms.keys[i], r)
    return placed_in, by_text


def _choose(ms: _Mentions, i: int, ranked_by_key: Ranked, votes: _Votes,
            tops: dict[str, tuple[str, bool]]) -> Resolution:
    """Step 8, choice: the best candidate of mention *i*, unless the article gives no reason for it.

    A US post-office place, or a small place abroad known by an alternate
    spelling, in an article about another country is left unplaced.
    """
    m = ms.allm[i]
    if not ms.cands[i]:
        return Resolution(m, None, 0.0, ())
    if m.kind == "demonym":
        return Resolution(m, ms.cands[i][0].place, 0.5, ())
    ranked = ranked_by_key[ms.keys[i]]
    conf = _softmax([s for s, _ in ranked])[0]
    top = ranked[0][1]
    own, others_total = votes.others_cc(ms.keys[i])
    support = votes.cc_total.get(top.place.country_code, 0.0) - own.get(top.place.country_code, 0.0)
    unplaced = Resolution(m, None, 0.0, tuple(c.place for _, c in ranked[:_N_ALTERNATIVES]))
    if top.place.place_id.startswith("uspostal:") and others_total >= 2.0:
        # A US post-office place (no population, no GeoNames entry) known by no other
        # name: in an article about another country ("Lodgepole" in an Alberta story)
        # it is far more likely an unlisted namesake there. Better unresolved than wrong.
        lead = max((v - own.get(cc, 0.0) for cc, v in votes.cc_total.items() if cc != "US"), default=0.0)
        if support < 0.25 * others_total and lead >= 0.5 * others_total:
            return unplaced
    if _set_elsewhere(ms.keys[i], top, tops):
        return unplaced
    if others_total >= 2.0 and support <= 1e-6:
        if top.place.feature_type in _SETTLEMENT and top.place.population < 20_000:
            # A small place abroad that the article gives no reason for: only a spelling match
            # is not enough ("Tawila" in a Darfur story is not the Yemeni village Aţ Ţawīlah).
            if not top.primary:
                return unplaced
            conf = min(conf, 0.4)
    return Resolution(m, top.place, round(conf, 3), tuple(c.place for _, c in ranked[1:1 + _N_ALTERNATIVES]))


#: Names made of compass words alone ("North West", "Southern", "Centre"): every country has such
#: an area, so the name says nothing of which one.
_COMPASS_NAME = re.compile(r"(?:(?:north|south|east|west|central|centre|center|northern|southern|eastern|"
                           r"western|upper|lower|middle|mid)[\s-]*)+", re.I)


def _set_elsewhere(key: str, top: Candidate, tops: dict[str, tuple[str, bool]]) -> bool:
    """True when the text is clearly set in another country than *top*'s, and *top* is a place
    that such a text would not mean.

    Set elsewhere: at least three other names, half of them chosen in one other
    country and at least four times as many there as in *top*'s (a few stray
    namesakes among them), and that country or one of its provinces named
    (*tops*: each name's chosen country, and whether it is one of these areas). Such a place is a
    small town or village ("Yorkshire" in a story about floods in England is no
    Virginia village) or a province named by compass words alone ("North West" in
    an English story is not South Africa's).
    """
    p = top.place
    others = [cc for k, (cc, _) in tops.items() if k != key]
    if len(others) < 3:
        return False
    counts = Counter(others)
    lead_cc, lead = counts.most_common(1)[0]
    if 4 * counts[p.country_code] > lead or lead < 0.5 * len(others):
        return False
    if not any(area and cc == lead_cc for k, (cc, area) in tops.items() if k != key):
        return False  # the text names that country or one of its provinces itself
    if p.feature_type in _SETTLEMENT and p.population < 20_000:
        return True
    return p.feature_type in ("admin1", "admin2") and bool(_COMPASS_NAME.fullmatch(key))


def resolve(
    text: str,
    mentions: tuple[Mention, ...],
    *,
    gazetteer: Gazetteer | None = None,
    context: tuple[Mention, ...] | None = None,
    contained_fallback: bool = True,
) -> tuple[Resolution, ...]:
    """Resolve each mention to a place, in the context of the whole text.

    Parameters
    ----------
    text : str
        The article text the mentions' offsets refer to.
    mentions : tuple of Mention
        From :func:`mapper.places.toponyms.find_mentions` or built from given spans.
    gazetteer : Gazetteer, optional
        Defaults to :func:`~mapper.geocode.gazetteer.get_gazetteer`.
    context : tuple of Mention, optional
        Every place mention of *text*, used as evidence. By default
        :func:`~mapper.places.toponyms.find_mentions` finds them (its result
        for the same text is cached, so a pipeline pays for it once).
    contained_fallback : bool
        When the text says where a place lies ("X, a village in Y County", "X is
        a suburb of Y") and no entry called X lies there, place X at Y's point
        with a low confidence and a ``source`` that says so (``place_id`` is
        ``"<Y's id>/<x>"``), instead of picking a namesake elsewhere; the later
        mentions of X follow. "X is a village in <country>" with every X
        elsewhere leaves X unresolved.

    Returns
    -------
    tuple of Resolution
        One per mention, in the same order. Demonyms resolve to their country.
    """
    gz = gazetteer or get_gazetteer()
    if context is None:
        from mapper.places.toponyms import find_mentions

        context = find_mentions(text, gazetteer=gz)
    ms = _gather(text, mentions, context, gz)  # 1. candidates
    priors = _Priors(ms)  # 2. priors
    votes = _area_votes(ms, priors)  # 3. context
    containers, stated = _stated_containers(ms)
    ranked_by_key = _context_scores(ms, priors, votes, containers)
    ranked_by_key = _with_proximity(ranked_by_key)  # 4. coherence
    if WEIGHTS["coherence"]:
        ranked_by_key = _coherent(ranked_by_key)
    # 5. relative placement: "X, 30 miles east of Y" says where X is, so a wide area's name
    # so described is the namesake there ("Lebanon, 30 miles east of Nashville")
    described = _described(ms, ranked_by_key)
    ranked_by_key = _wide_areas_first(ms, priors, ranked_by_key, containers)  # 6. type priors
    placed_in: dict[int, Resolution] = {}  # 7. stated containers
    by_text: dict[str, Resolution] = {}
    if contained_fallback:
        placed_in, by_text = _placed_in_containers(_Containers(ms, ranked_by_key, containers, stated, gz))
    out: list[Resolution] = []  # 8. choice
    tops = {k: (r[0][1].place.country_code, r[0][1].place.feature_type in ("country", "admin1"))
            for k, r in ranked_by_key.items() if r and r[0][1].place.country_code}
    for i, m in enumerate(ms.allm[:ms.n_given]):
        r = described.get(ms.keys[i])
        if r is None and m.kind == "toponym":
            r = placed_in.get(i) or (by_text.get(ms.keys[i]) if i not in containers else None)
        out.append(replace(r, mention=m) if r is not None else _choose(ms, i, ranked_by_key, votes, tops))
    return tuple(out)


def _coherent(ranked_by_key: dict[str, list[tuple[float, Candidate]]]) -> dict[str, list[tuple[float, Candidate]]]:
    """Add support from the other names' likely candidates that lie near each candidate.

    Places that lie together explain each other: "Springfield, Chatham and
    Decatur" are three Illinois towns, and the Springfield among them is the
    one in Illinois. A candidate gains, for every other name, the largest
    ``p · exp(-d/scale)`` over that name's likely point candidates (``p`` their
    current share); a country or province gains ``p`` for each point inside
    it, and supports nothing itself (the country and admin-1 votes weigh
    areas already). A place does not support itself under another name
    ("Mexico" the city, by "Mexico City"). Only names whose choice the support
    could still change take it: a sure name keeps its score.
    """
    w, scale = WEIGHTS["coherence"], WEIGHTS["coherence_km"]
    # Supporters: every name's likely point candidates, with their current shares.
    points: dict[str, list[tuple[float, float, float, str, Candidate]]] = {}
    for k, ranked in ranked_by_key.items():
        top = ranked[:_POINTS_TOP]
        if not top:
            continue
        pts = [(c.place.lat, c.place.lon, p, c.place.place_id, c)
               for (_, c), p in zip(top, _softmax([sc for sc, _ in top]))
               if c.place.feature_type not in _AREA_KINDS and not at_province_point(c.place)]
        if pts:
            points[k] = pts
    if len(points) < 2:
        return ranked_by_key
    # Support from the other names is at most w per name: a larger lead stands.
    reach = w * len(points)
    out = dict(ranked_by_key)
    far = 5.0 * scale / 111.2  # degrees of latitude beyond which support is below 1%
    for k, ranked in ranked_by_key.items():
        if len(ranked) < 2 or ranked[0][0] - ranked[1][0] >= reach:
            continue
        others = [pts for k2, pts in points.items() if k2 != k]
        scored = []
        for rank, (sc, c) in enumerate(ranked):
            if rank >= _POINTS_TOP:
                scored.append((sc, c))
                continue
            cp = c.place
            support = 0.0
            if cp.feature_type in _AREA_KINDS:
                for pts in others:
                    support += max((p for _, _, p, pid, o in pts if pid != cp.place_id and _contains(c, o)),
                                   default=0.0)
            else:
                lat, lon, cl = cp.lat, cp.lon, math.cos(math.radians(cp.lat))
                for pts in others:
                    best = 0.0
                    for la, lo, p, pid, _ in pts:
                        dlat = la - lat
                        if -far < dlat < far and pid != cp.place_id:
                            dlon = (lo - lon + 540.0) % 360.0 - 180.0
                            d = 111.2 * math.hypot(dlat, dlon * cl)
                            v = p * math.exp(-d / scale)
                            if v > best:
                                best = v
                    support += best
            scored.append((sc + w * support, c))
        scored.sort(key=lambda t: -t[0])
        out[k] = scored
    return out


def _relative_resolution(m: Mention, ranked: list[tuple[float, Candidate]], y: Place, rel) -> Resolution:
    """Resolve a mention the text locates by distance and bearing from place *y*.

    The candidate nearest the described point wins when it lies within half
    the distance (at least 30 km) of it: news distances are rounded and
    measured by road; else one at about that distance from *y* in another
    direction. Without one, the mention is placed at the described point
    itself, with a low confidence and a ``source`` quoting the text.
    """
    lat, lon = offset(y.lat, y.lon, rel.km, rel.bearing)
    tolerance = max(30.0, 0.5 * rel.km)
    near = sorted(
        ((haversine_km(lat, lon, c.place.lat, c.place.lon), c.place)
         for _, c in ranked if c.place.feature_type not in _AREA_KINDS),
        key=lambda t: t[0],
    )
    close = [(d, p) for d, p in near if d <= tolerance]
    # News gets the bearing wrong more often than the distance: a namesake at about
    # that distance from Y, in another direction, is still far likelier than a new place.
    ring = [(d, p) for d, p in near
            if 0.5 * rel.km <= haversine_km(y.lat, y.lon, p.lat, p.lon) <= 1.5 * rel.km + 10.0]
    others = tuple(c.place for _, c in ranked[:_N_ALTERNATIVES])
    for found, confidence in ((close, 0.8), (ring, 0.5)):
        if found:
            best = found[0][1]
            return Resolution(m, best, confidence, tuple(p for p in others if p.place_id != best.place_id))
    slug = name_key(m.text).replace(" ", "-")
    place = Place(
        place_id=f"{y.place_id}/{round(rel.km)}km-{rel.direction}/{slug}",
        name=m.text,
        feature_type="other",
        country_code=y.country_code,
        lat=lat,
        lon=lon,
        admin1=y.admin1,
        population=0,
        source=f"approximate: {rel.text} {y.name} ({y.place_id}), as the text says",
    )
    return Resolution(m, place, 0.3, others)
