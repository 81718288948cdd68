"""Resolve place mentions to gazetteer entries, using what the article says.

Each candidate of a mention is scored by

- its prior: feature type (countries and provinces are named more often than
  hamlets), population, capital status, main name vs alternate name;
- the feature word next to the mention ("Idlib province" wants an admin-1
  area, "Zaatari camp" a camp);
- the countries the article is about: countries and demonyms it names, and the
  countries of its unambiguous places;
- the admin-1 areas the article names (a town in a named province wins);
- "X, Y" and "X in Y" where Y contains the candidate ("Homs, Syria");
- distance to the article's other, already confident, places.

One name keeps one sense within an article: the evidence of every mention of
the same key is pooled. The confidence is the softmax share of the best
candidate; the next best are kept as alternatives. A mention without any
candidate stays unresolved (``place=None``): nothing is guessed.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

from mapper.geocode.gazetteer import Candidate, Gazetteer, get_gazetteer
from mapper.geocode.names import FEATURE_WORDS, name_key
from mapper.model import Mention, Resolution

__all__ = ["resolve", "haversine_km"]

_SETTLEMENT = {"city", "town", "village"}
_HINT_TYPES = {
    "admin1": {"admin1"},
    "admin2": {"admin2"},
    "district": {"district"},
    "camp": {"camp"},
    "crossing": {"crossing"},
    "city": _SETTLEMENT,
    "town": _SETTLEMENT,
    "village": _SETTLEMENT,
    "region": {"region", "admin1"},
}
_IN_RE = re.compile(r"^\s*(?:,|in|of|near|outside)\s+(?:the\s+)?$", re.I)
_N_ALTERNATIVES = 5


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _contains(container: Candidate, c: Candidate) -> bool:
    cp, p = container.place, c.place
    if cp.feature_type == "country":
        return p.country_code == cp.country_code and p.place_id != cp.place_id
    if cp.feature_type == "admin1":
        return bool(container.admin1_code) and c.admin1_code == container.admin1_code and p.place_id != cp.place_id
    return False


def resolve(text: str, mentions: tuple[Mention, ...], *, gazetteer: Gazetteer | None = None) -> tuple[Resolution, ...]:
    """Resolve each mention to a place, in the context of the whole text.

    Parameters
    ----------
    text : str
        The article text the mentions' offsets refer to.
    mentions : tuple of Mention
        From :func:`mapper.places.toponyms.find_mentions` or built from given spans.
    gazetteer : Gazetteer, optional
        Defaults to :func:`~mapper.geocode.gazetteer.get_gazetteer`.

    Returns
    -------
    tuple of Resolution
        One per mention, in the same order. Demonyms resolve to their country.
    """
    gz = gazetteer or get_gazetteer()
    keys = [m.key or name_key(m.text) for m in mentions]
    cands: list[tuple[Candidate, ...]] = []
    for m, k in zip(mentions, keys):
        if m.kind == "demonym":
            cc = gz.demonym(m.text)
            c = gz.country(cc) if cc else None
            cands.append((c,) if c else ())
        else:
            cs = gz.candidates(k, normalised=True)
            if not cs and " " in k:
                # A given span may end with a feature word ("Idlib province", "Zaatari camp").
                head, _, last = k.rpartition(" ")
                if last in FEATURE_WORDS or last in ("refugee", "camp"):
                    cs = gz.candidates(head.removesuffix(" refugee").removesuffix(" border"), normalised=True)
            cands.append(cs)

    # Pool feature hints per key: "Idlib province" once makes later "Idlib" the province too.
    hints: dict[str, set[str]] = defaultdict(set)
    for m, k in zip(mentions, keys):
        if m.feature_hint and m.kind == "toponym":
            hints[k].add(m.feature_hint)

    # Country and admin-1 evidence from the whole article.
    cc_votes: dict[str, float] = defaultdict(float)
    a1_votes: dict[str, float] = defaultdict(float)
    for m, cs in zip(mentions, cands):
        if not cs:
            continue
        top = cs[0]
        if m.kind == "demonym":
            cc_votes[top.place.country_code] += 0.5
            continue
        if top.place.feature_type == "country" and (len(cs) == 1 or cs[0].prior - cs[1].prior > 2):
            cc_votes[top.place.country_code] += 1.0
            continue
        share = 1.0 / len({c.place.country_code for c in cs})
        for cc in {c.place.country_code for c in cs}:
            cc_votes[cc] += 0.5 * share
        if top.place.feature_type == "admin1" or any(c.place.feature_type == "admin1" for c in cs[:2]):
            for c in cs[:3]:
                if c.place.feature_type == "admin1" and c.admin1_code:
                    a1_votes[c.admin1_code] += 1.0
    total_cc = sum(cc_votes.values()) or 1.0

    # Structural cues: "X, Y" / "X in Y" with Y the next mention.
    container_of: dict[int, int] = {}
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if b.kind == "toponym" and _IN_RE.match(text[a.end:b.start]):
            container_of[i] = i + 1

    def score(i: int, c: Candidate, hint_set: set[str]) -> float:
        p = c.place
        s = c.prior
        if hint_set:
            if any(p.feature_type in _HINT_TYPES.get(h, ()) for h in hint_set):
                s += 3.0
            else:
                s -= 1.0
        s += 3.0 * cc_votes.get(p.country_code, 0.0) / total_cc
        if c.admin1_code and c.admin1_code in a1_votes and p.feature_type != "admin1":
            s += 1.0
        j = container_of.get(i)
        if j is not None and cands[j]:
            if any(_contains(y, c) for y in cands[j][:3]):
                s += 4.0
        return s

    # Pool scores per key (one sense per article), then pick.
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        if mentions[i].kind == "toponym":
            by_key[k].append(i)
    chosen: dict[int, tuple[list[tuple[float, Candidate]], float]] = {}
    for k, idxs in by_key.items():
        cs = cands[idxs[0]]
        if not cs:
            continue
        totals = []
        for c in cs:
            totals.append((max(score(i, c, hints.get(k, set())) for i in idxs), c))
        totals.sort(key=lambda t: -t[0])
        for i in idxs:
            chosen[i] = (totals, 0.0)

    out: list[Resolution] = []
    for i, m in enumerate(mentions):
        if m.kind == "demonym":
            c = cands[i][0] if cands[i] else None
            out.append(Resolution(m, c.place if c else None, 0.5 if c else 0.0, ()))
            continue
        if i not in chosen:
            out.append(Resolution(m, None, 0.0, ()))
            continue
        ranked, _ = chosen[i]
        top = ranked[0][0]
        z = sum(math.exp(sc - top) for sc, _ in ranked)
        conf = 1.0 / z
        out.append(Resolution(m, ranked[0][1].place, round(conf, 3),
                              tuple(c.place for _, c in ranked[1:1 + _N_ALTERNATIVES])))
    return tuple(out)
