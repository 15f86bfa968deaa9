"""Extraction on a Dask cluster: the same tasks as the local pool, on many machines.

``zhkg build --scheduler tcp://HOST:8786`` (or ``ZHKG_SCHEDULER``) sends the
batches to the workers of a running scheduler. Every worker needs zhkg
installed (same version) and the pkuseg model fetched (``zhkg setup``); a
:class:`PipelinePlugin` loads the pipeline once per worker, and each batch's
records come back to the driver, which writes them into its store. A worker
whose pipeline differs is caught by the fingerprint each result carries.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from distributed import Client, WorkerPlugin, as_completed

from pipelines.workers import IN_FLIGHT_PER_WORKER, Batch, BatchResult, extract, result_of, take, worker_pipeline

PLUGIN_NAME = "zhkg-pipeline"
CONNECT_TIMEOUT = "20s"
"""How long to try reaching the scheduler before the build fails (E009)."""


class DaskCluster:
    """Extraction on the workers of a running Dask scheduler.

    A :class:`PipelinePlugin` loads the pipeline on every worker, now and on
    workers that join later; tasks then only carry their documents.
    """

    def __init__(self, address: str) -> None:
        from zhkg.errors import SchedulerError

        try:
            self._client = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as error:
            raise SchedulerError(address, str(error)) from None
        self._client.register_plugin(PipelinePlugin(), name=PLUGIN_NAME)
        self.workers = max(len(self._client.scheduler_info()["workers"]), 1)

    def run(self, tasks: Iterable[Batch]) -> Iterator[BatchResult]:
        todo = iter(tasks)
        limit = self.workers * IN_FLIGHT_PER_WORKER
        batch_of: dict[str, Batch] = {}
        queue = as_completed()
        for batch in take(todo, limit):
            queue.add(self._submit(batch, batch_of))
        for future in queue:
            yield result_of(future, batch_of.pop(future.key))
            future.release()
            for batch in take(todo, 1):
                queue.add(self._submit(batch, batch_of))

    def _submit(self, batch: Batch, batch_of: dict[str, Batch]):
        future = self._client.submit(extract, batch, pure=False)
        batch_of[future.key] = batch
        return future

    def close(self) -> None:
        self._client.close()


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline when a Dask worker starts (see :func:`worker_pipeline`)."""

    def setup(self, worker) -> None:
        worker_pipeline()
