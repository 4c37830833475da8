"""Does analysis time grow linearly with text length? One long article made of concatenated
dev articles of the quotation corpus, cut to each size, goes through the whole pipeline
(quotation model and the enrichers); the script prints seconds per size and the ratio of the
largest to the smallest time over the ratio of their sizes.

    python scripts/bench_scaling.py --data ../shared/data --model rules --sizes 1e6 2e6 4e6
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
from zitat.schema import Article

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


def seconds(pipeline: Pipeline, text: str) -> float:
    started = time.perf_counter()
    pipeline.analyze(Article(id="long", text=text))
    return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--model", default="rules")
    parser.add_argument("--sizes", nargs="+", type=float, default=[1e6, 2e6, 4e6])
    parser.add_argument("--no-enrichers", action="store_true", help="the quotation model only")
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
    timings = []
    for size in sorted(int(s) for s in args.sizes):
        took = seconds(pipeline, long_text(args.data, size))
        timings.append((size, took))
        print(f"{size:>10,} characters: {took:8.2f} s", flush=True)
    (small, t_small), (large, t_large) = timings[0], timings[-1]
    print(f"time ratio {t_large / t_small:.2f} for a size ratio of {large / small:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
