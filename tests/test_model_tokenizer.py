"""The sub-word tokenizer (Hugging Face ``tokenizers``) against SentencePiece's Viterbi search
written out plainly. The whole train and dev text is compared with the former Python
tokenizer by ``python scripts/check_tokenizer.py`` (about 20 s)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from zitat.model.e5file import E5File, PieceTokenizer
from zitat.text.document import ParsedText

META = "\u2581"
TRICKY = [
    "",
    " ",
    "   ",
    "\t\n\r",
    "\x00\x01\x7f\x85",
    "Müßiggang",
    "ÄÖÜäöüß",
    "STRASSE Straße straße",
    "Café crème naïve Ångström Łódź Şişli",
    "e\u0301 a\u0308",  # combining accents
    "„Ja“, sagte sie. »Nein« ‚so‘ “so” 'so' \"so\" «non» ‹oui› ＂voll＂ ′′",
    "2024-12-07 3,1415926535897932384626 1.000.000.000 0,5 % 12:30 Uhr 1e-9",
    "¹²³ ½ ⅞ ℃ № ™ ﬁ ﬀ Ⅻ",
    "\u00a0\u2009\u202f\u2007\u200b\u200d\ufeff",
    "😀 👍🏽 👨‍👩‍👧 🇩🇪",
    "北京 東京 서울 こんにちは",
    "Москва Αθήνα ירושלים القاهرة हिन्दी",
    "\ue000\ue001\ue002\U000f0000",  # private use: no piece, a run of unknown characters
    "\ud800 \udfff\ud83d",  # lone surrogates, as json.loads can produce them
    "<s> </s> <pad> <unk> <mask>",
    "a" * 300,
    "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenhersteller",
]


@pytest.fixture(scope="module")
def tokenizer() -> PieceTokenizer:
    return E5File().tokenizer


class Reference:
    """SentencePiece's search over the same vocabulary: the path of highest summed score,
    scanning start positions and then lengths in increasing order (first found wins a tie),
    each character alone as the unknown piece at the lowest score minus 10."""

    def __init__(self, tokenizer: PieceTokenizer) -> None:
        self.tokenizer = tokenizer
        unk = tokenizer.unk
        self.ids = {piece: i for i, (piece, _) in enumerate(tokenizer.vocab) if i != unk}
        self.scores = [score for _, score in tokenizer.vocab]
        self.unknown = min(self.scores) - 10.0
        self.longest = max(map(len, self.ids))

    def search(self, text: str) -> tuple[int, ...]:
        best = [0.0] + [-math.inf] * len(text)  # score of the best path to each position
        back = [(0, 0)] * (len(text) + 1)  # its last piece: (start, id)
        for start in range(len(text)):
            ends = range(start + 1, min(len(text), start + self.longest) + 1)
            edges = [(end, self.ids.get(text[start:end])) for end in ends]
            for end, piece in [*edges, (start + 1, None)]:
                if piece is None and end > start + 1:
                    continue
                score = self.unknown if piece is None else self.scores[piece]
                if best[start] + score > best[end]:
                    best[end] = best[start] + score
                    back[end] = (start, self.tokenizer.unk if piece is None else piece)
        out: list[int] = []
        end = len(text)
        while end:
            end, piece = back[end]
            out.append(piece)
        return tuple(reversed(out))

    def word_pieces(self, word: str, after_space: bool) -> tuple[int, ...]:
        norm = self.tokenizer.normalize(word).replace(" ", META)
        if after_space and not norm.startswith(META):
            norm = META + norm
        return self.search(norm) if norm else (self.tokenizer.unk,)


@pytest.fixture(scope="module")
def reference(tokenizer: PieceTokenizer) -> Reference:
    return Reference(tokenizer)


def cases(texts: list[str]) -> list[tuple[str, bool]]:
    """Each text whole and each of its words, after a space and glued to a token."""
    out = [(text, True) for text in texts]
    for text in texts:
        out += [(t.text, flag) for t in ParsedText.from_text(text).tokens for flag in (True, False)]
    return out


def assert_same(
    tokenizer: PieceTokenizer, reference: Reference, items: list[tuple[str, bool]]
) -> None:
    for text, after_space in items:
        assert tokenizer.word_pieces(text, after_space) == reference.word_pieces(
            text, after_space
        ), (text, after_space)


def test_tricky_strings_match_the_reference(
    tokenizer: PieceTokenizer, reference: Reference
) -> None:
    items = cases(TRICKY) + [(text, False) for text in TRICKY]
    assert_same(tokenizer, reference, items)
    expected = [reference.word_pieces(text, flag) for text, flag in items]
    unk = tokenizer.unk
    # the cases reach unknown characters in runs, the control pieces and empty words
    assert any(p[i] == p[i + 1] == unk for p in expected for i in range(len(p) - 1))
    assert any(tokenizer.bos in p for p in expected)
    assert (unk,) in expected
    # the file's character map folds compatibility forms and unusual spaces
    for variant, plain in [("ﬁne", "fine"), ("Ｂerlin", "Berlin"), ("a\u00a0b", "a b")]:
        assert tokenizer.word_pieces(variant) == tokenizer.word_pieces(plain)


def test_dev_sentences_match_the_reference(
    tokenizer: PieceTokenizer, reference: Reference, quotation_dev: Path
) -> None:
    sentences: list[str] = []
    for path in sorted(quotation_dev.glob("*.json"))[:30]:
        text = json.loads(path.read_text(encoding="utf-8"))["originalText"]
        sentences += [text[s.start : s.end] for s in ParsedText.from_text(text).sentences]
    assert len(sentences) >= 250
    assert_same(tokenizer, reference, cases(sentences))
