"""Static maps (PNG/SVG) for reports, drawn with matplotlib from the same data as the web map.

The figure uses Web Mercator like the web map, so arcs bend the same way. It
has the embedded Natural Earth outline, admin-1 outlines, arrows with heads,
count labels (overlapping ones are left out, the rest stay readable), place
names, a legend, a title, sources and the list of names that could not be
placed. Output is deterministic (fixed SVG ids, no dates in metadata).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mapper.errors import RenderError
from mapper import outlines
from mapper.maps import geometry
from mapper.maps.folium_map import STATUS_STYLE, build_payload

__all__ = ["static_figure", "save_static"]


def _decode(path: list[int], precision: float) -> np.ndarray:
    a = np.cumsum(np.asarray(path, dtype=float).reshape(-1, 2), axis=0) * precision
    return a  # [lat, lon]


def _dashes(status: str, w: float):
    # matplotlib scales dashes by the line width already, as the web map does
    dash = STATUS_STYLE.get(status, {}).get("dash")
    if not dash:
        return None
    k = max(1.0, 2.5 / max(w, 0.1))
    return tuple(max(0.05, float(x) * k) for x in dash.split())


def static_figure(extraction, *, title: str | None = None, width: float = 10.0, height: float = 7.5,
                  dpi: int = 150, max_labels: int = 60, **options):
    """Draw *extraction* as a :class:`matplotlib.figure.Figure` (no pyplot state touched).

    Parameters
    ----------
    extraction : Extraction
    title : str, optional
    width, height : float
        Figure size in inches.
    dpi : int
    max_labels : int
        At most this many count labels.
    **options
        Passed to :func:`mapper.maps.folium_map.build_payload`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.figure import Figure

    p = build_payload(extraction, title=title, **options)
    fig = Figure(figsize=(width, height), dpi=dpi)
    ax = fig.add_axes((0.01, 0.01, 0.98, 0.92))
    ax.set_axis_off()
    ax.set_facecolor("#dbe6ee")
    fig.patch.set_facecolor("white")
    x0, x1, y0, y1 = _extent(p["bounds"], (width * 0.98) / (height * 0.92))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    _draw_land(ax, x0, x1, y0, y1)
    _draw_areas(ax, p["areas"])
    _draw_flows(ax, p)
    _draw_places(ax, p["places"])
    # labels, biggest first; a label that would overlap one already drawn is left out
    labels = _Labels(fig, ax)
    _label_movements(labels, p, max_labels)
    _label_places(labels, p["places"], x1 - x0, width * dpi * 0.98)
    _label_events(labels, p)
    _draw_legend(ax, p["legend"])
    _draw_titles(fig, p)
    return fig


def _extent(bounds, aspect: float) -> tuple[float, float, float, float]:
    """x0, x1, y0, y1 in Web Mercator: what is drawn, with room around it, at the axes' *aspect* ratio."""
    if bounds:
        (s, w), (n, e) = bounds
    else:
        s, w, n, e = -60.0, -170.0, 75.0, 170.0
    x0, y0 = geometry.mercator(w, s)
    x1, y1 = geometry.mercator(e, n)
    dx, dy = max(x1 - x0, 2e4), max(y1 - y0, 2e4)
    pad = 0.12
    x0, x1, y0, y1 = x0 - pad * dx, x1 + pad * dx, y0 - pad * dy, y1 + pad * dy
    if (x1 - x0) / (y1 - y0) < aspect:
        grow = (y1 - y0) * aspect - (x1 - x0)
        x0, x1 = x0 - grow / 2, x1 + grow / 2
    else:
        grow = (x1 - x0) / aspect - (y1 - y0)
        y0, y1 = y0 - grow / 2, y1 + grow / 2
    return x0, x1, y0, y1


def _add_polygon(ax, rings, **kw) -> None:
    """Rings of (lon, lat) drawn as Web Mercator patches."""
    from matplotlib.patches import Polygon as MplPolygon

    for ring in rings:
        a = np.asarray(ring)
        mx, my = geometry.mercator(a[:, 0], a[:, 1])
        ax.add_patch(MplPolygon(np.column_stack([mx, my]), closed=True, **kw))


def _draw_land(ax, x0: float, x1: float, y0: float, y1: float) -> None:
    """The sea, and the embedded Natural Earth countries clipped to the extent."""
    from matplotlib.patches import Polygon as MplPolygon
    from shapely import clip_by_rect

    ax.add_patch(MplPolygon([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], closed=True, facecolor="#dbe6ee", edgecolor="none", zorder=0))
    lon0, lat0 = geometry.inverse_mercator(x0, y0)
    lon1, lat1 = geometry.inverse_mercator(x1, y1)
    for shape in outlines.countries_shapes():
        if not shape.is_valid:
            shape = shape.buffer(0)
        clipped = clip_by_rect(shape, float(lon0) - 1, max(float(lat0) - 1, -85), float(lon1) + 1, min(float(lat1) + 1, 85))
        if clipped.is_empty:
            continue
        for poly in getattr(clipped, "geoms", [clipped]):
            if poly.geom_type != "Polygon" or poly.is_empty:
                continue
            _add_polygon(ax, [poly.exterior.coords], facecolor="#f3f1ec", edgecolor="#a9a9a9", linewidth=0.5, zorder=1)


