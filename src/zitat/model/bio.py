"""The best valid BIO tag sequence of a tagger head (Viterbi over its word logits).

Tagging each word by its own argmax can give sequences no entity has: an ``I-ORG`` after
``O`` or after ``B-PER``. Decoding the whole window at once under the BIO constraints (an
``I-X`` follows only ``B-X`` or ``I-X``; no sequence opens with ``I-X``; an organisation,
place or MISC entity never directly follows one of its own type, as 3 of GermEval 2014
dev's 1,528 such entities do, while two surnames side by side are two people) keeps every
decision the words agree on and mends those that contradict their neighbours. There are no
learned transition weights: the constraints are all it adds, so nothing is tuned.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

_FORBIDDEN = -1e9


@cache
def _constraints(labels: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """(transition penalties [from, to], start penalties [to]) of the label set."""
    prefix = [label.partition("-")[0] for label in labels]
    kind = [label.partition("-")[2] for label in labels]
    allowed = np.array(
        [
            [
                (prefix[b] != "I" or (prefix[a] in ("B", "I") and kind[a] == kind[b]))
                and not (
                    prefix[b] == "B" and prefix[a] in ("B", "I") and kind[a] == kind[b] != "PER"
                )
                for b in range(len(labels))
            ]
            for a in range(len(labels))
        ]
    )
    start = np.array([p != "I" for p in prefix])
    return np.where(allowed, 0.0, _FORBIDDEN), np.where(start, 0.0, _FORBIDDEN)


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(-1, keepdims=True)
    return np.asarray(shifted - np.log(np.exp(shifted).sum(-1, keepdims=True)))


def best_bio_tags(logits: np.ndarray, labels: Sequence[str]) -> list[str]:
    """The most probable valid BIO sequence for ``logits`` (words × labels)."""
    if len(logits) == 0:
        return []
    transition, start = _constraints(tuple(labels))
    scores = _log_softmax(logits.astype(np.float64))
    best = scores[0] + start
    back = np.zeros(scores.shape, dtype=np.int64)
    for i in range(1, len(scores)):
        candidates = best[:, None] + transition
        back[i] = candidates.argmax(0)
        best = candidates.max(0) + scores[i]
    path = [int(best.argmax())]
    for i in range(len(scores) - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return [labels[k] for k in reversed(path)]
