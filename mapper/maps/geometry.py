"""Arcs, arrowhead angles and label anchors, computed once in Python with numpy.

Everything works on arrays of flows at once (10,000 flows in a few milliseconds).
Curves are built in Web Mercator, the projection the map is drawn in, so a
curve bends the same way on screen at every zoom and an arrowhead's screen
angle does not depend on the zoom level.

* Short flows are gentle parabolic bends of the straight line.
* Long flows (``great_circle_km`` and more) follow the great circle, with the
  same bend added, so A→B and B→A never lie on top of each other.
* The bend always goes to the right of the direction of travel: A→B and B→A
  curve to opposite sides.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Arcs", "arcs", "fan_bends", "curved_flows", "mercator", "inverse_mercator", "haversine_km", "sqrt_scale", "nice_steps"]

_R = 6378137.0
_MAX_LAT = 85.0511287798


def mercator(lon, lat):
    """Spherical Web Mercator (EPSG:3857) metres from degrees."""
    lon = np.asarray(lon, dtype=float)
    lat = np.clip(np.asarray(lat, dtype=float), -_MAX_LAT, _MAX_LAT)
    x = np.radians(lon) * _R
    y = np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) * _R
    return x, y


def inverse_mercator(x, y):
    """Degrees from spherical Web Mercator metres."""
    lon = np.degrees(np.asarray(x, dtype=float) / _R)
    lat = np.degrees(2 * np.arctan(np.exp(np.asarray(y, dtype=float) / _R)) - np.pi / 2)
    return lon, lat


def haversine_km(lon1, lat1, lon2, lat2):
    """Great-circle distance in km (arrays broadcast)."""
    lon1, lat1, lon2, lat2 = (np.radians(np.asarray(a, dtype=float)) for a in (lon1, lat1, lon2, lat2))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


def _slerp(lon1, lat1, lon2, lat2, t):
    """Points along great circles; arrays of shape (n,) and t of shape (k,) → (n, k)."""
    def xyz(lon, lat):
        lon, lat = np.radians(lon), np.radians(lat)
        return np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=-1)

    a, b = xyz(lon1, lat1), xyz(lon2, lat2)
    omega = np.arccos(np.clip(np.sum(a * b, axis=-1), -1, 1))[:, None]
    so = np.sin(omega)
    so = np.where(so < 1e-12, 1.0, so)
    t = t[None, :]
    wa = np.where(omega < 1e-9, 1 - t, np.sin((1 - t) * omega) / so)
    wb = np.where(omega < 1e-9, t, np.sin(t * omega) / so)
    p = wa[..., None] * a[:, None, :] + wb[..., None] * b[:, None, :]
    lat = np.degrees(np.arctan2(p[..., 2], np.hypot(p[..., 0], p[..., 1])))
    lon = np.degrees(np.arctan2(p[..., 1], p[..., 0]))
    # keep longitudes continuous from the origin so the line does not jump across the map
    lon = np.unwrap(np.radians(lon), axis=1)
    lon = np.degrees(lon)
    shift = np.round((lon[:, :1] - np.asarray(lon1, dtype=float)[:, None]) / 360.0) * 360.0
    return lon - shift, lat


@dataclass(frozen=True)
class Arcs:
    """Curved paths of *n* flows, each sampled at *k* points.

    Attributes
    ----------
    lon, lat : numpy.ndarray, shape (n, k)
        The path from origin (column 0) to destination (column k-1), degrees.
        Longitudes may leave [-180, 180] so that paths crossing the antimeridian stay continuous.
    angle : numpy.ndarray, shape (n,)
        Screen angle of the arrowhead in radians (0 = east, positive = south,
        i.e. y grows downwards as on screen), valid at every zoom.
    length_km : numpy.ndarray, shape (n,)
        Great-circle distance origin → destination.
    """

    lon: np.ndarray
    lat: np.ndarray
    angle: np.ndarray
    length_km: np.ndarray

    def __len__(self) -> int:
        return len(self.angle)

    def point_at(self, t: float) -> tuple[np.ndarray, np.ndarray]:
        """Lon/lat of each path at fraction *t* of its samples (0 = origin, 1 = destination)."""
        k = self.lon.shape[1]
        x = t * (k - 1)
        i = int(np.floor(x))
        j = min(i + 1, k - 1)
        f = x - i
        return (self.lon[:, i] * (1 - f) + self.lon[:, j] * f, self.lat[:, i] * (1 - f) + self.lat[:, j] * f)

    def coords(self, i: int) -> np.ndarray:
        """Path *i* as a (k, 2) lon/lat array."""
        return np.column_stack([self.lon[i], self.lat[i]])


def arcs(o_lon, o_lat, d_lon, d_lat, *, bend=0.18, k: int = 21, great_circle_km: float = 1500.0) -> Arcs:
    """Curved origin→destination paths for many flows at once.

    Parameters
    ----------
    o_lon, o_lat, d_lon, d_lat : array-like, shape (n,)
        Origins and destinations in degrees (EPSG:4326).
    bend : float or array-like
        Sideways bulge at the middle as a share of the straight length
        (0 = straight). A per-flow array lets parallel flows fan apart.
    k : int
        Points per path.
    great_circle_km : float
        From this length on, the path follows the great circle.

    Returns
    -------
    Arcs
    """
    o_lon, o_lat, d_lon, d_lat = (np.atleast_1d(np.asarray(a, dtype=float)) for a in (o_lon, o_lat, d_lon, d_lat))
    n = len(o_lon)
    if n == 0:
        empty = np.zeros((0, k))
        return Arcs(empty, empty.copy(), np.zeros(0), np.zeros(0))
    # take the short way round the antimeridian
    d_lon = d_lon + np.where(d_lon - o_lon > 180, -360.0, 0.0) + np.where(d_lon - o_lon < -180, 360.0, 0.0)
    t = np.linspace(0.0, 1.0, k)
    dist = haversine_km(o_lon, o_lat, d_lon, d_lat)

    ox, oy = mercator(o_lon, o_lat)
    dx_, dy_ = mercator(d_lon, d_lat)
    bx = ox[:, None] + (dx_ - ox)[:, None] * t[None, :]
    by = oy[:, None] + (dy_ - oy)[:, None] * t[None, :]
    long = dist >= great_circle_km
    if long.any():
        glon, glat = _slerp(o_lon[long], o_lat[long], d_lon[long], d_lat[long], t)
        gx, gy = mercator(glon, glat)
        bx[long], by[long] = gx, gy

    # perpendicular to the chord, to the right of travel (screen y is up in metres here)
    cx, cy = dx_ - ox, dy_ - oy
    chord = np.hypot(cx, cy)
    safe = np.where(chord == 0, 1.0, chord)
    px, py = cy / safe, -cx / safe
    bulge = np.broadcast_to(np.asarray(bend, dtype=float), (n,)) * chord
    shape = 4 * t * (1 - t)
    x = bx + (bulge * px)[:, None] * shape[None, :]
    y = by + (bulge * py)[:, None] * shape[None, :]
    lon, lat = inverse_mercator(x, y)
    # arrowhead direction from the last segment; screen y grows downwards
    ex, ey = x[:, -1] - x[:, -2], y[:, -1] - y[:, -2]
    angle = np.arctan2(-ey, ex)
    return Arcs(lon, lat, angle, dist)


def sqrt_scale(values, vmax: float, lo: float, hi: float, *, exponent: float = 0.5) -> np.ndarray:
    """Map counts to widths (or radii) with a power scale; 0 → *lo*, *vmax* → *hi*.

    NaN (no number: vague counts) maps to *lo*.
    """
    v = np.asarray(values, dtype=float)
    if not vmax or not np.isfinite(vmax) or vmax <= 0:
        return np.full(v.shape, lo)
    r = np.clip(np.nan_to_num(v, nan=0.0) / vmax, 0, 1) ** exponent
    return lo + (hi - lo) * r


def nice_steps(vmax: float, n: int = 3) -> list[float]:
    """Up to *n* round legend values (1-2-5 series) at or below *vmax*, largest first."""
    if not vmax or vmax <= 0 or not np.isfinite(vmax):
        return []
    out: list[float] = []
    e = int(np.floor(np.log10(vmax)))
    candidates = sorted({m * 10.0**p for p in range(e - 4, e + 1) for m in (1, 2, 5)}, reverse=True)
    top = next((c for c in candidates if c <= vmax), None)
    if top is None:
        return [vmax]
    out.append(top)
    for c in candidates:
        if len(out) >= n:
            break
        if c < out[-1] / 3.5 and c >= 1:
            out.append(c)
    return out


def fan_bends(ends: np.ndarray, bend: float = 0.18) -> np.ndarray:
    """Per-flow bends so flows between the same two points fan apart instead of overlapping.

    Parameters
    ----------
    ends : numpy.ndarray, shape (n, 4)
        Origin lon, lat and destination lon, lat of each flow.
    bend : float
        The bend of the first flow of each pair; each further one bends 80 % more.
    """
    seen: dict[tuple, int] = {}
    out = np.empty(len(ends))
    for i, row in enumerate(np.round(np.asarray(ends, dtype=float).reshape(-1, 4), 4)):
        key = tuple(row)
        out[i] = bend * (1 + 0.8 * seen.get(key, 0))
        seen[key] = seen.get(key, 0) + 1
    return out


def curved_flows(flows, *, bend: float = 0.18, k: int = 21):
    """A copy of a flows GeoDataFrame whose lines are the curves drawn on the map.

    For GIS users who want the map's arcs (QGIS, kepler.gl): same rows and
    columns, LineStrings from origin to destination with *k* points.
    """
    from shapely import linestrings

    out = flows.copy()
    if len(out) == 0:
        return out
    ends = np.array([[*g.coords[0][:2], *g.coords[-1][:2]] if g is not None and not g.is_empty else [np.nan] * 4
                     for g in out.geometry])
    ok = np.isfinite(ends).all(axis=1)
    a = arcs(ends[ok, 0], ends[ok, 1], ends[ok, 2], ends[ok, 3], bend=fan_bends(ends[ok], bend), k=k)
    geoms = np.array(out.geometry.values, dtype=object)
    geoms[ok] = linestrings(np.stack([a.lon, a.lat], axis=-1))
    out = out.set_geometry(list(geoms), crs=flows.crs)
    return out