def _draw_areas(ax, areas: list[dict]) -> None:
    """Areas (countries, provinces, parts of them) as a shaded, dashed outline."""
    for area in areas:
        for poly in area["rings"]:
            _add_polygon(ax, [[(lon, lat) for lat, lon in poly[0]]], facecolor="#6b6b6b", alpha=0.08, edgecolor="none", zorder=2)
            _add_polygon(ax, [[(lon, lat) for lat, lon in poly[0]]], facecolor="none", edgecolor="#4a4a4a", linewidth=1.0,
                         linestyle=(0, (5, 4)), zorder=2)


def _draw_flows(ax, p: dict) -> None:
    """Every flow as its arc with an arrowhead, widest first, styled by status, faded when vague."""
    from matplotlib.lines import Line2D

    F = p["flows"]
    statuses = p["statuses"]
    places = p["places"]
    order = np.argsort(F["w"])[::-1] if F["w"] else []
    for i in order:
        latlon = _decode(F["path"][i], p["opts"]["precision"])
        mx, my = geometry.mercator(latlon[:, 1], latlon[:, 0])
        st = statuses[F["st"][i]]
        color = STATUS_STYLE[st]["color"]
        w_pt = F["w"][i] * 0.75
        alpha = 0.45 if F["vague"][i] else 0.85
        line = Line2D(mx[:-1], my[:-1], color=color, linewidth=w_pt, alpha=alpha, zorder=3,
                      solid_capstyle="round", dash_capstyle=STATUS_STYLE[st].get("cap") or "butt")
        d = _dashes(st, w_pt)
        if d:
            line.set_dashes(d)
        ax.add_line(line)
        ax.annotate("", xy=(mx[-1], my[-1]), xytext=(mx[-3], my[-3]), zorder=4,
                    arrowprops=dict(arrowstyle="-|>", color=color, alpha=min(1.0, alpha + 0.1), lw=0,
                                    mutation_scale=8 + 1.6 * F["w"][i], shrinkA=0, shrinkB=places[F["d"][i]]["r"] * 0.75))


def _draw_places(ax, places: list[dict]) -> None:
    """Places as circles: white where people left, dark where they arrived, grey for both."""
    for pl in places:
        role = "both" if pl["nout"] and pl["nin"] else ("origin" if pl["nout"] else ("destination" if pl["nin"] else "event"))
        fill = {"origin": "white", "destination": "#2b2b2b", "both": "#9a9a9a", "event": "white"}[role]
        mx, my = geometry.mercator(pl["lon"], pl["lat"])
        ax.scatter([mx], [my], s=(pl["r"] * 0.75 * 2) ** 2, c=fill, edgecolors="#2b2b2b", linewidths=1.2, zorder=5)


class _Labels:
    """Text placed on the axes only where it fits inside them and overlaps no label placed before."""

    def __init__(self, fig, ax):
        self.ax = ax
        self.renderer = fig.canvas.get_renderer() if hasattr(fig.canvas, "get_renderer") else None
        if self.renderer is None:
            from matplotlib.backends.backend_agg import FigureCanvasAgg

            self.renderer = FigureCanvasAgg(fig).get_renderer()
        self.placed = []

    def add(self, x, y, text, **kw) -> bool:
        """Place *text* at *x*, *y*; False (and nothing drawn) when it does not fit."""
        t = self.ax.text(x, y, text, **kw)
        bb = t.get_window_extent(renderer=self.renderer).expanded(1.04, 1.1)
        axbb = self.ax.get_window_extent(renderer=self.renderer)
        if (bb.x0 < axbb.x0 or bb.x1 > axbb.x1 or bb.y0 < axbb.y0 or bb.y1 > axbb.y1
                or any(bb.overlaps(o) for o in self.placed)):
            t.remove()
            return False
        self.placed.append(bb)
        return True


_BOX = dict(boxstyle="round,pad=0.3", facecolor="white", edgecolor="#888888", alpha=0.88, linewidth=0.6)


def _label_movements(labels: _Labels, p: dict, max_labels: int) -> None:
    """One count label per movement, biggest first: on its arc, or at the middle of the fan of a shared figure."""
    F = p["flows"]
    shown = 0
    groups = sorted(range(len(p["groups"])), key=lambda g: -p["groups"][g]["prio"])
    first_of = {}
    for i in range(len(F["grp"]) - 1, -1, -1):
        first_of[F["grp"][i]] = i
    for g in groups:
        grp = p["groups"][g]
        if grp["lab"] < 0 or shown >= max_labels or g not in first_of:
            continue
        lines = list(p["labels"][grp["lab"]])
        shared = grp.get("shared", False)
        if shared:
            lines.append(f"one figure, {grp['n']} routes")
        b = dict(_BOX, linestyle="--") if shared else _BOX
        anchors = grp.get("anchors")
        if anchors is None:  # a single flow: along its own arc
            path = _decode(F["path"][first_of[g]], p["opts"]["precision"])
            k = len(path) - 1
            anchors = [path[round(t * k)].tolist() for t in (0.5, 0.36, 0.64)]
        for lat, lon in anchors:
            mx, my = geometry.mercator(lon, lat)
            if labels.add(mx, my, "\n".join(lines), fontsize=7.5, ha="center", va="center", bbox=b, zorder=7):
                shown += 1
                break


