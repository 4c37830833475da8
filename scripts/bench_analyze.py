"""Speed and memory of `zitat analyze` over the dev articles of the quotation corpus.

Usage: python scripts/bench_analyze.py --data ../shared/data [--models learned rules]

Measures (1) the in-process pipeline (model loaded once, the time of analyze_many only)
and (2) the whole `zitat analyze` command as a process (start-up and model loading
included), in words per second (words = whitespace-separated tokens), with the peak
resident memory of that process. Each figure is the median of ``--runs`` runs, the models
interleaved, because this shared machine's speed drifts; the whole-process range is shown.
Results go to the `speed` section of docs/benchmarks.md.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from zitat.evaluation.report import benchmark_parser, update_section
from zitat.model import runtime
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.registry import DEFAULT_ENRICHERS
from zitat.schema import Article

ROOT = Path(__file__).resolve().parents[1]


def dev_articles(data: Path) -> list[Article]:
    folder = data / "news_quotation_2024" / "dev"
    articles = []
    for f in sorted(folder.glob("*.json")):
        raw = json.loads(f.read_text(encoding="utf-8"))
        articles.append(Article(id=raw["documentName"], text=raw["originalText"]))
    return articles


def in_process(model: str, enrichers: tuple[str, ...], articles: list[Article]) -> float:
    pipeline = Pipeline(PipelineConfig(model=model, enrichers=enrichers))
    pipeline.analyze(articles[0])  # warm-up
    started = time.perf_counter()
    for _ in pipeline.analyze_many(articles):
        pass
    return time.perf_counter() - started


def whole_process(model: str, data: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of `zitat analyze` over every dev file.

    The command runs under a small wrapper process so that its peak memory is its own."""
    files = sorted((data / "news_quotation_2024" / "dev").glob("*.json"))
    zitat = Path(sys.executable).with_name("zitat")
    wrapper = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    command = [str(zitat), "analyze", "--format", "jsonl", "--model", model, *map(str, files)]
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *command], check=True, capture_output=True, text=True
    )
    wall = time.perf_counter() - started
    return wall, int(done.stdout.split()[-1]) / 1024


def main() -> int:
    ap = benchmark_parser(__doc__, ROOT)
    ap.add_argument("--models", nargs="+", default=["learned", "rules"])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    articles = dev_articles(args.data)
    words = sum(len(a.text.split()) for a in articles)
    seconds: dict[str, dict[str, list[float]]] = {m: {} for m in args.models}
    peaks: dict[str, float] = {}
    load_before = os.getloadavg()[0]
    for run in range(1, args.runs + 1):
        for model in args.models:
            times = seconds[model]
            times.setdefault("quotations", []).append(in_process(model, (), articles))
            times.setdefault("full", []).append(in_process(model, DEFAULT_ENRICHERS, articles))
            wall, peak = whole_process(model, args.data)
            times.setdefault("process", []).append(wall)
            peaks[model] = max(peak, peaks.get(model, 0.0))
            print(
                f"run {run} {model}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in times.items())
            )
    load_after = os.getloadavg()[0]
    rows = []
    for model, times in seconds.items():
        rate = {k: words / statistics.median(v) for k, v in times.items()}
        slowest, fastest = words / max(times["process"]), words / min(times["process"])
        rows.append(
            f"| {model} | {rate['quotations']:,.0f} | {rate['full']:,.0f} | "
            f"{rate['process']:,.0f} ({slowest:,.0f}–{fastest:,.0f}) | {peaks[model]:,.0f} |"
        )
    cpu = platform.processor() or platform.machine()
    markdown = "\n".join(
        [
            "## Analysis speed",
            "",
            f"{len(articles)} dev articles, {words:,} words (whitespace tokens); "
            f"{os.cpu_count()} CPU cores ({cpu}), shared with other jobs (1-minute load average "
            f"{load_before:.1f} before the runs, {load_after:.1f} after; measured "
            f"{time.strftime('%Y-%m-%d')}); the learned model's tagger runs on ONNX Runtime "
            f"with {runtime.default_threads()} intra-op threads and int8 matrices (7-bit "
            f"weights; the CPU offers {runtime.int8_instructions()}).",
            "",
            "| model | quotations only, words/s | full pipeline (entities, speakers, time), "
            "words/s | `zitat analyze` whole process, words/s | peak RSS of that process, MiB |",
            "|---|---:|---:|---:|---:|",
            *rows,
            "",
            f"Medians of {args.runs} interleaved runs (whole process: median, slowest–fastest). "
            "In-process figures time `Pipeline.analyze_many` after loading (the first run "
            "starts with an empty tokenizer cache, later ones reuse it); the whole-process "
            "figure includes interpreter start-up and model loading.",
            "Reproduce: `make bench` (or `python scripts/bench_analyze.py --data ../shared/data`).",
        ]
    )
    update_section(args.report, "speed", markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
