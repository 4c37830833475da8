"""Train the speaker ranker on the gold speakers of news_quotation_2024 train; score on dev.

    python -m zitat.training.speaker_train --data ../shared/data

Each split is analysed once by the ``learned`` model without a ranker (tagger, rules,
combination); every predicted outer quotation is paired with the gold quotation whose
quote it overlaps most (token F1, one to one), and its candidates are labelled: the target
is the candidate whose tokens best match the gold speaker (token F1), or "no speaker" when
no candidate shares a token with it, the gold quotation has no speaker or nothing pairs.
The candidate "speaker of the previous quotation" is the previous quotation's target
(teacher forcing). Features are cached under ``--cache`` (one file per split); delete
the cache after changing the candidates, the features, the word lists or the models they
read, or pass ``--fresh``. The network
is fitted full-batch with Adam on the softmax loss over each quotation's candidates; the
printed dev score is the corpus scorer's speaker F1 restricted to the paired quotations'
speakers (a proxy; ``scripts/evaluate_models.py`` gives the real one).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np

from zitat.evaluation.corpus import article_from_document
from zitat.formats.corpus_json import gold_quotations, iter_corpus
from zitat.quotations.decode import decode
from zitat.quotations.learned import LearnedModel
from zitat.quotations.speaker_candidates import ArticleView, Segment, token_segments
from zitat.quotations.speaker_features import FEATURE_NAMES, INDEX, feature_rows
from zitat.quotations.speaker_ranker import SHIPPED_RANKER, WEIGHTS_FILE, SpeakerRanker
from zitat.schema import Quotation, QuoteType
from zitat.text.document import ParsedText

CORPUS = "news_quotation_2024"
MIN_SCALE = 1e-3


@dataclass(slots=True)
class Examples:
    """Candidate rows of many quotations: ``offsets[g]:offsets[g + 1]`` are quotation g's rows
    (its row 0 is "no speaker"); ``overlap`` and ``size``: each row's tokens shared with the
    gold speaker and its own token count."""

    rows: np.ndarray
    offsets: np.ndarray
    target: np.ndarray
    overlap: np.ndarray
    size: np.ndarray
    gold_size: np.ndarray
    """Tokens of each quotation's gold speaker (0: none or unpaired)."""
    unpaired_gold: int
    """Gold quotations with a speaker that no predicted quotation paired with."""

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            rows=self.rows,
            offsets=self.offsets,
            target=self.target,
            overlap=self.overlap,
            size=self.size,
            gold_size=self.gold_size,
            unpaired_gold=self.unpaired_gold,
        )

    @classmethod
    def load(cls, path: Path) -> Examples:
        with np.load(path) as raw:
            return cls(
                **{k: raw[k] for k in raw.files if k != "unpaired_gold"},
                unpaired_gold=int(raw["unpaired_gold"]),
            )


def _tokens(segments: Sequence[Segment]) -> set[int]:
    return {i for s, e in segments for i in range(s, e)}


def _f1(a: set[int], b: set[int]) -> float:
    common = len(a & b)
    return 2 * common / (len(a) + len(b)) if common else 0.0


def _pair(
    doc: ParsedText, predicted: Sequence[Quotation], gold: Sequence[Quotation]
) -> dict[int, int]:
    """Predicted index -> gold index, greedily by quote token F1 (one to one)."""
    pred_tokens = [_tokens(token_segments(doc, q.quote)) for q in predicted]
    gold_tokens = [_tokens(token_segments(doc, g.quote)) for g in gold]
    scored = sorted(
        (
            (_f1(p, g), i, j)
            for i, p in enumerate(pred_tokens)
            for j, g in enumerate(gold_tokens)
            if p & g
        ),
        reverse=True,
    )
    pairs: dict[int, int] = {}
    for _, i, j in scored:
        if i not in pairs and j not in pairs.values():
            pairs[i] = j
    return pairs


@dataclass(slots=True)
class QuotationExample:
    rows: np.ndarray
    target: int
    overlap: np.ndarray
    size: np.ndarray
    gold_size: int


