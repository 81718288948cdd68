"""Where a batch's chunks run on a Dask distributed cluster (``pip install mapper[batch]``).

Same shape as the local executors of :mod:`mapper.batch.pool`. The cluster's
workers need mapper installed; each loads the gazetteer once, when it starts
(:class:`mapper.batch.dask_plugin.GazetteerPlugin`).
"""

from __future__ import annotations

from mapper.batch.worker import failure, meta, process_chunk
from mapper.errors import MapperError, SchedulerError

__all__ = ["DaskExecutor"]


class DaskExecutor:
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
        from mapper.batch.dask_plugin import GazetteerPlugin

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
        future = self.client.submit(process_chunk, chunk, self.timeout, pure=False, key=f"mapper-chunk-{self.count}-{chunk[0][0]}")
        self.pending[future] = chunk

    def completed(self):
        from distributed import wait

        done, _ = wait(list(self.pending), return_when="FIRST_COMPLETED")
        for future in done:
            chunk = self.pending.pop(future)
            if future.status == "error" and not isinstance(future.exception(), MapperError):
                # A worker lost or killed under this chunk: record its articles, go on.
                yield [failure(meta(article, seq), future.exception()) for seq, article in chunk]
            else:
                yield future.result()
