"""Pronoun resolution on the Potsdam Commentary Corpus (PCC 2.0), data never tuned on.

Usage: python scripts/evaluate_pronouns.py --data ../shared/data
Writes the `pronouns` section of docs/benchmarks.md (see zitat.evaluation.pcc for the score).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from zitat.evaluation.pcc import read_documents, score_pronouns
from zitat.evaluation.report import benchmark_parser, update_section

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = benchmark_parser(__doc__, ROOT)
    args = ap.parse_args()
    folder = args.data / "pcc2_coref" / "coreference"
    if not folder.is_dir():
        print(f"PCC coreference folder not found: {folder}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    documents = list(read_documents(folder))
    score = score_pronouns(iter(documents))
    seconds = time.perf_counter() - started
    markdown = "\n".join(
        [
            "## Pronoun resolution (Potsdam Commentary Corpus)",
            "",
            f"{len(documents)} newspaper commentaries, never used to build or tune the resolver. "
            "Of the "
            f"{score.pronouns} third-person personal and possessive pronouns with an antecedent "
            f"in the text, {score.resolvable} refer back to something the resolver can name (an "
            "entity mention of the name finder or a role description; the others refer to noun "
            "phrases that are neither). For these, the resolver's choice (as for a pronoun "
            "speaker, without quotations) is in the pronoun's coreference chain for "
            f"{score.right} of {score.resolvable} = **{score.accuracy:.3f}** ({seconds:.1f} s).",
            "",
            "Reproduce: `make eval` (or `python scripts/evaluate_pronouns.py --data "
            "../shared/data`).",
        ]
    )
    update_section(args.report, "pronouns", markdown)
    print(markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
