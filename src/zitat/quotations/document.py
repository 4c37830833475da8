"""The rules model's view of one document: token lookups, cues and quotations in the making.

Every role is a list of token indices of the :class:`ParsedText`, so each emitted span
slices the original text exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from zitat.lang.de.lexicon import SpeechVerbForm, konjunktiv_forms, speech_verbs
from zitat.lang.de.punctuation import CLAUSE_PUNCT, PUNCT, QUOTE_MARKS, SENTENCE_END
from zitat.lang.de.words import (
    CLOSED_CLASS,
    DETERMINERS,
    THIRD_PERSON_SUBJECTS,
    adjective_like,
    konjunktiv_one_shape,
)
from zitat.schema import Medium, QuoteType, Role, Span
from zitat.text.document import ParsedText


@dataclass(slots=True)
class Found:
    """A quotation under construction; roles are token indices."""

    type: QuoteType
    quote: list[int]
    medium: Medium = Medium.SPEECH
    cue: list[int] = field(default_factory=list)
    frame: list[int] = field(default_factory=list)
    speaker: list[int] = field(default_factory=list)
    addressee: list[int] = field(default_factory=list)
    score: float = 0.5
    parent: Found | None = None
    labelled: bool = False
    """A turn read off its speaker's label ("Gewessler: Die sind überschaubar."): whole
    however short."""


@dataclass(frozen=True, slots=True)
class Cue:
    tokens: list[int]
    """The verb and its particle or auxiliary, in text order."""
    verb: int
    medium: Medium
    source_after_in: bool = False
    """"heißt es in der Mitteilung": the source is the phrase after "in", not a subject."""


_CLAUSE_BOUNDARIES = frozenset({",", ":", ";"}) | QUOTE_MARKS


class Doc:
    """One document's tokens with the lookups every rule needs."""

    def __init__(self, doc: ParsedText) -> None:
        self.doc = doc
        self.words = [t.text for t in doc.tokens]
        self.lower = [w.lower() for w in self.words]
        self.sentence_of = [0] * len(self.words)
        for index, sentence in enumerate(doc.sentences):
            for i in range(sentence.first_token, sentence.last_token):
                self.sentence_of[i] = index
        self.quoted = [False] * len(self.words)
        self._konjunktiv: dict[frozenset[str], list[int]] = {}
        self._shaped: list[bool] | None = None

    def konjunktiv_between(
        self, start: int, end: int, excluded: frozenset[str] = frozenset()
    ) -> bool:
        """Whether an unquoted Konjunktiv form (not in ``excluded``) stands in [start, end).

        Prefix counts make this O(1): the sentence rules ask it for every comma. They are
        built on first use, after the Direct quotes (and so ``quoted``) are final.
        """
        if excluded not in self._konjunktiv:
            forms = konjunktiv_forms() - excluded
            shaped = self._konjunktiv_shaped()
            counts = [0]
            for low, quoted, shape in zip(self.lower, self.quoted, shaped, strict=True):
                counts.append(counts[-1] + ((low in forms or shape) and not quoted))
            self._konjunktiv[excluded] = counts
        counts = self._konjunktiv[excluded]
        return counts[end] > counts[start]

    def _konjunktiv_shaped(self) -> list[bool]:
        """Per token: a Konjunktiv I by its shape right after its subject (any ``excluded``
        set of :meth:`konjunktiv_between` keeps these; computed once)."""
        if self._shaped is None:
            following = [*self.words[1:], ""]
            self._shaped = [
                konjunktiv_one_shape(word, after) and self._after_clause_subject(i)
                for i, (word, after) in enumerate(zip(self.words, following, strict=True))
            ]
        return self._shaped

    def _after_clause_subject(self, i: int) -> bool:
        """Whether a subject fills the clause up to token ``i``, which so stands second, where
        a finite verb does: "…, das neue Paket schaffe", "Es treffe", "…, er bringe" (not "weil
        er weitere Schritte plant", "der neue Chef")."""
        k = i - 1
        if k < 0:
            return False
        if self.lower[k] in THIRD_PERSON_SUBJECTS:
            return self._clause_starts(k)
        if not self._noun_like(k):
            return False
        if self._clause_starts(k) and self.sentence_of[k] != self.sentence_of[k - 1]:
            # one capitalised word opening the sentence may be an adverb, an adjective or a
            # numeral: "Elf weitere Menschen", but "Feldmann rechne mit …"
            return i + 1 < len(self.words) and not self.words[i + 1][:1].isupper()
        while not self._clause_starts(k) and self._noun_like(k - 1):
            k -= 1  # "Präsident Harald Mahrer"
        while not self._clause_starts(k) and adjective_like(self.words[k - 1]):
            k -= 1
        if not self._clause_starts(k) and self.lower[k - 1] in DETERMINERS:
            k -= 1
        return self._clause_starts(k)

    def _noun_like(self, k: int) -> bool:
        word = self.words[k]
        return word[:1].isupper() and word.isalpha() and self.lower[k] not in CLOSED_CLASS

    def _clause_starts(self, k: int) -> bool:
        """Whether a clause can start at token ``k``: its sentence's first token, or after a
        comma, colon, semicolon or quotation mark."""
        return (
            k == 0
            or self.sentence_of[k] != self.sentence_of[k - 1]
            or self.words[k - 1] in _CLAUSE_BOUNDARIES
        )

    def paragraph_break_before(self, i: int) -> bool:
        return self.doc.paragraph_break_before(i)

    def sentence_range(self, i: int) -> tuple[int, int]:
        sentence = self.doc.sentences[self.sentence_of[i]]
        return sentence.first_token, sentence.last_token

    def is_word(self, i: int) -> bool:
        return self.words[i][:1].isalnum()

    def verb_forms(self, i: int) -> tuple[SpeechVerbForm, ...]:
        word = self.words[i]
        if not word[:1].islower():
            return ()
        return speech_verbs().get(word, ())


def without_full_stop(d: Doc, end: int) -> int:
    """The end of a sentence ending at ``end`` without its closing punctuation."""
    return end - 1 if d.words[end - 1] in SENTENCE_END else end


def strip_punct(d: Doc, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past leading and trailing punctuation other than quote marks."""
    while start < end and d.words[start] in PUNCT:
        start += 1
    while end > start and d.words[end - 1] in PUNCT:
        end -= 1
    return start, end


def trim_commas(d: Doc, tokens: list[int]) -> list[int]:
    while tokens and d.words[tokens[0]] in CLAUSE_PUNCT:
        tokens = tokens[1:]
    while tokens and d.words[tokens[-1]] in CLAUSE_PUNCT:
        tokens = tokens[:-1]
    return tokens


def token_spans(doc: ParsedText, indices: Iterable[int]) -> tuple[Span, ...]:
    """Character spans of runs of consecutive tokens."""
    spans: list[Span] = []
    previous = -2
    for i in sorted(set(indices)):
        tok = doc.tokens[i]
        if i == previous + 1 and spans:
            spans[-1] = (spans[-1][0], tok.end)
        else:
            spans.append((tok.start, tok.end))
        previous = i
    return tuple(spans)


def token_role(doc: ParsedText, indices: Iterable[int]) -> Role | None:
    """The role covering ``indices`` (None for none)."""
    spans = token_spans(doc, indices)
    return Role.from_spans(doc.text, spans) if spans else None
