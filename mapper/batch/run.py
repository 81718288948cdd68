"""The recipe of a batch run: read the collection, extract it on workers into the store, write the outputs."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from mapper.batch import lock
from mapper.batch.cluster import DaskExecutor
from mapper.batch.collection import iter_articles, size_of
from mapper.read.fetch import DEFAULT_TIMEOUT as DEFAULT_FETCH_TIMEOUT
from mapper.read.fetch import Fetcher
from mapper.batch.outputs import write_outputs
from mapper.batch.pool import InProcessExecutor, LocalExecutor
from mapper.batch.result import BatchResult
from mapper.batch.store import STORE_NAME, Store
from mapper.batch.worker import DEFAULT_TIMEOUT, failure, meta
from mapper.errors import OutputError
from mapper.merge import DEFAULT_WINDOW_DAYS

__all__ = ["run_batch", "DEFAULT_CHUNK_SIZE", "DASK_CHUNK_SIZE"]

DEFAULT_CHUNK_SIZE = 32  # local pool: big enough to spare the parent, small enough to keep workers busy to the end
DASK_CHUNK_SIZE = 64  # a Dask task costs more to schedule than a pool item


def run_batch(articles_or_source, outdir: str | os.PathLike, *, workers: int | None = None, scheduler=None,
              progress: bool = True, resume: bool = True, window_days: int = DEFAULT_WINDOW_DAYS,
              chunk_size: int | None = None, timeout: float | None = DEFAULT_TIMEOUT, published=None,
              max_bytes: int | None = None, map: bool = True, write: bool = True,
              retry_failed: bool = False) -> BatchResult:
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
    outdir = _make_folder(outdir)
    held, store = _open_store(outdir, resume)
    try:
        chunk_size = chunk_size or (DASK_CHUNK_SIZE if scheduler is not None else DEFAULT_CHUNK_SIZE)
        executor, n_workers = _executor(workers, scheduler, timeout)
        tally = _extract(articles_or_source, store, executor, chunk_size=chunk_size, max_in_flight=2 * n_workers + 2,
                         progress=progress, retry_failed=retry_failed, published=published, max_bytes=max_bytes,
                         timeout=timeout)
        extract_seconds = time.perf_counter() - started
        n, ok, failed = store.stats()
        counts, written = write_outputs(store, outdir, window_days=window_days, map=map) if write else ({}, {})
    finally:
        store.close()
        lock.release(held)
    return BatchResult(outdir=outdir, n_articles=n, n_ok=ok, n_failed=failed, n_new=tally.n_new,
                       n_skipped=tally.n_skipped, n_duplicates=tally.n_duplicates, counts=counts,
                       seconds=time.perf_counter() - started, extract_seconds=extract_seconds,
                       outputs={"store": store.path, **written})


def _open_store(outdir: Path, resume: bool):
    """Hold the folder's lock and open its store (emptied first unless resuming)."""
    held = lock.hold(outdir)
    if not resume:
        _remove_store(outdir / STORE_NAME)
    return held, Store(outdir / STORE_NAME)


def _make_folder(outdir: str | os.PathLike) -> Path:
    outdir = Path(outdir)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {outdir}: {exc.strerror or exc}; choose another -o folder") from exc
    return outdir


def _remove_store(store_path: Path) -> None:
    """Start afresh (``resume=False``): the store and SQLite's write-ahead files beside it."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store_path}{suffix}").unlink(missing_ok=True)


def _executor(workers: int | None, scheduler, timeout: float | None):
    """Where the chunks run, and how many run at once."""
    if scheduler is not None:
        return DaskExecutor(scheduler, timeout), 4
    if workers == 0:
        return InProcessExecutor(timeout), 1
    n_workers = max(1, workers or os.cpu_count() or 1)
    return LocalExecutor(n_workers, timeout), n_workers


class _NoBar:
    """The progress bar when none is shown."""

    def update(self, n: int) -> None:
        pass


def _progress_bar(stack: contextlib.ExitStack, progress: bool, total: int | None):
    if not progress:  # tqdm's import alone takes 25 ms
        return _NoBar()
    from tqdm import tqdm

    return stack.enter_context(tqdm(total=total, unit="article", desc="articles", dynamic_ncols=True, file=sys.stderr))


class _Tally:
    """What this run did with each article of the input; finished ones are recorded in the store."""

    def __init__(self, store: Store, bar):
        self.store = store
        self.bar = bar
        self.n_new = self.n_skipped = self.n_duplicates = 0

    def record(self, results: list[dict]) -> None:
        self.store.record(results)
        self.n_new += len(results)
        self.bar.update(len(results))

    def skip(self) -> None:
        self.n_skipped += 1
        self.bar.update(1)

    def duplicate(self) -> None:
        self.n_duplicates += 1
        self.bar.update(1)


def _extract(source, store: Store, executor, *, chunk_size: int, max_in_flight: int, progress: bool,
             retry_failed: bool, published, max_bytes: int | None, timeout: float | None = None) -> _Tally:
    """Extract every article not recorded yet into the store."""
    # The executor first: its workers load the gazetteer while this process sets up and reads.
    with contextlib.ExitStack() as stack:
        stack.enter_context(executor)
        if retry_failed:
            store.forget_failures()
        done = store.done()
        tally = _Tally(store, _progress_bar(stack, progress, size_of(source)))
        # Pages given by address (URL lists, url columns) are fetched here, within the time limit.
        fetcher = Fetcher(timeout=timeout or DEFAULT_FETCH_TIMEOUT)
        articles = iter_articles(source, published=published, max_bytes=max_bytes, fetcher=fetcher)
        _feed(articles, done, tally, executor, chunk_size=chunk_size, max_in_flight=max_in_flight)
    return tally


def _feed(articles: Iterable, done: set[str], tally: _Tally, executor, *, chunk_size: int, max_in_flight: int) -> None:
    """Send the articles to the executor in chunks, at most *max_in_flight* at a time; record every result."""
    seen: set[str] = set()
    chunk: list = []
    failed_reads: list[dict] = []
    # seq is the position in the input: outputs keep input order whatever the
    # order workers finish in, and a resumed run writes the same files.
    for seq, item in enumerate(articles):
        if item.id in done:
            tally.skip()
            continue
        if item.id in seen:
            tally.duplicate()
            continue
        seen.add(item.id)
        if hasattr(item, "error"):  # an article the reader could not read
            failed_reads.append(failure(meta(item, seq), item.error))
            if len(failed_reads) >= chunk_size:
                tally.record(failed_reads)
                failed_reads = []
            continue
        chunk.append((seq, item))
        if len(chunk) >= chunk_size:
            executor.submit(chunk)
            chunk = []
            while len(executor.pending) >= max_in_flight:
                _record_completed(executor, tally)
    if chunk:
        executor.submit(chunk)
    if failed_reads:
        tally.record(failed_reads)
    while executor.pending:
        _record_completed(executor, tally)


def _record_completed(executor, tally: _Tally) -> None:
    for results in executor.completed():
        tally.record(results)
