"""Embedded area outlines: Natural Earth countries and admin-1 areas.

The renderer draws them (the offline basemap, admin-1 endpoints as outlines);
the geocode stage measures them (``northern Syria`` as a part of Syria). Both
files are derived into ``data/`` by ``scripts/build_basemap_data.py`` and read
lazily, once, through ``importlib.resources``.

An area's outline is one shape even across the date line
(:mod:`mapper.dateline`): Russia runs from 19° E to 191° E, the United States
from -188° (the Aleutians west of 180°) to -67°, so that it draws as the area
at every zoom and its parts ("eastern Russia") are measured on the area
itself. The basemap of the static export is cut at ±180° instead (the world
drawn once).
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import json
from importlib import resources

from mapper.dateline import cut_at_dateline, gather, unwrap_polygons
from mapper.errors import GazetteerError

__all__ = ["countries_topojson", "countries_shapes", "country_shape", "admin1_outline", "admin1_hasc", "area_shape",
           "area_polygons", "polygons_area", "polygons_moments", "leaflet_rings", "rings_near"]

_COUNTRIES = "basemap_countries.topo.json"
_ADMIN1 = "admin1_outlines.json.gz"
_GAZETTEER_ADMIN1 = "admin1.csv.gz"  # the gazetteer's admin-1 table (place_id → hasc), when present

#: ``[[outer, hole...], ...]``: polygons whose rings are lists of (lon, lat) tuples.
Polygons = list[list[list[tuple[float, float]]]]


def _data(name: str):
    return resources.files("mapper.data").joinpath(name)


@functools.lru_cache(maxsize=1)
def countries_topojson() -> str:
    """The simplified world country outlines as TopoJSON text (about 240 kB)."""
    try:
        return _data(_COUNTRIES).read_text(encoding="utf-8")
    except FileNotFoundError as exc:  # pragma: no cover - broken install
        raise GazetteerError(f"{_COUNTRIES} is missing from mapper's data: run scripts/build_basemap_data.py") from exc


@functools.lru_cache(maxsize=1)
def _admin1() -> dict:
    try:
        return json.loads(gzip.decompress(_data(_ADMIN1).read_bytes()))
    except FileNotFoundError as exc:  # pragma: no cover - broken install
        raise GazetteerError(f"{_ADMIN1} is missing from mapper's data: run scripts/build_basemap_data.py") from exc


@functools.lru_cache(maxsize=1)
def _gazetteer_hasc() -> dict[str, str]:
    try:
        raw = _data(_GAZETTEER_ADMIN1).read_bytes()
    except FileNotFoundError:
        return {}
    out = {}
    with io.TextIOWrapper(io.BytesIO(gzip.decompress(raw)), encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row.get("place_id") and row.get("hasc"):
                out[row["place_id"]] = row["hasc"]
    return out


def admin1_hasc(place_id: str | None) -> str | None:
    """The HASC code (e.g. ``XX.AB``) of an admin-1 place id, when its outline is known."""
    if not place_id or not isinstance(place_id, str):
        return None
    shapes = _admin1()["shapes"]
    source, _, local = place_id.partition(":")
    candidates = []
    if source == "ne1":
        candidates.append(local)
    candidates.append(_gazetteer_hasc().get(place_id))
    if source == "geonames":
        candidates.append(_admin1()["gn"].get(local))
    for hasc in candidates:
        if hasc and hasc in shapes:
            return hasc
    return None


def _decode(rings: list, precision: float) -> list[list[list[float]]]:
    out = []
    for flat in rings:
        x = y = 0
        ring = []
        for i in range(0, len(flat), 2):
            x += flat[i]
            y += flat[i + 1]
            ring.append([round(y * precision, 4), round(x * precision, 4)])
        out.append(ring)
    return out


@functools.lru_cache(maxsize=256)
def _admin1_polygons(place_id: str | None) -> Polygons | None:
    """The outline of an admin-1 place as polygons of (lon, lat) rings, gathered across the date line."""
    hasc = admin1_hasc(place_id)
    if hasc is None:
        return None
    data = _admin1()
    polygons = [_decode(polygon, data["precision"]) for polygon in json.loads(data["shapes"][hasc])]
    polys = [[[(lon, lat) for lat, lon in ring] for ring in poly] for poly in polygons if len(poly[0]) >= 4]
    return gather(polys) or None


def admin1_outline(place_id: str | None) -> list[list[list[list[float]]]] | None:
    """The outline of an admin-1 place as Leaflet polygons: ``[[ring, hole...], ...]`` of ``[lat, lon]``.

    Returns None when the place is not an admin-1 area with a known outline.
    Across the date line, longitudes may leave [-180, 180] (Alaska's Aleutians).
    """
    polygons = _admin1_polygons(place_id)
    return _leaflet(polygons) if polygons else None


def _leaflet(polygons: Polygons) -> list[list[list[list[float]]]]:
    return [[[[lat, lon] for lon, lat in ring] for ring in rings] for rings in polygons]


def rings_near(rings: list | None, lon: float) -> list | None:
    """Leaflet polygons (``[lat, lon]`` rings) with each part on the side of the world nearest *lon*.

    An area is drawn around its point, where the arrows to it end: Kiribati's
    Gilbert Islands beside Tarawa, not a world away beside Kiritimati.
    """
    if not rings:
        return rings
    polygons = [[[(x, y) for y, x in ring] for ring in poly] for poly in rings]
    return _leaflet(gather(polygons, near=lon))


@functools.lru_cache(maxsize=1)
def _topology() -> dict:
    """The country outlines' TopoJSON, parsed (6 ms; its arcs are decoded on demand)."""
    return json.loads(countries_topojson())


def _arc(topo: dict, index: int) -> list[tuple[float, float]]:
    """Arc *index* of *topo* in lon/lat (a negative index is the reversed arc ``~index``)."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    x = y = 0
    pts = []
    for dx, dy in topo["arcs"][index if index >= 0 else ~index]:
        x += dx
        y += dy
        pts.append((x * sx + tx, y * sy + ty))
    return pts if index >= 0 else pts[::-1]


def _geometry_polygons(topo: dict, geometry: dict) -> Polygons:
    """One TopoJSON country geometry as polygons of (lon, lat) rings."""

    def ring(refs):
        out = []
        for i, r in enumerate(refs):
            a = _arc(topo, r)
            out.extend(a if i == 0 else a[1:])
        return out

    polys = [geometry["arcs"]] if geometry.get("type") == "Polygon" else geometry.get("arcs", [])
    parts = []
    for p in polys:
        rings = [r for r in (ring(refs) for refs in p) if len(r) >= 4]
        if rings:
            parts.append(rings)
    return parts


def _shape(polygons: Polygons | None, *, repair: bool = True):
    """Polygons of (lon, lat) rings as a shapely (Multi)Polygon, valid unless *repair* is False; or None."""
    if not polygons:
        return None
    import shapely
    from shapely.geometry import MultiPolygon, Polygon

    shape = MultiPolygon([Polygon(rings[0], rings[1:]) for rings in polygons])
    if not repair or shape.is_valid:
        return shape
    # Simplification left a few outlines crossing themselves (Russia's, Al Hudaydah's):
    # GEOS refuses to cut those ("northern Russia"), so they are repaired here.
    fixed = shapely.make_valid(shape)
    parts = [g for g in getattr(fixed, "geoms", [fixed]) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else None


def polygons_moments(polygons: Polygons) -> tuple[float, float, float]:
    """Area and centroid (x, y) of polygons of ``[outer, hole...]`` rings (shoelace; holes subtract).

    Returns ``(0, 0, 0)`` for polygons without area.
    """
    a = sx = sy = 0.0
    for rings in polygons:
        for k, ring in enumerate(rings):
            ra = rx = ry = 0.0
            for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
                cross = x0 * y1 - x1 * y0
                ra += cross
                rx += (x0 + x1) * cross
                ry += (y0 + y1) * cross
            sign = (1 if ra >= 0 else -1) * (1 if k == 0 else -1)  # holes subtract, whatever their winding
            a += sign * ra / 2
            sx += sign * rx / 6
            sy += sign * ry / 6
    return (a, sx / a, sy / a) if a > 0 else (0.0, 0.0, 0.0)


def polygons_area(polygons: Polygons) -> float:
    """The area of polygons given as ``[outer, hole...]`` rings, in squared degrees."""
    return polygons_moments(polygons)[0]


def _geometries() -> list[dict]:
    return _topology()["objects"]["countries"]["geometries"]


def _iso2(geometry: dict) -> str | None:
    return (geometry.get("properties") or {}).get("iso2")


@functools.lru_cache(maxsize=1)
def countries_shapes() -> tuple:
    """The country outlines as shapely MultiPolygons (lon/lat), cut at ±180°, for static maps."""
    topo = _topology()
    # Only drawn: a crossing in an outline does not matter, and repairing two took 0.2 s.
    shapes = (cut_at_dateline(_shape(unwrap_polygons(_geometry_polygons(topo, g)), repair=False)) for g in _geometries())
    return tuple(shape for shape in shapes if shape is not None)


@functools.lru_cache(maxsize=256)
def _country_polygons(iso2: str) -> Polygons | None:
    # Only this country's arcs are decoded: the geocode stage asks for one ("northern Chad").
    topo = _topology()
    found = [polys for polys in (gather(_geometry_polygons(topo, g)) for g in _geometries() if _iso2(g) == iso2) if polys]
    return max(found, key=polygons_area) if found else None


@functools.lru_cache(maxsize=256)
def country_shape(iso2: str | None):
    """The outline of a country (ISO 3166 alpha-2) as a shapely geometry, or None.

    The largest outline when several carry the code (Australia and its reefs);
    one shape across the date line, so longitudes may leave [-180, 180]
    (Russia's Chukotka lies beyond 180°).
    """
    return _shape(_country_polygons(iso2.upper())) if iso2 else None


def area_polygons(place) -> Polygons | None:
    """The outline of a country or admin-1 place as polygons of (lon, lat) rings, or None.

    The pure-Python form of :func:`area_shape`: a worker that only measures an
    outline ("northern Chad") needs neither numpy nor shapely.

    Parameters
    ----------
    place : mapper.model.Place
        Any place; points (towns, camps) have no outline.

    Returns
    -------
    list or None
        ``[[outer, hole...], ...]``, each ring a list of ``(lon, lat)`` tuples,
        gathered across the date line (see :mod:`mapper.dateline`).
    """
    if place.feature_type == "country":
        return _country_polygons(place.country_code.upper()) if place.country_code else None
    if place.feature_type == "admin1":
        return _admin1_polygons(place.place_id)
    return None


def area_shape(place) -> object | None:
    """The outline of a gazetteer place that is a country or an admin-1 area, or None.

    Parameters
    ----------
    place : mapper.model.Place
        Any place; points (towns, camps) have no outline.

    Returns
    -------
    shapely geometry or None
        In lon/lat (EPSG:4326).
    """
    if place.feature_type == "country":
        return country_shape(place.country_code)
    return _shape(area_polygons(place))


def leaflet_rings(shape, digits: int = 4) -> list[list[list[list[float]]]] | None:
    """A shapely (Multi)Polygon in lon/lat as Leaflet polygons: ``[[ring, hole...], ...]`` of ``[lat, lon]``.

    Returns None for an empty or non-areal geometry.
    """
    if shape is None or shape.is_empty:
        return None
    polys = getattr(shape, "geoms", [shape])
    out = []
    for poly in polys:
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue
        rings = [poly.exterior, *poly.interiors]
        out.append([[[round(y, digits), round(x, digits)] for x, y in ring.coords] for ring in rings])
    return out or None
