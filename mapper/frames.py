"""Stage 5, frames: resolved mentions and movements → four GeoDataFrames.

The frames are the contract between extraction and everything downstream
(maps, exports, benchmarks, notebooks); their columns are defined once in
:mod:`mapper.schema`. A movement with several origins or destinations becomes
one row per edge, all sharing the movement's ``group_id``: the figure is the
group's, shown once and never divided among the edges.
"""

from __future__ import annotations

import json
import struct
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from typing import TYPE_CHECKING

from mapper import schema
from mapper.model import Article, Endpoint, Evidence, Figure, Movement, Place, Resolution
from mapper.movements.lexicon import VEHICLE_UNITS

if TYPE_CHECKING:  # building records needs no geometry library; frames import geopandas when built
    import geopandas as gpd

__all__ = [
    "Records",
    "build_frames",
    "build_records",
    "empty_frame",
    "figure_record",
    "frame_from_rows",
    "wkb_hex",
    "place_record",
    "to_frames",
]

#: Rows of the four frames as plain dicts, by frame name. Cheap to build, pickle and
#: concatenate: corpus mode gathers many articles' records and builds each GeoDataFrame
#: once, since building a frame costs about a millisecond. ``"geometry"`` holds plain
#: coordinates, lon/lat in EPSG:4326: ``(lon, lat)`` for a point, ``((lon, lat), (lon, lat))``
#: for a flow's line, None where unplaced; geometry objects are made once per frame
#: (:func:`frame_from_rows`) or never (corpus workers write WKB, :func:`wkb_hex`).
Records = dict[str, list[dict]]


def empty_frame(name: str) -> gpd.GeoDataFrame:
    """An empty frame *name* with the contract's columns and CRS."""
    return frame_from_rows([], name)


@lru_cache(maxsize=1)
def _crs():
    import pyproj

    return pyproj.CRS.from_user_input(schema.CRS)


def frame_from_rows(rows: Sequence[dict], name: str) -> gpd.GeoDataFrame:
    """Frame *name* from row dicts, column by column (several times faster than row-wise).

    ``"geometry"`` may hold coordinates (as :data:`Records` do) or shapely geometries.
    """
    if not rows:
        # Most articles have no flows and many no events: an empty frame is built once
        # (2.5 ms) and handed out as a copy (0.3 ms; copy-on-write keeps copies apart).
        return _empty_frame(name).copy(deep=False)
    return _build_frame(rows, name)


@lru_cache(maxsize=None)
def _empty_frame(name: str) -> gpd.GeoDataFrame:
    return _build_frame((), name)


def _build_frame(rows: Sequence[dict], name: str) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import numpy as np
    import shapely
    from geopandas.array import from_shapely

    data = {c: [row.get(c) for row in rows] for c in schema.FRAME_COLUMNS[name]}
    geometry = np.empty(len(rows), dtype=object)
    values = [row.get("geometry") for row in rows]
    at = [i for i, v in enumerate(values) if isinstance(v, tuple)]
    if at:
        coords = np.asarray([values[i] for i in at], dtype=float)
        made = shapely.points(coords) if coords.ndim == 2 else shapely.linestrings(coords)
        for i, g in zip(at, made):
            values[i] = g
    geometry[:] = values
    data["geometry"] = from_shapely(geometry, crs=_crs())
    return gpd.GeoDataFrame(data, geometry="geometry", copy=False)


def wkb_hex(geometry) -> str | None:
    """Little-endian 2-D WKB, as hex, of a :data:`Records` geometry (a point or a line).

    What ``shapely.to_wkb(..., hex=True)`` writes, without making the geometry.
    """
    if geometry is None:
        return None
    if isinstance(geometry[0], tuple):
        flat = [v for point in geometry for v in point]
        return struct.pack(f"<BII{len(flat)}d", 1, 2, len(geometry), *flat).hex().upper()
    return struct.pack("<BI2d", 1, 1, *geometry).hex().upper()


def to_frames(records: Records) -> dict[str, gpd.GeoDataFrame]:
    """The four GeoDataFrames of *records*."""
    return {name: frame_from_rows(records.get(name, ()), name) for name in schema.FRAME_COLUMNS}


