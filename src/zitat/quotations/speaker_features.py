"""Feature vectors of a quotation's speaker candidates, for the speaker ranker.

Row 0 of a quotation's matrix is the "no speaker" choice (``is_none``); every row also
carries the quotation's own features (form, cue, confidence), so that the ranker can weigh a
candidate against the quotation it would speak. Everything is a number in [0, 1] or a
log-scaled count; the ranker standardises them with the training set's mean and spread.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from zitat.lang.de.lexicon import first_names
from zitat.quotations.speaker_candidates import (
    SOURCES,
    WORD_CLASSES,
    ArticleView,
    Candidate,
    Segment,
    token_segments,
)
from zitat.schema import QuoteType
from zitat.speakers.roles import noun_info

ENTITY_TYPES: tuple[str, ...] = ("PER", "ORG", "LOC", "MISC")
NOUN_CLASSES: tuple[str, ...] = (
    "role",
    "adjrole",
    "org",
    "medium",
    "document",
    "statement",
    "group",
    "office",
)
"""Classes of ``speaker_nouns.tsv`` (via :func:`zitat.speakers.roles.noun_info`)."""
_OPENING_MARKS = frozenset("„»«‚›‹“\"':")
_SIDES = ("inside_quote", "side_before", "side_after")
_PUNCTUATION = frozenset(',;:.!?()–-„“”»«"')

FEATURE_NAMES: tuple[str, ...] = (
    "is_none",
    *(f"source_{s}" for s in SOURCES),
    "source_count",
    *(f"entity_{t}" for t in ENTITY_TYPES),
    *(f"noun_{c}" for c in NOUN_CLASSES),
    "first_name",
    "speaker_p_mean",
    "speaker_p_min",
    "speaker_begin_first",
    "speaker_p_before",
    "speaker_p_after",
    "addressee_p_mean",
    "cue_p_max",
    *(f"first_{c}" for c in WORD_CLASSES),
    *(f"preceded_by_{c}" for c in WORD_CLASSES),
    "preceded_by_comma",
    "preceded_by_mark",
    "capitalised",
    "sentence_initial",
    "length_log",
    "single_word",
    "has_comma",
    "side_before",
    "side_after",
    "inside_quote",
    "inside_other_quote",
    "token_gap_log",
    *(f"sentences_apart_{d}" for d in range(4)),
    "paragraphs_apart_0",
    "paragraphs_apart_1",
    "nearest_on_its_side",
    "rank_on_its_side_log",
    "overlaps_cue",
    "overlaps_frame",
    "overlaps_addressee",
    "cue_gap_log",
    "same_sentence_as_cue",
    "cue_right_after",
    "cue_right_before",
    "punctuation_to_cue",
    "between_cue_and_quote",
    "cue_word_after_p",
    "cue_word_before_p",
    "sentence_cue_p_max",
    "oblique_adjective",
    "contains_candidates_log",
    "inside_candidates_log",
    "same_words_as_previous",
    "quote_has_cue",
    "quote_has_speaker",
    "quote_has_previous",
    "previous_sentences_apart_log",
    "previous_same_paragraph",
    "quote_score",
    "quote_length_log",
    "window_speaker_p_max",
    *(f"form_{t.value}" for t in QuoteType),
)
INDEX = {name: i for i, name in enumerate(FEATURE_NAMES)}


def _gap(a: Segment, b: Segment) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _log(n: float) -> float:
    return math.log1p(max(0.0, n))


def _overlaps(seg: Segment, others: Sequence[Segment]) -> bool:
    return any(seg[0] < e and s < seg[1] for s, e in others)


def _span_features(view: ArticleView, span: Segment) -> np.ndarray:
    """The features of a span that do not depend on the quotation (cached on the view)."""
    cached = view.span_cache.get(span)
    if cached is not None:
        return cached
    s, e = span
    row = np.zeros(len(FEATURE_NAMES), dtype=np.float32)
    for i in range(s, e):
        if view.entity[i] in ENTITY_TYPES:
            row[INDEX[f"entity_{view.entity[i]}"]] += 1.0 / (e - s)
    for word in view.words[s:e]:
        info = noun_info(word)
        if info is not None:
            row[INDEX[f"noun_{info.cls}"]] = 1.0
        if word in first_names():
            row[INDEX["first_name"]] = 1.0
    speaker_p = view.speaker_p[s:e]
    row[INDEX["speaker_p_mean"]] = float(speaker_p.mean())
    row[INDEX["speaker_p_min"]] = float(speaker_p.min())
    row[INDEX["speaker_begin_first"]] = float(view.speaker_begin[s])
    row[INDEX["speaker_p_before"]] = float(view.speaker_p[s - 1]) if s > 0 else 0.0
    row[INDEX["speaker_p_after"]] = float(view.speaker_p[e]) if e < len(view.words) else 0.0
    row[INDEX["addressee_p_mean"]] = float(view.addressee_p[s:e].mean())
    row[INDEX["cue_p_max"]] = float(view.cue_p[s:e].max())
    if view.word_class[s]:
        row[INDEX[f"first_{view.word_class[s]}"]] = 1.0
    sentence = int(view.sentence[s])
    initial = s == view.sentence_start[sentence]
    if not initial:
        if view.word_class[s - 1]:
            row[INDEX[f"preceded_by_{view.word_class[s - 1]}"]] = 1.0
        row[INDEX["preceded_by_comma"]] = view.words[s - 1] == ","
        row[INDEX["preceded_by_mark"]] = view.words[s - 1] in _OPENING_MARKS
    row[INDEX["capitalised"]] = view.words[s][:1].isupper()
    row[INDEX["sentence_initial"]] = initial
    row[INDEX["length_log"]] = _log(e - s)
    row[INDEX["single_word"]] = e - s == 1
    row[INDEX["has_comma"]] = "," in view.words[s:e]
    row[INDEX["cue_word_after_p"]] = float(view.cue_p[e]) if e < len(view.words) else 0.0
    row[INDEX["cue_word_before_p"]] = float(view.cue_p[s - 1]) if s > 0 else 0.0
    first, last = view.sentence_start[sentence], view.sentence_end[sentence]
    row[INDEX["sentence_cue_p_max"]] = float(view.cue_p[first:last].max())
    row[INDEX["oblique_adjective"]] = (
        view.words[s].lower() == "der" and e - s > 2 and view.words[s + 1].endswith("en")
    )
    view.span_cache[span] = row
    return row


def feature_rows(
    view: ArticleView, k: int, candidates: Sequence[Candidate], previous: Sequence[Segment] = ()
) -> np.ndarray:
    """Features of "no speaker" (row 0) and of each candidate of outer quotation ``k``."""
    q = view.outer[k]
    quote = view.quote[k]
    cue = token_segments(view.doc, q.cue)
    frame = token_segments(view.doc, q.frame)
    addressee = token_segments(view.doc, q.addressee)
    quote_span = (quote[0][0], quote[-1][1])
    sent_lo = int(view.sentence[quote_span[0]])
    sent_hi = int(view.sentence[quote_span[1] - 1])
    lo, hi = view.window(k)
    common = np.zeros(len(FEATURE_NAMES), dtype=np.float32)
    common[INDEX["quote_has_cue"]] = bool(cue)
    common[INDEX["quote_has_speaker"]] = q.speaker is not None
    common[INDEX["quote_has_previous"]] = bool(previous)
    if previous and k > 0:
        before = view.quote[k - 1]
        apart = sent_lo - int(view.sentence[before[-1][1] - 1])
        common[INDEX["previous_sentences_apart_log"]] = _log(apart)
        common[INDEX["previous_same_paragraph"]] = (
            view.paragraph[before[-1][1] - 1] == view.paragraph[quote_span[0]]
        )
    common[INDEX["quote_score"]] = q.score
    common[INDEX["quote_length_log"]] = _log(sum(e - s for s, e in quote))
    common[INDEX["window_speaker_p_max"]] = float(view.speaker_p[lo:hi].max(initial=0.0))
    common[INDEX[f"form_{q.type.value}"]] = 1.0
    previous_words = {view.words[e - 1].lower() for _, e in previous}

    rows = np.tile(common, (len(candidates) + 1, 1))
    rows[0, INDEX["is_none"]] = 1.0
    if not candidates:
        return rows
    rows[1:] += np.array([_span_features(view, c.span) for c in candidates])
    starts = np.array([c.span[0] for c in candidates])
    ends = np.array([c.span[1] for c in candidates])
    # how many other candidates each one contains, and lies inside
    contains = (starts[None, :] >= starts[:, None]) & (ends[None, :] <= ends[:, None])
    rows[1:, INDEX["contains_candidates_log"]] = np.log1p(contains.sum(1) - 1)
    rows[1:, INDEX["inside_candidates_log"]] = np.log1p(contains.sum(0) - 1)
    sides = np.array(
        [
            0 if _overlaps(c.span, quote) else (1 if c.span[1] <= quote_span[0] else 2)
            for c in candidates
        ]
    )
    gaps = np.array([min(_gap(c.span, seg) for seg in quote) for c in candidates])
    ranks = ((sides[None, :] == sides[:, None]) & (gaps[None, :] < gaps[:, None])).sum(1)
    for n, c in enumerate(candidates, 1):
        s, e = c.span
        side, gap, rank = int(sides[n - 1]), int(gaps[n - 1]), int(ranks[n - 1])
        row = rows[n]
        for source in c.sources:
            row[INDEX[f"source_{source}"]] = 1.0
        row[INDEX["source_count"]] = len(c.sources)
        row[INDEX[_SIDES[side]]] = 1.0
        owners = set(view.quote_owner[s:e].tolist()) - {-1, k}
        row[INDEX["inside_other_quote"]] = bool(owners)
        row[INDEX["token_gap_log"]] = _log(gap)
        sentence = int(view.sentence[s])
        apart = (
            0
            if sent_lo <= sentence <= sent_hi
            else min(abs(sentence - sent_lo), abs(sentence - sent_hi))
        )
        row[INDEX[f"sentences_apart_{min(apart, 3)}"]] = 1.0
        paragraphs = abs(int(view.paragraph[s]) - int(view.paragraph[quote_span[0]]))
        if paragraphs < 2:
            row[INDEX[f"paragraphs_apart_{paragraphs}"]] = 1.0
        row[INDEX["nearest_on_its_side"]] = rank == 0
        row[INDEX["rank_on_its_side_log"]] = _log(rank)
        row[INDEX["overlaps_cue"]] = _overlaps(c.span, cue)
        row[INDEX["overlaps_frame"]] = _overlaps(c.span, frame)
        row[INDEX["overlaps_addressee"]] = _overlaps(c.span, addressee)
        if cue:
            row[INDEX["cue_gap_log"]] = _log(min(_gap(c.span, seg) for seg in cue))
            row[INDEX["same_sentence_as_cue"]] = view.sentence[cue[0][0]] == sentence
            row[INDEX["cue_right_after"]] = any(seg[0] == e for seg in cue)
            row[INDEX["cue_right_before"]] = any(seg[1] == s for seg in cue)
            nearest = min(cue, key=lambda seg: _gap(c.span, seg))
            between = range(min(e, nearest[1]), max(s, nearest[0]))
            row[INDEX["punctuation_to_cue"]] = any(view.words[i] in _PUNCTUATION for i in between)
            row[INDEX["between_cue_and_quote"]] = (nearest[1] <= s and e <= quote_span[0]) or (
                quote_span[1] <= s and e <= nearest[0]
            )
        else:
            row[INDEX["cue_gap_log"]] = _log(gap)
        row[INDEX["same_words_as_previous"]] = view.words[e - 1].lower() in previous_words
    return rows
