"""The driver of a batch run: streams partitions to Dask workers with bounded work in flight."""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from zitat import registry
from zitat.batch.inputs import Partition, iter_inputs, partition
from zitat.batch.output import BatchOutput, PartitionReport
from zitat.batch.worker import Analyzer, PipelineAnalyzer, analyze_partition
from zitat.errors import InputError, ModelError, ZitatError
from zitat.pipeline import PipelineConfig
from zitat.schema import Article

if TYPE_CHECKING:
    from distributed import Client, Future, as_completed

log = logging.getLogger(__name__)
_ERROR_EXAMPLES = 10


@dataclass(frozen=True, slots=True)
class BatchConfig:
    """Settings of a batch run (those that shape the output are checked on resume)."""

    model: str = "learned"
    partition_size: int = 200
    workers: int = field(default_factory=lambda: len(os.sched_getaffinity(0)))
    """Worker processes of the local cluster, one thread each (default: one per usable CPU
    core); unused with ``scheduler``."""
    scheduler: str | None = None
    """Address of a running Dask scheduler (``tcp://host:8786``) instead of a local cluster."""
    retries: int = 2
    """Extra attempts for a partition whose task raised (a killed worker is retried anyway)."""
    max_in_flight: int = 0
    """Partitions submitted but not finished; 0 means two per worker thread."""

    def __post_init__(self) -> None:
        for name in ("partition_size", "workers"):
            if getattr(self, name) < 1:
                raise InputError(f"{name.replace('_', ' ')} must be at least 1")
        if self.retries < 0 or self.max_in_flight < 0:
            raise InputError("retries and max_in_flight cannot be negative")


@dataclass(slots=True)
class BatchSummary:
    """What a run did. Article, quotation and entity counts cover the whole output folder,
    partitions skipped on resume included; words and CPU time only what this run analysed."""

    written: int = 0
    skipped: int = 0
    """Partitions complete from an earlier run."""
    articles: int = 0
    quotations: int = 0
    entities: int = 0
    words_analysed: int = 0
    """Words of the partitions analysed in this run (skipped ones not counted)."""
    seconds: float = 0.0
    worker_cpu_seconds: float = 0.0
    """CPU time the workers spent on the partitions analysed in this run."""
    failed: dict[str, str] = field(default_factory=dict)
    """Partition name -> error, for partitions that failed after all retries."""
    input_errors: int = 0
    """Inputs (files, lines, rows) that could not be read and were skipped."""
    input_error_examples: list[str] = field(default_factory=list)
    """The first few of those errors."""
    peak_rss_bytes: dict[str, int] = field(default_factory=dict)
    """Worker -> peak resident memory over the partitions it wrote."""

    def add(self, report: PartitionReport, *, skipped: bool) -> None:
        if skipped:
            self.skipped += 1
        else:
            self.written += 1
            self.words_analysed += report.words
            self.worker_cpu_seconds += report.cpu_seconds
            self.peak_rss_bytes[report.worker] = max(
                report.peak_rss_bytes, self.peak_rss_bytes.get(report.worker, 0)
            )
        self.articles += report.articles
        self.quotations += report.quotations
        self.entities += report.entities


ProgressCallback = Callable[[PartitionReport, bool], None]
"""Called with each finished partition's report and whether it was skipped (resume)."""


LEAN_WORKER_SETTINGS: dict[str, object] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}
"""Dask settings of the local cluster. By default a worker samples its task's stack every
10 ms (the dashboard's profile) and wakes its event loop every 20 ms; both take the GIL from
the analysis and cost an idle worker ~4.5 % of a core. Measured on this project's workload,
the analysis needed 20-35 % more CPU in a default worker than in a plain process, ~10 % with
these settings. Give workers of your own cluster the same settings."""


