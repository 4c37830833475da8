"""Throughput of `zitat batch`: one in-process pipeline vs a local Dask cluster of 1 and 2
workers on the same corpus, peak memory per worker, and where the single process spends
its time (encoder forward vs the rest of the pipeline).

Usage: python scripts/bench_batch.py --data ../shared/data [--model learned] [--articles 5000]

The corpus is the train and dev texts of news_quotation_2024 plus 10kgnad/test.csv,
repeated with new ids up to --articles, written as Parquet to a temporary folder (never
into the repository). Results go to the `batch` section of docs/benchmarks.md and a plot
to docs/batch_scaling.png.
"""

from __future__ import annotations

import csv
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any
from unittest import mock

import pyarrow as pa
import pyarrow.parquet as pq

from zitat.batch import (
    BatchConfig,
    PartitionReport,
    PipelineAnalyzer,
    dask_client,
    iter_inputs,
    run_batch,
)
from zitat.batch.worker import worker_pipeline
from zitat.evaluation.report import benchmark_parser, update_section
from zitat.pipeline import PipelineConfig
from zitat.registry import DEFAULT_ENRICHERS, Enricher
from zitat.schema import AnalysisResult, Article, ModelOutput
from zitat.text.document import ParsedText

ROOT = Path(__file__).resolve().parents[1]
MIB = 1024 * 1024
OVERHEAD_SAMPLE = 500


def source_texts(data: Path) -> list[tuple[str, str]]:
    """(id, text) of the quotation corpus' train+dev articles and the 10kgnad test articles."""
    texts = []
    for split in ("train", "dev"):
        for path in sorted((data / "news_quotation_2024" / split).glob("*.json")):
            raw = json.loads(path.read_text(encoding="utf-8"))
            texts.append((f"nq-{split}-{path.stem.split(' ', 1)[0]}", raw["originalText"]))
    with (data / "10kgnad" / "test.csv").open(encoding="utf-8", newline="") as lines:
        for number, row in enumerate(csv.reader(lines, delimiter=";", quotechar="'")):
            texts.append((f"gnad-{number}", row[1]))
    return texts


def write_corpus(texts: list[tuple[str, str]], count: int, path: Path) -> int:
    """Repeat ``texts`` with new ids up to ``count`` articles into one Parquet file; returns
    the number of words (whitespace tokens)."""
    chosen = [texts[i % len(texts)] for i in range(count)]
    ids = [f"{source}-r{i // len(texts)}" for i, (source, _) in enumerate(chosen)]
    bodies = [text for _, text in chosen]
    pq.write_table(pa.table({"id": ids, "text": bodies}), path, row_group_size=500)
    return sum(len(text.split()) for text in bodies)


@dataclass
class StageTimes:
    """Seconds spent in each stage of the pipeline, summed over calls."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def wrap(self, stage: str, call: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return call(*args, **kwargs)
            finally:
                self.seconds[stage] += time.perf_counter() - started

        return timed


@dataclass
class TimedModel:
    """A quotation model whose predict (and encoder forward, if it has one) is timed."""

    inner: Any
    times: StageTimes

    def __post_init__(self) -> None:
        self.name, self.version = self.inner.name, self.inner.version
        encoder = getattr(self.inner, "tagger", None)  # the learned model's ONNX tagger
        if encoder is not None:
            encoder.run = self.times.wrap("encoder forward", encoder.run)

    def predict(self, docs: Sequence[ParsedText]) -> list[ModelOutput]:
        outputs: list[ModelOutput] = self.times.wrap("model", self.inner.predict)(docs)
        return outputs


@dataclass
class TimedEnricher:
    """An enricher whose calls are timed as ``stage``."""

    inner: Enricher
    stage: str
    times: StageTimes

    @property
    def requires(self) -> tuple[str, ...]:
        return self.inner.requires

    def __call__(self, result: AnalysisResult, doc: ParsedText) -> AnalysisResult:
        enriched: AnalysisResult = self.times.wrap(self.stage, self.inner)(result, doc)
        return enriched


@dataclass
class Run:
    name: str
    seconds: float
    cpu_seconds: float
    """Of every process involved: the workers, and the driver with Dask's scheduler."""
    driver_cpu_seconds: float | None
    """The driver process' share, for cluster runs."""


