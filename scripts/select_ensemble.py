"""Choose how the tagger and the rules are combined, on the dev split, and record it.

Usage: python scripts/select_ensemble.py --data ../shared/data [--model-dir DIR]

Scores every combination (who leads; which forms the other may add) with the corpus
metric on news_quotation_2024/dev and writes the best one to DIR/ensemble.json, which the
`learned` model reads. Run after training (`make train` does both).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from zitat.evaluation.metric import evaluate
from zitat.formats.corpus_json import iter_corpus, predicted_document
from zitat.quotations.decode import decode
from zitat.quotations.learned import (
    ENSEMBLE_FILE,
    SHIPPED_MODEL,
    EnsembleConfig,
    TaggerModel,
    combine,
)
from zitat.quotations.rules import RulesModel
from zitat.schema import Quotation, QuoteType
from zitat.text.document import ParsedText

ROOT = Path(__file__).resolve().parents[1]
FORM_SETS: tuple[tuple[str, ...], ...] = (
    (),
    ("Direct",),
    ("Direct", "Indirect"),
    ("Direct", "Indirect", "Reported"),
    tuple(t.value for t in QuoteType),
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--model-dir", type=Path, default=SHIPPED_MODEL)
    args = ap.parse_args()
    raws = [raw for _, raw in iter_corpus(args.data / "news_quotation_2024" / "dev")]
    docs = [ParsedText.from_text(raw["originalText"]) for raw in raws]
    tagger = TaggerModel(args.model_dir)
    tagged = [decode(doc, tags) for doc, tags in zip(docs, tagger.word_tags(docs), strict=True)]
    ruled = [out.quotations for out in RulesModel().predict(docs)]

    def joint(predictions: list[list[Quotation]]) -> float:
        pred_docs = [predicted_document(r, p) for r, p in zip(raws, predictions, strict=True)]
        return evaluate(raws, pred_docs).headline()["joint"].f1

    print(f"{joint(tagged):.4f}  tagger alone")
    print(f"{joint(ruled):.4f}  rules alone")
    results: dict[EnsembleConfig, float] = {}
    for lead in ("tagger", "rules"):
        for forms in FORM_SETS:
            config = EnsembleConfig(lead, forms)
            results[config] = joint(
                [combine(t, r, config) for t, r in zip(tagged, ruled, strict=True)]
            )
    for config, score in sorted(results.items(), key=lambda kv: -kv[1]):
        forms_text = ",".join(config.add_forms) or "-"
        print(f"{score:.4f}  lead={config.lead:6s} add={forms_text}")
    best_config, best = max(results.items(), key=lambda kv: kv[1])
    choice = {
        "lead": best_config.lead,
        "add_forms": list(best_config.add_forms),
        "dev_joint_f1": round(best, 4),
    }
    (args.model_dir / ENSEMBLE_FILE).write_text(json.dumps(choice, indent=1) + "\n", "utf-8")
    print(f"wrote {args.model_dir / ENSEMBLE_FILE}: {choice}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
