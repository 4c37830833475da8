"""Does analysis time grow linearly with text length? One long article made of concatenated
dev articles of the quotation corpus, cut to each size, goes through the whole pipeline
(quotation model and the enrichers); the script prints CPU seconds per size and the ratio of the
largest to the smallest time over the ratio of their sizes.

    python scripts/bench_scaling.py --data ../shared/data --model rules --sizes 1e6 2e6 4e6
    python scripts/bench_scaling.py --data ../shared/data --enrichers-only  # speakers/ alone
    python scripts/bench_scaling.py --data ../shared/data --profile 1e6   # cProfile, top 25

Linear time shows as a time ratio close to the size ratio (4M/1M about 4; the bar of
issue 15 is at most 5).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from zitat.pipeline import Pipeline, PipelineConfig
from zitat.registry import DEFAULT_ENRICHERS
from zitat.schema import AnalysisResult, Article
from zitat.text.document import ParsedText

ROOT = Path(__file__).resolve().parents[1]


def long_text(data: Path, size: int) -> str:
    """Dev articles joined by blank lines, repeated as needed and cut to ``size`` characters."""
    texts = [
        json.loads(f.read_text(encoding="utf-8"))["originalText"]
        for f in sorted((data / "news_quotation_2024" / "dev").glob("*.json"))
    ]
    if not texts:
        raise SystemExit(f"error: no dev articles under {data}")
    joined = "\n\n".join(texts)
    return ("\n\n".join([joined] * (size // len(joined) + 1)))[:size]


def seconds(pipeline: Pipeline, text: str, enrichers_only: bool) -> float:
    """CPU seconds (the machine is shared) of the whole pipeline on ``text``, or of its
    enrichers alone (on the model's output, which is computed first and not timed)."""
    article = Article(id="long", text=text)
    if not enrichers_only:
        started = time.process_time()
        pipeline.analyze(article)
        return time.process_time() - started
    doc = ParsedText.from_text(text)
    output = pipeline.model.predict([doc])[0]
    result = AnalysisResult(article, output.quotations, mentions=output.mentions)
    started = time.process_time()
    for step in pipeline.enrichers:
        result = step(result, doc)
    return time.process_time() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--model", default="rules")
    parser.add_argument("--sizes", nargs="+", type=float, default=[1e6, 2e6, 4e6])
    parser.add_argument("--no-enrichers", action="store_true", help="the quotation model only")
    parser.add_argument(
        "--enrichers-only", action="store_true", help="time the enrichers alone (speakers/)"
    )
    parser.add_argument("--profile", type=float, help="profile one size instead of timing")
    args = parser.parse_args(argv)
    enrichers = () if args.no_enrichers else DEFAULT_ENRICHERS
    pipeline = Pipeline(PipelineConfig(model=args.model, enrichers=enrichers))
    if args.profile:
        text = long_text(args.data, int(args.profile))
        profiler = cProfile.Profile()
        profiler.runcall(pipeline.analyze, Article(id="long", text=text))
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(25)
        return 0
    sizes = sorted(int(s) for s in args.sizes)
    seconds(pipeline, long_text(args.data, sizes[0] // 10), args.enrichers_only)  # warm caches
    timings = []
    for size in sizes:
        took = seconds(pipeline, long_text(args.data, size), args.enrichers_only)
        timings.append((size, took))
        print(f"{size:>10,} characters: {took:8.2f} CPU s", flush=True)
    (small, t_small), (large, t_large) = timings[0], timings[-1]
    print(f"time ratio {t_large / t_small:.2f} for a size ratio of {large / small:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
