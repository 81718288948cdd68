"""mapper: turn news about forced displacement into maps.

The pipeline, one stage per sub-package::

    read → places → movements → geocode → frames → render

Public API
----------
read_article(path_url_or_text, *, published=None) -> Article
extract(text_or_article, **options) -> Extraction
resolve_mentions(text, spans) -> GeoDataFrame
render(extraction, *, m=None, **options) -> folium.Map

Importing mapper is cheap: the gazetteer and heavy libraries load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Extraction",
    "MapperError",
    "extract",
    "extract_many",
    "read_article",
    "render",
    "resolve_mentions",
    "__version__",
]

if TYPE_CHECKING:  # pragma: no cover
    from mapper.errors import MapperError
    from mapper.model import Article
    from mapper.pipeline import Extraction, extract, extract_many, resolve_mentions
    from mapper.read.article import read_article
    from mapper.maps.folium_map import render

_LAZY = {
    "Article": "mapper.model",
    "MapperError": "mapper.errors",
    "Extraction": "mapper.pipeline",
    "extract": "mapper.pipeline",
    "extract_many": "mapper.pipeline",
    "resolve_mentions": "mapper.pipeline",
    "read_article": "mapper.read.article",
    "render": "mapper.maps.folium_map",
}


def __getattr__(name: str):
    # Lazy: `import mapper` must not load geopandas, folium or the gazetteer.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'mapper' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
