"""A figure reported over several provinces: the country's total.

"The typhoon has affected 185 counties in eight provinces including A, B, C
... About 289,000 residents have been relocated": a sentence that names no
place takes the story's place, here the list of provinces, and the story says
the event covers several provinces (a number of them, or "several", "many").
The figure is then the event's total in the country: its movement ends in the
country the text names, once, rather than at every listed province with the
same shared figure (annotators of displacement news map it so).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mapper.model import Endpoint, Movement, Resolution

__all__ = ["national_totals"]

_SEVERAL_AREAS_RE = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|multiple)\s+"
    r"(?:(?:[a-z-]+\s+)?(?:provinces|regions|states|prefectures|governorates))\b", re.IGNORECASE)


def national_totals(text: str, movements: Sequence[Movement], resolutions: Sequence[Resolution]) -> tuple[Movement, ...]:
    """Movements whose ends, carried from the story, are several provinces of a country the text names.

    Parameters
    ----------
    text : str
        The article text the offsets refer to.
    movements : sequence of Movement
        After :func:`mapper.geocode.regions.refine_endpoints`.
    resolutions : sequence of Resolution
        The resolved mentions; an end's place is looked up by its span.

    Returns
    -------
    tuple of Movement
        New movements. An end list changes only when it holds two places or more, all
        carried from the story's context (``how="context"``), none a country, all in one
        country named in the text, and the text says before the movement's sentence
        that the event covers several provinces, regions, states, prefectures or
        governorates. A province named on its own keeps its figure: reports give
        per-province figures under the province's name.
    """
    by_span = {(r.mention.start, r.mention.end): r.place for r in resolutions}
    countries = {}
    for r in resolutions:
        if r.place is not None and r.place.feature_type == "country" and r.mention.kind == "toponym":
            countries.setdefault(r.place.country_code, r)

    def gather(ends, evidence_start):
        if len(ends) < 2 or any(e.how != "context" for e in ends):
            return ends
        if not _SEVERAL_AREAS_RE.search(text, 0, evidence_start):
            return ends
        places = [e.place or by_span.get((e.mention.start, e.mention.end)) for e in ends]
        if any(p is None or p.feature_type == "country" for p in places):
            return ends
        ccs = {p.country_code for p in places}
        if len(ccs) != 1:
            return ends
        named = countries.get(next(iter(ccs)))
        return (Endpoint(mention=named.mention, how="context"),) if named is not None else ends

    out = []
    for mv in movements:
        start = mv.evidence[0].start if mv.evidence else len(text)
        out.append(mv.with_ends(lambda ends: gather(ends, start)))  # called at once: start is this movement's
    return tuple(out)
