"""Interactive flow maps: an :class:`~mapper.pipeline.Extraction` → :class:`folium.Map`.

What is drawn
-------------
* every flow as a curved arc (see :mod:`mapper.render.geometry`) with an
  arrowhead, width by its count (square-root scale, in the legend), colour and
  dash by status, faded when the count is vague ("thousands");
* one count label per movement (a shared figure is labelled once, at its fan),
  visible without clicking, several figures one per line, never summed;
  labels that would overlap are hidden until hovered;
* origins and destinations as circles sized by the figures leaving/arriving,
  areas (countries, provinces and compass parts of them, "northern Syria") as
  their dashed outline, so that an arrow to a country does not read as one
  town; events with one known end;
* popups with the evidence sentences, article title/date/link, and the
  geocoded places with confidence and alternatives;
* a legend, a title, a scale bar, a layer control by status and by article, a
  panel listing mentions that could not be placed, and fitted bounds;
* an embedded Natural Earth outline, so the map reads with no network, under
  an optional tile layer (OpenStreetMap by default) that covers it online.

All data travels to the browser as one JSON document inside a ``<script>``
(escaped so no text can close it), and the browser builds every popup and
label with ``textContent``: no article text is ever parsed as HTML.
"""

from __future__ import annotations

import datetime as _dt
import os
import json
import math
from collections import defaultdict
from collections.abc import Mapping
from urllib.parse import urlsplit

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement

from mapper.errors import RenderError
from mapper import outlines
from mapper.render import assets, geometry, labels

__all__ = ["render", "FlowMap", "FlowLayer", "build_payload", "STATUS_STYLE", "DEFAULT_TILES"]

# OpenStreetMap needs no key (CartoDB now asks for one); the stylesheet greys it so flows stand out.
DEFAULT_TILES = "OpenStreetMap"

#: Colour and dash per status; the legend shows the statuses present.
#: Dashes are in line widths (scaled by each line's width in the browser).
STATUS_STYLE: dict[str, dict[str, str | None]] = {
    "completed": {"color": "#1f4e8c", "dash": None, "cap": "round"},
    "ongoing": {"color": "#c8590b", "dash": "2.2 1.1", "cap": "butt"},
    "planned": {"color": "#7b3fa0", "dash": "0 1.9", "cap": "round"},
    "blocked": {"color": "#7a7a7a", "dash": "1 1", "cap": "butt"},
}
_UNKNOWN_STATUS = "completed"


def _str(v) -> str | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if v is pd.NA or v is pd.NaT:
        return None
    s = str(v)
    return s if s else None


