"""The fuzz benchmark: 10,000 generated documents per reader and for the pipeline, then time and
memory of one analysis at 10k, 100k and 1M characters.

Usage:
    python scripts/fuzz_bench.py                       # everything, rules model, 2 processes
    python scripts/fuzz_bench.py --model learned       # the pipeline target with the learned model
    python scripts/fuzz_bench.py --examples 500 --sizes 10000 --no-write   # a quick look

The targets, strategies and invariants are those of the fuzz tests (tests/fuzz_support.py),
run under its ``bench`` profile. Hypothesis stops a target at its first violation and
shrinks it; the violation is then listed. Figures go to the ``fuzz`` section of
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("ZITAT_FUZZ_PROFILE", "bench")

from hypothesis import given, settings  # noqa: E402

import fuzz_support  # noqa: E402
from zitat.errors import ZitatError  # noqa: E402
from zitat.evaluation.report import update_section  # noqa: E402
from zitat.schema import Article  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)
ARTICLE = ROOT / "examples" / "article.txt"


def fuzz_target(name: str, examples: int, model: str) -> dict[str, Any]:
    """Run one target for ``examples`` documents; counts, time and the violation if any."""
    target = next(t for t in fuzz_support.TARGETS if t.name == name)
    check = target.check
    if name == "pipeline":
        fuzz_support.pipeline(model)  # load the model before the clock starts

        def check(text: str) -> None:
            fuzz_support.analyse(text, model)

    tried = 0

    def counted(document: Any) -> None:
        nonlocal tried
        tried += 1
        check(document)

    started = time.perf_counter()
    violation = None
    try:
        given(target.strategy)(settings(max_examples=examples)(counted))()  # type: ignore[no-untyped-call]
    except Exception as exc:  # the violation, after shrinking; reported, not raised
        violation = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return {
        "target": name,
        "model": model if name == "pipeline" else "",
        "documents": tried,
        "seconds": time.perf_counter() - started,
        "violation": violation,
    }


def scale_text(chars: int) -> str:
    """The example article repeated to ``chars`` characters (ordinary news sentences)."""
    base = ARTICLE.read_text(encoding="utf-8").strip() + "\n\n"
    return (base * (chars // len(base) + 1))[:chars]


def measure_one(chars: int, model: str) -> dict[str, Any]:
    """Time, CPU and peak memory of one analysis (run in a fresh process by ``scaling``)."""
    pipeline = fuzz_support.pipeline(model)
    pipeline.analyze(Article(id="warm-up", text=scale_text(2_000)))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    text = scale_text(chars)
    wall, cpu = time.perf_counter(), time.process_time()
    result = pipeline.analyze(Article(id="scale", text=text))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    fuzz_support.check_result(result, text)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "chars": chars,
        "seconds": wall,
        "cpu_seconds": cpu,
        "peak_rss_mib": peak / 1024,
        "growth_mib": (peak - before) / 1024,
        "quotations": len(result.quotations),
    }


def scaling(sizes: Sequence[int], model: str) -> list[dict[str, Any]]:
    rows = []
    for chars in sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--measure-one", str(chars), "--model", model],
            capture_output=True,
            text=True,
            check=True,
        )
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"scaling {model} {chars:>9,} chars: {rows[-1]['seconds']:.2f} s", file=sys.stderr)
    return rows


def section(
    runs: list[dict[str, Any]], scale: list[dict[str, Any]], model: str, command: str
) -> str:
    lines = [
        "### Fuzzing",
        "",
        f"Reproduce: `{command}`. Machine: {os.cpu_count()} cores ({platform.machine()}, "
        f"Python {platform.python_version()}), shared with other jobs; one thread per "
        "process. Targets and invariants: `tests/fuzz_support.py`.",
        "",
        "| target | documents | violations | seconds | documents/s |",
        "|---|---:|---:|---:|---:|",
    ]
    for run in runs:
        label = run["target"] + (f" ({run['model']})" if run["model"] else "")
        violations = 0 if run["violation"] is None else 1
        rate = run["documents"] / run["seconds"] if run["seconds"] else 0.0
        lines.append(
            f"| {label} | {run['documents']:,} | {violations} | {run['seconds']:.0f} | {rate:.0f} |"
        )
    for run in runs:
        if run["violation"]:
            lines.append(f"\nViolation in {run['target']}: `{run['violation']}`")
    if scale:
        lines += [
            "",
            f"One analysis ({model} model) of the example article repeated to n characters, "
            "each size in a fresh process:",
            "",
            "| characters | seconds | CPU seconds | µs CPU per character | peak RSS MiB | "
            "growth MiB | quotations |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for row in scale:
            lines.append(
                f"| {row['chars']:,} | {row['seconds']:.2f} | {row['cpu_seconds']:.2f} | "
                f"{1e6 * row['cpu_seconds'] / row['chars']:.1f} | {row['peak_rss_mib']:.0f} | "
                f"{row['growth_mib']:.0f} | {row['quotations']:,} |"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--examples", type=int, default=fuzz_support.BENCH_EXAMPLES)
    parser.add_argument(
        "--targets", nargs="+", default=[t.name for t in fuzz_support.TARGETS], help="which"
    )
    parser.add_argument("--model", default="rules", help="model of the pipeline target")
    parser.add_argument("--sizes", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("--jobs", type=int, default=2, help="targets fuzzed side by side")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--measure-one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure_one:
        print(json.dumps(measure_one(args.measure_one, args.model)))
        return 0
    try:
        fuzz_support.pipeline(args.model)  # a model that cannot load: one line, not a traceback
    except ZitatError as exc:
        print(f"fuzz_bench: {exc}", file=sys.stderr)
        return 2
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = [
            pool.submit(fuzz_target, name, args.examples, args.model) for name in args.targets
        ]
        runs = []
        for future in futures:
            runs.append(future.result())
            run = runs[-1]
            print(
                f"{run['target']}: {run['documents']:,} documents in {run['seconds']:.0f} s, "
                f"violation: {run['violation']}",
                file=sys.stderr,
            )
    scale = scaling(args.sizes, args.model)
    command = "python scripts/fuzz_bench.py " + " ".join(argv or sys.argv[1:])
    markdown = section(runs, scale, args.model, command.strip())
    print(markdown)
    if not args.no_write:
        update_section(args.out, "fuzz", markdown)
    return 0 if all(run["violation"] is None for run in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
