"""The whole job in one call: read → find places → find movements → geocode → frames.

:func:`extract` runs the stages in order and returns an :class:`Extraction`,
four GeoDataFrames in EPSG:4326 plus the articles they came from.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mapper import schema
from mapper.atomic import atomic_dir, atomic_path, write_text
from mapper.errors import MapperError, OutputError
from mapper.model import Article

if TYPE_CHECKING:  # the stages need no pandas: corpus workers start without importing it
    import geopandas as gpd

__all__ = ["Extraction", "extract", "extract_many", "resolve_mentions"]

FRAME_NAMES = ("mentions", "places", "flows", "events")


@dataclass(frozen=True)
class Extraction:
    """What mapper found in one or more articles.

    Attributes
    ----------
    mentions : geopandas.GeoDataFrame
        One row per place mention (unresolved ones kept, geometry None).
    places : geopandas.GeoDataFrame
        One row per distinct resolved place.
    flows : geopandas.GeoDataFrame
        One row per origin→destination edge (LineString origin→destination).
    events : geopandas.GeoDataFrame
        Movements with only one known end (Point).
    articles : tuple of Article
        The articles, in input order.

    Notes
    -----
    Columns are listed in :mod:`mapper.schema`. The frames are plain
    GeoDataFrames: use them with anything that takes one.
    """

    mentions: gpd.GeoDataFrame
    places: gpd.GeoDataFrame
    flows: gpd.GeoDataFrame
    events: gpd.GeoDataFrame
    articles: tuple[Article, ...] = field(default=())

    def frames(self) -> dict[str, gpd.GeoDataFrame]:
        """The four frames by name, in a fixed order."""
        return {name: getattr(self, name) for name in FRAME_NAMES}

    def validate(self) -> Extraction:
        """Check every frame against :mod:`mapper.schema`; return self."""
        for name, frame in self.frames().items():
            schema.validate(name, frame)
        return self

    # Export ---------------------------------------------------------------------
    def to_geojson_dict(self) -> dict[str, dict]:
        """Each frame as a GeoJSON FeatureCollection (dict), keyed by frame name."""
        return {name: _feature_collection(frame) for name, frame in self.frames().items()}

    def to_json(self, *, indent: int | None = None) -> str:
        """All four frames as JSON: ``{"mentions": FeatureCollection, ...}``.

        The output is deterministic: the same input gives byte-identical JSON.
        """
        return json.dumps(self.to_geojson_dict(), ensure_ascii=False, indent=indent)

    def to_file(self, path: str | os.PathLike, *, format: str | None = None) -> Path:
        """Write the extraction to *path*, in a format chosen by its suffix.

        Parameters
        ----------
        path : str or path-like
            ``.json`` → :meth:`to_json`; ``.geojson`` → one FeatureCollection
            with every feature, its frame in property ``layer``; ``.gpkg`` →
            a GeoPackage with four layers; ``.csv`` → a folder of four CSV
            files (geometry as WKT); ``.parquet`` → a folder of four GeoParquet
            files; format ``flowmap`` → a folder with flowmap.blue's
            ``locations.csv`` and ``flows.csv``.
        format : str, optional
            Overrides the suffix: ``json``, ``geojson``, ``gpkg``, ``csv``, ``parquet``, ``flowmap``.

        Returns
        -------
        pathlib.Path
            The path written. Files are written to a temporary name and
            renamed, so a failed write leaves nothing partial behind.
        """
        path = Path(path)
        fmt = (format or path.suffix.lstrip(".") or "json").lower()
        writers = {
            "json": self._write_json,
            "geojson": self._write_geojson,
            "gpkg": self._write_gpkg,
            "csv": self._write_csv,
            "parquet": self._write_parquet,
            "flowmap": self._write_flowmap,
        }
        if fmt not in writers:
            raise OutputError(
                f"cannot write format {fmt!r}: use one of {', '.join(sorted(writers))}"
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            writers[fmt](path)
        except MapperError:
            raise
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}; check the folder exists and is writable") from exc
        return path

    def _write_json(self, path: Path) -> None:
        write_text(path, self.to_json(indent=1) + "\n")

    def _write_geojson(self, path: Path) -> None:
        features = []
        for name, collection in self.to_geojson_dict().items():
            for feature in collection["features"]:
                feature["properties"] = {"layer": name, **feature["properties"]}
                features.append(feature)
        text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1)
        write_text(path, text + "\n")

    def _write_gpkg(self, path: Path) -> None:
        with atomic_path(path) as tmp:
            for name, frame in self.frames().items():
                out = frame.copy()
                for column in out.columns:
                    if out[column].dtype == bool:
                        out[column] = out[column].astype(int)
                out.to_file(tmp, layer=name, driver="GPKG")

    def _write_csv(self, path: Path) -> None:
        with atomic_dir(path) as tmp:
            import pandas as pd

            for name, frame in self.frames().items():
                table = pd.DataFrame(frame.drop(columns="geometry"))
                table["geometry"] = frame.geometry.to_wkt()
                table.to_csv(tmp / f"{name}.csv", index=False)

    def _write_flowmap(self, path: Path) -> None:
        from mapper.maps.flowmap_blue import write_flowmap_blue

        write_flowmap_blue(self, path)

    def _write_parquet(self, path: Path) -> None:
        with atomic_dir(path) as tmp:
            for name, frame in self.frames().items():
                frame.to_parquet(tmp / f"{name}.parquet")

    # Display --------------------------------------------------------------------
    def summary(self) -> str:
        """One line: how many mentions, places, flows and events."""
        return ", ".join(f"{len(frame)} {name}" for name, frame in self.frames().items())

    def __repr__(self) -> str:
        ids = ", ".join(a.id for a in self.articles[:3]) + ("…" if len(self.articles) > 3 else "")
        return f"<Extraction of {len(self.articles)} article(s) [{ids}]: {self.summary()}>"

    def _repr_html_(self) -> str:
        # Tables only (pandas escapes cell text); the map is shown by render().
        import html

        parts = [f"<p><b>{html.escape(repr(self))}</b></p>"]
        shown = {
            "flows": ["origin", "destination", "count_text", "qualifier", "scope", "status", "group_id"],
            "events": ["place", "role", "count_text", "scope", "status"],
            "places": ["name", "feature_type", "country_code", "n_mentions", "source"],
        }
        for name, columns in shown.items():
            frame = getattr(self, name)
            if len(frame):
                parts.append(f"<p>{name}</p>" + frame[columns].to_html(index=False, na_rep="", max_rows=50))
        return "\n".join(parts)

    def render(self, **options):
        """Draw this extraction as a :class:`folium.Map` (see :func:`mapper.render`)."""
        from mapper.maps.folium_map import render

        return render(self, **options)


def _feature_collection(frame: gpd.GeoDataFrame) -> dict:
    features = []
    columns = [c for c in frame.columns if c != frame.geometry.name]
    for row, geom in zip(frame[columns].itertuples(index=False, name=None), frame.geometry):
        properties = {c: _jsonable(v) for c, v in zip(columns, row)}
        features.append(
            {
                "type": "Feature",
                "properties": properties,
                "geometry": _geometry(geom),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _geometry(geom) -> dict | None:
    if geom is None or geom.is_empty:
        return None
    coords = [[round(x, 6), round(y, 6)] for x, y in geom.coords]
    if geom.geom_type == "Point":
        return {"type": "Point", "coordinates": coords[0]}
    return {"type": geom.geom_type, "coordinates": coords}


def _jsonable(value):
    if value is None:
        return None
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        return int(value) if value.is_integer() else value
    if hasattr(value, "item"):  # numpy scalar
        return _jsonable(value.item())
    if type(value).__name__ in ("NAType", "NaTType"):  # pandas' missing values
        return None
    return value


# The pipeline -----------------------------------------------------------------------
def _as_article(text_or_article, *, published=None, article_id: str | None = None) -> Article:
    from mapper.read.article import read_article

    if isinstance(text_or_article, Article):
        return text_or_article
    if isinstance(text_or_article, os.PathLike):
        return read_article(text_or_article, published=published)
    if isinstance(text_or_article, str):
        return read_article(text_or_article, published=published, as_text=True, article_id=article_id)
    raise TypeError(f"extract() takes text, a path or an Article, not {type(text_or_article).__name__}")


def extract(
    text_or_article,
    *,
    published=None,
    article_id: str | None = None,
    geocoder=None,
) -> Extraction:
    """Find places, movements and counts in an article and geocode them.

    Parameters
    ----------
    text_or_article : str, os.PathLike or Article
        Article text (a ``str`` is always text), a path to a file, or an
        :class:`~mapper.model.Article` from :func:`mapper.read_article`.
    published : datetime.date or str, optional
        Publication date, when the text does not carry it.
    article_id : str, optional
        Identifier used in every evidence column (default: derived from the
        file name or a hash of the text).
    geocoder : str or geopy Geocoder, optional
        Opt-in online geocoder ("nominatim", "photon", "arcgis", any geopy
        service, or a ready geocoder) asked only about mentions the offline
        gazetteer could not place; cached and rate-limited. Default: offline only.

    Returns
    -------
    Extraction
        ``mentions``, ``places``, ``flows`` and ``events`` GeoDataFrames.

    Raises
    ------
    mapper.errors.InputError
        When the input is empty, binary, or unreadable.

    Examples
    --------
    >>> ex = mapper.extract("Hundreds of families fled Foo for Bar on Monday.")  # doctest: +SKIP
    >>> ex.flows[["origin", "destination", "count_text"]]  # doctest: +SKIP
    """
    article = _as_article(text_or_article, published=published, article_id=article_id)
    return _extract_article(article, geocoder=geocoder)


#: Articles longer than this are read in pieces of about this many characters
#: (cut at paragraph or sentence ends): time and memory then grow linearly with
#: the text, at the price of events not being linked across pieces.
PIECE_CHARS = 200_000


def extract_records(article: Article, *, geocoder=None, piece_chars: int = PIECE_CHARS):
    """Run the stages on one article and return its frame rows (:data:`mapper.frames.Records`).

    The building block of :func:`extract` and of corpus mode, which gathers
    the rows of many articles and builds each GeoDataFrame once. A text
    longer than *piece_chars* is processed piece by piece; every offset still
    refers to the whole ``article.text``.
    """
    from mapper.frames import build_records
    from mapper.model import shift_offsets

    mentions: list = []
    movements: list = []
    resolutions: list = []
    for start, piece in _pieces(article.text, piece_chars):
        found = _stages(article if start == 0 and len(piece) == len(article.text) else
                        Article(text=piece, id=article.id, published=article.published), geocoder)
        for bucket, values in zip((mentions, movements, resolutions), found):
            bucket.extend(shift_offsets(tuple(values), start))
    return build_records(article, resolutions, movements)


def _pieces(text: str, piece_chars: int):
    if len(text) <= piece_chars:
        yield 0, text
        return
    from mapper.read.chunks import iter_chunks

    for chunk in iter_chunks(text, piece_chars):
        yield chunk.start, chunk.text


def _stages(article: Article, geocoder):
    """Mentions, movements and resolutions of one (piece of an) article."""
    from mapper.geocode.regions import refine_endpoints
    from mapper.geocode.resolve import resolve
    from mapper.geocode.totals import national_totals
    from mapper.movements.extract import find_movements
    from mapper.places.toponyms import find_mentions
    from mapper.read.sentences import split_sentences

    sentences = split_sentences(article.text)
    mentions = find_mentions(article.text)
    movements = find_movements(article, sentences, mentions)
    resolutions = resolve(article.text, mentions)
    if geocoder is not None:
        from mapper.geocode.unplaced import place_unplaced

        resolutions = place_unplaced(resolutions, geocoder)
    movements = national_totals(article.text, refine_endpoints(article.text, movements, resolutions), resolutions)
    return mentions, movements, resolutions


def _extract_article(article: Article, *, geocoder=None) -> Extraction:
    from mapper.frames import to_frames

    return Extraction(**to_frames(extract_records(article, geocoder=geocoder)), articles=(article,))


def extract_many(articles: Iterable, *, progress: bool = False, geocoder=None) -> Extraction:
    """Extract several articles into one :class:`Extraction`.

    Parameters
    ----------
    articles : iterable of str, path or Article
    progress : bool
        Show a progress bar (tqdm) on standard error.
    geocoder : str or geopy Geocoder, optional
        As in :func:`extract`.
    """
    from mapper.frames import to_frames
    from mapper.geocode.unplaced import as_geocoder

    if geocoder is not None:
        geocoder = as_geocoder(geocoder)  # one geocoder (one cache, one rate limit) for all

    items = list(articles)
    if progress:
        from tqdm import tqdm

        items = tqdm(items, desc="articles", unit="article", disable=len(items) < 2)
    records: dict[str, list[dict]] = {name: [] for name in FRAME_NAMES}
    done = []
    for chunk in _chunks(items, 32):
        arts = [_as_article(item) for item in chunk]
        _parse_ahead(arts)
        for article in arts:
            for name, rows in extract_records(article, geocoder=geocoder).items():
                records[name].extend(rows)
            done.append(article)
    return Extraction(**to_frames(records), articles=tuple(done))


def _chunks(items: Iterable, size: int):
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _parse_ahead(articles: Sequence[Article]) -> None:
    """Parse the movement sentences of several articles at once (faster than one article at a time)."""
    from mapper.movements.extract import parse_ahead

    parse_ahead([a.text for a in articles if len(a.text) <= PIECE_CHARS])


def concat(extractions: Sequence[Extraction]) -> Extraction:
    """One extraction holding the rows of several, in order."""
    import geopandas as gpd
    import pandas as pd

    from mapper.frames import empty_frame

    frames = {}
    for name in FRAME_NAMES:
        parts = [getattr(e, name) for e in extractions if len(getattr(e, name))]
        frames[name] = (
            gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs=schema.CRS)
            if parts
            else empty_frame(name)
        )
    articles = tuple(a for e in extractions for a in e.articles)
    return Extraction(**frames, articles=articles)


def resolve_mentions(text: str, spans: Sequence[tuple[int, int]], *, article_id: str = "text") -> gpd.GeoDataFrame:
    """Resolve given ``(start, end)`` spans of *text* with the offline gazetteer.

    For comparing the resolver with published toponym-resolution results on
    gold spans: recognition is skipped, context still counts.

    Parameters
    ----------
    text : str
        The whole document (context for the ranking).
    spans : sequence of (int, int)
        Character offsets of the toponyms to resolve.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per span, in order, with the columns of ``Extraction.mentions``.
    """
    from mapper.frames import build_records, frame_from_rows
    from mapper.geocode.names import mention_for_span
    from mapper.geocode.resolve import resolve

    mentions = tuple(mention_for_span(text, start, end) for start, end in spans)
    resolutions = resolve(text, mentions)
    article = Article(text=text, id=article_id)
    # Only the mentions frame is wanted: skip building the other three.
    return frame_from_rows(build_records(article, resolutions, ())["mentions"], "mentions")
