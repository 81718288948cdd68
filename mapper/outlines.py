"""Embedded area outlines: Natural Earth countries and admin-1 areas.

The renderer draws them (the offline basemap, admin-1 endpoints as outlines);
the geocode stage measures them (``northern Syria`` as a part of Syria). Both
files are derived into ``data/`` by ``scripts/build_basemap_data.py`` and read
lazily, once, through ``importlib.resources``.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import json
from importlib import resources

from mapper.errors import GazetteerError

__all__ = ["countries_topojson", "countries_shapes", "country_shape", "admin1_outline", "admin1_hasc", "area_shape",
           "leaflet_rings"]

_COUNTRIES = "basemap_countries.topo.json"
_ADMIN1 = "admin1_outlines.json.gz"
_GAZETTEER_ADMIN1 = "admin1.csv.gz"  # the gazetteer's admin-1 table (place_id → hasc), when present


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


def admin1_outline(place_id: str | None) -> list[list[list[list[float]]]] | None:
    """The outline of an admin-1 place as Leaflet polygons: ``[[ring, hole...], ...]`` of ``[lat, lon]``.

    Returns None when the place is not an admin-1 area with a known outline.
    """
    hasc = admin1_hasc(place_id)
    if hasc is None:
        return None
    data = _admin1()
    return [_decode(polygon, data["precision"]) for polygon in data["shapes"][hasc]]


@functools.lru_cache(maxsize=1)
def _countries() -> tuple[tuple[str | None, object], ...]:
    """``(iso2, MultiPolygon)`` per outline, decoded from the TopoJSON (lon/lat)."""
    from shapely.geometry import MultiPolygon, Polygon

    topo = json.loads(countries_topojson())
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(refs):
        out = []
        for i, r in enumerate(refs):
            a = arcs[r] if r >= 0 else arcs[~r][::-1]
            out.extend(a if i == 0 else a[1:])
        return out

    shapes = []
    for g in topo["objects"]["countries"]["geometries"]:
        polys = [g["arcs"]] if g.get("type") == "Polygon" else g.get("arcs", [])
        parts = []
        for p in polys:
            rings = [ring(r) for r in p]
            rings = [r for r in rings if len(r) >= 4]
            if rings:
                parts.append(Polygon(rings[0], rings[1:]))
        if parts:
            shapes.append(((g.get("properties") or {}).get("iso2"), MultiPolygon(parts)))
    return tuple(shapes)


def countries_shapes() -> tuple:
    """The country outlines as shapely MultiPolygons (lon/lat), for static maps."""
    return tuple(shape for _, shape in _countries())


@functools.lru_cache(maxsize=256)
def country_shape(iso2: str | None):
    """The outline of a country (ISO 3166 alpha-2) as a shapely geometry, or None.

    The largest outline when several carry the code (Australia and its reefs).
    """
    if not iso2:
        return None
    found = [shape for code, shape in _countries() if code == iso2.upper()]
    return max(found, key=lambda g: g.area) if found else None


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
    if place.feature_type == "admin1":
        rings = admin1_outline(place.place_id)
        if rings is None:
            return None
        from shapely.geometry import MultiPolygon, Polygon

        polys = [Polygon([(lon, lat) for lat, lon in poly[0]], [[(lon, lat) for lat, lon in h] for h in poly[1:]])
                 for poly in rings if len(poly[0]) >= 4]
        return MultiPolygon(polys) if polys else None
    return None


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
