"""Search latency of the corpus store on ≥ 100,000 quotations.

Usage: python scripts/bench_store.py --data ../shared/data [--model rules] [--quotations 100000]

The 850 train+dev articles of news_quotation_2024 are analysed once; their results are
then stored again and again under new article ids (same speakers, same texts) until the
store holds at least --quotations quotations. The store lives in a temporary folder, never
in the repository. Measured: median and 95th percentile latency of speaker searches (the
most quoted speakers, by name) and full-text searches (content words drawn from the stored
quotations), each returning the first page of 50 hits plus the total count, and the write
rate of the store. Results go to the `store` section of docs/benchmarks.md.
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

from zitat.evaluation.report import update_section
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.schema import AnalysisResult
from zitat.store import SearchQuery, Store
from zitat.text.readers import iter_articles

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


def analyse_once(data: Path, model: str) -> list[AnalysisResult]:
    folders = [data / "news_quotation_2024" / split for split in SPLITS]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        sys.exit(f"bench_store: corpus folders not found: {', '.join(missing)}")
    pipeline = Pipeline(PipelineConfig(model=model))
    return list(pipeline.analyze_many(iter_articles(folders)))


def fill(store: Store, results: list[AnalysisResult], target: int) -> tuple[int, float]:
    """Store copies of ``results`` under new ids until ``target`` quotations; (articles, s)."""
    per_round = sum(len(r.quotations) for r in results)
    rounds = -(-target // per_round)
    start = time.perf_counter()
    for copy in range(rounds):
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


def report(
    args: argparse.Namespace,
    n_sources: int,
    n_articles: int,
    n_quotations: int,
    fill_seconds: float,
    db_bytes: int,
    latencies: list[Latency],
    load_before: str,
) -> str:
    cpu = platform.processor() or platform.machine()
    load = load_average()

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
            f"{load_before} before the searches, {load} after); one thread (SQLite "
            f"{sqlite3.sqlite_version}, WAL mode), warm page cache. Latency is wall-clock time "
            "as a user sees it; CPU time is what a search costs this process, which the load "
            "of other jobs does not inflate.",
            "",
            f"Store: the {n_sources} train+dev articles of "
            f"news_quotation_2024 analysed once with the `{args.model}` model and stored "
            f"repeatedly under new ids: {n_articles:,} articles, {n_quotations:,} quotations, "
            f"{db_bytes / 2**20:,.0f} MiB. Writing them one article per transaction took "
            f"{fill_seconds:.0f} s ({n_articles / fill_seconds:,.0f} articles/s).",
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--model", default="rules")
    parser.add_argument("--quotations", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--report", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()

    started = time.perf_counter()
    results = analyse_once(args.data, args.model)
    print(f"analysed {len(results)} articles in {time.perf_counter() - started:.0f} s")
    with tempfile.TemporaryDirectory(prefix="zitat-bench-store-") as tmp:
        path = Path(tmp) / "bench.db"
        with Store.open(path) as store:
            n_articles, fill_seconds = fill(store, results, args.quotations)
            stats = store.stats(top=args.queries)
            print(f"stored {n_articles} articles, {stats.n_quotations} quotations")
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
        len(results),
        n_articles,
        stats.n_quotations,
        fill_seconds,
        db_bytes,
        latencies,
        load_before,
    )
    update_section(args.report, "store", markdown)
    print(f"wrote the store section of {args.report}")


if __name__ == "__main__":
    main()
