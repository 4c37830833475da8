"""The speaker ranker: picks each quotation's speaker among its candidates (or none).

A small network scores every candidate of a quotation (one hidden layer over the features of
:mod:`zitat.quotations.speaker_features`); the highest score wins, and row 0, "no speaker",
competes like any candidate. Quotations are attributed in text order, so that a cue-less
continuation can take the speaker chosen for the quotation before it. Nested quotations
share the speaker of the quotation they sit in, as the corpus annotates them. Inference is
numpy only; the weights are a small JSON file written by
:mod:`zitat.training.speaker_train`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from zitat.errors import ModelError
from zitat.lang.de.lexicon import cites
from zitat.quotations.interview import is_labelled_turn
from zitat.quotations.speaker_candidates import ArticleView, Candidate, Segment, token_segments
from zitat.quotations.speaker_features import FEATURE_NAMES, feature_rows
from zitat.quotations.speaker_spans import edges, quote_without
from zitat.schema import Quotation, QuoteType, Role

SHIPPED_RANKER = Path(__file__).resolve().parents[1] / "resources" / "models" / "speaker"
WEIGHTS_FILE = "ranker.json"
_ARRAYS = ("mean", "scale", "hidden_weights", "hidden_bias", "out_weights")


@dataclass(frozen=True, slots=True)
class SpeakerRanker:
    """Standardisation, one ReLU hidden layer and a linear output: rows in, scores out."""

    mean: np.ndarray
    scale: np.ndarray
    hidden_weights: np.ndarray
    hidden_bias: np.ndarray
    out_weights: np.ndarray
    out_bias: float
    named_forms: frozenset[str] = frozenset()
    """Forms whose quotations always get a candidate when there is one ("no speaker" is no
    option): chosen on dev for Direct, where a named speaker is what a reader looks for."""

    def scores(self, rows: np.ndarray) -> np.ndarray:
        x = (rows - self.mean) / self.scale
        hidden = np.maximum(0.0, x @ self.hidden_weights + self.hidden_bias)
        return np.asarray(hidden @ self.out_weights + self.out_bias)

    def to_json(self, **about: Any) -> dict[str, Any]:
        weights = {name: np.asarray(getattr(self, name)).tolist() for name in _ARRAYS}
        weights["out_bias"] = self.out_bias
        return {
            "features": list(FEATURE_NAMES),
            "named_forms": sorted(self.named_forms),
            **about,
            "weights": weights,
        }

    @classmethod
    def load(cls, folder: Path = SHIPPED_RANKER) -> SpeakerRanker:
        path = folder / WEIGHTS_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw["features"] != list(FEATURE_NAMES):
                raise ModelError(
                    f"{path} was trained on other features; retrain it with "
                    "`python -m zitat.training.speaker_train`"
                )
            weights = raw["weights"]
            return cls(
                **{name: np.asarray(weights[name], dtype=np.float32) for name in _ARRAYS},
                out_bias=float(weights["out_bias"]),
                named_forms=frozenset(raw.get("named_forms", ())),
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"cannot load the speaker ranker {path}: {exc}") from exc

    def pick(self, scores: np.ndarray, form: str) -> int:
        """Row of the best-scored choice for a quotation of ``form`` (0: no speaker)."""
        if len(scores) > 1 and form in self.named_forms:
            return 1 + int(np.argmax(scores[1:]))
        return int(np.argmax(scores))

    def choose(self, view: ArticleView) -> list[list[Segment]]:
        """The speaker (token ranges, empty for none) of each outer quotation of ``view``."""
        chosen: list[list[Segment]] = []
        previous: list[Segment] = []
        for k in range(len(view.outer)):
            candidates = view.candidates(k, previous)
            if is_labelled_turn(view.outer[k]):
                best = _current(candidates)  # "Gewessler: Wir verhandeln. Ich bin …"
            else:
                best = _cited(view, k, candidates)
                if not best:
                    scores = self.scores(feature_rows(view, k, candidates, previous))
                    best = self.pick(scores, view.outer[k].type.value) or _subject_kept(
                        view.outer[k], candidates
                    )
            speaker = [candidates[best - 1].span] if best else []
            chosen.append(speaker)
            previous = speaker or previous
        return chosen

    def attribute(self, view: ArticleView) -> list[Quotation]:
        """The quotations ``view`` was built on, with the ranker's speakers; a quote that ran
        into its speaker or cue loses their words, and one that is all speaker is dropped."""
        doc = view.doc
        speakers: dict[str, Role | None] = {}
        addressees: dict[str, Role] = {}
        starts = frozenset(int(s) for s in view.sentence_start)

        def role(segments: Sequence[Segment]) -> Role:
            spans = [(doc.tokens[s].start, doc.tokens[e - 1].end) for s, e in segments]
            return Role.from_spans(doc.text, spans)

        quotes: dict[str, Role] = {}
        dropped: set[str] = set()
        for k, (q, segments) in enumerate(zip(view.outer, self.choose(view), strict=True)):
            tidied = [edges(view.words, starts, segment) for segment in segments]
            spans = [span for span, _ in tidied]
            speakers[q.id] = role(spans) if spans else None
            cut = [addressee for _, addressee in tidied if addressee is not None]
            if cut and q.addressee is None:
                addressees[q.id] = role(cut)  # "sagte X der Welt am Sonntag"
            if q.type is QuoteType.REPORTED or not view.quote[k]:
                continue  # a Reported quote holds its speaker
            rest = quote_without(view.words, view.quote[k], spans + token_segments(doc, q.cue))
            if not rest:
                dropped.add(q.id)  # the speaker "der Website „icelandreview.com“" is all of it
            elif rest != view.quote[k]:
                quotes[q.id] = role(rest)
        return [
            dataclasses.replace(
                q,
                quote=quotes.get(q.id, q.quote),
                speaker=speakers[q.nested_in or q.id],
                addressee=addressees.get(q.id, q.addressee),
            )
            if (q.nested_in or q.id) in speakers
            else q
            for q in view.quotations
            if (q.nested_in or q.id) not in dropped
        ]


def _subject_kept(quotation: Quotation, candidates: Sequence[Candidate]) -> int:
    """For a quotation the ranker leaves without speaker, the subject the rules read for it
    when it is Reported ("Der Fahrradclub begrüßte die Entscheidung.") or has a cue ("Es ist
    immer das gleiche Bild, sagt er."); 0 otherwise or without one. The speaker model card
    has the figures of both decisions, train's included."""
    if quotation.type is QuoteType.REPORTED or quotation.cue is not None:
        return _current(candidates)
    return 0


def _cited(view: ArticleView, k: int, candidates: Sequence[Candidate]) -> int:
    """Row of the person an active "zitieren" cites, as the rules read it: "Die
    Nachrichtenagentur RIA Novosti zitiert dazu Néstor Kirchner mit folgenden Worten: „…“"
    (the ranker, which saw four such frames in train and dev, took the agency). The rules'
    speaker counts only when it follows the verb and no preposition: "X wird mit den Worten
    zitiert", "zitiert „BBC News“ aus ihrer jüngsten Stellungnahme" and other cues stay
    with the ranker. 0 when that does not hold."""
    cue = token_segments(view.doc, view.outer[k].cue)
    if not cue or not cites(view.words[cue[0][0]]):
        return 0
    verb = cue[0][0]
    row = _current(candidates)
    if not row:
        return 0
    start = candidates[row - 1].span[0]
    if start > verb and view.word_class[start - 1] != "preposition":
        return row
    return 0


def _current(candidates: Sequence[Candidate]) -> int:
    """Row of the speaker the quotation came with (the rules' subject or label), 0 if none."""
    return next((n for n, c in enumerate(candidates, 1) if "current" in c.sources), 0)
