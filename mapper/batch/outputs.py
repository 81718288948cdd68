"""The combined outputs of a batch run, streamed from its store in chunks.

``OUTDIR/``: ``mentions``, ``places``, ``flows``, ``events`` and
``merged_flows`` as GeoParquet (EPSG:4326) and as layers of ``corpus.gpkg``;
``articles.csv`` and ``failures.csv``; ``map.html`` of the merged flows.
Memory does not grow with the corpus: frames are streamed in chunks, places
are bounded by the gazetteer, and the merge holds one route at a time.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from mapper.batch.geoparquet import FrameWriter, columns, infer_types
from mapper.batch.merged_map import write_map
from mapper.batch.store import Store, iter_flows_by_route, iter_lines
from mapper.merge import DEFAULT_WINDOW_DAYS

__all__ = ["write_outputs"]

_WRITE_ROWS = 5000  # rows per chunk when streaming the store into the combined outputs


def write_outputs(store, outdir: Path, *, window_days: int = DEFAULT_WINDOW_DAYS, map: bool = True,
                  gpkg: bool = True) -> tuple[dict[str, int], dict[str, Path]]:
    """Write the combined outputs of a store, streaming (see the module docstring).

    Returns
    -------
    counts : dict of str to int
        Rows written per frame.
    outputs : dict of str to pathlib.Path
        Every file written, by name.
    """
    if isinstance(store, (str, os.PathLike)):
        store = Store(Path(store))
    store.index()
    db = store.db
    outdir = Path(outdir)
    gpkg_path = outdir / "corpus.gpkg"
    gpkg_tmp = outdir / ".corpus.tmp.gpkg"
    gpkg_tmp.unlink(missing_ok=True)
    layers = gpkg_tmp if gpkg else None
    writers = [
        *(_write_frame(db, name, outdir, layers) for name in ("mentions", "flows", "events")),
        _write_places(db, outdir, layers),
        _write_merged_flows(db, outdir, layers, window_days),
    ]
    outputs: dict[str, Path] = {writer.name: writer.parquet for writer in writers}
    counts: dict[str, int] = {writer.name: writer.n for writer in writers}
    if gpkg:
        os.replace(gpkg_tmp, gpkg_path)
        outputs["gpkg"] = gpkg_path

    outputs.update(_write_tables(db, outdir))
    if map and (path := write_map(outdir, outputs)) is not None:
        outputs["map"] = path
    return counts, outputs


def _batched(items: Iterable, n: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def _write_frame(db: sqlite3.Connection, name: str, outdir: Path, layers: Path | None) -> FrameWriter:
    """One frame as it was extracted, article after article in input order."""
    from mapper import schema

    writer = FrameWriter(name, outdir / f"{name}.parquet", layers,
                         columns(name, infer_types(iter_lines(db, name))), schema.GEOMETRY_TYPES[name])
    for batch in _batched(iter_lines(db, name), _WRITE_ROWS):
        writer.write([json.loads(line) for line in batch])
    writer.close()
    return writer


def _distinct_places(db: sqlite3.Connection) -> list[dict]:
    """One row per distinct place over the corpus, most mentioned first, with the articles that name it."""
    places: dict[str, dict] = {}
    for line in iter_lines(db, "places"):
        row = json.loads(line)
        kept = places.get(row["place_id"])
        if kept is None:
            places[row["place_id"]] = {**row, "n_articles": 1}
        else:
            kept["n_mentions"] = (kept.get("n_mentions") or 0) + (row.get("n_mentions") or 0)
            kept["n_articles"] += 1
    return sorted(places.values(), key=lambda r: (-(r.get("n_mentions") or 0), str(r["place_id"])))


def _write_places(db: sqlite3.Connection, outdir: Path, layers: Path | None) -> FrameWriter:
    # Held in memory: bounded by the gazetteer, not the corpus.
    rows = _distinct_places(db)
    writer = FrameWriter("places", outdir / "places.parquet", layers,
                         columns("places", infer_types(json.dumps(r) for r in rows), ("n_articles",)), "Point")
    for batch in _batched(rows, _WRITE_ROWS):
        writer.write(batch)
    writer.close()
    return writer


def _merged_records(db: sqlite3.Connection, window_days: int) -> Iterator[dict]:
    """The merged flows, from the flows streamed sorted by origin and destination: one pair in memory at a time."""
    from mapper.merge import merge_records

    flows = ({**json.loads(line), "published": published} for published, line in iter_flows_by_route(db))
    return merge_records(flows, window_days=window_days, presorted=True)


def _write_merged_flows(db: sqlite3.Connection, outdir: Path, layers: Path | None, window_days: int) -> FrameWriter:
    # Merging is cheap: done twice (types, then rows) rather than holding the result.
    # Geometry stays the hex WKB of each pair's first report.
    seen = infer_types(json.dumps(r, ensure_ascii=False) for r in _merged_records(db, window_days))
    writer = FrameWriter("merged_flows", outdir / "merged_flows.parquet", layers,
                         columns("merged_flows", seen), "LineString")
    for batch in _batched(_merged_records(db, window_days), _WRITE_ROWS):
        writer.write(batch)
    writer.close()
    return writer


def _write_tables(db: sqlite3.Connection, outdir: Path) -> dict[str, Path]:
    """``articles.csv`` (one row per article: status, counts) and ``failures.csv``."""
    import csv

    outputs = {}
    queries = {
        "articles": (
            "SELECT article_id, status, title, url, published, source, n_mentions, n_places, n_flows, n_events, "
            "round(seconds, 4), error_type FROM articles ORDER BY seq",
            ["article_id", "status", "title", "url", "published", "source", "n_mentions", "n_places",
             "n_flows", "n_events", "seconds", "error_type"],
        ),
        "failures": (
            "SELECT article_id, error_type, message, source FROM articles WHERE status='failed' ORDER BY seq",
            ["article_id", "error_type", "message", "source"],
        ),
    }
    for name, (query, header) in queries.items():
        path = outdir / f"{name}.csv"
        tmp = outdir / f".{name}.csv.tmp"
        with open(tmp, "w", newline="", encoding="utf-8") as fh:
            out = csv.writer(fh)
            out.writerow(header)
            cursor = db.execute(query)
            while batch := cursor.fetchmany(_WRITE_ROWS):
                out.writerows(batch)
        os.replace(tmp, path)
        outputs[name] = path
    return outputs