def _float(v) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def safe_url(url) -> str | None:
    """*url* when it is an http(s) link, else None (``javascript:``, ``data:`` never become links)."""
    url = _str(url)
    if not url:
        return None
    url = url.strip()
    if any(ord(c) < 33 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def _truthy(v) -> bool:
    return isinstance(v, (bool, np.bool_)) and bool(v)


def _records(frame) -> list[dict]:
    if frame is None or len(frame) == 0:
        return []
    cols = [c for c in frame.columns if c != getattr(frame, "_geometry_column_name", "geometry")]
    return frame[cols].to_dict("records")


class FlowMap(folium.Map):
    """A :class:`folium.Map` that shows itself offline in Jupyter.

    folium's own notebook display links Leaflet from CDNs, so a map would stay
    blank in the field; this one embeds the self-contained HTML instead.
    Everything else is folium's.
    """

    def _repr_html_(self, **kwargs) -> str:
        from mapper.render.html import iframe_html

        return iframe_html(self)

    def save(self, outfile, close_file: bool = True, **kwargs) -> None:
        """Save the self-contained HTML (no CDN), atomically when *outfile* is a path."""
        from mapper.render.html import save_html, to_html

        if isinstance(outfile, (str, os.PathLike)):
            save_html(self, outfile)
            return
        outfile.write(to_html(self).encode("utf-8") if "b" in getattr(outfile, "mode", "") else to_html(self))
        if close_file:
            outfile.close()


class _Table:
    """Interning of repeated values (sentences, labels) into one list."""

    def __init__(self):
        self.items: list = []
        self._index: dict = {}

    def add(self, item) -> int:
        key = item if isinstance(item, (str, int, float, type(None))) else repr(item)
        if key not in self._index:
            self._index[key] = len(self.items)
            self.items.append(item)
        return self._index[key]


def _encode_paths(lon: np.ndarray, lat: np.ndarray, precision: float = 1e-3) -> list[list[int]]:
    """Each path as integer deltas at *precision* degrees: [lat0, lon0, dlat1, dlon1, ...]."""
    q = np.round(np.stack([lat, lon], axis=-1) / precision).astype(np.int64)  # (n, k, 2)
    d = np.concatenate([q[:, :1], np.diff(q, axis=1)], axis=1)
    return d.reshape(len(d), -1).tolist()


def build_payload(
    extraction,
    *,
    title: str | None = None,
    max_width: float = 14.0,
    min_width: float = 2.0,
    arc_points: int = 21,
    bend: float = 0.18,
    canvas_from: int = 1500,
    max_labels: int = 150,
    areas: bool = True,
) -> dict:
    """The JSON document the browser draws (see :func:`render` for the options).

    Returns
    -------
    dict
        Plain JSON-able data; no HTML.
    """
    flows = getattr(extraction, "flows", None)
    events = getattr(extraction, "events", None)
    places_df = getattr(extraction, "places", None)
    mentions_df = getattr(extraction, "mentions", None)
    articles = tuple(getattr(extraction, "articles", ()) or ())

    sentences = _Table()
    label_table = _Table()
    article_index: dict[str, int] = {}
    article_list: list[dict] = []

    def day(r: Mapping) -> str:
        """When a movement happened as the text says it, else when it was reported ("" if neither)."""
        own = _str(r.get("date_start")) or _str(r.get("published"))
        if own:
            return own
        a = art(r.get("article_id"))
        return (article_list[a]["published"] or "") if a >= 0 else ""

    def art(aid) -> int:
        aid = _str(aid)
        if aid is None:
            return -1
        if aid not in article_index:
            article_index[aid] = len(article_list)
            article_list.append({"id": aid, "title": None, "url": None, "published": None})
        return article_index[aid]

    for a in articles:
        i = art(a.id)
        published = a.published.isoformat() if isinstance(a.published, (_dt.date, _dt.datetime)) else _str(a.published)
        article_list[i].update(title=_str(a.title), url=safe_url(a.url), published=published)

    # places: attributes from .places, resolution quality from .mentions ---------------------
    place_attrs: dict[str, dict] = {}
    for r in _records(places_df):
        pid = _str(r.get("place_id"))
        if pid:
            place_attrs[pid] = r
    resolution: dict[str, dict] = {}
    unplaced: dict[str, dict] = {}
    if mentions_df is not None and len(mentions_df):
        geoms = mentions_df.geometry
        for r, g in zip(_records(mentions_df), geoms):
            pid = _str(r.get("place_id"))
            if pid and g is not None and not g.is_empty:
                conf = _float(r.get("confidence"))
                best = resolution.get(pid)
                if best is None or (conf or 0) > (best["conf"] or 0):
                    try:
                        alts = [a for a in json.loads(r.get("alternatives") or "[]") if isinstance(a, Mapping)]
                    except (TypeError, ValueError):
                        alts = []
                    resolution[pid] = {
                        "conf": conf,
                        "alts": [
                            {"name": _str(a.get("name")), "type": _str(a.get("feature_type")), "cc": _str(a.get("country_code"))}
                            for a in alts[:5]
                        ],
                        "n": (resolution.get(pid) or {}).get("n", 0),
                    }
                resolution[pid]["n"] = resolution[pid].get("n", 0) + 1
            else:
                text = _str(r.get("text"))
                if text:
                    u = unplaced.setdefault(text, {"text": text, "n": 0, "a": []})
                    u["n"] += 1
                    a = art(r.get("article_id"))
                    if a >= 0 and a not in u["a"]:
                        u["a"].append(a)

    place_list: list[dict] = []
    place_index: dict[str, int] = {}

    def place(pid, name, lon, lat) -> int:
        pid = _str(pid) or f"unnamed:{name}:{lon:.4f},{lat:.4f}"
        if pid not in place_index:
            attrs = place_attrs.get(pid, {})
            res = resolution.get(pid, {})
            place_index[pid] = len(place_list)
            place_list.append(
                {
                    "id": pid,
                    "name": _str(name) or _str(attrs.get("name")) or pid,
                    "type": _str(attrs.get("feature_type")),
                    "cc": _str(attrs.get("country_code")),
                    "source": _str(attrs.get("source")),
                    "conf": res.get("conf"),
                    "alts": res.get("alts", []),
                    "lat": round(float(lat), 5),
                    "lon": round(float(lon), 5),
                    "out": 0.0,
                    "in": 0.0,
                    "nout": 0,
                    "nin": 0,
                    "ev": 0,
                }
            )
        return place_index[pid]

    # flows --------------------------------------------------------------------------------
    rows = _records(flows)
    geoms = list(flows.geometry) if rows else []
    keep = []
    ends = []
    for r, g in zip(rows, geoms):
        if g is None or g.is_empty or g.geom_type != "LineString":
            continue
        c = list(g.coords)
        if len(c) < 2:
            continue
        keep.append(r)
        ends.append((c[0][0], c[0][1], c[-1][0], c[-1][1]))
    n = len(keep)
    e = np.asarray(ends, dtype=float).reshape(-1, 4)

    # parallel flows between the same two points fan apart instead of overlapping
    arcs = geometry.arcs(e[:, 0], e[:, 1], e[:, 2], e[:, 3], bend=geometry.fan_bends(e, bend), k=arc_points)

    values = np.array([np.nan if (v := labels.width_value(r)) is None else v for r in keep], dtype=float)
    vmax = float(np.nanmax(values)) if n and np.isfinite(values).any() else 0.0
    widths = geometry.sqrt_scale(values, vmax, min_width, max_width)

    statuses = list(STATUS_STYLE)
    group_of: dict[str, int] = {}
    groups: list[dict] = []
    group_members: dict[int, list[int]] = defaultdict(list)
    details: list[dict] = []

    def evidence_of(r: Mapping, figs: list[dict]) -> list[list[int]]:
        ev = []
        raw = r.get("evidence")
        items = []
        if isinstance(raw, str) and raw.strip():
            try:
                items = [x for x in json.loads(raw) if isinstance(x, Mapping)]
            except ValueError:
                items = []
        if not items and _str(r.get("sentence")):
            items = [{"sentence": r.get("sentence"), "article_id": r.get("article_id")}]
        for f in figs:
            if _str(f.get("sentence")):
                items.append({"sentence": f.get("sentence"), "article_id": f.get("article_id") or r.get("article_id")})
        for it in items:
            s = _str(it.get("sentence"))
            if not s:
                continue
            pair = [sentences.add(s), art(it.get("article_id") or r.get("article_id"))]
            if pair not in ev:
                ev.append(pair)
        return ev

    def detail(r: Mapping, figs: list[dict]) -> int:
        fs = []
        for f in figs:
            fs.append(
                {
                    "l": labels.figure_label(f, contrast=len({x.get("scope") for x in figs}) > 1),
                    "t": _str(f.get("text")),
                    "st": _str(f.get("status")),
                    "sc": _str(f.get("scope")),
                    "s": sentences.add(_str(f.get("sentence"))) if _str(f.get("sentence")) else -1,
                }
            )
        details.append({"f": fs, "e": evidence_of(r, figs)})
        return len(details) - 1

    f_o, f_d, f_st, f_art, f_grp, f_vague, f_day = [], [], [], [], [], [], []
    for i, r in enumerate(keep):
        o = place(r.get("origin_id"), r.get("origin"), e[i, 0], e[i, 1])
        d = place(r.get("destination_id"), r.get("destination"), e[i, 2], e[i, 3])
        status = _str(r.get("status")) or _UNKNOWN_STATUS
        if status not in STATUS_STYLE:
            status = _UNKNOWN_STATUS
        gid = _str(r.get("group_id")) or _str(r.get("flow_id")) or f"flow{i}"
        if gid not in group_of:
            figs = labels.figures_of(r)
            group_of[gid] = len(groups)
            v = values[i]
            groups.append(
                {
                    "lab": label_table.add(labels.label_lines(figs)) if figs else -1,
                    "det": detail(r, figs),
                    "prio": 0.0 if math.isnan(v) else round(float(v), 3),
                    "o": o,
                }
            )
            # a figure counts once per movement at its origin, however many destinations share it
            if not math.isnan(v):
                place_list[o]["out"] += float(v)
        g = group_of[gid]
        group_members[g].append(i)
        if not math.isnan(values[i]):
            place_list[d]["in"] += float(values[i])
        place_list[o]["nout"] += 1
        place_list[d]["nin"] += 1
        f_o.append(o)
        f_d.append(d)
        f_st.append(statuses.index(status))
        f_art.append(art(r.get("article_id")))
        f_grp.append(g)
        f_vague.append(1 if math.isnan(values[i]) else 0)
        f_day.append(day(r))

    # label anchors: the middle of a single arc; the middle of the fan for a shared figure
    f_path = _encode_paths(arcs.lon, arcs.lat) if n else []
    at = {t: arcs.point_at(t) for t in (0.42, 0.3, 0.55)}
    for g, members in group_members.items():
        shared = bool(len(members) > 1 or any(_truthy(keep[i].get("shared")) for i in members))
        if not shared:
            continue  # a single flow's label sits along its own arc (the browser reads it off the path)
        anchors = []
        for t in (0.42, 0.3, 0.55):
            lon, lat = at[t]
            anchors.append([round(float(lat[members].mean()), 4), round(float(lon[members].mean()), 4)])
        groups[g].update(anchors=anchors, n=len(members), shared=True, dests=sorted({f_d[i] for i in members}))

    # events: one known end --------------------------------------------------------------------
    ev_out = []
    for r, g in zip(_records(events), list(events.geometry) if events is not None and len(events) else []):
        if g is None or g.is_empty:
            continue
        p = place(r.get("place_id"), r.get("place"), g.x, g.y)
        figs = labels.figures_of(r)
        v = labels.width_value(r)
        role = _str(r.get("role")) or "origin"
        status = _str(r.get("status")) or _UNKNOWN_STATUS
        place_list[p]["ev"] += 1
        ev_out.append(
            {
                "p": p,
                "role": role,
                "lab": label_table.add(labels.label_lines(figs)) if figs else -1,
                "det": detail(r, figs),
                "st": statuses.index(status if status in STATUS_STYLE else _UNKNOWN_STATUS),
                "art": art(r.get("article_id")),
                "day": day(r),
                "prio": v or 0.0,
            }
        )

    # place symbols sized by what leaves / arrives ----------------------------------------------
    totals = np.array([max(p["out"], p["in"]) for p in place_list] or [0.0])
    tmax = float(totals.max()) if len(totals) else 0.0
    radii = geometry.sqrt_scale(totals, tmax, 4.0, 16.0)
    for p, rad in zip(place_list, radii):
        p["r"] = round(float(rad), 1)

    # areas (countries, provinces, parts of them) drawn as their outline -------------------------
    area_out = []
    if areas:
        for i, p in enumerate(place_list):
            rings = outlines.rings_near(_outline(p), p["lon"])  # drawn around the point the arrows end at
            if rings:
                area_out.append({"p": i, "rings": rings})
                # the outline says how big the area is; its point is only where the arrow ends
                p["r"] = 4.0
                p["area"] = True

    # bounds of everything drawn ---------------------------------------------------------------
    lats = [arcs.lat.ravel()] if n else []
    lons = [arcs.lon.ravel()] if n else []
    if place_list:
        lats.append(np.array([p["lat"] for p in place_list]))
        lons.append(np.array([p["lon"] for p in place_list]))
    for a in area_out:
        if place_list[a["p"]]["type"] == "country":
            continue  # a whole country (Russia, the United States) would zoom the map out to the world
        pts = np.array([pt for poly in a["rings"] for pt in poly[0]])
        lats.append(pts[:, 0])
        lons.append(pts[:, 1])
    bounds = None
    if lats:
        la, lo = np.concatenate(lats), np.concatenate(lons)
        bounds = [[round(float(la.min()), 4), round(float(lo.min()), 4)], [round(float(la.max()), 4), round(float(lo.max()), 4)]]

    # legend ------------------------------------------------------------------------------------
    steps = geometry.nice_steps(vmax, 3)
    legend = {
        "widths": [[labels.format_number(s), round(float(geometry.sqrt_scale([s], vmax, min_width, max_width)[0]), 1)] for s in steps],
        "statuses": [s for s in statuses if s in {statuses[x] for x in f_st} | {statuses[ev["st"]] for ev in ev_out}],
        "vague": bool(any(f_vague)) or any(labels.width_value(r) is None for r in _records(events)),
        "shared": any(g.get("shared", False) for g in groups),
        "areas": bool(area_out),
        "events": bool(ev_out),
        "units": sorted({u for r in keep for u in [_str(r.get("unit"))] if u}),
    }
    if not title:
        named = [a["title"] for a in article_list if a["title"]]
        title = named[0] if len(named) == 1 else ("Movements reported in " + f"{len(article_list)} articles" if article_list else "Movements")
    n_flows, n_events = n, len(ev_out)
    subtitle = f"{n_flows} flow{'s' * (n_flows != 1)}" + (f", {n_events} one-ended" if n_events else "") + (
        f" · {len(article_list)} article{'s' * (len(article_list) != 1)}" if article_list else ""
    )
    return {
        "v": 1,
        "title": title,
        "subtitle": subtitle,
        "bounds": bounds,
        "statuses": statuses,
        "style": STATUS_STYLE,
        "articles": article_list,
        "places": place_list,
        "sentences": sentences.items,
        "labels": label_table.items,
        "flows": {
            "path": f_path,
            "w": [round(float(w), 1) for w in widths],
            "ang": [round(float(a), 3) for a in arcs.angle],
            "st": f_st,
            "art": f_art,
            "grp": f_grp,
            "o": f_o,
            "d": f_d,
            "vague": f_vague,
            "day": f_day,
        },
        "groups": groups,
        "details": details,
        "events": ev_out,
        "areas": area_out,
        "unplaced": sorted(unplaced.values(), key=lambda u: (-u["n"], u["text"])),
        "legend": legend,
        "opts": {"canvas": n >= canvas_from, "maxLabels": max_labels, "precision": 1e-3},
    }


def _outline(p: Mapping) -> list | None:
    """Leaflet rings of a place that is an area: a country, an admin-1 area or a compass part of one."""
    kind = p["type"]
    if kind in (None, "admin1"):
        return outlines.admin1_outline(p["id"])
    if kind == "country":
        return outlines.leaflet_rings(outlines.country_shape(p["cc"]))
    if kind == "region" and "#" in p["id"]:
        from mapper.geocode.regions import region_shape

        return outlines.leaflet_rings(region_shape(p["id"]))
    return None


class _Raw(Element):
    """Text placed as is: branca would otherwise parse rendered output again as a Jinja
    template, where article text such as ``{{ ... }}`` would be evaluated."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        return self._text


class FlowLayer(MacroElement):
    """The flow map drawn into a folium map: inlined assets in the head, one script call.

    Parameters
    ----------
    payload : dict
        From :func:`build_payload`.
    basemap : bool
        Embed the Natural Earth country outline.
    tiles : folium.TileLayer or None
        The tile layer the layer control may switch.
    element_id : str
        Fixed element id, so output is byte-identical across runs.
    """

    def __init__(self, payload: dict, *, basemap: bool = True, tiles=None, element_id: str = "mapper"):
        super().__init__()
        self._name = "FlowLayer"
        self._id = element_id
        self.payload = payload
        self.basemap = basemap
        self.tiles = tiles

    def render(self, **kwargs):
        figure = self.get_root()
        # one copy of the assets however many flow layers the figure holds
        figure.header.add_child(_Raw(assets.head_html()), name="mapper_assets")
        # data as JSON documents (parsed faster than script literals); `<` is escaped in them
        data_id = f"mapper-data-{self._id}"
        figure.html.add_child(
            _Raw(f'<script type="application/json" id="{data_id}">{assets.script_json(self.payload)}</script>'),
            name=data_id,
        )
        basemap_js = "null"
        if self.basemap:
            figure.html.add_child(
                _Raw(f'<script type="application/json" id="mapper-basemap">{_escape_script(outlines.countries_topojson())}</script>'),
                name="mapper-basemap",
            )
            basemap_js = "JSON.parse(document.getElementById('mapper-basemap').textContent)"
        tiles_js = self.tiles.get_name() if self.tiles is not None else "null"
        call = (
            f"mapperFlowmap({self._parent.get_name()}, JSON.parse(document.getElementById('{data_id}').textContent), "
            f"{basemap_js}, {tiles_js});"
        )
        figure.script.add_child(_Raw(call), name=self.get_name())


def _escape_script(json_text: str) -> str:
    return json_text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render(
    extraction,
    *,
    m: folium.Map | None = None,
    tiles: str | None = DEFAULT_TILES,
    basemap: bool = True,
    title: str | None = None,
    width: str | int = "100%",
    height: str | int = "100%",
    **options,
) -> folium.Map:
    """Draw an extraction as an interactive, self-contained flow map.

    Parameters
    ----------
    extraction : Extraction
        Anything with ``.flows``, ``.events``, ``.places``, ``.mentions``
        GeoDataFrames (EPSG:4326, columns of :mod:`mapper.schema`) and
        ``.articles``; missing frames are treated as empty.
    m : folium.Map, optional
        Draw into this map instead of a new one.
    tiles : str or xyzservices.TileProvider or None
        Tile basemap shown when online (attribution included); None for none.
        The embedded Natural Earth outline is drawn underneath either way.
        When *m* is given, its own tiles are kept and the default adds none.
    basemap : bool
        Embed the Natural Earth country outline (about 240 kB).
    title : str, optional
        Map title; defaults to the article's title.
    width, height : str or int
        Size of a new map.
    **options
        Passed to :func:`build_payload`: ``max_width``, ``min_width`` (px),
        ``arc_points``, ``bend``, ``canvas_from`` (flows from which the
        canvas renderer replaces SVG), ``max_labels``, ``areas``.

    Returns
    -------
    folium.Map
        Save it with :func:`mapper.render.html.save_html` (no CDN links).

    Raises
    ------
    RenderError
        When an option is unknown or the data cannot be drawn.

    Examples
    --------
    >>> m = render(extraction, tiles=None)          # doctest: +SKIP
    >>> save_html(m, "output/map.html")             # doctest: +SKIP
    """
    allowed = {"max_width", "min_width", "arc_points", "bend", "canvas_from", "max_labels", "areas"}
    unknown = sorted(set(options) - allowed)
    if unknown:
        raise RenderError(f"unknown map option(s) {', '.join(unknown)}: use one of {', '.join(sorted(allowed))}")
    try:
        payload = build_payload(extraction, title=title, **options)
    except (KeyError, TypeError, ValueError) as exc:
        raise RenderError(f"the map could not be drawn ({type(exc).__name__}: {exc}): check the extraction's frames") from exc
    count = 0
    given_map = m is not None
    if m is None:
        bounds = payload["bounds"]
        location = (
            [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2] if bounds else [20.0, 0.0]
        )
        m = FlowMap(location=location, zoom_start=5 if bounds else 2, tiles=None, control_scale=True,
                       width=width, height=height, prefer_canvas=False)
        m._id = "mapper"
    else:
        count = sum(1 for c in m._children.values() if isinstance(c, FlowLayer))
    tile_layer = None
    if given_map and tiles == DEFAULT_TILES:
        tiles = None  # the caller's map has its own tiles (or chose none)
    if tiles is not None:
        tile_layer = folium.TileLayer(tiles=tiles, name="Tiles (online)", control=False)
        tile_layer._id = f"tiles{count or ''}"
        m.add_child(tile_layer, name=tile_layer.get_name())
    layer = FlowLayer(payload, basemap=basemap, tiles=tile_layer, element_id=f"mapper{count or ''}")
    m.add_child(layer, name=layer.get_name())
    m._mapper_title = payload["title"]
    return m
