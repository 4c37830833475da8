"""The learned quotation model: fine-tuned encoder tagger + decoding into quotations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from zitat import registry
from zitat.model.bio import best_bio_tags
from zitat.model.labels import NER_LABELS
from zitat.model.runtime import OnnxTagger
from zitat.model.windows import collate, make_windows
from zitat.quotations.combine import fill_roles, outside
from zitat.quotations.decode import WordTags, bio_segments, decode
from zitat.quotations.interview import is_labelled_turn
from zitat.quotations.own_frame import without_own_frame
from zitat.quotations.rules import RulesModel
from zitat.quotations.speaker_candidates import ArticleView
from zitat.quotations.speaker_ranker import SHIPPED_RANKER, WEIGHTS_FILE, SpeakerRanker
from zitat.schema import EntityMention, ModelOutput, Quotation
from zitat.text.document import ParsedText

SHIPPED_MODEL = Path(__file__).resolve().parents[1] / "resources" / "models" / "tagger"
ENSEMBLE_FILE = "ensemble.json"
PROBABILITY_HEADS: tuple[str, ...] = ("cue", "speaker", "addressee")
"""Heads whose per-word label probabilities are kept for the speaker ranker."""
BIO_DECODED_HEADS = frozenset({"ner"})
"""Heads tagged as a whole valid BIO sequence (:mod:`zitat.model.bio`) instead of word by
word: GermEval 2014 test F1 0.612 -> 0.639, see the tagger's model card."""


@dataclass(slots=True)
class ScoredTags(WordTags):
    """The tagger's labels plus, for each of PROBABILITY_HEADS, every word's softmax over
    that head's labels (rows of O, B, I)."""

    probabilities: dict[str, np.ndarray]


def _softmax(logits: np.ndarray) -> np.ndarray:
    exp = np.exp(logits - logits.max(-1, keepdims=True))
    return np.asarray(exp / exp.sum(-1, keepdims=True))


class TaggerModel:
    """The fine-tuned tagger alone (``--model tagger``).

    ``folder``: the model folder (None: ``$ZITAT_TAGGER``, else the shipped model);
    ``threads``: intra-op threads of the inference session (None: one per CPU core)."""

    name = "tagger"

    def __init__(self, folder: Path | None = None, threads: int | None = None) -> None:
        folder = folder or registry.env_model_folder() or SHIPPED_MODEL
        self.folder = folder
        self.tagger = OnnxTagger(folder, threads)
        self.tokenizer = self.tagger.tokenizer
        self.version = (
            (folder / "VERSION").read_text().strip() if (folder / "VERSION").is_file() else "dev"
        )

    def word_tags(self, docs: Sequence[ParsedText]) -> list[ScoredTags]:
        """The tagger's labels for every word. Each window runs alone: int8 activations are
        scaled per run, so a document's tags never depend on what else is analysed with it,
        and nothing is padded."""
        cfg = self.tagger.config
        results = []
        for doc in docs:
            tags = {head: ["O"] * len(doc.tokens) for head in cfg.heads}
            confidence = [1.0] * len(doc.tokens)
            probabilities = {
                head: np.zeros((len(doc.tokens), len(cfg.heads[head])), dtype=np.float32)
                for head in PROBABILITY_HEADS
            }
            for window in make_windows(doc, self.tokenizer, cfg):
                logits = self.tagger.run(collate([window], self.tokenizer.pad))
                words = slice(window.token_start, window.token_end)
                for head, labels in cfg.heads.items():
                    tags[head][words] = (
                        best_bio_tags(logits[head][0], labels)
                        if head in BIO_DECODED_HEADS
                        else [labels[i] for i in logits[head][0].argmax(-1).tolist()]
                    )
                quote = logits["quote"][0]
                # the top label's softmax probability: 1 / sum(exp(logit - top logit))
                top = 1.0 / np.exp(quote - quote.max(-1, keepdims=True)).sum(-1)
                confidence[words] = top.tolist()
                for head in PROBABILITY_HEADS:
                    probabilities[head][words] = _softmax(logits[head][0])
            results.append(ScoredTags(tags, confidence, probabilities))
        return results

    def predict(self, docs: Sequence[ParsedText]) -> list[ModelOutput]:
        outputs = []
        for doc, tags in zip(docs, self.word_tags(docs), strict=True):
            mentions = [
                EntityMention(
                    doc.tokens[s].start,
                    doc.tokens[e - 1].end,
                    label,
                    doc.text[doc.tokens[s].start : doc.tokens[e - 1].end],
                )
                for _, label, (s, e) in bio_segments(tags.tags["ner"])
                if label in {lab[2:] for lab in NER_LABELS[1:]}
            ]
            outputs.append(ModelOutput(self.refine(doc, tags, decode(doc, tags)), mentions))
        return outputs

    def refine(
        self, doc: ParsedText, tags: ScoredTags, quotations: list[Quotation]
    ) -> list[Quotation]:
        return quotations


