"""The combined outputs' file formats: one frame streamed into a GeoParquet file and a GeoPackage layer.

Rows arrive as dicts of JSON values, geometry as hex WKB, in chunks; the
column types are inferred from the JSON values seen over the whole frame
(one pass before writing), so that a column holds one type in every chunk.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["FrameWriter", "columns", "infer_types"]


def infer_types(lines: Iterable[str]) -> dict[str, set]:
    """Column → set of JSON value types seen, in order of first appearance."""
    types: dict[str, set] = {}
    for line in lines:
        for key, value in json.loads(line).items():
            seen = types.setdefault(key, set())
            if value is not None:
                seen.add(type(value))
    return types


# Types of columns that may hold only nulls in a corpus (JSON then says nothing).
_FLOAT_COLUMNS = frozenset({"count", "count_low", "count_high", "count_min", "count_max", "confidence"})
_INT_COLUMNS = frozenset({"char_start", "char_end", "population", "n_mentions", "n_articles", "n_reports"})


def _arrow_type(name: str, seen: set):
    import pyarrow as pa

    if name == "geometry":
        return pa.binary()
    if name in _FLOAT_COLUMNS and seen <= {int, float}:
        return pa.float64()
    if name in _INT_COLUMNS and seen <= {int}:
        return pa.int64()
    if name == "shared" and seen <= {bool}:
        return pa.bool_()
    if seen == {bool}:
        return pa.bool_()
    if seen == {int}:
        return pa.int64()
    if seen and seen <= {int, float}:
        return pa.float64()
    return pa.string()


def _arrow_value(value, arrow_type):
    import pyarrow as pa

    if value is None:
        return None
    if arrow_type == pa.string() and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _geo_metadata(geometry_type: str) -> bytes:
    from pyproj import CRS

    from mapper import schema

    return json.dumps({
        "version": "1.0.0",
        "primary_column": "geometry",
        "columns": {
            "geometry": {
                "encoding": "WKB",
                "geometry_types": [geometry_type],
                "crs": CRS.from_user_input(schema.CRS).to_json_dict(),
            }
        },
    }).encode("utf-8")


def columns(name: str, seen: dict[str, set], extra: tuple[str, ...] = ()) -> dict[str, Any]:
    """The Arrow column types of frame *name*: its schema columns first, then *extra* and any others seen."""
    from mapper import schema
    from mapper.merge import MERGED_COLUMNS

    base = MERGED_COLUMNS if name == "merged_flows" else schema.FRAME_COLUMNS[name]
    names = list(dict.fromkeys([*base, *extra, *seen]))
    names = [c for c in names if c != "geometry"] + ["geometry"]
    return {c: _arrow_type(c, seen.get(c, set())) for c in names}


class FrameWriter:
    """Streams rows of one frame into a GeoParquet file and a GeoPackage layer."""

    def __init__(self, name: str, parquet: Path, gpkg: Path | None, columns: dict[str, Any], geometry_type: str):
        import pyarrow as pa

        self.name = name
        self.parquet = parquet
        self.gpkg = gpkg
        fields = [pa.field(c, t) for c, t in columns.items()]
        self.schema = pa.schema(fields, metadata={b"geo": _geo_metadata(geometry_type)})
        self.tmp = parquet.with_name(f".{parquet.name}.tmp")
        self.writer = None
        self.n = 0
        self.wrote_layer = False

    def write(self, rows: list[dict]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self.writer is None:
            self.writer = pq.ParquetWriter(self.tmp, self.schema, compression="zstd")
        arrays = []
        for f in self.schema:
            if f.name == "geometry":
                values = [bytes.fromhex(r["geometry"]) if r.get("geometry") else None for r in rows]
            else:
                values = [_arrow_value(r.get(f.name), f.type) for r in rows]
            arrays.append(pa.array(values, type=f.type))
        table = pa.Table.from_arrays(arrays, schema=self.schema)
        self.writer.write_table(table)
        self._write_layer(table)
        self.n += len(rows)

    def _write_layer(self, table) -> None:
        if self.gpkg is None:
            return
        import geopandas as gpd
        import shapely

        from mapper import schema

        frame = table.drop(["geometry"]).to_pandas()
        for column in frame.columns:
            if frame[column].dtype == bool:
                frame[column] = frame[column].astype(int)
        geometry = shapely.from_wkb(table.column("geometry").to_numpy(zero_copy_only=False))
        gdf = gpd.GeoDataFrame(frame, geometry=geometry, crs=schema.CRS)
        gdf.to_file(self.gpkg, layer=self.name, driver="GPKG", mode="a" if self.wrote_layer or self.gpkg.exists() else "w")
        self.wrote_layer = True

    def close(self) -> None:
        if self.writer is None:  # no rows: an empty file with the schema
            self.write_empty()
        self.writer.close()
        os.replace(self.tmp, self.parquet)

    def write_empty(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.writer = pq.ParquetWriter(self.tmp, self.schema, compression="zstd")
        table = pa.Table.from_arrays([pa.array([], type=f.type) for f in self.schema], schema=self.schema)
        self.writer.write_table(table)
        self._write_layer(table)