@contextmanager
def dask_client(config: BatchConfig) -> Iterator[Client]:
    """A client of the scheduler in ``config``, or of a fresh local cluster of single-threaded
    worker processes (Dask's nanny also sets OMP/MKL threads to 1 in each)."""
    import dask
    from distributed import Client, LocalCluster

    if config.scheduler:
        try:
            client = Client(config.scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise InputError(f"cannot reach the Dask scheduler at {config.scheduler}") from exc
        with client:
            yield client
        return
    with (
        dask.config.set(LEAN_WORKER_SETTINGS),
        LocalCluster(
            n_workers=config.workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",  # a local cluster listens on loopback only
            dashboard_address="127.0.0.1:0",  # any free port: never clash with another cluster
            silence_logs=logging.CRITICAL,  # failed partitions are reported by the driver
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def run_batch(
    inputs: Iterable[str | Path],
    out: Path,
    config: BatchConfig,
    *,
    client: Client | None = None,
    analyzer: Analyzer | None = None,
    on_partition: ProgressCallback | None = None,
    admit: Callable[[Article], bool] | None = None,
) -> BatchSummary:
    """Analyse every input article on Dask and write the results under ``out``.

    Partitions already written by an earlier run with the same settings are skipped. At most
    ``max_in_flight`` partitions are held in memory at once, however large the corpus.
    Articles that ``admit`` refuses (say, ones not in German) are left out before
    partitioning.
    """
    if analyzer is None and config.model not in registry.QUOTATION_MODELS:
        known = ", ".join(sorted(registry.QUOTATION_MODELS))
        raise ModelError(f"unknown model {config.model!r}; choose one of: {known}")
    output = BatchOutput(out)
    output.prepare({"model": config.model, "partition_size": config.partition_size})
    summary = BatchSummary()

    def unreadable(path: Path, error: ZitatError) -> None:
        log.info("skipping unreadable input: %s", error)
        summary.input_errors += 1
        if len(summary.input_error_examples) < _ERROR_EXAMPLES:
            summary.input_error_examples.append(str(error))

    articles = iter_inputs(inputs, on_error=unreadable)
    if admit is not None:
        articles = (article for article in articles if admit(article))
    parts = partition(articles, config.partition_size)
    analyze = analyzer or PipelineAnalyzer(PipelineConfig(model=config.model))

    def finish(report: PartitionReport, skipped: bool) -> None:
        summary.add(report, skipped=skipped)
        if on_partition is not None:
            on_partition(report, skipped)

    started = time.perf_counter()
    with ExitStack() as stack:

        def connect() -> Client:
            """The cluster, started only once a partition needs analysing (not on a full
            resume)."""
            return client or stack.enter_context(dask_client(config))

        dispatcher = _Dispatcher(connect, config, finish)
        out_dir = str(output.root.resolve())
        for part in parts:
            done = output.completed(part.name, part.digest)
            if done is None:
                dispatcher.submit(part, out_dir, analyze)
            else:
                finish(done, True)
        dispatcher.drain()
    summary.failed = dispatcher.failed
    summary.seconds = round(time.perf_counter() - started, 3)
    if summary.articles == 0 and not summary.failed:
        first = f": {summary.input_error_examples[0]}" if summary.input_errors else ""
        raise InputError(f"no readable articles in the inputs{first}")
    if not summary.failed:
        output.mark_success(
            {k: v for k, v in asdict(summary).items() if k not in ("failed", "peak_rss_bytes")}
        )
    return summary


class _Dispatcher:
    """Submits partitions to the cluster (started on first use) and collects them as they
    finish, never holding more than ``window`` partitions at once."""

    def __init__(
        self, connect: Callable[[], Client], config: BatchConfig, on_done: ProgressCallback
    ) -> None:
        self.connect = connect
        self.config = config
        self.on_done = on_done
        self.failed: dict[str, str] = {}
        self.run_id = uuid.uuid4().hex[:8]
        self.client: Client | None = None
        self.running: as_completed | None = None
        self.window = config.max_in_flight

    def submit(self, part: Partition, out_dir: str, analyze: Analyzer) -> None:
        from distributed import as_completed

        if self.client is None or self.running is None:
            self.client = self.connect()
            self.running = as_completed(loop=self.client.loop)
            self.window = self.window or max(2, 2 * sum(self.client.nthreads().values()))
        while self.running.count() >= self.window:
            self._collect(next(self.running))
        future = self.client.submit(
            analyze_partition,
            part,
            out_dir,
            analyze,
            key=f"zitat-batch-{self.run_id}/{part.name}",
            retries=self.config.retries,
            pure=False,
        )
        self.running.add(future)

    def drain(self) -> None:
        for future in self.running or ():
            self._collect(future)

    def _collect(self, future: Future[PartitionReport]) -> None:
        if future.status == "finished":
            self.on_done(future.result(), False)
            return
        error = future.exception()
        if isinstance(error, ZitatError):
            # bad input or a missing model: every other partition would fail the same way
            if self.client is not None and self.running is not None:
                self.client.cancel(list(self.running.futures))
            raise error
        name = str(future.key).rsplit("/", 1)[-1]
        log.error("partition %s failed: %s", name, error)
        self.failed[name] = f"{type(error).__name__}: {error}"
