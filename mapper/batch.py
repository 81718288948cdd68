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
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import json
import os
import signal
import sqlite3
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mapper.errors import EmptyInputError, InputError, MapperError, OutputError, SchedulerError
from mapper.merge import DEFAULT_WINDOW_DAYS
from mapper.read.fetch import DEFAULT_TIMEOUT as DEFAULT_FETCH_TIMEOUT
from mapper.read.fetch import Fetcher

__all__ = [
    "BatchResult",
    "ArticleTimeout",
    "SchedulerError",
    "run_batch",
    "write_outputs",
    "add_batch_command",
]

FRAMES = ("mentions", "places", "flows", "events")
STORE_NAME = "store.sqlite"
DEFAULT_CHUNK_SIZE = 32  # local pool: big enough to spare the parent, small enough to keep workers busy to the end
DASK_CHUNK_SIZE = 64  # a Dask task costs more to schedule than a pool item
DEFAULT_TIMEOUT = 120.0
_WRITE_ROWS = 5000  # rows per chunk when streaming the store into the combined outputs
_READ_BLOCKS = 500  # store rows fetched at a time (an article's block of rows each)


class ArticleTimeout(MapperError, TimeoutError):
    """One article took longer than the batch's per-article time limit."""

    exit_code = 1


# Results ------------------------------------------------------------------------------
@dataclass(frozen=True)
class BatchResult:
    """What a batch run recorded and wrote.

    Attributes
    ----------
    outdir : pathlib.Path
        The output folder.
    n_articles, n_ok, n_failed : int
        Articles recorded in the store (over every run that used *outdir*),
        those extracted and those that failed.
    n_new, n_skipped, n_duplicates : int
        This run: articles processed, articles skipped because already
        recorded (resume), and articles whose id was seen earlier in the input.
    counts : dict of str to int
        Rows written per output frame (``mentions``, ``places``, ``flows``,
        ``events``, ``merged_flows``).
    seconds : float
        Wall time of this run, extraction and writing.
    extract_seconds : float
        Wall time of the extraction part (reading, workers, store).
    outputs : dict of str to pathlib.Path
        Every file written, by name.
    """

    outdir: Path
    n_articles: int
    n_ok: int
    n_failed: int
    n_new: int
    n_skipped: int
    n_duplicates: int
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    extract_seconds: float = 0.0
    outputs: dict[str, Path] = field(default_factory=dict)

    def summary(self) -> str:
        """One line: articles, failures, rows and merged flows."""
        rows = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in self.counts.items())
        return (
            f"{self.n_articles} articles ({self.n_new} new, {self.n_skipped} already done, "
            f"{self.n_failed} failed): {rows}"
        )

    def merged_flows(self, *, lazy: bool = False):
        """The merged flows as a GeoDataFrame (read from ``merged_flows.parquet``); see :meth:`frame`."""
        return self.frame("merged_flows", lazy=lazy)

    def frame(self, name: str, *, lazy: bool = False):
        """One combined frame (``mentions``, ``places``, ``flows``, ``events``, ``merged_flows``).

        Parameters
        ----------
        name : str
            The frame's name.
        lazy : bool
            False (default): a GeoDataFrame in memory. True: a dask-geopandas
            GeoDataFrame with one partition per row group of the GeoParquet
            file (row groups are written as the run streams), for corpora
            larger than memory or computed on the Dask cluster of the run.

        Examples
        --------
        >>> per_country = result.frame("mentions", lazy=True).groupby("country_code").size()  # doctest: +SKIP
        >>> per_country.compute()  # doctest: +SKIP
        """
        if name not in self.outputs:
            raise KeyError(f"no frame {name!r}: this run wrote {', '.join(sorted(self.outputs))}")
        if lazy:
            try:
                import dask_geopandas
            except ImportError as exc:
                raise SchedulerError("dask-geopandas is not installed: pip install 'mapper[batch]' for lazy frames") from exc
            return dask_geopandas.read_parquet(self.outputs[name], split_row_groups=True)
        import geopandas as gpd

        return gpd.read_parquet(self.outputs[name])

    def failures(self):
        """The failed articles: ``article_id``, ``error_type``, ``message``, ``source``."""
        import pandas as pd

        return pd.read_csv(self.outputs["failures"], dtype=str, keep_default_na=False)


