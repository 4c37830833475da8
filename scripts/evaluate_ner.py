"""NER F1 of the learned model on the GermEval 2014 test file (outer entities, exact span).

Usage: python scripts/evaluate_ner.py --data ../shared/data
Writes the `ner` section of docs/benchmarks.md.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from zitat.evaluation.ner import evaluate_germeval
from zitat.evaluation.report import benchmark_parser, update_section
from zitat.quotations.learned import LearnedModel

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = benchmark_parser(__doc__, ROOT)
    args = ap.parse_args()
    test_file = args.data / "germeval2014_ner" / "NER-de-test.tsv"
    if not test_file.is_file():
        print(f"GermEval 2014 test file not found: {test_file}", file=sys.stderr)
        return 2
    model = LearnedModel()
    started = time.perf_counter()
    score = evaluate_germeval(model, test_file)
    seconds = time.perf_counter() - started
    rows = [
        f"| {kind} | {p:.3f} | {r:.3f} | {f:.3f} |" for kind, (p, r, f) in score.per_type.items()
    ]
    markdown = "\n".join(
        [
            "## Named entities (GermEval 2014 test)",
            "",
            f"Model `{model.name}@{model.version}`; {score.gold} gold and {score.predicted} "
            f"predicted entities; {seconds:.0f} s on 2 CPU cores.",
            "Outer entities, exact span and type, classes PER, ORG, LOC, MISC (GermEval's OTH); "
            "GermEval's `*deriv` and `*part` classes are not entities in zitat's scheme and are "
            "removed from gold and prediction.",
            "",
            "| class | precision | recall | F1 |",
            "|---|---:|---:|---:|",
            *rows,
            f"| all | {score.precision:.3f} | {score.recall:.3f} | **{score.f1:.3f}** |",
            "",
            "Reproduce: `make eval` (or `python scripts/evaluate_ner.py --data ../shared/data`).",
        ]
    )
    update_section(args.report, "ner", markdown)
    print(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
