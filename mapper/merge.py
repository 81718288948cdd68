"""Merge flows reported by several articles into one flow with every source.

The same movement is often reported by many outlets, each with its own
figure. A merged flow keeps all of them: the articles, the sentences, and
every stated number with the article that stated it. Differing figures become
a range (the smallest and largest number stated), never an average and never
a sum. Figures of different scopes ("3,000 this week" and "15,000 since
January") or units (families, people) are not mixed in one range: each
scope/unit pair keeps its own range, listed in ``ranges``.

Two flows are the same movement when they have the same origin and
destination places and fall in the same period: their dates lie within
``window_days`` of the first report of the period. A report's date is the
movement's own date when the text gives one (``date_start``, e.g. "on
Monday" resolved against the publication date), else its article's
publication date. Flows with neither are merged with each other, never with
dated ones (their period is unknown).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import itertools
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from mapper import schema

__all__ = ["MERGED_COLUMNS", "DEFAULT_WINDOW_DAYS", "merge_flows", "merge_records", "merged_frame", "format_number"]

#: Reports of one origin→destination pair dated within this many days of the
#: first report of a period are one movement.
DEFAULT_WINDOW_DAYS = 7

#: Columns of the merged-flows frame: the flow columns (so a merged frame can be
#: drawn like any flows frame), then what the merge adds.
MERGED_COLUMNS = (
    *schema.FLOW_COLUMNS,
    "period_start", "period_end", "n_reports", "n_articles", "article_ids",
    "count_min", "count_max", "ranges",
)

_SCOPE_ORDER = {s: i for i, s in enumerate(schema.SCOPES)}


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _loads_list(value) -> list:
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, list):
        return value
    try:
        out = json.loads(value)
    except (TypeError, ValueError):
        return []
    return out if isinstance(out, list) else []


def _date(value) -> _dt.date | None:
    if value is None or (isinstance(value, float) and value != value) or type(value).__name__ == "NaTType":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _number(value) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number


def format_number(value: float) -> str:
    """A count as people write it: ``3000.0`` → ``"3,000"``."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _periods(records: list[dict], window_days: int) -> Iterator[list[dict]]:
    """Split one origin→destination pair's reports into periods."""
    undated = [r for r in records if r["_date"] is None]
    dated = sorted((r for r in records if r["_date"] is not None), key=lambda r: (r["_date"], r["_order"]))
    window = _dt.timedelta(days=window_days)
    period: list[dict] = []
    for record in dated:
        if period and record["_date"] - period[0]["_date"] > window:
            yield period
            period = []
        period.append(record)
    if period:
        yield period
    if undated:
        yield sorted(undated, key=lambda r: r["_order"])


def _numbers(figure: Mapping) -> tuple[float, ...]:
    """The numbers one figure states (value, low, high), without repeats."""
    out: list[float] = []
    for column in ("value", "low", "high"):
        n = _number(figure.get(column))
        if n is not None and n not in out:
            out.append(n)
    return tuple(out)


def _report_figures(record: Mapping) -> list[dict]:
    """Every figure of one report; its count columns when it lists none."""
    figures = [f for f in _loads_list(record.get("figures")) if isinstance(f, dict)]
    if figures:
        return figures
    if record.get("count_text") is None and not any(
        _number(record.get(c)) is not None for c in ("count", "count_low", "count_high")
    ):
        return []
    return [{
        "text": record.get("count_text"), "value": record.get("count"), "low": record.get("count_low"),
        "high": record.get("count_high"), "qualifier": record.get("qualifier"), "unit": record.get("unit"),
        "scope": record.get("scope"), "status": record.get("status"), "sentence": record.get("sentence"),
        "char_start": record.get("char_start"), "char_end": record.get("char_end"),
    }]


