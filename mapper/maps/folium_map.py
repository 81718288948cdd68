"""Interactive flow maps: an :class:`~mapper.pipeline.Extraction` → :class:`folium.Map`.

What is drawn
-------------
* every flow as a curved arc (see :mod:`mapper.maps.geometry`) with an
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
from collections.abc import Mapping
from urllib.parse import urlsplit

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement

from mapper.errors import RenderError
from mapper import outlines
from mapper.maps import assets, geometry, labels

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
        from mapper.maps.html import iframe_html

        return iframe_html(self)

    def save(self, outfile, close_file: bool = True, **kwargs) -> None:
        """Save the self-contained HTML (no CDN), atomically when *outfile* is a path."""
        from mapper.maps.html import save_html, to_html

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
    events = getattr(extraction, "events", None)
    # The registries fill in the order things are first named (articles, then places and
    # sentences as flows and events name them): the document is the same on every run.
    articles = _Articles(tuple(getattr(extraction, "articles", ()) or ()))
    resolution, unplaced = _resolutions(getattr(extraction, "mentions", None), articles)
    places = _Places(getattr(extraction, "places", None), resolution)
    popups = _Popups(articles)
    label_table = _Table()

    keep, ends = _drawable_flows(getattr(extraction, "flows", None))
    n = len(keep)
    # parallel flows between the same two points fan apart instead of overlapping
    arcs = geometry.arcs(ends[:, 0], ends[:, 1], ends[:, 2], ends[:, 3], bend=geometry.fan_bends(ends, bend), k=arc_points)
    values = np.array([np.nan if (v := labels.width_value(r)) is None else v for r in keep], dtype=float)
    vmax = float(np.nanmax(values)) if n and np.isfinite(values).any() else 0.0
    widths = geometry.sqrt_scale(values, vmax, min_width, max_width)

    flow_columns, groups = _flows(keep, ends, values, places, popups, label_table)
    _anchor_shared_labels(groups, keep, flow_columns["d"], arcs)
    ev_out = _events(events, places, popups, label_table)
    _size_symbols(places.items)
    area_out = _areas(places.items) if areas else []
    legend = _legend(vmax, min_width, max_width, flow_columns, ev_out, events, groups, area_out, keep)
    # the members of each group were needed for the anchors only
    groups = [group for group, _ in groups]
    return {
        "v": 1,
        "title": title or _default_title(articles.items),
        "subtitle": _subtitle(n, len(ev_out), articles.items),
        "bounds": _bounds(arcs if n else None, places.items, area_out),
        "statuses": list(STATUS_STYLE),
        "style": STATUS_STYLE,
        "articles": articles.items,
        "places": places.items,
        "sentences": popups.sentences.items,
        "labels": label_table.items,
        "flows": {
            "path": _encode_paths(arcs.lon, arcs.lat) if n else [],
            "w": [round(float(w), 1) for w in widths],
            "ang": [round(float(a), 3) for a in arcs.angle],
            **flow_columns,
        },
        "groups": groups,
        "details": popups.details,
        "events": ev_out,
        "areas": area_out,
        "unplaced": sorted(unplaced.values(), key=lambda u: (-u["n"], u["text"])),
        "legend": legend,
        "opts": {"canvas": n >= canvas_from, "maxLabels": max_labels, "precision": 1e-3},
    }


def _status_index(r: Mapping) -> int:
    """The number of a row's status in the document's ``statuses`` (an unknown status is drawn as completed)."""
    status = _str(r.get("status")) or _UNKNOWN_STATUS
    return list(STATUS_STYLE).index(status if status in STATUS_STYLE else _UNKNOWN_STATUS)


class _Articles:
    """The articles the map cites, numbered in order of first citation, with their title, link and date."""

    def __init__(self, articles: tuple):
        self.items: list[dict] = []
        self._index: dict[str, int] = {}
        for a in articles:
            i = self.index(a.id)
            published = a.published.isoformat() if isinstance(a.published, (_dt.date, _dt.datetime)) else _str(a.published)
            self.items[i].update(title=_str(a.title), url=safe_url(a.url), published=published)

    def index(self, aid) -> int:
        """The number of article *aid* (-1 for none)."""
        aid = _str(aid)
        if aid is None:
            return -1
        if aid not in self._index:
            self._index[aid] = len(self.items)
            self.items.append({"id": aid, "title": None, "url": None, "published": None})
        return self._index[aid]

    def day(self, r: Mapping) -> str:
        """When a movement happened as the text says it, else when it was reported ("" if neither)."""
        own = _str(r.get("date_start")) or _str(r.get("published"))
        if own:
            return own
        a = self.index(r.get("article_id"))
        return (self.items[a]["published"] or "") if a >= 0 else ""


def _resolutions(mentions, articles: _Articles) -> tuple[dict[str, dict], dict[str, dict]]:
    """How well each place was resolved (from its mentions), and the mentions that could not be placed."""
    resolution: dict[str, dict] = {}
    unplaced: dict[str, dict] = {}
    if mentions is None or not len(mentions):
        return resolution, unplaced
    for r, g in zip(_records(mentions), mentions.geometry):
        pid = _str(r.get("place_id"))
        if pid and g is not None and not g.is_empty:
            _note_resolution(resolution, pid, r)
        elif text := _str(r.get("text")):
            u = unplaced.setdefault(text, {"text": text, "n": 0, "a": []})
            u["n"] += 1
            a = articles.index(r.get("article_id"))
            if a >= 0 and a not in u["a"]:
                u["a"].append(a)
    return resolution, unplaced


def _note_resolution(resolution: dict[str, dict], pid: str, r: Mapping) -> None:
    """Count one more mention of place *pid*; keep the confidence and alternatives of its most confident one."""
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
            "n": (best or {}).get("n", 0),
        }
    resolution[pid]["n"] = resolution[pid].get("n", 0) + 1


class _Places:
    """The places drawn, numbered in order of first use, with what the places frame and the mentions say of them.

    ``out`` and ``in`` sum the figures leaving and arriving (which size the
    symbol), ``nout``/``nin`` count the flows, ``ev`` the events.
    """

    def __init__(self, places_frame, resolution: dict[str, dict]):
        self.attrs: dict[str, dict] = {}
        for r in _records(places_frame):
            pid = _str(r.get("place_id"))
            if pid:
                self.attrs[pid] = r
        self.resolution = resolution
        self.items: list[dict] = []
        self._index: dict[str, int] = {}

    def index(self, pid, name, lon, lat) -> int:
        """The number of place *pid* (a new entry, named *name* at *lon*, *lat*, when first seen)."""
        pid = _str(pid) or f"unnamed:{name}:{lon:.4f},{lat:.4f}"
        if pid not in self._index:
            attrs = self.attrs.get(pid, {})
            res = self.resolution.get(pid, {})
            self._index[pid] = len(self.items)
            self.items.append(
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
        return self._index[pid]


class _Popups:
    """What a click on a movement or event shows: its figures and the sentences behind it.

    Sentences are interned once in ``sentences``; ``details`` holds one entry
    per movement or event.
    """

    def __init__(self, articles: _Articles):
        self.articles = articles
        self.sentences = _Table()
        self.details: list[dict] = []

    def add(self, r: Mapping, figs: list[dict]) -> int:
        """The number of a new detail: the figures *figs* of row *r* and its evidence."""
        fs = []
        for f in figs:
            fs.append(
                {
                    "l": labels.figure_label(f, contrast=len({x.get("scope") for x in figs}) > 1),
                    "t": _str(f.get("text")),
                    "st": _str(f.get("status")),
                    "sc": _str(f.get("scope")),
                    "s": self.sentences.add(_str(f.get("sentence"))) if _str(f.get("sentence")) else -1,
                }
            )
        self.details.append({"f": fs, "e": self._evidence(r, figs)})
        return len(self.details) - 1

    def _evidence(self, r: Mapping, figs: list[dict]) -> list[list[int]]:
        """``[sentence, article]`` pairs: the row's evidence, else its sentence, then each figure's sentence."""
        items = []
        raw = r.get("evidence")
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
        ev = []
        for it in items:
            s = _str(it.get("sentence"))
            if not s:
                continue
            pair = [self.sentences.add(s), self.articles.index(it.get("article_id") or r.get("article_id"))]
            if pair not in ev:
                ev.append(pair)
        return ev


def _drawable_flows(flows) -> tuple[list[dict], np.ndarray]:
    """The flows that have a line to draw, and their ends as rows of (origin lon, lat, destination lon, lat)."""
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
    return keep, np.asarray(ends, dtype=float).reshape(-1, 4)


def _flows(keep, ends, values, places: _Places, popups: _Popups, label_table: _Table):
    """The per-flow columns of the document, and its groups (one per movement: label, popup, members).

    A figure shared by several destinations is one group: labelled once and
    counted once at its origin, however many flows carry it.
    """
    group_of: dict[str, int] = {}
    groups: list[tuple[dict, list[int]]] = []
    columns: dict[str, list] = {"st": [], "art": [], "grp": [], "o": [], "d": [], "vague": [], "day": []}
    for i, r in enumerate(keep):
        o = places.index(r.get("origin_id"), r.get("origin"), ends[i, 0], ends[i, 1])
        d = places.index(r.get("destination_id"), r.get("destination"), ends[i, 2], ends[i, 3])
        gid = _str(r.get("group_id")) or _str(r.get("flow_id")) or f"flow{i}"
        if gid not in group_of:
            figs = labels.figures_of(r)
            group_of[gid] = len(groups)
            v = values[i]
            group = {
                "lab": label_table.add(labels.label_lines(figs)) if figs else -1,
                "det": popups.add(r, figs),
                "prio": 0.0 if math.isnan(v) else round(float(v), 3),
                "o": o,
            }
            groups.append((group, []))
            # a figure counts once per movement at its origin, however many destinations share it
            if not math.isnan(v):
                places.items[o]["out"] += float(v)
        g = group_of[gid]
        groups[g][1].append(i)
        if not math.isnan(values[i]):
            places.items[d]["in"] += float(values[i])
        places.items[o]["nout"] += 1
        places.items[d]["nin"] += 1
        columns["st"].append(_status_index(r))
        columns["art"].append(popups.articles.index(r.get("article_id")))
        columns["grp"].append(g)
        columns["o"].append(o)
        columns["d"].append(d)
        columns["vague"].append(1 if math.isnan(values[i]) else 0)
        columns["day"].append(popups.articles.day(r))
    return columns, groups


_LABEL_POSITIONS = (0.42, 0.3, 0.55)  # along the arcs: the first that fits is used, then the others


def _anchor_shared_labels(groups, keep, destinations: list[int], arcs) -> None:
    """Anchor the label of a figure shared by several flows at the middle of their fan.

    A single flow's label sits along its own arc (the browser reads it off the path).
    """
    at = {t: arcs.point_at(t) for t in _LABEL_POSITIONS}
    for group, members in groups:
        shared = bool(len(members) > 1 or any(_truthy(keep[i].get("shared")) for i in members))
        if not shared:
            continue
        anchors = []
        for t in _LABEL_POSITIONS:
            lon, lat = at[t]
            anchors.append([round(float(lat[members].mean()), 4), round(float(lon[members].mean()), 4)])
        group.update(anchors=anchors, n=len(members), shared=True, dests=sorted({destinations[i] for i in members}))


def _events(events, places: _Places, popups: _Popups, label_table: _Table) -> list[dict]:
    """Events, drawn at their one known end."""
    ev_out = []
    for r, g in zip(_records(events), list(events.geometry) if events is not None and len(events) else []):
        if g is None or g.is_empty:
            continue
        p = places.index(r.get("place_id"), r.get("place"), g.x, g.y)
        figs = labels.figures_of(r)
        v = labels.width_value(r)
        role = _str(r.get("role")) or "origin"
        places.items[p]["ev"] += 1
        ev_out.append(
            {
                "p": p,
                "role": role,
                "lab": label_table.add(labels.label_lines(figs)) if figs else -1,
                "det": popups.add(r, figs),
                "st": _status_index(r),
                "art": popups.articles.index(r.get("article_id")),
                "day": popups.articles.day(r),
                "prio": v or 0.0,
            }
        )
    return ev_out


def _size_symbols(place_list: list[dict]) -> None:
    """Place symbols sized by what leaves or arrives."""
    totals = np.array([max(p["out"], p["in"]) for p in place_list] or [0.0])
    tmax = float(totals.max()) if len(totals) else 0.0
    radii = geometry.sqrt_scale(totals, tmax, 4.0, 16.0)
    for p, rad in zip(place_list, radii):
        p["r"] = round(float(rad), 1)


def _areas(place_list: list[dict]) -> list[dict]:
    """Areas (countries, provinces, parts of them) drawn as their outline."""
    area_out = []
    for i, p in enumerate(place_list):
        rings = outlines.rings_near(_outline(p), p["lon"])  # drawn around the point the arrows end at
        if rings:
            area_out.append({"p": i, "rings": rings})
            # the outline says how big the area is; its point is only where the arrow ends
            p["r"] = 4.0
            p["area"] = True
    return area_out


def _bounds(arcs, place_list: list[dict], area_out: list[dict]) -> list[list[float]] | None:
    """South-west and north-east corners of everything drawn (*arcs* None when no flow is drawn)."""
    lats = [arcs.lat.ravel()] if arcs is not None else []
    lons = [arcs.lon.ravel()] if arcs is not None else []
    if place_list:
        lats.append(np.array([p["lat"] for p in place_list]))
        lons.append(np.array([p["lon"] for p in place_list]))
    for a in area_out:
        if place_list[a["p"]]["type"] == "country":
            continue  # a whole country (Russia, the United States) would zoom the map out to the world
        pts = np.array([pt for poly in a["rings"] for pt in poly[0]])
        lats.append(pts[:, 0])
        lons.append(pts[:, 1])
    if not lats:
        return None
    la, lo = np.concatenate(lats), np.concatenate(lons)
    return [[round(float(la.min()), 4), round(float(lo.min()), 4)], [round(float(la.max()), 4), round(float(lo.max()), 4)]]


def _legend(vmax, min_width, max_width, flow_columns, ev_out, events, groups, area_out, keep) -> dict:
    """What the legend explains: line widths, the statuses present, vague and shared figures, areas, events, units."""
    steps = geometry.nice_steps(vmax, 3)
    statuses = list(STATUS_STYLE)
    present = {statuses[x] for x in flow_columns["st"]} | {statuses[ev["st"]] for ev in ev_out}
    return {
        "widths": [[labels.format_number(s), round(float(geometry.sqrt_scale([s], vmax, min_width, max_width)[0]), 1)] for s in steps],
        "statuses": [s for s in statuses if s in present],
        "vague": bool(any(flow_columns["vague"])) or any(labels.width_value(r) is None for r in _records(events)),
        "shared": any(group.get("shared", False) for group, _ in groups),
        "areas": bool(area_out),
        "events": bool(ev_out),
        "units": sorted({u for r in keep for u in [_str(r.get("unit"))] if u}),
    }


def _default_title(article_list: list[dict]) -> str:
    named = [a["title"] for a in article_list if a["title"]]
    return named[0] if len(named) == 1 else ("Movements reported in " + f"{len(article_list)} articles" if article_list else "Movements")


def _subtitle(n_flows: int, n_events: int, article_list: list[dict]) -> str:
    return f"{n_flows} flow{'s' * (n_flows != 1)}" + (f", {n_events} one-ended" if n_events else "") + (
        f" · {len(article_list)} article{'s' * (len(article_list) != 1)}" if article_list else ""
    )


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
        Save it with :func:`mapper.maps.html.save_html` (no CDN links).

    Raises
    ------
    RenderError
        When an option is unknown or the data cannot be drawn.

    Examples
    --------
    >>> m = render(extraction, tiles=None)          # doctest: +SKIP
    >>> save_html(m, "output/map.html")             # doctest: +SKIP
    """
    payload = _payload(extraction, title, options)
    count = 0
    given_map = m is not None
    if m is None:
        m = _new_map(payload["bounds"], width, height)
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


_MAP_OPTIONS = frozenset({"max_width", "min_width", "arc_points", "bend", "canvas_from", "max_labels", "areas"})


def _payload(extraction, title: str | None, options: dict) -> dict:
    """:func:`build_payload`, with its failures as :class:`RenderError`."""
    unknown = sorted(set(options) - _MAP_OPTIONS)
    if unknown:
        raise RenderError(f"unknown map option(s) {', '.join(unknown)}: use one of {', '.join(sorted(_MAP_OPTIONS))}")
    try:
        return build_payload(extraction, title=title, **options)
    except (KeyError, TypeError, ValueError) as exc:
        raise RenderError(f"the map could not be drawn ({type(exc).__name__}: {exc}): check the extraction's frames") from exc


def _new_map(bounds, width, height) -> FlowMap:
    """A new map centred on *bounds* (the world when nothing is drawn), with a fixed id for byte-identical output."""
    location = [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2] if bounds else [20.0, 0.0]
    m = FlowMap(location=location, zoom_start=5 if bounds else 2, tiles=None, control_scale=True,
                width=width, height=height, prefer_canvas=False)
    m._id = "mapper"
    return m
