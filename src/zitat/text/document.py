"""A text prepared once for every component: tokens and sentences with offsets."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from zitat.text.tokenize import Sentence, Token, split_sentences, tokenize


@dataclass(slots=True)
class ParsedText:
    text: str
    tokens: list[Token]
    sentences: list[Sentence]
    _token_starts: list[int] = field(default_factory=list, repr=False)
    _sentence_firsts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def from_text(cls, text: str) -> ParsedText:
        tokens = tokenize(text)
        sentences = split_sentences(text, tokens)
        return cls(
            text, tokens, sentences, [t.start for t in tokens], [s.first_token for s in sentences]
        )

    @classmethod
    def from_words(cls, words: list[str]) -> ParsedText:
        """A pre-tokenised sentence (as in CoNLL files): words joined by single spaces."""
        tokens, pos = [], 0
        for word in words:
            tokens.append(Token(pos, pos + len(word), word))
            pos += len(word) + 1
        text = " ".join(words)
        sentence = Sentence(0, len(text), 0, len(tokens))
        return cls(text, tokens, [sentence], [t.start for t in tokens], [0])

    def sentence_of_token(self, index: int) -> int:
        """Index of the sentence holding token ``index``."""
        return bisect_right(self._sentence_firsts, index) - 1

    def token_at(self, offset: int) -> int:
        """Index of the last token starting at or before character ``offset``."""
        return max(0, bisect_right(self._token_starts, offset) - 1)