def _merge_period(records: list[dict]) -> dict:
    """One merged flow from the reports of one origin→destination pair in one period."""
    first = records[0]
    article_ids = list(dict.fromkeys(str(r.get("article_id")) for r in records))
    dates = [r["_date"] for r in records if r["_date"] is not None]
    ends = [max(filter(None, (_date(r.get("date_end")), r["_date"]))) for r in records if r["_date"] is not None]
    figures, evidence = _sources(records)
    groups, ranges = _ranges(figures)
    primary = ranges[0] if ranges else None
    row: dict[str, Any] = {c: first.get(c) for c in schema.FLOW_COLUMNS}
    if primary is not None:
        row.update(_shown_count(groups[(primary["scope"], primary["unit"])], primary, first))
    # else: no report states a number; the first report's words (e.g. "thousands") stay.
    row.update(
        **_ids(records, dates),
        figures=_dumps(figures),
        evidence=_dumps(evidence),
        period_start=min(dates).isoformat() if dates else None,
        period_end=max(ends).isoformat() if ends else None,
        **_date_columns(records),
        n_reports=len(records),
        n_articles=len(article_ids),
        article_ids=_dumps(article_ids),
        count_min=primary["min"] if primary else None,
        count_max=primary["max"] if primary else None,
        ranges=_dumps(ranges),
        geometry=first.get("geometry"),
    )
    return row


def _sources(records: list[dict]) -> tuple[list[dict], list[dict]]:
    """Every figure and every sentence of the reports, each tagged with its article and source flow."""
    figures: list[dict] = []
    evidence: list[dict] = []
    for r in records:
        published = _date(r.get("published"))
        published = published.isoformat() if published else None
        for figure in _report_figures(r):
            figures.append({**figure, "article_id": figure.get("article_id") or r.get("article_id"),
                            "flow_id": r.get("flow_id"), "published": published})
        items = [e for e in _loads_list(r.get("evidence")) if isinstance(e, dict)]
        if not items and r.get("sentence") is not None:
            items = [{"sentence": r.get("sentence"), "char_start": r.get("char_start"), "char_end": r.get("char_end")}]
        for item in items:
            evidence.append({**item, "article_id": item.get("article_id") or r.get("article_id"),
                             "flow_id": r.get("flow_id"), "published": published})
    return figures, evidence


def _ranges(figures: list[dict]) -> tuple[dict[tuple, list[dict]], list[dict]]:
    """The figures stating numbers by (scope, unit), and one range for each, the one to show first.

    Numbers of different scopes or units are never mixed in one range.
    """
    groups: dict[tuple, list[dict]] = {}
    for figure in figures:
        if _numbers(figure):
            groups.setdefault((figure.get("scope") or "event", figure.get("unit") or "people"), []).append(figure)
    ranges = []
    for (scope, unit), members in groups.items():
        numbers = [n for m in members for n in _numbers(m)]
        ranges.append({
            "scope": scope, "unit": unit, "min": min(numbers), "max": max(numbers),
            "n_figures": len(members),
            "article_ids": list(dict.fromkeys(str(m.get("article_id")) for m in members)),
        })
    # The range shown: the movement's own (event) figures first, then people, then the most reported.
    ranges.sort(key=lambda g: (_SCOPE_ORDER.get(g["scope"], 99), g["unit"] != "people", -g["n_figures"]))
    return groups, ranges


def _shown_count(shown: list[dict], primary: dict, first: Mapping) -> dict:
    """The count columns of the merged flow: the figure as stated when all agree, else the range."""
    distinct = {(_numbers(f), f.get("qualifier")) for f in shown}
    if len(distinct) == 1:
        # Every figure of the shown scope says the same: keep it as stated.
        one = shown[0]
        count = dict(count=_number(one.get("value")), count_low=_number(one.get("low")),
                     count_high=_number(one.get("high")), count_text=one.get("text"), qualifier=one.get("qualifier"))
    else:
        count = dict(
            count=None,
            count_low=primary["min"],
            count_high=primary["max"],
            count_text=f"{format_number(primary['min'])}–{format_number(primary['max'])} "
            f"({len(shown)} figures differ)",
            qualifier="range",
        )
    statuses = Counter(f.get("status") for f in shown if f.get("status"))
    return {**count, "unit": primary["unit"], "scope": primary["scope"],
            "status": statuses.most_common(1)[0][0] if statuses else first.get("status")}


def _ids(records: list[dict], dates: list[_dt.date]) -> dict:
    """The merged flow's ids: one per origin, destination and period start; shared group ids stay shared.

    Edges that shared one figure in their articles share a group here only when
    they come from exactly the same reports' groups.
    """
    first = records[0]
    source_groups = sorted({str(r.get("group_id")) for r in records if r.get("group_id") is not None})
    key = f"{first.get('origin_id')}>{first.get('destination_id')}@{min(dates).isoformat() if dates else 'undated'}"
    merge_id = "merged:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    shared = any(bool(r.get("shared")) for r in records)
    group_id = ("merged-group:" + hashlib.sha1("|".join(source_groups).encode("utf-8")).hexdigest()[:12]) if shared else merge_id
    return {"group_id": group_id, "shared": shared, "flow_id": merge_id, "event_id": merge_id}