# The store ----------------------------------------------------------------------------
_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    status TEXT NOT NULL,
    title TEXT, url TEXT, published TEXT, source TEXT,
    error_type TEXT, message TEXT,
    n_mentions INTEGER, n_places INTEGER, n_flows INTEGER, n_events INTEGER,
    seconds REAL
);
CREATE TABLE IF NOT EXISTS rows (
    frame TEXT NOT NULL,
    seq INTEGER NOT NULL,
    i INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    key1 TEXT, key2 TEXT, published TEXT,
    data TEXT NOT NULL
);
"""
# Built when the outputs are written, not kept up to date row by row while articles
# arrive: one bulk build costs less than the upkeep, and the store's writer (the
# parent process) shares the CPUs with the workers.
_INDEXES = """
-- Streams every frame in input order without a sort whose memory grows with the corpus.
CREATE INDEX IF NOT EXISTS rows_in_order ON rows (frame, seq, article_id, i);
-- Streams flows grouped by route for the merge, also without a sort.
CREATE INDEX IF NOT EXISTS flows_by_route ON rows (key1, key2, published, seq, i) WHERE frame = 'flows';
"""


class _Store:
    """Append-only SQLite store: one transaction per finished chunk of articles.

    WAL mode with ``synchronous=NORMAL``: a committed transaction survives the
    process being killed; only a power cut can lose the last commits.
    """

    def __init__(self, path: Path):
        self.path = path
        try:
            self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise OutputError(
                f"cannot use the batch store {path}: {exc}; remove it or rerun with --no-resume"
            ) from exc

    def done(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT article_id FROM articles")}

    def record(self, results: list[dict]) -> None:
        """Record finished articles, all or nothing."""
        articles = [
            (
                r["id"], r["seq"], r["status"], r.get("title"), r.get("url"), r.get("published"),
                r.get("source"), r.get("error_type"), r.get("message"),
                *(r.get("counts", {}).get(name) for name in FRAMES),
                r.get("seconds"),
            )
            for r in results
        ]
        rows = []
        for r in results:
            seq, aid, published = r["seq"], r["id"], r.get("published")
            for name, block in r.get("rows", {}).items():
                if not block:
                    continue
                keys = r.get("keys", {}).get(name)
                if keys:  # flows: one row each, keyed by route for the merge
                    rows.extend((name, seq, i, aid, *keys[i], published, line)
                                for i, line in enumerate(block.split("\n")))
                else:  # the rest: one block of JSON lines per article, which the parent writes at once
                    rows.append((name, seq, 0, aid, None, None, published, block))
        db = self.db
        # One statement per table and chunk: the parent's time is taken from the workers'.
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", articles)
            db.executemany("INSERT INTO rows VALUES (?,?,?,?,?,?,?,?)", rows)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def index(self) -> None:
        """Build the indexes the outputs are streamed by (a no-op when they exist)."""
        self.db.executescript(_INDEXES)

    def forget_failures(self) -> int:
        """Forget the failed articles (they hold no rows), so that they are tried again."""
        return self.db.execute("DELETE FROM articles WHERE status='failed'").rowcount

    def stats(self) -> tuple[int, int, int]:
        n, ok, failed = self.db.execute(
            "SELECT COUNT(*), SUM(status='ok'), SUM(status='failed') FROM articles"
        ).fetchone()
        return n, ok or 0, failed or 0

    def close(self) -> None:
        self.db.close()


_LOCK_FD: int | None = None
LOCK_WAIT = 5.0  # seconds to wait for OUTDIR's lock (a killed run's workers take a moment to exit)


def _lock(outdir: Path, wait: float | None = None):
    """Hold OUTDIR for this run: two runs filling one store would do the same articles twice.

    Waits up to *wait* seconds, for the processes of a run that was just
    killed to finish exiting.
    """
    global _LOCK_FD
    handle = open(outdir / ".lock", "a+")
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        return handle
    deadline = time.monotonic() + (LOCK_WAIT if wait is None else wait)
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except OSError as exc:
            if time.monotonic() > deadline:
                handle.close()
                raise OutputError(
                    f"{outdir} is in use by another mapper batch run: wait for it or choose another -o folder"
                ) from exc
            time.sleep(0.1)
    _LOCK_FD = handle.fileno()
    return handle  # the lock goes with the handle, also when the process is killed


def _die_with_parent() -> None:
    """A forked worker lets go of the run's lock and dies with its parent (even on kill -9)."""
    if _LOCK_FD is not None:
        with contextlib.suppress(OSError):
            os.close(_LOCK_FD)
    if sys.platform == "linux":
        import ctypes

        with contextlib.suppress(Exception):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


# The worker ---------------------------------------------------------------------------
_INIT_ERROR: BaseException | None = None
#: The modules a worker extracts with (no data: the gazetteer opens in each worker).
_WORKER_MODULES = ("mapper.pipeline", "mapper.read.sentences", "mapper.places.toponyms", "mapper.geocode.resolve",
                   "mapper.geocode.regions", "mapper.outlines", "mapper.data", "mapper.movements.extract", "mapper.frames")
_WARM_UP = "Hundreds of families fled the town of Springfield for the city of Shelbyville on Monday."