def _dumps(value) -> str:
    # Compact, key-ordered, non-ASCII kept: byte-identical output for identical input.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def place_record(place: Place) -> dict:
    """A place as a small JSON-able dict (used for alternatives and exports)."""
    return {
        "place_id": place.place_id,
        "name": place.name,
        "feature_type": place.feature_type,
        "country_code": place.country_code,
        "lat": round(place.lat, 6),
        "lon": round(place.lon, 6),
    }


def _evidence_record(evidence: Evidence) -> dict:
    return {
        "article_id": evidence.article_id,
        "sentence": evidence.sentence,
        "char_start": evidence.start,
        "char_end": evidence.end,
    }


def figure_record(figure: Figure) -> dict:
    """A figure (count + scope + status + evidence) as a JSON-able dict."""
    c = figure.count
    record = {
        "text": c.text,
        "value": c.value,
        "low": c.low,
        "high": c.high,
        "qualifier": c.qualifier,
        "approximate": c.approximate,
        "vague": c.vague,
        "unit": c.unit,
        "unit_text": c.unit_text,
        "per": c.per,
        "scope": figure.scope,
        "status": figure.status,
        "count_start": c.start,
        "count_end": c.end,
    }
    ev = figure.evidence
    record.update(
        sentence=ev.sentence if ev else None,
        char_start=ev.start if ev else None,
        char_end=ev.end if ev else None,
        article_id=ev.article_id if ev else None,
    )
    return record


def _primary(figures: Sequence[Figure], status: str | None = None) -> Figure | None:
    """The figure shown in the count columns.

    The movement's own figure first: people rather than the buses they rode,
    one with the status of the movement the sentence reports (5,000 *fled*,
    not another 1,000 still *waiting*), of event scope before a running total;
    then any figure with a number.
    """
    # People before vehicles: "one bus left" is how they went, "900 people" how many.
    exact = [f for f in figures if not f.count.vague and f.count.unit not in VEHICLE_UNITS] or [
        f for f in figures if not f.count.vague]
    for keep in (lambda f: f.status == status and f.scope == "event",
                 lambda f: f.status == status,
                 lambda f: f.scope == "event",
                 lambda f: True):
        for figure in exact:
            if keep(figure):
                return figure
    return figures[0] if figures else None


def _count_columns(movement: Movement) -> dict:
    figure = _primary(movement.figures, movement.status)
    evidence = (figure.evidence if figure and figure.evidence else None) or (
        movement.evidence[0] if movement.evidence else None
    )
    count = figure.count if figure else None
    return {
        "count": count.value if count else None,
        "count_low": count.low if count else None,
        "count_high": count.high if count else None,
        "count_text": count.text if count else None,
        "qualifier": count.qualifier if count else None,
        "unit": count.unit if count else None,
        "scope": figure.scope if figure else movement.scope,
        "status": figure.status if figure else movement.status,
        "sentence": evidence.sentence if evidence else None,
        "char_start": evidence.start if evidence else None,
        "char_end": evidence.end if evidence else None,
        "figures": _dumps([figure_record(f) for f in movement.figures]),
        "evidence": _dumps([_evidence_record(e) for e in movement.evidence]),
        **_period_columns(movement),
    }


def _period_columns(movement: Movement) -> dict:
    period = movement.period
    if period is None:
        return {}
    return {
        "date_start": period.start.isoformat(),
        "date_end": period.end.isoformat(),
        "date_text": period.text,
        "date_precision": period.precision,
    }


def _point(place: Place) -> tuple[float, float]:
    return (place.lon, place.lat)


def build_frames(
    article: Article,
    resolutions: Sequence[Resolution],
    movements: Sequence[Movement],
) -> dict[str, gpd.GeoDataFrame]:
    """Build the mentions, places, flows and events frames of one article.

    The same as ``to_frames(build_records(...))``; see :func:`build_records`.
    """
    return to_frames(build_records(article, resolutions, movements))


