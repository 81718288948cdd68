"""The Dask worker plugin of corpus mode (imported only when Dask is used)."""

from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin


class GazetteerPlugin(WorkerPlugin):
    """Load the gazetteer once when a Dask worker starts (and on workers that join later)."""

    name = "mapper-gazetteer"

    def setup(self, worker=None):
        from mapper.batch import _init_worker

        _init_worker()