def _init_worker(*, ignore_sigint: bool = False) -> None:
    """Load the gazetteer and every lazy model once, before the first article."""
    if ignore_sigint:  # a local pool worker
        # Ctrl-C goes to the whole process group: the parent handles it, pool workers finish quietly.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _die_with_parent()
    global _INIT_ERROR
    try:
        from mapper.geocode.gazetteer import get_gazetteer

        get_gazetteer()
    except Exception as exc:  # noqa: BLE001 - reported by the first chunk, which stops the batch
        _INIT_ERROR = exc
        return
    with contextlib.suppress(Exception):
        # The path articles take (rows, no GeoDataFrame): workers never import pandas.
        from mapper.model import Article

        _extract_rows(Article(text=_WARM_UP, id="warm-up"))


@contextlib.contextmanager
def _time_limit(seconds: float | None):
    """Raise :class:`ArticleTimeout` in this thread when the block takes longer than *seconds*.

    In a process's main thread (local workers) a SIGALRM timer raises it; in
    other threads (Dask runs tasks in threads) a watchdog thread raises it
    asynchronously in the running one. Either way it lands between two Python
    bytecodes, so one very long call into C finishes first.
    """
    if not seconds:
        yield
        return
    message = f"took longer than {seconds:g} s: raise --timeout or remove this article"
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        def expire(signum, frame):
            raise ArticleTimeout(message)

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return
    with _thread_time_limit(seconds, message):
        yield


_REFIRE_SECONDS = 0.05  # how often a thread's time limit is raised again until it takes effect


@contextlib.contextmanager
def _thread_time_limit(seconds: float, message: str):
    import ctypes

    target = ctypes.c_ulong(threading.get_ident())
    raise_in = ctypes.pythonapi.PyThreadState_SetAsyncExc
    lock = threading.Lock()
    state = {"running": True, "fired": False}
    done = threading.Event()

    def expire():
        if done.wait(seconds):
            return
        # Again and again until the block ends: an exception that lands while the thread runs
        # a garbage-collector callback (Dask installs one) is swallowed there as unraisable.
        while True:
            with lock:
                if not state["running"]:
                    return
                state["fired"] = True
                raise_in(target, ctypes.py_object(ArticleTimeout))
            if done.wait(_REFIRE_SECONDS):
                return

    watchdog = threading.Thread(target=expire, daemon=True, name="mapper-time-limit")
    try:
        # Started inside the try: a limit that strikes while the watchdog starts (a short
        # limit, a loaded machine) must still be disarmed below, or it would strike forever.
        watchdog.start()
        yield
    except ArticleTimeout as exc:
        if exc.args:
            raise
        raise ArticleTimeout(message) from None
    finally:
        # A strike fired just before the watchdog is stopped can land in these very lines:
        # then stop it again. Once stopped under the lock, nothing more is raised.
        while True:
            try:
                with lock:
                    state["running"] = False
                    if state["fired"]:
                        # Fired just as the block ended: take back the exception not raised yet.
                        raise_in(target, None)
                break
            except ArticleTimeout:
                continue
        done.set()


def _jsonable(value):
    if value is None:
        return None
    if isinstance(value, float):
        return None if value != value else value
    if hasattr(value, "item"):  # numpy scalar
        return _jsonable(value.item())
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    return value


def _encode_rows(rows: list[dict]) -> list[str]:
    """One JSON object per row, geometry as hex WKB: compact, exact, typed by JSON.

    Rows come from :func:`mapper.frames.build_records`, whose geometries are plain
    coordinates: workers write their WKB without making shapely objects at all.
    """
    from mapper.frames import wkb_hex

    out = []
    for row in rows:
        record = {}
        for key, value in row.items():
            record[key] = wkb_hex(value) if key == "geometry" else _jsonable(value)
        out.append(json.dumps(record, ensure_ascii=False))
    return out


def _extract_rows(article) -> dict[str, list[dict]]:
    """The four frames of one article as row dicts, with no GeoDataFrame per article."""
    from mapper.pipeline import extract_records

    return {name: list(rows) for name, rows in extract_records(article).items()}


