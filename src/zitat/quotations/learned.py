"""The learned quotation model: fine-tuned encoder tagger + decoding into quotations."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import torch

from zitat.model.labels import NER_LABELS
from zitat.model.tagger import Tagger, Window, collate, load_tagger, make_windows
from zitat.quotations.decode import WordTags, bio_segments, decode
from zitat.schema import EntityMention, ModelOutput
from zitat.text.document import ParsedText

SHIPPED_MODEL = Path(__file__).resolve().parents[1] / "resources" / "models" / "tagger"


class LearnedModel:
    name = "learned"

    def __init__(self, folder: Path | None = None, batch_pieces: int = 3072) -> None:
        folder = Path(os.environ.get("ZITAT_TAGGER", folder or SHIPPED_MODEL))
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
        windows.sort(key=lambda dw: -len(dw[1].piece_ids))
        start = 0
        while start < len(windows):
            longest = len(windows[start][1].piece_ids)
            size = max(1, self.batch_pieces // longest)
            chunk = windows[start : start + size]
            start += size
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
            outputs.append(ModelOutput(decode(doc, tags), mentions))
        return outputs
