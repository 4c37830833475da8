"""Fragments and names: short quotes that are no quotation a reader could use.

A quotation without marks is a clause or a sentence ("Der Minister sagte, er werde das
prüfen."); a few words cut from one ("auch Trump wird", "geschafft werden") are no
quotation. Nor is a name in quotation marks after an article ("sagte er dem „Spiegel“",
"die „Neue Zürcher Zeitung“"): it names a paper, a ship or a film.
"""

from __future__ import annotations

from collections.abc import Sequence

from zitat.lang.de.punctuation import QUOTE_MARKS
from zitat.lang.de.words import ARTICLE_CONTRACTIONS, BEFORE_QUOTED_NAMES, FIRST_PERSON_WORDS
from zitat.schema import Span

MIN_UNMARKED_WORDS = 4
"""A quotation without quotation marks has at least this many words."""
MAX_NAME_WORDS = 3
"""A quoted name after an article has at most this many words."""
_MARKS_AND_PUNCTUATION = "".join(QUOTE_MARKS) + ".,;:!?"


def quote_words(text: str, spans: Sequence[Span]) -> int:
    """Words of a quote: whitespace-separated pieces with a letter or digit."""
    return sum(
        any(c.isalnum() for c in piece) for start, end in spans for piece in text[start:end].split()
    )


def _neighbours(text: str, spans: Sequence[Span]) -> tuple[str, str]:
    """The characters right before and after a quote, whitespace skipped ("" at the text's
    edges); read in place, without copying the text around the quote."""
    before, after = spans[0][0], spans[-1][1]
    while before > 0 and text[before - 1].isspace():
        before -= 1
    while after < len(text) and text[after].isspace():
        after += 1
    return text[before - 1 : before] if before else "", text[after : after + 1]


def is_marked(text: str, spans: Sequence[Span]) -> bool:
    """Whether a quote holds a quotation mark or stands right between two."""
    if any(c in QUOTE_MARKS for start, end in spans for c in text[start:end]):
        return True
    before, after = _neighbours(text, spans)
    return bool(before) and before in QUOTE_MARKS and bool(after) and after in QUOTE_MARKS


def is_labelled_statement(text: str, spans: Sequence[Span]) -> bool:
    """Whether a quote is a whole statement in the first person after a speaker's label and
    a colon ("Merkel: Wir schaffen das."): short, but no words cut from a sentence."""
    words = {piece.strip(".,;!?").lower() for s, e in spans for piece in text[s:e].split()}
    return _neighbours(text, spans)[0] == ":" and not words.isdisjoint(FIRST_PERSON_WORDS)


def is_closing_clause(text: str, spans: Sequence[Span]) -> bool:
    """Whether a quote is the whole clause after a comma or colon that ends its sentence
    ("Der Minister sagte, er werde zurücktreten."): short, but a clause of its own."""
    before, after = _neighbours(text, spans)
    return len(spans) == 1 and before in {",", ":"} and after in {".", "!", "?"}


def is_fragment(text: str, spans: Sequence[Span]) -> bool:
    """A quote without quotation marks shorter than :data:`MIN_UNMARKED_WORDS` words, unless
    it is a labelled statement or a clause closing its sentence."""
    return (
        quote_words(text, spans) < MIN_UNMARKED_WORDS
        and not is_marked(text, spans)
        and not is_labelled_statement(text, spans)
        and not is_closing_clause(text, spans)
    )


def is_quoted_name(text: str, spans: Sequence[Span]) -> bool:
    """Whether a quote is a name in quotation marks right after a word of
    :data:`BEFORE_QUOTED_NAMES` ("dem „Spiegel“", "der „Neuen Zürcher Zeitung“", "im
    „Standard“", "laut „Reuters“") or a hyphen that makes it part of a compound
    ("Ö1-„Morgenjournal“"): at most :data:`MAX_NAME_WORDS` words, each capitalised or a
    number, or "am", "im" and the like inside ("der „Bild am Sonntag“"). In the quotation
    corpus (train and dev) 3 of 141 such quotes after a definite article are quotations,
    and none of 7 after "laut" or "gegenüber": scare quotes ("gegen den „Terrorismus“";
    "der „Normalfall“" inside reported speech, which nests)."""
    if not is_marked(text, spans):
        return False
    words = [
        word
        for start, end in spans
        for piece in text[start:end].split()
        if (word := piece.strip(_MARKS_AND_PUNCTUATION))
    ]
    if not 0 < len(words) <= MAX_NAME_WORDS:
        return False
    inner = set(words[1:-1])
    if not all(
        w[0].isupper() or w[0].isdigit() or w in inner & ARTICLE_CONTRACTIONS for w in words
    ):
        return False
    start = spans[0][0]
    if start > 0 and text[start - 1] == "-":
        return True  # the last part of a compound: "im Ö1-„Morgenjournal“"
    return _word_before(text, start).lower() in BEFORE_QUOTED_NAMES


_LONGEST_WORD_BEFORE = max(len(word) for word in BEFORE_QUOTED_NAMES)


def _word_before(text: str, position: int) -> str:
    """The short word (up to 9 letters, enough for "gegenüber") before ``position``, marks
    and whitespace skipped; "" when a longer word or none is there."""
    end = position
    while end > 0 and (text[end - 1].isspace() or text[end - 1] in QUOTE_MARKS):
        end -= 1
    begin = end
    while begin > 0 and text[begin - 1].isalpha() and end - begin < _LONGEST_WORD_BEFORE:
        begin -= 1
    return "" if begin > 0 and text[begin - 1].isalnum() else text[begin:end]
