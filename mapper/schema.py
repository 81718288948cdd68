"""Column names, CRS and validation of the frames passed between stages.

The four GeoDataFrames of an :class:`~mapper.pipeline.Extraction` are the
contract between extraction, rendering, export, benchmarks and notebooks.
Their column names are defined here, once.
"""

from __future__ import annotations

from typing import Final

CRS: Final = "EPSG:4326"

# Vocabularies -----------------------------------------------------------------
FEATURE_TYPES: Final = (
    "country", "admin1", "admin2", "region", "city", "town", "village",
    "district", "camp", "crossing", "landmark", "water", "other",
)
ROLES: Final = ("origin", "destination")
SCOPES: Final = ("event", "cumulative", "rate", "stock")
STATUSES: Final = ("completed", "ongoing", "planned", "blocked")
UNITS: Final = ("people", "families", "households", "fighters", "children", "buses", "vehicles", "other")

# Shared evidence/count columns --------------------------------------------------
COUNT_COLUMNS: Final = (
    "count", "count_low", "count_high", "count_text", "qualifier", "unit",
    "scope", "status",
)
EVIDENCE_COLUMNS: Final = ("sentence", "char_start", "char_end", "article_id")
PERIOD_COLUMNS: Final = ("date_start", "date_end", "date_text", "date_precision", "published")

# The four frames -----------------------------------------------------------------
MENTION_COLUMNS: Final = (
    "text", "char_start", "char_end", "name", "place_id", "country_code",
    "feature_type", "confidence",
    # beyond the contract: what a reviewer needs to judge a resolution
    "article_id", "alternatives",
)
PLACE_COLUMNS: Final = (
    "place_id", "name", "feature_type", "country_code", "admin1",
    "population", "source", "n_mentions",
)
FLOW_COLUMNS: Final = (
    "origin", "destination", "origin_id", "destination_id",
    *COUNT_COLUMNS,
    "group_id", *EVIDENCE_COLUMNS,
    # beyond the contract: every figure and every sentence behind the edge (JSON)
    "flow_id", "event_id", "shared", "figures", "evidence",
    # when, as the text says it (ISO dates; None when the text does not say)
    *PERIOD_COLUMNS,
)
EVENT_COLUMNS: Final = (
    "place", "place_id", "role",
    *COUNT_COLUMNS, "group_id", *EVIDENCE_COLUMNS,
    "event_id", "figures", "evidence",
    *PERIOD_COLUMNS,
)

FRAME_COLUMNS: Final = {
    "mentions": MENTION_COLUMNS,
    "places": PLACE_COLUMNS,
    "flows": FLOW_COLUMNS,
    "events": EVENT_COLUMNS,
}
GEOMETRY_TYPES: Final = {
    "mentions": "Point",
    "places": "Point",
    "flows": "LineString",
    "events": "Point",
}


def validate(name: str, frame) -> None:
    """Check that *frame* honours the contract of frame *name*.

    Parameters
    ----------
    name : {"mentions", "places", "flows", "events"}
        Which frame this is.
    frame : geopandas.GeoDataFrame
        The frame to check.

    Raises
    ------
    AssertionError
        When a column is missing, the CRS is not EPSG:4326, or a geometry has
        the wrong type. This is a bug in mapper, never a user error.
    """
    missing = [c for c in FRAME_COLUMNS[name] if c not in frame.columns]
    assert not missing, f"{name} frame lacks columns {missing}"
    assert frame.crs is not None and frame.crs.to_string() == CRS, f"{name} frame CRS is {frame.crs}"
    geoms = frame.geometry.dropna()
    geoms = geoms[~geoms.is_empty]
    bad = set(geoms.geom_type) - {GEOMETRY_TYPES[name]}
    assert not bad, f"{name} frame has geometry types {bad}"
