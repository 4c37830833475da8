"""The edges of a chosen speaker span, as the corpus marks them.

A candidate can come from a tagger run, the chunker or a rule, and its edges then differ
from the corpus convention in a few regular ways: a comma or colon at either end, a
relative pronoun before the phrase ("…, dem die Polizei"), the determiner left out before
an adjective ("Das isländische Fischereiministerium"), a hyphenated first part without the
rest of the coordination ("Kongress- und Verteidigungskreise"), or the "Von" of a name that
opens the sentence ("Von der Leyen").
"""

from __future__ import annotations

from collections.abc import Sequence

from zitat.lang.de.words import DETERMINERS

Segment = tuple[int, int]

_EDGE_PUNCTUATION = frozenset(",;:–-")
_COORDINATORS = frozenset({"und", "oder", "sowie"})
_NAME_ARTICLES = frozenset({"der", "den"})


def tidy(words: Sequence[str], sentence_starts: frozenset[int], span: Segment) -> Segment:
    """``span`` (token range over ``words``) with the corpus' edges."""
    start, end = span
    while start < end - 1 and words[start] in _EDGE_PUNCTUATION:
        start += 1
    while end > start + 1 and words[end - 1] in _EDGE_PUNCTUATION:
        end -= 1
    lower = [w.lower() for w in words]
    if end - start > 2 and lower[start] in DETERMINERS and lower[start + 1] in DETERMINERS:
        start += 1  # "dem die Polizei": a relative pronoun before the phrase
    before = start - 1
    if (
        before >= 0
        and lower[before] in DETERMINERS
        and words[start][:1].islower()
        and words[start][:1].isalpha()
        and lower[start] not in DETERMINERS
    ):
        start = before  # "Das isländische Fischereiministerium"
    elif (
        before in sentence_starts
        and words[before] == "Von"
        and lower[start] in _NAME_ARTICLES
        and end - start > 1
        and words[start + 1][:1].isupper()
    ):
        start = before  # "Von der Leyen" opening the sentence
    if (
        words[end - 1].endswith("-")
        and end + 1 < len(words)
        and lower[end] in _COORDINATORS
        and words[end + 1][:1].isupper()
    ):
        end += 2  # "Kongress- und Verteidigungskreise"
    return start, end
