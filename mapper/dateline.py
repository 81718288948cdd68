"""The date line: outlines that cross 180° of longitude, made to draw as the areas they are.

Natural Earth cuts the world at ±180°, and some of its rings (Russia's
Chukotka, Fiji's Vanua Levu, Alaska's Aleutians) step from 179.9° to -180°
and on. Drawn as they are on a flat map, such a step is an edge across the
whole world, and the polygon becomes a band around the globe; an area whose
parts lie on both sides (the United States with its westernmost Aleutians at
172° E) covers the map from edge to edge. Two repairs, in pure Python so that
a worker measuring an outline ("eastern Russia") needs neither numpy nor
shapely:

* :func:`unwrap_polygons` makes each ring's longitudes continuous (-179.5°
  after 179.9° becomes 180.5°), so each ring encloses the land it outlines;
* :func:`gather` moves each part of an area by whole turns (±360°) to the
  side of the area's anchor, so that the area is one shape: Russia from 19° E
  to 191° E (Chukotka), the United States from -188° (Attu) to -67°.

Longitudes outside [-180, 180] are what Leaflet and a Web Mercator plot need
to draw such an area in one piece; :func:`wrap_longitude` brings a point back,
and :func:`cut_at_dateline` a shape (for a basemap that shows the world once).
Polygons are ``[[outer, hole...], ...]`` with rings of ``(lon, lat)``.
"""

from __future__ import annotations

__all__ = ["wrap_longitude", "unwrap_ring", "unwrap_polygons", "gather", "crosses", "cut_at_dateline"]

Ring = list[tuple[float, float]]
Polygons = list[list[Ring]]


def wrap_longitude(lon: float) -> float:
    """*lon* brought into [-180, 180] by whole turns (180 stays 180)."""
    if -180.0 <= lon <= 180.0:
        return lon
    return (lon + 180.0) % 360.0 - 180.0


def crosses(polygons: Polygons) -> bool:
    """Whether a ring of *polygons* steps across the date line (an edge longer than half the world)."""
    return any(abs(b[0] - a[0]) > 180.0 for rings in polygons for ring in rings for a, b in zip(ring, ring[1:]))


def unwrap_ring(ring: Ring) -> Ring:
    """*ring* with continuous longitudes: each step across the date line continues past ±180°.

    A ring that goes once around a pole (Antarctica's coast) does not close
    when unwrapped; it is closed through that pole, so that it encloses the
    land between its coast and the pole, as the map shows it.
    """
    out: Ring = []
    shift = 0.0
    for lon, lat in ring:
        x = lon + shift
        if out:
            while x - out[-1][0] > 180.0:
                shift -= 360.0
                x -= 360.0
            while x - out[-1][0] < -180.0:
                shift += 360.0
                x += 360.0
        out.append((x, lat))
    if len(out) > 2 and abs(out[-1][0] - out[0][0]) > 180.0:
        pole = -90.0 if sum(lat for _, lat in out) < 0 else 90.0
        end, start = out[-1], out[0]
        out += [(end[0], pole), (start[0], pole), start]
    return out


def _span(ring: Ring) -> tuple[float, float]:
    xs = [x for x, _ in ring]
    return min(xs), max(xs)


def _shifted(rings: list[Ring], dx: float) -> list[Ring]:
    return rings if not dx else [[(x + dx, y) for x, y in ring] for ring in rings]


def _turns_toward(lon: float, anchor: float) -> float:
    """Whole turns (in degrees) that bring *lon* nearest *anchor*."""
    return 360.0 * round((anchor - lon) / 360.0)


def unwrap_polygons(polygons: Polygons) -> Polygons:
    """Each polygon with continuous longitudes, its holes on the same side as its outer ring."""
    out = []
    for rings in polygons:
        if not rings:
            continue
        outer = unwrap_ring(rings[0])
        lo, hi = _span(outer)
        holes = []
        for hole in rings[1:]:
            hole = unwrap_ring(hole)
            hlo, hhi = _span(hole)
            holes.append(_shifted([hole], _turns_toward((hlo + hhi) / 2, (lo + hi) / 2))[0])
        out.append([outer, *holes])
    return out


def _area(ring: Ring) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))) / 2


def gather(polygons: Polygons, near: float | None = None) -> Polygons:
    """The parts of one area unwrapped and moved by whole turns to lie together.

    Parameters
    ----------
    polygons : list
        ``[[outer, hole...], ...]``, rings of ``(lon, lat)``.
    near : float, optional
        The longitude the area is drawn around (e.g. its point, where arrows
        end): each part goes to the side of the world nearest to it. Default:
        the middle of the largest part, brought into [-180, 180].

    Returns
    -------
    list
        New polygons; an area that does not cross the date line comes back
        with the same coordinates, and so does one that even gathered would
        span half the world or more (Antarctica's shelves have no one side).
    """
    polys = unwrap_polygons(polygons)
    if not polys:
        return polys
    if near is None:
        lo, hi = _span(max(polys, key=lambda rings: _area(rings[0]))[0])
        near = wrap_longitude((lo + hi) / 2)
    out = []
    for rings in polys:
        lo, hi = _span(rings[0])
        out.append(_shifted(rings, _turns_toward((lo + hi) / 2, near)))
    spans = [_span(rings[0]) for rings in out]
    if max(hi for _, hi in spans) - min(lo for lo, _ in spans) >= 180.0:
        return polys
    return out


def cut_at_dateline(shape):
    """A shapely (Multi)Polygon with what lies past ±180° cut off and moved back by a turn.

    For a basemap that draws the world once: unwrapped Russia becomes its body
    up to 180° and Chukotka from -180°. A shape within [-180, 180] is returned
    as it is; the pieces are not repaired (they are drawn, not measured).
    """
    if shape is None or (-180.0 <= shape.bounds[0] and shape.bounds[2] <= 180.0):
        return shape
    import shapely
    from shapely import affinity
    from shapely.geometry import MultiPolygon

    parts = []
    for turns in (-1, 0, 1):
        piece = shapely.clip_by_rect(shape, -180.0 + 360 * turns, -90.0, 180.0 + 360 * turns, 90.0)
        piece = affinity.translate(piece, xoff=-360.0 * turns) if turns else piece
        parts += [g for g in getattr(piece, "geoms", [piece]) if g.geom_type == "Polygon" and not g.is_empty]
    return MultiPolygon(parts) if parts else None
