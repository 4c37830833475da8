"""How documents become encoder input: windows of whole sentences, padded into batches.

A document is cut into windows of whole sentences (at most ``max_pieces`` sub-word pieces);
each word is represented by the encoder state of its first piece. Nothing here needs
PyTorch: training (``zitat.training.tagger``) and inference (``zitat.model.runtime``) share it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from zitat.errors import ModelError
from zitat.model.e5file import PieceTokenizer
from zitat.model.labels import HEADS
from zitat.text.document import ParsedText

CONFIG_FILE = "config.json"


@dataclass(frozen=True, slots=True)
class TaggerConfig:
    layers: int = 6
    max_pieces: int = 192
    max_word_pieces: int = 6
    dropout: float = 0.1
    heads: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(HEADS))
    ner_hidden: int = 0
    """Hidden units of the NER head's MLP (``zitat.training.ner_head``); 0: a linear head."""
    ner_context: int = 0
    """Neighbouring words on each side that the NER head's MLP reads."""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, raw: str) -> TaggerConfig:
        data = json.loads(raw)
        data["heads"] = {k: tuple(v) for k, v in data["heads"].items()}
        return cls(**data)


def load_config(folder: Path) -> TaggerConfig:
    """A tagger folder's ``config.json``; a missing or malformed one is a ModelError."""
    try:
        config = TaggerConfig.from_json((folder / CONFIG_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelError(f"cannot load the tagger config from {folder}: {exc}") from exc
    sizes = (config.layers, config.max_pieces, config.max_word_pieces)
    ner_sizes = (config.ner_hidden, config.ner_context)
    if not all(isinstance(n, int) and n > 0 for n in sizes) or not all(
        isinstance(n, int) and n >= 0 for n in ner_sizes
    ):
        raise ModelError(f"tagger config in {folder} has non-positive or non-integer sizes")
    return config


@dataclass(frozen=True, slots=True)
class Window:
    """A slice of a document's tokens, as encoder input."""

    token_start: int
    token_end: int
    piece_ids: tuple[int, ...]  # with <s> and </s>
    first_piece: tuple[int, ...]  # position of each word's first piece in piece_ids


def _word_pieces(doc: ParsedText, tokenizer: PieceTokenizer, cap: int) -> list[tuple[int, ...]]:
    pieces = []
    for i, tok in enumerate(doc.tokens):
        after_space = i == 0 or doc.tokens[i - 1].end < tok.start
        pieces.append(tokenizer.word_pieces(tok.text, after_space)[:cap])
    return pieces


def make_windows(doc: ParsedText, tokenizer: PieceTokenizer, config: TaggerConfig) -> list[Window]:
    """Pack whole sentences into windows; split a sentence only when it alone is too long."""
    pieces = _word_pieces(doc, tokenizer, config.max_word_pieces)
    budget = config.max_pieces - 2
    spans: list[tuple[int, int]] = []  # token ranges
    cur_start, cur_len = 0, 0
    for sent in doc.sentences:
        n = sum(len(pieces[i]) for i in range(sent.first_token, sent.last_token))
        if cur_len and cur_len + n > budget:
            spans.append((cur_start, sent.first_token))
            cur_start, cur_len = sent.first_token, 0
        if n > budget:  # an over-long sentence: cut it into budget-sized runs of words
            start, length = sent.first_token, 0
            for i in range(sent.first_token, sent.last_token):
                if length + len(pieces[i]) > budget and length:
                    spans.append((start, i))
                    start, length = i, 0
                length += len(pieces[i])
            cur_start, cur_len = start, length
        else:
            cur_len += n
    if cur_len or cur_start < len(doc.tokens):
        spans.append((cur_start, len(doc.tokens)))
    windows = []
    for start, end in spans:
        if start >= end:
            continue
        ids = [tokenizer.bos]
        firsts = []
        for i in range(start, end):
            firsts.append(len(ids))
            ids.extend(pieces[i])
        ids.append(tokenizer.eos)
        windows.append(Window(start, end, tuple(ids), tuple(firsts)))
    return windows


@dataclass(slots=True)
class Batch:
    """Padded windows as arrays (numpy, so that inference needs no PyTorch)."""

    ids: np.ndarray  # [B, T] int64
    attention: np.ndarray  # [B, T] bool
    first_piece: np.ndarray  # [B, W] int64 positions (0 where padded)
    word_mask: np.ndarray  # [B, W] bool


def collate(windows: list[Window], pad_id: int) -> Batch:
    t = max(len(w.piece_ids) for w in windows)
    n_words = max(len(w.first_piece) for w in windows)
    ids = np.full((len(windows), t), pad_id, dtype=np.int64)
    attention = np.zeros((len(windows), t), dtype=np.bool_)
    first = np.zeros((len(windows), n_words), dtype=np.int64)
    mask = np.zeros((len(windows), n_words), dtype=np.bool_)
    for b, w in enumerate(windows):
        ids[b, : len(w.piece_ids)] = w.piece_ids
        attention[b, : len(w.piece_ids)] = True
        first[b, : len(w.first_piece)] = w.first_piece
        mask[b, : len(w.first_piece)] = True
    return Batch(ids, attention, first, mask)