def _date_columns(records: list[dict]) -> dict:
    """The movement's dates over its reports: earliest start, latest end, every wording."""
    starts = [d for d in (_date(r.get("date_start")) for r in records) if d]
    ends = [d for d in (_date(r.get("date_end")) or _date(r.get("date_start")) for r in records) if d]
    texts = list(dict.fromkeys(str(r["date_text"]) for r in records if r.get("date_text")))
    precisions = {r.get("date_precision") for r in records if r.get("date_precision")}
    published = [d for d in (_date(r.get("published")) for r in records) if d]
    return {
        "date_start": min(starts).isoformat() if starts else None,
        "date_end": max(ends).isoformat() if ends else None,
        "date_text": "; ".join(texts) or None,
        "date_precision": precisions.pop() if len(precisions) == 1 else None,
        "published": min(published).isoformat() if published else None,
    }


def _key(record: Mapping) -> tuple[str, str]:
    return (str(record.get("origin_id")), str(record.get("destination_id")))


def merge_records(
    records: Iterable[Mapping], *, window_days: int = DEFAULT_WINDOW_DAYS, presorted: bool = False
) -> Iterator[dict]:
    """Merge flow records (dicts with the flows columns) into merged-flow records.

    Parameters
    ----------
    records : iterable of mapping
        Flow rows as dicts (:data:`mapper.schema.FLOW_COLUMNS`, ``geometry``,
        and ``published``: the article's publication date or None).
    window_days : int
        Reports published within this many days of a period's first report
        belong to that period.
    presorted : bool
        True when *records* already come grouped by ``(origin_id,
        destination_id)``: then only one pair's reports are held in memory at
        a time (the batch streams them sorted from its store).

    Yields
    ------
    dict
        One merged flow per origin, destination and period, with the columns
        of :data:`MERGED_COLUMNS` and ``geometry``.
    """
    prepared = (
        {**r, "_date": _date(r.get("date_start")) or _date(r.get("published")), "_order": i}
        for i, r in enumerate(records)
    )
    if not presorted:
        prepared = iter(sorted(prepared, key=_key))
    for _, group in itertools.groupby(prepared, key=_key):
        for period in _periods(list(group), window_days):
            yield _merge_period(period)


def merged_frame(rows: Iterable[Mapping]):
    """Merged-flow records as a GeoDataFrame with :data:`MERGED_COLUMNS`, EPSG:4326."""
    import geopandas as gpd

    rows = [dict(r) for r in rows]
    geometry = [r.pop("geometry", None) for r in rows]
    return gpd.GeoDataFrame(rows, columns=list(MERGED_COLUMNS), geometry=geometry, crs=schema.CRS)


def merge_flows(
    flows,
    *,
    published: Mapping[str, Any] | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
):
    """Merge the flows of several articles: one row per origin, destination and period.

    Parameters
    ----------
    flows : geopandas.GeoDataFrame
        A flows frame (e.g. ``mapper.extract_many(...).flows``), optionally
        with a ``published`` column.
    published : mapping of str to date, optional
        Publication date by ``article_id`` (e.g. from ``Extraction.articles``);
        used for flows whose ``published`` is empty.
    window_days : int
        Reports of one origin→destination pair dated within this many days
        of the period's first report are one movement (a report's date: the
        movement's ``date_start``, else its article's publication date).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns :data:`MERGED_COLUMNS`: the flow columns, where ``count`` is
        the figure when every report agrees and otherwise None with
        ``count_low``/``count_high`` the smallest and largest stated number
        (``qualifier="range"``); ``figures`` and ``evidence`` list every
        report's figures and sentences with their ``article_id``; ``ranges``
        gives the range for each scope and unit.

    Examples
    --------
    >>> ex = mapper.extract_many(articles)  # doctest: +SKIP
    >>> merge_flows(ex.flows, published={a.id: a.published for a in ex.articles})  # doctest: +SKIP
    """
    import pandas as pd

    frame = pd.DataFrame(flows)
    records = frame.to_dict("records")
    dates = dict(published or {})
    for record in records:
        if _date(record.get("published")) is None:
            record["published"] = dates.get(record.get("article_id"))
    return merged_frame(merge_records(records, window_days=window_days))