def build_records(
    article: Article,
    resolutions: Sequence[Resolution],
    movements: Sequence[Movement],
) -> Records:
    """The rows of the mentions, places, flows and events frames of one article.

    Parameters
    ----------
    article : Article
        The article the offsets refer to; its ``id`` goes in ``article_id``.
    resolutions : sequence of Resolution
        One per place mention, as returned by :func:`mapper.geocode.resolve.resolve`.
    movements : sequence of Movement
        As returned by :func:`mapper.movements.extract.find_movements`; endpoint
        places are looked up from *resolutions* by mention span.

    Returns
    -------
    Records
        Keys ``mentions``, ``places``, ``flows``, ``events``; row dicts with
        the columns of :mod:`mapper.schema` and a shapely ``geometry``.
        An edge whose one end could not be placed becomes an event at the
        other end; nothing is drawn at a guessed place.
    """
    by_span = {(r.mention.start, r.mention.end): r for r in resolutions}

    def place_of(endpoint: Endpoint) -> Place | None:
        if endpoint.place is not None:
            return endpoint.place
        found = by_span.get((endpoint.mention.start, endpoint.mention.end))
        return found.place if found else None

    published = article.published.isoformat() if article.published else None
    flows: list[dict] = []
    events: list[dict] = []
    for index, movement in enumerate(movements, start=1):
        new_flows, new_events = _movement_rows(movement, f"{article.id}:m{index}", article.id, published, place_of,
                                               n_before=len(flows))
        flows += new_flows
        events += new_events
    return {"mentions": _mention_rows(article, resolutions), "places": _place_rows(resolutions, movements),
            "flows": flows, "events": events}


def _movement_rows(movement: Movement, group_id: str, article_id: str, published: str | None, place_of, *,
                   n_before: int) -> tuple[list[dict], list[dict]]:
    """One movement's flow rows (one per edge between two placed ends), else its event rows.

    Flows are numbered in the article after the *n_before* of earlier movements.
    """
    columns = _count_columns(movement)
    origins = _distinct_ends(movement.origins, place_of)
    destinations = _not_a_container(_distinct_ends(movement.destinations, place_of), origins)
    origins = _not_their_own_country(origins, destinations)
    # An arrow starts at the place named, not also at the country or province it lies in, nor at an
    # area that holds its own end ("Iraq returned IDPs to Mosul" moved them within Iraq).
    edges = [(o, d) for o in _not_a_container(origins, origins) for d in destinations
             if o[1].place_id != d[1].place_id and not _holds(o[1], d[1])]
    flows = [
        {
            "origin": origin.name,
            "destination": destination.name,
            "origin_id": origin.place_id,
            "destination_id": destination.place_id,
            "group_id": group_id,
            "article_id": article_id,
            "flow_id": f"{article_id}:f{n_before + k}",
            "event_id": movement.event_id or group_id,
            "shared": len(edges) > 1,
            "published": published,
            **columns,
            **_naming_sentence(movement, (d_end, o_end)),
            "geometry": ((origin.lon, origin.lat), (destination.lon, destination.lat)),
        }
        for k, ((o_end, origin), (d_end, destination)) in enumerate(edges, start=1)
    ]
    if edges:
        return flows, []
    # One known end (or both ends at one place): an event at each known place.
    events = [
        {
            "place": place.name,
            "place_id": place.place_id,
            "role": role,
            "group_id": group_id,
            "article_id": article_id,
            "event_id": movement.event_id or group_id,
            "published": published,
            **columns,
            **_naming_sentence(movement, (end,)),
            "geometry": _point(place),
        }
        for role, ends in (("origin", origins), ("destination", destinations))
        for end, place in ends
    ]
    return [], events


def _holds(area: Place, place: Place) -> bool:
    """Whether *area* (a country or a province) contains *place*."""
    if place.place_id == area.place_id or place.country_code != area.country_code:
        return False
    return area.feature_type == "country" or area.feature_type == "admin1" and place.admin1 == area.name


