"""Where a batch's chunks run on this machine: a pool of worker processes, or this process itself.

An executor takes chunks of ``(seq, article)`` pairs with :meth:`submit`,
keeps them in ``pending``, and yields the results of finished chunks from
:meth:`completed`. The Dask executor (:mod:`mapper.batch.cluster`) has the
same shape.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterator

from mapper.batch.worker import WORKER_MODULES, failure, init_worker, meta, process_chunk

__all__ = ["LocalExecutor", "InProcessExecutor"]


class _WorkerCrashed(RuntimeError):
    pass


_WorkerCrashed.__name__ = "WorkerCrashed"


class LocalExecutor:
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
            for name in WORKER_MODULES:
                importlib.import_module(name)
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context(method),
            initializer=functools.partial(init_worker, ignore_sigint=True),
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
            future = self.pool.submit(process_chunk, chunk, self.timeout)
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
        yield from self._one_at_a_time(suspects)

    def _one_at_a_time(self, suspects: list) -> Iterator[list[dict]]:
        """Redo the articles of the chunks a dead worker took down, so that the one that kills a worker is known."""
        from concurrent.futures.process import BrokenProcessPool

        for seq, article in sorted(suspects, key=lambda item: item[0]):
            future = self.pool.submit(process_chunk, [(seq, article)], self.timeout)
            try:
                yield future.result()
            except BrokenProcessPool:
                yield [failure(meta(article, seq), _WorkerCrashed(
                    "the worker process died on this article (crash or out of memory)"))]
                self._restart()


class InProcessExecutor:
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
        yield process_chunk(chunk, self.timeout)
