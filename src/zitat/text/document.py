"""A text prepared once for every component: tokens and sentences with offsets.

Components read ``normalized``: the text with quotation marks in the German style and hard
line wraps as spaces (see :mod:`zitat.text.quotemarks`, :mod:`zitat.text.wraps`). It has
the length of ``text``, so token offsets hold for both; spans are cut from ``text``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from zitat.text.quotemarks import normalize_quote_marks
from zitat.text.tokenize import Sentence, Token, split_sentences, tokenize
from zitat.text.wraps import unwrap_lines


@dataclass(slots=True)
class ParsedText:
    text: str
    tokens: list[Token]
    sentences: list[Sentence]
    normalized: str
    """``text`` as the components read it (same length); token texts come from it."""
    _token_starts: list[int] = field(default_factory=list, repr=False)
    _sentence_firsts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def from_text(cls, text: str) -> ParsedText:
        normalized = normalize_quote_marks(unwrap_lines(text))
        tokens = tokenize(normalized)
        sentences = split_sentences(normalized, tokens)
        return cls(
            text,
            tokens,
            sentences,
            normalized,
            [t.start for t in tokens],
            [s.first_token for s in sentences],
        )

    @classmethod
    def from_words(cls, words: list[str]) -> ParsedText:
        """A pre-tokenised sentence (as in CoNLL files): words joined by single spaces."""
        return cls.from_sentences([words])

    @classmethod
    def from_sentences(cls, sentences: list[list[str]]) -> ParsedText:
        """Pre-tokenised sentences: words joined by single spaces, sentences by newlines."""
        tokens: list[Token] = []
        spans: list[Sentence] = []
        pos = 0
        for words in sentences:
            first, start = len(tokens), pos
            for word in words:
                tokens.append(Token(pos, pos + len(word), word))
                pos += len(word) + 1
            spans.append(Sentence(start, max(start, pos - 1), first, len(tokens)))
        text = "\n".join(" ".join(words) for words in sentences)
        starts, firsts = [t.start for t in tokens], [s.first_token for s in spans]
        return cls(text, tokens, spans, text, starts, firsts)

    def sentence_of_token(self, index: int) -> int:
        """Index of the sentence holding token ``index``."""
        return bisect_right(self._sentence_firsts, index) - 1

    def paragraph_break_before(self, index: int) -> bool:
        """Whether a line break parts token ``index`` from the one before it (hard line
        wraps are spaces in ``normalized`` and part nothing)."""
        tokens = self.tokens
        return index > 0 and "\n" in self.normalized[tokens[index - 1].end : tokens[index].start]

    def token_at(self, offset: int) -> int:
        """Index of the last token starting at or before character ``offset``."""
        return max(0, bisect_right(self._token_starts, offset) - 1)