def _not_a_container(ends: list[tuple[Endpoint, Place]],
                     inner: list[tuple[Endpoint, Place]]) -> list[tuple[Endpoint, Place]]:
    """Without the named destinations that hold an origin (*inner*): "fled from X in Y" names where X is.

    An arrow from a place to the centre of its own country or province tells a
    reader nothing; so does an arrow from the province an origin lies in (but
    as events both are kept: measured, dropping them lost events the
    annotators keep). A demonym's country is left to
    :func:`_not_their_own_country`.
    """
    return [(end, place) for end, place in ends
            if end.how == "demonym" or not any(i_end.how != "demonym" and _holds(place, i) for i_end, i in inner)]


def _not_their_own_country(origins: list[tuple[Endpoint, Place]],
                           destinations: list[tuple[Endpoint, Place]]) -> list[tuple[Endpoint, Place]]:
    """Without a demonym's country when every destination lies in it.

    "25,000 Iraqis live in camps around X", with X in Iraq, says who the
    people are, not that they came from the middle of their own country.
    """
    if not destinations:
        return origins
    return [(end, place) for end, place in origins
            if not (end.how == "demonym" and place.feature_type == "country"
                    and all(d.country_code == place.country_code for _e, d in destinations))]


def _distinct_ends(endpoints: Iterable[Endpoint], place_of) -> list[tuple[Endpoint, Place]]:
    """The placed endpoints, one per place, in order (the first endpoint naming it)."""
    seen: dict[str, tuple[Endpoint, Place]] = {}
    for endpoint in endpoints:
        place = place_of(endpoint)
        if place is not None:
            seen.setdefault(place.place_id, (endpoint, place))
    return list(seen.values())


def _naming_sentence(movement: Movement, ends: Sequence[Endpoint]) -> dict:
    """Evidence columns pointing at the sentence that names the edge's ends.

    The count columns' own sentence stays in ``figures``; the arrow's evidence
    is where the text says where people went (or came from), tried in the
    order of *ends*. Without such a sentence the figure's sentence stands.
    """
    for end in ends:
        if end.how != "explicit":
            continue
        for ev in movement.evidence:
            if ev.start <= end.mention.start and end.mention.end <= ev.end:
                return {"sentence": ev.sentence, "char_start": ev.start, "char_end": ev.end}
    return {}


def _mention_rows(article: Article, resolutions: Sequence[Resolution]) -> list[dict]:
    rows = []
    for r in resolutions:
        if r.mention.kind != "toponym":
            continue
        place = r.place
        rows.append(
            {
                "text": r.mention.text,
                "char_start": r.mention.start,
                "char_end": r.mention.end,
                "name": place.name if place else None,
                "place_id": place.place_id if place else None,
                "country_code": place.country_code if place else None,
                "feature_type": place.feature_type if place else None,
                "confidence": float(r.confidence),
                "article_id": article.id,
                "alternatives": _dumps([place_record(p) for p in r.alternatives]),
                "geometry": _point(place) if place else None,
            }
        )
    return rows


def _place_rows(resolutions: Sequence[Resolution], movements: Sequence[Movement] = ()) -> list[dict]:
    counts = Counter(r.place.place_id for r in resolutions if r.place and r.mention.kind == "toponym")
    # Endpoints placed by the geocode stage itself ("northern X" → a part of X) are places
    # too, counted once per mention that names them.
    derived: dict[str, Place] = {}
    spans: dict[str, set] = {}
    for mv in movements:
        for end in (*mv.origins, *mv.destinations):
            if end.place is not None and end.place.place_id not in counts:
                derived.setdefault(end.place.place_id, end.place)
                spans.setdefault(end.place.place_id, set()).add((end.mention.start, end.mention.end))
    counts.update({pid: len(s) for pid, s in spans.items()})
    rows: dict[str, dict] = {}
    for place in [r.place for r in resolutions] + list(derived.values()):
        if place is None or place.place_id not in counts or place.place_id in rows:
            continue
        rows[place.place_id] = {
            "place_id": place.place_id,
            "name": place.name,
            "feature_type": place.feature_type,
            "country_code": place.country_code,
            "admin1": place.admin1,
            "population": int(place.population or 0),
            "source": place.source,
            "n_mentions": counts[place.place_id],
            "geometry": _point(place),
        }
    return list(rows.values())
