"""The learned quotation model: fine-tuned encoder tagger + decoding into quotations."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch

from zitat.model.labels import NER_LABELS
from zitat.model.tagger import (
    Tagger,
    Window,
    collate,
    load_tagger,
    longest_first,
    make_windows,
)
from zitat.quotations.combine import fill_roles
from zitat.quotations.decode import WordTags, bio_segments, decode
from zitat.quotations.rules import RulesModel
from zitat.schema import EntityMention, ModelOutput, Quotation
from zitat.text.document import ParsedText

SHIPPED_MODEL = Path(__file__).resolve().parents[1] / "resources" / "models" / "tagger"
ENSEMBLE_FILE = "ensemble.json"


class TaggerModel:
    """The fine-tuned tagger alone (``--model tagger``)."""

    name = "tagger"

    def __init__(self, folder: Path | None = None, batch_pieces: int = 3072) -> None:
        folder = folder or Path(os.environ.get("ZITAT_TAGGER", SHIPPED_MODEL))
        self.folder = folder
        self.tagger: Tagger
        self.tagger, self.tokenizer = load_tagger(folder)
        self.version = (
            (folder / "VERSION").read_text().strip() if (folder / "VERSION").is_file() else "dev"
        )
        self.batch_pieces = batch_pieces

    @torch.inference_mode()
    def word_tags(self, docs: Sequence[ParsedText]) -> list[WordTags]:
        """Run the tagger over all windows of all documents, longest-first in batches."""
        cfg = self.tagger.config
        windows: list[tuple[int, Window]] = [
            (d, w) for d, doc in enumerate(docs) for w in make_windows(doc, self.tokenizer, cfg)
        ]
        results = [
            WordTags({h: ["O"] * len(doc.tokens) for h in cfg.heads}, [1.0] * len(doc.tokens))
            for doc in docs
        ]
        for chunk in longest_first(windows, lambda dw: len(dw[1].piece_ids), self.batch_pieces):
            logits = self.tagger(collate([w for _, w in chunk], self.tokenizer.pad))
            decided = {h: out.argmax(-1).tolist() for h, out in logits.items()}
            quote_conf = torch.softmax(logits["quote"], -1).max(-1).values.tolist()
            for b, (d, w) in enumerate(chunk):
                n = w.token_end - w.token_start
                for head, labels in cfg.heads.items():
                    results[d].tags[head][w.token_start : w.token_end] = [
                        labels[i] for i in decided[head][b][:n]
                    ]
                results[d].confidence[w.token_start : w.token_end] = quote_conf[b][:n]
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
            outputs.append(ModelOutput(self.refine(doc, decode(doc, tags)), mentions))
        return outputs

    def refine(self, doc: ParsedText, quotations: list[Quotation]) -> list[Quotation]:
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
    """The default model: the tagger combined with the rules model (see EnsembleConfig)."""

    name = "learned"

    def __init__(self, folder: Path | None = None, batch_pieces: int = 3072) -> None:
        super().__init__(folder, batch_pieces)
        self.rules = RulesModel()
        self.ensemble = EnsembleConfig.load(self.folder)
        self.version = f"{self.version}+rules{self.rules.version}"

    def refine(self, doc: ParsedText, quotations: list[Quotation]) -> list[Quotation]:
        (ruled,) = self.rules.predict([doc])
        return combine(quotations, ruled.quotations, self.ensemble)


def combine(
    tagged: list[Quotation], ruled: list[Quotation], ensemble: EnsembleConfig
) -> list[Quotation]:
    """The tagger's and the rules' quotations of one document, combined as ``ensemble`` says."""
    if ensemble.lead == "rules":
        return fill_roles(ruled, tagged, add_forms=ensemble.add_forms)
    return fill_roles(tagged, ruled, add_forms=ensemble.add_forms)
