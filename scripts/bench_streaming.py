"""Streaming of ``zitat analyze --format jsonl``: peak memory and time to the first line.

Runs the installed command on a small and a large JSONL file of the same article (the
shipped example, each line with its own id) and measures, for each, the process' peak
resident memory (from ``wait4``) and when its first output line arrived, as a share of
the whole run. Bars (issue 17): the large run's peak within 50 MiB of the small run's,
and its first line before 5 % of its total time. Writes the section ``streaming`` of
docs/benchmarks.md.

    PYTHONPATH=src python scripts/bench_streaming.py --model rules --lines 1000 20000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from zitat.evaluation.report import update_section

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "article.txt"
MEMORY_BAR_MIB = 50
FIRST_LINE_BAR = 0.05


@dataclass(frozen=True)
class Run:
    lines: int
    seconds: float
    first_line_s: float
    peak_mib: float
    outputs: int


def write_input(path: Path, lines: int) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    with path.open("w", encoding="utf-8") as handle:
        for i in range(lines):
            handle.write(json.dumps({"id": f"a{i}", "text": text}, ensure_ascii=False) + "\n")


def measure(path: Path, lines: int, model: str) -> Run:
    command = [sys.executable, "-c", "from zitat.cli import main; main()", "analyze"]
    command += [str(path), "--format", "jsonl", "--model", model]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    first_line_s = -1.0
    outputs = 0
    for _line in proc.stdout:
        if not outputs:
            first_line_s = time.perf_counter() - start
        outputs += 1
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or outputs != lines:
        raise SystemExit(f"zitat analyze failed (exit {proc.returncode}, {outputs} lines)")
    return Run(lines, seconds, first_line_s, usage.ru_maxrss / 1024, outputs)


def report(runs: list[Run], model: str, command: str) -> str:
    small, large = runs[0], runs[-1]
    growth = large.peak_mib - small.peak_mib
    share = large.first_line_s / large.seconds
    rows = "\n".join(
        f"| {r.lines:,} | {r.seconds:.1f} | {r.first_line_s:.2f} | "
        f"{r.first_line_s / r.seconds:.1%} | {r.peak_mib:.0f} |"
        for r in runs
    )
    memory_ok = "met" if growth <= MEMORY_BAR_MIB else "not met"
    first_ok = "met" if share < FIRST_LINE_BAR else "not met"
    return f"""## Streaming: `zitat analyze --format jsonl`

Measured by `{command}` on {time.strftime("%Y-%m-%d")}; machine: {platform.machine()},
{os.cpu_count()} cores shared with other jobs, one thread, model `{model}`. Input: the
example article ({EXAMPLE.stat().st_size:,} bytes) on every line of a JSONL file, each with
its own id. Peak memory is the process' maximum resident set (`wait4`); the first line is
when stdout delivered the first result.

| lines | total s | first line s | first line / total | peak MiB |
| --- | --- | --- | --- | --- |
{rows}

Peak memory grows by {growth:+.0f} MiB from {small.lines:,} to {large.lines:,} lines (bar:
at most {MEMORY_BAR_MIB} MiB, {memory_ok}); the first line of the {large.lines:,}-line run
comes after {share:.1%} of its time (bar: under {FIRST_LINE_BAR:.0%}, {first_ok}). The
reader takes a JSONL file a line at a time and the writer flushes each result, so memory
holds one batch of articles (16), whatever the file's length. The runs use the default
`--lang-check warn`, which loads the language model (py3langid, about 100 MiB) only for an
article that is not plainly German.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="rules")
    parser.add_argument("--lines", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory(prefix="zitat-stream-") as folder:
        for lines in sorted(args.lines):
            path = Path(folder) / f"feed-{lines}.jsonl"
            write_input(path, lines)
            run = measure(path, lines, args.model)
            print(run, file=sys.stderr)
            runs.append(run)
    command = (
        f"PYTHONPATH=src python scripts/bench_streaming.py --model {args.model} "
        f"--lines {' '.join(map(str, sorted(args.lines)))}"
    )
    update_section(args.out, "streaming", report(runs, args.model, command))


if __name__ == "__main__":
    main()
