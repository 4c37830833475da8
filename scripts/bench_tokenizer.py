"""Whole-process speed of `zitat analyze` over the dev articles, before and after the tokenizer
change, side by side.

Usage: python scripts/bench_tokenizer.py --baseline-src DIR [--data ../shared/data]

``DIR`` is the ``src`` folder of a tree with the former tokenizer, e.g.
``git archive 5c04687 src | tar -x -C /tmp/before`` gives ``/tmp/before/src``. Each run
starts `zitat analyze --format jsonl -o /dev/null` over the 150 dev files once with
PYTHONPATH set to that folder and once to this tree's ``src`` (the order alternates, because
this shared machine's speed drifts). A second, smaller figure times the tokenizer alone in
a fresh process: loading the weights file's tokenizer and tokenizing every word of the dev
articles once, as the tagger does. Medians of ``--runs`` runs go to the ``tokenizer``
section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from zitat.evaluation.report import update_section

ROOT = Path(__file__).resolve().parents[1]
ANALYZE = "from zitat.cli import main; main()"
TOKENIZE = """
import json, sys, time
from pathlib import Path
from zitat.text.document import ParsedText
docs = [ParsedText.from_text(json.loads(p.read_text(encoding="utf-8"))["originalText"])
        for p in sorted(Path(sys.argv[1]).glob("*.json"))]
started = time.perf_counter()
from zitat.model.e5file import E5File
tokenizer = E5File().tokenizer
for doc in docs:
    for i, tok in enumerate(doc.tokens):
        tokenizer.word_pieces(tok.text, i == 0 or doc.tokens[i - 1].end < tok.start)
print(time.perf_counter() - started)
"""


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(src: Path, argv: list[str]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds and stdout of ``python argv`` with ``src`` first on the
    module path."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    started, cpu = time.perf_counter(), cpu_of_children()
    done = subprocess.run(
        [sys.executable, *argv], env=env, check=True, capture_output=True, text=True
    )
    return time.perf_counter() - started, cpu_of_children() - cpu, done.stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--baseline-src", type=Path, required=True)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--report", type=Path, default=ROOT / "docs" / "benchmarks.md")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    dev = args.data / "news_quotation_2024" / "dev"
    files = sorted(map(str, dev.glob("*.json")))
    if not files:
        raise SystemExit(f"no dev files in {dev}")
    trees = {"before": args.baseline_src.resolve(), "after": ROOT / "src"}
    analyze = ["-c", ANALYZE, "analyze", "--format", "jsonl", "-o", os.devnull, *files]
    process: dict[str, list[float]] = {name: [] for name in trees}
    cpu: dict[str, list[float]] = {name: [] for name in trees}
    tokenizer: dict[str, list[float]] = {name: [] for name in trees}
    loads = [os.getloadavg()[0]]
    for run in range(args.runs):
        order = list(trees) if run % 2 == 0 else list(reversed(trees))
        for name in order:
            wall, seconds, _ = timed(trees[name], analyze)
            process[name].append(wall)
            cpu[name].append(seconds)
            tokenizer[name].append(float(timed(trees[name], ["-c", TOKENIZE, str(dev)])[2]))
            loads.append(os.getloadavg()[0])
            took = f"{wall:.2f} s (CPU {seconds:.2f} s), tokenizer {tokenizer[name][-1]:.2f} s"
            print(f"run {run + 1} {name}: {took}", flush=True)
    median = {name: statistics.median(times) for name, times in process.items()}
    gain = 1 - median["after"] / median["before"]
    cpu_gain = 1 - statistics.median(cpu["after"]) / statistics.median(cpu["before"])
    spread = min(max(times) - min(times) for times in process.values())
    verdict = (
        "The medians differ by less than the runs of either tree spread: no measurable change."
        if abs(median["after"] - median["before"]) < spread
        else ""
    )
    rows = [
        f"| {name} | {median[name]:.2f} ({min(process[name]):.2f}–{max(process[name]):.2f}) | "
        f"{statistics.median(cpu[name]):.2f} | {statistics.median(tokenizer[name]):.2f} |"
        for name in trees
    ]
    markdown = "\n".join(
        [
            "## Tokenizer: Hugging Face `tokenizers` instead of the Python Viterbi search",
            "",
            f"`zitat analyze --format jsonl -o /dev/null` over the {len(files)} dev files, as a "
            "whole process (start-up, model loading, tagger, speakers), with the former "
            "tokenizer (before) and the current one (after); same pieces, byte-identical "
            "output. Tokenizer alone: loading it and tokenizing every word of the dev "
            "articles once in a fresh process.",
            "",
            "| tree | `zitat analyze`, wall s: median (fastest–slowest) | its CPU s | "
            "tokenizer alone, wall s |",
            "|---|---:|---:|---:|",
            *rows,
            "",
            f"Whole process: wall time {gain:+.1%}, CPU time {cpu_gain:+.1%} (positive: "
            f"faster after the change; medians of {args.runs} interleaved runs, "
            f"{os.cpu_count()} CPU cores shared with other jobs, 1-minute load average "
            f"{min(loads):.1f}–{max(loads):.1f} during the runs; measured "
            f"{time.strftime('%Y-%m-%d')}). The tagger's ONNX Runtime inference dominates the "
            f"run; the tokenizer was a small part of it. {verdict}",
            "Reproduce: `git archive 5c04687 src | tar -x -C /tmp/before && "
            "python scripts/bench_tokenizer.py --baseline-src /tmp/before/src`.",
        ]
    )
    update_section(args.report, "tokenizer", markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