def document_examples(
    view: ArticleView, gold: Sequence[Quotation]
) -> tuple[list[QuotationExample], int]:
    """The labelled candidates of each outer quotation of ``view``, and the number of gold
    quotations with a speaker that no predicted quotation pairs with."""
    doc = view.doc
    outer_gold = [g for g in gold if g.nested_in is None]
    pairs = _pair(doc, view.outer, outer_gold)
    out = []
    previous: list[Segment] = []
    for k in range(len(view.outer)):
        candidates = view.candidates(k, previous)
        speaker = outer_gold[pairs[k]].speaker if k in pairs else None
        gold_tokens = _tokens(token_segments(doc, speaker))
        overlap = np.array([0, *(len(set(range(*c.span)) & gold_tokens) for c in candidates)])
        size = np.array([0, *(c.span[1] - c.span[0] for c in candidates)])
        f1 = 2 * overlap / np.maximum(1, size + len(gold_tokens))
        target = int(f1.argmax())
        out.append(
            QuotationExample(
                feature_rows(view, k, candidates, previous), target, overlap, size, len(gold_tokens)
            )
        )
        previous = [candidates[target - 1].span] if target else previous
    paired = set(pairs.values())
    unpaired = sum(1 for j, g in enumerate(outer_gold) if j not in paired and g.speaker)
    return out, unpaired


def extract(model: LearnedModel, folder: Path) -> Examples:
    """Labelled candidates of every predicted quotation of the corpus documents in ``folder``."""
    examples: list[QuotationExample] = []
    unpaired = 0
    for _, corpus_doc in iter_corpus(folder):
        article = article_from_document(corpus_doc)
        doc = ParsedText.from_text(article.text)
        (tags,) = model.word_tags([doc])
        view = model.article_view(doc, tags, decode(doc, tags))
        found, missed = document_examples(view, gold_quotations(corpus_doc))
        examples += found
        unpaired += missed
    return Examples(
        np.concatenate([x.rows for x in examples]),
        np.cumsum([0, *(len(x.rows) for x in examples)]),
        np.array([x.target for x in examples]),
        np.concatenate([x.overlap for x in examples]),
        np.concatenate([x.size for x in examples]),
        np.array([x.gold_size for x in examples]),
        unpaired,
    )


