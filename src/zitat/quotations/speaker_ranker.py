"""The speaker ranker: picks each quotation's speaker among its candidates (or none).

A small network scores every candidate of a quotation (one hidden layer over the features of
:mod:`zitat.quotations.speaker_features`); the highest score wins, and row 0, "no speaker",
competes like any candidate. Quotations are attributed in text order, so that a cue-less
continuation can take the speaker chosen for the quotation before it. Nested quotations
share the speaker of the quotation they sit in, as the corpus annotates them. Inference is
numpy only; the weights are a small JSON file written by
:mod:`zitat.quotations.speaker_train`.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from zitat.errors import ModelError
from zitat.quotations.speaker_candidates import ArticleView, Segment
from zitat.quotations.speaker_features import FEATURE_NAMES, feature_rows
from zitat.schema import Quotation, Role

SHIPPED_RANKER = Path(__file__).resolve().parents[1] / "resources" / "models" / "speaker"
WEIGHTS_FILE = "ranker.json"


@dataclass(frozen=True, slots=True)
class SpeakerRanker:
    """Standardisation, one ReLU hidden layer and a linear output: rows in, scores out."""

    mean: np.ndarray
    scale: np.ndarray
    hidden_weights: np.ndarray
    hidden_bias: np.ndarray
    out_weights: np.ndarray
    out_bias: float

    def scores(self, rows: np.ndarray) -> np.ndarray:
        x = (rows - self.mean) / self.scale
        hidden = np.maximum(0.0, x @ self.hidden_weights + self.hidden_bias)
        return np.asarray(hidden @ self.out_weights + self.out_bias)

    def to_json(self, **about: Any) -> dict[str, Any]:
        weights = {
            f.name: np.asarray(getattr(self, f.name)).tolist() for f in dataclasses.fields(self)
        }
        return {"features": list(FEATURE_NAMES), **about, "weights": weights}

    @classmethod
    def load(cls, folder: Path = SHIPPED_RANKER) -> SpeakerRanker:
        path = folder / WEIGHTS_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw["features"] != list(FEATURE_NAMES):
                raise ModelError(
                    f"{path} was trained on other features; retrain it with "
                    "`python -m zitat.quotations.speaker_train`"
                )
            weights = raw["weights"]
            return cls(
                **{
                    f.name: np.asarray(weights[f.name], dtype=np.float32)
                    for f in dataclasses.fields(cls)
                    if f.name != "out_bias"
                },
                out_bias=float(weights["out_bias"]),
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"cannot load the speaker ranker {path}: {exc}") from exc

    def choose(self, view: ArticleView) -> list[list[Segment]]:
        """The speaker (token ranges, empty for none) of each outer quotation of ``view``."""
        chosen: list[list[Segment]] = []
        previous: list[Segment] = []
        for k in range(len(view.outer)):
            candidates = view.candidates(k, previous)
            best = int(np.argmax(self.scores(feature_rows(view, k, candidates, previous))))
            speaker = [candidates[best - 1].span] if best else []
            chosen.append(speaker)
            previous = speaker or previous
        return chosen

    def attribute(self, view: ArticleView, quotations: list[Quotation]) -> list[Quotation]:
        """``quotations`` (those ``view`` was built on) with the ranker's speakers."""
        doc = view.doc
        speakers: dict[str, Role | None] = {}
        for q, segments in zip(view.outer, self.choose(view), strict=True):
            spans = [(doc.tokens[s].start, doc.tokens[e - 1].end) for s, e in segments]
            speakers[q.id] = Role.from_spans(doc.text, spans) if spans else None
        return [
            dataclasses.replace(q, speaker=speakers[q.nested_in or q.id])
            if (q.nested_in or q.id) in speakers
            else q
            for q in quotations
        ]