def _one_line(message: str, limit: int = 500) -> str:
    text = " ".join(str(message).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _meta(article, seq: int) -> dict:
    published = getattr(article, "published", None)
    return {
        "id": article.id,
        "seq": seq,
        "title": getattr(article, "title", None),
        "url": getattr(article, "url", None),
        "published": published.isoformat() if published else None,
        "source": getattr(article, "source", None),
    }


def _failure(result: dict, exc: BaseException) -> dict:
    result.update(status="failed", error_type=type(exc).__name__, message=_one_line(exc) or type(exc).__name__)
    return result


def _process_article(article, seq: int, timeout: float | None) -> dict:
    result = _meta(article, seq)
    started = time.perf_counter()
    try:
        if not article.text.strip():
            raise EmptyInputError(f"article {article.id} has no text: give the article text")
        with _time_limit(timeout):
            frames = _extract_rows(article)
            lines = {name: _encode_rows(frame_rows) for name, frame_rows in frames.items()}
    except Exception as exc:  # noqa: BLE001 - one article's failure is recorded, never stops the batch
        result["seconds"] = time.perf_counter() - started
        return _failure(result, exc)
    result.update(
        status="ok",
        seconds=time.perf_counter() - started,
        counts={name: len(frame_lines) for name, frame_lines in lines.items()},
        # One text block of JSON lines per frame: the parent stores and unpickles one string,
        # not one per row (its time is the part of the run that does not scale with workers).
        rows={name: "\n".join(frame_lines) for name, frame_lines in lines.items()},
        keys={
            "flows": [(str(f.get("origin_id")), str(f.get("destination_id"))) for f in frames["flows"]],
        },
    )
    return result


def _process_chunk(items: list[tuple[int, Any]], timeout: float | None = DEFAULT_TIMEOUT) -> list[dict]:
    """Extract a chunk of ``(seq, article)`` pairs in a worker; never raises for one article.

    Raises only when the worker itself is unusable (its gazetteer failed to
    load): that stops the batch, since every article would fail the same way.
    """
    if _INIT_ERROR is not None:
        raise _INIT_ERROR
    return [_process_article(article, seq, timeout) for seq, article in items]


# Input --------------------------------------------------------------------------------
def _articles(source, *, published=None, max_bytes=None, fetcher=None) -> Iterator:
    """Articles (or FailedArticle) one at a time, from a source or an iterable."""
    from mapper.model import Article
    from mapper.read.article import read_article, read_articles

    if isinstance(source, (str, os.PathLike)) or hasattr(source, "read"):
        yield from read_articles(source, published=published, max_bytes=max_bytes, errors="include", fetcher=fetcher)
        return
    for item in source:
        if isinstance(item, str):
            yield read_article(item, published=published, as_text=True)
        elif isinstance(item, os.PathLike):
            yield from read_articles(item, published=published, max_bytes=max_bytes, errors="include", fetcher=fetcher)
        elif isinstance(item, Article) or hasattr(item, "error"):
            yield item
        else:
            raise InputError(f"cannot read a {type(item).__name__} as an article: give Article objects, texts or paths")


def _sized(source) -> int | None:
    if isinstance(source, (str, os.PathLike)) or hasattr(source, "read"):
        return None
    try:
        return len(source)
    except TypeError:
        return None


# Executors ------------------------------------------------------------------------------
class _LocalExecutor:
    """Chunks on a local process pool; a pool broken by a crashing article is rebuilt.

    When a worker dies (segfault, out of memory) the articles of every chunk
    in flight are redone one at a time on a new pool, so that the culprit
    alone is recorded as failed (``WorkerCrashed``) and the others are extracted.
    """

    def __init__(self, workers: int, timeout: float | None):
        self.workers = workers
        self.timeout = timeout
        self.pool = None
        self.pending: dict = {}

    def _new_pool(self):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # fork shares the parent's loaded modules; the gazetteer still loads per worker.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        if method == "fork":
            # Imported once here rather than in every worker at once: 60 ms of CPU
            # that would otherwise compete with the other workers and this process.
            for name in _WORKER_MODULES:
                importlib.import_module(name)
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context(method),
            initializer=functools.partial(_init_worker, ignore_sigint=True),
        )

    def __enter__(self):
        self.pool = self._new_pool()
        # Start the workers now: they load the gazetteer while the parent reads the first chunk.
        self.pool.submit(int)
        return self

    def __exit__(self, *exc):
        if self.pool is not None:
            # On an interrupt do not wait for chunks in flight: they are not recorded and will be redone.
            self.pool.shutdown(wait=exc[0] is None, cancel_futures=True)

    def submit(self, chunk):
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        try:
            future = self.pool.submit(_process_chunk, chunk, self.timeout)
        except BrokenProcessPool as exc:
            # A worker died since the last wait: the pool refuses new work at once. The
            # chunk waits with the others in flight, and completed() redoes them all.
            future = Future()
            future.set_exception(exc)
        self.pending[future] = chunk

    def _restart(self):
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new_pool()

    def completed(self) -> Iterator[list[dict]]:
        """Wait for at least one chunk; yield the results of those done."""
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        done, _ = wait(list(self.pending), return_when=FIRST_COMPLETED)
        suspects: list = []
        for future in done:
            chunk = self.pending.pop(future)
            try:
                yield future.result()
            except BrokenProcessPool:
                suspects.extend(chunk)
        if not suspects:
            return
        # Every chunk in flight died with the pool (unless it had just finished).
        for future, chunk in list(self.pending.items()):
            if future.done() and future.exception() is None:
                yield future.result()
            else:
                suspects.extend(chunk)
        self.pending.clear()
        self._restart()
        # One article at a time, so that the one that kills a worker is known.
        for seq, article in sorted(suspects, key=lambda item: item[0]):
            future = self.pool.submit(_process_chunk, [(seq, article)], self.timeout)
            try:
                yield future.result()
            except BrokenProcessPool:
                yield [_failure(_meta(article, seq), _WorkerCrashed(
                    "the worker process died on this article (crash or out of memory)"))]
                self._restart()


