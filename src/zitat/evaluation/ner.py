"""Named-entity evaluation on GermEval 2014: exact span and type of the outer entities.

zitat tags PER, ORG, LOC and MISC (GermEval's OTH); GermEval's derived and part classes
(``LOCderiv``, ``ORGpart``, …) are not entities in zitat's scheme and are left out of both
gold and prediction, so the figure is the 4-class outer-entity F1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from zitat.model.data import load_germeval
from zitat.model.labels import HEADS
from zitat.quotations.decode import bio_segments
from zitat.quotations.learned import TaggerModel

Entity = tuple[int, int, int, str]  # sentence, first token, end token, type


@dataclass(frozen=True, slots=True)
class NerScore:
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int
    per_type: dict[str, tuple[float, float, float]]


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_entities(gold: Iterable[Entity], predicted: Iterable[Entity]) -> NerScore:
    g, p = set(gold), set(predicted)
    types = sorted({e[3] for e in g | p})
    per_type = {
        t: _prf(
            len({e for e in g & p if e[3] == t}),
            sum(e[3] == t for e in p),
            sum(e[3] == t for e in g),
        )
        for t in types
    }
    precision, recall, f1 = _prf(len(g & p), len(p), len(g))
    return NerScore(precision, recall, f1, len(g), len(p), per_type)


def evaluate_germeval(model: TaggerModel, test_file: Path) -> NerScore:
    examples = load_germeval(test_file)
    labels = HEADS["ner"]
    gold: list[Entity] = []
    for n, ex in enumerate(examples):
        tags = [labels[i] for i in ex.labels["ner"]]
        gold.extend((n, s, e, kind) for _, kind, (s, e) in bio_segments(tags))
    predicted: list[Entity] = []
    tags_per_doc = model.word_tags([ex.doc for ex in examples])
    for n, word_tags in enumerate(tags_per_doc):
        ner_tags = word_tags.tags["ner"]
        predicted.extend((n, s, e, kind) for _, kind, (s, e) in bio_segments(ner_tags))
    return score_entities(gold, predicted)
