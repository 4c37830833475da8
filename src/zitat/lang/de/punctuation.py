"""Punctuation of German text: sentence and clause signs, and every quotation mark.

News from different outlets quote with „…“, »…«, «…», "…", “…”, ‚…‘, ›…‹, ‹…› or '…'
(:mod:`zitat.text.quotemarks` reads them all as „…“).
"""

from __future__ import annotations

SENTENCE_END = frozenset(".!?")
CLAUSE_PUNCT = frozenset(",;:()–-")
PUNCT = SENTENCE_END | CLAUSE_PUNCT
CLAUSE_ENDS = SENTENCE_END | frozenset(",;:")
DASHES = frozenset("–-—")
"""Dashes that may end a dateline ("Wien – …")."""

QUOTE_OPENERS = "„‚»›“‘\"'«‹"
QUOTE_CLOSERS = "“‘«‹”’\"'»›"
QUOTE_MARKS = frozenset(QUOTE_OPENERS + QUOTE_CLOSERS + "”’")

CLOSING_MARKS: dict[str, str] = {
    "„": '“”"',
    "»": "«",
    "«": "»",
    "‚": "‘’",
    "›": "‹",
    "‹": "›",
    "“": "”",
    '"': '"',
}
"""Opening mark -> the marks that close it. "“" opens English-style quotes but closes „;
the straight double quote closes itself."""
