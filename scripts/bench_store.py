"""Search latency of the corpus store on ≥ 100,000 quotations.

Usage: python scripts/bench_store.py --data ../shared/data [--model rules] [--quotations 100000]

The 850 train+dev articles of news_quotation_2024 are ingested (analysed once, with a
progress bar); their results are then stored again and again under new article ids (same
speakers, same texts) until the store holds at least --quotations quotations. The store
lives in a temporary folder, never in the repository. Measured: median and 95th percentile
latency, and median CPU time, of speaker searches (the most quoted speakers, by name) and
full-text searches (content words drawn from the stored quotations), each returning the
first page of 50 hits plus the total count, and the write rate of the store. Results go to
the `store` section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from zitat.cli.progress import Progress
from zitat.evaluation.report import benchmark_parser, update_section
from zitat.ingest import ingest
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.schema import AnalysisResult
from zitat.store import IngestReport, SearchQuery, Store

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ("train", "dev")


@dataclass(frozen=True)
class Latency:
    label: str
    queries: int
    runs: int
    median_ms: float
    p95_ms: float
    median_cpu_ms: float
    mean_hits: float


def ingest_once(store: Store, data: Path, model: str) -> IngestReport:
    """The real ingest of the train+dev articles: each is analysed once, here."""
    folders = [data / "news_quotation_2024" / split for split in SPLITS]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        sys.exit(f"bench_store: corpus folders not found: {', '.join(missing)}")
    return ingest(
        store,
        folders,
        pipeline=Pipeline(PipelineConfig(model=model)),
        progress=lambda total: Progress("ingesting", total=total),
    )


def fill(store: Store, results: list[AnalysisResult], target: int) -> tuple[int, float]:
    """Add copies of ``results`` under new ids until the store holds ``target`` quotations;
    returns the number of copies written and the seconds it took."""
    per_round = sum(len(r.quotations) for r in results)
    rounds = max(0, -(-target // per_round) - 1)  # the originals are the first round
    start = time.perf_counter()
    for copy in range(1, rounds + 1):
        for result in results:
            document = replace(result.document, id=f"{result.document.id}#{copy}")
            store.add_result(replace(result, document=document))
    return rounds * len(results), time.perf_counter() - start


def content_words(results: list[AnalysisResult], n: int, seed: int) -> list[str]:
    """``n`` distinct words of at least 6 letters drawn from the quotations' text."""
    words = sorted(
        {
            w
            for r in results
            for q in r.quotations
            for w in re.findall(r"[^\W\d_]{6,}", q.quote.text)
        }
    )
    return random.Random(seed).sample(words, min(n, len(words)))


def measure(store: Store, label: str, queries: list[SearchQuery], repeats: int) -> Latency:
    timings, cpu, hits = [], [], []
    for query in queries:
        store.search(query)  # warm the page cache for this query
        for _ in range(repeats):
            start, start_cpu = time.perf_counter(), time.process_time()
            page = store.search(query)
            cpu.append((time.process_time() - start_cpu) * 1000)
            timings.append((time.perf_counter() - start) * 1000)
        hits.append(page.total)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
    return Latency(
        label,
        len(queries),
        len(timings),
        statistics.median(timings),
        p95,
        statistics.median(cpu),
        statistics.mean(hits),
    )


def load_average() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


@dataclass(frozen=True)
class Corpus:
    ingest: IngestReport
    ingest_seconds: float
    articles: int
    quotations: int
    db_bytes: int