def _group_softmax(scores: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    starts = offsets[:-1]
    sizes = np.diff(offsets)
    top = np.repeat(np.maximum.reduceat(scores, starts), sizes)
    exp = np.exp(scores - top)
    return np.asarray(exp / np.repeat(np.add.reduceat(exp, starts), sizes))


def fit(
    train: Examples,
    *,
    hidden: int = 32,
    epochs: int = 300,
    lr: float = 0.01,
    l2: float = 0.1,
    seed: int = 13,
) -> SpeakerRanker:
    """The ranker minimising the mean softmax loss of the train quotations' targets."""
    rng = np.random.default_rng(seed)
    mean = train.rows.mean(0)
    scale = np.maximum(train.rows.std(0), MIN_SCALE)
    x = (train.rows - mean) / scale
    params = [
        rng.normal(0, 1 / np.sqrt(x.shape[1]), (x.shape[1], hidden)),
        np.zeros(hidden),
        rng.normal(0, 1 / np.sqrt(hidden), hidden),
        np.zeros(1),
    ]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    onehot = np.zeros(len(x))
    onehot[train.offsets[:-1] + train.target] = 1.0
    groups = len(train.target)
    for step in range(1, epochs + 1):
        w1, b1, w2, b2 = params
        pre = x @ w1 + b1
        h = np.maximum(0.0, pre)
        scores = h @ w2 + b2[0]
        dscores = (_group_softmax(scores, train.offsets) - onehot) / groups
        dh = np.outer(dscores, w2) * (pre > 0)
        grads = [x.T @ dh + l2 * w1, dh.sum(0), h.T @ dscores + l2 * w2, np.array([dscores.sum()])]
        for p, g, (m, v) in zip(params, grads, moments, strict=True):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            p -= lr * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    w1, b1, w2, b2 = params
    return SpeakerRanker(
        mean.astype(np.float32),
        scale.astype(np.float32),
        w1.astype(np.float32),
        b1.astype(np.float32),
        w2.astype(np.float32),
        float(b2[0]),
    )


def choices(ranker: SpeakerRanker, data: Examples) -> np.ndarray:
    """Row (within its quotation) that the ranker picks for each quotation."""
    scores = ranker.scores(data.rows)
    forms = [t.value for t in QuoteType]
    form_of = data.rows[data.offsets[:-1]][:, [INDEX[f"form_{f}"] for f in forms]].argmax(1)
    return np.array(
        [
            ranker.pick(scores[s:e], forms[form])
            for (s, e), form in zip(pairwise(data.offsets), form_of, strict=True)
        ]
    )


def speaker_f1(data: Examples, picked: np.ndarray) -> dict[str, float]:
    """Macro speaker precision/recall/F1 over the paired quotations (corpus scorer style: a
    pair's precision counts only when it names a speaker, its recall only when the gold has
    one), with unpaired gold speakers as recall 0."""
    rows = data.offsets[:-1] + picked
    overlap, size = data.overlap[rows], data.size[rows]
    named = picked > 0
    precision = float((overlap[named] / size[named]).mean()) if named.any() else 0.0
    has_gold = data.gold_size > 0
    recalls = overlap[has_gold] / data.gold_size[has_gold]
    recall = float(recalls.sum() / (len(recalls) + data.unpaired_gold))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def baseline_choice(data: Examples) -> np.ndarray:
    """What the model without a ranker says: its current speaker, or none."""
    column = FEATURE_NAMES.index("source_current")
    out = []
    for s, e in pairwise(data.offsets):
        current = np.flatnonzero(data.rows[s:e, column])
        out.append(int(current[0]) if len(current) else 0)
    return np.array(out)


def _examples(model: LearnedModel, data: Path, split: str, cache: Path, *, fresh: bool) -> Examples:
    path = cache / f"speaker_{split}.npz"
    if path.is_file() and not fresh:
        return Examples.load(path)
    started = time.perf_counter()
    examples = extract(model, data / CORPUS / split)
    examples.save(path)
    print(
        f"{split}: {len(examples.target)} quotations, {len(examples.rows)} rows "
        f"({time.perf_counter() - started:.0f} s)"
    )
    return examples


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/zitat-speaker"))
    parser.add_argument("--fresh", action="store_true", help="extract the features again")
    parser.add_argument("--out", type=Path, default=SHIPPED_RANKER)
    parser.add_argument("--hidden", type=int, default=32)
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--l2", type=float, default=0.1)
    parser.add_argument(
        "--named-forms",
        nargs="*",
        default=["Direct"],
        help="forms whose quotations never get 'no speaker' when there is a candidate",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    args.cache.mkdir(parents=True, exist_ok=True)
    model = LearnedModel(ranker=None)
    train = _examples(model, args.data, "train", args.cache, fresh=args.fresh)
    dev = _examples(model, args.data, "dev", args.cache, fresh=args.fresh)
    ranker = dataclasses.replace(
        fit(train, hidden=args.hidden, epochs=args.epochs, l2=args.l2),
        named_forms=frozenset(args.named_forms),
    )
    scores = {
        "dev_proxy_speaker": speaker_f1(dev, choices(ranker, dev)),
        "dev_proxy_speaker_without_ranker": speaker_f1(dev, baseline_choice(dev)),
        "train_proxy_speaker": speaker_f1(train, choices(ranker, train)),
    }
    for name, prf in scores.items():
        print(name, {k: round(v, 4) for k, v in prf.items()})
    args.out.mkdir(parents=True, exist_ok=True)
    about = {
        "hidden": args.hidden,
        "epochs": args.epochs,
        "l2": args.l2,
        "train_quotations": len(train.target),
        "scores": scores,
    }
    (args.out / WEIGHTS_FILE).write_text(
        json.dumps(ranker.to_json(**about)) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
