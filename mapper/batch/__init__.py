"""Corpus mode: thousands of articles → frames, merged flows and one map.

:func:`run_batch` reads articles one at a time (a folder, JSONL, CSV or
standard input, via :func:`mapper.read.article.read_articles`), extracts them
in parallel, and records every article's result in a SQLite store in the
output folder, one transaction per finished chunk: an article is either fully
recorded or not at all. A run that is interrupted (Ctrl-C, ``kill -9``, a
crash) resumes where it stopped: articles already recorded are skipped, the
others are processed, none twice. An article that fails is recorded with its
error and the batch goes on.

When every article is recorded, the combined outputs are written from the
store by streaming, in chunks, so memory does not grow with the corpus:

``OUTDIR/``
    ``mentions.parquet``, ``places.parquet``, ``flows.parquet``,
    ``events.parquet``, ``merged_flows.parquet`` (GeoParquet, EPSG:4326);
    ``corpus.gpkg`` (the same five as GeoPackage layers); ``articles.csv``
    (one row per article: status, counts); ``failures.csv``;
    ``map.html`` (the merged flows); ``store.sqlite`` (the resumable state).

Work runs in local processes by default (the gazetteer is loaded once per
worker, in its initializer), or on an existing Dask distributed cluster with
``scheduler="tcp://host:port"`` (``pip install mapper[batch]``).

Modules, in the order a run uses them:

* :mod:`~mapper.batch.run` — :func:`run_batch`, the recipe;
* :mod:`~mapper.batch.collection` — the articles of the input, one at a time;
* :mod:`~mapper.batch.lock` — one run per output folder;
* :mod:`~mapper.batch.store` — the SQLite store that makes a run resumable;
* :mod:`~mapper.batch.pool`, :mod:`~mapper.batch.cluster` — where chunks run
  (local processes, this process, a Dask cluster);
* :mod:`~mapper.batch.worker` — what a worker does with a chunk, and its time limit;
* :mod:`~mapper.batch.outputs`, :mod:`~mapper.batch.geoparquet`,
  :mod:`~mapper.batch.merged_map` — the combined outputs;
* :mod:`~mapper.batch.result`, :mod:`~mapper.batch.report` — what a run returns and prints.
"""

from mapper.batch.outputs import write_outputs
from mapper.batch.report import format_report
from mapper.batch.result import BatchResult
from mapper.batch.run import run_batch
from mapper.batch.worker import DEFAULT_TIMEOUT, ArticleTimeout
from mapper.errors import SchedulerError

__all__ = [
    "BatchResult",
    "ArticleTimeout",
    "SchedulerError",
    "DEFAULT_TIMEOUT",
    "run_batch",
    "write_outputs",
    "format_report",
]