def _label_places(labels: _Labels, places: list[dict], x_span: float, width_px: float) -> None:
    """The names of the 40 places with the biggest figures, right of the symbol, else left of it."""
    ranked = sorted(range(len(places)), key=lambda k: -max(places[k]["out"], places[k]["in"]))
    for k in ranked[:40]:
        pl = places[k]
        mx, my = geometry.mercator(pl["lon"], pl["lat"])
        for ha, off in (("left", 1), ("right", -1)):
            dxm = off * (pl["r"] + 4) * x_span / width_px
            # a soft box rather than a stroked halo: path effects would turn SVG text into outlines
            if labels.add(mx + dxm, my, pl["name"], fontsize=8, fontweight="bold", ha=ha, va="center", zorder=6,
                          bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.7)):
                break


def _label_events(labels: _Labels, p: dict) -> None:
    """Events' figures above their place, saying which end is not known."""
    for ev in p["events"]:
        if ev["lab"] < 0:
            continue
        pl = p["places"][ev["p"]]
        lines = list(p["labels"][ev["lab"]])
        lines.append("left · destination not known" if ev["role"] == "origin" else "arrived · origin not known")
        mx, my = geometry.mercator(pl["lon"], pl["lat"])
        labels.add(mx, my, "\n".join(lines), fontsize=7, ha="center", va="bottom", bbox=dict(_BOX, linestyle=":"), zorder=7)


def _draw_legend(ax, legend: dict) -> None:
    """Line widths, the statuses present, the place symbols, and vague figures when there are any."""
    from matplotlib.lines import Line2D

    handles = []
    for label, px in legend["widths"]:
        handles.append(Line2D([], [], color="#555555", linewidth=px * 0.75, label=label))
    for st in legend["statuses"]:
        h = Line2D([], [], color=STATUS_STYLE[st]["color"], linewidth=2.5, label=st)
        if _dashes(st, 2.5):
            h.set_dashes(_dashes(st, 2.5))
        handles.append(h)
    handles.append(Line2D([], [], marker="o", linestyle="none", markerfacecolor="white", markeredgecolor="#2b2b2b", label="origin"))
    handles.append(Line2D([], [], marker="o", linestyle="none", markerfacecolor="#2b2b2b", markeredgecolor="#2b2b2b", label="destination"))
    if legend["vague"]:
        handles.append(Line2D([], [], color="#555555", alpha=0.45, linewidth=1.5, label='vague ("thousands")'))
    if handles:
        leg = ax.legend(handles=handles, loc="lower right", fontsize=7, title="width: reported number (√ scale)",
                        title_fontsize=7, framealpha=0.92)
        leg.set_zorder(10)


def _draw_titles(fig, p: dict) -> None:
    """Title and subtitle above the map; below it, the names not placed and the outline's source."""
    fig.text(0.01, 0.975, p["title"], fontsize=12, fontweight="bold", va="top")
    fig.text(0.01, 0.945, p["subtitle"] + ("  ·  labels once per movement; shared figures never divided" if p["legend"]["shared"] else ""),
             fontsize=8, color="#555555", va="top")
    foot = "Outline: Natural Earth."
    if p["unplaced"]:
        names = ", ".join(u["text"] for u in p["unplaced"][:8]) + (" …" if len(p["unplaced"]) > 8 else "")
        foot = f"Not placed on the map: {names}.  " + foot
    fig.text(0.99, 0.004, foot, fontsize=6.5, color="#555555", ha="right", va="bottom")


def save_static(extraction, path, *, format: str | None = None, **options) -> Path:
    """Write a PNG or SVG map of *extraction* (format from the suffix unless given).

    Parameters
    ----------
    extraction : Extraction
    path : str or os.PathLike
    format : {"png", "svg"}, optional
    **options
        Passed to :func:`static_figure` (``title``, ``width``, ``height``, ``dpi``...).
        ``tiles`` is accepted and ignored (static maps use the embedded outline).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    RenderError
        For a format other than PNG or SVG.
    OutputError
        When the file cannot be written.
    """
    import matplotlib

    from mapper.atomic import atomic_write

    path = Path(path)
    fmt = (format or path.suffix.lstrip(".") or "png").lower()
    if fmt not in ("png", "svg"):
        raise RenderError(f"cannot draw a static map as {fmt!r}: use .png or .svg")
    options.pop("tiles", None)
    options.pop("basemap", None)
    with matplotlib.rc_context({"svg.hashsalt": "mapper", "svg.fonttype": "none"}):
        fig = static_figure(extraction, **options)
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        return atomic_write(path, lambda tmp: fig.savefig(tmp, format=fmt, metadata=metadata))