@dataclass(frozen=True, slots=True)
class EnsembleConfig:
    """How the tagger and the rules are combined (chosen on dev, shipped with the weights).

    ``lead``: whose quotations are kept ("tagger" or "rules"); the other fills empty roles
    and contributes its quotations of ``add_forms`` that the lead does not overlap.
    """

    lead: str = "tagger"
    add_forms: tuple[str, ...] = ("Direct",)

    @classmethod
    def load(cls, folder: Path) -> EnsembleConfig:
        path = folder / ENSEMBLE_FILE
        if not path.is_file():
            return cls()
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(lead=raw["lead"], add_forms=tuple(raw["add_forms"]))


class LearnedModel(TaggerModel):
    """The default model: the tagger combined with the rules model (see EnsembleConfig), and
    the speaker of every quotation chosen by the speaker ranker when one is shipped."""

    name = "learned"

    def __init__(
        self,
        folder: Path | None = None,
        threads: int | None = None,
        ranker: Path | None = SHIPPED_RANKER,
    ) -> None:
        super().__init__(folder, threads)
        self.rules = RulesModel()
        self.ensemble = EnsembleConfig.load(self.folder)
        self.version = f"{self.version}+rules{self.rules.version}"
        self.ranker = None
        if ranker is not None and (ranker / WEIGHTS_FILE).is_file():
            self.ranker = SpeakerRanker.load(ranker)
            self.version += "+speakers1"

    def article_view(
        self, doc: ParsedText, tags: ScoredTags, tagged: list[Quotation]
    ) -> ArticleView:
        """The tagger's quotations of ``doc`` combined with the rules', as the speaker ranker
        reads them."""
        (ruled,) = self.rules.predict([doc])
        quotations = without_own_frame(doc, combine(tagged, ruled.quotations, self.ensemble))
        others = {"rules": ruled.quotations, "decoded": tagged}
        return ArticleView(doc, tags.tags, tags.probabilities, quotations, others)

    def refine(
        self, doc: ParsedText, tags: ScoredTags, quotations: list[Quotation]
    ) -> list[Quotation]:
        view = self.article_view(doc, tags, quotations)
        return self.ranker.attribute(view) if self.ranker else view.quotations


def combine(
    tagged: list[Quotation], ruled: list[Quotation], ensemble: EnsembleConfig
) -> list[Quotation]:
    """The tagger's and the rules' quotations of one document, combined as ``ensemble`` says.
    A turn the rules read after a label ("Gewessler: Wir verhandeln. Ich bin zuversichtlich,
    dass …") is one Direct quotation: the tagger's outer quotations inside it give way."""
    tagged = outside(tagged, [q for q in ruled if is_labelled_turn(q)])
    if ensemble.lead == "rules":
        return fill_roles(ruled, tagged, add_forms=ensemble.add_forms)
    return fill_roles(tagged, ruled, add_forms=ensemble.add_forms)