def in_process(config: PipelineConfig, articles: list[Article]) -> tuple[Run, StageTimes]:
    """One pipeline over ``articles`` (one inference thread, as a worker has), with the time of
    each stage."""
    pipeline = worker_pipeline(config, threads=1)
    pipeline.analyze(articles[0])  # load and warm up
    times = StageTimes()
    pipeline.model = TimedModel(pipeline.model, times)
    pipeline.enrichers = [
        TimedEnricher(step, f"enricher: {name}", times)
        for name, step in zip(config.enrichers, pipeline.enrichers, strict=True)
    ]
    parse = times.wrap("tokenize + sentences", ParsedText.from_text)
    started, cpu_started = time.perf_counter(), time.process_time()
    with mock.patch.object(ParsedText, "from_text", parse):
        for _ in pipeline.analyze_many(articles):
            pass
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    # a copy: the model stays wrapped, and later runs in this process must not add to it
    return Run("in-process", seconds, cpu, None), StageTimes(defaultdict(float, times.seconds))


@dataclass
class ClusterRun(Run):
    workers: int
    peak_rss: dict[str, int]
    first_rss: dict[str, int]


def load_pipeline(config: PipelineConfig) -> None:
    """Load the worker's pipeline (``client.run`` sends the return value back, and a loaded
    pipeline holds an ONNX Runtime session, which cannot be pickled)."""
    worker_pipeline(config)


def on_cluster(
    workers: int, corpus: Path, out: Path, pipeline: PipelineConfig, size: int
) -> ClusterRun:
    """Wall seconds of `zitat batch` on a warm local cluster (start-up and model loading
    excluded: the workers load the pipeline before the clock starts)."""
    config = BatchConfig(model=pipeline.model, partition_size=size, workers=workers)
    first_rss: dict[str, int] = {}

    def note(report: PartitionReport, skipped: bool) -> None:
        first_rss.setdefault(report.worker, report.peak_rss_bytes)

    with dask_client(config) as client:
        client.run(load_pipeline, pipeline)
        started, cpu_started = time.perf_counter(), time.process_time()
        analyzer = PipelineAnalyzer(pipeline)
        summary = run_batch(
            [corpus], out, config, client=client, analyzer=analyzer, on_partition=note
        )
        seconds, driver_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if summary.failed:
        raise RuntimeError(f"benchmark partitions failed: {summary.failed}")
    name = f"{workers} worker{'s' * (workers > 1)}"
    cpu = driver_cpu + summary.worker_cpu_seconds
    return ClusterRun(name, seconds, cpu, driver_cpu, workers, summary.peak_rss_bytes, first_rss)


def analysis_cpu(config: PipelineConfig, articles: list[Article]) -> float:
    """CPU seconds of analysing ``articles`` in the calling process (a worker or not)."""
    pipeline = worker_pipeline(config, threads=1)
    started = time.process_time()
    for _ in pipeline.analyze_many(articles):
        pass
    return time.process_time() - started


def worker_overhead(config: PipelineConfig, articles: list[Article], rounds: int = 3) -> float:
    """Extra CPU the same analysis needs inside a Dask worker, relative to a plain process:
    both run in turn, several times, so that changing load on the machine hits both alike."""
    with dask_client(BatchConfig(model=config.model, workers=1)) as client:
        [remote] = client.scatter([articles], broadcast=True)  # type: ignore[no-untyped-call]
        client.submit(analysis_cpu, config, articles[:1], pure=False).result()  # warm up
        analysis_cpu(config, articles[:1])
        plain, in_worker = [], []
        for _ in range(rounds):
            plain.append(analysis_cpu(config, articles))
            in_worker.append(client.submit(analysis_cpu, config, remote, pure=False).result())
    return statistics.median(in_worker) / statistics.median(plain) - 1


