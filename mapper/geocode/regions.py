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

from mapper.dateline import wrap_longitude
from mapper.model import Endpoint, Movement, Place, Resolution
from mapper.outlines import polygons_moments

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


# Plain-Python geometry: a batch worker meets "northern X" once in a while, and importing
# numpy and shapely for it cost each worker 0.1 s. The renderer cuts the drawn outline
# with shapely (region_shape), through the same box.
def _clip(ring, box):
    """*ring* clipped to *box* (Sutherland–Hodgman), closed.

    A concave ring may come out as one ring whose pieces are joined by seams
    along the box's edges; the seams enclose nothing, so area and centroid are exact.
    """
    x0, y0, x1, y1 = box
    pts = list(ring)
    for axis, bound, keep_above in ((0, x0, True), (0, x1, False), (1, y0, True), (1, y1, False)):
        if not pts:
            break
        out = []
        prev = pts[-1]
        prev_in = (prev[axis] >= bound) == keep_above or prev[axis] == bound
        for cur in pts:
            cur_in = (cur[axis] >= bound) == keep_above or cur[axis] == bound
            if cur_in != prev_in:
                t = (bound - prev[axis]) / (cur[axis] - prev[axis])
                cut = prev[1 - axis] + t * (cur[1 - axis] - prev[1 - axis])
                out.append((bound, cut) if axis == 0 else (cut, bound))
            if cur_in:
                out.append(cur)
            prev, prev_in = cur, cur_in
        pts = out
    return pts + pts[:1] if len(pts) >= 3 else []


def _crossings(polygons, y: float) -> list[float]:
    """Where the horizontal line at *y* crosses the polygons' edges, left to right."""
    xs = []
    for rings in polygons:
        for ring in rings:
            for (xa, ya), (xb, yb) in zip(ring, ring[1:]):
                if (ya > y) != (yb > y):
                    xs.append(xa + (y - ya) * (xb - xa) / (yb - ya))
    return sorted(xs)


def _inside(polygons, box, x: float, y: float) -> bool:
    x0, y0, x1, y1 = box
    if not (x0 < x < x1 and y0 < y < y1):
        return False
    return sum(1 for cx in _crossings(polygons, y) if cx < x) % 2 == 1


def _interior_point(polygons, box, y_first: float) -> tuple[float, float] | None:
    """The middle of the widest stretch of the part on a horizontal line; *y_first* is tried first."""
    x0, y0, x1, y1 = box
    for ys in ([y_first], [y0 + (y1 - y0) * (i + 0.5) / 16 for i in range(16)]):
        best = None
        for y in ys:
            xs = _crossings(polygons, y)
            for a, b in zip(xs[::2], xs[1::2]):
                a, b = max(a, x0), min(b, x1)
                if b > a and (best is None or b - a > best[0]):
                    best = (b - a, (a + b) / 2, y)
        if best is not None:
            return best[1], best[2]
    return None


def _point_in_part(polygons, box) -> tuple[float, tuple[float, float] | None]:
    """The area of the part of *polygons* in *box*, and a point in it.

    The point is the part's centroid when that lies inside the part, else a
    point inside the largest of its pieces (an island, a lobe), near that piece's centroid.
    """
    pieces = []
    for rings in polygons:
        clipped = [_clip(ring, box) for ring in rings]
        if clipped[0]:
            area, cx, cy = polygons_moments([[r for r in clipped if r]])
            if area > 0:
                pieces.append((area, cx, cy, clipped[0], rings))
    total = sum(p[0] for p in pieces)
    if not total:
        return 0.0, None
    cx = sum(p[0] * p[1] for p in pieces) / total
    cy = sum(p[0] * p[2] for p in pieces) / total
    if _inside(polygons, box, cx, cy):
        return total, (cx, cy)
    area, px, py, outer, rings = max(pieces, key=lambda p: p[0])
    if _inside([rings], box, px, py):
        return total, (px, py)
    ys = [y for _, y in outer]
    x0, _, x1, _ = box
    return total, _interior_point([rings], (x0, min(ys), x1, max(ys)), py)


@functools.lru_cache(maxsize=512)
def _part(place: Place, direction: str):
    """``(box, (lon, lat))``: the box that cuts *place*'s part toward *direction*, and a point in that part."""
    from mapper.outlines import area_polygons

    polygons = area_polygons(place)
    if not polygons:
        return None
    xs = [x for rings in polygons for x, _ in rings[0]]
    ys = [y for rings in polygons for _, y in rings[0]]
    minx, miny, maxx, maxy = min(xs), min(ys), max(xs), max(ys)
    whole = polygons_moments(polygons)[0]
    sy = 1 if direction.startswith("north") else -1 if direction.startswith("south") else 0
    sx = 1 if direction.endswith("east") else -1 if direction.endswith("west") else 0
    # Thirds first; a corner third can miss a slanted outline, then halves.
    for parts in (3, 2):
        x0, x1 = _band(minx, maxx, sx, parts)
        y0, y1 = _band(miny, maxy, sy, parts)
        box = (x0, y0, x1, y1)
        area, point = _point_in_part(polygons, box)
        if area > 0.02 * whole and point is not None:
            return box, point
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
    part = _part(place, direction)
    if part is None:
        return None
    lon, lat = part[1]
    lon = wrap_longitude(lon)  # the outline may run past 180° (eastern Russia); a point stays on the map
    return Place(
        place_id=f"{place.place_id}#{direction}",
        name=f"{_ADJECTIVE[direction]} {place.name}",
        feature_type="region",
        country_code=place.country_code,
        lat=round(lat, 4),
        lon=round(lon, 4),
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
    part = _part(area, direction) if area is not None else None
    if part is None:
        return None
    from shapely.geometry import box

    from mapper.outlines import area_shape

    return area_shape(area).intersection(box(*part[0]))


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

    return tuple(mv.with_ends(lambda ends: (refine(e) for e in ends)) for mv in movements)
