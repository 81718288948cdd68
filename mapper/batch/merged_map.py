"""The map of a batch run: the merged flows and their places, one self-contained ``map.html``."""

from __future__ import annotations

from pathlib import Path

__all__ = ["write_map"]


def write_map(outdir: Path, outputs: dict[str, Path]) -> Path | None:
    """Draw the merged flows (and their places) as one self-contained map."""
    import geopandas as gpd

    from mapper.frames import empty_frame
    from mapper.pipeline import Extraction

    try:
        from mapper.maps.folium_map import render
        from mapper.maps.html import save_html
    except ImportError:
        return None
    merged = gpd.read_parquet(outputs["merged_flows"])
    places = gpd.read_parquet(outputs["places"])
    ends = set(merged["origin_id"].astype(str)) | set(merged["destination_id"].astype(str))
    extraction = Extraction(
        mentions=empty_frame("mentions"),
        places=places[places["place_id"].astype(str).isin(ends)].reset_index(drop=True),
        flows=merged,
        events=empty_frame("events"),
    )
    starts = merged["period_start"].dropna()
    period = f", {min(starts)} to {max(merged['period_end'].dropna())}" if len(starts) else ""
    path = outdir / "map.html"
    save_html(render(extraction, title=f"{len(merged)} merged flows{period}"), path)
    return path
