"""Parts of areas named with a compass word: "northern Syria", "south-eastern Chad".

When people flee *to northeastern Syria*, an arrow to Syria's centre points
hundreds of kilometres away from where they went. The gazetteer has no entry
for such parts, but the text says which part it means, and the area's outline
(:mod:`mapper.outlines`) says where that part lies: the third of the outline's
bounding box toward the direction (a corner for "north-eastern"), cut by the
outline. The derived place is a ``region`` whose ``source`` says how it was
made, with the area's id in its own (``geonames:…#northeast``).

Only movement endpoints are refined this way: a place mention keeps its
gazetteer resolution (the toponym names the whole area), while the arrow
ends in the part the sentence names.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from mapper.model import Endpoint, Movement, Place, Resolution

__all__ = ["direction_before", "directional_area", "refine_endpoints", "region_shape"]

# "northern", "north-eastern", "north eastern", "northeast", "south-west": a compass word
# written right before the name, in lower case (a capitalised "North Korea" is a name).
_DIRECTION_RE = re.compile(
    r"(?<![\w-])(?P<ns>north|south)?(?:[- ]?(?P<ew>east|west))?(?:ern)?\s+$"
)
#: How far back to look for the compass word.
_LOOKBACK = 24

_ADJECTIVE = {
    "north": "northern", "south": "southern", "east": "eastern", "west": "western",
    "northeast": "northeastern", "northwest": "northwestern",
    "southeast": "southeastern", "southwest": "southwestern",
}


def direction_before(text: str, start: int) -> str | None:
    """The compass direction written just before offset *start*, or None.

    Returns one of ``north``, ``northeast``, ``east``... ("north-eastern Syria"
    → ``"northeast"``). Only lower-case words count: "North" at the start of a
    name belongs to the name.
    """
    m = _DIRECTION_RE.search(text[max(0, start - _LOOKBACK):start])
    if m is None or not (m.group("ns") or m.group("ew")):
        return None
    return (m.group("ns") or "") + (m.group("ew") or "")


def _band(lo: float, hi: float, side: int, parts: int) -> tuple[float, float]:
    """The outer 1/*parts* of [lo, hi] on *side* (+1 high end, -1 low end, 0 all)."""
    if side == 0:
        return lo, hi
    step = (hi - lo) / parts
    return (hi - step, hi) if side > 0 else (lo, lo + step)


@functools.lru_cache(maxsize=512)
def _part(place: Place, direction: str):
    from shapely.geometry import box

    from mapper.outlines import area_shape

    shape = area_shape(place)
    if shape is None or shape.is_empty:
        return None
    minx, miny, maxx, maxy = shape.bounds
    sy = 1 if direction.startswith("north") else -1 if direction.startswith("south") else 0
    sx = 1 if direction.endswith("east") else -1 if direction.endswith("west") else 0
    # Thirds first; a corner third can miss a slanted outline, then halves.
    for parts in (3, 2):
        x0, x1 = _band(minx, maxx, sx, parts)
        y0, y1 = _band(miny, maxy, sy, parts)
        piece = shape.intersection(box(x0, y0, x1, y1))
        if not piece.is_empty and piece.area > 0.02 * shape.area:
            return piece
    return None


def directional_area(place: Place, direction: str) -> Place | None:
    """The part of an area toward *direction*, as a derived ``region`` place.

    Parameters
    ----------
    place : Place
        A country or admin-1 area with an embedded outline.
    direction : str
        ``north``, ``northeast``, ``east``... as from :func:`direction_before`.

    Returns
    -------
    Place or None
        None when *place* has no outline (a town, an unknown area) or the
        direction is not a compass direction.
    """
    if direction not in _ADJECTIVE:
        return None
    piece = _part(place, direction)
    if piece is None:
        return None
    point = piece.centroid if piece.contains(piece.centroid) else piece.representative_point()
    return Place(
        place_id=f"{place.place_id}#{direction}",
        name=f"{_ADJECTIVE[direction]} {place.name}",
        feature_type="region",
        country_code=place.country_code,
        lat=round(point.y, 4),
        lon=round(point.x, 4),
        admin1=place.name if place.feature_type == "admin1" else None,
        population=0,
        source=f"derived: the {direction} of {place.name}'s outline ({place.place_id})",
    )


def region_shape(place_id: str):
    """The outline of a place made by :func:`directional_area`, from its id (``<area id>#<direction>``).

    Returns
    -------
    shapely geometry or None
        In lon/lat; None when the id is not such a place or its area is unknown.
    """
    base, _, direction = place_id.rpartition("#")
    if not base or direction not in _ADJECTIVE:
        return None
    from mapper.geocode.gazetteer import get_gazetteer

    area = get_gazetteer().place(base)
    return _part(area, direction) if area is not None else None


def _has_namesake_town(place: Place) -> bool:
    """Whether a town of the province bears its name (Raqqa, Daraa): then a bare name means the town."""
    from mapper.geocode.gazetteer import get_gazetteer
    from mapper.geocode.names import name_key

    return any(c.place.feature_type in ("city", "town", "village") and c.place.country_code == place.country_code
               and c.place.admin1 == place.name
               for c in get_gazetteer().candidates(name_key(place.name), normalised=True))


def refine_endpoints(
    text: str, movements: Sequence[Movement], resolutions: Sequence[Resolution]
) -> tuple[Movement, ...]:
    """Movements whose endpoints written as "northern X" end in that part of X.

    Parameters
    ----------
    text : str
        The text the offsets refer to.
    movements : sequence of Movement
        From :func:`mapper.movements.extract.find_movements`.
    resolutions : sequence of Resolution
        The resolved mentions; an endpoint's place is looked up by its span.

    Returns
    -------
    tuple of Movement
        New movements; an endpoint is changed only when its mention follows a
        compass word and resolved to an area whose outline is known.
    """
    by_span = {(r.mention.start, r.mention.end): r.place for r in resolutions}

    def refine(end: Endpoint) -> Endpoint:
        if end.place is not None or end.mention.kind != "toponym":
            return end
        place = by_span.get((end.mention.start, end.mention.end))
        if place is None or place.feature_type not in ("country", "admin1"):
            return end
        if place.feature_type == "admin1" and end.mention.feature_hint != "admin1" and _has_namesake_town(place):
            return end  # "eastern Daraa" is the east of the city, not of the province
        direction = direction_before(text, end.mention.start)
        part = directional_area(place, direction) if direction else None
        return replace(end, place=part) if part is not None else end

    out = []
    for mv in movements:
        origins = tuple(refine(e) for e in mv.origins)
        destinations = tuple(refine(e) for e in mv.destinations)
        if origins != mv.origins or destinations != mv.destinations:
            mv = replace(mv, origins=origins, destinations=destinations)
        out.append(mv)
    return tuple(out)
