"""A quotation in its context: the sentences of the article it was found in."""

from __future__ import annotations

from dataclasses import dataclass

from zitat.schema import Quotation
from zitat.text.tokenize import split_sentences

MAX_CONTEXT_CHARS = 400
"""At most this much text on either side of the quotation (a sentence can be a paragraph)."""


@dataclass(frozen=True, slots=True)
class InContext:
    """The sentences around a quotation, cut at its extent: ``before + quotation + after``
    is a slice of the article text (``start`` is where it begins)."""

    start: int
    before: str
    quotation: str
    after: str


def quotation_extent(quotation: Quotation) -> tuple[int, int]:
    """From the first to the last character of any of the quotation's roles."""
    spans = [
        span
        for role in (quotation.quote, quotation.cue, quotation.frame, quotation.speaker)
        if role is not None
        for span in role.spans
    ]
    return min(s for s, _ in spans), max(e for _, e in spans)


def in_context(text: str, quotation: Quotation) -> InContext:
    """The sentences of ``text`` that hold ``quotation``, split around it."""
    start, end = quotation_extent(quotation)
    first, last = start, end
    for sentence in split_sentences(text):
        if sentence.end > start and sentence.start < end:
            first, last = min(first, sentence.start), max(last, sentence.end)
    first, last = max(first, start - MAX_CONTEXT_CHARS), min(last, end + MAX_CONTEXT_CHARS)
    return InContext(first, text[first:start], text[start:end], text[end:last])
