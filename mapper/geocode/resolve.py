"""Resolve place mentions to gazetteer entries, using what the article says.

Each candidate of a mention is scored by

- its prior: feature type (countries and provinces are named more often than
  hamlets), population, capital status, main name vs alternate name;
- the feature word next to the mention ("Idlib province" wants an admin-1
  area, "Zaatari camp" a camp);
- the countries the article is about: countries and demonyms it names, and the
  countries its other places probably lie in;
- the admin-1 areas the article names or whose towns it names;
- "X, Y", "X in Y" and "X district of Y" where Y contains the candidate;
- distance to the article's other places, as first resolved.

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
from collections import defaultdict

from mapper.geocode.gazetteer import Candidate, Gazetteer, get_gazetteer
from mapper.geocode.names import FEATURE_WORDS, name_key
from mapper.model import Mention, Resolution

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
_CONTAINER_GAP = re.compile(r"^\s*(?:,|in|of|near|outside)\s+(?:the\s+)?$|^\s*,\s*$|^\s*\(\s*$", re.I)
_AREA_TYPES = {"country", "region"}
_N_ALTERNATIVES = 5

#: Weights of the evidence terms (tuned on the development corpora; see benchmarks/geoparse.py).
WEIGHTS = {
    "hint_match": 3.0,
    "hint_miss": -1.0,
    "namesake": 1.5,
    "country": 4.0,
    "admin1": 2.0,
    "container": 4.0,
    "proximity": 2.0,
    "proximity_km": 150.0,
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
    if cp.feature_type in ("city", "town", "admin2", "district") and p.feature_type in ("district", "camp", "crossing"):
        return haversine_km(cp.lat, cp.lon, p.lat, p.lon) < 30
    return False


def _softmax(values: list[float]) -> list[float]:
    top = max(values)
    ex = [math.exp(v - top) for v in values]
    z = sum(ex)
    return [e / z for e in ex]


def _candidates_for(m: Mention, key: str, gz: Gazetteer) -> tuple[Candidate, ...]:
    if m.kind == "demonym":
        cc = gz.demonym(m.text)
        c = gz.country(cc) if cc else None
        return (c,) if c else ()
    cc = gz.demonym(m.text)
    if cc and not m.feature_hint:
        # "Spanish", "Canadian": the country, not the villages that share the word.
        c = gz.country(cc)
        if c is not None:
            return (c,)
    cs = gz.candidates(key, normalised=True)
    if not cs and " " in key:
        # A given span may end with a feature word ("Idlib province", "Zaatari refugee camp").
        head, _, last = key.rpartition(" ")
        if last in FEATURE_WORDS:
            cs = gz.candidates(head.removesuffix(" refugee").removesuffix(" border"), normalised=True)
    if not cs:
        # Gold spans include demonyms ("Syrian" for Syria).
        cc = gz.demonym(m.text)
        c = gz.country(cc) if cc else None
        cs = (c,) if c else ()
    return cs


def resolve(
    text: str,
    mentions: tuple[Mention, ...],
    *,
    gazetteer: Gazetteer | None = None,
    context: tuple[Mention, ...] | None = None,
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

    Returns
    -------
    tuple of Resolution
        One per mention, in the same order. Demonyms resolve to their country.
    """
    gz = gazetteer or get_gazetteer()
    if context is None:
        from mapper.places.toponyms import find_mentions

        context = find_mentions(text, gazetteer=gz)
    taken = [(m.start, m.end) for m in mentions]
    extra = tuple(c for c in context if not any(c.start < e and s < c.end for s, e in taken))
    allm = tuple(mentions) + extra
    n_given = len(mentions)
    keys = [m.key or name_key(m.text) for m in allm]
    cands = [_candidates_for(m, k, gz) for m, k in zip(allm, keys)]

    hints: dict[str, set[str]] = defaultdict(set)
    for m, k in zip(allm, keys):
        if m.feature_hint and m.kind == "toponym":
            hints[k].add(m.feature_hint)

    # A town that shares its name with the province it lies in ("Aleppo", "Idlib") is what a
    # bare name means; the province needs a feature word.
    namesakes: set[str] = set()
    for cs in cands:
        a1codes = {c.admin1_code for c in cs if c.place.feature_type == "admin1" and c.admin1_code}
        for c in cs:
            if c.place.feature_type in _SETTLEMENT and c.admin1_code in a1codes:
                namesakes.add(c.place.place_id)

    # First view of each mention: probabilities from priors and hints alone.
    def base(k: str, c: Candidate) -> float:
        s = c.prior
        hs = hints.get(k)
        if hs:
            ok = any(c.place.feature_type in _HINT_TYPES.get(h, ()) for h in hs)
            s += WEIGHTS["hint_match"] if ok else WEIGHTS["hint_miss"]
        elif c.place.place_id in namesakes:
            s += WEIGHTS["namesake"]
        return s

    # Votes for countries and admin-1 areas, remembered per key so a name does not vote for itself.
    cc_votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    a1_votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    probs: list[list[float]] = []
    for m, k, cs in zip(allm, keys, cands):
        if not cs:
            probs.append([])
            continue
        ps = _softmax([base(k, c) for c in cs])
        probs.append(ps)
        w = 0.5 if m.kind == "demonym" else 1.0
        for c, p in zip(cs, ps):
            if c.place.country_code:
                cc_votes[k][c.place.country_code] += w * p
            if c.admin1_code:
                a1_votes[k][c.admin1_code] += w * p * (2.0 if c.place.feature_type == "admin1" else 1.0)
    cc_total: dict[str, float] = defaultdict(float)
    a1_total: dict[str, float] = defaultdict(float)
    for k in cc_votes:
        for cc, v in cc_votes[k].items():
            cc_total[cc] += v
    for k in a1_votes:
        for a1, v in a1_votes[k].items():
            a1_total[a1] += v

    def others(total: dict[str, float], own: dict[str, float]) -> tuple[dict[str, float], float]:
        vals = {x: v - own.get(x, 0.0) for x, v in total.items()}
        return vals, sum(max(0.0, v) for v in vals.values())

    # Structural cues: "X, Y" / "X in Y" / "X (Y)" with Y the next mention in the text.
    order = sorted(range(len(allm)), key=lambda i: allm[i].start)
    container_of: dict[int, int] = {}
    for a, b in zip(order, order[1:]):
        if allm[b].kind == "toponym" and _CONTAINER_GAP.match(text[allm[a].end:allm[b].start]):
            container_of[a] = b

    by_key: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(allm):
        if cands[i]:
            by_key[keys[i]].append(i)

    def score_key(k: str, anchors: list[tuple[float, float, float]] | None) -> list[tuple[float, Candidate]]:
        idxs = by_key[k]
        cs = cands[idxs[0]]
        ccv, cct = others(cc_total, cc_votes.get(k, {}))
        a1v, a1t = others(a1_total, a1_votes.get(k, {}))
        out = []
        for c in cs:
            p = c.place
            s = base(k, c)
            if cct > 0 and p.country_code:
                s += WEIGHTS["country"] * max(0.0, ccv.get(p.country_code, 0.0)) / cct
            if a1t > 0 and c.admin1_code and p.feature_type != "admin1":
                s += WEIGHTS["admin1"] * max(0.0, a1v.get(c.admin1_code, 0.0)) / a1t
            for i in idxs:
                j = container_of.get(i)
                if j is not None and cands[j] and any(_contains(y, c) for y in cands[j][:3]):
                    s += WEIGHTS["container"]
                    break
            if anchors and p.feature_type not in _AREA_TYPES:
                d = min(haversine_km(p.lat, p.lon, la, lo) for la, lo, _ in anchors)
                s += WEIGHTS["proximity"] * math.exp(-d / WEIGHTS["proximity_km"])
            out.append((s, c))
        out.sort(key=lambda t: -t[0])
        return out

    first = {k: score_key(k, None) for k in by_key}
    ranked_by_key = {}
    for k in by_key:
        # Anchors: the other keys' first choices that are points (not countries), confident enough.
        anchors = []
        for k2, r2 in first.items():
            if k2 == k:
                continue
            sc = _softmax([s for s, _ in r2])
            top = r2[0][1].place
            if sc[0] >= 0.5 and top.feature_type not in _AREA_TYPES and top.feature_type != "admin1":
                anchors.append((top.lat, top.lon, sc[0]))
        ranked_by_key[k] = score_key(k, anchors) if anchors else first[k]

    out: list[Resolution] = []
    for i in range(n_given):
        m = allm[i]
        if not cands[i]:
            out.append(Resolution(m, None, 0.0, ()))
            continue
        if m.kind == "demonym":
            out.append(Resolution(m, cands[i][0].place, 0.5, ()))
            continue
        ranked = ranked_by_key[keys[i]]
        conf = _softmax([s for s, _ in ranked])[0]
        out.append(Resolution(m, ranked[0][1].place, round(conf, 3),
                              tuple(c.place for _, c in ranked[1:1 + _N_ALTERNATIVES])))
    return tuple(out)
