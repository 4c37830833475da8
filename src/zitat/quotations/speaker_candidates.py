"""Candidate speaker mentions of each quotation, for the speaker ranker.

For an outer quotation the candidates are token spans in its own sentences, the
``SENTENCES_BEFORE`` before them and the one after: the tagger's speaker spans (its argmax
tags, and softer runs of words whose speaker probability reaches ``SOFT_SPEAKER``), its
named entities, the speakers the rules model and the tagger's own decoding gave any
quotation, noun phrases of a small chunker, personal pronouns, the quotation's current
speaker and the speaker chosen for the quotation before it (for cue-less continuations). A
span several sources propose is one candidate carrying all their names.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from zitat.lang.de.lexicon import context_word_classes, speech_verbs
from zitat.lang.de.punctuation import DASHES
from zitat.lang.de.words import LIST_COORDINATORS, NO_SPEAKER_PRONOUNS, adjective_like
from zitat.quotations.decode import bio_segments
from zitat.quotations.phrases import oblique_article
from zitat.schema import Quotation, Role
from zitat.text.document import ParsedText

Segment = tuple[int, int]
"""Token range, end exclusive."""

SOURCES: tuple[str, ...] = (
    "tagged",
    "soft",
    "entity",
    "rules",
    "decoded",
    "current",
    "chunk",
    "pronoun",
    "previous",
)
WORD_CLASSES: tuple[str, ...] = ("pronoun", "determiner", "oblique", "preposition", "vorfeld")
SENTENCES_BEFORE = 3
SENTENCES_AFTER = 1
SOFT_SPEAKER = 0.2
"""Speaker probability from which a word joins a soft tagger span."""
_GENITIVE = frozenset({"des", "der", "von", "vom"})


@dataclass(frozen=True, slots=True)
class Candidate:
    span: Segment
    sources: frozenset[str]


def token_segments(doc: ParsedText, role: Role | None) -> list[Segment]:
    """The token ranges covering each character span of ``role``."""
    out: list[Segment] = []
    for start, end in role.spans if role is not None else ():
        first = doc.token_at(start)
        if doc.tokens[first].end <= start:
            first += 1
        last = doc.token_at(end - 1)
        if first <= last:
            out.append((first, last + 1))
    return out


def trimmed(words: Sequence[str], seg: Segment, front: bool = True, back: bool = True) -> Segment:
    """``seg`` without the punctuation at its ``front`` and ``back`` ("Rafael Behr." is
    "Rafael Behr"): words without a letter or digit."""
    s, e = seg
    while front and s < e and not any(c.isalnum() for c in words[s]):
        s += 1
    while back and e > s and not any(c.isalnum() for c in words[e - 1]):
        e -= 1
    return s, e


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and any(c.isalpha() for c in word)


class ArticleView:
    """What the candidates and their features read of one document, computed once."""

    def __init__(
        self,
        doc: ParsedText,
        tags: Mapping[str, Sequence[str]],
        probabilities: Mapping[str, np.ndarray],
        quotations: Sequence[Quotation],
        others: Mapping[str, Sequence[Quotation]],
    ) -> None:
        """``quotations``: the ones to give speakers; ``others``: further quotations by source
        ("rules": the rules model's, "decoded": the tagger's own) whose speakers are
        candidates too."""
        self.doc = doc
        self.quotations = list(quotations)
        self.span_cache: dict[Segment, np.ndarray] = {}
        """Features of spans that do not depend on the quotation (filled by the features)."""
        n = len(doc.tokens)
        self.words = [t.text for t in doc.tokens]
        classes = context_word_classes()
        self.word_class = [classes.get(w.lower(), "") for w in self.words]
        self.sentence = np.array([doc.sentence_of_token(i) for i in range(n)], dtype=np.int64)
        breaks = [False] + [
            "\n" in doc.text[doc.tokens[i - 1].end : doc.tokens[i].start] for i in range(1, n)
        ]
        self.paragraph = np.cumsum(breaks, dtype=np.int64)
        self.sentence_start = np.array([s.first_token for s in doc.sentences], dtype=np.int64)
        self.sentence_end = np.array([s.last_token for s in doc.sentences], dtype=np.int64)
        speaker = probabilities["speaker"]
        self.speaker_p = 1.0 - speaker[:, 0]
        self.speaker_begin = speaker[:, 1]
        self.addressee_p = 1.0 - probabilities["addressee"][:, 0]
        self.cue_p = 1.0 - probabilities["cue"][:, 0]
        self.entity = [t.partition("-")[2] for t in tags["ner"]]
        self.outer = [q for q in quotations if q.nested_in is None]
        self.quote = [token_segments(doc, q.quote) for q in self.outer]
        self.quote_owner = np.full(n, -1, dtype=np.int64)
        for k, segments in enumerate(self.quote):
            for s, e in segments:
                self.quote_owner[s:e] = k
        self.proposed: list[tuple[str, Segment]] = [
            ("tagged", seg) for _, _, seg in bio_segments(list(tags["speaker"]))
        ]
        self.proposed += [("soft", seg) for seg in self._soft_runs()]
        self.proposed += [("entity", seg) for _, _, seg in bio_segments(list(tags["ner"]))]
        self.proposed += [
            (source, seg)
            for source, group in others.items()
            for q in group
            for seg in token_segments(doc, q.speaker)
        ]
        self.proposed += [("chunk", seg) for seg in self._chunks()]
        self.proposed += [("pronoun", (i, i + 1)) for i in range(n) if self._is_pronoun(i)]
        self.proposed = [
            (source, part) for source, seg in self.proposed for part in self._by_sentence(seg)
        ]
        self.proposed.sort(key=lambda p: p[1][0])
        self._proposed_starts = [seg[0] for _, seg in self.proposed]

    def _by_sentence(self, seg: Segment) -> list[Segment]:
        """``seg`` cut at sentence ends: a speaker is one mention inside one sentence (of
        3,304 gold speakers of the corpus' train and dev splits one crosses a sentence end),
        while a tagged run may go on into the next paragraph ("… schrieb der DIW-Präsident
        auf X. ¶ Skudelny: „…“")."""
        s, e = seg
        if self.sentence[s] == self.sentence[e - 1]:
            return [seg]
        parts = []
        while s < e:
            end = min(e, int(self.sentence_end[self.sentence[s]]))
            if self.words[end - 1] not in DASHES:  # a dateline ("Wien/Linz –") speaks not
                parts.append(trimmed(self.words, (s, end)))
            s = end
        return [part for part in parts if part[0] < part[1]]

    def _is_pronoun(self, i: int) -> bool:
        return self.word_class[i] == "pronoun"

    def _soft_runs(self) -> list[Segment]:
        runs: list[Segment] = []
        start = -1
        for i, p in enumerate([*self.speaker_p.tolist(), 0.0]):
            if p >= SOFT_SPEAKER and start < 0:
                start = i
            elif p < SOFT_SPEAKER and start >= 0:
                runs.append((start, i))
                start = -1
        return runs

    def _noun_phrase(self, i: int, end: int) -> int:
        """End of the noun phrase starting at ``i`` (``i`` when there is none): a determiner,
        adjectives, then capitalised words (nouns, titles, names)."""
        j = i + 1 if self.word_class[i] in ("determiner", "oblique") else i
        while j < end and adjective_like(self.words[j]) and not self.word_class[j]:
            j += 1
        last = i
        while j < end and _is_capitalised(self.words[j]) and self.word_class[j] != "preposition":
            j += 1
            last = j
        return last

    def _chunks(self) -> list[Segment]:
        chunks: list[Segment] = []
        for sentence in self.doc.sentences:
            i, end = sentence.first_token, sentence.last_token
            while i < end:
                stop = self._noun_phrase(i, end)
                if stop <= i or self.word_class[i] in ("vorfeld", "preposition", "pronoun"):
                    i += 1
                    continue
                chunks.append((i, stop))
                if stop < end and self.words[stop].lower() in _GENITIVE:
                    longer = self._noun_phrase(stop + 1, end)
                    if longer > stop + 1:
                        chunks.append((i, longer))
                if stop + 1 < end and self.words[stop] == ",":
                    apposition = self._noun_phrase(stop + 1, end)
                    if apposition > stop + 1:
                        chunks.append((i, apposition))
                i = stop
        return chunks

    def _well_formed(self, seg: Segment) -> bool:
        """Whether a proposed span can be a mention: none opens or ends with a coordinator
        ("Grüne und", "und Gesamtschule"; no speaker of the corpus does), nor is an oblique
        Vorfeld before its speech verb ("Der englisch-sprachigen Zeitung sagte Filep Karma":
        "der" with an adjective in -en is dative or genitive, the subject follows the verb),
        nor is it the expletive or generic pronoun alone ("es", "man")."""
        s, e = seg
        if e - s == 1 and self.words[s].lower() in NO_SPEAKER_PRONOUNS:
            return False
        if {self.words[s].lower(), self.words[e - 1].lower()} & LIST_COORDINATORS:
            return False
        return not (
            s == self.sentence_start[self.sentence[s]]
            and e - s > 2
            and oblique_article(self.words[s], self.words[s + 1])
            and e < len(self.words)
            and self.words[e].lower() in speech_verbs()
        )

    def window(self, k: int) -> Segment:
        """Tokens of quotation ``k``'s sentences and the sentences around it."""
        first = int(self.sentence[self.quote[k][0][0]])
        last = int(self.sentence[self.quote[k][-1][1] - 1])
        lo = max(0, first - SENTENCES_BEFORE)
        hi = min(len(self.sentence_start) - 1, last + SENTENCES_AFTER)
        return int(self.sentence_start[lo]), int(self.sentence_end[hi])

    def candidates(self, k: int, previous: Sequence[Segment] = ()) -> list[Candidate]:
        """The candidates of outer quotation ``k``; ``previous``: the speaker chosen for the
        quotation before it."""
        lo, hi = self.window(k)
        found: dict[Segment, set[str]] = {}
        first = bisect.bisect_left(self._proposed_starts, lo)
        last = bisect.bisect_right(self._proposed_starts, hi)
        for source, seg in self.proposed[first:last]:  # by start: linear in the text
            if seg[1] <= hi and self._well_formed(seg):
                found.setdefault(seg, set()).add(source)
        for whole in token_segments(self.doc, self.outer[k].speaker):
            for seg in self._by_sentence(whole):
                if self._well_formed(seg):
                    found.setdefault(seg, set()).add("current")
        for seg in previous:
            found.setdefault(seg, set()).add("previous")
        return [Candidate(seg, frozenset(s)) for seg, s in sorted(found.items())]