class _WorkerCrashed(RuntimeError):
    pass


_WorkerCrashed.__name__ = "WorkerCrashed"


class _InProcessExecutor:
    """workers=0: extract in this process (debugging, tiny inputs)."""

    def __init__(self, timeout):
        self.timeout = timeout
        self.pending: list = []

    def __enter__(self):
        from mapper.geocode.gazetteer import get_gazetteer

        get_gazetteer()
        return self

    def __exit__(self, *exc):
        return None

    def submit(self, chunk):
        self.pending.append(chunk)

    def completed(self):
        chunk = self.pending.pop(0)
        yield _process_chunk(chunk, self.timeout)


class _DaskExecutor:
    """Chunks on an existing Dask distributed cluster (or a Client given by the caller)."""

    def __init__(self, scheduler, timeout):
        self.scheduler = scheduler
        self.timeout = timeout
        self.client = None
        self.own_client = False
        self.pending = None
        self.count = 0

    def __enter__(self):
        try:
            from distributed import Client
        except ImportError as exc:
            raise SchedulerError(
                "Dask is not installed: pip install 'mapper[batch]' to use --scheduler"
            ) from exc
        if isinstance(self.scheduler, str):
            try:
                self.client = Client(self.scheduler, timeout="10s", set_as_default=False)
            except (OSError, TimeoutError) as exc:
                raise SchedulerError(
                    f"cannot reach the Dask scheduler at {self.scheduler}: check the address, or run without --scheduler"
                ) from exc
            self.own_client = True
        else:
            self.client = self.scheduler
        from mapper._dask_plugin import GazetteerPlugin

        self.client.register_plugin(GazetteerPlugin(), name=GazetteerPlugin.name)
        self.pending = {}
        return self

    def __exit__(self, *exc):
        for future in list(self.pending):
            future.cancel()
        if self.own_client:
            self.client.close()

    def submit(self, chunk):
        self.count += 1
        future = self.client.submit(_process_chunk, chunk, self.timeout, pure=False, key=f"mapper-chunk-{self.count}-{chunk[0][0]}")
        self.pending[future] = chunk

    def completed(self):
        from distributed import wait

        done, _ = wait(list(self.pending), return_when="FIRST_COMPLETED")
        for future in done:
            chunk = self.pending.pop(future)
            if future.status == "error" and not isinstance(future.exception(), MapperError):
                # A worker lost or killed under this chunk: record its articles, go on.
                yield [_failure(_meta(article, seq), future.exception()) for seq, article in chunk]
            else:
                yield future.result()


# The run --------------------------------------------------------------------------------
class _NoBar:
    """The progress bar when none is shown."""

    def update(self, n: int) -> None:
        pass


