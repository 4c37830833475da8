"""What runs on a Dask worker: a pipeline loaded once per process, and one partition's work."""

from __future__ import annotations

import os
import resource
import socket
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from zitat.batch.inputs import Partition
from zitat.batch.output import BatchOutput, PartitionReport
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.schema import AnalysisResult, Article

Analyzer = Callable[[Sequence[Article]], Iterable[AnalysisResult]]
"""Turns a partition's articles into results, in order; shipped to the workers by pickling."""


def worker_pipeline(config: PipelineConfig, threads: int = 1) -> Pipeline:
    """This process' pipeline for ``config`` with ``threads`` intra-op threads (one Dask task
    thread per core: more would only compete for it). The registry builds its components on
    first use: a worker loads its models once, however many partitions it analyses."""
    return Pipeline(replace(config, threads=threads))


@dataclass(frozen=True, slots=True)
class PipelineAnalyzer:
    """The default analyzer: the zitat pipeline with ``config``, cached per worker process."""

    config: PipelineConfig
    threads: int = 1

    def __call__(self, articles: Sequence[Article]) -> Iterable[AnalysisResult]:
        return worker_pipeline(self.config, self.threads).analyze_many(articles)


def _peak_rss_bytes() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # Linux reports KiB


def analyze_partition(partition: Partition, out_dir: str, analyze: Analyzer) -> PartitionReport:
    """Analyse one partition and write its tables, then its marker (the Dask task)."""
    started, cpu_started = time.perf_counter(), time.process_time()
    output = BatchOutput(Path(out_dir))
    counts = output.write_tables(partition.name, analyze(partition.articles))
    if counts["articles"] != len(partition.articles):
        raise RuntimeError(
            f"{partition.name}: the analyzer returned {counts['articles']} results "
            f"for {len(partition.articles)} articles"
        )
    report = PartitionReport(
        name=partition.name,
        digest=partition.digest,
        articles=counts["articles"],
        quotations=counts["quotations"],
        entities=counts["entities"],
        words=sum(len(a.text.split()) for a in partition.articles),
        seconds=round(time.perf_counter() - started, 4),
        cpu_seconds=round(time.process_time() - cpu_started, 4),
        worker=f"{socket.gethostname()}:{os.getpid()}",
        peak_rss_bytes=_peak_rss_bytes(),
    )
    output.mark_done(report)
    return report