def report(
    args: argparse.Namespace,
    corpus: Corpus,
    copies: int,
    fill_seconds: float,
    latencies: list[Latency],
    load_before: str,
) -> str:
    cpu = platform.processor() or platform.machine()
    ingest = corpus.ingest
    failed = (
        f"; {len(ingest.failed)} left out because their analysis failed, e.g. "
        f"{ingest.failed[0][1][:120]}"
        if ingest.failed
        else ""
    )
    rows = "\n".join(
        f"| {x.label} | {x.queries} | {x.runs} | {x.median_ms:.1f} | {x.p95_ms:.1f} "
        f"| {x.median_cpu_ms:.1f} | {x.mean_hits:,.0f} | {'yes' if x.median_ms < 100 else 'no'} |"
        for x in latencies
    )
    return "\n".join(
        [
            "## Corpus store: search latency",
            "",
            f"Command: `python scripts/bench_store.py --data ../shared/data --model {args.model} "
            f"--quotations {args.quotations}`",
            "",
            f"Machine: {os.cpu_count()} CPU cores ({cpu}), shared with other jobs (load average "
            f"{load_before} before the searches, {load_average()} after); one thread (SQLite "
            f"{sqlite3.sqlite_version}, WAL mode), warm page cache. Latency is wall-clock time "
            "as a user sees it; CPU time is what a search costs this process, which the load "
            "of other jobs does not inflate.",
            "",
            f"Store: `zitat ingest` of the train+dev articles of news_quotation_2024 with the "
            f"`{args.model}` model ({ingest.added} articles stored in "
            f"{corpus.ingest_seconds:.0f} s{failed}), then {copies:,} copies of them under "
            f"new ids (same speakers and texts), written one article per transaction in "
            f"{fill_seconds:.0f} s ({copies / max(fill_seconds, 1e-9):,.0f} articles/s): "
            f"{corpus.articles:,} articles, {corpus.quotations:,} quotations, "
            f"{corpus.db_bytes / 2**20:,.0f} MiB.",
            "",
            "Each search returns the first page (50 hits, newest first) and the total count. "
            "Speaker queries search the names of the most quoted speakers (mention, name or "
            "alias); full-text queries single content words (≥ 6 letters) drawn at random from "
            f"the quotations; every query runs {args.repeats} times after one warm-up run.",
            "",
            "| query | queries | runs | median ms | p95 ms | median CPU ms | mean total hits "
            "| median < 100 ms |",
            "|---|---:|---:|---:|---:|---:|---:|:-:|",
            rows,
        ]
    )


def main() -> None:
    parser = benchmark_parser(__doc__.splitlines()[0], ROOT)
    parser.add_argument("--model", default="rules")
    parser.add_argument("--quotations", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="zitat-bench-store-") as tmp:
        path = Path(tmp) / "bench.db"
        with Store.open(path) as store:
            started = time.perf_counter()
            ingested = ingest_once(store, args.data, args.model)
            ingest_seconds = time.perf_counter() - started
            results = list(store.iter_results())
            print(f"ingested {len(results)} articles in {ingest_seconds:.0f} s")
            copies, fill_seconds = fill(store, results, args.quotations)
            stats = store.stats(top=args.queries)
            print(f"stored {stats.n_articles} articles, {stats.n_quotations} quotations")
            speakers = [SearchQuery(speaker=s.name) for s in stats.top_speakers]
            words = [SearchQuery(text=w) for w in content_words(results, args.queries, seed=4)]
            top_entity = next(s.entity_id for s in stats.top_speakers if s.entity_id)
            runs: list[tuple[str, list[SearchQuery]]] = [
                ("speaker by name", speakers),
                ("full text, one word", words),
                ("speaker by entity id", [SearchQuery(entity_id=top_entity)]),
                (
                    "speaker name + form + years",
                    [replace(s, type="Direct", date_from="2005", date_to="2010") for s in speakers],
                ),
            ]
            load_before = load_average()
            latencies = [measure(store, label, queries, args.repeats) for label, queries in runs]
        db_bytes = path.stat().st_size  # closing the store folded its write-ahead log in
    for x in latencies:
        print(
            f"{x.label}: median {x.median_ms:.1f} ms, p95 {x.p95_ms:.1f} ms, "
            f"median CPU {x.median_cpu_ms:.1f} ms"
        )
    markdown = report(
        args,
        Corpus(ingested, ingest_seconds, stats.n_articles, stats.n_quotations, db_bytes),
        copies,
        fill_seconds,
        latencies,
        load_before,
    )
    update_section(args.report, "store", markdown)
    print(f"wrote the store section of {args.report}")


if __name__ == "__main__":
    main()