def run_batch(
    articles_or_source,
    outdir: str | os.PathLike,
    *,
    workers: int | None = None,
    scheduler=None,
    progress: bool = True,
    resume: bool = True,
    window_days: int = DEFAULT_WINDOW_DAYS,
    chunk_size: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    published=None,
    max_bytes: int | None = None,
    map: bool = True,
    write: bool = True,
    retry_failed: bool = False,
) -> BatchResult:
    """Extract every article of a corpus, resumably, and write combined outputs.

    Parameters
    ----------
    articles_or_source : str, path, file object or iterable
        A folder, JSONL, CSV or JSON file, ``"-"`` for standard input (see
        :func:`mapper.read.article.read_articles`), or an iterable of
        :class:`~mapper.model.Article` objects, texts or paths. Read lazily,
        one article at a time.
    outdir : str or path-like
        Output folder; holds the store that makes the run resumable.
    workers : int, optional
        Local worker processes (default: the number of CPUs); 0 extracts in
        this process. Ignored with *scheduler*.
    scheduler : str or distributed.Client, optional
        ``"tcp://host:port"`` of an existing Dask scheduler (or a Client):
        run the chunks on that cluster. Its workers need mapper installed.
    progress : bool
        Show a progress bar on standard error.
    resume : bool
        Keep the articles already recorded in *outdir* and skip them (default).
        False starts from an empty store.
    window_days : int
        Merge window: reports of one origin→destination pair published
        within this many days of the period's first report are one movement.
    chunk_size : int, optional
        Articles sent to a worker at a time (amortises inter-process traffic);
        default 32 locally, 64 on Dask.
    timeout : float or None
        Seconds one article may take, in a local worker or a Dask task, before
        it is recorded as failed (``ArticleTimeout``); also the time limit to
        fetch each page given by its address (``FetchTimeout``).
    published : date or str, optional
        Publication date for articles whose metadata has none.
    max_bytes : int, optional
        Largest article; larger ones are recorded as failed.
    map : bool
        Draw ``map.html`` of the merged flows.
    write : bool
        Write the combined outputs (False: only fill the store).
    retry_failed : bool
        On resume, try the articles that failed before again (e.g. with a
        longer *timeout*) instead of skipping them.

    Returns
    -------
    BatchResult

    Raises
    ------
    mapper.errors.OutputError
        When *outdir* cannot be written.
    SchedulerError
        When the Dask scheduler cannot be reached.
    """
    started = time.perf_counter()
    outdir = Path(outdir)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {outdir}: {exc.strerror or exc}; choose another -o folder") from exc
    store_path = outdir / STORE_NAME
    lock = _lock(outdir)
    if not resume:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{store_path}{suffix}").unlink(missing_ok=True)
    store = _Store(store_path)
    try:
        chunk_size = chunk_size or (DASK_CHUNK_SIZE if scheduler is not None else DEFAULT_CHUNK_SIZE)
        if scheduler is not None:
            executor = _DaskExecutor(scheduler, timeout)
            n_workers = 4
        elif workers == 0:
            executor = _InProcessExecutor(timeout)
            n_workers = 1
        else:
            n_workers = max(1, workers or os.cpu_count() or 1)
            executor = _LocalExecutor(n_workers, timeout)
        max_in_flight = 2 * n_workers + 2

        def record(results: list[dict]) -> None:
            nonlocal n_new
            store.record(results)
            n_new += len(results)
            bar.update(len(results))

        # The executor first: its workers load the gazetteer while this process sets up and reads.
        with contextlib.ExitStack() as stack:
            stack.enter_context(executor)
            if retry_failed:
                store.forget_failures()
            done = store.done()
            total = _sized(articles_or_source)
            n_new = n_skipped = n_duplicates = 0
            seen: set[str] = set()
            if progress:
                from tqdm import tqdm

                bar = stack.enter_context(tqdm(total=total, unit="article", desc="articles", dynamic_ncols=True,
                                               file=sys.stderr))
            else:  # tqdm's import alone takes 25 ms
                bar = _NoBar()
            chunk: list = []
            failed_reads: list[dict] = []
            # seq is the position in the input: outputs keep input order whatever the
            # order workers finish in, and a resumed run writes the same files.
            # Pages given by address (URL lists, url columns) are fetched here, within the time limit.
            fetcher = Fetcher(timeout=timeout or DEFAULT_FETCH_TIMEOUT)
            for seq, item in enumerate(_articles(articles_or_source, published=published, max_bytes=max_bytes,
                                                 fetcher=fetcher)):
                if item.id in done:
                    n_skipped += 1
                    bar.update(1)
                    continue
                if item.id in seen:
                    n_duplicates += 1
                    bar.update(1)
                    continue
                seen.add(item.id)
                if hasattr(item, "error"):  # an article the reader could not read
                    failed_reads.append(_failure(_meta(item, seq), item.error))
                    if len(failed_reads) >= chunk_size:
                        record(failed_reads)
                        failed_reads = []
                    continue
                chunk.append((seq, item))
                if len(chunk) >= chunk_size:
                    executor.submit(chunk)
                    chunk = []
                    while len(executor.pending) >= max_in_flight:
                        for results in executor.completed():
                            record(results)
            if chunk:
                executor.submit(chunk)
            if failed_reads:
                record(failed_reads)
            while executor.pending:
                for results in executor.completed():
                    record(results)
        extract_seconds = time.perf_counter() - started
        n, ok, failed = store.stats()
        outputs: dict[str, Path] = {"store": store_path}
        counts: dict[str, int] = {}
        if write:
            counts, written = write_outputs(store, outdir, window_days=window_days, map=map)
            outputs.update(written)
    finally:
        store.close()
        lock.close()
        globals()["_LOCK_FD"] = None
    return BatchResult(
        outdir=outdir,
        n_articles=n,
        n_ok=ok,
        n_failed=failed,
        n_new=n_new,
        n_skipped=n_skipped,
        n_duplicates=n_duplicates,
        counts=counts,
        seconds=time.perf_counter() - started,
        extract_seconds=extract_seconds,
        outputs=outputs,
    )


# Writing the combined outputs -------------------------------------------------------------
def _infer_types(lines: Iterable[str]) -> dict[str, set]:
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


class _FrameWriter:
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


def _columns(name: str, seen: dict[str, set], extra: tuple[str, ...] = ()) -> dict[str, Any]:
    from mapper import schema
    from mapper.merge import MERGED_COLUMNS

    base = MERGED_COLUMNS if name == "merged_flows" else schema.FRAME_COLUMNS[name]
    names = list(dict.fromkeys([*base, *extra, *seen]))
    names = [c for c in names if c != "geometry"] + ["geometry"]
    return {c: _arrow_type(c, seen.get(c, set())) for c in names}


def _iter_lines(db: sqlite3.Connection, name: str) -> Iterator[str]:
    # A row holds one JSON line (flows; stores of mapper before blocks) or an article's block of them.
    cursor = db.execute("SELECT data FROM rows WHERE frame=? ORDER BY seq, article_id, i", (name,))
    while batch := cursor.fetchmany(_READ_BLOCKS):
        for (block,) in batch:
            yield from block.split("\n")


