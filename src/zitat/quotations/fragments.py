"""Fragments: quotations without quotation marks that are only a few words of a sentence.

A quotation without marks is a clause or a sentence ("Der Minister sagte, er werde das
prüfen."); a few words cut from one ("auch Trump wird", "geschafft werden") are no
quotation a reader could use.
"""

from __future__ import annotations

from collections.abc import Sequence

from zitat.lang.de.punctuation import QUOTE_MARKS
from zitat.lang.de.words import FIRST_PERSON_WORDS
from zitat.schema import Span

MIN_UNMARKED_WORDS = 4
"""A quotation without quotation marks has at least this many words."""


def quote_words(text: str, spans: Sequence[Span]) -> int:
    """Words of a quote: whitespace-separated pieces with a letter or digit."""
    return sum(
        any(c.isalnum() for c in piece) for start, end in spans for piece in text[start:end].split()
    )


def is_marked(text: str, spans: Sequence[Span]) -> bool:
    """Whether a quote holds a quotation mark or stands right between two."""
    if any(c in QUOTE_MARKS for start, end in spans for c in text[start:end]):
        return True
    first, last = spans[0][0], spans[-1][1]
    before = text[:first].rstrip()[-1:]
    after = text[last:].lstrip()[:1]
    return bool(before) and before in QUOTE_MARKS and bool(after) and after in QUOTE_MARKS


def is_labelled_statement(text: str, spans: Sequence[Span]) -> bool:
    """Whether a quote is a whole statement in the first person after a speaker's label and
    a colon ("Merkel: Wir schaffen das."): short, but no words cut from a sentence."""
    before = text[: spans[0][0]].rstrip()
    words = {piece.strip(".,;!?").lower() for s, e in spans for piece in text[s:e].split()}
    return before.endswith(":") and not words.isdisjoint(FIRST_PERSON_WORDS)


def is_closing_clause(text: str, spans: Sequence[Span]) -> bool:
    """Whether a quote is the whole clause after a comma or colon that ends its sentence
    ("Der Minister sagte, er werde zurücktreten."): short, but a clause of its own."""
    before = text[: spans[0][0]].rstrip()
    after = text[spans[-1][1] :].lstrip()
    return len(spans) == 1 and before[-1:] in {",", ":"} and after[:1] in {".", "!", "?"}


def is_fragment(text: str, spans: Sequence[Span]) -> bool:
    """A quote without quotation marks shorter than :data:`MIN_UNMARKED_WORDS` words, unless
    it is a labelled statement."""
    return (
        quote_words(text, spans) < MIN_UNMARKED_WORDS
        and not is_marked(text, spans)
        and not is_labelled_statement(text, spans)
        and not is_closing_clause(text, spans)
    )
