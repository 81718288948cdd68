"""The Dask worker plugin of corpus mode (imported only when Dask is used)."""

from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin

from mapper.batch.worker import init_worker


class GazetteerPlugin(WorkerPlugin):
    """Load the gazetteer once when a Dask worker starts (and on workers that join later)."""

    name = "mapper-gazetteer"

    def setup(self, worker=None):
        init_worker()