def _batched(items: Iterable, n: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def write_outputs(store, outdir: Path, *, window_days: int = DEFAULT_WINDOW_DAYS, map: bool = True,
                  gpkg: bool = True) -> tuple[dict[str, int], dict[str, Path]]:
    """Write the combined outputs of a store, streaming (see the module docstring)."""
    from mapper import schema
    from mapper.merge import merge_records

    if isinstance(store, (str, os.PathLike)):
        store = _Store(Path(store))
    store.index()
    db = store.db
    outdir = Path(outdir)
    gpkg_path = outdir / "corpus.gpkg"
    gpkg_tmp = outdir / ".corpus.tmp.gpkg"
    gpkg_tmp.unlink(missing_ok=True)
    outputs: dict[str, Path] = {}
    counts: dict[str, int] = {}

    for name in ("mentions", "flows", "events"):
        writer = _FrameWriter(name, outdir / f"{name}.parquet", gpkg_tmp if gpkg else None,
                              _columns(name, _infer_types(_iter_lines(db, name))), schema.GEOMETRY_TYPES[name])
        for batch in _batched(_iter_lines(db, name), _WRITE_ROWS):
            writer.write([json.loads(line) for line in batch])
        writer.close()
        outputs[name], counts[name] = writer.parquet, writer.n

    # Places: one row per distinct place over the corpus (bounded by the gazetteer, not the corpus).
    places: dict[str, dict] = {}
    for line in _iter_lines(db, "places"):
        row = json.loads(line)
        kept = places.get(row["place_id"])
        if kept is None:
            places[row["place_id"]] = {**row, "n_articles": 1}
        else:
            kept["n_mentions"] = (kept.get("n_mentions") or 0) + (row.get("n_mentions") or 0)
            kept["n_articles"] += 1
    rows = sorted(places.values(), key=lambda r: (-(r.get("n_mentions") or 0), str(r["place_id"])))
    writer = _FrameWriter("places", outdir / "places.parquet", gpkg_tmp if gpkg else None,
                          _columns("places", _infer_types(json.dumps(r) for r in rows), ("n_articles",)), "Point")
    for batch in _batched(rows, _WRITE_ROWS):
        writer.write(batch)
    writer.close()
    outputs["places"], counts["places"] = writer.parquet, writer.n
    del places, rows

    # Merged flows: stream the flows sorted by origin and destination; one pair in memory at a time.
    def flow_records() -> Iterator[dict]:
        cursor = db.execute(
            "SELECT published, data FROM rows INDEXED BY flows_by_route WHERE frame='flows' "
            "ORDER BY key1, key2, published, seq, i"
        )
        while batch := cursor.fetchmany(_WRITE_ROWS):
            for published, line in batch:
                yield {**json.loads(line), "published": published}

    # Merging is cheap: done twice (types, then rows) rather than holding the result.
    # Geometry stays the hex WKB of each pair's first report.
    seen = _infer_types(
        json.dumps(r, ensure_ascii=False) for r in merge_records(flow_records(), window_days=window_days, presorted=True)
    )
    writer = _FrameWriter("merged_flows", outdir / "merged_flows.parquet", gpkg_tmp if gpkg else None,
                          _columns("merged_flows", seen), "LineString")
    for batch in _batched(merge_records(flow_records(), window_days=window_days, presorted=True), _WRITE_ROWS):
        writer.write(batch)
    writer.close()
    outputs["merged_flows"], counts["merged_flows"] = writer.parquet, writer.n
    if gpkg:
        os.replace(gpkg_tmp, gpkg_path)
        outputs["gpkg"] = gpkg_path

    outputs.update(_write_tables(db, outdir))
    if map and (path := _write_map(outdir, outputs)) is not None:
        outputs["map"] = path
    return counts, outputs


def _write_tables(db: sqlite3.Connection, outdir: Path) -> dict[str, Path]:
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


def _write_map(outdir: Path, outputs: dict[str, Path]) -> Path | None:
    """Draw the merged flows (and their places) as one self-contained map."""
    import geopandas as gpd

    from mapper.frames import empty_frame
    from mapper.pipeline import Extraction

    try:
        from mapper.render.folium_map import render
        from mapper.render.html import save_html
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


# Report ---------------------------------------------------------------------------------------
def format_report(result: BatchResult, *, top: int = 20) -> str:
    """Counts of articles, flows and failures, and a table of the most reported merged flows."""
    lines = [
        f"articles   {result.n_articles:>8}  ({result.n_ok} extracted, {result.n_failed} failed; "
        f"this run: {result.n_new} new, {result.n_skipped} already done, {result.n_duplicates} duplicate ids)",
    ]
    for name, n in result.counts.items():
        lines.append(f"{name.replace('_', ' '):<11}{n:>8}")
    lines.append(f"time       {result.seconds:>8.1f} s ({result.extract_seconds:.1f} s extracting)")
    if result.counts.get("merged_flows"):
        merged = result.merged_flows()
        merged = merged.sort_values(["n_articles", "n_reports", "origin", "destination"],
                                    ascending=[False, False, True, True])
        lines += ["", f"Merged flows (top {min(top, len(merged))} of {len(merged)} by articles):"]
        header = f"  {'origin':<24} {'destination':<24} {'period':<23} {'count':<30} {'articles':>8}"
        lines += [header, "  " + "-" * (len(header) - 2)]
        for row in merged.head(top).itertuples():
            period = f"{row.period_start}…{row.period_end}" if isinstance(row.period_start, str) else "undated"
            count = row.count_text if isinstance(row.count_text, str) else "no figure"
            lines.append(
                f"  {_cut(row.origin, 24):<24} {_cut(row.destination, 24):<24} {period:<23} "
                f"{_cut(count, 30):<30} {row.n_articles:>8}"
            )
    if result.n_failed:
        failures = result.failures()
        lines += ["", f"Failures ({len(failures)}; all in {result.outputs.get('failures')}):"]
        for row in failures.head(top).itertuples():
            lines.append(f"  {row.article_id}: {row.error_type}: {_cut(row.message, 100)}")
    return "\n".join(lines)


def _cut(text, n: int) -> str:
    text = str(text) if text is not None else ""
    return text if len(text) <= n else text[: n - 1] + "…"


# CLI --------------------------------------------------------------------------------------
def add_batch_command(subparsers) -> None:
    """Register ``mapper batch`` on the ``mapper`` command's subparsers."""
    from mapper.cli import _add_command

    p = _add_command(
        subparsers,
        "batch",
        help="extract a whole corpus, resumably, and merge the flows reported by several articles",
        description=(
            "Extract every article of a folder, JSONL, CSV or standard input in parallel, and write\n"
            "GeoParquet and GeoPackage of mentions, places, flows, events and merged flows, a\n"
            "failures table and a map into OUTDIR. An interrupted run resumes where it stopped.\n"
            "Flows of one origin and destination reported within --window days are merged;\n"
            "differing figures are kept as a range with their sources, never summed."
        ),
        examples="""
            mapper batch articles/ -o out/corpus                 # a folder of .txt/.html/.json
            mapper batch articles.jsonl -o out/corpus --report   # print counts and merged flows
            mapper batch articles.csv -o out/corpus --workers 2
            mapper batch urls.txt -o out/corpus --timeout 30     # fetch the pages, one address a line
            mapper batch articles.csv -o out/corpus --scheduler tcp://scheduler-host:8786
        """,
    )
    p.add_argument("input", metavar="INPUT",
                   help="folder, .jsonl, .csv, .json file, .txt list of page addresses, or - for standard input")
    p.add_argument("-o", "--output", metavar="OUTDIR", required=True, help="output folder (also holds the resumable state)")
    p.add_argument("--workers", type=int, default=None, metavar="N", help="local worker processes (default: CPUs; 0: none)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler tcp://HOST:PORT (needs mapper[batch])")
    p.add_argument("--report", action="store_true", help="print counts of articles, flows, failures and the merged flows")
    p.add_argument("--no-resume", dest="resume", action="store_false", help="start afresh: forget articles already done in OUTDIR")
    p.add_argument("--retry-failed", action="store_true", help="on resume, try the articles that failed before again")
    p.add_argument("--window", type=int, default=DEFAULT_WINDOW_DAYS, metavar="DAYS",
                   help=f"merge reports published within DAYS of each other (default {DEFAULT_WINDOW_DAYS})")
    p.add_argument("--published", metavar="DATE", help="publication date YYYY-MM-DD for articles without one")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"time limit per article, and to fetch each page given by its address; slower ones are "
                   f"recorded as failed (default {DEFAULT_TIMEOUT:g})")
    p.add_argument("--no-map", dest="map", action="store_false", help="do not draw map.html")
    p.add_argument("--no-progress", dest="progress", action="store_false", help="no progress bar")
    p.set_defaults(run=_cmd_batch)


def _cmd_batch(args) -> int:
    if args.workers is not None and args.workers < 0:
        raise MapperError("--workers must be 0 or more")
    if args.window < 0:
        raise MapperError("--window must be 0 or more days")
    result = run_batch(
        args.input,
        args.output,
        workers=args.workers,
        scheduler=args.scheduler,
        progress=args.progress,
        resume=args.resume,
        window_days=args.window,
        published=args.published,
        timeout=args.timeout or None,
        map=args.map,
        retry_failed=args.retry_failed,
    )
    if args.report:
        print(format_report(result))
    else:
        print(result.summary(), file=sys.stderr)
        print(result.outdir)
    return 0
