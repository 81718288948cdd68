"""flowmap.blue input: ``locations.csv`` and ``flows.csv`` from an extraction.

flowmap.blue (https://flowmap.blue) reads a ``locations`` sheet (``id``,
``name``, ``lat``, ``lon``) and a ``flows`` sheet (``origin``, ``dest``,
``count``). Its count must be a number, so:

* a flow whose count is vague ("thousands") is left out of ``flows.csv`` (it
  has no number to draw); :func:`flowmap_blue_frames` reports those rows;
* a figure shared by several destinations is written on each edge, as the
  extraction has it, with ``shared`` and ``group_id`` columns: flowmap.blue
  adds edges up at an origin, so read its origin totals with care.

Extra columns (``count_text``, ``qualifier``, ``scope``, ``status``,
``group_id``, ``shared``, ``article_id``, ``sentence``) travel along for
whoever reads the CSV; flowmap.blue ignores them.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from mapper.maps.labels import width_value

__all__ = ["flowmap_blue_frames", "write_flowmap_blue"]

_EXTRA = ("count_text", "qualifier", "unit", "scope", "status", "group_id", "shared", "article_id", "sentence")


def flowmap_blue_frames(extraction) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The locations and flows tables, and the flows left out for want of a number.

    Returns
    -------
    locations, flows, left_out : pandas.DataFrame
    """
    flows = extraction.flows
    loc: dict[str, dict] = {}
    out_rows, left = [], []
    for row, geom in zip(flows.drop(columns=flows.geometry.name).to_dict("records"), flows.geometry):
        if geom is None or geom.is_empty:
            continue
        c = list(geom.coords)
        for key, name, (lon, lat) in (("origin_id", "origin", c[0]), ("destination_id", "destination", c[-1])):
            pid = row.get(key) or f"{row.get(name)}@{lat:.4f},{lon:.4f}"
            loc.setdefault(pid, {"id": pid, "name": row.get(name) or pid, "lat": round(lat, 6), "lon": round(lon, 6)})
        v = width_value(row)
        rec = {
            "origin": row.get("origin_id") or f"{row.get('origin')}@{c[0][1]:.4f},{c[0][0]:.4f}",
            "dest": row.get("destination_id") or f"{row.get('destination')}@{c[-1][1]:.4f},{c[-1][0]:.4f}",
            "count": v,
            **{k: row.get(k) for k in _EXTRA},
        }
        (out_rows if v is not None and not math.isnan(v) else left).append(rec)
    columns = ["origin", "dest", "count", *_EXTRA]
    return (
        pd.DataFrame(list(loc.values()), columns=["id", "name", "lat", "lon"]),
        pd.DataFrame(out_rows, columns=columns),
        pd.DataFrame(left, columns=columns),
    )


def write_flowmap_blue(extraction, folder) -> tuple[Path, Path]:
    """Write ``locations.csv`` and ``flows.csv`` into *folder* (created if needed).

    Returns
    -------
    (Path, Path)
        The two files.

    Raises
    ------
    OutputError
        When the folder cannot be written.
    """
    from mapper.atomic import atomic_write

    locations, flows, _ = flowmap_blue_frames(extraction)
    folder = Path(folder)
    paths = folder / "locations.csv", folder / "flows.csv"
    for frame, path in zip((locations, flows), paths):
        atomic_write(path, lambda tmp, frame=frame: frame.to_csv(tmp, index=False, lineterminator="\n"))
    return paths
