"""The news quotation corpus' published metric, reproduced exactly.

Scoring is at token level. Inside each document gold and predicted quotations are paired
one-to-one by a maximum-weight (Hungarian) assignment on the token F1 of their quotes, with
+0.01 for the same type and +0.001 for the same medium as tie-breakers (only when the quotes
overlap). Every pair, and every unpaired quotation on its own, then counts TP/FP/FN tokens
for quote, addressee, cue, frame and speaker. The headline figures are macro averages of
the per-pair, per-part precision and recall (a value with a zero denominator is left out):
Messages over the quote, Roles over the four other parts pooled, Joint over all five.
Form (type) and STWR (medium) are micro P/R/F1 over pairs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from zitat.errors import InputError
from zitat.formats.corpus_json import CORPUS_ROLES

MESSAGE_PARTS: tuple[str, ...] = CORPUS_ROLES[:1]
ROLE_PARTS: tuple[str, ...] = CORPUS_ROLES[1:]
HEADLINE_NAMES: dict[str, str] = {
    "messages": "Messages",
    "roles": "Roles",
    "joint": "Joint",
    "form": "Form",
    "stwr": "STWR",
}
"""Keys of :meth:`Evaluation.headline` and how the corpus authors name them."""
SAME_TYPE_BONUS = 0.01
SAME_MEDIUM_BONUS = 0.001


@dataclass(frozen=True, slots=True)
class ScoredQuotation:
    """What the metric sees of one annotation: sorted unique token ids per part, labels."""

    tokens: Mapping[str, tuple[int, ...]]
    type: str | None
    medium: str | None

    @classmethod
    def from_annotation(cls, annotation: Mapping[str, Any]) -> ScoredQuotation:
        tokens = {
            part: tuple(sorted(set((annotation.get(part) or {}).get("tokenIds", []))))
            for part in CORPUS_ROLES
        }
        return cls(tokens, annotation.get("type"), annotation.get("medium"))


@dataclass(frozen=True, slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @classmethod
    def of_tokens(cls, gold: Sequence[int], pred: Sequence[int]) -> Counts:
        both = len(set(gold) & set(pred))
        return cls(both, len(pred) - both, len(gold) - both)


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, precision: float, recall: float) -> PRF:
        total = precision + recall
        return cls(precision, recall, 2 * precision * recall / total if total else 0.0)

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def token_f1(gold: Sequence[int], pred: Sequence[int]) -> float:
    """F1 of two token sets, computed from P and R as the published scorer does (its float
    rounding decides ties in the pairing)."""
    counts = Counts.of_tokens(gold, pred)
    return PRF.of(counts.precision or 0.0, counts.recall or 0.0).f1


@dataclass(frozen=True, slots=True)
class PairScore:
    """One gold quotation with its predicted partner; either side may be missing."""

    document: str
    gold_index: int | None
    pred_index: int | None
    gold: ScoredQuotation | None
    pred: ScoredQuotation | None
    parts: Mapping[str, Counts]


def pair_quotations(
    gold: Sequence[ScoredQuotation], pred: Sequence[ScoredQuotation]
) -> list[tuple[int | None, int | None]]:
    """Pairs (gold index, predicted index) of one document; unpaired ones come last."""
    pairs: list[tuple[int | None, int | None]] = []
    if gold and pred:
        weights = np.zeros((len(gold), len(pred)))
        for i, g in enumerate(gold):
            for j, p in enumerate(pred):
                overlap = token_f1(g.tokens["quote"], p.tokens["quote"])
                type_bonus = SAME_TYPE_BONUS if overlap > 0 and g.type == p.type else 0.0
                medium_bonus = SAME_MEDIUM_BONUS if overlap > 0 and g.medium == p.medium else 0.0
                weights[i, j] = overlap + type_bonus + medium_bonus
        from scipy.optimize import linear_sum_assignment  # slow import: only when scoring

        rows, cols = linear_sum_assignment(weights, maximize=True)
        pairs = [(int(i), int(j)) for i, j in zip(rows, cols, strict=True)]
    paired_pred = {j for _, j in pairs}
    paired_gold = {i for i, _ in pairs}
    pairs += [(None, j) for j in range(len(pred)) if j not in paired_pred]
    pairs += [(i, None) for i in range(len(gold)) if i not in paired_gold]
    return pairs


def score_pair(gold: ScoredQuotation | None, pred: ScoredQuotation | None) -> dict[str, Counts]:
    return {
        part: Counts.of_tokens(gold.tokens[part] if gold else (), pred.tokens[part] if pred else ())
        for part in CORPUS_ROLES
    }


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def macro(pairs: Iterable[PairScore], parts: Sequence[str]) -> PRF:
    """Mean of the defined per-pair, per-part precisions and recalls (0 when none is)."""
    precisions: list[float] = []
    recalls: list[float] = []
    for pair in pairs:
        for part in parts:
            counts = pair.parts[part]
            if counts.precision is not None:
                precisions.append(counts.precision)
            if counts.recall is not None:
                recalls.append(counts.recall)
    return PRF.of(_mean(precisions), _mean(recalls))


def label_counts(pairs: Iterable[PairScore], label: str) -> Counts:
    """Micro TP/FP/FN of ``label`` ("type" or "medium"): equal values of a pair are a TP."""
    total = Counts()
    for pair in pairs:
        gold = getattr(pair.gold, label) if pair.gold else None
        pred = getattr(pair.pred, label) if pair.pred else None
        if gold is not None and gold == pred:
            total += Counts(tp=1)
        else:
            total += Counts(fp=int(pred is not None), fn=int(gold is not None))
    return total


def micro(counts: Counts) -> PRF:
    return PRF.of(counts.precision or 0.0, counts.recall or 0.0)


def _headline(pairs: Sequence[PairScore]) -> dict[str, PRF]:
    return {
        "messages": macro(pairs, MESSAGE_PARTS),
        "roles": macro(pairs, ROLE_PARTS),
        "joint": macro(pairs, CORPUS_ROLES),
    }


@dataclass(slots=True)
class Evaluation:
    """Every pair of a corpus scoring run, and the figures derived from them."""

    pairs: list[PairScore]
    documents: int
    missing_documents: list[str] = field(default_factory=list)
    extra_documents: list[str] = field(default_factory=list)

    def headline(self) -> dict[str, PRF]:
        """Messages, Roles and Joint (macro), Form and STWR (micro), as published."""
        return {
            **_headline(self.pairs),
            "form": micro(label_counts(self.pairs, "type")),
            "stwr": micro(label_counts(self.pairs, "medium")),
        }

    def per_role(self) -> dict[str, PRF]:
        """Macro P/R/F1 of each of the five parts on its own."""
        return {part: macro(self.pairs, (part,)) for part in CORPUS_ROLES}

    def per_type(self) -> dict[str, dict[str, PRF]]:
        """Messages/Roles/Joint of the pairs by gold type.

        An unpaired prediction has no gold type; it is counted under its predicted type, so
        that spurious predictions of a type lower that type's precision.
        """
        groups: dict[str, list[PairScore]] = {}
        for pair in self.pairs:
            side = pair.gold or pair.pred
            if side is not None and side.type is not None:
                groups.setdefault(side.type, []).append(pair)
        return {kind: _headline(pairs) for kind, pairs in sorted(groups.items())}

    def counts(self) -> dict[str, int]:
        paired = sum(p.gold is not None and p.pred is not None for p in self.pairs)
        tallies = Counter(
            "gold" if p.pred is None else "pred" if p.gold is None else "" for p in self.pairs
        )
        return {
            "documents": self.documents,
            "missing_documents": len(self.missing_documents),
            "extra_documents": len(self.extra_documents),
            "gold_quotations": paired + tallies["gold"],
            "predicted_quotations": paired + tallies["pred"],
            "pairs": paired,
            "unpaired_gold": tallies["gold"],
            "unpaired_predicted": tallies["pred"],
        }

    def as_dict(self) -> dict[str, Any]:
        role_totals = {
            part: sum((p.parts[part] for p in self.pairs), Counts()) for part in CORPUS_ROLES
        }
        return {
            "headline": {name: prf.as_dict() for name, prf in self.headline().items()},
            "per_role": {
                part: {**prf.as_dict(), "tp": c.tp, "fp": c.fp, "fn": c.fn}
                for (part, prf), c in zip(
                    self.per_role().items(), role_totals.values(), strict=True
                )
            },
            "per_type": {
                kind: {name: prf.as_dict() for name, prf in scores.items()}
                for kind, scores in self.per_type().items()
            },
            "counts": self.counts(),
        }


def _by_name(docs: Iterable[Mapping[str, Any]], side: str) -> dict[str, Mapping[str, Any]]:
    named: dict[str, Mapping[str, Any]] = {}
    for doc in docs:
        name = doc["documentName"]
        if name in named:
            raise InputError(f"{side}: document {name!r} appears twice")
        named[name] = doc
    return named


def _quotations(doc: Mapping[str, Any] | None, side: str) -> list[ScoredQuotation]:
    if doc is None:
        return []
    try:
        return [ScoredQuotation.from_annotation(a) for a in doc.get("annotations", [])]
    except (AttributeError, TypeError) as exc:
        raise InputError(f"{side}: malformed annotations in {doc['documentName']!r}") from exc


def evaluate(
    gold_docs: Iterable[Mapping[str, Any]], pred_docs: Iterable[Mapping[str, Any]]
) -> Evaluation:
    """Score corpus-format predictions against gold, matching documents by ``documentName``.

    A gold document without a prediction counts all its tokens as false negatives; a
    prediction for a document not in the gold is ignored (and listed).
    """
    gold = _by_name(gold_docs, "gold")
    pred = _by_name(pred_docs, "predictions")
    pairs: list[PairScore] = []
    for name in sorted(gold):
        gold_q, pred_q = _quotations(gold[name], "gold"), _quotations(pred.get(name), "predictions")
        for i, j in pair_quotations(gold_q, pred_q):
            g = gold_q[i] if i is not None else None
            p = pred_q[j] if j is not None else None
            pairs.append(PairScore(name, i, j, g, p, score_pair(g, p)))
    return Evaluation(
        pairs=pairs,
        documents=len(gold),
        missing_documents=sorted(set(gold) - set(pred)),
        extra_documents=sorted(set(pred) - set(gold)),
    )


SPEAKER_OUTCOMES: tuple[str, ...] = ("found", "other speaker", "no speaker", "quotation missed")
"""What became of a gold quotation's speaker: the paired prediction's speaker shares a token
with it, names someone else, is empty, or no prediction was paired with the quotation."""


def speaker_outcomes(evaluation: Evaluation, kind: str = "Direct") -> dict[tuple[str, int], str]:
    """The outcome (one of :data:`SPEAKER_OUTCOMES`) of each gold quotation of type ``kind``
    that has a speaker, keyed by (document, index of the gold quotation)."""
    outcomes: dict[tuple[str, int], str] = {}
    for pair in evaluation.pairs:
        gold = pair.gold
        if gold is None or pair.gold_index is None or gold.type != kind:
            continue
        if not gold.tokens["speaker"]:
            continue
        predicted = set(pair.pred.tokens["speaker"]) if pair.pred else set()
        if pair.pred is None:
            outcome = "quotation missed"
        elif predicted & set(gold.tokens["speaker"]):
            outcome = "found"
        else:
            outcome = "other speaker" if predicted else "no speaker"
        outcomes[pair.document, pair.gold_index] = outcome
    return outcomes


def speaker_found(evaluation: Evaluation, kind: str = "Direct") -> tuple[int, int]:
    """(found, total) over gold quotations of type ``kind`` that have a speaker: found when
    the paired prediction's speaker shares a token with the gold speaker."""
    outcomes = speaker_outcomes(evaluation, kind)
    return sum(o == "found" for o in outcomes.values()), len(outcomes)