def plot(path: Path, rates: dict[str, float], shares: dict[str, float]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3), dpi=80)
    left.bar(list(rates), list(rates.values()), color=["#888", "#4a7fb5", "#1f4e79"])
    left.set_ylabel("words / s")
    left.set_title("throughput, same corpus")
    bottom = 0.0
    for stage, share in shares.items():
        right.bar(["single process"], [share * 100], bottom=bottom, label=stage)
        bottom += share * 100
    right.set_ylabel("% of wall time")
    right.set_title("where the time goes")
    right.legend(fontsize=7, loc="center left", bbox_to_anchor=(1, 0.5))
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def main() -> int:
    ap = benchmark_parser(__doc__, ROOT)
    ap.add_argument("--model", default="learned")
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--enrichers", nargs="*", default=list(DEFAULT_ENRICHERS))
    ap.add_argument("--partition-size", type=int, default=100)
    ap.add_argument(
        "--overhead-rounds",
        type=int,
        default=3,
        help="alternating plain/worker runs that measure the worker's CPU overhead",
    )
    ap.add_argument("--plot", type=Path, default=ROOT / "docs" / "batch_scaling.png")
    args = ap.parse_args()

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="zitat-bench-batch-") as tmp:
        corpus = Path(tmp) / "corpus.parquet"
        words = write_corpus(source_texts(args.data), args.articles, corpus)
        print(f"corpus: {args.articles} articles, {words:,} words", flush=True)
        config = PipelineConfig(model=args.model, enrichers=tuple(args.enrichers))
        single, times = in_process(config, list(iter_inputs([corpus])))
        print(f"in-process: {words / single.seconds:,.0f} words/s", flush=True)
        runs = []
        for workers in (1, 2):
            out = Path(tmp) / f"out-{workers}"
            runs.append(on_cluster(workers, corpus, out, config, args.partition_size))
            print(f"{runs[-1].name}: {words / runs[-1].seconds:,.0f} words/s", flush=True)
        sample = list(islice(iter_inputs([corpus]), OVERHEAD_SAMPLE))
        overhead = worker_overhead(config, sample, args.overhead_rounds)
        print(f"analysis CPU in a worker: {overhead:+.1%}", flush=True)
        load_after = os.getloadavg()[0]

    rates = {run.name: words / run.seconds for run in (single, *runs)}
    shares = {stage: s / single.seconds for stage, s in sorted(times.seconds.items())}
    model_stages = shares.pop("model", 0.0)
    encoder = shares.get("encoder forward", 0.0)
    shares["model (not encoder)"] = model_stages - encoder
    shares["pipeline glue"] = 1.0 - sum(shares.values())
    plot(args.plot, rates, shares)

    ratio = runs[0].seconds / runs[1].seconds
    memory_rows = [
        f"| {r.workers} | {worker.rsplit(':', 1)[-1]} | {r.first_rss[worker] / MIB:,.0f} | "
        f"{peak / MIB:,.0f} |"
        for r in runs
        for worker, peak in sorted(r.peak_rss.items())
    ]
    profile_rows = [f"| {stage} | {share * 100:.1f} % |" for stage, share in shares.items()]
    cpu = platform.processor() or platform.machine()
    enrichers_option = ""
    if config.enrichers != DEFAULT_ENRICHERS:
        enrichers_option = f" --enrichers {' '.join(config.enrichers)}"
    markdown = "\n".join(
        [
            "## Batch processing on Dask (`zitat batch`)",
            "",
            f"Model `{args.model}` with the enrichers {', '.join(config.enrichers) or 'none'}; "
            f"{args.articles:,} articles "
            f"({words:,} words, whitespace tokens): the train and dev texts of "
            "news_quotation_2024 and 10kgnad/test.csv, repeated with new ids, read from one "
            f"Parquet file; partitions of {args.partition_size} articles. Machine: "
            f"{os.cpu_count()} CPU cores ({cpu}), shared with other jobs (1-minute load average "
            f"{load_before:.1f} before and {load_after:.1f} after the run); one ONNX "
            "Runtime thread per process (int8 tagger); workers are single-threaded Dask "
            "worker processes of a LocalCluster. Cluster start-up and model loading are not timed.",
            "",
            "| run | wall s | words/s | CPU s, all processes | of which driver + scheduler "
            "| words per CPU-second |",
            "|---|---:|---:|---:|---:|---:|",
            *(
                f"| {r.name} | {r.seconds:,.1f} | {words / r.seconds:,.0f} | "
                f"{r.cpu_seconds:,.1f} | "
                f"{'–' if r.driver_cpu_seconds is None else f'{r.driver_cpu_seconds:,.1f}'} | "
                f"{words / r.cpu_seconds:,.0f} |"
                for r in (single, *runs)
            ),
            "",
            "CPU seconds count the workers and the driver process (which also runs Dask's "
            "scheduler); words per CPU-second is the cost of the work whatever else the "
            "machine runs, wall-clock words/s is what a user sees.",
            "",
            f"Scaling, 2 workers / 1 worker: **{ratio:.2f}×**.",
            "",
            f"The same analysis of {OVERHEAD_SAMPLE} articles needs **{overhead:+.0%}** CPU "
            "inside a Dask worker compared with a plain process (each run "
            f"{args.overhead_rounds} time{'s' * (args.overhead_rounds > 1)}, "
            "alternately, medians compared; the run-to-run figures above are taken minutes "
            "apart and move with the machine's load).",
            "",
            "Peak resident memory per worker process (after its first partition and at the "
            "end; flat when the two agree):",
            "",
            "| workers | process | after first partition, MiB | at the end, MiB |",
            "|---:|---|---:|---:|",
            *memory_rows,
            "",
            "Where the single in-process pipeline spends its wall time:",
            "",
            "| stage | share |",
            "|---|---:|",
            *profile_rows,
            "",
            f"![throughput and profile]({args.plot.name})",
            "",
            "Reproduce: `python scripts/bench_batch.py --data ../shared/data "
            f"--model {args.model} --articles {args.articles} "
            f"--partition-size {args.partition_size} --overhead-rounds {args.overhead_rounds}"
            f"{enrichers_option}`.",
        ]
    )
    update_section(args.report, "batch", markdown)
    print(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
